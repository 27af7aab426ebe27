// Unit tests for the pieces with exact graph-node semantics: BigInt/BigDecimal encoding and arithmetic,
// API naming, schema validation, the export-section rewrite, and the store's synchronous reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildApiSchema, queryFieldNames } from '../api-schema.ts';
import { BigDecimal, bigIntFromLE, bigIntToLE } from '../asc.ts';
import { parseSchema } from '../schema.ts';
import { type Entity, EntityStore } from '../store.ts';
import { prepareModule } from '../wasm-exports.ts';
import { buildFixture } from './fixture/build.ts';
import { loadSubgraph } from '../manifest.ts';
import { ipfsAddCid } from '../deployment-id.ts';

describe('BigInt encoding (little-endian two\'s complement, minimal)', () => {
  const cases: [bigint, number[]][] = [
    [0n, []],
    [1n, [1]],
    [127n, [0x7f]],
    [128n, [0x80, 0x00]],
    [255n, [0xff, 0x00]],
    [256n, [0x00, 0x01]],
    [-1n, [0xff]],
    [-128n, [0x80]],
    [-129n, [0x7f, 0xff]],
  ];
  for (const [value, bytes] of cases) {
    test(`${value}`, () => {
      assert.deepEqual([...bigIntToLE(value)], bytes);
      assert.equal(bigIntFromLE(Uint8Array.from(bytes)), value);
    });
  }
  test('round-trips 2^255 - 1 and -2^255', () => {
    for (const v of [2n ** 255n - 1n, -(2n ** 255n), 10n ** 30n]) assert.equal(bigIntFromLE(bigIntToLE(v)), v);
  });
});

describe('BigDecimal (graph-node semantics)', () => {
  const d = (s: string) => BigDecimal.parse(s);
  test('parses and prints plain decimals, strips trailing zeros', () => {
    assert.equal(d('1.500').toString(), '1.5');
    assert.equal(d('-0.0001').toString(), '-0.0001');
    assert.equal(d('1e3').toString(), '1000');
    assert.equal(d('0.000').toString(), '0');
    assert.throws(() => d('abc'), /invalid BigDecimal/);
  });
  test('arithmetic', () => {
    assert.equal(d('1.1').plus(d('2.2')).toString(), '3.3');
    assert.equal(d('1').minus(d('2.5')).toString(), '-1.5');
    assert.equal(d('1.5').times(d('-2')).toString(), '-3');
    assert.equal(d('1').dividedBy(d('4')).toString(), '0.25');
    assert.ok(d('2').equals(d('2.000')));
    assert.throws(() => d('1').dividedBy(d('0')), /Division by zero/);
  });
  test('rounds to 34 significant digits (half up; negatives truncate, as bigdecimal 0.1.2)', () => {
    assert.equal(d('1').dividedBy(d('3')).toString(), `0.${'3'.repeat(34)}`);
    assert.equal(d('2').dividedBy(d('3')).toString(), `0.${'6'.repeat(33)}7`);
    assert.equal(d('-2').dividedBy(d('3')).toString(), `-0.${'6'.repeat(34)}`);
    assert.equal(d('123456789012345678901234567890123456789').toString(), '123456789012345678901234567890123500000');
  });
});

