// Translated names for the order statuses, timeline events and transaction states of the orders pages.
import { m } from '$lib/paraglide/messages.js';
import { Status } from '$lib/chain/order.ts';

const STATUS: Record<string, () => string> = {
  None: m.orders_status_none,
  Paid: m.orders_status_paid,
  Shipped: m.orders_status_shipped,
  Disputed: m.orders_status_disputed,
  Completed: m.orders_status_completed,
  Refunded: m.orders_status_refunded,
  Cancelled: m.orders_status_cancelled,
  Resolved: m.orders_status_resolved,
};

export function statusLabel(status: number): string {
  return (STATUS[Status[status] ?? 'None'] ?? m.orders_status_none)();
}

const EVENTS: Record<string, () => string> = {
  OrderPlacedEvent: m.orders_event_placed,
  OrderShippedEvent: m.orders_event_shipped,
  CheckpointEvent: m.orders_event_checkpoint,
  OrderCompletedEvent: m.orders_event_completed,
  OrderRefundedEvent: m.orders_event_refunded,
  OrderCancelledEvent: m.orders_event_cancelled,
  BuyerCreditedEvent: m.orders_event_credited,
  DisputeOpenedEvent: m.orders_event_dispute_opened,
  DisputeStatementEvent: m.orders_event_statement,
  SettlementOfferedEvent: m.orders_event_offered,
  DisputeResolvedEvent: m.orders_event_resolved,
  ReviewEvent: m.orders_event_review,
  ReviewReplyEvent: m.orders_event_reply,
};

export function eventLabel(typename: string): string {
  return EVENTS[typename]?.() ?? typename;
}

const RESOLUTIONS: Record<string, () => string> = {
  Ruling: m.orders_resolution_ruling,
  Settlement: m.orders_resolution_settlement,
  ArbiterTimeout: m.orders_resolution_timeout,
};

export function resolutionLabel(resolution: string | null | undefined): string {
  return resolution ? (RESOLUTIONS[resolution]?.() ?? resolution) : '';
}

export function txStatusLabel(status: 'pending' | 'confirmed' | 'failed', indexed: boolean): string {
  if (status === 'pending') return m.orders_tx_pending();
  if (status === 'failed') return m.orders_tx_failed();
  return indexed ? m.orders_tx_confirmed() : m.orders_tx_indexing();
}
