// The published site works wherever IPFS puts it. The site is built for the local network exactly as
// publish:ipfs builds it, packed into a CAR, and the CAR's contents are served three ways:
//   1. a path gateway:      http://127.0.0.1:<port>/ipfs/<cid>/      (the local Helia gateway, CAR imported)
//   2. a subdomain gateway: http://<cid>.ipfs.localhost:<port>/      (same node; its own origin)
//   3. the root of a separate origin: the CAR unpacked by the ipfs-car CLI and served statically.
// Under each, a browser opens the home page, follows a listing, reloads the deep link and buys with the
// test wallet (test/e2e's wallet fixture). The chain, graph node and IPFS node come from `npm start`.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importCar } from '../../scripts/ipfs/car.ts';
import { type IpfsNode, startIpfsNode } from '../../scripts/ipfs/node.ts';
import { buildAndPack, root } from '../../scripts/ipfs/site-build.ts';
import { freePort } from '../../scripts/platform/ports.ts';
import { localSiteEnv } from '../../scripts/platform/site-env.ts';
import { type StaticSite, serveStatic } from '../../scripts/platform/static-server.ts';
import { type SiteOrigin, browseAndBuy, launchBrowser } from './site-journey.ts';

const hasSite = Boolean(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.['build:web']);
const hasIndexer = existsSync(join(root, 'subgraph/node'));
const walletFixture = ['fixtures.ts', 'wallet.ts'].map((f) => join(root, 'test/e2e', f)).find(existsSync);
const skip = !hasSite
  ? 'no build:web script: there is no site yet'
  : !hasIndexer
    ? 'no graph node (subgraph/node) yet'
    : !walletFixture
      ? 'no wallet fixture in test/e2e yet: cannot buy'
      : false;

// npm start writes deployments/local.json for the ports it runs on: put back a developer's own afterwards.
const deploymentFile = join(root, 'deployments/local.json');
const developersDeployment = existsSync(deploymentFile) ? readFileSync(deploymentFile, 'utf8') : undefined;
let work: string;
let platform: ChildProcess | undefined;
let gateway: IpfsNode | undefined;
let separate: StaticSite | undefined;
let origins: SiteOrigin[] = [];

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'chainmart-gateway-'));
  const ports = { anvil: await freePort(), graph: await freePort(), ipfs: await freePort(), site: await freePort() };
  const args = ['start', '--', '--fresh', '--no-site'];
  for (const [name, port] of Object.entries(ports)) args.push(`--${name}-port`, String(port));
  platform = spawn('npm', args, { cwd: root, detached: true, env: { ...process.env, CHAINMART_DATA_DIR: join(work, 'data') } });
  let output = '';
  platform.stdout?.on('data', (chunk) => (output += chunk));
  platform.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 150_000;
  while (!/ChainMart is ready/.test(output)) {
    if (platform.exitCode !== null || Date.now() > deadline) assert.fail(`npm start did not get ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const ipfsUrl = `http://127.0.0.1:${ports.ipfs}`;
  const build = await buildAndPack({
    network: 'local',
    carPath: join(work, 'site.car'),
    quiet: true,
    env: localSiteEnv({
      rpcUrl: `http://127.0.0.1:${ports.anvil}`,
      subgraphUrl: `http://127.0.0.1:${ports.graph}/subgraphs/name/chainmart`,
      ipfsUrl,
    }),
  });
  const cid = build.root.toString();

  gateway = await startIpfsNode({ dataDir: join(work, 'gateway'), port: 0 });
  assert.deepEqual((await importCar(gateway.helia.blockstore, build.car)).map(String), [cid]);
  execFileSync(join(root, 'node_modules/.bin/ipfs-car'), ['unpack', join(work, 'site.car'), '--output', join(work, 'unpacked')], {
    stdio: 'ignore',
  });
  separate = await serveStatic({ root: join(work, 'unpacked'), host: '127.0.0.1', port: 0 });
  origins = [
    { name: 'path gateway', home: `${gateway.url}/ipfs/${cid}/`, mustStayUnder: `/ipfs/${cid}/` },
    { name: 'subdomain gateway', home: `http://${cid}.ipfs.localhost:${gateway.port}/`, mustStayUnder: '/' },
    { name: 'separate origin', home: separate.url, mustStayUnder: '/' },
  ];
});

after(async () => {
  await separate?.stop();
  await gateway?.stop();
  if (platform?.pid && platform.exitCode === null) {
    const exited = new Promise((resolve) => platform!.once('exit', resolve));
    process.kill(-platform.pid, 'SIGINT');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
  if (developersDeployment !== undefined) writeFileSync(deploymentFile, developersDeployment);
});

test('the site from the CAR browses, survives a deep-link reload and buys: path gateway, subdomain gateway, own origin', { skip, timeout: 240_000 }, async (t) => {
  const browser = await launchBrowser();
  try {
    for (const origin of origins) {
      const result = await browseAndBuy(browser, origin, async () => {
        // The purchase goes through test/e2e's injected EIP-6963 wallet; until that fixture is wired in
        // here this fails loudly rather than passing without buying.
        assert.fail(`buy step not wired to the wallet fixture ${walletFixture}`);
      });
      t.diagnostic(`${origin.name}: ${origin.home} -> ${result.deepLink}, order tx ${result.orderTx}`);
    }
  } finally {
    await browser.close();
  }
});
