import { describe, expect, it } from 'vitest';
import { type ChainTerms, type OrderLog, ARBITER_WINDOW, replayOrder, sameState, stateOfOrder } from './replay.ts';

const buyer = '0x00000000000000000000000000000000000000b1' as const;
const merchant = '0x00000000000000000000000000000000000000a1' as const;
const terms: ChainTerms = {
  buyer,
  merchant,
  token: '0x00000000000000000000000000000000000000c1',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: 7n,
  quantity: 2,
  total: 1000n,
  points: 300n,
  feeBps: 200,
  rewardBps: 100,
  autoReleaseWindow: 7 * 86400,
  placedAt: 1_000,
  shipBy: 5_000,
};
const placedArgs = (shippingInfo: `0x${string}` = '0x') => ({ buyer, merchant, terms, shippingInfo });

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
      log('OrderPlaced', placedArgs('0x01')),
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
    const a = log('OrderPlaced', placedArgs());
    const b = log('OrderShipped', { shippedAt: 3_000, carrier: 'SF', trackingRef: 'SF1' });
    const r = replayOrder([b, a])!;
    expect(r.order.status).toBe(2);
  });

  it('places the terms as the escrow stores them: the whole total in escrow, status Paid', () => {
    const r = replayOrder([log('OrderPlaced', placedArgs('0x01'))])!;
    expect(r.order).toMatchObject({ ...terms, amount: 1000n, pointsPaid: 300n, shippedAt: 0, disputedAt: 0, status: 1, flags: 0 });
    expect(r.shippingInfo).toBe('0x01');
    expect(r.events[0]).toMatchObject({ __typename: 'OrderPlacedEvent', amount: '1000', pointsPaid: '300' });
  });

  it('refunds return cash first: points held are what the remaining value still covers', () => {
    const r = replayOrder([log('OrderPlaced', placedArgs()), log('OrderRefunded', { cash: 600n, points: 0n, remaining: 400n })])!;
    expect(r.order).toMatchObject({ status: 1, amount: 400n, pointsPaid: 300n, total: 1000n, points: 300n });
    const deeper = replayOrder([log('OrderPlaced', placedArgs()), log('OrderRefunded', { cash: 700n, points: 100n, remaining: 200n })])!;
    expect(deeper.order).toMatchObject({ status: 1, amount: 200n, pointsPaid: 200n });
    const full = replayOrder([
      log('OrderPlaced', placedArgs()),
      log('OrderRefunded', { cash: 700n, points: 100n, remaining: 200n }),
      log('OrderRefunded', { cash: 0n, points: 200n, remaining: 0n }),
    ])!;
    expect(full.order).toMatchObject({ status: 5, amount: 0n, pointsPaid: 0n });
  });

  it('records a refund the escrow could not push as a credit, without changing the state', () => {
    const r = replayOrder([
      log('OrderPlaced', placedArgs()),
      log('OrderCancelled', { cash: 700n, points: 300n }),
      log('BuyerCredited', { buyer, token: terms.token, amount: 700n }),
    ])!;
    expect(r.order).toMatchObject({ status: 6, amount: 0n });
    expect(r.buyerCredited).toBe(700n);
    expect(r.events[2]).toMatchObject({ __typename: 'BuyerCreditedEvent', amount: '700', token: terms.token });
  });

  it('compares with the stored state field for field', () => {
    const r = replayOrder([log('OrderPlaced', placedArgs()), log('OrderShipped', { shippedAt: 3_000, carrier: 'SF', trackingRef: 'SF1' })])!;
    const replayed = stateOfOrder(r.order);
    expect(replayed).toEqual({ remaining: 1000n, shippedAt: 3_000, disputedAt: 0, status: 2, flags: 0 });
    expect(sameState({ ...replayed }, replayed)).toBe(true);
    expect(sameState({ ...replayed, remaining: 999n }, replayed)).toBe(false);
    expect(sameState({ ...replayed, shippedAt: 3_001 }, replayed)).toBe(false);
    expect(sameState({ ...replayed, status: 4 }, replayed)).toBe(false);
    expect(sameState({ ...replayed, flags: 1 }, replayed)).toBe(false);
    expect(sameState({ ...replayed, disputedAt: 1 }, replayed)).toBe(false);
  });

  it('cancels with a full refund', () => {
    const r = replayOrder([log('OrderPlaced', placedArgs()), log('OrderCancelled', { cash: 700n, points: 300n })])!;
    expect(r.order).toMatchObject({ status: 6, amount: 0n, pointsPaid: 0n });
  });

  it('disputes: disputedAt from the arbiter deadline, resolution by name', () => {
    const r = replayOrder([
      log('OrderPlaced', placedArgs()),
      log('DisputeOpened', { statementCid: 'bafy', arbiterDeadline: 4_000 + ARBITER_WINDOW }),
      log('DisputeStatement', { by: merchant, statementCid: 'bafm' }),
      log('SettlementOffered', { by: merchant, buyerAmount: 500n, deadline: 9_000 }),
      log('DisputeResolved', { resolution: 1, by: buyer, buyerCash: 500n, buyerPoints: 0n, merchantAmount: 490n, fee: 10n }),
    ])!;
    expect(r.order).toMatchObject({ status: 7, disputedAt: 4_000, amount: 0n, pointsPaid: 0n });
    expect(r.arbiterDeadline).toBe(4_000 + ARBITER_WINDOW);
    expect(r.resolution).toBe('Settlement');
    // An offer changes no state; it reaches the page in the subgraph's shape (the dispute thread reads it).
    expect(r.events[3]).toMatchObject({ __typename: 'SettlementOfferedEvent', by: merchant, buyerAmount: '500', deadline: '9000' });
    expect(r.events[4]).toMatchObject({ resolution: 'Settlement', buyerCash: '500' });
  });

  it('ignores logs of other orders', () => {
    const other = { ...log('OrderShipped', { shippedAt: 9, carrier: 'x', trackingRef: 'y' }) };
    (other.args as { orderId: bigint }).orderId = 6n;
    const r = replayOrder([log('OrderPlaced', placedArgs()), other])!;
    expect(r.order.status).toBe(1);
    expect(r.events).toHaveLength(1);
  });
});
