// Rebuilds an order from its events, the way the escrow changes it: `OrderPlaced` carries the order's terms
// (fixed for its life), every later event is one change of its state (ChainMartEscrow.sol) mirrored here.
// Used when the subgraph is unreachable: the terms must be the checkout's byte for byte (or no call on the order
// would go through), and the replayed state must equal the escrow's `stateOf(orderId, terms)`.
import type { Address } from 'viem';
import { Status, type OrderStruct, type OrderTerms } from '../chain/order.ts';
import type { OrderEventItem } from '../data/subgraph.ts';

export const ARBITER_WINDOW = 14 * 86400;
export const RESOLUTIONS = ['Ruling', 'Settlement', 'ArbiterTimeout'] as const;

/** One decoded escrow event about an order, with where and when it happened. */
export type OrderLog = { blockNumber: bigint; logIndex: number; transactionHash: `0x${string}`; timestamp: number } & (
  | { eventName: 'OrderPlaced'; args: { orderId: bigint; buyer: Address; merchant: Address; terms: ChainTerms; shippingInfo: `0x${string}` } }
  | { eventName: 'OrderShipped'; args: { orderId: bigint; shippedAt: number; carrier: string; trackingRef: string } }
  | { eventName: 'CheckpointAdded'; args: { orderId: bigint; by: Address; location: string; note: string } }
  | { eventName: 'OrderCompleted'; args: { orderId: bigint; by: Address; merchantAmount: bigint; fee: bigint; pointsMinted: bigint } }
  | { eventName: 'OrderRefunded'; args: { orderId: bigint; cash: bigint; points: bigint; remaining: bigint } }
  | { eventName: 'OrderCancelled'; args: { orderId: bigint; cash: bigint; points: bigint } }
  | { eventName: 'BuyerCredited'; args: { orderId: bigint; buyer: Address; token: Address; amount: bigint } }
  | { eventName: 'DisputeOpened'; args: { orderId: bigint; statementCid: string; arbiterDeadline: number } }
  | { eventName: 'DisputeStatement'; args: { orderId: bigint; by: Address; statementCid: string } }
  | { eventName: 'SettlementOffered'; args: { orderId: bigint; by: Address; buyerAmount: bigint; deadline: number } }
  | {
      eventName: 'DisputeResolved';
      args: { orderId: bigint; resolution: number; by: Address; buyerCash: bigint; buyerPoints: bigint; merchantAmount: bigint; fee: bigint };
    }
  | { eventName: 'Reviewed'; args: { orderId: bigint; rating: number; commentCid: string } }
  | { eventName: 'ReviewReplied'; args: { orderId: bigint; commentCid: string } }
);

/** The terms as viem decodes them from `OrderPlaced` (uint40 and smaller as numbers, uint64+ as bigints). */
export type ChainTerms = OrderTerms;

/** The state `stateOf(orderId, terms)` returns. */
export interface OrderState {
  remaining: bigint;
  shippedAt: number;
  disputedAt: number;
  status: number;
  flags: number;
}

export const ORDER_EVENT_NAMES = [
  'OrderPlaced',
  'OrderShipped',
  'CheckpointAdded',
  'OrderCompleted',
  'OrderRefunded',
  'OrderCancelled',
  'BuyerCredited',
  'DisputeOpened',
  'DisputeStatement',
  'SettlementOffered',
  'DisputeResolved',
  'Reviewed',
  'ReviewReplied',
] as const;

/** ChainMart order event -> the subgraph's event entity (an `OrderEvent`) recording it. */
export const ORDER_EVENT_ENTITIES: Record<OrderLog['eventName'], string> = {
  OrderPlaced: 'OrderPlacedEvent',
  OrderShipped: 'OrderShippedEvent',
  CheckpointAdded: 'CheckpointEvent',
  OrderCompleted: 'OrderCompletedEvent',
  OrderRefunded: 'OrderRefundedEvent',
  OrderCancelled: 'OrderCancelledEvent',
  BuyerCredited: 'BuyerCreditedEvent',
  DisputeOpened: 'DisputeOpenedEvent',
  DisputeStatement: 'DisputeStatementEvent',
  SettlementOffered: 'SettlementOfferedEvent',
  DisputeResolved: 'DisputeResolvedEvent',
  Reviewed: 'ReviewEvent',
  ReviewReplied: 'ReviewReplyEvent',
};

