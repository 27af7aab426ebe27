// `npm start`: the whole platform on this machine, from a fresh clone after `npm ci`.
//   anvil (state in .data/anvil, resumed on the next start) -> contracts deployed unless already on chain ->
//   demo data (first run) -> subgraph built and indexed by the local graph node (.data/indexer) ->
//   local IPFS node (.data/ipfs) -> site built and served -> URLs and development accounts printed.
// Ctrl-C (or SIGTERM) stops everything; `npm start -- --fresh` starts over. See scripts/platform/config.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, http } from 'viem';
import { ANVIL_KEY_0, type Deployment, deploy, deploymentPath } from './deploy.ts';
import type { IpfsNode } from './ipfs/node.ts';
import { type Anvil, startAnvil } from './platform/anvil.ts';
import { PORT_OPTIONS, type PlatformConfig, USAGE, parseConfig } from './platform/config.ts';
import { PortInUseError, assertPortsFree } from './platform/ports.ts';
import { type ManagedProcess, startProcess } from './platform/processes.ts';
import { type StaticSite, serveStatic } from './platform/static-server.ts';
import { fingerprint, isUpToDate, recordBuild } from './platform/fingerprint.ts';
import { localSiteEnv } from './platform/site-env.ts';
import { type Indexer, startIndexer } from './platform/indexer.ts';
import { devAccounts, privateKeyOf } from './seed/chain.ts';
import { type AccountAbstraction, startAccountAbstraction } from './platform/aa.ts';

const root = join(import.meta.dirname, '..');
const started = commandStartTime();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[${elapsed().padStart(7)}] ${line}`);

/** Everything started so far, stopped in reverse order. */
const running: { name: string; stop: () => Promise<void> }[] = [];
let shuttingDown: Promise<void> | undefined;

function shutdown(reason: string, code: number): Promise<void> {
  shuttingDown ??= (async () => {
    console.log(`\n${reason}: stopping ${running.map((r) => r.name).reverse().join(', ') || 'nothing'}...`);
    for (const item of running.reverse()) {
      try {
        await item.stop();
      } catch (error) {
        console.error(`  stopping ${item.name} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
    console.log('stopped.');
    process.exit(code);
  })();
  return shuttingDown;
}

