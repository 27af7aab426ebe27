// The disputes an address arbitrates, from the subgraph: open ones first (the most urgent deadline first),
// then the resolved ones, newest first.
import { graphqlRequest } from '../graphql/client.ts';
import type { TokenInfo } from '../data/subgraph.ts';

export interface ArbiterDispute {
  id: string;
  openedAt: string;
  arbiterDeadline: string;
  resolution: string | null;
  resolvedAt: string | null;
  buyerCash: string | null;
  merchantAmount: string | null;
  order: {
    id: string;
    status: number;
    amount: string;
    originalAmount: string;
    buyer: { id: string };
    merchant: { id: string };
    listing: { id: string; title: string };
    currency: TokenInfo;
  };
}

export async function disputesOf(url: string, arbiter: string, signal?: AbortSignal): Promise<ArbiterDispute[]> {
  const data = await graphqlRequest<{ disputes: ArbiterDispute[] }>(
    url,
    `query ArbiterDisputes($arbiter: Bytes!) {
      disputes(first: 500, where: { arbiter: $arbiter }, orderBy: openedAt, orderDirection: desc) {
        id openedAt arbiterDeadline resolution resolvedAt buyerCash merchantAmount
        order { id status amount originalAmount buyer { id } merchant { id } listing { id title } currency { id symbol decimals } }
      }
    }`,
    { arbiter: arbiter.toLowerCase() },
    { signal },
  );
  return sortDisputes(data.disputes);
}

/** Open first by nearest deadline, then resolved by latest resolution. */
export function sortDisputes<T extends Pick<ArbiterDispute, 'resolvedAt' | 'arbiterDeadline' | 'openedAt'>>(disputes: T[]): T[] {
  const open = disputes.filter((d) => d.resolvedAt === null).sort((a, b) => Number(a.arbiterDeadline) - Number(b.arbiterDeadline));
  const done = disputes.filter((d) => d.resolvedAt !== null).sort((a, b) => Number(b.resolvedAt) - Number(a.resolvedAt));
  return [...open, ...done];
}
