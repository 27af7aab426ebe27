// The site's chain as a viem Chain (kept apart from the clients so the first page load does not pull them).
import { type Chain, defineChain } from 'viem';
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
