import { describe, expect, it } from 'vitest';
import type { OrderDetail, OrderEventItem } from '../data/subgraph.ts';
import { orderStructFromSubgraph } from '../chain/order.ts';
import { compareField, eventEntityId, eventRows, listingRows, merchantRows, normalize, orderRows, overall, stateText, txRows } from './compare.ts';

/** The state the escrow stores for `sub`: what stateOf returns under its terms. */
const STORED = { remaining: 1000n, shippedAt: 2, disputedAt: 0, status: 2, flags: 0 };
const judged = (subgraphKey: `0x${string}` | null, chainKey: `0x${string}` | null, storedState: typeof STORED | null = STORED) => ({ keys: { subgraph: subgraphKey, chain: chainKey }, storedState });

const sub = {
  id: '5',
  orderId: '5',
  statusName: 'Shipped',
  shippingInfo: '0x',
  carrier: 'SF',
  trackingRef: 'SF1',
  originalAmount: '1000',
  originalPointsPaid: '0',
  buyerCredited: '0',
  currency: { id: '0x0', symbol: 'ETH', decimals: 18 },
  listing: { id: '7', title: 't', metadataURI: '' },
  review: null,
  dispute: null,
  events: [
    { __typename: 'OrderPlacedEvent', id: 'a', timestamp: '1', transactionHash: '0xAA' },
    { __typename: 'OrderShippedEvent', id: 'b', timestamp: '2', transactionHash: '0xbb' },
  ],
  buyer: { id: '0x00000000000000000000000000000000000000b1' },
  merchant: { id: '0x00000000000000000000000000000000000000a1' },
  token: '0x0000000000000000000000000000000000000000',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: '7',
  quantity: '1',
  amount: '1000',
  pointsPaid: '0',
  feeBps: 200,
  rewardBps: 100,
  autoReleaseWindow: '604800',
  placedAt: '1',
  shipBy: '100',
  shippedAt: '2',
  disputedAt: '0',
  status: 2,
  flags: 0,
} satisfies OrderDetail;

const chainView = () => ({
  struct: { ...orderStructFromSubgraph(sub), buyer: '0x00000000000000000000000000000000000000B1' as const },
  originalAmount: '1000',
  originalPointsPaid: '0',
  carrier: 'SF',
  trackingRef: 'SF1',
  events: sub.events.map((e) => ({ ...e, id: `${e.transactionHash}-0` })) as OrderEventItem[],
});

describe('normalize and compareField', () => {
  it('compares numbers, bigints and decimal strings as numbers and hex case-insensitively', () => {
    expect(normalize(5n)).toBe('5');
    expect(normalize('007')).toBe('7');
    expect(normalize(7)).toBe('7');
    expect(normalize('0xABc')).toBe('0xabc');
    expect(normalize(false)).toBe('false');
    expect(normalize(undefined)).toBeNull();
    expect(compareField('amount', '1000', 1000n).verdict).toBe('match');
    expect(compareField('buyer', '0xab', '0xAB').verdict).toBe('match');
    expect(compareField('carrier', 'SF', 'sf').verdict).toBe('mismatch');
  });

  it('a value missing on one side is a mismatch, missing on both a match', () => {
    expect(compareField('carrier', null, 'SF').verdict).toBe('mismatch');
    expect(compareField('carrier', null, undefined).verdict).toBe('match');
  });

  it('overall: any mismatch, or nothing compared, is not a match', () => {
    expect(overall([{ verdict: 'match' }, { verdict: 'match' }])).toBe('match');
    expect(overall([{ verdict: 'match' }, { verdict: 'mismatch' }])).toBe('mismatch');
    expect(overall([])).toBe('mismatch');
  });
});

describe('orderRows', () => {
  it('matches field by field when the subgraph is right', () => {
    const rows = orderRows(sub, chainView(), judged('0x01', '0x01'));
    expect(rows.filter((r) => r.verdict === 'mismatch')).toEqual([]);
    expect(rows.map((r) => r.field)).toEqual(expect.arrayContaining(['orderKey', 'storedState']));
    expect(rows.find((r) => r.field === 'storedState')?.chain).toBe('1000/2/0/2/0');
    expect(rows.find((r) => r.field === 'buyer')?.chain).toBe('0x00000000000000000000000000000000000000b1');
  });

  it('finds a tampered state: the escrow stores another under the same terms', () => {
    const rows = orderRows({ ...sub, amount: '999', status: 4 }, chainView(), judged('0x01', '0x01'));
    expect(rows.filter((r) => r.verdict === 'mismatch').map((r) => r.field)).toEqual(['storedState', 'amount', 'status']);
    expect(overall(rows)).toBe('mismatch');
  });

  it('finds tampered terms: the escrow keys them differently and stores nothing under them', () => {
    const rows = orderRows({ ...sub, feeBps: 0 }, chainView(), judged('0x02', '0x01', null));
    expect(rows.filter((r) => r.verdict === 'mismatch').map((r) => r.field)).toEqual(['orderKey', 'storedState', 'feeBps']);
    expect(stateText(null)).toBeNull();
  });

  it('an order only one side knows mismatches everywhere', () => {
    expect(overall(orderRows(null, chainView(), judged(null, '0x01', null)))).toBe('mismatch');
  });
});

