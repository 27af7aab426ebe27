// The published site works wherever IPFS puts it. The site is built for the local network exactly as
// publish:ipfs builds it, packed into a CAR, and the CAR's contents are served three ways:
//   1. a path gateway:      http://127.0.0.1:<port>/ipfs/<cid>/      (the local Helia gateway, CAR imported)
//   2. a subdomain gateway: http://<cid>.ipfs.localhost:<port>/      (same node; its own origin)
//   3. the root of a separate origin: the CAR unpacked by the ipfs-car CLI and served statically.
// The same build is then rebuilt from nothing by verify:site, which must find the same root CID: two clean
// builds of one commit are byte for byte the same (a failure names the files that differ).
// Under each, a browser opens the home page, follows a listing, reloads the deep link and buys with the
// test wallet (test/e2e's injected EIP-6963 wallet), each time as a new account funded from Node with ETH and
// tUSD. The chain, graph node and IPFS node come from `npm start`.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from '@playwright/test';
import { type Hex, createPublicClient, createTestClient, createWalletClient, http, parseEther, parseUnits } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { importCar } from '../../scripts/ipfs/car.ts';
import { type IpfsNode, startIpfsNode } from '../../scripts/ipfs/node.ts';
import { BUILD_DIR, buildAndPack, root } from '../../scripts/ipfs/site-build.ts';
import { freePort } from '../../scripts/platform/ports.ts';
import { localSiteEnv } from '../../scripts/platform/site-env.ts';
import { type StaticSite, serveStatic } from '../../scripts/platform/static-server.ts';
import type { Deployment } from '../../scripts/deploy.ts';
import { chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { KEYS } from '../e2e/platform.ts';
import { type TestWallet, WALLET_NAME, installWallet } from '../e2e/wallet.ts';
import { type SiteOrigin, browseAndBuy, launchBrowser } from './site-journey.ts';
import { differences, fileHashes } from './build-diff.ts';
import { firstLoad, gzipKB, heavyCode } from '../../scripts/web/first-load.ts';

const hasSite = Boolean(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.['build:web']);
const hasIndexer = existsSync(join(root, 'subgraph/node'));
const skip = !hasSite ? 'no build:web script: there is no site yet' : !hasIndexer ? 'no graph node (subgraph/node) yet' : false;

// npm start writes deployments/local.json for the ports it runs on: put back a developer's own afterwards.
const deploymentFile = join(root, 'deployments/local.json');
const developersDeployment = existsSync(deploymentFile) ? readFileSync(deploymentFile, 'utf8') : undefined;
let work: string;
let platform: ChildProcess | undefined;
let gateway: IpfsNode | undefined;
let separate: StaticSite | undefined;
let origins: SiteOrigin[] = [];
let rpcUrl: string;
let deployment: Deployment;
let siteEnv: Record<string, string>;
let built: { cid: string; commit: string; files: Map<string, string> } | undefined;

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

  rpcUrl = `http://127.0.0.1:${ports.anvil}`;
  deployment = JSON.parse(readFileSync(deploymentFile, 'utf8'));
  const ipfsUrl = `http://127.0.0.1:${ports.ipfs}`;
  siteEnv = localSiteEnv({ rpcUrl, subgraphUrl: `http://127.0.0.1:${ports.graph}/subgraphs/name/chainmart`, ipfsUrl });
  const build = await buildAndPack({ network: 'local', carPath: join(work, 'site.car'), quiet: true, env: siteEnv });
  const cid = build.root.toString();
  built = { cid, commit: build.commit, files: fileHashes(BUILD_DIR) };

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

/** A new account with 10 ETH and 1000 tUSD, so the first listing can be bought whatever its token. */
async function fundedBuyer(): Promise<Hex> {
  const key = generatePrivateKey();
  const address = privateKeyToAccount(key).address;
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  await createTestClient({ chain, mode: 'anvil', transport: http(rpcUrl) }).setBalance({ address, value: parseEther('10') });
  const minter = createWalletClient({ account: privateKeyToAccount(KEYS.deployer), chain, transport: http(rpcUrl) });
  const hash = await minter.writeContract({
    address: deployment.contracts.SettlementToken.address,
    abi: testUsdcAbi,
    functionName: 'mint',
    args: [address, parseUnits('1000', 6)],
  });
  await createPublicClient({ chain, transport: http(rpcUrl) }).waitForTransactionReceipt({ hash });
  return key;
}

/** From the listing page: Buy, connect the injected wallet, enter an address, pay; the order's transaction. */
async function buyWithWallet(page: Page, origin: SiteOrigin, wallet: TestWallet): Promise<string> {
  await page.getByTestId('buy').click();
  await page.waitForURL((url) => url.pathname.includes('checkout'));
  assert.ok(new URL(page.url()).pathname.startsWith(origin.mustStayUnder), `${origin.name}: checkout stays under ${origin.mustStayUnder}`);
  await page.locator('body[data-hydrated="true"]').waitFor();
  await page.getByTestId('checkout-title').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /连接钱包|Connect wallet/ }).click();
  await page.getByRole('button', { name: WALLET_NAME }).click();
  // Connected once the wallet dialog (modal: the form behind it is inert) has closed.
  await page.getByTestId('account').waitFor();
  const shipping = { name: 'Gateway Buyer', phone: '+86 10 0000 0000', address: '1 Gateway Road', city: 'Beijing', postalCode: '100000', country: 'CN' };
  for (const [field, value] of Object.entries(shipping)) await page.locator(`#ship-${field}`).fill(value);
  const pay = page.getByTestId('pay');
  await pay.waitFor();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="pay"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 30_000 });
  await pay.click();
  await page.waitForURL((url) => url.pathname.includes('orders') && url.searchParams.has('id'), { timeout: 60_000 });
  assert.ok(new URL(page.url()).pathname.startsWith(origin.mustStayUnder), `${origin.name}: the order page stays under ${origin.mustStayUnder}`);
  const orderId = BigInt(new URL(page.url()).searchParams.get('id')!);
  assert.equal(wallet.requests.filter((r) => r === 'eth_sendTransaction').length, 1, `${origin.name}: one transaction`);
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  const [placed] = await createPublicClient({ chain, transport: http(rpcUrl) }).getContractEvents({
    address: deployment.contracts.ChainMartEscrow.address,
    abi: chainMartEscrowAbi,
    eventName: 'OrderPlaced',
    args: { orderId, buyer: wallet.address },
    fromBlock: 0n,
  });
  assert.ok(placed, `${origin.name}: order ${orderId} was placed on chain by ${wallet.address}`);
  return placed.transactionHash;
}

