// How the index stands against the chain, for the banner: the configured endpoints' `_meta.block` against the
// RPC's head (endpoints.ts). One healthy endpoint is enough (the router uses it); else the freshest lagging one
// says how far behind the index is; else it is unreachable.
import { type EndpointStatus, checkEndpoints } from '../data/endpoints.ts';
import type { IndexState } from './status.svelte.ts';

export function indexStateOf(statuses: EndpointStatus[]): IndexState {
  if (!statuses.length) return { kind: 'unreachable' };
  if (statuses.some((s) => s.state === 'ok')) return { kind: 'ok' };
  const lags = statuses.flatMap((s) => (s.state === 'lagging' ? [s.lag] : []));
  return lags.length ? { kind: 'behind', blocks: Math.min(...lags) } : { kind: 'unreachable' };
}

export async function probeIndex(urls: string[], rpcUrl: string | undefined, transport: { fetch?: typeof fetch } = {}): Promise<IndexState> {
  if (!urls.length) return { kind: 'unreachable' };
  const { statuses } = await checkEndpoints(urls, rpcUrl, transport);
  return indexStateOf(statuses);
}
