// npm run bench:indexer [-- --json] [-- --fixture] [-- --orders 10000 --listings 1000]
// Generates a chain on a throwaway anvil (automine off, hundreds of transactions per block), then measures
// the local graph node on its own: indexing throughput from the start block to the head, and the p95
// latency of the site's two hot queries (a category's newest active listings; one buyer's orders with
// their events).
//
// By default it runs the real subgraph (subgraph/build/subgraph.yaml, `npm run build:subgraph`) against
// the real contracts deployed by scripts/deploy.ts: merchants register and create listings in the catalog,
// buyers check out one-line carts in ETH at the escrow and merchants ship them (passing back the terms). With --fixture (or without a real build) it runs the fixture
// subgraph of the graph node's tests, whose Market contract emits the same event shapes in batches.
// --dump <file> indexes into a data directory and afterwards writes every stored row, in a fixed order, to
// <file>, so two builds of the node can be checked to index exactly the same entities (diff the files).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Abi, type Hex, decodeEventLog, encodeFunctionData, getAddress, keccak256, toHex } from 'viem';
import { parseArgs } from 'node:util';
import { startGraphNode } from './index.ts';
import { loadSubgraph } from './manifest.ts';
import { DEV_KEYS, deploy as deployFixture, gql, rpc, startAnvil, waitFor } from './test/chain.ts';
import { buildFixture } from './test/fixture/build.ts';

const root = join(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    fixture: { type: 'boolean', default: false },
    subgraph: { type: 'string', default: join(root, 'subgraph/build/subgraph.yaml') },
    orders: { type: 'string', default: '10000' },
    listings: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '100' },
    'cpu-profile': { type: 'string' },
    dump: { type: 'string' },
  },
});
const ORDERS = Number(values.orders);
const LISTINGS = Number(values.listings);
const SAMPLES = Number(values.samples);
const CATEGORIES = ['Tea', 'Home', 'Books', 'Garden', 'Toys', 'Music', 'Tools', 'Food', 'Art', 'Sport'];
/** anvil accounts 11..29 buy; 1..10 are merchants; 0 deploys and arbitrates. */
let buyerAccounts: Hex[] = [];
const say = (line: string) => {
  if (!values.json) console.error(line);
};

interface Scenario {
  name: string;
  manifest: string;
  /** Sends the transactions; returns nothing, the chain head is read afterwards. */
  generate(rpcUrl: string, accounts: Hex[]): Promise<void>;
  minEvents: number;
  catalog: { query: string; variables(i: number): Record<string, unknown>; rows(data: any): unknown[] };
  history: { query: string; variables(i: number): Record<string, unknown>; check(data: any): string | null };
}

const useFixture = values.fixture || !existsSync(values.subgraph);
if (!values.fixture && useFixture) say(`${values.subgraph} is not built (npm run build:subgraph): running the fixture subgraph`);
const scenario = useFixture ? fixtureScenario() : chainMartScenario(values.subgraph);

