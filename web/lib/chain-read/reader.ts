// The shop read from the chain alone, for when the subgraph cannot be reached: the catalog's events (cached in
// the browser, see LogCache) for titles, documents and provenance, the catalog's views (`listingOf`, `gateOf`,
// `merchantOf`) for what a checkout is held to (price, stock, pause, the merchant's terms), and the escrow's
// events (cached the same way) for ratings and a merchant's history. The results have the subgraph's shapes
// (web/lib/data/subgraph.ts) with `fromChain: true`, so the pages render either source and can say which.
import { type Address, parseEventLogs } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi, chainMartPointsAbi } from '../contracts/generated/abi.ts';
import type { MerchantOrderRow, StatusFilter } from '../sell-orders/data.ts';
import { type OrderLog, replayOrder } from '../orders/replay.ts';
import type { CsvOrder } from '../sell-orders/csv.ts';
import { type ChainDispute, type UntimedLog, csvOrderFromChain, disputeOf, disputeOrder, filterByStatus, groupOrderLogs, matchingOrders, merchantDayRows, merchantRow, pointsEarned, saleEvents, timed } from './orders.ts';
import type { MerchantDayRow } from '../sell-orders/chart.ts';
import type { DisputePage } from '../arbiter/disputes.ts';
import type { HomeData, PointsData, ListingDetail, ListingSummary, MerchantDetail, MerchantSummary, ReviewItem, TokenInfo } from '../data/subgraph.ts';
import { type ChainSource, tokenInfo } from '../orders/chain.ts';
import { type CatalogState, type ChainListing, type ChainListingFilter, type ChainMerchant, foldCatalog, recentListings } from './catalog.ts';
import { type CacheStorage, LogCache } from './logs.ts';

export interface ChainReadSource extends ChainSource {
  chainId: number;
  /** Blocks per eth_getLogs request. */
  maxRange?: number;
  storage?: CacheStorage | null;
  /** The points token (balance and transfers on the points page). */
  points?: Address;
}

/** Marks what was read from the chain: the page hides what only the index knows (sales, attestations). */
export type FromChain<T> = T & { fromChain: true };

/** A listing card's data, with the terms a cart line needs (the storefront adds to the cart). */
export type ChainSummary = FromChain<ListingSummary & { token: string; shipWithin: string }>;

interface MerchantHistory {
  orderCount: number;
  completedCount: number;
  disputeCount: number;
  refundedCount: number;
  cancelledCount: number;
}

export class ChainReader {
  readonly source: ChainReadSource;
  readonly #catalogLogs: LogCache;
  readonly #escrowCache: LogCache;
  readonly #pointsCache: LogCache | null;
  readonly #times = new Map<number, Promise<number>>();
  readonly #tokens = new Map<string, Promise<TokenInfo>>();

  constructor(source: ChainReadSource) {
    this.source = source;
    this.#catalogLogs = new LogCache(source.client, { chainId: source.chainId, address: source.catalog, startBlock: source.startBlock, maxRange: source.maxRange, storage: source.storage });
    const cached = (address: Address) => new LogCache(source.client, { chainId: source.chainId, address, startBlock: source.startBlock, maxRange: source.maxRange, storage: source.storage });
    this.#escrowCache = cached(source.escrow);
    this.#pointsCache = source.points ? cached(source.points) : null;
  }

  /** Every escrow order event since the deployment, grouped by order (cached across page loads). */
  async #orders() {
    return groupOrderLogs(await this.#escrowCache.sync());
  }

  async #replayed(grouped: Map<bigint, UntimedLog[]>, id: bigint) {
    const logs = await timed(grouped.get(id) ?? [], (b) => this.#time(b));
    const r = replayOrder(logs);
    if (!r) return null;
    const state = await this.catalog();
    const currency = await this.#token(r.order.token);
    return { r, logs, currency, title: state.listings.get(r.order.listingId.toString())?.title ?? '' };
  }

  /** A merchant's incoming orders, newest first, filtered by status like the subgraph query. */
  async merchantOrders(merchant: string, filter: StatusFilter, page: { first: number; skip: number }): Promise<MerchantOrderRow[]> {
    const grouped = await this.#orders();
    const ids = matchingOrders(grouped, { merchant });
    const rows: MerchantOrderRow[] = [];
    for (const id of ids) {
      const got = await this.#replayed(grouped, id);
      if (!got) continue;
      const row = merchantRow(got.r, got.currency, got.title);
      if (filterByStatus([row], filter).length) rows.push(row);
      if (rows.length >= page.skip + page.first) break;
    }
    return rows.slice(page.skip, page.skip + page.first);
  }

