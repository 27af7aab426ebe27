// npm run bench:indexer [-- --json] [-- --orders 10000 --listings 1000]
// Generates a chain on a throwaway anvil (automine off, many transactions per block), then measures the
// local graph node separately: indexing throughput from block 0 to the head, and the p95 latency of the
// site's two hot queries (a category's newest active listings; one buyer's orders with their events).
//
// It runs the fixture subgraph (subgraph/node/test/fixture), whose Market contract emits the same event
// shapes as ChainMart (listing, order placed with a struct tuple, order shipped) in batches.
import { parseArgs } from 'node:util';
import { type Hex, encodeFunctionData } from 'viem';
import { startGraphNode } from './index.ts';
import { deploy, gql, rpc, startAnvil, waitFor } from './test/chain.ts';
import { buildFixture } from './test/fixture/build.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    orders: { type: 'string', default: '10000' },
    listings: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '100' },
  },
});
const ORDERS = Number(values.orders);
const LISTINGS = Number(values.listings);
const SAMPLES = Number(values.samples);
const ORDERS_PER_TX = 10;
const CATEGORIES = ['Tea', 'Home', 'Books', 'Garden', 'Toys', 'Music', 'Tools', 'Food', 'Art', 'Sport'];
const say = (line: string) => {
  if (!values.json) console.error(line);
};

const fixture = buildFixture();
const anvil = await startAnvil(['--gas-limit', '300000000']);
try {
  const address = await deploy(anvil.rpcUrl, fixture.abi, fixture.bytecode);
  const accounts = await rpc<Hex[]>(anvil.rpcUrl, 'eth_accounts');
  await rpc(anvil.rpcUrl, 'evm_setAutomine', [false]);

  const generateStarted = performance.now();
  const txs: { from: Hex; data: Hex }[] = [];
  for (let i = 1; i <= LISTINGS; i++) {
    const args = [BigInt(i), BigInt(i) * 10n ** 15n, `Listing ${i} ${i % 7 === 0 ? 'handmade' : 'classic'}`, CATEGORIES[i % CATEGORIES.length]] as const;
    txs.push({ from: accounts[i % accounts.length], data: encodeFunctionData({ abi: fixture.abi, functionName: 'list', args }) });
  }
  for (let n = 0; n < ORDERS / ORDERS_PER_TX; n++) {
    const args = [BigInt((n % LISTINGS) + 1), 1000n + BigInt(n), BigInt(ORDERS_PER_TX)] as const;
    txs.push({ from: accounts[n % accounts.length], data: encodeFunctionData({ abi: fixture.abi, functionName: 'buyMany', args }) });
  }
  const nonces = new Map<Hex, number>();
  for (const account of accounts) nonces.set(account, Number(await rpc<Hex>(anvil.rpcUrl, 'eth_getTransactionCount', [account, 'pending'])));
  const nextNonce = (from: Hex) => {
    const n = nonces.get(from)!;
    nonces.set(from, n + 1);
    return `0x${n.toString(16)}`;
  };
  // Sent in JSON-RPC batches while automine is off, then mined into blocks of up to 200 transactions.
  for (let i = 0; i < txs.length; i += 200) {
    const batch = txs.slice(i, i + 200).map((tx, j) => ({ jsonrpc: '2.0', id: j, method: 'eth_sendTransaction', params: [{ ...tx, to: address, gas: '0x2dc6c0', nonce: nextNonce(tx.from) }] }));
    const replies = (await (await fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) })).json()) as { error?: { message: string } }[];
    const failed = replies.find((r) => r.error);
    if (failed) throw new Error(`eth_sendTransaction failed: ${failed.error!.message}`);
    await rpc(anvil.rpcUrl, 'evm_mine');
  }
  const head = Number(await rpc<Hex>(anvil.rpcUrl, 'eth_blockNumber'));
  const generateSeconds = (performance.now() - generateStarted) / 1000;
  say(`generated ${txs.length} transactions in ${head} blocks in ${generateSeconds.toFixed(1)} s`);

  const startStarted = performance.now();
  const node = await startGraphNode({ subgraph: fixture.manifest, rpcUrl: anvil.rpcUrl, port: 0, log: () => {} });
  const startupSeconds = (performance.now() - startStarted) / 1000;
  const indexStarted = performance.now();
  try {
    await waitFor(async () => (await node.indexedBlock()) >= head || node.indexingError() !== null, 600_000, 'indexing');
    if (node.indexingError()) throw new Error(`indexing failed: ${node.indexingError()}`);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const events = node.eventsProcessed();
    say(`indexed ${events} events in ${indexSeconds.toFixed(2)} s`);

    const catalog = `query($category: String!) { items(first: 24, orderBy: createdAt, orderDirection: desc, where: { category: $category, active: true }) { id title price priceEth category seller { id } } }`;
    const history = `query($buyer: Bytes!) { orders(first: 20, orderBy: id, orderDirection: desc, where: { buyer: $buyer }) { id status amount item { id title } events(orderBy: timestamp) { __typename id timestamp ... on OrderShippedEvent { carrier } } } }`;
    const check = await gql<{ orders: { events: unknown[] }[] }>(node.url, history, { buyer: accounts[0].toLowerCase() });
    if (check.errors || check.data!.orders.length !== 20 || check.data!.orders[0].events.length !== 2) throw new Error(`order history query returned ${JSON.stringify(check).slice(0, 300)}`);
    const catalogCheck = await gql<{ items: unknown[] }>(node.url, catalog, { category: 'Tea' });
    if (catalogCheck.errors || catalogCheck.data!.items.length !== 24) throw new Error(`catalog query returned ${JSON.stringify(catalogCheck).slice(0, 300)}`);
    const catalogMs = await measure(SAMPLES, (i) => gql(node.url, catalog, { category: CATEGORIES[i % CATEGORIES.length] }));
    const historyMs = await measure(SAMPLES, (i) => gql(node.url, history, { buyer: accounts[i % accounts.length].toLowerCase() }));

    const result = {
      subgraph: 'fixture (subgraph/node/test/fixture)',
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
      targets: { eventsPerSecond: 2000, catalogQueryP95Ms: 50, orderHistoryQueryP95Ms: 50 },
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      const rows: [string, string, string][] = [
        ['events indexed', String(events), ''],
        ['graph node startup (s, not counted)', String(result.startupSeconds), ''],
        ['indexing (s)', String(result.indexSeconds), ''],
        ['eventsPerSecond', String(result.eventsPerSecond), '>= 2000'],
        ['catalogQueryP95Ms', String(result.catalogQueryP95Ms), '<= 50'],
        ['orderHistoryQueryP95Ms', String(result.orderHistoryQueryP95Ms), '<= 50'],
      ];
      console.log(`\n${LISTINGS} listings, ${ORDERS} orders, ${head} blocks (${result.subgraph})\n`);
      console.log(`| metric | value | target |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
    }
  } finally {
    await node.stop();
  }
} finally {
  await anvil.stop();
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