export interface ReplayedOrder {
  orderId: bigint;
  order: OrderStruct;
  shippingInfo: `0x${string}`;
  originalAmount: bigint;
  originalPointsPaid: bigint;
  /** Cash owed to the buyer that could not be pushed to its wallet and was credited instead (BuyerCredited). */
  buyerCredited: bigint;
  carrier: string | null;
  trackingRef: string | null;
  arbiterDeadline: number | null;
  resolution: string | null;
  review: { rating: number; commentCid: string; replyCid: string | null } | null;
  /** The timeline in the subgraph's shape, so one page renders both sources. */
  events: OrderEventItem[];
}

function chronological(a: OrderLog, b: OrderLog): number {
  return a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;
}

/** Points still held: refunds return cash first, so the points part is what the remaining value still covers. */
function pointsHeld(order: OrderStruct): bigint {
  return order.points < order.amount ? order.points : order.amount;
}

/** Applies one event to the order exactly as the escrow's function that emitted it changed the stored state. */
export function applyEvent(order: OrderStruct, log: OrderLog): OrderStruct {
  const next = { ...order };
  switch (log.eventName) {
    case 'OrderPlaced':
      return placedOrder(log.args.terms);
    case 'OrderShipped':
      next.status = Status.indexOf('Shipped');
      next.shippedAt = Number(log.args.shippedAt);
      return next;
    case 'CheckpointAdded':
    case 'DisputeStatement':
    case 'SettlementOffered':
    case 'BuyerCredited':
      return next; // no state change (an offer lives in the escrow's offers, not in the order's state)
    case 'OrderCompleted':
      next.status = Status.indexOf('Completed');
      next.amount = 0n;
      next.pointsPaid = 0n;
      return next;
    case 'OrderRefunded':
      next.amount = log.args.remaining;
      next.pointsPaid = pointsHeld(next);
      if (next.amount === 0n) next.status = Status.indexOf('Refunded');
      return next;
    case 'OrderCancelled':
      next.amount = 0n;
      next.pointsPaid = 0n;
      next.status = Status.indexOf('Cancelled');
      return next;
    case 'DisputeOpened':
      next.status = Status.indexOf('Disputed');
      next.disputedAt = Number(log.args.arbiterDeadline) - ARBITER_WINDOW;
      return next;
    case 'DisputeResolved':
      next.status = Status.indexOf('Resolved');
      next.amount = 0n;
      next.pointsPaid = 0n;
      return next;
    case 'Reviewed':
      next.flags |= 1;
      return next;
    case 'ReviewReplied':
      next.flags |= 2;
      return next;
  }
}

/** The order as checkout stores it: its terms, and the whole total still in escrow, status Paid. */
export function placedOrder(t: ChainTerms): OrderStruct {
  const total = BigInt(t.total);
  const points = BigInt(t.points);
  return {
    buyer: t.buyer,
    merchant: t.merchant,
    token: t.token,
    arbiter: t.arbiter,
    listingId: BigInt(t.listingId),
    quantity: Number(t.quantity),
    total,
    points,
    amount: total,
    pointsPaid: points,
    feeBps: Number(t.feeBps),
    rewardBps: Number(t.rewardBps),
    autoReleaseWindow: Number(t.autoReleaseWindow),
    placedAt: Number(t.placedAt),
    shipBy: Number(t.shipBy),
    shippedAt: 0,
    disputedAt: 0,
    status: Status.indexOf('Paid'),
    flags: 0,
  };
}

/** The part of an order the escrow stores under its key, as `stateOf` returns it. */
export function stateOfOrder(order: OrderStruct): OrderState {
  return { remaining: order.amount, shippedAt: order.shippedAt, disputedAt: order.disputedAt, status: order.status, flags: order.flags };
}

