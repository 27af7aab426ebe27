import { afterEach, describe, expect, it } from 'vitest';
import { graphqlRequest, setSubgraphRouter } from '../graphql/client.ts';
import { CHOICE_TTL_MS, EndpointSelector, MAX_LAG_BLOCKS, RETRY_TTL_MS, checkEndpoints, preferred } from './endpoints.ts';

const RPC = 'http://rpc';
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

/**
 * A network of fake servers: the RPC answers `head`, each subgraph answers `_meta` with its block (or is down,
 * or answers 502), and any other query with its own name, so a test sees which endpoint served it.
 */
function network(head: number | null, subgraphs: Record<string, number | 'down' | 502>) {
  const requests: { url: string; meta: boolean }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const body = JSON.parse(String(init?.body));
    if (url === RPC) {
      if (head === null) throw new TypeError('fetch failed');
      return json({ jsonrpc: '2.0', id: body.id, result: `0x${head.toString(16)}` });
    }
    const meta = String(body.query).includes('_meta');
    requests.push({ url, meta });
    const server = subgraphs[url];
    if (server === undefined || server === 'down') throw new TypeError('fetch failed');
    if (server === 502) return new Response('<html>bad gateway</html>', { status: 502 });
    return json({ data: meta ? { _meta: { block: { number: server } } } : { servedBy: url } });
  };
  return { fetch, requests, subgraphs };
}

function selector(net: ReturnType<typeof network>, endpoints: string[], clock = { now: 0 }) {
  return new EndpointSelector({ endpoints: () => endpoints, rpcUrl: () => RPC, fetch: net.fetch, now: () => clock.now });
}

describe('EndpointSelector', () => {
  it('takes the first endpoint in order when it is healthy', async () => {
    const net = network(1000, { 'http://a': 1000, 'http://b': 1000 });
    expect(await selector(net, ['http://a', 'http://b']).select()).toBe('http://a');
    expect(await selector(net, ['http://b', 'http://a']).select()).toBe('http://b');
  });

  it('skips a dead endpoint and one that answers HTTP errors', async () => {
    const net = network(1000, { 'http://dead': 'down', 'http://broken': 502, 'http://ok': 1000 });
    expect(await selector(net, ['http://dead', 'http://broken', 'http://ok']).select()).toBe('http://ok');
  });

  it(`skips an endpoint more than ${MAX_LAG_BLOCKS} blocks behind the chain head, not one at the limit`, async () => {
    const net = network(1000, { 'http://behind': 900, 'http://ok': 1000 - MAX_LAG_BLOCKS });
    expect(await selector(net, ['http://behind', 'http://ok']).select()).toBe('http://ok');
  });

  it('falls back to the freshest lagging endpoint when none is healthy, and to the first when none answers', async () => {
    const lagging = network(1000, { 'http://far': 500, 'http://near': 800 });
    expect(await selector(lagging, ['http://far', 'http://near']).select()).toBe('http://near');
    const dead = network(1000, { 'http://a': 'down', 'http://b': 'down' });
    expect(await selector(dead, ['http://a', 'http://b']).select()).toBe('http://a');
  });

  it('judges only reachability when the RPC does not answer', async () => {
    const net = network(null, { 'http://dead': 'down', 'http://old': 1 });
    expect(await selector(net, ['http://dead', 'http://old']).select()).toBe('http://old');
  });

  it('remembers its choice for a while, then probes again', async () => {
    const clock = { now: 0 };
    const net = network(1000, { 'http://a': 1000, 'http://b': 1000 });
    const endpoints = selector(net, ['http://a', 'http://b'], clock);
    await Promise.all([endpoints.select(), endpoints.select(), endpoints.select()]);
    await endpoints.select();
    expect(net.requests.filter((r) => r.meta)).toHaveLength(2); // one probe per endpoint, shared by all four
    net.subgraphs['http://a'] = 'down';
    clock.now = CHOICE_TTL_MS - 1;
    expect(await endpoints.select()).toBe('http://a');
    clock.now = CHOICE_TTL_MS;
    expect(await endpoints.select()).toBe('http://b');
    expect(net.requests.filter((r) => r.meta)).toHaveLength(4);
  });

  it('probes again soon when nothing was healthy', async () => {
    const clock = { now: 0 };
    const net = network(1000, { 'http://a': 'down', 'http://b': 'down' });
    const endpoints = selector(net, ['http://a', 'http://b'], clock);
    await endpoints.select();
    net.subgraphs['http://b'] = 1000;
    clock.now = RETRY_TTL_MS;
    expect(await endpoints.select()).toBe('http://b');
  });

  it('probes again at once when the list changes', async () => {
    const net = network(1000, { 'http://a': 1000, 'http://b': 1000 });
    const list = ['http://a', 'http://b'];
    const endpoints = new EndpointSelector({ endpoints: () => list, rpcUrl: () => RPC, fetch: net.fetch, now: () => 0 });
    expect(await endpoints.select()).toBe('http://a');
    list.reverse();
    expect(await endpoints.select()).toBe('http://b');
  });

  it('covers the URLs of a list of two or more, so a single endpoint is never probed', () => {
    const net = network(1000, {});
    expect(selector(net, ['http://a', 'http://b']).covers('http://b')).toBe(true);
    expect(selector(net, ['http://a', 'http://b']).covers('http://c')).toBe(false);
    expect(selector(net, ['http://a']).covers('http://a')).toBe(false);
  });
});

