// Subgraph reads for the merchant's own pages that web/lib/data/subgraph.ts does not cover (sell.graphql).
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { AllowedCouriersDocument } from '../data/generated/documents.ts';

export type CourierItem = G.AllowedCouriersQuery['couriers'][number];

export async function couriersOf(url: string, merchant: string, signal?: AbortSignal): Promise<CourierItem[]> {
  const data = await graphqlRequest<G.AllowedCouriersQuery, G.AllowedCouriersQueryVariables>(
    url,
    AllowedCouriersDocument,
    { merchant: merchant.toLowerCase() },
    { signal },
  );
  return data.couriers;
}
