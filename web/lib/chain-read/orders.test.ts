import { describe, expect, it } from 'vitest';
import type { PublicClient } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi, chainMartPointsAbi } from '../contracts/generated/abi.ts';
import type { ChainTerms } from '../orders/replay.ts';
import { MemoryStorage } from '../testing/memory-storage.ts';
import { encodeLog, fakeLogClient } from '../testing/chain-logs.ts';
import { ChainReader } from './reader.ts';
import { type OrderLog, replayOrder } from '../orders/replay.ts';
import { orderFieldsFromStruct, orderStructFromSubgraph } from '../chain/order.ts';
import { csvOrderFromChain, disputeOrder, filterByStatus, groupOrderLogs, matchingOrders, merchantDayRows, merchantRow, pointsEarned, saleEvents } from './orders.ts';

const catalog = '0x00000000000000000000000000000000000000ca' as const;
const escrow = '0x00000000000000000000000000000000000000e5' as const;
const points = '0x00000000000000000000000000000000000000f7' as const;
const merchant = '0x00000000000000000000000000000000000000a1' as const;
const other = '0x00000000000000000000000000000000000000a2' as const;
const buyer = '0x00000000000000000000000000000000000000b1' as const;
const arbiter = '0x00000000000000000000000000000000000000d1' as const;
const zero = '0x0000000000000000000000000000000000000000' as const;
const usd = '0x00000000000000000000000000000000000000c1' as const;
const key = `0x${'11'.repeat(32)}` as const;

const terms = (m: `0x${string}`, listingId: bigint, placedAt: number): ChainTerms => ({
  buyer, merchant: m, token: usd, arbiter, listingId, quantity: 1, total: 1000n, points: 0n, feeBps: 250, rewardBps: 100, autoReleaseWindow: 604800, placedAt, shipBy: placedAt + 86400,
});
const placed = (id: bigint, m: `0x${string}`, block: number) => encodeLog(chainMartEscrowAbi, escrow, 'OrderPlaced', { orderId: id, buyer, merchant: m, terms: terms(m, 1n, 1_000_000 + block), shippingInfo: '0x01' }, block);

const logs = [
  encodeLog(chainMartCatalogAbi, catalog, 'MerchantRegistered', { merchant, metadataURI: 'ipfs://shop', encryptionKey: key, arbiter, rewardBps: 100, autoReleaseWindow: 604800 }, 6),
  encodeLog(chainMartCatalogAbi, catalog, 'ListingCreated', { listingId: 1n, merchant, token: usd, price: 1000n, stock: 5, maxPerOrder: 2, shipWithin: 86400, title: 'Tea', category: 'food', metadataURI: 'ipfs://tea' }, 7),
  placed(1n, merchant, 10),
  placed(2n, merchant, 11),
  placed(3n, other, 12),
  encodeLog(chainMartEscrowAbi, escrow, 'OrderShipped', { orderId: 2n, shippedAt: 1_000_013, carrier: 'SF', trackingRef: 'SF1' }, 13),
  encodeLog(chainMartEscrowAbi, escrow, 'DisputeOpened', { orderId: 2n, statementCid: 'bafys', arbiterDeadline: 2_000_000 }, 14),
  encodeLog(chainMartEscrowAbi, escrow, 'SettlementOffered', { orderId: 2n, by: merchant, buyerAmount: 400n, deadline: 1_500_000 }, 15),
  encodeLog(chainMartEscrowAbi, escrow, 'OrderCompleted', { orderId: 1n, by: buyer, merchantAmount: 975n, fee: 25n, pointsMinted: 10n }, 16),
  encodeLog(chainMartPointsAbi, points, 'Transfer', { from: zero, to: buyer, value: 10n }, 16, 1),
  encodeLog(chainMartPointsAbi, points, 'Transfer', { from: other, to: merchant, value: 99n }, 17),
];

function reader() {
  const rpc = fakeLogClient(logs, 30, 10);
  const blockReads: bigint[] = [];
  const client = {
    request: rpc.request,
    async readContract({ functionName, args }: { functionName: string; args: unknown[] }) {
      if (functionName === 'balanceOf') return args[0] === buyer ? 10n : 0n;
      if (functionName === 'merchantOf') return [true, arbiter, 150, 604800, key];
      throw new Error(`unexpected ${functionName}`);
    },
    async getBlock({ blockNumber }: { blockNumber: bigint }) {
      blockReads.push(blockNumber);
      return { timestamp: 1_000_000n + blockNumber };
    },
  } as unknown as PublicClient;
  const storage = new MemoryStorage();
  const settlementToken = { address: usd, symbol: 'tUSD', decimals: 6 };
  const make = () => new ChainReader({ client, escrow, catalog, points, startBlock: 5, chainId: 31337, maxRange: 10, storage, settlementToken });
  return { rpc, storage, make, blockReads, reader: make() };
}