describe('query API naming', () => {
  test('graph-node plurals', () => {
    assert.deepEqual(queryFieldNames('Listing'), { single: 'listing', plural: 'listings' });
    assert.deepEqual(queryFieldNames('Category'), { single: 'category', plural: 'categories' });
    assert.deepEqual(queryFieldNames('OrderStatus'), { single: 'orderStatus', plural: 'orderStatuses' });
    assert.deepEqual(queryFieldNames('Dispute'), { single: 'dispute', plural: 'disputes' });
    assert.deepEqual(queryFieldNames('PointsBalance'), { single: 'pointsBalance', plural: 'pointsBalances' });
    assert.deepEqual(queryFieldNames('Stats'), { single: 'stats', plural: 'stats_collection' });
    // Inflector is case-sensitive: its `data` rule and uncountable words only apply to lower-case names.
    assert.deepEqual(queryFieldNames('PlatformDayData'), { single: 'platformDayData', plural: 'platformDayDatas' });
    assert.deepEqual(queryFieldNames('MerchantSales'), { single: 'merchantSales', plural: 'merchantSales_collection' });
    assert.deepEqual(queryFieldNames('data'), { single: 'data', plural: 'data_collection' });
    assert.deepEqual(queryFieldNames('Money'), { single: 'money', plural: 'monies' });
    assert.deepEqual(queryFieldNames('money'), { single: 'money', plural: 'money_collection' });
    assert.deepEqual(queryFieldNames('Box'), { single: 'box', plural: 'boxes' });
    assert.deepEqual(queryFieldNames('Person'), { single: 'person', plural: 'persons' });
    // Inflector 0.11 quirk, reproduced: its person/people rule keeps the whole match before appending "ople".
    assert.deepEqual(queryFieldNames('person'), { single: 'person', plural: 'personople' });
    assert.deepEqual(queryFieldNames('axis'), { single: 'axis', plural: 'axes' });
    assert.deepEqual(queryFieldNames('knife'), { single: 'knife', plural: 'knives' });
    assert.deepEqual(queryFieldNames('alias'), { single: 'alias', plural: 'aliases' });
    // to_camel_case: acronyms, digits and underscores as graph-node's Inflector treats them.
    assert.deepEqual(queryFieldNames('ERC20Token'), { single: 'erc20Token', plural: 'erc20Tokens' });
    assert.deepEqual(queryFieldNames('Token_Pair'), { single: 'tokenPair', plural: 'tokenPairs' });
  });

  test('every entity and interface of subgraph/schema.graphql gets the graph-node field names', () => {
    const schema = parseSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    const plurals = Object.fromEntries([...schema.interfaces.keys(), ...schema.entities.keys()].map((n) => [n, queryFieldNames(n).plural]));
    assert.deepEqual(plurals, {
      OrderEvent: 'orderEvents', Platform: 'platforms', Token: 'tokens', Merchant: 'merchants', MerchantSales: 'merchantSales_collection',
      Courier: 'couriers', Listing: 'listings', ProvenanceStep: 'provenanceSteps', Order: 'orders', OrderPlacedEvent: 'orderPlacedEvents',
      OrderShippedEvent: 'orderShippedEvents', CheckpointEvent: 'checkpointEvents', OrderCompletedEvent: 'orderCompletedEvents',
      OrderRefundedEvent: 'orderRefundedEvents', OrderCancelledEvent: 'orderCancelledEvents', DisputeOpenedEvent: 'disputeOpenedEvents',
      DisputeStatementEvent: 'disputeStatementEvents', DisputeResolvedEvent: 'disputeResolvedEvents', ReviewEvent: 'reviewEvents',
      ReviewReplyEvent: 'reviewReplyEvents', Dispute: 'disputes', Review: 'reviews', Account: 'accounts', Attestation: 'attestations', Balance: 'balances',
      PointsTransfer: 'pointsTransfers', PlatformDayData: 'platformDayDatas', TokenDayData: 'tokenDayDatas', MerchantDayData: 'merchantDayDatas',
      Cart: 'carts', BuyerCreditedEvent: 'buyerCreditedEvents', SettlementOfferedEvent: 'settlementOfferedEvents', SettlementOffer: 'settlementOffers',
    });
  });

  test('filters, orderBy (with child sorting) and query fields are generated', () => {
    const api = buildApiSchema(parseSchema(`
      type Shop @entity(immutable: false) { id: Bytes! name: String! items: [Item!]! @derivedFrom(field: "shop") }
      type Item @entity(immutable: true) { id: ID! shop: Shop! price: BigInt! tags: [String!]! sold: Boolean! }`));
    const filter = api.getType('Item_filter') as unknown as { getFields(): Record<string, { type: { toString(): string } }> };
    const fields = filter.getFields();
    // graph-node filters references by String (for String and Bytes ids), not by the id's own scalar.
    assert.equal(fields.shop.type.toString(), 'String');
    assert.equal(fields.price_in.type.toString(), '[BigInt!]');
    assert.equal(fields.shop_.type.toString(), 'Shop_filter');
    assert.ok(fields.tags_contains_nocase && fields.sold_not_in && !fields.sold_gt);
    const orderBy = api.getType('Item_orderBy') as unknown as { getValues(): { name: string }[] };
    assert.ok(orderBy.getValues().some((v) => v.name === 'shop__name'));
    const query = api.getQueryType()!.getFields();
    assert.ok(query.item && query.items && query.shop && query.shops && query._meta);
    assert.equal(query.items.args.find((a) => a.name === 'first')!.defaultValue, 100);
  });
});

describe('schema validation', () => {
  test('unsupported or malformed schemas are refused with the reason', () => {
    assert.throws(() => parseSchema('type A @entity { id: ID! b: Nope }'), /A\.b has unknown type Nope/);
    assert.throws(() => parseSchema('type A { id: ID! }'), /needs @entity/);
    assert.throws(() => parseSchema('type A @entity(timeseries: true) { id: Int8! timestamp: Timestamp! }'), /timeseries/);
    assert.throws(() => parseSchema('type A @entity { id: ID! bs: [B!]! @derivedFrom(field: "a") } type B @entity { id: ID! }'), /derived from B\.a/);
    assert.throws(() => parseSchema('type A @entity { name: String! }'), /no id field/);
  });
});

