// A small GraphQL-over-HTTP client for the subgraph (graph-node's query API). The browser ships only this:
// a POST with a timeout, and errors that say what went wrong (unreachable, HTTP status, GraphQL errors).

export class SubgraphError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'http' | 'graphql' | 'invalid',
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SubgraphError';
  }
}

export interface GraphQLRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Ask this very URL, never another endpoint of its list (a probe of one endpoint). */
  exact?: boolean;
}

/**
 * Picks which endpoint of a configured list answers a query. Pages pass the list's first URL, as they would a
 * single endpoint; the router (web/lib/data/endpoints.ts) sends the query to the one it chose.
 */
export interface SubgraphRouter {
  covers(url: string): boolean;
  run<T>(send: (endpoint: string) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

let router: SubgraphRouter | null = null;

export function setSubgraphRouter(next: SubgraphRouter | null): void {
  router = next;
}

export function graphqlRequest<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: TVariables,
  options: GraphQLRequestOptions = {},
): Promise<TData> {
  if (!options.exact && router?.covers(url)) {
    return router.run((endpoint) => post<TData>(endpoint, query, variables, options), options.signal);
  }
  return post<TData>(url, query, variables, options);
}

/**
 * A query the page's HTML already sent while its scripts were loading (the listing page's, see
 * web/hooks.server.ts): its answer is used once, by the same query to the same endpoint, soon after.
 */
interface EarlyQuery {
  url: string;
  body: string;
  at: number;
  response: Promise<Response>;
}

function takeEarly(url: string, body: string): Promise<Response> | null {
  const scope = globalThis as { __chainmartEarly?: EarlyQuery | null };
  const early = scope.__chainmartEarly;
  // null: the page asks for itself from now on (an early query that has not left yet stays home).
  if (!early || early.url !== url || early.body !== body) {
    if (early === undefined) scope.__chainmartEarly = null;
    return null;
  }
  scope.__chainmartEarly = null;
  return performance.now() - early.at < 10_000 ? early.response : null;
}

async function post<TData>(url: string, query: string, variables: Record<string, unknown> | undefined, options: GraphQLRequestOptions): Promise<TData> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const request = JSON.stringify({ query, variables: variables ?? {} });
  let response: Response;
  try {
    const early = options.fetch ? null : takeEarly(url, request);
    response = await (early ??
      (options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: request,
        signal,
      }));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new SubgraphError(`the subgraph at ${url} is unreachable`, 'unreachable', error);
  }
  let body: { data?: TData | null; errors?: { message: string }[] };
  try {
    body = await response.json();
  } catch (error) {
    throw new SubgraphError(`the subgraph answered HTTP ${response.status} without JSON`, response.ok ? 'invalid' : 'http', error);
  }
  if (body.errors?.length) {
    throw new SubgraphError(body.errors.map((e) => e.message).join('; '), 'graphql');
  }
  if (!response.ok) throw new SubgraphError(`the subgraph answered HTTP ${response.status}`, 'http');
  if (!body.data) throw new SubgraphError('the subgraph answered without data', 'invalid');
  return body.data;
}
