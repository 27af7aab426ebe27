import { describe, expect, it } from 'vitest';
import { SubgraphError } from '../graphql/client.ts';
import { indexStateOf, probeIndex } from './probe.ts';

const down = (url: string) => ({ url, state: 'down' as const, error: new SubgraphError('down', 'unreachable') });

describe('indexStateOf', () => {
  it('is ok when one endpoint is healthy, behind by the freshest lagging one, else unreachable', () => {
    expect(indexStateOf([down('a'), { url: 'b', state: 'ok', block: 10, lag: 0 }])).toEqual({ kind: 'ok' });
    expect(indexStateOf([down('a'), { url: 'b', state: 'lagging', block: 10, lag: 120 }, { url: 'c', state: 'lagging', block: 90, lag: 100 }])).toEqual({ kind: 'behind', blocks: 100 });
    expect(indexStateOf([down('a')])).toEqual({ kind: 'unreachable' });
    expect(indexStateOf([])).toEqual({ kind: 'unreachable' });
  });
});

describe('probeIndex', () => {
  it('compares the index with the chain head', async () => {
    const fetch = (async (url: string) => {
      if (url === 'http://rpc') return new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result: '0x100' }));
      return new Response(JSON.stringify({ data: { _meta: { block: { number: 0x100 - 80 } } } }));
    }) as typeof globalThis.fetch;
    expect(await probeIndex(['http://graph'], 'http://rpc', { fetch })).toEqual({ kind: 'behind', blocks: 80 });
    expect(await probeIndex([], 'http://rpc', { fetch })).toEqual({ kind: 'unreachable' });
  });
});
