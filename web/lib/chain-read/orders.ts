// Orders rebuilt from the escrow's events for the pages a merchant, an arbiter and a points holder use when the
// subgraph cannot answer. The escrow's logs come from one LogCache (cached in the browser like the catalog's,
// so a revisit reads only the blocks since), grouped by order id and replayed (replay.ts); the rows have the
// subgraph's shapes (MerchantOrderRow, ArbiterDispute, PointsData) so the pages render either source.
import { type Address, type Hex, parseEventLogs } from 'viem';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { orderFieldsFromStruct } from '../chain/order.ts';
import type { ArbiterDispute } from '../arbiter/disputes.ts';
import type { TokenInfo } from '../data/subgraph.ts';
import { ORDER_EVENT_NAMES, type OrderLog, type ReplayedOrder, replayOrder } from '../orders/replay.ts';
import { STATUS_FILTERS, type MerchantOrderRow, type StatusFilter, csvOrderOf } from '../sell-orders/data.ts';
import type { CsvOrder } from '../sell-orders/csv.ts';
import { type MerchantDayRow, dayStart } from '../sell-orders/chart.ts';
import type { RawLog } from './logs.ts';

/** An order event without its block's time (read only for the orders a page shows). */
export type UntimedLog = OrderLog extends infer L ? (L extends OrderLog ? Omit<L, 'timestamp'> : never) : never;

/** The escrow's order events grouped by order id, in the order they were emitted. */
export function groupOrderLogs(raw: RawLog[]): Map<bigint, UntimedLog[]> {
  const logs = parseEventLogs({ abi: chainMartEscrowAbi, logs: raw as never, eventName: [...ORDER_EVENT_NAMES], strict: true });
  const sorted = [...logs].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex! - b.logIndex! : a.blockNumber! < b.blockNumber! ? -1 : 1));
  const out = new Map<bigint, UntimedLog[]>();
  for (const l of sorted) {
    const id = (l.args as { orderId: bigint }).orderId;
    const entry = { eventName: l.eventName, args: l.args, blockNumber: l.blockNumber!, logIndex: l.logIndex!, transactionHash: l.transactionHash! } as UntimedLog;
    const list = out.get(id);
    if (list) list.push(entry);
    else out.set(id, [entry]);
  }
  return out;
}

export interface OrderMatch {
  buyer?: string;
  merchant?: string;
  arbiter?: string;
}

