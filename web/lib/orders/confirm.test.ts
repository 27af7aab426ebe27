import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderStruct } from '../chain/order.ts';
import { overwriteGetLocale } from '../paraglide/runtime.js';
import { cancelSummary, completionSummary, refundSummary, resolutionSummary } from './confirm.ts';

const tUSD = { symbol: 'tUSD', decimals: 6 };
// 40 tUSD in escrow, 10 of them paid in points; a 2% fee and a 1% points reward; two items, not shipped yet.
const order: OrderStruct = {
  buyer: '0x00000000000000000000000000000000000000b1',
  merchant: '0x00000000000000000000000000000000000000a1',
  token: '0x00000000000000000000000000000000000000c1',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: 7n,
  quantity: 2,
  total: 40_000_000n,
  points: 10_000_000n,
  amount: 40_000_000n,
  pointsPaid: 10_000_000n,
  feeBps: 200,
  rewardBps: 100,
  autoReleaseWindow: 604800,
  placedAt: 1,
  shipBy: 2,
  shippedAt: 0,
  disputedAt: 0,
  status: 1,
  flags: 0,
};
const shipped = { ...order, shippedAt: 3, status: 2 };

const figures = (s: { lines: { key: string; value: string }[] }) => Object.fromEntries(s.lines.map((l) => [l.key, l.value]));

beforeAll(() => overwriteGetLocale(() => 'en'));

describe('confirmation summaries', () => {
  it('confirm receipt: the merchant gets the escrow less the fee and the reward, the buyer earns the points', () => {
    const s = completionSummary('5', shipped, tUSD, 'en', 'confirm');
    expect(figures(s)).toEqual({ merchant: '38.8 tUSD', fee: '0.8 tUSD', reward: '0.4 points' });
    expect(s.action).toBe('Confirm receipt and release 40 tUSD');
    expect(s.lines.find((l) => l.key === 'reward')!.label).toBe('You earn');
  });

  it('an ETH order earns no points, so there is no reward line', () => {
    const s = completionSummary('5', { ...shipped, rewardBps: 0, amount: 10n ** 16n, points: 0n }, { symbol: 'ETH', decimals: 18 }, 'en', 'timeout');
    expect(figures(s)).toEqual({ merchant: '0.0098 ETH', fee: '0.0002 ETH' });
  });

  it('cancel: cash back to the wallet, points re-minted, the stock returned', () => {
    expect(figures(cancelSummary('5', order, tUSD, 'en'))).toEqual({ cash: '30 tUSD', points: '10 points', stock: '+2' });
  });

  it('a partial refund leaves the rest in escrow; refusing what the contract refuses', () => {
    expect(figures(refundSummary('5', shipped, 12_500_000n, tUSD, 'en')!)).toEqual({ cash: '12.5 tUSD', remaining: '27.5 tUSD' });
    expect(figures(refundSummary('5', order, 40_000_000n, tUSD, 'en')!)).toEqual({ cash: '30 tUSD', points: '10 points', stock: '+2', remaining: '0 tUSD' });
    expect(refundSummary('5', order, 0n, tUSD, 'en')).toBeNull();
  });

  it('a ruling: the buyer part cash first, the fee on the merchant share only', () => {
    const s = resolutionSummary('5', { ...shipped, status: 3 }, 15_000_000n, tUSD, 'en', { kind: 'rule' });
    expect(figures(s)).toEqual({ cash: '15 tUSD', merchant: '24.5 tUSD', fee: '0.5 tUSD' });
    expect(s.action).toBe('Rule: 15 tUSD to the buyer');
  });

  it('an offer says how long it stays open and that a new one replaces it', () => {
    const s = resolutionSummary('5', { ...shipped, status: 3 }, 25_000_000n, tUSD, 'en', { kind: 'offer', deadline: 1_900_000_000 });
    expect(figures(s)).toEqual({ cash: '25 tUSD', merchant: '14.7 tUSD', fee: '0.3 tUSD' });
    expect(s.action).toBe('Offer: 25 tUSD to the buyer');
    expect(s.notes[0]).toBe('A new offer from you replaces this one.');
  });

  it("accepting the other party's offer names who offered and settles at once", () => {
    const s = resolutionSummary('5', { ...shipped, status: 3 }, 25_000_000n, tUSD, 'en', { kind: 'accept', role: 'merchant' });
    expect(s.title).toBe("Accept the merchant's offer on order #5?");
    expect(s.action).toBe('Accept: 25 tUSD to the buyer');
    expect(s.final).toBe('This cannot be undone.');
  });
});
