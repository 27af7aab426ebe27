// "My orders" as shoppers know it from the big apps: tabs by what happens next (to ship, to receive, to
// review, refunds and disputes), each with its count, and each order's next action. Pure: the page gives
// the orders (status, flags and events from the subgraph or the chain) and the buyer's credits.
import { Status } from '../chain/order.ts';

export const ORDER_TABS = ['all', 'to-ship', 'to-receive', 'to-review', 'refunds'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

/** The Order fields the tabs read. */
export interface TabbedOrder {
  status: number;
  flags: number;
  /** Event type names of the order (`OrderRefundedEvent`, ...): a refund before completion leaves one. */
  events: { __typename: string }[];
}

const REVIEWED = 1;

export function parseTab(value: string | null): OrderTab {
  return (ORDER_TABS as readonly string[]).includes(value ?? '') ? (value as OrderTab) : 'all';
}

/** Money went back to the buyer while the order went on (a partial refund by the merchant). */
export function partlyRefunded(order: TabbedOrder): boolean {
  const name = Status[order.status];
  return name !== 'Refunded' && order.events.some((e) => e.__typename === 'OrderRefundedEvent');
}

/** Every tab the order shows under besides "all" (a partly refunded order still waits to ship, too). */
export function tabsOf(order: TabbedOrder): OrderTab[] {
  const name = Status[order.status];
  const tabs: OrderTab[] = ['all'];
  if (name === 'Paid') tabs.push('to-ship');
  if (name === 'Shipped') tabs.push('to-receive');
  if ((name === 'Completed' || name === 'Resolved') && (order.flags & REVIEWED) === 0) tabs.push('to-review');
  if (name === 'Refunded' || name === 'Cancelled' || name === 'Disputed' || name === 'Resolved' || partlyRefunded(order)) tabs.push('refunds');
  return tabs;
}

export function tabCounts(orders: TabbedOrder[]): Record<OrderTab, number> {
  const counts = Object.fromEntries(ORDER_TABS.map((t) => [t, 0])) as Record<OrderTab, number>;
  for (const order of orders) for (const tab of tabsOf(order)) counts[tab]++;
  return counts;
}

/**
 * The one thing the buyer would do next with the order, shown on its row: confirm receipt (a button), leave a
 * review, follow the dispute, see where a refund went, or just open the order.
 */
export type NextAction = 'confirm' | 'review' | 'dispute' | 'refund' | 'view';

export function nextAction(order: TabbedOrder): NextAction {
  const name = Status[order.status];
  if (name === 'Shipped') return 'confirm';
  if ((name === 'Completed' || name === 'Resolved') && (order.flags & REVIEWED) === 0) return 'review';
  if (name === 'Disputed') return 'dispute';
  if (name === 'Refunded' || name === 'Cancelled' || partlyRefunded(order)) return 'refund';
  return 'view';
}

/** The cash that came back to the buyer: refunds, a cancellation, the buyer's share of a dispute's outcome. */
export function refundedCash(events: { __typename: string; cash?: string; buyerCash?: string }[]): bigint {
  let total = 0n;
  for (const e of events) {
    if ((e.__typename === 'OrderRefundedEvent' || e.__typename === 'OrderCancelledEvent') && e.cash) total += BigInt(e.cash);
    if (e.__typename === 'DisputeResolvedEvent' && e.buyerCash) total += BigInt(e.buyerCash);
  }
  return total;
}

/**
 * Where refunded money is: the escrow pushes it to the buyer's wallet; only a push that failed is held as a
 * credit the buyer withdraws (`buyerCredited`, the order's BuyerCredited total).
 */
export function refundDestination(buyerCredited: bigint | string): 'wallet' | 'credit' {
  return BigInt(buyerCredited) > 0n ? 'credit' : 'wallet';
}