  /** Every order of `merchant` for the CSV export, oldest first like the subgraph's ExportOrders. */
  async exportOrders(merchant: string): Promise<CsvOrder[]> {
    const [grouped, state] = await Promise.all([this.#orders(), this.catalog()]);
    const ids = matchingOrders(grouped, { merchant }).reverse();
    const rows = await Promise.all(
      ids.map(async (id) => {
        const logs = grouped.get(id)!;
        // Block times only date the timeline, which the file does not have: no getBlock per order.
        const r = replayOrder(logs.map((l) => ({ ...l, timestamp: 0 }) as OrderLog));
        if (!r) return null;
        return csvOrderFromChain(r, logs, await this.#token(r.order.token), state.listings.get(r.order.listingId.toString())?.title ?? '');
      }),
    );
    return rows.filter((row): row is CsvOrder => row !== null);
  }

  /** The merchant's daily sales since `since` (the sales chart), as the subgraph's MerchantDays rows. */
  async merchantDays(merchant: string, since: number): Promise<MerchantDayRow[]> {
    const events = saleEvents(await this.#orders(), merchant);
    return merchantDayRows(events, since, (b) => this.#time(b), (address) => this.#token(address as Address));
  }

  /**
   * One page of the disputes `arbiter` arbitrates (open first, nearest deadline first), with the settlement
   * offers: ordered from the logs alone, so only the page's orders are replayed (and their blocks' times read).
   */
  async disputes(arbiter: string, page = { first: 25, skip: 0 }): Promise<DisputePage<ChainDispute>> {
    const grouped = await this.#orders();
    const { ids, open } = disputeOrder(grouped, matchingOrders(grouped, { arbiter }));
    const rows = await Promise.all(
      ids.slice(page.skip, page.skip + page.first).map(async (id) => {
        const got = await this.#replayed(grouped, id);
        return got ? disputeOf(got.r, got.logs, got.currency, got.title) : null;
      }),
    );
    return { disputes: rows.filter((d): d is ChainDispute => d !== null), open, total: ids.length };
  }

  /** The points page's data: the balance from `balanceOf`, transfers from the token's events, points earned per order. */
  async points(account: string): Promise<FromChain<PointsData>> {
    const me = account.toLowerCase();
    const token = this.source.points;
    if (!token || !this.#pointsCache) throw new Error('no points contract configured');
    const [balance, raw, grouped, state] = await Promise.all([
      this.source.client.readContract({ address: token, abi: chainMartPointsAbi, functionName: 'balanceOf', args: [account as Address] }),
      this.#pointsCache.sync(),
      this.#orders(),
      this.catalog(),
    ]);
    const transfers = parseEventLogs({ abi: chainMartPointsAbi, logs: raw as never, eventName: 'Transfer', strict: true })
      .filter((l) => l.args.from.toLowerCase() === me || l.args.to.toLowerCase() === me)
      .slice(-100)
      .reverse();
    return {
      account: { pointsBalance: balance.toString() },
      transfers: await Promise.all(
        transfers.map(async (l) => ({
          id: `${l.transactionHash}-${l.logIndex}`,
          from: l.args.from.toLowerCase(),
          to: l.args.to.toLowerCase(),
          amount: l.args.value.toString(),
          timestamp: String(await this.#time(Number(l.blockNumber))),
          transactionHash: l.transactionHash!,
        })),
      ),
      earnedAt: pointsEarned(grouped, me).map((e) => ({
        id: String(e.orderId),
        merchant: { id: e.merchant, metadataURI: state.merchants.get(e.merchant)?.metadataURI ?? '' },
        events: [{ __typename: 'OrderCompletedEvent', pointsMinted: e.minted.toString() }],
      })),
      // Where points are earned: the rewardBps each merchant's terms hold now, shops with listings only.
      merchants: await this.#rewardingMerchants(state),
      fromChain: true,
    };
  }

  async #rewardingMerchants(state: CatalogState): Promise<PointsData['merchants']> {
    const counts = new Map<string, number>();
    for (const l of state.listings.values()) counts.set(l.merchant, (counts.get(l.merchant) ?? 0) + 1);
    const rows = await Promise.all(
      [...counts].slice(0, 100).map(async ([id, listingCount]) => {
        const [, , rewardBps] = await this.source.client.readContract({ address: this.source.catalog, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [id as Address] });
        return { id, metadataURI: state.merchants.get(id)?.metadataURI ?? '', rewardBps: Number(rewardBps), listingCount };
      }),
    );
    return rows.sort((a, b) => b.rewardBps - a.rewardBps);
  }

  async catalog(): Promise<CatalogState> {
    return foldCatalog(await this.#catalogLogs.sync(), this.source.catalog);
  }

  /** Open listings rebuilt from the catalog's events, newest first, their stock and price read live. */
  async listings(filter: ChainListingFilter = {}, page = { first: 24, skip: 0 }): Promise<ChainSummary[]> {
    const state = await this.catalog();
    const found = recentListings(state, filter).slice(page.skip, page.skip + page.first);
    const out = await Promise.all(found.map((l) => this.#summary(state, l)));
    return out.filter((l): l is ChainSummary => l !== null && (!filter.inStock || BigInt(l.stock) > 0n));
  }

  async home(): Promise<FromChain<HomeData>> {
    const newest = await this.listings({ inStock: true }, { first: 8, skip: 0 });
    return { newest, bestRated: [], tokens: [], platform: null, fromChain: true };
  }

  async listingDetail(id: string): Promise<FromChain<ListingDetail> | null> {
    const state = await this.catalog();
    const listing = state.listings.get(id);
    if (!listing) return null;
    const [summary, reviews, provenance] = await Promise.all([
      this.#summary(state, listing),
      this.#reviews({ listingId: BigInt(id) }),
      Promise.all(
        listing.provenance.map(async (step) => ({
          id: `${step.transactionHash}-${step.logIndex}`,
          kind: step.kind,
          location: step.location,
          occurredAt: String(step.occurredAt),
          actor: step.actor,
          evidenceCid: step.evidenceCid,
          timestamp: String(await this.#time(step.blockNumber)),
          transactionHash: step.transactionHash,
        })),
      ),
    ]);
    if (!summary) return null;
    const merchant = summary.merchant as ListingDetail['merchant'];
    return {
      ...summary,
      ...ratingOf(reviews),
      token: listing.token,
      shipWithin: summary.shipWithin,
      gate: listing.gate,
      updatedAt: String(await this.#time(listing.updatedBlock)),
      merchant,
      provenance,
      reviews,
    };
  }

  async merchantDetail(address: string): Promise<FromChain<MerchantDetail> | null> {
    const state = await this.catalog();
    const id = address.toLowerCase();
    const known = state.merchants.get(id);
    if (!known) return null;
    const own = recentListings(state, { merchant: id });
    const [merchant, listings, reviews] = await Promise.all([
      this.#merchant(known),
      Promise.all(own.slice(0, 100).map((l) => this.#summary(state, l))),
      this.#reviews({ merchant: id as Address }),
    ]);
    const titles = new Map(own.map((l) => [l.id, l.title]));
    return {
      ...merchant,
      listingCount: own.length,
      refundedCount: merchant.refundedCount,
      cancelledCount: merchant.cancelledCount,
      listings: listings.filter((l) => l !== null) as MerchantDetail['listings'],
      reviews: reviews.map((r) => ({ ...r, listing: { id: r.listing!.id, title: titles.get(r.listing!.id) ?? '' } })),
      fromChain: true,
    };
  }

  async #summary(state: CatalogState, listing: ChainListing): Promise<ChainSummary | null> {
    const { client, catalog } = this.source;
    const known = state.merchants.get(listing.merchant);
    if (!known) return null;
    const [live, merchant, currency] = await Promise.all([
      client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'listingOf', args: [BigInt(listing.id)] }),
      this.#merchant(known),
      this.#token(listing.token as Address),
    ]);
    const [, token, price, stock, maxPerOrder, shipWithin, paused] = live;
    return {
      id: listing.id,
      listingId: listing.id,
      title: listing.title,
      category: listing.category,
      price: price.toString(),
      stock: String(stock),
      maxPerOrder,
      paused,
      metadataURI: listing.metadataURI,
      createdAt: String(await this.#time(listing.createdBlock)),
      ratingSum: 0,
      ratingCount: 0,
      soldQuantity: '0',
      currency,
      merchant,
      token: token.toLowerCase(),
      shipWithin: String(shipWithin),
      fromChain: true,
    };
  }

  /** The merchant's terms as `merchantOf` holds them now, its profile document from its last event. */
  async #merchant(known: ChainMerchant): Promise<MerchantSummary & MerchantHistory & Omit<ListingDetail['merchant'], keyof MerchantSummary>> {
    const { client, catalog } = this.source;
    const [[, arbiter, rewardBps, autoReleaseWindow, encryptionKey], registeredAt, history, reviews] = await Promise.all([
      client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [known.id as Address] }),
      this.#time(known.registeredBlock),
      this.#history(known.id as Address),
      this.#reviews({ merchant: known.id as Address }),
    ]);
    const rating = ratingOf(reviews);
    return {
      id: known.id,
      metadataURI: known.metadataURI,
      ratingAverage: rating.ratingCount ? (rating.ratingSum / rating.ratingCount).toFixed(2) : '0',
      ratingCount: rating.ratingCount,
      registeredAt: String(registeredAt),
      ...history,
      arbiter: arbiter.toLowerCase(),
      rewardBps,
      autoReleaseWindow: String(autoReleaseWindow),
      encryptionKey,
      account: null,
    };
  }

  #history(merchant: Address): Promise<MerchantHistory> {
    return memo(this, `history:${merchant}`, async () => {
      const placed = await this.#escrowLogs('OrderPlaced', { merchant });
      const ids = placed.map((l) => (l.args as { orderId: bigint }).orderId);
      const later = ids.length ? await this.#escrowLogs(['OrderCompleted', 'OrderRefunded', 'OrderCancelled', 'DisputeOpened'], { orderId: ids }) : [];
      const count = (name: string) => new Set(later.filter((l) => l.eventName === name).map((l) => String((l.args as { orderId: bigint }).orderId))).size;
      return { orderCount: ids.length, completedCount: count('OrderCompleted'), disputeCount: count('DisputeOpened'), refundedCount: count('OrderRefunded'), cancelledCount: count('OrderCancelled') };
    });
  }

  #reviews(filter: { listingId?: bigint; merchant?: Address }): Promise<ReviewItem[]> {
    return memo(this, `reviews:${filter.listingId ?? ''}:${filter.merchant ?? ''}`, async () => {
      const reviewed = await this.#escrowLogs('Reviewed', filter);
      const ids = reviewed.map((l) => (l.args as { orderId: bigint }).orderId);
      const replies = ids.length ? await this.#escrowLogs('ReviewReplied', { orderId: ids }) : [];
      const out = await Promise.all(
        reviewed.map(async (log) => {
          const args = log.args as { orderId: bigint; listingId: bigint; buyer: Address; rating: number; commentCid: string };
          const reply = replies.find((r) => (r.args as { orderId: bigint }).orderId === args.orderId);
          return {
            id: String(args.orderId),
            rating: Number(args.rating),
            commentCid: args.commentCid,
            createdAt: String(await this.#time(Number(log.blockNumber))),
            replyCid: reply ? (reply.args as { commentCid: string }).commentCid : null,
            repliedAt: reply ? String(await this.#time(Number(reply.blockNumber))) : null,
            buyer: { id: args.buyer.toLowerCase() },
            listing: { id: String(args.listingId), title: '' },
          };
        }),
      );
      return out.reverse();
    });
  }

  /**
   * Escrow events matching indexed arguments, filtered from the escrow's cached logs (one LogCache for every
   * page, kept in the browser across page loads); a value that is an array matches any of its elements.
   */
  async #escrowLogs(eventName: string | string[], args: Record<string, unknown>) {
    const names = new Set(Array.isArray(eventName) ? eventName : [eventName]);
    const raw = await this.#escrowCache.sync();
    const parsed = parseEventLogs({ abi: chainMartEscrowAbi, logs: raw as never, strict: true }).filter((l) => names.has(l.eventName));
    const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);
    return parsed.filter((l) =>
      Object.entries(args).every(([name, want]) => {
        const got = (l.args as Record<string, unknown>)[name];
        return want === undefined || (Array.isArray(want) ? want.some((w) => same(got, w)) : same(got, want));
      }),
    );
  }

  #time(block: number): Promise<number> {
    let time = this.#times.get(block);
    if (!time) {
      time = this.source.client.getBlock({ blockNumber: BigInt(block) }).then((b) => Number(b.timestamp));
      this.#times.set(block, time);
    }
    return time;
  }

  #token(token: Address): Promise<TokenInfo> {
    let info = this.#tokens.get(token);
    if (!info) {
      info = tokenInfo(this.source, token);
      this.#tokens.set(token, info);
    }
    return info;
  }
}

function ratingOf(reviews: ReviewItem[]): { ratingSum: number; ratingCount: number } {
  return { ratingSum: reviews.reduce((sum, r) => sum + r.rating, 0), ratingCount: reviews.length };
}

/** One read per key per reader for a few seconds: a page's parts ask for the same merchant at once. */
const memos = new WeakMap<ChainReader, Map<string, { until: number; value: Promise<unknown> }>>();
function memo<T>(reader: ChainReader, key: string, read: () => Promise<T>, ttlMs = 10_000): Promise<T> {
  let map = memos.get(reader);
  if (!map) memos.set(reader, (map = new Map()));
  const hit = map.get(key);
  if (hit && hit.until > Date.now()) return hit.value as Promise<T>;
  const value = read();
  map.set(key, { until: Date.now() + ttlMs, value });
  value.catch(() => map.delete(key));
  return value;
}