test('the site from the CAR browses, survives a deep-link reload and buys: path gateway, subdomain gateway, own origin', { skip, timeout: 240_000 }, async (t) => {
  const browser = await launchBrowser();
  try {
    for (const origin of origins) {
      const key = await fundedBuyer();
      let wallet: TestWallet | undefined;
      const result = await browseAndBuy(
        browser,
        origin,
        (page) => buyWithWallet(page, origin, wallet!),
        async (page) => {
          wallet = await installWallet(page, rpcUrl, key);
        },
      );
      t.diagnostic(`${origin.name}: ${origin.home} -> ${result.deepLink}, order tx ${result.orderTx}`);
    }
  } finally {
    await browser.close();
  }
});

// The shopper's pages load no chain code before a click (the shared chunk once carried viem and every ABI onto
// them: 285 KB), and stay within the budget bench:web measures in a browser (this counts static imports only).
test('the home, search and listing pages load no viem client, ABI coder or contract ABI up front, within 100 KB gzip', { skip }, (t) => {
  assert.ok(built, 'the first build ran');
  for (const page of ['index.html', 'search/index.html', 'product/index.html']) {
    const files = firstLoad(BUILD_DIR, page);
    t.diagnostic(`${page}: ${gzipKB(files)} KB gzip in ${files.length} scripts`);
    assert.deepEqual(heavyCode(files), [], `${page} loads chain code up front (see vite.config.ts, CHAIN_CODE)`);
    assert.ok(gzipKB(files) <= 100, `${page} loads ${gzipKB(files)} KB gzip up front (budget 100)`);
  }
});

test('a second clean build of this commit has the same CID; verify:site confirms it', { skip }, (t) => {
  assert.ok(built, 'the first build ran');
  t.diagnostic(`build 1: ${built.cid} (${built.files.size} files, commit ${built.commit.slice(0, 12)})`);
  // verify:site builds for the environment it is given, like anyone rebuilding a published site.
  const verify = spawnSync('npm', ['run', '--silent', 'verify:site', '--', built.cid, '--network', 'local'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...siteEnv },
  });
  const second = /builds (\S+) for/.exec(verify.stdout)?.[1];
  t.diagnostic(`build 2: ${second}`);
  assert.deepEqual(differences(built.files, fileHashes(BUILD_DIR)), [], 'the two builds differ in these files');
  assert.equal(verify.status, 0, `verify:site exit ${verify.status}:\n${verify.stdout}\n${verify.stderr}`);
  assert.match(verify.stdout, /^MATCH: /m);
  assert.equal(second, built.cid);
});
