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
}

export async function graphqlRequest<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: TVariables,
  options: GraphQLRequestOptions = {},
): Promise<TData> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: variables ?? {} }),
      signal,
    });
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
