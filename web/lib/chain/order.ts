// The on-chain Order struct. The contract stores only its hash, so every call on an order passes the struct
// back: the site rebuilds it from the subgraph's Order entity (or from the chain's events when the subgraph
// is down) and the contract checks it against the stored hash.
import type { Address } from 'viem';

export const Status = ['None', 'Paid', 'Shipped', 'Disputed', 'Completed', 'Refunded', 'Cancelled', 'Resolved'] as const;
export type StatusName = (typeof Status)[number];

export interface OrderStruct {
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

/** The subgraph's Order fields that make up the struct (BigInts as strings, Bytes as hex). */
export interface SubgraphOrderFields {
  buyer: { id: string };
  merchant: { id: string };
  token: string;
  arbiter: string;
  listingId: string;
  quantity: string;
  amount: string;
  pointsPaid: string;
  feeBps: number;
  rewardBps: number;
  autoReleaseWindow: string;
  placedAt: string;
  shipBy: string;
  shippedAt: string;
  disputedAt: string;
  status: number;
  flags: number;
}

export const ORDER_STRUCT_FIELDS = `buyer { id } merchant { id } token arbiter listingId quantity amount pointsPaid feeBps rewardBps
  autoReleaseWindow placedAt shipBy shippedAt disputedAt status flags`;

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