describe('export-section rewrite', () => {
  test('drops the exported TypeId globals and exports the mutable ones; imports, functions and memory are unchanged', () => {
    const wasm = loadSubgraph(buildFixture().manifest).dataSources[0].wasm;
    const original = new WebAssembly.Module(Uint8Array.from(wasm));
    const prepared = prepareModule(wasm);
    const rewritten = new WebAssembly.Module(prepared.bytes);
    const keep = (m: WebAssembly.Module) => WebAssembly.Module.exports(m).filter((e) => e.kind !== 'global');
    assert.deepEqual(keep(rewritten), keep(original));
    assert.deepEqual(WebAssembly.Module.imports(rewritten), WebAssembly.Module.imports(original));
    assert.ok(WebAssembly.Module.exports(original).some((e) => e.kind === 'global'));
    const globals = WebAssembly.Module.exports(rewritten).filter((e) => e.kind === 'global').map((e) => e.name);
    assert.ok(prepared.mutableGlobals && prepared.mutableGlobals.length > 0);
    assert.deepEqual(globals, prepared.mutableGlobals);
    // The rewritten module validates, and every global it exports is mutable (the allocator's offset among them).
    const imports = Object.fromEntries(WebAssembly.Module.imports(rewritten).map((i) => [i.module, {}]));
    for (const i of WebAssembly.Module.imports(rewritten)) (imports[i.module] as Record<string, () => number>)[i.name] = () => 0;
    const instance = new WebAssembly.Instance(rewritten, imports as WebAssembly.Imports);
    for (const name of globals) {
      const global = instance.exports[name] as WebAssembly.Global;
      global.value = global.value;
    }
  });
});

describe('store reads that miss the cache', () => {
  test('are answered synchronously from the database, after the commit in flight', async () => {
    const schema = parseSchema('type Item @entity(immutable: false) { id: ID! name: String! owner: Owner! } type Owner @entity(immutable: false) { id: ID! items: [Item!]! @derivedFrom(field: "owner") }');
    // Two entities fit: the third write evicts, so `Item` is no longer known to be fully cached.
    const store = await EntityStore.open({ schema, deployment: 'sync-reads', cacheLimit: 2 });
    try {
      const item = (id: string): Entity => new Map([['id', { kind: 'String', value: id }], ['name', { kind: 'String', value: `item ${id}` }], ['owner', { kind: 'String', value: 'o' }]]);
      for (const id of ['a', 'b', 'c']) store.write('Item', id, item(id), 1);
      await store.commit({ number: 1, hash: '0x01', timestamp: 1 });
      for (const id of ['d', 'e']) store.write('Item', id, item(id), 2);
      // Returns once the commit is sent to the database worker, as the indexer uses it.
      await store.commit({ number: 2, hash: '0x02', timestamp: 2 });
      assert.deepEqual(store.get('Item', 'a')?.get('name'), { kind: 'String', value: 'item a' });
      assert.equal(store.get('Item', 'zz'), null);
      assert.deepEqual(store.committedRelated('Item', 'owner', 'o'), ['a', 'b', 'c', 'd', 'e']);
      await store.settle();
    } finally {
      await store.close();
    }
  });
});

describe('store maintenance', () => {
  test('tables are analyzed and vacuumed when the indexer is idle, as Postgres autovacuum would (PGlite runs none)', async () => {
    const schema = parseSchema('type Item @entity(immutable: false) { id: ID! n: Int! }');
    const store = await EntityStore.open({ schema, deployment: 'autovacuum' });
    try {
      const stats = async () => (await store.db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'Item'`))[0].reltuples;
      assert.equal(await stats(), -1, 'a new table has never been analyzed');
      const write = (n: number, block: number) => {
        for (let i = 0; i < 200; i++) store.write('Item', String(i), new Map([['id', { kind: 'String', value: String(i) }], ['n', { kind: 'Int', value: n }]]), block);
      };
      write(1, 1);
      await store.commit({ number: 1, hash: '0x01', timestamp: 1 });
      await store.maintain();
      assert.equal(await stats(), 200);
      write(2, 2);
      await store.commit({ number: 2, hash: '0x02', timestamp: 2 });
      await store.maintain();
      // Only VACUUM marks pages all-visible; ANALYZE alone leaves relallvisible at 0.
      const [{ relallvisible }] = await store.db.query<{ relallvisible: number }>(`SELECT relallvisible FROM pg_class WHERE relname = 'Item'`);
      assert.ok(relallvisible > 0, 'VACUUM (ANALYZE) ran after 200 rows were updated');
    } finally {
      await store.close();
    }
  });
});

describe('deployment id', () => {
  test('files hash as kubo\'s `ipfs add` (CIDv0): known vectors', async () => {
    assert.equal(await ipfsAddCid(new Uint8Array()), 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH');
    assert.equal(await ipfsAddCid(Buffer.from('hello world\n')), 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o');
  });
});
