// The cart's listings as they are now: from the subgraph, else (subgraph down or not configured) from the
// catalog on chain (listingOf, gateOf, merchantOf). The cart compares these with the terms each line was added
// with (reconcile.ts) and pays with the terms the buyer accepted; the escrow has the last word either way.
import { type Address, type PublicClient, erc20Abi, getAddress, zeroAddress } from 'viem';
import { chainMartCatalogAbi } from '../contracts/generated/abi.ts';
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { CartListingsDocument } from '../data/generated/documents.ts';
import type { CartTerms } from './store.ts';

export interface LiveListing {
  listingId: string;
  /** null: the catalog has no such listing. */
  terms: CartTerms | null;
  stock: bigint;
  maxPerOrder: number;
  paused: boolean;
  gated: boolean;
  /** The merchant's X25519 shipping key (bytes32 hex). */
  encryptionKey: string;
  /** The merchant's profile document, for its shop name (unknown when read from the chain). */
  merchantProfile: string | null;
  title: string | null;
  currency: { symbol: string | null; decimals: number | null };
}

export interface LiveCart {
  source: 'subgraph' | 'chain';
  listings: Map<string, LiveListing>;
}

const ZERO_GATE = /^0x0{40}$/i;

export async function liveFromSubgraph(url: string, ids: readonly string[], signal?: AbortSignal): Promise<Map<string, LiveListing>> {
  const data = await graphqlRequest<G.CartListingsQuery, G.CartListingsQueryVariables>(
    url,
    CartListingsDocument,
    { ids: [...ids] },
    { signal },
  );
  const listings = new Map<string, LiveListing>();
  for (const row of data.listings) {
    listings.set(row.id, {
      listingId: row.id,
      terms: {
        merchant: row.merchant.id.toLowerCase(),
        token: row.token.toLowerCase(),
        price: row.price,
        shipWithin: row.shipWithin,
        arbiter: row.merchant.arbiter.toLowerCase(),
        rewardBps: row.merchant.rewardBps,
        autoReleaseWindow: row.merchant.autoReleaseWindow,
      },
      stock: BigInt(row.stock),
      maxPerOrder: row.maxPerOrder,
      paused: row.paused,
      gated: row.gate !== null && !ZERO_GATE.test(row.gate),
      encryptionKey: row.merchant.encryptionKey,
      merchantProfile: row.merchant.metadataURI || null,
      title: row.title,
      currency: row.currency,
    });
  }
  for (const id of ids) if (!listings.has(id)) listings.set(id, missing(id));
  return listings;
}

function missing(listingId: string): LiveListing {
  return { listingId, terms: null, stock: 0n, maxPerOrder: 0, paused: false, gated: false, encryptionKey: '', merchantProfile: null, title: null, currency: { symbol: null, decimals: null } };
}

export async function liveFromChain(client: PublicClient, catalog: Address, ids: readonly string[]): Promise<Map<string, LiveListing>> {
  const rows = await Promise.all(
    ids.map(async (id) => {
      const listingId = BigInt(id);
      const [listing, gate] = await Promise.all([
        client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'listingOf', args: [listingId] }),
        client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'gateOf', args: [listingId] }),
      ]);
      const [merchant, token, price, stock, maxPerOrder, shipWithin, paused] = listing;
      if (merchant === zeroAddress) return missing(id);
      const [, arbiter, rewardBps, autoReleaseWindow, encryptionKey] = await client.readContract({
        address: catalog,
        abi: chainMartCatalogAbi,
        functionName: 'merchantOf',
        args: [merchant],
      });
      const currency = token === zeroAddress ? { symbol: 'ETH', decimals: 18 } : await tokenInfo(client, getAddress(token));
      return {
        listingId: id,
        terms: {
          merchant: merchant.toLowerCase(),
          token: token.toLowerCase(),
          price: price.toString(),
          shipWithin: shipWithin.toString(),
          arbiter: arbiter.toLowerCase(),
          rewardBps,
          autoReleaseWindow: autoReleaseWindow.toString(),
        },
        stock: BigInt(stock),
        maxPerOrder,
        paused,
        gated: gate !== zeroAddress,
        encryptionKey,
        merchantProfile: null,
        title: null,
        currency,
      } satisfies LiveListing;
    }),
  );
  return new Map(rows.map((row) => [row.listingId, row]));
}

async function tokenInfo(client: PublicClient, token: Address): Promise<LiveListing['currency']> {
  const [symbol, decimals] = await Promise.all([
    client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }).catch(() => null),
    client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }).catch(() => null),
  ]);
  return { symbol: symbol?.slice(0, 16) ?? null, decimals };
}

/** The subgraph when it answers, else the chain: the cart never depends on one endpoint to be checked. */
export async function readLiveCart(
  input: { subgraphUrl: string | null; client: PublicClient; catalog: Address; ids: readonly string[] },
  signal?: AbortSignal,
): Promise<LiveCart> {
  if (input.ids.length === 0) return { source: 'subgraph', listings: new Map() };
  if (input.subgraphUrl) {
    try {
      return { source: 'subgraph', listings: await liveFromSubgraph(input.subgraphUrl, input.ids, signal) };
    } catch (error) {
      if (signal?.aborted) throw error;
    }
  }
  return { source: 'chain', listings: await liveFromChain(input.client, input.catalog, input.ids) };
}
