// viem clients for the configured chain. Reads go through every configured RPC URL in turn (viem's fallback
// transport), so one dead endpoint does not take the site down.
import { type PublicClient, createPublicClient, fallback, http } from 'viem';
import type { SiteConfig } from '../config/site.ts';
import { chainOf } from './chain.ts';

export { chainOf };

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
