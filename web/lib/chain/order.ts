// An order as the site sees it: its fixed terms plus its current state. The escrow keys each order's state by
// keccak256(orderId, terms), so every call on an order passes the terms back (`termsOf`): the site rebuilds them
// from the subgraph's Order entity (or from `OrderPlaced` when the subgraph is down). The terms never change
// after checkout, so another party's action on the order can never make this one's call fail.
import type { Address } from 'viem';
import type * as G from '../../../.graphclient/index.ts';

export const Status = ['None', 'Paid', 'Shipped', 'Disputed', 'Completed', 'Refunded', 'Cancelled', 'Resolved'] as const;
export type StatusName = (typeof Status)[number];

/** The escrow's `OrderTerms`: what the buyer agreed to at checkout (13 words, fixed for the order's life). */
export interface OrderTerms {
  buyer: Address;
  merchant: Address;
  token: Address;
  arbiter: Address;
  listingId: bigint;
  quantity: number;
  /** cash paid at checkout (not what is left after refunds) */
  total: bigint;
  /** points spent at checkout */
  points: bigint;
  feeBps: number;
  rewardBps: number;
  autoReleaseWindow: number;
  placedAt: number;
  shipBy: number;
}

/** Terms and current state. `amount` and `pointsPaid` are what is still in escrow; `total` and `points` the terms. */
export interface OrderStruct {
  total: bigint;
  points: bigint;
  buyer: Address;
  merchant: Address;
  token: Address;
  arbiter: Address;
  listingId: bigint;
  quantity: number;
  amount: bigint;
  pointsPaid: bigint;
  feeBps: number;
  rewardBps: number;
  autoReleaseWindow: number;
  placedAt: number;
  shipBy: number;
  shippedAt: number;
  disputedAt: number;
  status: number;
  flags: number;
}

/**
 * The subgraph's Order fields that make up the struct (BigInts as strings, Bytes as hex): the OrderStruct fragment
 * of order.graphql, which every order query spreads; its type is generated from the API schema.
 */
export type SubgraphOrderFields = G.OrderStructFragment;

export function orderStructFromSubgraph(o: SubgraphOrderFields): OrderStruct {
  return {
    buyer: o.buyer.id as Address,
    merchant: o.merchant.id as Address,
    token: o.token as Address,
    arbiter: o.arbiter as Address,
    listingId: BigInt(o.listingId),
    quantity: Number(o.quantity),
    amount: BigInt(o.amount),
    pointsPaid: BigInt(o.pointsPaid),
    total: BigInt(o.originalAmount),
    points: BigInt(o.originalPointsPaid),
    feeBps: o.feeBps,
    rewardBps: o.rewardBps,
    autoReleaseWindow: Number(o.autoReleaseWindow),
    placedAt: Number(o.placedAt),
    shipBy: Number(o.shipBy),
    shippedAt: Number(o.shippedAt),
    disputedAt: Number(o.disputedAt),
    status: o.status,
    flags: o.flags,
  };
}

/**
 * The struct in the subgraph's Order shape (the OrderStruct fragment; BigInts as strings, addresses lowercase):
 * the inverse of orderStructFromSubgraph, for the rows rebuilt from the chain.
 */
export function orderFieldsFromStruct(o: OrderStruct): SubgraphOrderFields {
  return {
    buyer: { id: o.buyer.toLowerCase() },
    merchant: { id: o.merchant.toLowerCase() },
    token: o.token.toLowerCase(),
    arbiter: o.arbiter.toLowerCase(),
    listingId: o.listingId.toString(),
    quantity: String(o.quantity),
    amount: o.amount.toString(),
    pointsPaid: o.pointsPaid.toString(),
    originalAmount: o.total.toString(),
    originalPointsPaid: o.points.toString(),
    feeBps: o.feeBps,
    rewardBps: o.rewardBps,
    autoReleaseWindow: String(o.autoReleaseWindow),
    placedAt: String(o.placedAt),
    shipBy: String(o.shipBy),
    shippedAt: String(o.shippedAt),
    disputedAt: String(o.disputedAt),
    status: o.status,
    flags: o.flags,
  };
}

/** The terms to pass back to the escrow with every call on the order. */
export function termsOf(order: OrderStruct): OrderTerms {
  return {
    buyer: order.buyer,
    merchant: order.merchant,
    token: order.token,
    arbiter: order.arbiter,
    listingId: order.listingId,
    quantity: order.quantity,
    total: order.total,
    points: order.points,
    feeBps: order.feeBps,
    rewardBps: order.rewardBps,
    autoReleaseWindow: order.autoReleaseWindow,
    placedAt: order.placedAt,
    shipBy: order.shipBy,
  };
}

/**
 * What a given account may do with an order right now (the contract decides; this only picks the buttons).
 * `now` must be the chain's time (the latest block's timestamp), not the browser's clock.
 */
export function orderActions(order: OrderStruct, account: Address | undefined, now: number, arbiterWindow = 14 * 86400) {
  const me = account?.toLowerCase();
  const isBuyer = me === order.buyer.toLowerCase();
  const isMerchant = me === order.merchant.toLowerCase();
  const isArbiter = me === order.arbiter.toLowerCase();
  const status = Status[order.status];
  const releaseAt = order.shippedAt + order.autoReleaseWindow;
  return {
    confirm: isBuyer && status === 'Shipped',
    dispute: isBuyer && (status === 'Paid' || (status === 'Shipped' && now < releaseAt)),
    cancel: isBuyer && status === 'Paid' && now > order.shipBy,
    complete: status === 'Shipped' && now >= releaseAt,
    settle: (isBuyer || isMerchant || isArbiter) && status === 'Disputed',
    defaultResolution: status === 'Disputed' && now >= order.disputedAt + arbiterWindow,
    review: isBuyer && (status === 'Completed' || status === 'Resolved') && (order.flags & 1) === 0,
    releaseAt,
  };
}
