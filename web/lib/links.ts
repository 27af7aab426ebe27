// Links between the site's pages. Every page is a prerendered directory (trailing slash) and ids travel in
// the query string; links start from the site's base, which is relative, so they work under /ipfs/<cid>/.
import { resolve } from '$app/paths';

export type PageName =
  | ''
  | 'search'
  | 'product'
  | 'merchant'
  | 'checkout'
  | 'cart'
  | 'orders'
  | 'points'
  | 'settings'
  | 'wallet'
  | 'attest'
  | 'sell'
  | 'sell/listing'
  | 'sell/profile'
  | 'sell/orders'
  | 'sell/earnings'
  | 'arbiter'
  | 'transparency'
  | 'verify'
  | 'learn'
  | `learn/${string}`;

export function href(page: PageName, query: Record<string, string | number | undefined | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.size ? `?${params}` : '';
  return `${resolve('/')}${page ? `${page}/` : ''}${search}`;
}