// A fixed clock (genesis at 2026-01-01, 12 s per block), so every run generates the same chain.
const anvil = await startAnvil(['--gas-limit', '300000000', '--accounts', '30', '--balance', '100000000', '--timestamp', '1767225600']);
try {
  await rpc(anvil.rpcUrl, 'anvil_setBlockTimestampInterval', [12]);
  const accounts = await rpc<Hex[]>(anvil.rpcUrl, 'eth_accounts');
  const generateStarted = performance.now();
  await scenario.generate(anvil.rpcUrl, accounts);
  const head = Number(await rpc<Hex>(anvil.rpcUrl, 'eth_blockNumber'));
  say(`generated the chain (${head} blocks) in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s`);

  const profiler = values['cpu-profile'] ? await startProfiler() : null;
  const startStarted = performance.now();
  const dataDir = values.dump ? mkdtempSync(join(tmpdir(), 'bench-indexer-')) : undefined;
  const node = await startGraphNode({ subgraph: scenario.manifest, rpcUrl: anvil.rpcUrl, port: 0, dataDir, log: () => {} });
  const startupSeconds = (performance.now() - startStarted) / 1000;
  const indexStarted = performance.now();
  try {
    await waitFor(async () => (await node.indexedBlock()) >= head || node.indexingError() !== null, 900_000, 'indexing');
    if (node.indexingError()) throw new Error(`indexing failed: ${node.indexingError()}`);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    if (profiler) await profiler.stop(values['cpu-profile']!);
    const events = node.eventsProcessed();
    const t = node.timings();
    say(`indexed ${events} events in ${indexSeconds.toFixed(2)} s (waiting on the RPC ${(t.fetch / 1000).toFixed(2)} s, handlers ${(t.handlers / 1000).toFixed(2)} s, commits ${(t.commit / 1000).toFixed(2)} s)`);
    if (events < scenario.minEvents) throw new Error(`only ${events} events were indexed, expected at least ${scenario.minEvents}: some transactions failed`);

    const catalogCheck = await gql(node.url, scenario.catalog.query, scenario.catalog.variables(0));
    if (catalogCheck.errors || scenario.catalog.rows(catalogCheck.data).length !== 24) throw new Error(`catalog query returned ${JSON.stringify(catalogCheck).slice(0, 400)}`);
    const historyCheck = await gql(node.url, scenario.history.query, scenario.history.variables(0));
    const problem = historyCheck.errors ? JSON.stringify(historyCheck.errors) : scenario.history.check(historyCheck.data);
    if (problem) throw new Error(`order history query: ${problem}`);
    const catalogMs = await measure(SAMPLES, (i) => gql(node.url, scenario.catalog.query, scenario.catalog.variables(i)));
    const historyMs = await measure(SAMPLES, (i) => gql(node.url, scenario.history.query, scenario.history.variables(i)));

    const result = {
      subgraph: scenario.name,
      listings: LISTINGS,
      orders: ORDERS,
      blocks: head,
      events,
      startupSeconds: round(startupSeconds),
      indexSeconds: round(indexSeconds),
      eventsPerSecond: Math.round(events / indexSeconds),
      catalogQueryP95Ms: round(p95(catalogMs)),
      catalogQueryMedianMs: round(median(catalogMs)),
      orderHistoryQueryP95Ms: round(p95(historyMs)),
      orderHistoryQueryMedianMs: round(median(historyMs)),
      targets: { eventsPerSecond: 3000, catalogQueryP95Ms: 50, orderHistoryQueryP95Ms: 50 },
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      const rows: [string, string, string][] = [
        ['events indexed', String(events), ''],
        ['graph node startup, s (not counted)', String(result.startupSeconds), ''],
        ['indexing, s', String(result.indexSeconds), ''],
        ['eventsPerSecond', String(result.eventsPerSecond), '>= 3000'],
        ['catalogQueryP95Ms', String(result.catalogQueryP95Ms), '<= 50'],
        ['orderHistoryQueryP95Ms', String(result.orderHistoryQueryP95Ms), '<= 50'],
      ];
      console.log(`\n${scenario.name}: ${LISTINGS} listings, ${ORDERS} orders, ${head} blocks\n`);
      console.log(`| metric | value | target |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
    }
  } finally {
    await node.stop();
    if (dataDir) {
      await dumpStore(dataDir, values.dump!);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await anvil.stop();
}

/** Every row of every entity table as JSON lines, tables by name and rows by id. */
async function dumpStore(dataDir: string, file: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  const tables = await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__meta' ORDER BY tablename");
  const lines: string[] = [];
  for (const { tablename } of tables.rows) {
    const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t ORDER BY id`);
    for (const { row } of rows.rows) lines.push(`${tablename} ${row}`);
  }
  await db.close();
  writeFileSync(file, `${lines.join('\n')}\n`);
  say(`${lines.length} rows written to ${file}`);
}

// ---------------------------------------------------------------- scenarios

function chainMartScenario(manifest: string): Scenario {
  const artifact = (name: string) => JSON.parse(readFileSync(join(root, `contracts/out/${name}.sol/${name}.json`), 'utf8')).abi as Abi;
  const escrowAbi = artifact('ChainMartEscrow');
  const catalogAbi = artifact('ChainMartCatalog');
  const price = 10n ** 15n;
  const shipWithin = 3 * 86400;
  const autoReleaseWindow = 7 * 86400;
  const rewardBps = 100;
  return {
    name: `ChainMart v2 contracts + ${manifest.replace(`${root}/`, '')}`,
    manifest,
    // Per order: OrderPlaced, CartCheckedOut, OrderShipped.
    minEvents: 10 + LISTINGS + 3 * ORDERS,
    async generate(rpcUrl, accounts) {
      const { deploy } = (await import(join(root, 'scripts/deploy.ts'))) as typeof import('../../scripts/deploy.ts');
      const deployment = await deploy({ rpcUrl, privateKey: DEV_KEYS[0], network: 'local', write: false });
      const escrow = deployment.contracts.ChainMartEscrow.address as Hex;
      const catalog = deployment.contracts.ChainMartCatalog.address as Hex;
      const sources = loadSubgraph(manifest).dataSources;
      for (const [name, address] of [['ChainMartEscrow', escrow], ['ChainMartCatalog', catalog]] as const) {
        const indexed = sources.find((ds) => ds.name === name);
        if (!indexed || indexed.address !== getAddress(address)) {
          throw new Error(`the subgraph build indexes ${name} at ${indexed?.address}, but a fresh deploy is at ${address}: rebuild it for network local (npm run build:subgraph)`);
        }
      }
      const send = sender(rpcUrl, accounts);
      const arbiter = accounts[0];
      const merchants = accounts.slice(1, 11);
      const buyers = accounts.slice(11);
      const call = (abi: Abi, functionName: string, args: unknown[]) => encodeFunctionData({ abi, functionName, args } as never);
      await send(
        merchants.map((m, i) => ({
          from: m,
          to: catalog,
          data: call(catalogAbi, 'registerMerchant', [{ metadataURI: `ipfs://merchant-${i}`, encryptionKey: keccak256(toHex(i)), arbiter, rewardBps, autoReleaseWindow }]),
        })),
      );
      await send(
        Array.from({ length: LISTINGS }, (_, i) => ({
          from: merchants[i % merchants.length],
          to: catalog,
          data: call(catalogAbi, 'createListing', [
            { token: '0x0000000000000000000000000000000000000000', price, stock: 1_000_000, maxPerOrder: 10, shipWithin, title: `Listing ${i + 1} ${i % 7 === 0 ? 'handmade' : 'classic'}`, category: CATEGORIES[i % CATEGORIES.length], metadataURI: `ipfs://listing-${i + 1}` },
          ]),
        })),
      );
      const placedFrom = Number(await rpc<Hex>(rpcUrl, 'eth_blockNumber')) + 1;
      await send(
        Array.from({ length: ORDERS }, (_, n) => ({
          from: buyers[n % buyers.length],
          to: escrow,
          value: price,
          // A one-line ETH cart with the terms the buyer was shown.
          data: call(escrowAbi, 'checkout', [
            {
              token: '0x0000000000000000000000000000000000000000',
              lines: [{ listingId: BigInt((n % LISTINGS) + 1), quantity: 1, unitPrice: price, shipWithin, arbiter, rewardBps, autoReleaseWindow, points: 0n, shippingInfo: '0x', proof: '0x' }],
            },
            { collector: '0x0000000000000000000000000000000000000000', data: '0x' },
          ]),
        })),
      );
      const logs = await rpc<{ topics: Hex[]; data: Hex }[]>(rpcUrl, 'eth_getLogs', [{ address: escrow, fromBlock: toHex(placedFrom), toBlock: 'latest' }]);
      const ships = logs.flatMap((log) => {
        const event = decodeEventLog({ abi: escrowAbi, topics: log.topics as [Hex], data: log.data, strict: false }) as unknown as { eventName: string; args: { orderId: bigint; merchant: Hex; terms: unknown } };
        if (event.eventName !== 'OrderPlaced') return [];
        return [{ from: event.args.merchant.toLowerCase() as Hex, to: escrow, data: call(escrowAbi, 'ship', [event.args.orderId, event.args.terms, 'SF Express', `SF${event.args.orderId}`]) }];
      });
      if (ships.length !== ORDERS) throw new Error(`${ships.length} of ${ORDERS} orders were placed: some purchases reverted`);
      await send(ships);
    },
    catalog: {
      query: `query($category: String!) { listings(first: 24, orderBy: createdAt, orderDirection: desc, where: { category: $category, paused: false }) { id title price token stock category orderCount ratingSum ratingCount merchant { id } } }`,
      variables: (i) => ({ category: CATEGORIES[i % CATEGORIES.length] }),
      rows: (data) => data.listings,
    },
    history: {
      query: `query($buyer: Bytes!) { orders(first: 20, orderBy: placedAt, orderDirection: desc, where: { buyer: $buyer }) { id orderId status statusName amount quantity placedAt listing { id title } merchant { id } events(orderBy: timestamp) { __typename id timestamp transactionHash ... on OrderShippedEvent { blockNumber } } } }`,
      variables: (i) => ({ buyer: historyBuyer(i) }),
      check: (data) => (data.orders.length === 20 && data.orders[0].events.length === 2 ? null : `unexpected answer ${JSON.stringify(data).slice(0, 300)}`),
    },
  };
}

function historyBuyer(i: number): string {
  return buyerAccounts[i % buyerAccounts.length].toLowerCase();
}

function fixtureScenario(): Scenario {
  const fixture = buildFixture();
  const perTx = 10;
  return {
    name: 'fixture subgraph (subgraph/node/test/fixture)',
    manifest: fixture.manifest,
    minEvents: LISTINGS + 2 * ORDERS,
    async generate(rpcUrl, accounts) {
      const address = await deployFixture(rpcUrl, fixture.abi, fixture.bytecode);
      const send = sender(rpcUrl, accounts);
      const call = (functionName: string, args: readonly unknown[]) => encodeFunctionData({ abi: fixture.abi, functionName, args } as never);
      await send(
        Array.from({ length: LISTINGS }, (_, n) => ({
          from: accounts[n % 10],
          to: address,
          data: call('list', [BigInt(n + 1), BigInt(n + 1) * 10n ** 15n, `Listing ${n + 1}`, CATEGORIES[n % CATEGORIES.length]]),
        })),
      );
      await send(
        Array.from({ length: ORDERS / perTx }, (_, n) => ({
          from: accounts[11 + (n % 19)],
          to: address,
          data: call('buyMany', [BigInt((n % LISTINGS) + 1), 1000n + BigInt(n), BigInt(perTx)]),
        })),
      );
    },
    catalog: {
      query: `query($category: String!) { items(first: 24, orderBy: createdAt, orderDirection: desc, where: { category: $category, active: true }) { id title price priceEth category seller { id } } }`,
      variables: (i) => ({ category: CATEGORIES[i % CATEGORIES.length] }),
      rows: (data) => data.items,
    },
    history: {
      query: `query($buyer: Bytes!) { orders(first: 20, orderBy: id, orderDirection: desc, where: { buyer: $buyer }) { id status amount item { id title } events(orderBy: timestamp) { __typename id timestamp ... on OrderShippedEvent { carrier } } } }`,
      variables: (i) => ({ buyer: historyBuyer(i) }),
      check: (data) => (data.orders.length === 20 && data.orders[0].events.length === 2 ? null : `unexpected answer ${JSON.stringify(data).slice(0, 300)}`),
    },
  };
}

/** Sends transactions from unlocked anvil accounts in JSON-RPC batches with automine off, mining as it goes. */
function sender(rpcUrl: string, accounts: Hex[]) {
  buyerAccounts = accounts.slice(11);
  const nonces = new Map<string, number>();
  return async (txs: { from: Hex; to: Hex; data: Hex; value?: bigint }[]): Promise<void> => {
    await rpc(rpcUrl, 'evm_setAutomine', [false]);
    for (const tx of txs) {
      if (!nonces.has(tx.from)) nonces.set(tx.from, Number(await rpc<Hex>(rpcUrl, 'eth_getTransactionCount', [tx.from, 'pending'])));
    }
    const batchSize = 250;
    for (let i = 0; i < txs.length; i += batchSize) {
      const batch = txs.slice(i, i + batchSize).map((tx, j) => {
        const nonce = nonces.get(tx.from)!;
        nonces.set(tx.from, nonce + 1);
        const params = { from: tx.from, to: tx.to, data: tx.data, gas: toHex(1_000_000), nonce: toHex(nonce), value: toHex(tx.value ?? 0n) };
        return { jsonrpc: '2.0', id: j, method: 'eth_sendTransaction', params: [params] };
      });
      const response = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      const replies = (await response.json()) as { error?: { message: string } }[];
      const failed = replies.find((r) => r.error);
      if (failed) throw new Error(`eth_sendTransaction failed: ${failed.error!.message}`);
      await rpc(rpcUrl, 'evm_mine');
    }
    await rpc(rpcUrl, 'evm_setAutomine', [true]);
  };
}

/** A V8 CPU profile of the indexing phase only (open the file in Chrome DevTools). */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      say(`CPU profile of the indexing phase: ${file}`);
    },
  };
}

async function measure(samples: number, run: (i: number) => Promise<{ errors?: unknown }>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(i);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const res = await run(i);
    out.push(performance.now() - started);
    if (res.errors) throw new Error(`query failed: ${JSON.stringify(res.errors)}`);
  }
  return out;
}

function p95(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
