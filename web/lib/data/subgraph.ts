// Typed reads from the subgraph (graph-node's query API). Each function is one GraphQL operation; the types
// mirror subgraph/schema.graphql (BigInt as decimal strings, Bytes as lowercase hex, as graph-node answers).
import { escapeLike } from './like.ts';
import { graphqlRequest } from '../graphql/client.ts';
import { ORDER_STRUCT_FIELDS, type SubgraphOrderFields } from '../chain/order.ts';
import { ATTESTATION_FIELDS, type SubgraphAttestation } from '../attest/subgraph.ts';

export interface TokenInfo {
  id: string;
  symbol: string | null;
  decimals: number | null;
}

export interface MerchantSummary {
  id: string;
  metadataURI: string;
  ratingAverage: string;
  ratingCount: number;
  registeredAt: string;
  orderCount: number;
  completedCount: number;
  disputeCount: number;
}

export interface ListingSummary {
  id: string;
  listingId: string;
  title: string;
  category: string;
  price: string;
  stock: string;
  maxPerOrder: number;
  paused: boolean;
  metadataURI: string;
  createdAt: string;
  ratingSum: number;
  ratingCount: number;
  soldQuantity: string;
  currency: TokenInfo;
  merchant: MerchantSummary;
}

const MERCHANT_SUMMARY = 'id metadataURI ratingAverage ratingCount registeredAt orderCount completedCount disputeCount';
const LISTING_FIELDS = `id listingId title category price stock maxPerOrder paused metadataURI createdAt ratingSum ratingCount soldQuantity
  currency { id symbol decimals }`;
const LISTING_SUMMARY = `${LISTING_FIELDS} merchant { ${MERCHANT_SUMMARY} }`;

export interface ProvenanceStep {
  id: string;
  kind: string;
  location: string;
  occurredAt: string;
  actor: string;
  evidenceCid: string;
  timestamp: string;
  transactionHash: string;
}

export interface ReviewItem {
  id: string;
  rating: number;
  commentCid: string;
  createdAt: string;
  replyCid: string | null;
  repliedAt: string | null;
  buyer: { id: string };
  listing?: { id: string; title: string };
}

const REVIEW_FIELDS = 'id rating commentCid createdAt replyCid repliedAt buyer { id }';

export interface ListingDetail extends ListingSummary {
  token: string;
  shipWithin: string;
  gate: string | null;
  updatedAt: string;
  merchant: MerchantSummary & {
    arbiter: string;
    rewardBps: number;
    autoReleaseWindow: string;
    encryptionKey: string;
    account: { attestations: SubgraphAttestation[] } | null;
  };
  provenance: ProvenanceStep[];
  reviews: ReviewItem[];
}

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

const ORDERINGS: Record<ListingOrder, { orderBy: string; orderDirection: 'asc' | 'desc' }> = {
  newest: { orderBy: 'createdAt', orderDirection: 'desc' },
  'price-asc': { orderBy: 'price', orderDirection: 'asc' },
  'price-desc': { orderBy: 'price', orderDirection: 'desc' },
  rating: { orderBy: 'ratingSum', orderDirection: 'desc' },
  popular: { orderBy: 'soldQuantity', orderDirection: 'desc' },
};

export function listingWhere(filter: ListingFilter): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ paused: false }];
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
  const data = await graphqlRequest<{ listings: ListingSummary[] }>(
    url,
    `query Search($where: Listing_filter!, $first: Int!, $skip: Int!) {
      listings(where: $where, first: $first, skip: $skip, orderBy: ${orderBy}, orderDirection: ${orderDirection}) { ${LISTING_SUMMARY} }
    }`,
    { where: listingWhere(filter), first: page.first, skip: page.skip },
    { signal },
  );
  return data.listings;
}

export interface HomeData {
  newest: ListingSummary[];
  bestRated: ListingSummary[];
  tokens: TokenInfo[];
  platform: { merchantCount: number; listingCount: number; orderCount: number; completedCount: number; feeBps: number } | null;
}

