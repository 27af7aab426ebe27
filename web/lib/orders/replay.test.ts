import { describe, expect, it } from 'vitest';
import { type ChainOrder, type OrderLog, ARBITER_WINDOW, replayOrder } from './replay.ts';

const buyer = '0x00000000000000000000000000000000000000b1' as const;
const merchant = '0x00000000000000000000000000000000000000a1' as const;
const placed: ChainOrder = {
  buyer,
  merchant,
  token: '0x00000000000000000000000000000000000000c1',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: 7n,
  quantity: 2,
  amount: 1000n,
  pointsPaid: 300n,
  feeBps: 200,
  rewardBps: 100,
  autoReleaseWindow: 7 * 86400,
  placedAt: 1_000,
  shipBy: 5_000,
  shippedAt: 0,
  disputedAt: 0,
  status: 1,
  flags: 0,
};

let block = 10n;
function log<T extends OrderLog['eventName']>(eventName: T, args: Record<string, unknown>, timestamp = 2_000): OrderLog {
  block += 1n;
  return { eventName, args: { orderId: 5n, ...args }, blockNumber: block, logIndex: 0, transactionHash: `0x${block.toString(16).padStart(64, '0')}`, timestamp } as OrderLog;
}

describe('replayOrder', () => {
  it('returns null without OrderPlaced', () => {
    expect(replayOrder([log('OrderShipped', { shippedAt: 2, carrier: 'x', trackingRef: 'y' })])).toBeNull();
  });

  it('ships, completes and reviews like the contract', () => {
    const r = replayOrder([
      log('OrderPlaced', { order: placed, shippingInfo: '0x01' }),
      log('OrderShipped', { shippedAt: 3_000, carrier: 'SF', trackingRef: 'SF1' }),
      log('CheckpointAdded', { by: merchant, location: 'Hangzhou', note: 'left' }),
      log('OrderCompleted', { by: buyer, merchantAmount: 970n, fee: 20n, pointsMinted: 10n }),
      log('Reviewed', { rating: 5, commentCid: 'bafy' }),
      log('ReviewReplied', { commentCid: 'bafz' }),
    ])!;
    expect(r.order).toMatchObject({ status: 4, shippedAt: 3_000, amount: 0n, pointsPaid: 0n, flags: 3 });
    expect(r.originalAmount).toBe(1000n);
    expect(r.carrier).toBe('SF');
    expect(r.review).toEqual({ rating: 5, commentCid: 'bafy', replyCid: 'bafz' });
    expect(r.events.map((e) => e.__typename)).toEqual([
      'OrderPlacedEvent',
      'OrderShippedEvent',
      'CheckpointEvent',
      'OrderCompletedEvent',
      'ReviewEvent',
      'ReviewReplyEvent',
    ]);
    expect(r.events[2]).toMatchObject({ location: 'Hangzhou', note: 'left', by: merchant });
  });

  it('sorts logs by block and log index before replaying', () => {
    const a = log('OrderPlaced', { order: placed, shippingInfo: '0x' });
    const b = log('OrderShipped', { shippedAt: 3_000, carrier: 'SF', trackingRef: 'SF1' });
    const r = replayOrder([b, a])!;
    expect(r.order.status).toBe(2);
  });

  it('partial refunds lower amount and points, a full refund ends the order', () => {
    const r = replayOrder([
      log('OrderPlaced', { order: placed, shippingInfo: '0x' }),
      log('OrderRefunded', { cash: 700n, points: 0n, remaining: 300n }),
    ])!;
    expect(r.order).toMatchObject({ status: 1, amount: 300n, pointsPaid: 300n });
    const full = replayOrder([
      log('OrderPlaced', { order: placed, shippingInfo: '0x' }),
      log('OrderRefunded', { cash: 700n, points: 100n, remaining: 200n }),
      log('OrderRefunded', { cash: 0n, points: 200n, remaining: 0n }),
    ])!;
    expect(full.order).toMatchObject({ status: 5, amount: 0n, pointsPaid: 0n });
  });

  it('cancels with a full refund', () => {
    const r = replayOrder([log('OrderPlaced', { order: placed, shippingInfo: '0x' }), log('OrderCancelled', { cash: 700n, points: 300n })])!;
    expect(r.order).toMatchObject({ status: 6, amount: 0n, pointsPaid: 0n });
  });

  it('disputes: disputedAt from the arbiter deadline, resolution by name', () => {
    const r = replayOrder([
      log('OrderPlaced', { order: placed, shippingInfo: '0x' }),
      log('DisputeOpened', { statementCid: 'bafy', arbiterDeadline: 4_000 + ARBITER_WINDOW }),
      log('DisputeStatement', { by: merchant, statementCid: 'bafm' }),
      log('DisputeResolved', { resolution: 1, by: buyer, buyerCash: 500n, buyerPoints: 0n, merchantAmount: 490n, fee: 10n }),
    ])!;
    expect(r.order).toMatchObject({ status: 7, disputedAt: 4_000, amount: 0n, pointsPaid: 0n });
    expect(r.arbiterDeadline).toBe(4_000 + ARBITER_WINDOW);
    expect(r.resolution).toBe('Settlement');
    expect(r.events[3]).toMatchObject({ resolution: 'Settlement', buyerCash: '500' });
  });

  it('ignores logs of other orders', () => {
    const other = { ...log('OrderShipped', { shippedAt: 9, carrier: 'x', trackingRef: 'y' }) };
    (other.args as { orderId: bigint }).orderId = 6n;
    const r = replayOrder([log('OrderPlaced', { order: placed, shippingInfo: '0x' }), other])!;
    expect(r.order.status).toBe(1);
    expect(r.events).toHaveLength(1);
  });
});
