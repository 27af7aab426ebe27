import { describe, expect, it } from 'vitest';
import { disputeRate, exceedsRule, isNewMerchant, merchantAgeDays, parseRule } from './new-merchant.ts';

const day = 86400;
const fresh = { registeredAt: 100 * day, completedCount: 1, orderCount: 2, disputeCount: 1 };
const established = { registeredAt: 0, completedCount: 50, orderCount: 60, disputeCount: 1 };

describe('new merchants', () => {
  it('measures age, dispute rate and newness', () => {
    expect(merchantAgeDays(fresh, 102 * day)).toBe(2);
    expect(disputeRate(fresh)).toBe(0.5);
    expect(disputeRate({ ...fresh, orderCount: 0 })).toBeNull();
    expect(isNewMerchant(fresh, 102 * day)).toBe(true);
    expect(isNewMerchant(established, 102 * day)).toBe(false);
  });

  it("applies the buyer's cap only to merchants under the chosen history", () => {
    const rule = { minCompletedOrders: 5, maxOrderTotal: 50_000_000n };
    expect(exceedsRule(rule, fresh, 60_000_000n, true)).toBe(true);
    expect(exceedsRule(rule, fresh, 40_000_000n, true)).toBe(false);
    expect(exceedsRule(rule, fresh, 1n, false)).toBe(true);
    expect(exceedsRule(rule, established, 60_000_000n, true)).toBe(false);
    expect(exceedsRule({ minCompletedOrders: 0, maxOrderTotal: 0n }, fresh, 60_000_000n, true)).toBe(false);
  });

  it('parses a stored rule defensively', () => {
    expect(parseRule({ minCompletedOrders: 3, maxOrderTotal: '100' })).toEqual({ minCompletedOrders: 3, maxOrderTotal: 100n });
    expect(parseRule({ minCompletedOrders: -1 })).toEqual({ minCompletedOrders: 0, maxOrderTotal: 0n });
    expect(parseRule('garbage')).toEqual({ minCompletedOrders: 0, maxOrderTotal: 0n });
  });
});
