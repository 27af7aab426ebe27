// Subgraph reads for the merchant's own pages that web/lib/data/subgraph.ts does not cover.
import { graphqlRequest } from '../graphql/client.ts';

export interface CourierItem {
  id: string;
  courier: string;
  allowed: boolean;
}

export async function couriersOf(url: string, merchant: string, signal?: AbortSignal): Promise<CourierItem[]> {
  const data = await graphqlRequest<{ couriers: CourierItem[] }>(
    url,
    `query Couriers($merchant: String!) { couriers(first: 100, where: { merchant: $merchant, allowed: true }) { id courier allowed } }`,
    { merchant: merchant.toLowerCase() },
    { signal },
  );
  return data.couriers;
}
