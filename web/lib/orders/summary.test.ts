import { describe, expect, it } from 'vitest';
import { cancellationOf, completionOf, refundOf, resolutionOf, returnedOf, splitOf } from './summary.ts';

// 40 tUSD (6 decimals) in escrow: 30 paid in cash, 10 in points; 2% fee and a 1% reward snapshotted at checkout.
const order = { amount: 40_000_000n, points: 10_000_000n, feeBps: 200, rewardBps: 100, shippedAt: 0 };
const shipped = { ...order, shippedAt: 1_700_000_000 };

describe('completionOf', () => {
  it('takes the fee and the reward from the whole escrow and credits the merchant the rest', () => {
    expect(completionOf(order)).toEqual({ released: 40_000_000n, fee: 800_000n, reward: 400_000n, merchantAmount: 38_800_000n });
  });

  it('counts what is left after a partial refund, not the price at checkout', () => {
    expect(completionOf({ ...order, amount: 25_000_000n })).toEqual({ released: 25_000_000n, fee: 500_000n, reward: 250_000n, merchantAmount: 24_250_000n });
  });

  it('rounds each part down like the contract, the merchant keeping the dust', () => {
    expect(completionOf({ amount: 149n, feeBps: 200, rewardBps: 100 })).toEqual({ released: 149n, fee: 2n, reward: 1n, merchantAmount: 146n });
  });

  it('earns no points on an order without a reward rate (ETH orders)', () => {
    expect(completionOf({ amount: 10n ** 16n, feeBps: 250, rewardBps: 0 })).toEqual({ released: 10n ** 16n, fee: 25n * 10n ** 13n, reward: 0n, merchantAmount: 975n * 10n ** 13n });
  });
});

describe('returnedOf', () => {
  it('returns cash first, then the points part', () => {
    expect(returnedOf(order, 20_000_000n)).toEqual({ cash: 20_000_000n, points: 0n });
    expect(returnedOf(order, 35_000_000n)).toEqual({ cash: 30_000_000n, points: 5_000_000n });
    expect(returnedOf(order, order.amount)).toEqual({ cash: 30_000_000n, points: 10_000_000n });
  });

  it('holds only min(points, amount) in points once refunds ate past the cash', () => {
    // Paid 10 cash + 30 points, 25 refunded (10 cash, 15 points): the 15 left are all points.
    expect(returnedOf({ amount: 15n, points: 30n }, 15n)).toEqual({ cash: 0n, points: 15n });
  });
});

describe('refundOf', () => {
  it('a partial refund: cash back to the wallet, the rest stays in escrow, no stock back', () => {
    expect(refundOf(order, 12_500_000n)).toEqual({ amount: 12_500_000n, cash: 12_500_000n, points: 0n, remaining: 27_500_000n, stockReturned: false });
  });

  it('two partial refunds add up to the full return, the points coming back last', () => {
    const first = refundOf(order, 25_000_000n)!;
    const second = refundOf({ ...order, amount: first.remaining }, first.remaining)!;
    expect(second).toEqual({ amount: 15_000_000n, cash: 5_000_000n, points: 10_000_000n, remaining: 0n, stockReturned: true });
    expect(first.cash + second.cash).toBe(30_000_000n);
  });

  it('returns the stock only when an unshipped order is emptied', () => {
    expect(refundOf(order, order.amount)!.stockReturned).toBe(true);
    expect(refundOf(shipped, shipped.amount)!.stockReturned).toBe(false);
  });

  it('refuses what the contract refuses: nothing, or more than the escrow', () => {
    expect(refundOf(order, 0n)).toBeNull();
    expect(refundOf(order, order.amount + 1n)).toBeNull();
  });
});

describe('cancellationOf', () => {
  it('gives everything back, cash to the wallet and points re-minted, and the stock', () => {
    expect(cancellationOf(order)).toEqual({ cash: 30_000_000n, points: 10_000_000n, stockReturned: true });
    expect(cancellationOf({ amount: 5n, points: 0n })).toEqual({ cash: 5n, points: 0n, stockReturned: true });
  });
});

describe('splitOf and resolutionOf', () => {
  it('takes the fee from the merchant share only, with no points reward', () => {
    expect(splitOf(order, 15_000_000n)).toEqual({
      buyerAmount: 15_000_000n,
      cash: 15_000_000n,
      points: 0n,
      merchantShare: 25_000_000n,
      fee: 500_000n,
      merchantAmount: 24_500_000n,
    });
  });

  it('returns the buyer part cash first, then points', () => {
    expect(splitOf(order, 38_000_000n)).toMatchObject({ cash: 30_000_000n, points: 8_000_000n, fee: 40_000n, merchantAmount: 1_960_000n });
  });

  it('caps the buyer part at what is left, like the contract (a refund sent meanwhile)', () => {
    expect(splitOf({ ...order, amount: 20_000_000n }, 25_000_000n)).toMatchObject({ buyerAmount: 20_000_000n, merchantShare: 0n, fee: 0n, merchantAmount: 0n });
  });

  it('returns the stock when an unshipped order goes wholly to the buyer', () => {
    expect(resolutionOf(order, order.amount).stockReturned).toBe(true);
    expect(resolutionOf(order, order.amount - 1n).stockReturned).toBe(false);
    expect(resolutionOf(shipped, shipped.amount).stockReturned).toBe(false);
  });
});
