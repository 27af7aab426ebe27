import { describe, expect, it } from 'vitest';
import type { OrderStruct } from '../chain/order.ts';
import type { OrderEventItem } from '../data/subgraph.ts';
import { acceptApprovals, agreeingOffers, disputeThread, liveOffers, offersFor, offersOpen, pairApprovals, parseSplit } from './dispute.ts';
import { ARBITER_WINDOW } from './replay.ts';

const buyer = '0x00000000000000000000000000000000000000b1' as const;
const merchant = '0x00000000000000000000000000000000000000A1' as const;
const arbiter = '0x00000000000000000000000000000000000000d1' as const;
const DISPUTED_AT = 1_000_000;
const order: OrderStruct = {
  buyer,
  merchant,
  token: '0x0000000000000000000000000000000000000000',
  arbiter,
  listingId: 1n,
  quantity: 1,
  total: 40_000_000n,
  points: 0n,
  amount: 40_000_000n,
  pointsPaid: 0n,
  feeBps: 200,
  rewardBps: 0,
  autoReleaseWindow: 7 * 86400,
  placedAt: 1_000,
  shipBy: 2_000,
  shippedAt: 0,
  disputedAt: DISPUTED_AT,
  status: 3,
  flags: 0,
};
const now = DISPUTED_AT + 100;

let n = 0;
const event = (__typename: string, fields: Partial<OrderEventItem>, timestamp = DISPUTED_AT): OrderEventItem => ({
  __typename,
  id: `0xtx-${n++}`,
  timestamp: String(timestamp),
  transactionHash: '0xtx',
  ...fields,
});
// Addresses as the subgraph returns them: lower case.
const offer = (by: string, amount: bigint, deadline: number, at = DISPUTED_AT + 10) =>
  event('SettlementOfferedEvent', { by: by.toLowerCase(), buyerAmount: amount.toString(), deadline: deadline.toString() }, at);

describe('liveOffers', () => {
  it("keeps each party's latest offer: a new one replaces the last", () => {
    const events = [offer(merchant, 10_000_000n, now + 500), offer(buyer, 40_000_000n, now + 500), offer(merchant, 25_000_000n, now + 900, DISPUTED_AT + 20)];
    const live = liveOffers(events, order, now);
    expect(live.map((o) => [o.role, o.buyerAmount, o.deadline])).toEqual([
      ['merchant', 25_000_000n, now + 900],
      ['buyer', 40_000_000n, now + 500],
    ]);
  });

  it('drops expired offers, offers by non-parties and everything once the dispute is over or past its window', () => {
    const events = [offer(merchant, 1n, now - 1), offer('0x00000000000000000000000000000000000000e1', 2n, now + 9)];
    expect(liveOffers(events, order, now)).toEqual([]);
    const fresh = [offer(merchant, 1n, now + 9)];
    expect(liveOffers(fresh, order, now)).toHaveLength(1);
    expect(liveOffers(fresh, { ...order, status: 7 }, now)).toEqual([]);
    expect(liveOffers(fresh, order, DISPUTED_AT + ARBITER_WINDOW + 1)).toEqual([]);
    expect(offersOpen(order, DISPUTED_AT + ARBITER_WINDOW)).toBe(true);
  });

  it('ignores malformed offers (a hostile or broken indexer answer)', () => {
    expect(liveOffers([event('SettlementOfferedEvent', { by: merchant, buyerAmount: '-5', deadline: String(now + 9) })], order, now)).toEqual([]);
    expect(liveOffers([event('SettlementOfferedEvent', { by: merchant })], order, now)).toEqual([]);
  });
});

describe('offersFor and agreeingOffers', () => {
  it("shows a party the other parties' offers only", () => {
    const live = liveOffers([offer(merchant, 5n, now + 9), offer(buyer, 7n, now + 9)], order, now);
    expect(offersFor(live, buyer).map((o) => o.role)).toEqual(['merchant']);
    expect(offersFor(live, merchant.toLowerCase()).map((o) => o.role)).toEqual(['buyer']);
    expect(offersFor(live, undefined)).toHaveLength(2);
  });

  it('pairs two parties on the same amount and deadline, and nothing else', () => {
    expect(agreeingOffers(liveOffers([offer(merchant, 5n, now + 9), offer(buyer, 5n, now + 8)], order, now))).toBeNull();
    expect(agreeingOffers(liveOffers([offer(merchant, 5n, now + 9), offer(buyer, 6n, now + 9)], order, now))).toBeNull();
    const pair = agreeingOffers(liveOffers([offer(arbiter, 5n, now + 9), offer(buyer, 5n, now + 9)], order, now));
    expect(pair?.map((o) => o.role)).toEqual(['arbiter', 'buyer']);
    expect(pairApprovals(pair!)).toEqual([
      { party: arbiter, signature: '0x' },
      { party: buyer, signature: '0x' },
    ]);
  });
});

