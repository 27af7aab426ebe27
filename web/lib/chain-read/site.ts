// The chain reader for this build's network and the user's RPC endpoints, and the site's fallback reads:
// what the shopping pages call instead of the subgraph functions directly.
import { settings } from '../config/settings.svelte.ts';
import { homeData, listingDetail, merchantDetail, pointsData, searchListings, type ListingFilter, type ListingOrder } from '../data/subgraph.ts';
import { type DisputePage, disputesOf, pageOfDisputes } from '../arbiter/disputes.ts';
import { allOrdersForExport, merchantDays, ordersOfMerchant, type StatusFilter } from '../sell-orders/data.ts';
import { merchantProfiles } from '../shop/queries.ts';
import type { LiveCart } from '../cart/live.ts';
import { readWithFallback } from './fallback.ts';
import type { ChainReader } from './reader.ts';
import { indexStatus } from './status.svelte.ts';

let reader: { key: string; value: Promise<ChainReader> } | null = null;

/**
 * The chain reader, loaded on first use: it brings viem's client and the contracts' ABIs (about 100 KB gzip),
 * which a page the subgraph answers never needs, so they stay off the first load.
 */
export function siteReader(): Promise<ChainReader> {
  const key = `${settings.site.chainId}|${settings.current.rpcUrls.join(',')}`;
  if (reader?.key !== key) {
    const value = Promise.all([import('./reader.ts'), import('../orders/source.ts')]).then(
      ([{ ChainReader }, { chainSource }]) =>
        new ChainReader({
          ...chainSource(),
          chainId: settings.site.chainId,
          points: settings.site.contracts.points,
          storage: typeof localStorage === 'undefined' ? null : localStorage,
        }),
    );
    value.catch(() => {
      if (reader?.value === value) reader = null;
    });
    reader = { key, value };
  }
  return reader.value;
}

const url = () => settings.current.subgraphUrl;

export const listingFromAnySource = (id: string) =>
  readWithFallback((u) => listingDetail(u, id), url(), async () => (await siteReader()).listingDetail(id), indexStatus.report);

export const merchantFromAnySource = (id: string) =>
  readWithFallback((u) => merchantDetail(u, id), url(), async () => (await siteReader()).merchantDetail(id), indexStatus.report);

export const homeFromAnySource = () => readWithFallback((u) => homeData(u), url(), async () => (await siteReader()).home(), indexStatus.report);

export const searchFromAnySource = (filter: ListingFilter, order: ListingOrder, page: { first: number; skip: number }) =>
  readWithFallback((u) => searchListings(u, filter, order, page), url(), async () => (await siteReader()).listings(filter, page), indexStatus.report);

/** A merchant's incoming orders: the subgraph's, else rebuilt from the escrow's (cached) events. */
export const merchantOrdersFromAnySource = (merchant: string, filter: StatusFilter, page: { first: number; skip: number }) =>
  readWithFallback((u) => ordersOfMerchant(u, merchant, filter, page), url(), async () => (await siteReader()).merchantOrders(merchant, filter, page), indexStatus.report);

/** Every order of a merchant for the CSV export: the subgraph's, else rebuilt from the escrow's events. */
export const exportOrdersFromAnySource = (merchant: string) =>
  readWithFallback((u) => allOrdersForExport(u, merchant), url(), async () => (await siteReader()).exportOrders(merchant), indexStatus.report);

/** A merchant's daily sales since `since` (the sales chart): the subgraph's, else summed from the escrow's events. */
export const merchantDaysFromAnySource = (merchant: string, since: number) =>
  readWithFallback((u) => merchantDays(u, merchant, since), url(), async () => (await siteReader()).merchantDays(merchant, since), indexStatus.report);

/** One page of the disputes an address arbitrates; from the chain they carry the settlement offers too. */
export const disputesFromAnySource = (arbiter: string, page: { first: number; skip: number }) =>
  readWithFallback<DisputePage<Awaited<ReturnType<typeof disputesOf>>[number]> | Awaited<ReturnType<Awaited<ReturnType<typeof siteReader>>['disputes']>>>(
    async (u) => pageOfDisputes(await disputesOf(u, arbiter), page),
    url(),
    async () => (await siteReader()).disputes(arbiter, page),
    indexStatus.report,
  );

/** The points page: balance, transfers and where points were earned. */
export const pointsFromAnySource = (account: string) =>
  readWithFallback<Awaited<ReturnType<typeof pointsData>> & { fromChain?: true }>((u) => pointsData(u, account), url(), async () => (await siteReader()).points(account), indexStatus.report);

/** The profile documents of the registered merchants among `addresses` (an arbiter may keep a shop too). */
export const profilesFromAnySource = (addresses: string[]) =>
  readWithFallback(
    (u) => merchantProfiles(u, addresses),
    url(),
    async () => {
      const { merchants } = await (await siteReader()).catalog();
      return new Map(addresses.flatMap((a) => (merchants.has(a.toLowerCase()) ? [[a.toLowerCase(), merchants.get(a.toLowerCase())!.metadataURI] as const] : [])));
    },
    indexStatus.report,
  );

/** The profile document of one account when it is a registered merchant (an arbiter that also sells), else undefined. */
export const profileFromAnySource = (address: string): Promise<string | undefined> =>
  profilesFromAnySource([address]).then((read) => read.value.get(address.toLowerCase()));

/**
 * The cart's live check read from the chain knows terms but not names: the catalog's events give each line's
 * title and its shop's profile document. The index is reported down (the cart fell back to the chain).
 */
export async function namedFromCatalog(live: LiveCart): Promise<LiveCart> {
  if (live.source !== 'chain') return live;
  indexStatus.report({ kind: 'chain', reason: url() ? 'unreachable' : 'no-subgraph' });
  const state = await siteReader()
    .then((chain) => chain.catalog())
    .catch(() => null);
  if (!state) return live;
  const listings = new Map(
    [...live.listings].map(([id, row]) => {
      const merchant = row.terms && state.merchants.get(row.terms.merchant);
      return [id, { ...row, title: row.title ?? state.listings.get(id)?.title ?? null, merchantProfile: row.merchantProfile ?? merchant?.metadataURI ?? null }];
    }),
  );
  return { ...live, listings };
}