describe('escrow order logs', () => {
  const grouped = groupOrderLogs(logs.filter((l) => l.address === escrow));
  it('groups the events by order and finds the orders by party', () => {
    expect([...grouped.keys()]).toEqual([1n, 2n, 3n]);
    expect(grouped.get(2n)!.map((l) => l.eventName)).toEqual(['OrderPlaced', 'OrderShipped', 'DisputeOpened', 'SettlementOffered']);
    expect(matchingOrders(grouped, { merchant: merchant.toUpperCase().replace('0X', '0x') })).toEqual([2n, 1n]);
    expect(matchingOrders(grouped, { arbiter })).toEqual([3n, 2n, 1n]);
    expect(matchingOrders(grouped, { merchant: buyer })).toEqual([]);
  });
  it('counts the points a completed order minted to its buyer', () => {
    expect(pointsEarned(grouped, buyer)).toEqual([{ orderId: 1n, merchant, minted: 10n }]);
    expect(pointsEarned(grouped, merchant)).toEqual([]);
  });
  it('filters rows by the status filters of the orders page', () => {
    const rows = [{ status: 1 }, { status: 2 }, { status: 3 }, { status: 4 }];
    expect(filterByStatus(rows, 'toShip')).toEqual([{ status: 1 }]);
    expect(filterByStatus(rows, 'finished')).toEqual([{ status: 4 }]);
    expect(filterByStatus(rows, 'all')).toHaveLength(4);
  });
});

describe('the CSV export rebuilt from the escrow’s events', () => {
  const tUSD = { id: usd, symbol: 'tUSD', decimals: 6 };
  const rowOf = (id: bigint, later: ReturnType<typeof encodeLog>[]) => {
    const grouped = groupOrderLogs([placed(id, merchant, 10), ...later]);
    const untimed = grouped.get(id)!;
    const r = replayOrder(untimed.map((l) => ({ ...l, timestamp: 0 }) as OrderLog))!;
    return csvOrderFromChain(r, untimed, tUSD, 'Tea');
  };
  const event = (name: string, args: Record<string, unknown>, block: number) => encodeLog(chainMartEscrowAbi, escrow, name, args, block);

  it('has the subgraph row’s fields: terms from OrderPlaced, no fee while the order is open', () => {
    expect(rowOf(4n, [])).toEqual({
      id: '4', placedAt: String(1_000_010), listingId: '1', listingTitle: 'Tea', quantity: '1', token: usd, symbol: 'tUSD', decimals: 6,
      originalAmount: '1000', refunded: '0', fee: null, status: 1, buyer,
    });
  });

  it('sums partial refunds and keeps the order running; a completion adds the fee', () => {
    const row = rowOf(4n, [
      event('OrderRefunded', { orderId: 4n, cash: 300n, points: 0n, remaining: 700n }, 11),
      event('OrderShipped', { orderId: 4n, shippedAt: 1_000_012, carrier: 'SF', trackingRef: 'SF4' }, 12),
      event('OrderCompleted', { orderId: 4n, by: buyer, merchantAmount: 683n, fee: 17n, pointsMinted: 7n }, 13),
    ]);
    expect(row).toMatchObject({ refunded: '300', fee: '17', status: 4 });
  });

  it('counts a cancellation as refunded, with no fee', () => {
    expect(rowOf(4n, [event('OrderCancelled', { orderId: 4n, cash: 1000n, points: 0n }, 11)])).toMatchObject({ refunded: '1000', fee: null, status: 6 });
  });

  it('counts the buyer’s share of a ruling as refunded and its fee as the fee', () => {
    const row = rowOf(4n, [
      event('DisputeOpened', { orderId: 4n, statementCid: 'bafys', arbiterDeadline: 2_000_000 }, 11),
      event('DisputeResolved', { orderId: 4n, resolution: 0, by: arbiter, buyerCash: 400n, buyerPoints: 0n, merchantAmount: 585n, fee: 15n }, 12),
    ]);
    expect(row).toMatchObject({ refunded: '400', fee: '15', status: 7 });
  });
});