describe('acceptApprovals', () => {
  it('names the offerer (its stored offer) and the caller (approves by calling), no signatures', () => {
    const [merchantOffer] = liveOffers([offer(merchant, 25n, now + 9)], order, now);
    expect(acceptApprovals(merchantOffer, buyer)).toEqual([
      { party: merchant.toLowerCase(), signature: '0x' },
      { party: buyer, signature: '0x' },
    ]);
    expect(() => acceptApprovals(merchantOffer, merchant)).toThrow(/own offer/);
  });

  it('refuses two offers that do not agree', () => {
    const live = liveOffers([offer(merchant, 5n, now + 9), offer(buyer, 6n, now + 9)], order, now);
    expect(() => pairApprovals([live[0], live[1]])).toThrow(/do not agree/);
  });
});

describe('disputeThread', () => {
  it('is the statements, offers and the resolution in time order, with the offers marked', () => {
    const events = [
      event('OrderPlacedEvent', { amount: '40000000' }, 500),
      event('DisputeOpenedEvent', { statementCid: 'bafyopen', arbiterDeadline: String(DISPUTED_AT + ARBITER_WINDOW) }),
      offer(merchant, 10n, now - 50, DISPUTED_AT + 5),
      event('DisputeStatementEvent', { by: merchant.toLowerCase(), statementCid: 'bafymerchant' }, DISPUTED_AT + 7),
      offer(buyer, 30n, now - 1, DISPUTED_AT + 8),
      offer(merchant, 20n, now + 50, DISPUTED_AT + 9),
    ];
    const thread = disputeThread(events, order, now);
    expect(thread.map((t) => t.kind)).toEqual(['statement', 'offer', 'statement', 'offer', 'offer']);
    expect(thread[0]).toMatchObject({ role: 'buyer', cid: 'bafyopen', opening: true });
    expect(thread[2]).toMatchObject({ role: 'merchant', cid: 'bafymerchant', opening: false });
    expect(thread.filter((t) => t.kind === 'offer').map((t) => t.kind === 'offer' && t.state)).toEqual(['replaced', 'expired', 'open']);
  });

  it('ends with the resolution, after which no offer is open', () => {
    const events = [offer(merchant, 20n, now + 50), event('DisputeResolvedEvent', { resolution: 'Settlement', buyerCash: '20', merchantAmount: '19' }, DISPUTED_AT + 30)];
    const thread = disputeThread(events, { ...order, status: 7 }, now);
    expect(thread[0]).toMatchObject({ kind: 'offer', state: 'expired' });
    expect(thread[1]).toMatchObject({ kind: 'resolved', resolution: 'Settlement', buyerCash: 20n, merchantAmount: 19n });
  });

  it('keeps chain order within one timestamp', () => {
    const events = [offer(merchant, 1n, now + 9, 5), event('DisputeStatementEvent', { by: buyer, statementCid: 'x' }, 5)];
    expect(disputeThread(events, order, now).map((t) => t.kind)).toEqual(['offer', 'statement']);
  });
});

describe('parseSplit', () => {
  it('reads the amount back to the buyer within the escrow', () => {
    expect(parseSplit(' 25 ', 6, 40_000_000n)).toEqual({ ok: true, buyerAmount: 25_000_000n });
    expect(parseSplit('0', 6, 40_000_000n)).toEqual({ ok: true, buyerAmount: 0n });
    expect(parseSplit('40', 6, 40_000_000n)).toEqual({ ok: true, buyerAmount: 40_000_000n });
    expect(parseSplit('12.5', 6, 40_000_000n)).toEqual({ ok: true, buyerAmount: 12_500_000n });
  });

  it('says why an amount is refused', () => {
    expect(parseSplit('', 6, 1n)).toEqual({ ok: false, reason: 'empty' });
    expect(parseSplit('-1', 6, 1n)).toEqual({ ok: false, reason: 'format' });
    expect(parseSplit('1e3', 6, 1n)).toEqual({ ok: false, reason: 'format' });
    expect(parseSplit('0.0000001', 6, 10n ** 9n)).toEqual({ ok: false, reason: 'format' });
    expect(parseSplit('40.01', 6, 40_000_000n)).toEqual({ ok: false, reason: 'too-much' });
  });
});