describe('queries through the router', () => {
  afterEach(() => setSubgraphRouter(null));

  it('go to the chosen endpoint; one that goes down mid-session is left for the next, once', async () => {
    const net = network(1000, { 'http://a': 1000, 'http://b': 1000 });
    setSubgraphRouter(selector(net, ['http://a', 'http://b']));
    const ask = () => graphqlRequest<{ servedBy: string }>('http://a', '{ listings { id } }', {}, { fetch: net.fetch });
    expect((await ask()).servedBy).toBe('http://a');
    net.subgraphs['http://a'] = 'down';
    expect((await ask()).servedBy).toBe('http://b');
    expect((await ask()).servedBy).toBe('http://b');
    const queries = net.requests.filter((r) => !r.meta).map((r) => r.url);
    expect(queries).toEqual(['http://a', 'http://a', 'http://b', 'http://b']);
  });

  it('surface the error when every endpoint is down', async () => {
    const net = network(1000, { 'http://a': 'down', 'http://b': 'down' });
    setSubgraphRouter(selector(net, ['http://a', 'http://b']));
    await expect(graphqlRequest('http://a', '{ listings { id } }', {}, { fetch: net.fetch })).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('leave an exact request (a probe) on its own URL', async () => {
    const net = network(1000, { 'http://a': 'down', 'http://b': 1000 });
    setSubgraphRouter(selector(net, ['http://a', 'http://b']));
    await expect(graphqlRequest('http://a', '{ x }', {}, { fetch: net.fetch, exact: true })).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('checkEndpoints (Settings)', () => {
  it('reports the head and every endpoint: lag, lagging, down, and which one is used', async () => {
    const net = network(1000, { 'http://dead': 'down', 'http://behind': 900, 'http://ok': 998 });
    const report = await checkEndpoints(['http://dead', 'http://behind', 'http://ok'], RPC, { fetch: net.fetch });
    expect(report.head).toBe(1000);
    expect(report.statuses.map((s) => s.state)).toEqual(['down', 'lagging', 'ok']);
    expect(report.statuses[1]).toMatchObject({ block: 900, lag: 100 });
    expect(report.statuses[2]).toMatchObject({ block: 998, lag: 2 });
    expect(report.preferred).toBe('http://ok');
  });

  it('prefers none when nothing answers', () => {
    expect(preferred([])).toBeNull();
  });
});