/** Whether the escrow's stored state is the replayed one, field for field. */
export function sameState(stored: OrderState, replayed: OrderState): boolean {
  return (
    BigInt(stored.remaining) === replayed.remaining &&
    Number(stored.shippedAt) === replayed.shippedAt &&
    Number(stored.disputedAt) === replayed.disputedAt &&
    Number(stored.status) === replayed.status &&
    Number(stored.flags) === replayed.flags
  );
}

function timelineItem(log: OrderLog): OrderEventItem {
  const base: OrderEventItem = {
    __typename: ORDER_EVENT_ENTITIES[log.eventName],
    id: `${log.transactionHash}-${log.logIndex}`,
    timestamp: String(log.timestamp),
    transactionHash: log.transactionHash,
  };
  const a = log.args as Record<string, unknown>;
  const text = (key: string) => (a[key] === undefined ? undefined : String(a[key]));
  switch (log.eventName) {
    case 'OrderPlaced':
      return { ...base, amount: String(log.args.terms.total), pointsPaid: String(log.args.terms.points) };
    case 'DisputeResolved':
      return {
        ...base,
        resolution: RESOLUTIONS[log.args.resolution] ?? String(log.args.resolution),
        by: log.args.by.toLowerCase(),
        buyerCash: text('buyerCash'),
        buyerPoints: text('buyerPoints'),
        merchantAmount: text('merchantAmount'),
        fee: text('fee'),
      };
    default: {
      const out: OrderEventItem = { ...base };
      for (const key of ['carrier', 'trackingRef', 'location', 'note', 'merchantAmount', 'fee', 'pointsMinted', 'cash', 'points', 'remaining', 'token', 'amount', 'statementCid', 'arbiterDeadline', 'commentCid', 'buyerAmount', 'deadline'] as const) {
        if (a[key] !== undefined) out[key] = String(a[key]);
      }
      if (typeof a.by === 'string') out.by = a.by.toLowerCase();
      if (a.rating !== undefined) out.rating = Number(a.rating);
      return out;
    }
  }
}

/** Replays an order's events (in any order; sorted by block and log index here). Null without `OrderPlaced`. */
export function replayOrder(logs: OrderLog[]): ReplayedOrder | null {
  const sorted = [...logs].sort(chronological);
  const placed = sorted.find((l) => l.eventName === 'OrderPlaced');
  if (!placed || placed.eventName !== 'OrderPlaced') return null;
  let order = placedOrder(placed.args.terms);
  const out: ReplayedOrder = {
    orderId: placed.args.orderId,
    order,
    shippingInfo: placed.args.shippingInfo,
    originalAmount: order.total,
    originalPointsPaid: order.points,
    buyerCredited: 0n,
    carrier: null,
    trackingRef: null,
    arbiterDeadline: null,
    resolution: null,
    review: null,
    events: [],
  };
  for (const log of sorted.slice(sorted.indexOf(placed))) {
    if (log.args.orderId !== placed.args.orderId) continue;
    order = applyEvent(order, log);
    if (log.eventName === 'OrderShipped') {
      out.carrier = log.args.carrier;
      out.trackingRef = log.args.trackingRef;
    } else if (log.eventName === 'DisputeOpened') {
      out.arbiterDeadline = Number(log.args.arbiterDeadline);
    } else if (log.eventName === 'DisputeResolved') {
      out.resolution = RESOLUTIONS[log.args.resolution] ?? null;
    } else if (log.eventName === 'BuyerCredited') {
      out.buyerCredited += log.args.amount;
    } else if (log.eventName === 'Reviewed') {
      out.review = { rating: Number(log.args.rating), commentCid: log.args.commentCid, replyCid: null };
    } else if (log.eventName === 'ReviewReplied' && out.review) {
      out.review.replyCid = log.args.commentCid;
    }
    out.events.push(timelineItem(log));
  }
  out.order = order;
  return out;
}
