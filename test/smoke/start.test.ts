// `npm start` as a newcomer runs it: on free (non-default) ports, with a fresh data directory; waits for
// "ready", checks the seeded listings are there (the subgraph
// when the graph node runs, and always the chain and IPFS), stops it with SIGINT like Ctrl-C, and checks
// nothing is left running. A second start must resume the same chain without seeding again.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createPublicClient, http, zeroAddress } from 'viem';
import { freePort, isPortFree } from '../../scripts/platform/ports.ts';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../../web/lib/contracts/generated/abi.ts';
import { chromiumLaunch } from '../chromium.ts';

const root = join(import.meta.dirname, '../..');

let dataDir: string;
let ports: { anvil: number; graph: number; ipfs: number; site: number; bundler: number; paymaster: number };

// npm start writes deployments/local.json for the ports it runs on: put back a developer's own afterwards.
const deploymentFile = join(root, 'deployments/local.json');
const developersDeployment = existsSync(deploymentFile) ? readFileSync(deploymentFile, 'utf8') : undefined;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chainmart-smoke-'));
  ports = { anvil: await freePort(), graph: await freePort(), ipfs: await freePort(), site: await freePort(), bundler: await freePort(), paymaster: await freePort() };
});
after(() => {
  rmSync(dataDir, { recursive: true, force: true });
  if (developersDeployment !== undefined) writeFileSync(deploymentFile, developersDeployment);
});

interface Run {
  child: ChildProcess;
  output: () => string;
  /** npm's exit code, or the signal it re-raised. */
  exited: Promise<number | string>;
}

// Without the site: the browser tests' global setup is the same `npm start` with the site built and served (every
// e2e test uses it), so building it here as well would only cost CI a site build.
function npmStart(extra: string[] = []): Run {
  const args = ['start', '--', '--no-site', ...extra];
  for (const [name, port] of Object.entries(ports)) args.push(`--${name}-port`, String(port));
  // Its own process group, like a shell job: SIGINT to the group is what Ctrl-C does.
  const child = spawn('npm', args, { cwd: root, detached: true, env: { ...process.env, CHAINMART_DATA_DIR: dataDir } });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited };
}

