// Rebuilds an order from its events, the way the contract changes it: `OrderPlaced` carries the full struct,
// every later event is one state change of ChainMart.sol mirrored here. Used when the subgraph is unreachable
// (the struct must match the stored hash byte for byte, or no action on the order would go through).
import type { Address } from 'viem';
import { Status, type OrderStruct } from '../chain/order.ts';
import type { OrderEventItem } from '../data/subgraph.ts';

export const ARBITER_WINDOW = 14 * 86400;
export const RESOLUTIONS = ['Ruling', 'Settlement', 'ArbiterTimeout'] as const;

/** One decoded ChainMart event about an order, with where and when it happened. */
export type OrderLog = { blockNumber: bigint; logIndex: number; transactionHash: `0x${string}`; timestamp: number } & (
  | { eventName: 'OrderPlaced'; args: { orderId: bigint; order: ChainOrder; shippingInfo: `0x${string}` } }
  | { eventName: 'OrderShipped'; args: { orderId: bigint; shippedAt: number; carrier: string; trackingRef: string } }
  | { eventName: 'CheckpointAdded'; args: { orderId: bigint; by: Address; location: string; note: string } }
  | { eventName: 'OrderCompleted'; args: { orderId: bigint; by: Address; merchantAmount: bigint; fee: bigint; pointsMinted: bigint } }
  | { eventName: 'OrderRefunded'; args: { orderId: bigint; cash: bigint; points: bigint; remaining: bigint } }
  | { eventName: 'OrderCancelled'; args: { orderId: bigint; cash: bigint; points: bigint } }
  | { eventName: 'DisputeOpened'; args: { orderId: bigint; statementCid: string; arbiterDeadline: number } }
  | { eventName: 'DisputeStatement'; args: { orderId: bigint; by: Address; statementCid: string } }
  | {
      eventName: 'DisputeResolved';
      args: { orderId: bigint; resolution: number; by: Address; buyerCash: bigint; buyerPoints: bigint; merchantAmount: bigint; fee: bigint };
    }
  | { eventName: 'Reviewed'; args: { orderId: bigint; rating: number; commentCid: string } }
  | { eventName: 'ReviewReplied'; args: { orderId: bigint; commentCid: string } }
);

/** The struct as viem decodes it from `OrderPlaced` (uint40 and smaller as numbers, uint64+ as bigints). */
export type ChainOrder = OrderStruct;

export const ORDER_EVENT_NAMES = [
  'OrderPlaced',
  'OrderShipped',
  'CheckpointAdded',
  'OrderCompleted',
  'OrderRefunded',
  'OrderCancelled',
  'DisputeOpened',
  'DisputeStatement',
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
  DisputeOpened: 'DisputeOpenedEvent',
  DisputeStatement: 'DisputeStatementEvent',
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

/** Applies one event to the struct exactly as the contract's function that emitted it changed the stored order. */
export function applyEvent(order: OrderStruct, log: OrderLog): OrderStruct {
  const next = { ...order };
  switch (log.eventName) {
    case 'OrderPlaced':
      return structOf(log.args.order);
    case 'OrderShipped':
      next.status = Status.indexOf('Shipped');
      next.shippedAt = Number(log.args.shippedAt);
      return next;
    case 'CheckpointAdded':
    case 'DisputeStatement':
      return next; // no state change
    case 'OrderCompleted':
      next.status = Status.indexOf('Completed');
      next.amount = 0n;
      next.pointsPaid = 0n;
      return next;
    case 'OrderRefunded':
      // _returnToBuyer lowers pointsPaid by the points returned; refund() sets amount to what remains.
      next.pointsPaid -= log.args.points;
      next.amount = log.args.remaining;
      if (next.amount === 0n) next.status = Status.indexOf('Refunded');
      return next;
    case 'OrderCancelled':
      next.pointsPaid -= log.args.points;
      next.amount = 0n;
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

export function structOf(o: ChainOrder): OrderStruct {
  return {
    buyer: o.buyer,
    merchant: o.merchant,
    token: o.token,
    arbiter: o.arbiter,
    listingId: BigInt(o.listingId),
    quantity: Number(o.quantity),
    amount: BigInt(o.amount),
    pointsPaid: BigInt(o.pointsPaid),
    feeBps: Number(o.feeBps),
    rewardBps: Number(o.rewardBps),
    autoReleaseWindow: Number(o.autoReleaseWindow),
    placedAt: Number(o.placedAt),
    shipBy: Number(o.shipBy),
    shippedAt: Number(o.shippedAt),
    disputedAt: Number(o.disputedAt),
    status: Number(o.status),
    flags: Number(o.flags),
  };
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
      return { ...base, amount: String(log.args.order.amount), pointsPaid: String(log.args.order.pointsPaid) };
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
      for (const key of ['carrier', 'trackingRef', 'location', 'note', 'merchantAmount', 'fee', 'pointsMinted', 'cash', 'points', 'remaining', 'statementCid', 'arbiterDeadline', 'commentCid'] as const) {
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
  let order = structOf(placed.args.order);
  const out: ReplayedOrder = {
    orderId: placed.args.orderId,
    order,
    shippingInfo: placed.args.shippingInfo,
    originalAmount: order.amount,
    originalPointsPaid: order.pointsPaid,
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