process.on('SIGINT', () => {
  if (shuttingDown) {
    console.log('second Ctrl-C: exiting now');
    process.exit(130);
  }
  void shutdown('Ctrl-C', 0);
});
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env, join(root, '.data'));
  const { host, ports } = config;
  await assertPortsFree(
    (Object.keys(PORT_OPTIONS) as (keyof typeof PORT_OPTIONS)[])
      .filter((key) => !(config.noSite && key === 'site'))
      .map((key) => ({ ...PORT_OPTIONS[key], port: ports[key], host })),
  );
  if (config.fresh && existsSync(config.dataDir)) {
    say(`--fresh: removing ${config.dataDir}`);
    rmSync(config.dataDir, { recursive: true, force: true });
  }
  mkdirSync(join(config.dataDir, 'logs'), { recursive: true });

  // Helia's module graph takes a second to load: load it while forge checks its cache.
  const ipfsModule = import('./ipfs/node.ts');
  say('contracts: forge build (cached after the first run)');
  await buildContracts();
  const { startIpfsNode } = await ipfsModule;

  // The served site, a Vite dev server of the site (5173), and whatever IPFS_API_ORIGINS adds.
  const siteOrigins = [ports.site, 5173].flatMap((port) => [`http://${host}:${port}`, `http://localhost:${port}`]);
  siteOrigins.push(...(process.env.IPFS_API_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean));
  const [anvil, ipfs] = await Promise.all([
    startAnvil({
      host,
      port: ports.anvil,
      dataDir: join(config.dataDir, 'anvil'),
      accounts: DEV_ACCOUNT_COUNT,
      // A new chain starts three days back; the seed moves time forward to now, so orders have real dates.
      genesisTimestamp: Math.floor(Date.now() / 1000) - 3 * 24 * 3600,
    }).then((a) => (running.push({ name: 'anvil', stop: a.stop }), a)),
    startIpfsNode({ dataDir: join(config.dataDir, 'ipfs'), host, port: ports.ipfs, apiOrigins: siteOrigins }).then(
      (node) => (running.push({ name: 'ipfs', stop: node.stop }), node),
    ),
  ]);
  say(`anvil ${anvil.resumed ? 'resumed its chain from' : 'started a new chain in'} ${join(config.dataDir, 'anvil')}; IPFS node on ${ipfs.url}`);

  if (anvil.resumed) await catchUpWithTheClock(anvil);
  const deployment = await ensureDeployment(anvil);
  const seeding = ensureSeed(config, anvil, deployment, ipfs);
  // After the seed: it mines by hand (automine off), and the ERC-4337 setup waits for its own receipts.
  const accountAbstraction = seeding.then(async () => {
    const begun = Date.now();
    const aa = await startAccountAbstraction({
      root,
      rpcUrl: anvil.url,
      host,
      bundlerPort: ports.bundler,
      paymasterPort: ports.paymaster,
      logDir: join(config.dataDir, 'logs'),
      token: deployment.contracts.SettlementToken.address,
    });
    running.push({ name: 'bundler + paymaster', stop: aa.stop });
    say(`ERC-4337: EntryPoint v0.8 ${aa.contracts.entryPoint}, bundler ${aa.bundler.url}, paymaster ${aa.paymaster.url} (${((Date.now() - begun) / 1000).toFixed(1)} s)`);
    return aa;
  });
  const indexing = seeding.then(async (lastBlock) => {
    const indexer = await startIndexer({
      root,
      network: 'local',
      host,
      port: ports.graph,
      rpcUrl: anvil.url,
      dataDir: join(config.dataDir, 'indexer'),
      logDir: join(config.dataDir, 'logs'),
      log: say,
    });
    if (indexer) running.push({ name: 'graph node', stop: indexer.stop });
    return { indexer, lastBlock };
  });
  const site = config.noSite
    ? Promise.resolve(null)
    : buildSite(config, anvil, ipfs).then(async (siteDir) => {
        if (!siteDir) return null;
        const served = await serveStatic({ root: siteDir, host, port: ports.site });
        running.push({ name: 'site', stop: served.stop });
        return served;
      });
  const [{ indexer, lastBlock }, served, aa] = await Promise.all([indexing, site, accountAbstraction]);

  if (indexer) {
    say(`graph node: indexing up to block ${lastBlock}`);
    await waitFor(async () => (await indexer.indexedBlock()) >= lastBlock, 120_000, 'the graph node to index the demo data');
  }
  if (served) await waitFor(async () => (await fetch(served.url)).ok, 10_000, 'the site to answer');
  const readyIn = elapsed();
  printReady({ config, anvil, ipfs, indexer, site: served, aa, readyIn });
}

// #16-#19 are funded with ETH but never used by the demo data: tests and newcomers start from a clean account.
const DEV_ACCOUNT_COUNT = 20;

/**
 * When the user's command started, in ms since the epoch: the start of the `npm` (or else `tsx`) process
 * this runs under, so time-to-ready includes npm's and tsx's own start-up. Falls back to this process's
 * start where /proc is not available.
 */
function commandStartTime(): number {
  const ownStart = performance.timeOrigin;
  try {
    const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const clockTicks = 100; // USER_HZ: 100 on every Linux architecture Node runs on
    const stat = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    const started = (pid: number) => (bootTime + Number(stat(pid)[19]) / clockTicks) * 1000;
    let found: number | undefined;
    for (let pid = process.ppid, depth = 0; pid > 1 && depth < 6; pid = Number(stat(pid)[1]), depth++) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (/\bnpm\b|npm-cli\.js/.test(cmdline)) return started(pid);
      if (found === undefined && /\btsx\b/.test(cmdline)) found = started(pid);
    }
    return found ?? ownStart;
  } catch {
    return ownStart;
  }
}

async function buildContracts(): Promise<void> {
  const run = promisify(execFile);
  try {
    await run(join(root, 'node_modules/.bin/forge'), ['build'], { cwd: join(root, 'contracts') });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`forge build failed:\n${`${stdout}${stderr}`.slice(-2000)}`);
  }
  await run('node', [join(root, 'scripts/export-abi.mjs')]);
}