async function waitForReady(run: Run, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | string | undefined;
  void run.exited.then((code) => (exitCode = code));
  for (;;) {
    const match = /ChainMart is ready in ([\d.]+) s/.exec(run.output());
    if (match) return Number(match[1]);
    if (exitCode !== undefined) assert.fail(`npm start exited (${exitCode}) before ready:\n${run.output()}`);
    if (Date.now() > deadline) {
      process.kill(-run.child.pid!, 'SIGKILL');
      assert.fail(`npm start not ready after ${timeoutMs / 1000} s:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Processes whose command line mentions the data directory (anvil's --state file, any indexer). */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(dir)) found.push(`${pid}: ${cmdline.trim()}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopWithCtrlC(run: Run): Promise<void> {
  const pgid = run.child.pid!;
  process.kill(-pgid, 'SIGINT');
  // npm passes Ctrl-C on and re-raises it itself (as in a terminal); what matters is that the platform
  // shuts down in order and that every process of the job is gone.
  const code = await Promise.race([run.exited, new Promise((resolve) => setTimeout(resolve, 30_000, 'timeout').unref())]);
  assert.ok(code === 0 || code === 'SIGINT', `npm start should end on Ctrl-C, got ${code}:\n${run.output().slice(-2000)}`);
  const deadline = Date.now() + 30_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!groupAlive(pgid), 'every process of the npm start job has exited');
  assert.match(run.output(), /stopped\./, `clean shutdown reported:\n${run.output().slice(-1000)}`);
  assert.deepEqual(processesUsing(dataDir), [], 'no process of the platform is left running');
  for (const [name, port] of Object.entries(ports)) {
    assert.ok(await isPortFree(port, '127.0.0.1'), `port ${port} (${name}) is free again`);
  }
}

async function checkSeededData(output: string): Promise<void> {
  // The chain: 64 listings, each with metadata that the IPFS node serves and that names itself.
  const client = createPublicClient({ transport: http(`http://127.0.0.1:${ports.anvil}`) });
  const deployment = JSON.parse(readFileSync(join(root, 'deployments/local.json'), 'utf8'));
  const listings = await client.getContractEvents({
    address: deployment.contracts.ChainMartCatalog.address,
    abi: chainMartCatalogAbi,
    eventName: 'ListingCreated',
    fromBlock: 0n,
  });
  assert.ok(listings.length >= 60, `at least 60 listings on chain, found ${listings.length}`);
  // Checkouts: carts of several lines, paid in ETH and through each of the token collectors.
  const carts = await client.getContractEvents({
    address: deployment.contracts.ChainMartEscrow.address,
    abi: chainMartEscrowAbi,
    eventName: 'CartCheckedOut',
    fromBlock: 0n,
  });
  assert.ok(carts.some((cart) => cart.args.lines! >= 3n), 'a cart of three lines or more');
  const collectors = new Set(carts.map((cart) => cart.args.collector!.toLowerCase()));
  for (const name of ['ApprovalCollector', 'PermitCollector', 'Erc3009Collector']) {
    assert.ok(collectors.has(deployment.contracts[name].address.toLowerCase()), `a checkout paid through the ${name}`);
  }
  assert.ok(carts.some((cart) => cart.args.token === zeroAddress), 'a checkout paid in ETH');
  const first = listings[0].args.metadataURI!.replace('ipfs://', '');
  const metadata = await (await fetch(`http://127.0.0.1:${ports.ipfs}/ipfs/${first}`)).json();
  assert.equal(metadata.schema, 'chainmart.listing/1');
  assert.ok(metadata.title['zh-CN'] && metadata.title.en, 'bilingual listing title');
  const image = await fetch(`http://127.0.0.1:${ports.ipfs}/ipfs/${metadata.images[0].replace('ipfs://', '')}`);
  assert.equal(image.headers.get('content-type'), 'image/svg+xml', 'the listing picture is served as an image');

  const subgraph = /subgraph\s+(http\S+)/.exec(output)?.[1];
  if (subgraph) {
    const response = await fetch(subgraph, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ listings(first: 1000) { id } }' }),
    });
    const body = await response.json();
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.ok(body.data.listings.length >= 60, `subgraph lists ${body.data.listings.length} listings`);
  }

  const site = /site\s+(http\S+)/.exec(output)?.[1];
  if (site) {
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch(chromiumLaunch());
    try {
      const page = await browser.newPage();
      await page.goto(site);
      // A seeded product name, in either language, proves listings came through the indexer to the page.
      await page.getByText(/Pre-Qingming Longjing|明前龙井/).first().waitFor({ timeout: 20_000 });
    } finally {
      await browser.close();
    }
  }
}

// The time to ready is a figure this test prints (quiet machine: about 50 s fresh, 33 s resumed), not an
// assertion: a timed assertion fails on a loaded machine for no fault of the code. The waits only catch a hang.
test('npm start: a fresh start gets ready with demo data, Ctrl-C leaves nothing behind, a restart resumes', async (t) => {
  const first = npmStart(['--fresh']);
  const readyIn = await waitForReady(first, 300_000);
  t.diagnostic(`time to ready (fresh): ${readyIn} s`);
  // Every check runs with the platform up and is followed by the Ctrl-C check: a failure leaves nothing running.
  try {
    assert.match(first.output(), /demo data: 8 merchants, 64 listings/);
    const seeded = /demo data: .*orders: ([^;]+);/.exec(first.output())?.[1] ?? '';
    for (const state of ['paid', 'shipped', 'completed', 'refunded', 'cancelled', 'disputed', 'resolved']) {
      assert.match(seeded, new RegExp(`\\d+ ${state}`), `the demo data has ${state} orders`);
    }
    assert.match(first.output(), /PUBLIC TEST KEYS/);
    await checkSeededData(first.output());
  } finally {
    await stopWithCtrlC(first);
  }
  assert.ok(existsSync(join(dataDir, 'anvil/state.json')), 'the chain state was saved on exit');

  const second = npmStart();
  const resumedIn = await waitForReady(second, 240_000);
  t.diagnostic(`time to ready (resume): ${resumedIn} s`);
  try {
    assert.match(second.output(), /anvil resumed its chain/);
    assert.match(second.output(), /contracts: already deployed/);
    assert.match(second.output(), /demo data: already seeded/);
    await checkSeededData(second.output());
  } finally {
    await stopWithCtrlC(second);
  }
});

test('npm start: a port in use gives a message naming the port and how to change it', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(ports.graph, '127.0.0.1', resolve));
  try {
    const run = npmStart();
    const code = await run.exited;
    assert.equal(code, 2);
    assert.match(run.output(), new RegExp(`port ${ports.graph} on 127\\.0\\.0\\.1 is already in use`));
    assert.match(run.output(), /--graph-port <port>/);
    assert.match(run.output(), /GRAPH_PORT=<port>/);
    assert.deepEqual(processesUsing(dataDir), []);
  } finally {
    blocker.close();
  }
});
