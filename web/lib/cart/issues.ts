// What the cart page says about a flagged line, in the buyer's language.
import { m } from '../paraglide/messages.js';
import { formatExact } from '../checkout/amount-format.ts';
import type { CheckedTerm, LineIssue } from './reconcile.ts';
import type { StoredLine } from './store.ts';

const TERM_NAMES: Record<CheckedTerm, () => string> = {
  shipWithin: m.cart_term_shipWithin,
  arbiter: m.cart_term_arbiter,
  rewardBps: m.cart_term_rewardBps,
  autoReleaseWindow: m.cart_term_autoReleaseWindow,
};

export function lineAmount(line: Pick<StoredLine, 'currency' | 'seen'>, value: bigint, locale: string): string {
  const eth = /^0x0{40}$/.test(line.seen.token);
  return formatExact(value, line.currency.decimals ?? 18, line.currency.symbol ?? (eth ? 'ETH' : '?'), locale);
}

export function issueText(issue: LineIssue, line: StoredLine, locale: string): string {
  switch (issue.kind) {
    case 'missing':
      return m.cart_issue_missing();
    case 'paused':
      return m.cart_issue_paused();
    case 'sold-out':
      return m.cart_issue_sold_out();
    case 'over-limit':
      return m.cart_issue_over_limit({ limit: String(issue.limit) });
    case 'price':
      return m.cart_issue_price({ was: lineAmount(line, issue.was, locale), now: lineAmount(line, issue.now, locale) });
    case 'terms':
      return m.cart_issue_terms({ terms: issue.changed.map((term) => TERM_NAMES[term]()).join(locale === 'zh-CN' ? '、' : ', ') });
    case 'offer':
      return m.cart_issue_offer();
    case 'gated':
      return m.cart_issue_gated();
    case 'no-key':
      return m.cart_issue_no_key();
  }
}