/** A resumed chain continues from its last block's time: bring it to now, so deadlines and dates are real. */
async function catchUpWithTheClock(anvil: Anvil): Promise<void> {
  const client = createPublicClient({ transport: http(anvil.url) });
  const latest = Number((await client.getBlock({ blockTag: 'latest' })).timestamp);
  const behind = Math.floor(Date.now() / 1000) - latest;
  if (behind > 60) {
    await client.request({ method: 'evm_increaseTime' as never, params: [behind] as never });
    await client.request({ method: 'evm_mine' as never, params: [] as never });
    say(`anvil: chain time moved forward ${(behind / 3600).toFixed(1)} h to the wall clock`);
  }
}

async function ensureDeployment(anvil: Anvil): Promise<Deployment> {
  const path = deploymentPath('local');
  const client = createPublicClient({ transport: http(anvil.url) });
  if (existsSync(path)) {
    const existing = JSON.parse(readFileSync(path, 'utf8')) as Partial<Deployment>;
    // A deployment file of an older protocol (no escrow) is not this chain's: deploy afresh.
    const escrow = existing.contracts?.ChainMartEscrow?.address;
    const code = escrow ? await client.getCode({ address: escrow }).catch(() => undefined) : undefined;
    if (code && code !== '0x') {
      const deployment = existing as Deployment;
      if (deployment.rpcUrl !== anvil.url) {
        deployment.rpcUrl = anvil.url;
        writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
      }
      say(`contracts: already deployed (ChainMartEscrow ${escrow})`);
      return deployment;
    }
  }
  const deployment = await deploy({ rpcUrl: anvil.url, privateKey: ANVIL_KEY_0, network: 'local' });
  say(`contracts: deployed ChainMartEscrow at ${deployment.contracts.ChainMartEscrow.address}; wrote ${path}`);
  return deployment;
}

/** Seeds once per deployment; returns the block the indexer must reach before the demo data is visible. */
async function ensureSeed(config: PlatformConfig, anvil: Anvil, deployment: Deployment, ipfs: IpfsNode): Promise<number> {
  const marker = join(config.dataDir, 'seed.json');
  const client = createPublicClient({ transport: http(anvil.url) });
  if (existsSync(marker)) {
    const previous = JSON.parse(readFileSync(marker, 'utf8')) as { escrow?: string };
    if (previous.escrow === deployment.contracts.ChainMartEscrow.address) {
      say('demo data: already seeded');
      return Number(await client.getBlockNumber());
    }
  }
  const { seed } = await import('./seed/seed.ts');
  const summary = await seed({
    rpcUrl: anvil.url,
    deployment,
    content: { add: async (bytes) => (await ipfs.addBytes(bytes)).toString() },
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`seeding the demo data failed: ${message}\n  The chain may now hold part of it: start over with npm start -- --fresh`);
  });
  writeFileSync(marker, `${JSON.stringify({ escrow: deployment.contracts.ChainMartEscrow.address, ...summary }, null, 2)}\n`);
  const states = Object.entries(summary.orders).map(([state, n]) => `${n} ${state.toLowerCase()}`).join(', ');
  const paid = Object.entries(summary.payments).map(([method, n]) => `${n} ${method}`).join(', ');
  say(
    `demo data: ${summary.merchants} merchants, ${summary.listings} listings, ${summary.provenanceSteps} provenance steps, ` +
      `${summary.attestations} attestations, ${summary.gatedListings} gated listings, orders: ${states}; ` +
      `${summary.checkouts} checkouts (${paid}), ${summary.reviews} reviews ` +
      `(${summary.transactions} transactions in ${summary.blocks} blocks, ${summary.seconds.toFixed(1)} s)`,
  );
  return summary.lastBlock;
}

/**
 * Builds the site for this platform's ports into its own data directory (`<data>/site`, not build/: another
 * platform started meanwhile, the browser tests' or bench:web's, builds for other ports) and gives that
 * directory, or null when there is nothing to build.
 */
