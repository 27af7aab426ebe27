// The configured network as the chain fallback and the credit reads need it.
import type { Address, PublicClient } from 'viem';
import { publicClientFor } from '../chain/clients.ts';
import { settings } from '../config/settings.svelte.ts';
import { ETH } from '../format/format.ts';
import { orderDetail } from '../data/subgraph.ts';
import { type ChainSource, orderFromChain, verifyStruct } from './chain.ts';
import { type LoadedOrder, loadOrder } from './load.ts';
import { type TokenCredit, creditsFor } from '../sell-orders/merchant.ts';

export function siteClient(): PublicClient {
  return publicClientFor(settings.site, settings.current.rpcUrls);
}

export function chainSource(): ChainSource {
  const site = settings.site;
  return {
    client: siteClient(),
    escrow: site.contracts.escrow,
    catalog: site.contracts.catalog,
    startBlock: site.startBlock,
    maxRange: site.logRange,
    settlementToken: { address: site.contracts.settlementToken, ...site.settlementToken },
  };
}

/** The chain's clock (latest block), which can differ from the browser's (a test chain moved forward). */
export async function chainTime(client: PublicClient = siteClient()): Promise<number> {
  const block = await client.getBlock();
  return Number(block.timestamp);
}

/**
 * One order as the site's order pages show it: the subgraph's copy checked against the escrow's stored state,
 * else the chain's own (see loadOrder), together with the chain's time for deadlines (null if unreadable).
 */
export async function loadSiteOrder(id: string): Promise<{ order: LoadedOrder | null; chainNow: number | null }> {
  const url = settings.current.subgraphUrl;
  const source = chainSource();
  const [order, chainNow] = await Promise.all([
    loadOrder(
      url ? (orderId) => orderDetail(url, orderId) : null,
      (orderId) => orderFromChain(source, orderId),
      id,
      (orderId, struct) => verifyStruct(source, orderId, struct),
    ),
    chainTime(source.client).catch(() => null),
  ]);
  return { order, chainNow };
}

export type Credit = TokenCredit;

/** What the escrow holds for the account to withdraw: ETH and the settlement token. */
export function creditsOf(account: Address): Promise<Credit[]> {
  const site = settings.site;
  return creditsFor(siteClient(), site.contracts.escrow, account, [
    { token: ETH as Address, symbol: 'ETH', decimals: 18 },
    { token: site.contracts.settlementToken, ...site.settlementToken },
  ]);
}