export async function homeData(url: string, signal?: AbortSignal): Promise<HomeData> {
  return graphqlRequest<HomeData>(
    url,
    `query Home {
      newest: listings(first: 8, orderBy: createdAt, orderDirection: desc, where: { paused: false, stock_gt: "0" }) { ${LISTING_SUMMARY} }
      bestRated: listings(first: 8, orderBy: ratingSum, orderDirection: desc, where: { paused: false, ratingCount_gt: 0 }) { ${LISTING_SUMMARY} }
      tokens(first: 20) { id symbol decimals }
      platform(id: "platform") { merchantCount listingCount orderCount completedCount feeBps }
    }`,
    {},
    { signal },
  );
}

export async function listingDetail(url: string, id: string, signal?: AbortSignal): Promise<ListingDetail | null> {
  const data = await graphqlRequest<{ listing: ListingDetail | null }>(
    url,
    `query Listing($id: ID!) {
      listing(id: $id) {
        ${LISTING_FIELDS} token shipWithin gate updatedAt
        merchant { ${MERCHANT_SUMMARY} arbiter rewardBps autoReleaseWindow encryptionKey account { attestations(first: 100) { ${ATTESTATION_FIELDS} } } }
        provenance(first: 100, orderBy: occurredAt, orderDirection: asc) { id kind location occurredAt actor evidenceCid timestamp transactionHash }
        reviews(first: 100, orderBy: createdAt, orderDirection: desc) { ${REVIEW_FIELDS} }
      }
    }`,
    { id },
    { signal },
  );
  return data.listing;
}

export interface MerchantDetail extends MerchantSummary {
  encryptionKey: string;
  arbiter: string;
  rewardBps: number;
  autoReleaseWindow: string;
  listingCount: number;
  refundedCount: number;
  cancelledCount: number;
  account: { attestations: SubgraphAttestation[] } | null;
  /** With the terms a cart line needs besides the merchant's (the storefront adds to the cart). */
  listings: (ListingSummary & { token: string; shipWithin: string })[];
  reviews: (ReviewItem & { listing: { id: string; title: string } })[];
}

export async function merchantDetail(url: string, id: string, signal?: AbortSignal): Promise<MerchantDetail | null> {
  const data = await graphqlRequest<{ merchant: MerchantDetail | null }>(
    url,
    `query Merchant($id: ID!) {
      merchant(id: $id) {
        ${MERCHANT_SUMMARY} encryptionKey arbiter rewardBps autoReleaseWindow listingCount refundedCount cancelledCount
        account { attestations(first: 100) { ${ATTESTATION_FIELDS} } }
        listings(first: 100, orderBy: createdAt, orderDirection: desc) { ${LISTING_SUMMARY} token shipWithin }
        reviews(first: 50, orderBy: createdAt, orderDirection: desc) { ${REVIEW_FIELDS} listing { id title } }
      }
    }`,
    { id: id.toLowerCase() },
    { signal },
  );
  return data.merchant;
}

export interface OrderEventItem {
  __typename: string;
  id: string;
  timestamp: string;
  transactionHash: string;
  amount?: string;
  pointsPaid?: string;
  carrier?: string;
  trackingRef?: string;
  location?: string;
  note?: string;
  by?: string;
  merchantAmount?: string;
  fee?: string;
  pointsMinted?: string;
  cash?: string;
  points?: string;
  remaining?: string;
  token?: string;
  statementCid?: string;
  arbiterDeadline?: string;
  resolution?: string;
  buyerCash?: string;
  buyerPoints?: string;
  rating?: number;
  commentCid?: string;
  /** SettlementOfferedEvent: the split offered (value back to the buyer) and the offer's last second. */
  buyerAmount?: string;
  deadline?: string;
}

export interface OrderDetail extends SubgraphOrderFields {
  id: string;
  orderId: string;
  statusName: string;
  shippingInfo: string;
  carrier: string | null;
  trackingRef: string | null;
  originalAmount: string;
  originalPointsPaid: string;
  /** Cash owed to the buyer that could not be pushed to its wallet and was credited instead (BuyerCredited). */
  buyerCredited: string;
  currency: TokenInfo;
  listing: { id: string; title: string; metadataURI: string };
  events: OrderEventItem[];
  review: { id: string; rating: number; commentCid: string; replyCid: string | null } | null;
  dispute: { id: string; arbiterDeadline: string; resolution: string | null } | null;
}

