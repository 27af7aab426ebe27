// The merchant's side of the subgraph: its incoming orders (filtered by status, paged), every order for the
// CSV export, its couriers and its daily sales. One GraphQL operation per function, like data/subgraph.ts.
import { graphqlRequest } from '../graphql/client.ts';
import { ORDER_STRUCT_FIELDS, type SubgraphOrderFields } from '../chain/order.ts';
import type { TokenInfo } from '../data/subgraph.ts';
import type { CsvOrder } from './csv.ts';
import type { MerchantDayRow } from './chart.ts';

/** The status filters of the orders page: what the merchant has to do something about first. */
export const STATUS_FILTERS = {
  all: null,
  toShip: [1],
  shipped: [2],
  disputed: [3],
  finished: [4, 5, 6, 7],
} as const satisfies Record<string, readonly number[] | null>;
export type StatusFilter = keyof typeof STATUS_FILTERS;

export function isStatusFilter(value: string | null): value is StatusFilter {
  return value !== null && Object.hasOwn(STATUS_FILTERS, value);
}

/** An incoming order: what the list shows, and its terms and state (to ship it in a batch). */
export interface MerchantOrderRow extends SubgraphOrderFields {
  id: string;
  carrier: string | null;
  trackingRef: string | null;
  /** Encrypted to the merchant (or a CID of the ciphertext). */
  shippingInfo: string;
  listing: { id: string; title: string };
  currency: TokenInfo;
  review: { id: string; rating: number; replyCid: string | null } | null;
}

export function merchantOrdersWhere(merchant: string, filter: StatusFilter): Record<string, unknown> {
  const statuses = STATUS_FILTERS[filter];
  return statuses ? { merchant: merchant.toLowerCase(), status_in: [...statuses] } : { merchant: merchant.toLowerCase() };
}

export async function ordersOfMerchant(
  url: string,
  merchant: string,
  filter: StatusFilter,
  page: { first: number; skip: number },
  signal?: AbortSignal,
): Promise<MerchantOrderRow[]> {
  const data = await graphqlRequest<{ orders: MerchantOrderRow[] }>(
    url,
    `query MerchantOrders($where: Order_filter!, $first: Int!, $skip: Int!) {
      orders(where: $where, first: $first, skip: $skip, orderBy: placedAt, orderDirection: desc) {
        id ${ORDER_STRUCT_FIELDS} carrier trackingRef shippingInfo listing { id title }
        currency { id symbol decimals } review { id rating replyCid }
      }
    }`,
    { where: merchantOrdersWhere(merchant, filter), first: page.first, skip: page.skip },
    { signal },
  );
  return data.orders;
}

interface ExportRow {
  id: string;
  placedAt: string;
  listingId: string;
  quantity: string;
  token: string;
  originalAmount: string;
  status: number;
  buyer: { id: string };
  listing: { title: string };
  currency: TokenInfo;
  events: { __typename: string; fee?: string; cash?: string; points?: string; buyerCash?: string; buyerPoints?: string }[];
}

/** The fee the order paid: credited on completion or on a dispute's resolution (none for refunds). */
export function feeOf(events: ExportRow['events']): string | null {
  const paid = events.filter((e) => (e.__typename === 'OrderCompletedEvent' || e.__typename === 'DisputeResolvedEvent') && e.fee !== undefined);
  return paid.length ? paid.reduce((sum, e) => sum + BigInt(e.fee!), 0n).toString() : null;
}

/** What went back to the buyer: partial or full refunds, a cancellation, the buyer's share of a dispute. */
export function refundedOf(events: ExportRow['events']): string {
  let sum = 0n;
  for (const e of events) {
    if (e.__typename === 'OrderRefundedEvent' || e.__typename === 'OrderCancelledEvent') sum += BigInt(e.cash ?? 0) + BigInt(e.points ?? 0);
    else if (e.__typename === 'DisputeResolvedEvent') sum += BigInt(e.buyerCash ?? 0) + BigInt(e.buyerPoints ?? 0);
  }
  return sum.toString();
}

export function csvOrderOf(row: ExportRow): CsvOrder {
  return {
    id: row.id,
    placedAt: row.placedAt,
    listingId: row.listingId,
    listingTitle: row.listing.title,
    quantity: row.quantity,
    token: row.token,
    symbol: row.currency.symbol,
    decimals: row.currency.decimals,
    originalAmount: row.originalAmount,
    refunded: refundedOf(row.events),
    fee: feeOf(row.events),
    status: row.status,
    buyer: row.buyer.id,
  };
}

/** Every order of the merchant, oldest first, paged through the subgraph's 1000-row limit. */
export async function allOrdersForExport(url: string, merchant: string, pageSize = 1000, signal?: AbortSignal): Promise<CsvOrder[]> {
  const out: CsvOrder[] = [];
  for (let skip = 0; ; skip += pageSize) {
    const data = await graphqlRequest<{ orders: ExportRow[] }>(
      url,
      `query ExportOrders($merchant: String!, $first: Int!, $skip: Int!) {
        orders(where: { merchant: $merchant }, first: $first, skip: $skip, orderBy: placedAt, orderDirection: asc) {
          id placedAt listingId quantity token originalAmount status buyer { id } listing { title } currency { id symbol decimals }
          events(first: 50) {
            __typename
            ... on OrderCompletedEvent { fee }
            ... on OrderRefundedEvent { cash points }
            ... on OrderCancelledEvent { cash points }
            ... on DisputeResolvedEvent { fee buyerCash buyerPoints }
          }
        }
      }`,
      { merchant: merchant.toLowerCase(), first: pageSize, skip },
      { signal },
    );
    out.push(...data.orders.map(csvOrderOf));
    if (data.orders.length < pageSize) return out;
  }
}

export async function merchantDays(url: string, merchant: string, since: number, signal?: AbortSignal): Promise<MerchantDayRow[]> {
  const data = await graphqlRequest<{ merchantDayDatas: MerchantDayRow[] }>(
    url,
    `query MerchantDays($merchant: String!, $since: Int!) {
      merchantDayDatas(first: 1000, where: { merchant: $merchant, date_gte: $since }, orderBy: date, orderDirection: asc) {
        date token { id symbol decimals } volume orders completed merchantAmount
      }
    }`,
    { merchant: merchant.toLowerCase(), since },
    { signal },
  );
  return data.merchantDayDatas;
}

export interface CourierRow {
  courier: string;
  allowed: boolean;
}

export async function couriersOf(url: string, merchant: string, signal?: AbortSignal): Promise<CourierRow[]> {
  const data = await graphqlRequest<{ couriers: CourierRow[] }>(
    url,
    `query Couriers($merchant: String!) { couriers(first: 100, where: { merchant: $merchant }) { courier allowed } }`,
    { merchant: merchant.toLowerCase() },
    { signal },
  );
  return data.couriers;
}
