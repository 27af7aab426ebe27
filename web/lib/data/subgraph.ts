// Typed reads from the subgraph (graph-node's query API). Each function sends one operation of subgraph.graphql;
// their types are generated from the API schema graph-node serves at `npm run prepare:web` (The Graph Client's
// codegen, .graphclientrc.yml; BigInt as decimal strings, Bytes as lowercase hex, as graph-node answers), and the
// documents are strings printed at build time (web/lib/data/generated/documents.ts): the browser ships only the
// plain fetch of web/lib/graphql/client.ts. The exported names below are aliases of the generated types.
import { escapeLike } from './like.ts';
import { graphqlRequest } from '../graphql/client.ts';
import type { SubgraphOrderFields } from '../chain/order.ts';
import type { SubgraphAttestation } from '../attest/subgraph.ts';
import type * as G from '../../../.graphclient/index.ts';
import {
  BuyerOrdersDocument,
  HomeDocument,
  ListingDocument,
  MerchantDocument,
  OrderDocument,
  PointsDocument,
  RecommendationDataDocument,
  SearchDocument,
  type TypedQuery,
} from './generated/documents.ts';

/** Sends a generated document: the result and variables types come with it. */
function request<TResult, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedQuery<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  return graphqlRequest<TResult, TVariables>(url, document, variables, { signal });
}

type KeysOfUnion<U> = U extends unknown ? keyof U : never;
type ValueInUnion<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;
/**
 * An interface's members (one type per `... on X` of the selection) as one object type: the fields every member
 * has are required, the others optional, and `__typename` a plain string (the chain fallbacks build these too).
 */
export type FlatEvent<U extends { __typename: string }> = { [K in Exclude<keyof U, '__typename'>]: U[K] } & {
  [K in Exclude<KeysOfUnion<U>, keyof U>]?: ValueInUnion<U, K>;
} & { __typename: string };

export type TokenInfo = G.TokenFragment;
export type MerchantSummary = G.MerchantSummaryFragment;
export type ListingSummary = G.ListingSummaryFragment;
export type ProvenanceStep = G.ProvenanceStepFragment;
/** A review; with its listing where the query asks for it (a merchant's reviews). */
export type ReviewItem = G.ReviewFragment & { listing?: { id: string; title: string } };
/**
 * The schema has `Merchant.account: Account!`; the chain fallbacks (web/lib/chain-read/) build merchants without
 * an indexed account (no attestations), so these types allow `account: null`.
 */
type WithOptionalAccount<T extends { account: unknown }> = Omit<T, 'account'> & { account: T['account'] | null };
type ListingQueryListing = NonNullable<G.ListingQuery['listing']>;
export type ListingDetail = Omit<ListingQueryListing, 'merchant'> & { merchant: WithOptionalAccount<ListingQueryListing['merchant']> };
export type MerchantDetail = WithOptionalAccount<NonNullable<G.MerchantQuery['merchant']>>;
export type HomeData = G.HomeQuery;
export type OrderEventItem = FlatEvent<G.OrderDetailFragment['events'][number]>;
export type OrderDetail = Omit<G.OrderDetailFragment, 'events'> & { events: OrderEventItem[] };
type PointsQueryOrder = G.PointsQuery['earnedAt'][number];
export type PointsData = Omit<G.PointsQuery, 'earnedAt'> & {
  earnedAt: (Omit<PointsQueryOrder, 'events'> & { events: FlatEvent<PointsQueryOrder['events'][number]>[] })[];
};
export type RecommendationData = G.RecommendationDataQuery;
export type ListingFilterInput = G.Listing_filter;

// SubgraphAttestation and SubgraphOrderFields are the fragments Attestation (web/lib/attest/attest.graphql) and
// OrderStruct (web/lib/chain/order.graphql) that these operations spread: these fail to compile if they stop.
type Assignable<T extends U, U> = T;
export type _ListingAttestationsAreSubgraphAttestations = Assignable<ListingDetail['merchant']['account'] & {}, { attestations: SubgraphAttestation[] }>;
export type _OrderDetailHasOrderStruct = Assignable<OrderDetail, SubgraphOrderFields>;
export type _ListingDetailIsListingSummary = Assignable<ListingDetail, Omit<ListingSummary, 'merchant'> & { merchant: MerchantSummary }>;
export type _MerchantDetailListingsAreSummaries = Assignable<MerchantDetail['listings'][number], ListingSummary>;

