// "Waiting for the indexer": after a write, the page waits until the subgraph has indexed the receipt's block,
// so the user never sees state from before their own action.
import { SubgraphError, graphqlRequest } from './client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { IndexedBlockDocument } from '../data/generated/documents.ts';

export async function indexedBlock(url: string, signal?: AbortSignal): Promise<number> {
  const data = await graphqlRequest<G.IndexedBlockQuery, G.IndexedBlockQueryVariables>(url, IndexedBlockDocument, {}, { signal, timeoutMs: 5_000 });
  // Nullable in the API schema; graph-node always answers it.
  if (!data._meta) throw new SubgraphError('the subgraph answered without _meta', 'invalid');
  return data._meta.block.number;
}

export async function waitForIndexedBlock(
  url: string,
  block: bigint | number,
  options: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (options.signal?.aborted) return false;
    try {
      if ((await indexedBlock(url, options.signal)) >= Number(block)) return true;
    } catch {
      // A subgraph that is down now may answer on the next try; the deadline bounds the wait.
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
  return false;
}
