// A cart line against its listing as it is now. Anything that changed since the buyer added it is an issue the
// page names; the buyer accepts the new terms (a new price, a smaller quantity) or removes the line. Nothing is
// ever updated silently: a line with an issue is not paid until the buyer has decided.
import { canReceiveShipping } from '../checkout/shipping.ts';
import type { LiveListing } from './live.ts';
import type { CartTerms, StoredLine } from './store.ts';

/** The merchant terms the escrow checks besides the price (LineTermsChanged). */
export const CHECKED_TERMS = ['shipWithin', 'arbiter', 'rewardBps', 'autoReleaseWindow'] as const;
export type CheckedTerm = (typeof CHECKED_TERMS)[number];

export type LineIssue =
  | { kind: 'missing' }
  | { kind: 'paused' }
  | { kind: 'sold-out' }
  /** Fewer units may be ordered now than the line holds (stock went down or the per-order limit). */
  | { kind: 'over-limit'; limit: number }
  | { kind: 'price'; was: bigint; now: bigint }
  | { kind: 'terms'; changed: CheckedTerm[] }
  /** The listing moved to another token or merchant: a different offer under the same id. */
  | { kind: 'offer' }
  /** The listing asks for an attestation: bought on its own checkout page, where the proof is built. */
  | { kind: 'gated' }
  | { kind: 'no-key' };

/** Issues the buyer can settle by accepting the listing as it is now (the rest only by removing the line). */
export const ACCEPTABLE: ReadonlySet<LineIssue['kind']> = new Set(['over-limit', 'price', 'terms', 'offer']);

export function orderLimitOf(live: LiveListing): number {
  const max = BigInt(live.maxPerOrder);
  return Number(live.stock < max ? live.stock : max);
}

/**
 * What changed for `line`. `settlementToken`: the reward rate is only part of a line's terms in that token (the
 * escrow ignores it for others, as no points are earned there).
 */
export function reconcile(line: StoredLine, live: LiveListing | undefined, settlementToken: string): LineIssue[] {
  if (!live || !live.terms) return [{ kind: 'missing' }];
  if (live.paused) return [{ kind: 'paused' }];
  const limit = orderLimitOf(live);
  if (limit < 1) return [{ kind: 'sold-out' }];
  const issues: LineIssue[] = [];
  const seen = line.seen;
  const now = live.terms;
  if (seen.token !== now.token || seen.merchant !== now.merchant) issues.push({ kind: 'offer' });
  else if (seen.price !== now.price) issues.push({ kind: 'price', was: BigInt(seen.price), now: BigInt(now.price) });
  const inSettlement = now.token === settlementToken.toLowerCase();
  const changed = CHECKED_TERMS.filter((term) => (term !== 'rewardBps' || inSettlement) && String(seen[term]) !== String(now[term]));
  if (changed.length) issues.push({ kind: 'terms', changed });
  if (line.quantity > limit) issues.push({ kind: 'over-limit', limit });
  if (live.gated) issues.push({ kind: 'gated' });
  if (!canReceiveShipping(live.encryptionKey)) issues.push({ kind: 'no-key' });
  return issues;
}

export function acceptable(issues: readonly LineIssue[]): boolean {
  return issues.length > 0 && issues.every((issue) => ACCEPTABLE.has(issue.kind));
}

/** The line with the listing's current terms, and its quantity within the current limit: what the buyer accepted. */
export function acceptLive(line: StoredLine, live: LiveListing): StoredLine {
  if (!live.terms) return line;
  const terms: CartTerms = { ...live.terms };
  const limit = orderLimitOf(live);
  return {
    ...line,
    seen: terms,
    quantity: Math.max(1, Math.min(line.quantity, limit)),
    title: live.title ?? line.title,
    currency: live.currency.decimals === null ? line.currency : live.currency,
  };
}
