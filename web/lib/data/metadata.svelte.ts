// Merchant documents from IPFS, fetched once per URI per page load and shared by every component that shows
// them. Failures are kept as errors (shown in place), never thrown into the page.
import { settings } from '../config/settings.svelte.ts';
import { fetchIpfsJson } from '../ipfs/content.ts';
import type { ListingMetadata, MerchantMetadata } from '../protocol/metadata.ts';
import { listingMetadataSchema, merchantMetadataSchema } from '../protocol/schemas.ts';

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: unknown };

const cache = new Map<string, Promise<Loaded<unknown>>>();

function load<T>(uri: string, schema: Parameters<typeof fetchIpfsJson<T>>[2]): Promise<Loaded<T>> {
  const key = `${settings.current.ipfsGateway}|${uri}`;
  let entry = cache.get(key) as Promise<Loaded<T>> | undefined;
  if (!entry) {
    entry = fetchIpfsJson(uri, settings.current.ipfsGateway, schema).then(
      (value) => ({ ok: true as const, value }),
      (error) => ({ ok: false as const, error }),
    );
    cache.set(key, entry);
  }
  return entry;
}

export const listingMetadata = (uri: string) => load<ListingMetadata>(uri, listingMetadataSchema);
export const merchantMetadata = (uri: string) => load<MerchantMetadata>(uri, merchantMetadataSchema);
