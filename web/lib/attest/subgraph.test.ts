import { describe, expect, it } from 'vitest';
import { attestationsBy, attestationsOf } from './subgraph.ts';

function fakeFetch(data: unknown, seen: { body?: { query: string; variables: Record<string, unknown> } }) {
  return async (_url: string, init: RequestInit) => {
    seen.body = JSON.parse(String(init.body));
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('attestation queries', () => {
  it('an address: lowercase id, its attestations, [] for an unknown account', async () => {
    const realFetch = globalThis.fetch;
    const seen: { body?: { query: string; variables: Record<string, unknown> } } = {};
    try {
      globalThis.fetch = fakeFetch({ account: null }, seen) as typeof fetch;
      expect(await attestationsOf('http://graph', '0xABCDEF0000000000000000000000000000000001')).toEqual([]);
      expect(seen.body!.variables.id).toBe('0xabcdef0000000000000000000000000000000001');
      // The one Attestation fragment (attest.graphql), sent with the operation that spreads it.
      expect(seen.body!.query).toMatch(/^query AttestationsOf\b/);
      expect(seen.body!.query).toContain('attestations(first:$first orderBy:time orderDirection:desc){...Attestation}');
      expect(seen.body!.query).toContain('fragment Attestation on Attestation{id schema attester recipient{id}time revoked revokedAt}');
      const row = { id: '0x01', schema: 'adult', attester: '0x02', recipient: { id: '0x03' }, time: '1', revoked: false, revokedAt: null };
      globalThis.fetch = fakeFetch({ attestations: [row] }, seen) as typeof fetch;
      expect(await attestationsBy('http://graph', '0xABC')).toEqual([row]);
      expect(seen.body!.variables.attester).toBe('0xabc');
      expect(seen.body!.query).toMatch(/^query AttestationsBy\b/);
      expect(seen.body!.query).toContain('attestations(where:{attester:$attester}');
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
