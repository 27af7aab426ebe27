import { describe, expect, it } from 'vitest';
import { SubgraphError } from '../graphql/client.ts';
import { type ReadSource, readWithFallback } from './fallback.ts';

describe('readWithFallback', () => {
  it('answers from the subgraph when it can', async () => {
    const seen: ReadSource[] = [];
    const out = await readWithFallback(async (url) => `sub ${url}`, 'http://g', async () => 'chain', (s) => seen.push(s));
    expect(out).toEqual({ value: 'sub http://g', source: { kind: 'subgraph' } });
    expect(seen).toEqual([{ kind: 'subgraph' }]);
  });

  it('reads the chain when the subgraph fails with a SubgraphError, and says so', async () => {
    const seen: ReadSource[] = [];
    const down = new SubgraphError('the subgraph at http://g is unreachable', 'unreachable');
    const out = await readWithFallback(() => Promise.reject(down), 'http://g', async () => 'chain', (s) => seen.push(s));
    expect(out).toEqual({ value: 'chain', source: { kind: 'chain', reason: 'unreachable', error: down } });
    expect(seen).toEqual([out.source]);
  });

  it('reads the chain when no subgraph is configured', async () => {
    const out = await readWithFallback(async () => 'sub', null, async () => 'chain');
    expect(out.source).toEqual({ kind: 'chain', reason: 'no-subgraph' });
  });

  it('lets other errors through (a bug is not an outage)', async () => {
    await expect(readWithFallback(() => Promise.reject(new TypeError('bug')), 'http://g', async () => 'chain')).rejects.toThrow(TypeError);
  });
});
