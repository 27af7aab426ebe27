// Several subgraph endpoints for one network: the build's gateway plus the user's own, in the user's order.
// Before queries go out, every endpoint's `_meta { block { number } }` is compared with the chain head from the
// RPC (`eth_blockNumber`); the first endpoint in order that answers and is at most MAX_LAG_BLOCKS behind is
// used, and that choice is remembered for CHOICE_TTL_MS so queries do not probe again. A query that then finds
// its endpoint unreachable marks it down for as long and is retried once on the next choice.
import { type SubgraphRouter, SubgraphError, graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { IndexedBlockDocument } from './generated/documents.ts';

/**
 * How far behind the chain head an endpoint may be and still be used: 50 blocks is 100 s on Base and the other
 * OP Stack chains this site targets (2 s blocks), while a healthy graph-node follows the head within a few
 * blocks. Counted in blocks, not seconds: a test chain's clock jumps (anvil's evm_increaseTime), its heights
 * do not.
 */
export const MAX_LAG_BLOCKS = 50;
/** How long a choice (or an endpoint found down) is remembered before the next probe. */
export const CHOICE_TTL_MS = 60_000;
/** When no endpoint is healthy, look again sooner: one may come back. */
export const RETRY_TTL_MS = 5_000;
export const PROBE_TIMEOUT_MS = 4_000;

export type EndpointStatus =
  | { url: string; state: 'ok'; block: number; lag: number | null }
  | { url: string; state: 'lagging'; block: number; lag: number }
  | { url: string; state: 'down'; error: SubgraphError };

interface Transport {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** The chain head by the RPC, with a plain JSON-RPC POST (no viem on pages that only read the subgraph). */
export async function chainHead(rpcUrl: string, transport: Transport = {}): Promise<number> {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  const response = await (transport.fetch ?? fetch)(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
    signal: transport.signal ? AbortSignal.any([transport.signal, timeout]) : timeout,
  });
  const { result } = (await response.json()) as { result?: unknown };
  if (typeof result !== 'string' || !/^0x[0-9a-f]+$/i.test(result)) throw new Error(`eth_blockNumber answered ${JSON.stringify(result)}`);
  return Number.parseInt(result, 16);
}

/** One endpoint's indexed block, judged against the chain head (`null`: unknown, so only reachability counts). */
export async function probeEndpoint(url: string, head: Promise<number | null>, transport: Transport = {}): Promise<EndpointStatus> {
  let block: number;
  try {
    // The same IndexedBlock operation as the indexer wait (web/lib/graphql/indexer.graphql).
    const data = await graphqlRequest<G.IndexedBlockQuery, G.IndexedBlockQueryVariables>(url, IndexedBlockDocument, {}, {
      exact: true,
      timeoutMs: PROBE_TIMEOUT_MS,
      fetch: transport.fetch,
      signal: transport.signal,
    });
    if (!data._meta) throw new SubgraphError('the subgraph answered without _meta', 'invalid');
    block = data._meta.block.number;
  } catch (error) {
    if (transport.signal?.aborted) throw error;
    return { url, state: 'down', error: error instanceof SubgraphError ? error : new SubgraphError(String(error), 'invalid', error) };
  }
  const known = await head;
  if (known === null) return { url, state: 'ok', block, lag: null };
  const lag = Math.max(0, known - block);
  return lag > MAX_LAG_BLOCKS ? { url, state: 'lagging', block, lag } : { url, state: 'ok', block, lag };
}

/** The chain head and every endpoint's status, all at once (what Settings shows). */
export async function checkEndpoints(urls: string[], rpcUrl: string | undefined, transport: Transport = {}) {
  const head = rpcUrl ? chainHead(rpcUrl, transport).catch(() => null) : Promise.resolve(null);
  const statuses = await Promise.all(urls.map((url) => probeEndpoint(url, head, transport)));
  return { head: await head, statuses, preferred: preferred(statuses) };
}

/** The first healthy endpoint; else the freshest one that answers (lagging beats nothing); else none. */
export function preferred(statuses: EndpointStatus[]): string | null {
  const ok = statuses.find((status) => status.state === 'ok');
  if (ok) return ok.url;
  let freshest: { url: string; block: number } | null = null;
  for (const status of statuses) {
    if (status.state === 'lagging' && (!freshest || status.block > freshest.block)) freshest = status;
  }
  return freshest?.url ?? null;
}

export interface EndpointSelectorOptions {
  /** The configured endpoints, in order (read on every query: Settings may change them). */
  endpoints: () => string[];
  rpcUrl: () => string | undefined;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * Routes the queries for a list of endpoints (see SubgraphRouter): a list of one is not probed at all, so a
 * site with only its build's endpoint sends exactly the queries it did before.
 */
export class EndpointSelector implements SubgraphRouter {
  readonly #options: EndpointSelectorOptions;
  #choice: { key: string; url: string; until: number } | null = null;
  #probing: { key: string; choice: Promise<string> } | null = null;
  readonly #down = new Map<string, number>();

  constructor(options: EndpointSelectorOptions) {
    this.#options = options;
  }

  covers(url: string): boolean {
    const endpoints = this.#options.endpoints();
    return endpoints.length > 1 && endpoints.includes(url);
  }

  /** The endpoint to query now: the remembered choice, or a new probe (shared by queries made meanwhile). */
  select(): Promise<string> {
    const endpoints = this.#options.endpoints();
    const key = endpoints.join('\n');
    if (this.#choice?.key === key && this.#now() < this.#choice.until) return Promise.resolve(this.#choice.url);
    if (this.#probing?.key !== key) {
      const choice = this.#probe(endpoints).then(({ url, ttl }) => {
        if (this.#probing?.choice === choice) this.#probing = null;
        this.#choice = { key, url, until: this.#now() + ttl };
        return url;
      });
      this.#probing = { key, choice };
    }
    return this.#probing.choice;
  }

  async run<T>(send: (endpoint: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const first = await this.select();
    try {
      return await send(first);
    } catch (error) {
      const unreachable = error instanceof SubgraphError && (error.kind === 'unreachable' || error.kind === 'http');
      if (!unreachable || signal?.aborted) throw error;
      this.#down.set(first, this.#now() + CHOICE_TTL_MS);
      this.#choice = null;
      const next = await this.select();
      if (next === first) throw error;
      return send(next);
    }
  }

  async #probe(endpoints: string[]): Promise<{ url: string; ttl: number }> {
    const now = this.#now();
    const candidates = endpoints.filter((url) => !((this.#down.get(url) ?? 0) > now));
    const rpcUrl = this.#options.rpcUrl();
    const transport = { fetch: this.#options.fetch };
    const head = rpcUrl ? chainHead(rpcUrl, transport).catch(() => null) : Promise.resolve(null);
    // All probes start at once; they are read in order, so a healthy endpoint is taken as soon as every one
    // before it has answered or failed, without waiting for the slower ones after it.
    const probes = candidates.map((url) => probeEndpoint(url, head, transport));
    const seen: EndpointStatus[] = [];
    for (const probe of probes) {
      const status = await probe;
      if (status.state === 'ok') return { url: status.url, ttl: CHOICE_TTL_MS };
      seen.push(status);
    }
    // Nothing healthy: the freshest answering one, else the first configured, whose error the page then shows.
    return { url: preferred(seen) ?? endpoints[0], ttl: RETRY_TTL_MS };
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