export interface ListingFilter {
  text?: string;
  category?: string;
  token?: string;
  minPrice?: bigint;
  maxPrice?: bigint;
  inStock?: boolean;
  merchant?: string;
}

export type ListingOrder = 'newest' | 'price-asc' | 'price-desc' | 'rating' | 'popular';

const ORDERINGS: Record<ListingOrder, { orderBy: G.Listing_orderBy; orderDirection: G.OrderDirection }> = {
  newest: { orderBy: 'createdAt', orderDirection: 'desc' },
  'price-asc': { orderBy: 'price', orderDirection: 'asc' },
  'price-desc': { orderBy: 'price', orderDirection: 'desc' },
  rating: { orderBy: 'ratingSum', orderDirection: 'desc' },
  popular: { orderBy: 'soldQuantity', orderDirection: 'desc' },
};

export function listingWhere(filter: ListingFilter): ListingFilterInput {
  const and: ListingFilterInput[] = [{ paused: false }];
  const text = filter.text?.trim().slice(0, 100);
  if (text) {
    const literal = escapeLike(text);
    and.push({ or: [{ title_contains_nocase: literal }, { category_contains_nocase: literal }] });
  }
  if (filter.category) and.push({ category: filter.category });
  if (filter.token) and.push({ token: filter.token.toLowerCase() });
  if (filter.minPrice !== undefined) and.push({ price_gte: filter.minPrice.toString() });
  if (filter.maxPrice !== undefined) and.push({ price_lte: filter.maxPrice.toString() });
  if (filter.inStock) and.push({ stock_gt: '0' });
  if (filter.merchant) and.push({ merchant: filter.merchant.toLowerCase() });
  return { and };
}

export async function searchListings(
  url: string,
  filter: ListingFilter,
  order: ListingOrder,
  page: { first: number; skip: number },
  signal?: AbortSignal,
): Promise<ListingSummary[]> {
  const { orderBy, orderDirection } = ORDERINGS[order];
  const data = await request(url, SearchDocument, { where: listingWhere(filter), first: page.first, skip: page.skip, orderBy, orderDirection }, signal);
  return data.listings;
}

export async function homeData(url: string, signal?: AbortSignal): Promise<HomeData> {
  return request(url, HomeDocument, {}, signal);
}

export async function listingDetail(url: string, id: string, signal?: AbortSignal): Promise<ListingDetail | null> {
  const data = await request(url, ListingDocument, { id }, signal);
  return data.listing;
}

export async function merchantDetail(url: string, id: string, signal?: AbortSignal): Promise<MerchantDetail | null> {
  const data = await request(url, MerchantDocument, { id: id.toLowerCase() }, signal);
  return data.merchant;
}

export async function ordersOfBuyer(url: string, buyer: string, signal?: AbortSignal): Promise<OrderDetail[]> {
  const data = await request(url, BuyerOrdersDocument, { buyer: buyer.toLowerCase() }, signal);
  return data.orders;
}

export async function orderDetail(url: string, id: string, signal?: AbortSignal): Promise<OrderDetail | null> {
  const data = await request(url, OrderDocument, { id }, signal);
  return data.order;
}

export async function pointsData(url: string, account: string, signal?: AbortSignal): Promise<PointsData> {
  const me = account.toLowerCase();
  return request(url, PointsDocument, { me, meBytes: me, buyer: me }, signal);
}

/**
 * The public data recommendations are computed from: the same query for every visitor (recent purchases and
 * the open catalog), so the request reveals nothing about who is asking.
 */
export async function recommendationData(url: string, signal?: AbortSignal): Promise<RecommendationData> {
  return request(url, RecommendationDataDocument, {}, signal);
}
