// The merchant's side of the subgraph: its incoming orders (filtered by status, paged), every order for the
// CSV export, its couriers and its daily sales. One GraphQL operation per function (sell-orders.graphql), with
// types generated from the API schema, like data/subgraph.ts.
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { CouriersDocument, ExportOrdersDocument, MerchantDaysDocument, MerchantOrdersDocument } from '../data/generated/documents.ts';
import type { FlatEvent } from '../data/subgraph.ts';
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
export type MerchantOrderRow = G.MerchantOrdersQuery['orders'][number];

export function merchantOrdersWhere(merchant: string, filter: StatusFilter): G.Order_filter {
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
  const data = await graphqlRequest<G.MerchantOrdersQuery, G.MerchantOrdersQueryVariables>(
    url,
    MerchantOrdersDocument,
    { where: merchantOrdersWhere(merchant, filter), first: page.first, skip: page.skip },
    { signal },
  );
  return data.orders;
}

type ExportQueryRow = G.ExportOrdersQuery['orders'][number];
/** An order of the CSV export; its events as one object type (the fields of the other event types optional). */
type ExportRow = Omit<ExportQueryRow, 'events'> & { events: FlatEvent<ExportQueryRow['events'][number]>[] };

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
    const data = await graphqlRequest<G.ExportOrdersQuery, G.ExportOrdersQueryVariables>(
      url,
      ExportOrdersDocument,
      { merchant: merchant.toLowerCase(), first: pageSize, skip },
      { signal },
    );
    out.push(...data.orders.map(csvOrderOf));
    if (data.orders.length < pageSize) return out;
  }
}

export async function merchantDays(url: string, merchant: string, since: number, signal?: AbortSignal): Promise<MerchantDayRow[]> {
  const data = await graphqlRequest<G.MerchantDaysQuery, G.MerchantDaysQueryVariables>(
    url,
    MerchantDaysDocument,
    { merchant: merchant.toLowerCase(), since },
    { signal },
  );
  return data.merchantDayDatas;
}

export type CourierRow = G.CouriersQuery['couriers'][number];

export async function couriersOf(url: string, merchant: string, signal?: AbortSignal): Promise<CourierRow[]> {
  const data = await graphqlRequest<G.CouriersQuery, G.CouriersQueryVariables>(
    url,
    CouriersDocument,
    { merchant: merchant.toLowerCase() },
    { signal },
  );
  return data.couriers;
}
