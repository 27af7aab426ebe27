// The disputes an address arbitrates, from the subgraph: open ones first (the most urgent deadline first),
// then the resolved ones, newest first.
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { ArbiterDisputesDocument } from '../data/generated/documents.ts';

/** A dispute with its order (arbiter.graphql, types generated from the API schema). */
export type ArbiterDispute = G.ArbiterDisputesQuery['disputes'][number];

export async function disputesOf(url: string, arbiter: string, signal?: AbortSignal): Promise<ArbiterDispute[]> {
  const data = await graphqlRequest<G.ArbiterDisputesQuery, G.ArbiterDisputesQueryVariables>(
    url,
    ArbiterDisputesDocument,
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

/** One page of an arbiter's disputes, in sortDisputes' order, with the counts over all of them. */
export interface DisputePage<T> {
  disputes: T[];
  open: number;
  total: number;
}

/** The page `[skip, skip + first)` of an already sorted list (the subgraph's list of at most 500). */
export function pageOfDisputes<T extends Pick<ArbiterDispute, 'resolvedAt'>>(sorted: T[], page: { first: number; skip: number }): DisputePage<T> {
  return { disputes: sorted.slice(page.skip, page.skip + page.first), open: sorted.filter((d) => d.resolvedAt === null).length, total: sorted.length };
}
