// Subgraph first, the chain when the subgraph cannot answer: one rule for every page that sells. A
// SubgraphError (unreachable, HTTP error, GraphQL error, no data) or no subgraph configured sends the read to
// the chain; anything else (a bug, an abort) propagates. Each outcome is reported so the layout's banner can say
// that the index is down and what still works.
import { SubgraphError } from '../graphql/client.ts';

export type ReadSource = { kind: 'subgraph' } | { kind: 'chain'; reason: 'unreachable' | 'no-subgraph'; error?: SubgraphError };

export interface FallbackReport {
  (source: ReadSource): void;
}

export async function readWithFallback<T>(
  subgraph: ((url: string) => Promise<T>) | null,
  url: string | null,
  chain: () => Promise<T>,
  report: FallbackReport = () => {},
): Promise<{ value: T; source: ReadSource }> {
  if (!subgraph || !url) {
    const source: ReadSource = { kind: 'chain', reason: 'no-subgraph' };
    report(source);
    return { value: await chain(), source };
  }
  try {
    const value = await subgraph(url);
    report({ kind: 'subgraph' });
    return { value, source: { kind: 'subgraph' } };
  } catch (error) {
    if (!(error instanceof SubgraphError)) throw error;
    const source: ReadSource = { kind: 'chain', reason: 'unreachable', error };
    report(source);
    return { value: await chain(), source };
  }
}
