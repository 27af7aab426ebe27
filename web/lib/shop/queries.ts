// Subgraph reads the shopping pages add: the profile documents of accounts the page names (merchants of
// orders, an arbiter that also keeps a shop). One operation each (shop.graphql), a plain fetch through graphqlRequest.
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { MerchantProfilesDocument } from '../data/generated/documents.ts';

export type ProfileRef = G.MerchantProfilesQuery['merchants'][number];

/** The registered merchants among `addresses` (others, e.g. an arbiter without a shop, are simply absent). */
export async function merchantProfiles(url: string, addresses: string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const ids = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (!ids.length) return new Map();
  const data = await graphqlRequest<G.MerchantProfilesQuery, G.MerchantProfilesQueryVariables>(
    url,
    MerchantProfilesDocument,
    { ids },
    { signal },
  );
  return new Map(data.merchants.map((p) => [p.id.toLowerCase(), p.metadataURI]));
}
