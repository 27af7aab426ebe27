import { describe, expect, it } from 'vitest';
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