async function buildSite(config: PlatformConfig, anvil: Anvil, ipfs: IpfsNode): Promise<string | null> {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!packageJson.scripts?.['build:web']) {
    say('site: no build:web script yet; not serving a site');
    return null;
  }
  const siteDir = join(config.dataDir, 'site');
  const siteEnv = localSiteEnv({
    rpcUrl: anvil.url,
    subgraphUrl: `http://${config.host}:${config.ports.graph}/subgraphs/name/chainmart`,
    ipfsUrl: ipfs.url,
    bundlerUrl: `http://${config.host}:${config.ports.bundler}`,
    paymasterUrl: `http://${config.host}:${config.ports.paymaster}`,
  });
  const stamp = join(config.dataDir, 'site-build.stamp');
  const inputs = ['web', 'package.json', 'package-lock.json', 'deployments', 'svelte.config.js', 'vite.config.ts'];
  const print = fingerprint(root, inputs, siteEnv);
  if (isUpToDate(stamp, print, [join(siteDir, 'index.html')])) {
    say(`site: ${siteDir} is up to date with web/ and these ports; not rebuilding`);
    return siteDir;
  }
  say('site: building (npm run build:web)');
  const logFile = join(config.dataDir, 'logs', 'web-build.log');
  const build: ManagedProcess = startProcess('web build', 'npm', ['run', 'build:web'], {
    cwd: root,
    logFile,
    env: { ...process.env, ...siteEnv, CHAINMART_SITE_OUT: siteDir },
  });
  running.push({ name: 'web build', stop: () => build.stop() });
  const code = await build.exited;
  const index = running.findIndex((r) => r.name === 'web build');
  if (index !== -1) running.splice(index, 1);
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`the site build failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
  recordBuild(stamp, print);
  say('site: built');
  return siteDir;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function printReady(opts: {
  config: PlatformConfig;
  anvil: Anvil;
  ipfs: IpfsNode;
  indexer: Indexer | null;
  site: StaticSite | null;
  aa: AccountAbstraction;
  readyIn: string;
}): void {
  const { anvil, ipfs, indexer, site, aa } = opts;
  const accounts = devAccountList();
  console.log(`
ChainMart is ready in ${opts.readyIn}
  site        ${site ? site.url : '(not served: see above)'}
  subgraph    ${indexer ? indexer.url : '(no graph node: see above)'}
  chain RPC   ${anvil.url}   (chain id 31337; add it to your wallet as a custom network)
  IPFS        ${ipfs.url}/ipfs/<cid>   uploads: POST ${ipfs.url}/api/v0/add
  bundler     ${aa.bundler.url}   (ERC-4337 v0.8, Alto; EntryPoint ${aa.contracts.entryPoint})
  paymaster   ${aa.paymaster.url}   (ERC-7677, gas paid in tUSD)
  data        ${opts.config.dataDir}   (npm start -- --fresh to start over)

Development accounts to import into your wallet. These are anvil's well-known PUBLIC TEST KEYS:
anyone can take funds sent to them on a real network. Use them on this local chain only.
${accounts.map((a) => `  ${a.role.padEnd(41)} ${a.address}  ${a.key}`).join('\n')}

Press Ctrl-C to stop.`);
}

function devAccountList(): { role: string; address: string; key: string }[] {
  const roles: [number, string][] = [
    [0, 'deployer / fee recipient / attester (#0)'],
    [1, 'merchant: West Lake Tea (#1)'],
    [2, 'merchant: Jingdezhen (#2)'],
    [9, 'arbiter of every demo merchant (#9)'],
    [11, 'buyer with orders + points (#11)'],
    [12, 'buyer with orders + points (#12)'],
  ];
  const accounts = devAccounts(DEV_ACCOUNT_COUNT);
  return roles.map(([i, role]) => ({ role, address: accounts[i].address, key: privateKeyOf(accounts[i]) }));
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PortInUseError || message.startsWith('usage:') || message.includes(USAGE)) {
    console.error(message);
    process.exit(2);
  }
  console.error(`\nnpm start failed: ${message}`);
  await shutdown('failure', 1);
});