/** The order ids whose OrderPlaced matches every given party, newest first. */
export function matchingOrders(grouped: Map<bigint, UntimedLog[]>, match: OrderMatch): bigint[] {
  const ids: bigint[] = [];
  for (const [id, logs] of grouped) {
    const placed = logs.find((l) => l.eventName === 'OrderPlaced');
    if (!placed || placed.eventName !== 'OrderPlaced') continue;
    const { buyer, merchant, terms } = placed.args;
    if (match.buyer && buyer.toLowerCase() !== match.buyer.toLowerCase()) continue;
    if (match.merchant && merchant.toLowerCase() !== match.merchant.toLowerCase()) continue;
    if (match.arbiter && terms.arbiter.toLowerCase() !== match.arbiter.toLowerCase()) continue;
    ids.push(id);
  }
  return ids.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/** Gives the logs their block times (one getBlock per distinct block, shared through `time`). */
export async function timed(logs: UntimedLog[], time: (block: number) => Promise<number>): Promise<OrderLog[]> {
  return Promise.all(logs.map(async (l) => ({ ...l, timestamp: await time(Number(l.blockNumber)) }) as OrderLog));
}

/** The incoming-orders row of one replayed order, in the subgraph's shape. */
export function merchantRow(r: ReplayedOrder, currency: TokenInfo, title: string): MerchantOrderRow {
  return {
    id: r.orderId.toString(),
    carrier: r.carrier,
    trackingRef: r.trackingRef,
    shippingInfo: r.shippingInfo,
    listing: { id: r.order.listingId.toString(), title },
    currency,
    review: r.review ? { id: r.orderId.toString(), rating: r.review.rating, replyCid: r.review.replyCid } : null,
    ...orderFieldsFromStruct(r.order),
  };
}

type ExportEvent = Parameters<typeof csvOrderOf>[0]['events'][number];

/** The events that move money back to the buyer or to the platform, as the subgraph's ExportOrders has them. */
function exportEvent(l: UntimedLog): ExportEvent | null {
  switch (l.eventName) {
    case 'OrderCompleted':
      return { __typename: 'OrderCompletedEvent', fee: l.args.fee.toString() };
    case 'OrderRefunded':
      return { __typename: 'OrderRefundedEvent', cash: l.args.cash.toString(), points: l.args.points.toString() };
    case 'OrderCancelled':
      return { __typename: 'OrderCancelledEvent', cash: l.args.cash.toString(), points: l.args.points.toString() };
    case 'DisputeResolved':
      return { __typename: 'DisputeResolvedEvent', fee: l.args.fee.toString(), buyerCash: l.args.buyerCash.toString(), buyerPoints: l.args.buyerPoints.toString() };
    default:
      return null;
  }
}

/**
 * The CSV export's row of one replayed order: the subgraph's ExportOrders row rebuilt from the order's events
 * and passed through the same csvOrderOf, so refunds, cancellations, rulings and fees count exactly as there.
 */
export function csvOrderFromChain(r: ReplayedOrder, logs: readonly UntimedLog[], currency: TokenInfo, title: string): CsvOrder {
  const o = r.order;
  return csvOrderOf({
    id: r.orderId.toString(),
    placedAt: String(o.placedAt),
    listingId: o.listingId.toString(),
    quantity: String(o.quantity),
    token: o.token.toLowerCase(),
    originalAmount: r.originalAmount.toString(),
    status: o.status,
    buyer: { id: o.buyer.toLowerCase() },
    listing: { title },
    currency,
    events: logs.flatMap((l) => exportEvent(l) ?? []),
  });
}

export function filterByStatus<T extends { status: number }>(rows: T[], filter: StatusFilter): T[] {
  const statuses = STATUS_FILTERS[filter] as readonly number[] | null;
  return statuses ? rows.filter((r) => statuses.includes(r.status)) : rows;
}

/** One event that moves a merchant's daily sales (what the subgraph adds to its MerchantDayData). */
export interface SaleEvent {
  blockNumber: bigint;
  logIndex: number;
  token: string;
  volume: bigint;
  orders: number;
  completed: number;
  merchantAmount: bigint;
}

/**
 * The merchant's sale events, newest first: a placed order adds its total and one order, a completion one
 * completed order and the merchant's amount, a ruling or settlement the merchant's amount (escrow.ts mappings).
 */
export function saleEvents(grouped: Map<bigint, UntimedLog[]>, merchant: string): SaleEvent[] {
  const out: SaleEvent[] = [];
  for (const id of matchingOrders(grouped, { merchant })) {
    const logs = grouped.get(id)!;
    const placed = logs.find((l) => l.eventName === 'OrderPlaced');
    if (placed?.eventName !== 'OrderPlaced') continue;
    const token = placed.args.terms.token.toLowerCase();
    for (const l of logs) {
      const at = { blockNumber: l.blockNumber, logIndex: l.logIndex, token, volume: 0n, orders: 0, completed: 0, merchantAmount: 0n };
      if (l.eventName === 'OrderPlaced') out.push({ ...at, volume: BigInt(l.args.terms.total), orders: 1 });
      else if (l.eventName === 'OrderCompleted') out.push({ ...at, completed: 1, merchantAmount: l.args.merchantAmount });
      else if (l.eventName === 'DisputeResolved') out.push({ ...at, merchantAmount: l.args.merchantAmount });
    }
  }
  return out.sort((a, b) => (a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber < b.blockNumber ? 1 : -1));
}

/**
 * The subgraph's MerchantDays answer rebuilt from the sale events: one row per UTC day and token whose day starts
 * at or after `since` (the query's `date_gte`), oldest first. Block times rise with the chain, so the events are
 * read newest first and the first one dated before `since` ends the walk: only recent blocks' times are read.
 */
export async function merchantDayRows(events: readonly SaleEvent[], since: number, time: (block: number) => Promise<number>, token: (address: string) => Promise<MerchantDayRow['token']>): Promise<MerchantDayRow[]> {
  const days = new Map<string, { date: number; token: string; volume: bigint; orders: number; completed: number; merchantAmount: bigint }>();
  for (const e of events) {
    const at = await time(Number(e.blockNumber));
    if (at < since) break;
    const date = dayStart(at);
    if (date < since) continue;
    const key = `${date}-${e.token}`;
    const day = days.get(key) ?? { date, token: e.token, volume: 0n, orders: 0, completed: 0, merchantAmount: 0n };
    day.volume += e.volume;
    day.orders += e.orders;
    day.completed += e.completed;
    day.merchantAmount += e.merchantAmount;
    days.set(key, day);
  }
  const rows = await Promise.all(
    [...days.values()].map(async (d) => ({ date: d.date, token: await token(d.token), volume: d.volume.toString(), orders: d.orders, completed: d.completed, merchantAmount: d.merchantAmount.toString() })),
  );
  return rows.sort((a, b) => a.date - b.date);
}

/** A settlement offered in a dispute, which the arbiter sees next to the ruling form. */
export interface SettlementOffer {
  by: string;
  buyerAmount: string;
  deadline: string;
  offeredAt: string;
  transactionHash: Hex;
}

export type ChainDispute = ArbiterDispute & { offers: SettlementOffer[] };

/** The dispute of one replayed order (null if none was opened), in the subgraph's shape plus its offers. */
export function disputeOf(r: ReplayedOrder, logs: OrderLog[], currency: TokenInfo, title: string): ChainDispute | null {
  const opened = logs.find((l) => l.eventName === 'DisputeOpened');
  if (!opened || opened.eventName !== 'DisputeOpened') return null;
  const resolved = logs.find((l) => l.eventName === 'DisputeResolved');
  const args = resolved?.eventName === 'DisputeResolved' ? resolved.args : null;
  const offers = logs.flatMap((l) =>
    l.eventName === 'SettlementOffered'
      ? [{ by: l.args.by.toLowerCase(), buyerAmount: l.args.buyerAmount.toString(), deadline: String(l.args.deadline), offeredAt: String(l.timestamp), transactionHash: l.transactionHash }]
      : [],
  );
  const o = r.order;
  return {
    id: r.orderId.toString(),
    openedAt: String(opened.timestamp),
    arbiterDeadline: String(opened.args.arbiterDeadline),
    resolution: r.resolution,
    resolvedAt: resolved ? String(resolved.timestamp) : null,
    buyerCash: args ? args.buyerCash.toString() : null,
    merchantAmount: args ? args.merchantAmount.toString() : null,
    order: {
      id: r.orderId.toString(),
      status: o.status,
      amount: o.amount.toString(),
      originalAmount: r.originalAmount.toString(),
      buyer: { id: o.buyer.toLowerCase() },
      merchant: { id: o.merchant.toLowerCase() },
      listing: { id: o.listingId.toString(), title },
      currency,
    },
    offers,
  };
}

/**
 * The ids of the disputed orders among `ids` in sortDisputes' order, known from the logs alone (no block times):
 * open ones by the arbiter's deadline (DisputeOpened), then resolved ones latest first (DisputeResolved's
 * position in the chain). `ids` come newest first, which breaks ties as the subgraph's openedAt desc does.
 */
export function disputeOrder(grouped: Map<bigint, UntimedLog[]>, ids: bigint[]): { ids: bigint[]; open: number } {
  const open: { id: bigint; deadline: number }[] = [];
  const done: { id: bigint; at: UntimedLog }[] = [];
  for (const id of ids) {
    const logs = grouped.get(id) ?? [];
    const opened = logs.find((l) => l.eventName === 'DisputeOpened');
    if (opened?.eventName !== 'DisputeOpened') continue;
    const resolved = logs.find((l) => l.eventName === 'DisputeResolved');
    if (resolved) done.push({ id, at: resolved });
    else open.push({ id, deadline: Number(opened.args.arbiterDeadline) });
  }
  open.sort((a, b) => a.deadline - b.deadline);
  done.sort((a, b) => (a.at.blockNumber === b.at.blockNumber ? b.at.logIndex - a.at.logIndex : a.at.blockNumber < b.at.blockNumber ? 1 : -1));
  return { ids: [...open.map((d) => d.id), ...done.map((d) => d.id)], open: open.length };
}

/** Points minted to `buyer` per completed order (the points page's "earned at"), from the grouped logs. */
export function pointsEarned(grouped: Map<bigint, UntimedLog[]>, buyer: string): { orderId: bigint; merchant: Address; minted: bigint }[] {
  const out: { orderId: bigint; merchant: Address; minted: bigint }[] = [];
  for (const id of matchingOrders(grouped, { buyer })) {
    const logs = grouped.get(id)!;
    const placed = logs.find((l) => l.eventName === 'OrderPlaced');
    const done = logs.find((l) => l.eventName === 'OrderCompleted');
    if (placed?.eventName !== 'OrderPlaced' || done?.eventName !== 'OrderCompleted' || !done.args.pointsMinted) continue;
    out.push({ orderId: id, merchant: placed.args.merchant.toLowerCase() as Address, minted: done.args.pointsMinted });
  }
  return out;
}
