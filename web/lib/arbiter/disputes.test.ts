import { describe, expect, it } from 'vitest';
import { disputesOf, pageOfDisputes, sortDisputes } from './disputes.ts';

describe('sortDisputes', () => {
  it('puts open disputes first by deadline, then resolved ones newest first', () => {
    const list = [
      { id: 'a', openedAt: '1', arbiterDeadline: '50', resolvedAt: '10' },
      { id: 'b', openedAt: '2', arbiterDeadline: '90', resolvedAt: null },
      { id: 'c', openedAt: '3', arbiterDeadline: '60', resolvedAt: null },
      { id: 'd', openedAt: '4', arbiterDeadline: '70', resolvedAt: '20' },
    ];
    expect(sortDisputes(list).map((d) => d.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('pageOfDisputes', () => {
  it('slices the sorted list and counts over all of it', () => {
    const sorted = [{ id: 'c', resolvedAt: null }, { id: 'b', resolvedAt: null }, { id: 'd', resolvedAt: '20' }, { id: 'a', resolvedAt: '10' }];
    expect(pageOfDisputes(sorted, { first: 2, skip: 1 })).toEqual({ disputes: [sorted[1], sorted[2]], open: 2, total: 4 });
    expect(pageOfDisputes(sorted, { first: 25, skip: 0 }).disputes).toHaveLength(4);
  });
});

describe('disputesOf', () => {
  it('asks for the lowercase arbiter address', async () => {
    const calls: unknown[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      calls.push(JSON.parse(String(init.body)).variables);
      return new Response(JSON.stringify({ data: { disputes: [] } }), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      expect(await disputesOf('http://x', '0xABCDEF0000000000000000000000000000000001')).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toEqual([{ arbiter: '0xabcdef0000000000000000000000000000000001' }]);
  });
});
