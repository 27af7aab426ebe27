import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubgraphError, graphqlRequest } from './client.ts';

const respond = (status: number, body: unknown) => async () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('graphqlRequest', () => {
  it('returns data', async () => {
    const data = await graphqlRequest<{ a: number }>('http://x', '{ a }', {}, { fetch: respond(200, { data: { a: 1 } }) });
    expect(data).toEqual({ a: 1 });
  });

  it('joins GraphQL errors into one message', async () => {
    const request = graphqlRequest('http://x', '{ a }', {}, { fetch: respond(200, { errors: [{ message: 'one' }, { message: 'two' }] }) });
    await expect(request).rejects.toMatchObject({ kind: 'graphql', message: 'one; two' });
  });

  it('names an unreachable endpoint', async () => {
    const failing = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(graphqlRequest('http://down', '{ a }', {}, { fetch: failing })).rejects.toBeInstanceOf(SubgraphError);
    await expect(graphqlRequest('http://down', '{ a }', {}, { fetch: failing })).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('rejects an HTML error page', async () => {
    await expect(graphqlRequest('http://x', '{ a }', {}, { fetch: respond(502, '<html>bad gateway</html>') })).rejects.toMatchObject({ kind: 'http' });
  });
});

describe('a query the page HTML sent early (the listing page)', () => {
  const early = (url: string, query: string, variables: Record<string, unknown>, data: unknown) => {
    (globalThis as Record<string, unknown>).__chainmartEarly = {
      url,
      body: JSON.stringify({ query, variables }),
      at: performance.now(),
      response: Promise.resolve(new Response(JSON.stringify({ data }))),
    };
  };
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__chainmartEarly;
    vi.unstubAllGlobals();
  });

  it('answers the same query to the same endpoint once, without another request', async () => {
    const fetch = vi.fn(respond(200, { data: { listing: 'fresh' } }));
    vi.stubGlobal('fetch', fetch);
    early('http://x', 'query L($id: ID!) { listing(id: $id) }', { id: '1' }, { listing: 'early' });
    expect(await graphqlRequest('http://x', 'query L($id: ID!) { listing(id: $id) }', { id: '1' })).toEqual({ listing: 'early' });
    expect(fetch).not.toHaveBeenCalled();
    expect(await graphqlRequest('http://x', 'query L($id: ID!) { listing(id: $id) }', { id: '1' })).toEqual({ listing: 'fresh' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('is not used for another listing, another endpoint or a caller with its own fetch', async () => {
    const fetch = vi.fn(respond(200, { data: { listing: 'fresh' } }));
    vi.stubGlobal('fetch', fetch);
    early('http://x', 'q', { id: '1' }, { listing: 'early' });
    expect(await graphqlRequest('http://x', 'q', { id: '2' })).toEqual({ listing: 'fresh' });
    expect(await graphqlRequest('http://other', 'q', { id: '1' })).toEqual({ listing: 'fresh' });
    expect(await graphqlRequest('http://x', 'q', { id: '1' }, { fetch: respond(200, { data: { listing: 'own' } }) })).toEqual({ listing: 'own' });
    expect(fetch).toHaveBeenCalledTimes(2);
    // Still there for its own query, once.
    expect(await graphqlRequest('http://x', 'q', { id: '1' })).toEqual({ listing: 'early' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('marks that the page asks for itself, so a late early query is not sent', async () => {
    vi.stubGlobal('fetch', vi.fn(respond(200, { data: { a: 1 } })));
    await graphqlRequest('http://x', '{ a }', {});
    expect((globalThis as Record<string, unknown>).__chainmartEarly).toBeNull();
  });

  it('turns a failed early request into the usual unreachable error (the page then reads the chain)', async () => {
    (globalThis as Record<string, unknown>).__chainmartEarly = {
      url: 'http://down',
      body: JSON.stringify({ query: 'q', variables: {} }),
      at: performance.now(),
      response: Promise.reject(new TypeError('fetch failed')),
    };
    await expect(graphqlRequest('http://down', 'q', {})).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