describe('the sales chart rebuilt from the escrow’s events', () => {
  const grouped = groupOrderLogs(logs.filter((l) => l.address === escrow));
  const tUSD = { id: usd, symbol: 'tUSD', decimals: 6 };
  const DAY_START = Math.floor(1_000_010 / 86_400) * 86_400;
  it('adds what the subgraph’s MerchantDayData adds: placed orders and totals, completions and the merchant’s amount', async () => {
    const events = saleEvents(grouped, merchant);
    expect(events.map((e) => [e.blockNumber, e.orders, e.completed])).toEqual([[16n, 0, 1], [11n, 1, 0], [10n, 1, 0]]);
    const rows = await merchantDayRows(events, 0, async (b) => 1_000_000 + b, async () => tUSD);
    expect(rows).toEqual([{ date: DAY_START, token: tUSD, volume: '2000', orders: 2, completed: 1, merchantAmount: '975' }]);
  });

  it('keeps only days starting at or after `since`, and stops reading block times at the first older event', async () => {
    const read: number[] = [];
    const time = async (b: number) => (read.push(b), 1_000_000 + b);
    expect(await merchantDayRows(saleEvents(grouped, merchant), 1_000_012, time, async () => tUSD)).toEqual([]);
    expect(read).toEqual([16, 11]);
    expect(await merchantDayRows(saleEvents(grouped, other), DAY_START, async (b) => 1_000_000 + b, async () => tUSD)).toEqual([
      { date: DAY_START, token: tUSD, volume: '1000', orders: 1, completed: 0, merchantAmount: '0' },
    ]);
  });
});

describe('orderFieldsFromStruct', () => {
  it('is the inverse of orderStructFromSubgraph, and what the merchant row is made of', () => {
    const grouped = groupOrderLogs([placed(4n, merchant, 10)]);
    const r = replayOrder(grouped.get(4n)!.map((l) => ({ ...l, timestamp: 0 }) as OrderLog))!;
    const fields = orderFieldsFromStruct(r.order);
    expect(orderFieldsFromStruct(orderStructFromSubgraph(fields))).toEqual(fields);
    const o = r.order;
    expect(orderStructFromSubgraph(fields)).toEqual({ ...o, buyer: o.buyer.toLowerCase(), merchant: o.merchant.toLowerCase(), token: o.token.toLowerCase(), arbiter: o.arbiter.toLowerCase() });
    expect(fields).toMatchObject({ buyer: { id: buyer }, merchant: { id: merchant }, originalAmount: '1000', originalPointsPaid: '0', placedAt: String(1_000_010), status: 1 });
    expect(merchantRow(r, { id: usd, symbol: 'tUSD', decimals: 6 }, 'Tea')).toMatchObject(fields);
  });
});

describe('disputeOrder', () => {
  const event = (name: string, args: Record<string, unknown>, block: number) => encodeLog(chainMartEscrowAbi, escrow, name, args, block);
  const opened = (id: bigint, deadline: number, block: number) => event('DisputeOpened', { orderId: id, statementCid: 'bafys', arbiterDeadline: deadline }, block);
  const resolved = (id: bigint, block: number) => event('DisputeResolved', { orderId: id, resolution: 0, by: arbiter, buyerCash: 0n, buyerPoints: 0n, merchantAmount: 975n, fee: 25n }, block);
  it('puts open disputes first by deadline, then resolved ones latest first, as sortDisputes does, from the logs alone', () => {
    const grouped = groupOrderLogs([
      ...[1n, 2n, 3n, 4n, 5n].map((id) => placed(id, merchant, Number(id))),
      opened(1n, 5_000, 10), opened(2n, 9_000, 11), opened(3n, 6_000, 12), opened(4n, 7_000, 13),
      resolved(4n, 14), resolved(1n, 15),
    ]);
    // Order 5 has no dispute.
    expect(disputeOrder(grouped, [5n, 4n, 3n, 2n, 1n])).toEqual({ ids: [3n, 2n, 1n, 4n], open: 2 });
  });
});

