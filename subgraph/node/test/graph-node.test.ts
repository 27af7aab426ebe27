// The local graph node against the fixture subgraph on a throwaway anvil: every handler through the real
// wasm, graph-node query semantics and errors, restart without re-indexing, and a reset chain.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Address } from 'viem';
import { type GraphNode, startGraphNode } from '../index.ts';
import { buildApiSchema } from '../api-schema.ts';
import { DatabaseError } from '../db.ts';
import { deploymentId } from '../deployment-id.ts';
import { MappingRuntime } from '../host.ts';
import { Indexer } from '../indexer.ts';
import { EntityStore } from '../store.ts';
import { loadSubgraph } from '../manifest.ts';
import { type Anvil, DEV_KEYS, clients, deploy, gql, rpc, startAnvil, waitFor } from './chain.ts';
import { type Fixture, buildFixture } from './fixture/build.ts';

const quiet = () => {};

describe('local graph node on the fixture subgraph', () => {
  let fx: Fixture;
  let anvil: Anvil;
  let address: Address;
  let node: GraphNode;
  let dataDir: string;
  let send: (fn: string, args: unknown[], key?: `0x${string}`) => Promise<void>;
  let head: () => Promise<number>;

  const q = async <T = any>(query: string, variables?: Record<string, unknown>) => {
    const res = await gql<T>(node.url, query, variables);
    if (res.errors) throw new Error(`query failed: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  };
  const synced = async () => {
    const target = await head();
    await waitFor(async () => (await node.indexedBlock()) >= target || node.indexingError() !== null, 10_000, `block ${target}`);
    assert.equal(node.indexingError(), null);
  };

  before(async () => {
    fx = buildFixture();
    anvil = await startAnvil();
    address = await deploy(anvil.rpcUrl, fx.abi, fx.bytecode);
    send = async (functionName, args, key = DEV_KEYS[0]) => {
      const { walletClient, publicClient } = clients(anvil.rpcUrl, key);
      const hash = await walletClient.writeContract({ address, abi: fx.abi, functionName, args } as never);
      await publicClient.waitForTransactionReceipt({ hash });
    };
    head = async () => Number(await rpc<string>(anvil.rpcUrl, 'eth_blockNumber'));
    await send('list', [1n, 10n ** 18n, 'Green tea', 'Tea']);
    await send('list', [2n, 25n * 10n ** 17n, 'Oolong tea', 'Tea']);
    await send('list', [3n, 7n, 'Bamboo basket', 'Home']);
    await send('list', [4n, 9n, 'Paper lantern', 'Home'], DEV_KEYS[1]);
    await send('tag', [1n, ['organic', 'Yunnan'], -5]);
    await send('buy', [1n, 100n, '0x1234']);
    await send('buy', [2n, 250n, '0x'], DEV_KEYS[1]);
    await send('ship', [1n, 'SF Express']);
    await send('list', [9n, 1n, 'Removed soon', 'Misc']);
    await send('remove', [9n]);
    dataDir = mkdtempSync(join(tmpdir(), 'graph-node-test-'));
    node = await startGraphNode({ subgraph: fx.manifest, rpcUrl: anvil.rpcUrl, port: 0, dataDir, log: quiet });
    await synced();
  });

  after(async () => {
    await node?.stop();
    await anvil?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('handleItemListed: entities, BigDecimal math, Int8, log and dataSource host calls', async () => {
    const data = await q(`{ item(id: "1") { id title category price priceEth createdBlock active seller { id } } counter(id: "global") { items network source } }`);
    assert.equal(data.item.title, 'Green tea');
    assert.equal(data.item.price, '1000000000000000000');
    assert.equal(data.item.priceEth, '1');
    assert.equal(typeof data.item.createdBlock, 'string');
    assert.equal(data.item.seller.id, clients(anvil.rpcUrl).account.address.toLowerCase());
    assert.deepEqual(data.counter, { items: 4, network: 'localhost', source: address.toLowerCase() });
    const oolong = await q(`{ item(id: "2") { priceEth } }`);
    assert.equal(oolong.item.priceEth, '2.5');
  });

  test('handleItemTagged: string[] and int32 parameters', async () => {
    const data = await q(`{ item(id: "1") { tags score } }`);
    assert.deepEqual(data.item, { tags: ['organic', 'Yunnan'], score: -5 });
  });

  test('handleItemRemoved: store.remove', async () => {
    const data = await q(`{ item(id: "9") { id } items(where: { category: "Misc" }) { id } }`);
    assert.deepEqual(data, { item: null, items: [] });
  });

  test('handleOrderPlaced / handleOrderShipped: tuple parameter, keccak256, transaction fields, merge on load+save', async () => {
    const data = await q(`{ order(id: "1") { status amount ref noteHash buyer { orderCount loadedOrders spent } item { id }
      events(orderBy: timestamp) { __typename id timestamp ... on OrderPlacedEvent { amount from } ... on OrderShippedEvent { carrier } } } }`);
    assert.equal(data.order.status, 'Shipped');
    assert.equal(data.order.amount, '100');
    assert.equal(data.order.noteHash, '0x56570de287d73cd1cb6092bb8fdee6173974955fdef345ae579ee9f475ea7432');
    assert.equal(data.order.ref, data.order.noteHash);
    assert.deepEqual(data.order.buyer, { orderCount: 1, loadedOrders: 1, spent: '100' });
    assert.deepEqual(data.order.item, { id: '1' });
    const types = data.order.events.map((e: { __typename: string }) => e.__typename).sort();
    assert.deepEqual(types, ['OrderPlacedEvent', 'OrderShippedEvent']);
    const placed = data.order.events.find((e: { __typename: string }) => e.__typename === 'OrderPlacedEvent');
    assert.equal(placed.from, clients(anvil.rpcUrl).account.address.toLowerCase());
    assert.match(placed.id, /^0x[0-9a-f]{72}$/);
  });

  test('collections: defaults, ordering with id ties, skip/first, filters, nested filters, and/or', async () => {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    assert.deepEqual(ids((await q(`{ items { id } }`)).items), ['1', '2', '3', '4']);
    assert.deepEqual(ids((await q(`{ items(orderBy: category, orderDirection: desc) { id } }`)).items), ['2', '1', '4', '3']);
    assert.deepEqual(ids((await q(`{ items(orderBy: price, first: 2, skip: 1) { id } }`)).items), ['4', '1']);
    assert.deepEqual(ids((await q(`{ items(where: { price_gt: "8", price_lt: "2000000000000000000" }) { id } }`)).items), ['1', '4']);
    assert.deepEqual(ids((await q(`{ items(where: { title_contains_nocase: "TEA" }) { id } }`)).items), ['1', '2']);
    assert.deepEqual(ids((await q(`{ items(where: { title_starts_with: "Bam" }) { id } }`)).items), ['3']);
    assert.deepEqual(ids((await q(`{ items(where: { title_ends_with_nocase: "LANTERN" }) { id } }`)).items), ['4']);
    assert.deepEqual(ids((await q(`{ items(where: { title_not_contains: "tea" }) { id } }`)).items), ['3', '4']);
    assert.deepEqual(ids((await q(`{ items(where: { id_in: ["3", "1", "x"] }) { id } }`)).items), ['1', '3']);
    assert.deepEqual(ids((await q(`{ items(where: { tags_contains: ["organic"] }) { id } }`)).items), ['1']);
    assert.deepEqual(ids((await q(`{ items(where: { or: [{ category: "Home" }, { price: "1000000000000000000" }] }) { id } }`)).items), ['1', '3', '4']);
    assert.deepEqual(ids((await q(`{ items(where: { and: [{ category: "Home" }, { price_lt: "8" }] }) { id } }`)).items), ['3']);
    const second = clients(anvil.rpcUrl, DEV_KEYS[1]).account.address.toLowerCase();
    assert.deepEqual(ids((await q(`{ items(where: { seller: "${second}" }) { id } }`)).items), ['4']);
    assert.deepEqual(ids((await q(`{ items(where: { seller_: { spent_gt: "100" } }) { id } }`)).items), ['4']);
    assert.deepEqual(ids((await q(`{ items(where: { orders_: { status: Shipped } }) { id } }`)).items), ['1']);
    assert.deepEqual(ids((await q(`{ orders(orderBy: item__title, orderDirection: desc) { id } }`)).orders), ['2', '1']);
    const accounts = (await q(`{ accounts(orderBy: spent) { items(first: 1, orderBy: price, orderDirection: desc) { id } } }`)).accounts;
    assert.deepEqual(accounts.map((a: { items: { id: string }[] }) => ids(a.items)), [['2'], ['4']]);
    const shipments = (await q(`{ orders(orderBy: shipment__carrier) { id shipment { carrier } } }`)).orders;
    assert.deepEqual(shipments, [{ id: '1', shipment: { carrier: 'SF Express' } }, { id: '2', shipment: null }]);
    const events = (await q(`{ orderEvents(orderBy: timestamp, where: { order: "1" }) { __typename } }`)).orderEvents;
    assert.equal(events.length, 2);
    assert.deepEqual(ids((await q(`{ itemSearch(text: "tea") { id } }`)).itemSearch).sort(), ['1', '2']);
    assert.deepEqual(ids((await q(`{ items(where: { _change_block: { number_gte: 0 } }, first: 1) { id } }`)).items), ['1']);
  });

  test('_meta, aliases, fragments, variables, __typename, introspection', async () => {
    const data = await q(`query($c: String!) { _meta { block { number hash timestamp parentHash } hasIndexingErrors deployment }
      tea: items(where: { category: $c }) { ...F } }
      fragment F on Item { __typename id }`, { c: 'Tea' });
    assert.equal(data._meta.block.number, await node.indexedBlock());
    assert.match(data._meta.block.hash, /^0x[0-9a-f]{64}$/);
    const block = await rpc<{ parentHash: string }>(anvil.rpcUrl, 'eth_getBlockByNumber', [`0x${data._meta.block.number.toString(16)}`, false]);
    assert.equal(data._meta.block.parentHash, block.parentHash);
    // The IPFS hash graph-cli would deploy the build under, as graph-node reports it.
    assert.match(data._meta.deployment, /^Qm[1-9A-HJ-NP-Za-km-z]{44}$/);
    assert.equal(data._meta.deployment, await deploymentId(fx.manifest));
    assert.equal(data._meta.hasIndexingErrors, false);
    assert.deepEqual(data.tea, [{ __typename: 'Item', id: '1' }, { __typename: 'Item', id: '2' }]);
    const schema = await q(`{ __type(name: "Item_filter") { inputFields { name } } }`);
    const names = schema.__type.inputFields.map((f: { name: string }) => f.name);
    for (const n of ['title_contains_nocase', 'seller_', 'orders_', 'and', 'or', '_change_block', 'price_in']) assert.ok(names.includes(n), n);
  });

  test('field merging: repeated selections of one response key merge their sub-selections (CollectFields)', async () => {
    const keys = (o: object) => Object.keys(o);
    const buyer = clients(anvil.rpcUrl).account.address.toLowerCase();
    // References, in first-appearance order of the response keys.
    const ref = (await q(`{ order(id: "1") { item { id } status item { title } } }`)).order;
    assert.deepEqual(ref, { item: { id: '1', title: 'Green tea' }, status: 'Shipped' });
    assert.deepEqual(keys(ref), ['item', 'status']);
    assert.deepEqual(keys(ref.item), ['id', 'title']);
    // Named fragments and a direct selection of the same reference, nested merging two levels down.
    const frag = (await q(`{ order(id: "1") { ...A ...B buyer { spent items { title } } ...A } }
      fragment A on Order { buyer { orderCount items { id } } }
      fragment B on Order { buyer { id } }`)).order;
    assert.deepEqual(frag, { buyer: { orderCount: 1, items: [{ id: '1', title: 'Green tea' }, { id: '2', title: 'Oolong tea' }, { id: '3', title: 'Bamboo basket' }], id: buyer, spent: '100' } });
    assert.deepEqual(keys(frag.buyer), ['orderCount', 'items', 'id', 'spent']);
    // @derivedFrom lists and one-to-one @derivedFrom fields.
    const derived = (await q(`{ item(id: "1") { orders { id } orders { status buyer { id } } orders { buyer { spent } } } }`)).item;
    assert.deepEqual(derived, { orders: [{ id: '1', status: 'Shipped', buyer: { id: buyer, spent: '100' } }] });
    const shipment = (await q(`{ order(id: "1") { shipment { carrier } shipment { id carrier } } }`)).order.shipment;
    assert.deepEqual(keys(shipment), ['carrier', 'id']);
    assert.equal(shipment.carrier, 'SF Express');
    // Interface fields: inline fragments on the concrete types and on the interface itself.
    const events = (await q(`{ order(id: "1") { events(orderBy: timestamp) { __typename order { id }
      ... on OrderPlacedEvent { amount order { amount } }
      ... on OrderEvent { order { status } }
      ... on OrderShippedEvent { carrier order { item { id } } } } } }`)).order.events;
    // (sorted by type: both events may share a timestamp, and ties are broken by their hash ids)
    events.sort((x: { __typename: string }, y: { __typename: string }) => x.__typename.localeCompare(y.__typename));
    assert.deepEqual(events, [
      { __typename: 'OrderPlacedEvent', order: { id: '1', amount: '100', status: 'Shipped' }, amount: '100' },
      { __typename: 'OrderShippedEvent', order: { id: '1', status: 'Shipped', item: { id: '1' } }, carrier: 'SF Express' },
    ]);
    // Same response key on different object types may select different sub-fields: each type gets its own.
    const byType = (await q(`{ orderEvents(where: { order: "1" }) { __typename
      ... on OrderPlacedEvent { o: order { id } } ... on OrderShippedEvent { o: order { status } } } }`)).orderEvents;
    byType.sort((x: { __typename: string }, y: { __typename: string }) => x.__typename.localeCompare(y.__typename));
    assert.deepEqual(byType, [{ __typename: 'OrderPlacedEvent', o: { id: '1' } }, { __typename: 'OrderShippedEvent', o: { status: 'Shipped' } }]);
    // Aliases: the response key decides what merges.
    const aliased = (await q(`{ order(id: "1") { b: buyer { id } b: buyer { spent } c: buyer { orderCount } buyer { loadedOrders } } }`)).order;
    assert.deepEqual(aliased, { b: { id: buyer, spent: '100' }, c: { orderCount: 1 }, buyer: { loadedOrders: 1 } });
    // Root fields, collections with equal arguments, and _meta.
    const root = await q(`{ o: order(id: "1") { id } o: order(id: "1") { status } items(first: 1) { id } items(first: 1) { title }
      _meta { block { number } } _meta { block { hash } deployment } }`);
    assert.deepEqual(root.o, { id: '1', status: 'Shipped' });
    assert.deepEqual(root.items, [{ id: '1', title: 'Green tea' }]);
    assert.deepEqual(keys(root._meta), ['block', 'deployment']);
    assert.deepEqual(keys(root._meta.block), ['number', 'hash']);
    // @skip/@include apply per selection before merging.
    const directives = (await q(`query($yes: Boolean!) { item(id: "1") { seller { id } seller @skip(if: true) { spent } seller @include(if: $yes) { orderCount } } }`, { yes: true })).item;
    assert.deepEqual(directives, { seller: { id: buyer, orderCount: 1 } });
  });

  test('field merging: the same response key with different arguments or fields is a validation error', async () => {
    const cases: [string, RegExp][] = [
      ['{ order(id: "1") { events(first: 1) { id } events(first: 2) { id } } }', /Fields "events" conflict because they have differing arguments/],
      ['{ order(id: "1") { ...F events(orderBy: timestamp) { id } } } fragment F on Order { events(orderBy: id) { id } }', /Fields "events" conflict because they have differing arguments/],
      ['{ item(id: "1") { id } item(id: "2") { title } }', /Fields "item" conflict because they have differing arguments/],
      ['{ items { orders(where: { status: Paid }) { id } ... on Item { orders { status } } } }', /Fields "orders" conflict because they have differing arguments/],
      ['{ orderEvents { ... on OrderEvent { order { id } } ... on OrderPlacedEvent { order: from } } }', /Fields "order" conflict because "order" and "from" are different fields/],
      ['{ item(id: "1") { x: title x: category } }', /Fields "x" conflict because "title" and "category" are different fields/],
      ['{ orderEvents { ... on OrderPlacedEvent { x: amount } ... on OrderShippedEvent { x: carrier } } }', /Fields "x" conflict because they return conflicting types/],
    ];
    for (const [query, message] of cases) {
      const res = await gql(node.url, query);
      assert.equal(res.data, undefined, query);
      assert.ok(res.errors?.length, `${query} should fail`);
      assert.match(res.errors![0].message, message, query);
    }
  });

  test('bad queries give GraphQL errors', async () => {
    const cases: [string, RegExp][] = [
      ['{ nope { id } }', /Cannot query field "nope" on type "Query"/],
      ['{ items { nope } }', /Cannot query field "nope" on type "Item"/],
      ['{ items(first: 1001) { id } }', /`first` argument must be between 0 and 1000, but is 1001/],
      ['{ items(skip: 5001) { id } }', /`skip` argument must be between 0 and 5000, but is 5001/],
      ['{ items(where: { price_gt: "abc" }) { id } }', /^Failed to decode `BigInt` value: `invalid digit found in string`$/],
      ['{ items(where: { seller: "0x12z" }) { id } }', /^Failed to decode `Bytes` value: `Odd number of digits`$/],
      ['{ items(where: { seller: "0x12zz" }) { id } }', /^Failed to decode `Bytes` value: `Invalid character 'z' at position 2`$/],
      ['{ items(orderBy: nope) { id } }', /Item_orderBy/],
      ['{ items(where: { nope: 1 }) { id } }', /"nope" is not defined by type "Item_filter"/],
      ['{ items { id }', /Syntax Error/],
      ['{ items(block: { number: 999999 }) { id } }', /only indexed up to block number/],
    ];
    for (const [query, message] of cases) {
      const res = await gql(node.url, query);
      assert.ok(res.errors?.length, `${query} should fail`);
      assert.match(res.errors![0].message, message, query);
    }
    const res = await fetch(node.url, { method: 'POST', body: 'not json' });
    assert.equal(res.status, 400);
  });

  test('HTTP: POST / and /graphql, CORS preflight', async () => {
    const base = new URL(node.url).origin;
    for (const path of ['/', '/graphql']) {
      const res = await gql(`${base}${path}`, '{ counters { id } }');
      assert.deepEqual(res.data, { counters: [{ id: 'global' }] });
    }
    const preflight = await fetch(node.url, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  });

  test('follows new blocks within a second', async () => {
    await send('list', [5n, 5n, 'Late item', 'Tea']);
    const target = await head();
    const started = Date.now();
    await waitFor(async () => (await node.indexedBlock()) >= target, 5_000, 'the new block');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.equal((await q(`{ item(id: "5") { title } }`)).item.title, 'Late item');
  });

  test('a second graph node on the same data directory is refused', async () => {
    await assert.rejects(startGraphNode({ subgraph: fx.manifest, rpcUrl: anvil.rpcUrl, port: 0, dataDir, log: quiet }), /data directory .* is in use/);
  });

  test('restart: resumes after the last block, same answers', async () => {
    const query = `{ items(orderBy: id) { id title price seller { id } orders { id status } } _meta { block { number } } }`;
    const before = await q(query);
    const processed = node.eventsProcessed();
    assert.ok(processed > 0);
    await node.stop();
    node = await startGraphNode({ subgraph: fx.manifest, rpcUrl: anvil.rpcUrl, port: 0, dataDir, log: quiet });
    await synced();
    assert.deepEqual(await q(query), before);
    assert.equal(node.eventsProcessed(), 0, 'nothing re-indexed');
    await send('buy', [3n, 7n, '0x01']);
    await synced();
    assert.equal(node.eventsProcessed(), 1);
    assert.deepEqual((await q(`{ item(id: "3") { orders { id } } }`)).item.orders, [{ id: '3' }]);
    // store.loadRelated after the restart: one committed order from before, plus the new one.
    const buyer = clients(anvil.rpcUrl).account.address.toLowerCase();
    assert.deepEqual((await q(`{ account(id: "${buyer}") { orderCount loadedOrders } }`)).account, { orderCount: 2, loadedOrders: 2 });
  });

  test('json.try_fromString / toBigInt: JSON objects with big numbers, malformed JSON left as is', async () => {
    await send('list', [7n, 1n, '{"name": "Jade \\u00e9", "weight": 123456789012345678901234567890}', 'Json']);
    await send('list', [8n, 1n, '{"name": broken', 'Json']);
    await synced();
    const data = await q(`{ items(where: { category: "Json" }) { id title weight } }`);
    assert.deepEqual(data.items, [
      { id: '7', title: 'Jade é', weight: '123456789012345678901234567890' },
      { id: '8', title: '{"name": broken', weight: null },
    ]);
  });

  test('wasm memory growth: a 100 kB title grows the instance memory while the host writes and reads it', async () => {
    const title = `${'长'.repeat(50_000)}|${'x'.repeat(50_000)}`;
    await send('list', [10n, 1n, title, 'Big']);
    await synced();
    const data = await q(`{ items(where: { category: "Big" }) { title } }`);
    assert.equal(data.items[0].title, title);
  });

  test('a NUL character in a string is dropped, as graph-node does, instead of failing the store commit', async () => {
    await send('list', [11n, 1n, 'Nul\u0000byte\u0000', 'Nul']);
    await synced();
    assert.deepEqual((await q(`{ items(where: { category: "Nul" }) { title } _meta { hasIndexingErrors } }`)), {
      items: [{ title: 'Nulbyte' }],
      _meta: { hasIndexingErrors: false },
    });
  });

  test('reset chain: a different block at the indexed height re-indexes from the start', async () => {
    const counterBefore = (await q(`{ counter(id: "global") { items orders } }`)).counter;
    const snapshot = await rpc<string>(anvil.rpcUrl, 'evm_snapshot');
    await send('list', [6n, 6n, 'Will vanish', 'Tea']);
    await synced();
    assert.equal((await q(`{ item(id: "6") { id } }`)).item.id, '6');
    await rpc(anvil.rpcUrl, 'evm_revert', [snapshot]);
    await rpc(anvil.rpcUrl, 'evm_mine');
    await rpc(anvil.rpcUrl, 'evm_mine');
    await waitFor(async () => (await gql(node.url, `{ item(id: "6") { id } }`)).data?.item === null, 10_000, 're-index after reset');
    await synced();
    assert.deepEqual((await q(`{ counter(id: "global") { items orders } }`)).counter, counterBefore);
  });
});

describe('a failing handler', () => {
  test('stops indexing before the failed block, reports it in _meta, keeps serving, and survives a restart', async () => {
    const fx = buildFixture();
    const anvil = await startAnvil();
    const dataDir = mkdtempSync(join(tmpdir(), 'graph-node-fail-'));
    let node: GraphNode | undefined;
    try {
      const address = await deploy(anvil.rpcUrl, fx.abi, fx.bytecode);
      const { walletClient, publicClient } = clients(anvil.rpcUrl);
      const send = async (functionName: string, args: unknown[]) => {
        const hash = await walletClient.writeContract({ address, abi: fx.abi, functionName, args } as never);
        return publicClient.waitForTransactionReceipt({ hash });
      };
      await send('list', [1n, 1n, 'Fine', 'Tea']);
      const bad = await send('ship', [404n, 'nobody']);
      const logs: string[] = [];
      node = await startGraphNode({ subgraph: fx.manifest, rpcUrl: anvil.rpcUrl, port: 0, dataDir, log: (level, line) => logs.push(`${level} ${line}`) });
      await waitFor(async () => node!.indexingError() !== null, 10_000, 'the handler error');
      assert.match(node.indexingError()!, /Market\.handleOrderShipped failed at block \d+ .*Critical error logged in mapping: shipped unknown order 404/);
      assert.ok(logs.some((l) => l.startsWith('error indexing stopped')));
      const data = (await gql<any>(node.url, `{ items { id } _meta { hasIndexingErrors block { number } } }`)).data;
      assert.deepEqual(data.items, [{ id: '1' }]);
      assert.equal(data._meta.hasIndexingErrors, true);
      assert.equal(data._meta.block.number, Number(bad.blockNumber) - 1);
      await node.stop();
      node = await startGraphNode({ subgraph: fx.manifest, rpcUrl: anvil.rpcUrl, port: 0, dataDir, log: quiet });
      assert.match(node.indexingError() ?? '', /shipped unknown order 404/);
      assert.equal((await gql<any>(node.url, `{ _meta { hasIndexingErrors } }`)).data._meta.hasIndexingErrors, true);
    } finally {
      await node?.stop();
      await anvil.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a failing store', () => {
  test('a commit the database refuses stops indexing with a reported error instead of retrying forever', async () => {
    const fx = buildFixture();
    const anvil = await startAnvil();
    const store = await EntityStore.open({ schema: loadSubgraph(fx.manifest).schema, deployment: 'store-failure' });
    let indexer: Indexer | undefined;
    try {
      const address = await deploy(anvil.rpcUrl, fx.abi, fx.bytecode);
      const { walletClient, publicClient } = clients(anvil.rpcUrl);
      const hash = await walletClient.writeContract({ address, abi: fx.abi, functionName: 'list', args: [1n, 1n, 'Fine', 'Tea'] } as never);
      await publicClient.waitForTransactionReceipt({ hash });
      let commits = 0;
      store.db.transaction = async () => {
        commits++;
        throw new DatabaseError('database: invalid byte sequence for encoding "UTF8": 0x00');
      };
      const logs: string[] = [];
      indexer = new Indexer({ rpcUrl: anvil.rpcUrl, subgraph: loadSubgraph(fx.manifest), store, log: (level, line) => logs.push(`${level} ${line}`), pollMs: 20 });
      indexer.start();
      await waitFor(async () => logs.some((l) => l.startsWith('error indexing stopped')), 10_000, 'the store error');
      assert.match(indexer.failed!, /^store error: committing blocks up to \d+ failed: database: invalid byte sequence/);
      assert.equal(store.indexingError(), indexer.failed);
      assert.ok(logs.some((l) => l.startsWith('error indexing stopped: store error')));
      const attempts = commits;
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(commits, attempts, 'no retries after the failure');
      assert.equal(store.committedHead(), null);
    } finally {
      await indexer?.stop();
      await store.close();
      await anvil.stop();
    }
  });
});

describe('loading a mapping', () => {
  const realManifest = join(import.meta.dirname, '../../build/subgraph.yaml');
  test('the real subgraph build loads: schema, API schema and every host import it uses', { skip: !existsSync(realManifest) && 'subgraph/build/subgraph.yaml is not built (npm run build:subgraph)' }, () => {
    const subgraph = loadSubgraph(realManifest);
    buildApiSchema(subgraph.schema);
    for (const ds of subgraph.dataSources) new MappingRuntime(ds, subgraph.schema, {} as never, quiet);
  });

  test('a host import the node does not implement fails at load time, naming it', () => {
    const fx = buildFixture();
    const subgraph = loadSubgraph(fx.manifest);
    const ds = subgraph.dataSources[0];
    // The fixture's own wasm with one import renamed: a module that needs `ipfs.cat`.
    const wasm = Buffer.from(ds.wasm);
    const at = wasm.indexOf(Buffer.from('crypto.keccak256'));
    assert.ok(at > 0);
    Buffer.from('ipfs.catxxxxxxxx').copy(wasm, at);
    assert.throws(() => new MappingRuntime({ ...ds, wasm }, subgraph.schema, {} as never, quiet), /does not implement: index\.ipfs\.catxxxxxxxx/);
  });

  test('a data source context is refused (dataSource.context() is always empty here)', () => {
    const fx = buildFixture();
    const manifest = readFileSync(fx.manifest, 'utf8');
    assert.match(manifest, /\n    source:\n/);
    const withContext = join(dirname(fx.manifest), `context-${process.pid}.yaml`);
    writeFileSync(withContext, manifest.replace('\n    source:\n', '\n    context:\n      fee:\n        type: Int\n        data: 1\n    source:\n'));
    try {
      assert.throws(() => loadSubgraph(withContext), /dataSources\[0\] \(Market\): data source context is not supported/);
    } finally {
      rmSync(withContext);
    }
  });

  test('a missing manifest is refused with its path', () => {
    const fx = buildFixture();
    assert.throws(() => loadSubgraph(join(fx.manifest, '../nope.yaml')), /not found/);
  });
});
