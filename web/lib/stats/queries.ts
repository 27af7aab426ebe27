// The transparency page's one GraphQL operation: the Platform entity, per-token totals, the last days of
// platform, token and merchant day data, and the resolved disputes' open/resolve times (stats.graphql; types
// generated from the API schema).
import { SubgraphError, graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { TransparencyDocument } from '../data/generated/documents.ts';
import { DAY } from './stats.ts';

/** The Platform entity (`pendingFeeBps`/`feeEffectiveAt`: an announced increase, null when none is pending). */
export type PlatformFigures = NonNullable<G.TransparencyQuery['platform']>;
export type TokenTotals = G.TransparencyQuery['tokens'][number];
export type PlatformDay = G.TransparencyQuery['days'][number];
/** `_meta` is nullable in the API schema; graph-node always answers it, and transparencyData checks it. */
export type TransparencyData = Omit<G.TransparencyQuery, '_meta'> & { _meta: NonNullable<G.TransparencyQuery['_meta']> };

/** Day data of the last `days` days before `now` (the chain's time). */
export async function transparencyData(url: string, now: number, days = 60, signal?: AbortSignal): Promise<TransparencyData> {
  const since = Math.floor(now / DAY) * DAY - (days - 1) * DAY;
  const data = await graphqlRequest<G.TransparencyQuery, G.TransparencyQueryVariables>(url, TransparencyDocument, { since }, { signal });
  const meta = data._meta;
  if (!meta) throw new SubgraphError('the subgraph answered without _meta', 'invalid');
  return { ...data, _meta: meta };
}