describe('ChainReader for sellers, arbiters and points', () => {
  it('lists a merchant’s orders newest first with their replayed state, filtered and paged', async () => {
    const { reader: r } = reader();
    const all = await r.merchantOrders(merchant, 'all', { first: 10, skip: 0 });
    expect(all.map((o) => [o.id, o.status])).toEqual([['2', 3], ['1', 4]]);
    expect(all[0]).toMatchObject({ carrier: 'SF', trackingRef: 'SF1', shippingInfo: '0x01', listing: { id: '1', title: 'Tea' }, currency: { symbol: 'tUSD', decimals: 6 }, buyer: { id: buyer }, merchant: { id: merchant } });
    expect((await r.merchantOrders(merchant, 'finished', { first: 10, skip: 0 })).map((o) => o.id)).toEqual(['1']);
    expect((await r.merchantOrders(merchant, 'toShip', { first: 10, skip: 0 }))).toEqual([]);
    expect((await r.merchantOrders(merchant, 'all', { first: 1, skip: 1 })).map((o) => o.id)).toEqual(['1']);
  });

  it('exports a merchant’s orders oldest first with refunds and fees, without reading block times', async () => {
    const { reader: r, blockReads } = reader();
    const rows = await r.exportOrders(merchant);
    expect(rows.map((o) => [o.id, o.status, o.refunded, o.fee, o.listingTitle, o.symbol])).toEqual([
      ['1', 4, '0', '25', 'Tea', 'tUSD'],
      ['2', 3, '0', null, 'Tea', 'tUSD'],
    ]);
    expect(blockReads).toEqual([]);
    expect(await r.exportOrders(buyer)).toEqual([]);
  });

  it('lists the disputes an arbiter rules on, with the settlement offers', async () => {
    const { reader: r } = reader();
    const { disputes, open, total } = await r.disputes(arbiter);
    expect([disputes.length, open, total]).toEqual([1, 1, 1]);
    expect(disputes[0]).toMatchObject({
      id: '2',
      openedAt: String(1_000_014),
      arbiterDeadline: '2000000',
      resolvedAt: null,
      order: { id: '2', status: 3, originalAmount: '1000', merchant: { id: merchant }, listing: { title: 'Tea' } },
      offers: [{ by: merchant, buyerAmount: '400', deadline: '1500000', offeredAt: String(1_000_015) }],
    });
    expect(await r.disputes(buyer)).toEqual({ disputes: [], open: 0, total: 0 });
  });

  it('gives the sales chart’s daily rows with the token’s symbol', async () => {
    const { reader: r } = reader();
    expect(await r.merchantDays(merchant, 0)).toEqual([
      { date: Math.floor(1_000_010 / 86_400) * 86_400, token: { id: usd, symbol: 'tUSD', decimals: 6 }, volume: '2000', orders: 2, completed: 1, merchantAmount: '975' },
    ]);
  });

  it('pages the disputes, replaying only the page’s orders', async () => {
    const { reader: r, blockReads } = reader();
    expect(await r.disputes(arbiter, { first: 1, skip: 1 })).toEqual({ disputes: [], open: 1, total: 1 });
    expect(blockReads).toEqual([]);
    expect((await r.disputes(arbiter, { first: 1, skip: 0 })).disputes.map((d) => d.id)).toEqual(['2']);
  });

  it('reads the points balance, the account’s transfers and where points were earned', async () => {
    const { reader: r } = reader();
    const p = await r.points(buyer);
    expect(p.account).toEqual({ pointsBalance: '10' });
    expect(p.transfers).toEqual([expect.objectContaining({ from: zero, to: buyer, amount: '10', timestamp: String(1_000_016) })]);
    expect(p.earnedAt).toEqual([{ id: '1', merchant: { id: merchant, metadataURI: 'ipfs://shop' }, events: [{ __typename: 'OrderCompletedEvent', pointsMinted: '10' }] }]);
    expect(p.merchants).toEqual([{ id: merchant, metadataURI: 'ipfs://shop', rewardBps: 150, listingCount: 1 }]);
    expect(p.fromChain).toBe(true);
  });

  it('keeps the escrow’s logs across page loads: a new reader scans only the blocks near the head', async () => {
    const { rpc, make, storage } = reader();
    await make().merchantOrders(merchant, 'all', { first: 10, skip: 0 });
    expect(storage.getItem(`chainmart:logs:31337:${escrow}`)).not.toBeNull();
    const before = rpc.calls.length;
    await make().merchantOrders(merchant, 'all', { first: 10, skip: 0 });
    const scans = rpc.calls.slice(before).filter((c) => c.method === 'eth_getLogs');
    // Head 30, reorg depth 12: only blocks 19..30 again, for the escrow and the catalog.
    expect(scans.every((c) => c.fromBlock! >= 19)).toBe(true);
    expect(scans.length).toBeGreaterThan(0);
  });
});