/** The Order selection the order pages use (struct, listing, review, dispute, events): shared by other queries. */
export const ORDER_DETAIL = `id orderId statusName shippingInfo carrier trackingRef originalAmount originalPointsPaid buyerCredited ${ORDER_STRUCT_FIELDS}
  currency { id symbol decimals } listing { id title metadataURI }
  review { id rating commentCid replyCid } dispute { id arbiterDeadline resolution }
  events(first: 100, orderBy: timestamp, orderDirection: asc) {
    __typename id timestamp transactionHash
    ... on OrderPlacedEvent { amount pointsPaid }
    ... on OrderShippedEvent { carrier trackingRef }
    ... on CheckpointEvent { by location note }
    ... on OrderCompletedEvent { by merchantAmount fee pointsMinted }
    ... on OrderRefundedEvent { cash points remaining }
    ... on OrderCancelledEvent { cash points }
    ... on BuyerCreditedEvent { token amount }
    ... on DisputeOpenedEvent { statementCid arbiterDeadline }
    ... on DisputeStatementEvent { by statementCid }
    ... on SettlementOfferedEvent { by buyerAmount deadline }
    ... on DisputeResolvedEvent { resolution by buyerCash buyerPoints merchantAmount fee }
    ... on ReviewEvent { rating commentCid }
    ... on ReviewReplyEvent { commentCid }
  }`;

export async function ordersOfBuyer(url: string, buyer: string, signal?: AbortSignal): Promise<OrderDetail[]> {
  const data = await graphqlRequest<{ orders: OrderDetail[] }>(
    url,
    `query BuyerOrders($buyer: String!) {
      orders(first: 200, where: { buyer: $buyer }, orderBy: placedAt, orderDirection: desc) { ${ORDER_DETAIL} }
    }`,
    { buyer: buyer.toLowerCase() },
    { signal },
  );
  return data.orders;
}

export async function orderDetail(url: string, id: string, signal?: AbortSignal): Promise<OrderDetail | null> {
  const data = await graphqlRequest<{ order: OrderDetail | null }>(url, `query Order($id: ID!) { order(id: $id) { ${ORDER_DETAIL} } }`, { id }, { signal });
  return data.order;
}

export interface PointsData {
  account: { pointsBalance: string } | null;
  transfers: { id: string; from: string; to: string; amount: string; timestamp: string; transactionHash: string }[];
  earnedAt: { id: string; merchant: { id: string; metadataURI: string }; events: { __typename: string; pointsMinted?: string }[] }[];
  merchants: { id: string; metadataURI: string; rewardBps: number; listingCount: number }[];
}

export async function pointsData(url: string, account: string, signal?: AbortSignal): Promise<PointsData> {
  const me = account.toLowerCase();
  return graphqlRequest<PointsData>(
    url,
    `query Points($me: ID!, $meBytes: Bytes!, $buyer: String!) {
      account(id: $me) { pointsBalance }
      transfers: pointsTransfers(first: 100, orderBy: timestamp, orderDirection: desc, where: { or: [{ from: $meBytes }, { to: $meBytes }] }) {
        id from to amount timestamp transactionHash
      }
      earnedAt: orders(first: 100, where: { buyer: $buyer, status: 4 }, orderBy: placedAt, orderDirection: desc) {
        id merchant { id metadataURI } events(first: 20) { __typename ... on OrderCompletedEvent { pointsMinted } }
      }
      merchants(first: 100, orderBy: rewardBps, orderDirection: desc, where: { listingCount_gt: 0 }) { id metadataURI rewardBps listingCount }
    }`,
    { me, meBytes: me, buyer: me },
    { signal },
  );
}

export interface RecommendationData {
  orders: { buyer: { id: string }; listing: { id: string; category: string; merchant: { id: string } } }[];
  listings: ListingSummary[];
}

/**
 * The public data recommendations are computed from: the same query for every visitor (recent purchases and
 * the open catalog), so the request reveals nothing about who is asking.
 */
export async function recommendationData(url: string, signal?: AbortSignal): Promise<RecommendationData> {
  return graphqlRequest<RecommendationData>(
    url,
    `query RecommendationData {
      orders(first: 1000, orderBy: placedAt, orderDirection: desc) { buyer { id } listing { id category merchant { id } } }
      listings(first: 300, orderBy: createdAt, orderDirection: desc, where: { paused: false, stock_gt: "0" }) { ${LISTING_SUMMARY} }
    }`,
    {},
    { signal },
  );
}