describe('eventRows', () => {
  it('pairs events by kind and transaction, and flags the ones on one side only', () => {
    const chain = chainView().events;
    expect(eventRows(sub.events, chain).every((r) => r.verdict === 'match')).toBe(true);
    const missing = eventRows(sub.events.slice(0, 1), chain);
    expect(missing.map((r) => [r.kind, r.inSubgraph, r.verdict])).toEqual([
      ['OrderPlacedEvent', true, 'match'],
      ['OrderShippedEvent', false, 'mismatch'],
    ]);
    const invented = eventRows([...sub.events, { __typename: 'OrderCompletedEvent', id: 'c', timestamp: '3', transactionHash: '0xcc' }], chain);
    expect(invented.at(-1)).toMatchObject({ kind: 'OrderCompletedEvent', onChain: false, verdict: 'mismatch' });
  });
});

describe('listingRows and merchantRows', () => {
  const listing = {
    merchant: { id: '0xa1' },
    token: '0x0000000000000000000000000000000000000000',
    price: '10',
    stock: '4',
    maxPerOrder: 2,
    shipWithin: '3600',
    paused: false,
    gate: null,
    title: 'Tea',
    category: 'tea',
    metadataURI: 'ipfs://x',
  };
  const chainListing = {
    merchant: '0xA1',
    token: '0x0000000000000000000000000000000000000000',
    price: 10n,
    stock: 4,
    maxPerOrder: 2,
    shipWithin: 3600,
    paused: false,
    gate: '0x0000000000000000000000000000000000000000',
    title: 'Tea',
    category: 'tea',
    metadataURI: 'ipfs://x',
  };

  it('treats the subgraph null gate as the zero address', () => {
    expect(overall(listingRows(listing, chainListing))).toBe('match');
    expect(listingRows({ ...listing, stock: '5' }, chainListing).find((r) => r.verdict === 'mismatch')?.field).toBe('stock');
  });

  it('a merchant the subgraph has but the chain does not is a mismatch', () => {
    const m = { arbiter: '0xd1', rewardBps: 100, autoReleaseWindow: '604800', encryptionKey: '0x11', metadataURI: 'ipfs://m' };
    const c = { registered: true, arbiter: '0xD1', rewardBps: 100, autoReleaseWindow: 604800, encryptionKey: '0x11', metadataURI: 'ipfs://m' };
    expect(overall(merchantRows(m, c))).toBe('match');
    expect(merchantRows(m, { ...c, registered: false })[0]).toMatchObject({ field: 'registered', verdict: 'mismatch' });
    expect(merchantRows(m, { ...c, rewardBps: 200 }).filter((r) => r.verdict === 'mismatch').map((r) => r.field)).toEqual(['rewardBps']);
  });
});

describe('txRows', () => {
  const hash = '0x00a0e7979024330f46176827abc29577f0c255afa529bf49afa2ef9eaa3ba1f3';

  it('builds graph-node event ids: hash + log index as 4 little-endian bytes', () => {
    expect(eventEntityId(hash, 61)).toBe(`${hash}3d000000`);
    expect(eventEntityId(hash.toUpperCase().replace('0X', '0x'), 256)).toBe(`${hash}00010000`);
  });

  it('compares each log with the entity of the same id, field by field', () => {
    const logs = [
      { eventName: 'OrderPlaced', logIndex: 1, args: { orderId: 9n, buyer: '0xb1', merchant: '0xa1', terms: { total: 40n, points: 0n }, shippingInfo: '0x' } },
      { eventName: 'DisputeResolved', logIndex: 2, args: { orderId: 9n, resolution: 0, by: '0xD1', buyerCash: 15n, buyerPoints: 0n, merchantAmount: 24n, fee: 1n } },
      { eventName: 'Withdrawn', logIndex: 3, args: { account: '0x1', token: '0x0', to: '0x1', amount: 1n } },
    ];
    const entities = [
      { __typename: 'OrderPlacedEvent', id: eventEntityId(hash, 1), blockNumber: '12', order: { id: '9' }, amount: '40', pointsPaid: '0' },
      { __typename: 'DisputeResolvedEvent', id: eventEntityId(hash, 2), blockNumber: '12', order: { id: '9' }, resolution: 'Ruling', by: '0xd1', buyerCash: '15', buyerPoints: '0', merchantAmount: '24', fee: '1' },
    ];
    const ok = txRows(logs, entities, hash, 12n);
    expect(ok.logs.map((l) => l.verdict)).toEqual(['match', 'match', 'state-only']);
    expect(ok.extra).toEqual([]);

    const tampered = txRows(logs, [{ ...entities[0], amount: '41' }, { ...entities[1], id: eventEntityId(hash, 7) }], hash, 12n);
    expect(tampered.logs[0].rows!.find((r) => r.verdict === 'mismatch')?.field).toBe('amount');
    expect(tampered.logs[1].verdict).toBe('mismatch');
    expect(tampered.extra.map((e) => e.id)).toEqual([eventEntityId(hash, 7)]);
  });
});

describe('txRows for provenance', () => {
  it('compares a ProvenanceAdded log with its ProvenanceStep by listing and fields, without a block number', () => {
    const hash = `0x${'12'.repeat(32)}`;
    const logs = [{ eventName: 'ProvenanceAdded', logIndex: 0, args: { listingId: 3n, kind: 'origin', location: 'Anxi', occurredAt: 5n, actor: 'farm', evidenceCid: 'bafy' } }];
    const entity = { __typename: 'ProvenanceStep', id: eventEntityId(hash, 0), listing: { id: '3' }, kind: 'origin', location: 'Anxi', occurredAt: '5', actor: 'farm', evidenceCid: 'bafy' };
    expect(txRows(logs, [entity], hash, 9n).logs[0].verdict).toBe('match');
    expect(txRows(logs, [{ ...entity, location: 'Elsewhere' }], hash, 9n).logs[0].verdict).toBe('mismatch');
  });
});
