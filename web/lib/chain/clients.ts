// viem clients for the configured chain. Reads go through every configured RPC URL in turn (viem's fallback
// transport), so one dead endpoint does not take the site down.
import { type Chain, type PublicClient, createPublicClient, defineChain, fallback, http } from 'viem';
import type { SiteConfig } from '../config/site.ts';

export function chainOf(site: SiteConfig, rpcUrls: string[] = site.rpcUrls): Chain {
  return defineChain({
    id: site.chainId,
    name: site.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: rpcUrls } },
    blockExplorers: site.explorer ? { default: { name: 'Explorer', url: site.explorer } } : undefined,
  });
}

const cache = new Map<string, PublicClient>();

export function publicClientFor(site: SiteConfig, rpcUrls: string[]): PublicClient {
  const key = `${site.chainId}:${rpcUrls.join(',')}`;
  let client = cache.get(key);
  if (!client) {
    client = createPublicClient({
      chain: chainOf(site, rpcUrls),
      transport: fallback(rpcUrls.map((url) => http(url, { timeout: 10_000, retryCount: 1 }))),
      pollingInterval: 1_000,
    }) as PublicClient;
    cache.set(key, client);
  }
  return client;
}
