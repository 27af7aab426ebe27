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
