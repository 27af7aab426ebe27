// "New accounts are visible as new": how established a merchant is, and the buyer's own rule for merchants
// without much history (a cap on the order total). Plain functions; the stored rule lives in
// new-merchant-limit.svelte.ts.

export interface MerchantHistory {
  registeredAt: number;
  completedCount: number;
  orderCount: number;
  disputeCount: number;
}

export interface NewMerchantRule {
  /** The rule applies to merchants with fewer completed orders than this (0: rule off). */
  minCompletedOrders: number;
  /** The most the buyer wants to pay such a merchant in one order, in settlement-token units. */
  maxOrderTotal: bigint;
}

export const DEFAULT_RULE: NewMerchantRule = { minCompletedOrders: 0, maxOrderTotal: 0n };

export function merchantAgeDays(history: MerchantHistory, now: number): number {
  return Math.max(0, Math.floor((now - history.registeredAt) / 86400));
}

export function disputeRate(history: MerchantHistory): number | null {
  return history.orderCount ? history.disputeCount / history.orderCount : null;
}

/** A merchant counts as new under 30 days or under 5 completed orders. */
export function isNewMerchant(history: MerchantHistory, now: number): boolean {
  return merchantAgeDays(history, now) < 30 || history.completedCount < 5;
}

export function ruleApplies(rule: NewMerchantRule, history: MerchantHistory): boolean {
  return rule.minCompletedOrders > 0 && history.completedCount < rule.minCompletedOrders;
}

/** Whether an order total (settlement-token units) breaks the buyer's rule for this merchant. */
export function exceedsRule(rule: NewMerchantRule, history: MerchantHistory, total: bigint, inSettlementToken: boolean): boolean {
  // The cap is in the stablecoin; for ETH listings there is no price to compare, so the rule blocks them outright.
  if (!ruleApplies(rule, history)) return false;
  return !inSettlementToken || total > rule.maxOrderTotal;
}

export function parseRule(value: unknown): NewMerchantRule {
  const v = value as { minCompletedOrders?: unknown; maxOrderTotal?: unknown } | null;
  const min = Number(v?.minCompletedOrders);
  let max = 0n;
  try {
    max = BigInt(String(v?.maxOrderTotal ?? '0'));
  } catch {
    max = 0n;
  }
  if (!Number.isInteger(min) || min < 0 || min > 1_000_000 || max < 0n) return DEFAULT_RULE;
  return { minCompletedOrders: min, maxOrderTotal: max };
}
