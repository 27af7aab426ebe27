import type { PublicClient } from 'viem';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveFromChain, liveFromSubgraph, readLiveCart } from './live.ts';

const CATALOG = '0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0';
const MERCHANT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const ARBITER = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
const TUSD = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const KEY = `0x${'11'.repeat(32)}`;
const ZERO = '0x0000000000000000000000000000000000000000';

/** A client answering the catalog's views for listing 7 (tUSD, gated) and 8 (ETH); others do not exist. */
function chain(): PublicClient {
  const readContract = vi.fn(async ({ functionName, args }: { functionName: string; args?: readonly unknown[] }) => {
    const id = args?.[0];
    switch (functionName) {
      case 'listingOf':
        if (id === 7n) return [MERCHANT, TUSD, 12_500_000n, 4, 5, 259_200, false];
        if (id === 8n) return [MERCHANT, ZERO, 10n ** 16n, 0, 5, 86_400, true];
        return [ZERO, ZERO, 0n, 0, 0, 0, false];
      case 'gateOf':
        return id === 7n ? '0x0000000000000000000000000000000000000abc' : ZERO;
      case 'merchantOf':
        return [true, ARBITER, 300, 604_800, KEY];
      case 'symbol':
        return 'tUSD';
      case 'decimals':
        return 6;
    }
    throw new Error(`unexpected ${functionName}`);
  });
  return { readContract } as unknown as PublicClient;
}

function subgraphAnswer(rows: unknown[]) {
  return vi.fn(async () => new Response(JSON.stringify({ data: { listings: rows } }), { headers: { 'content-type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

describe('liveFromChain', () => {
  it('reads the listing, its gate and its merchant terms from the catalog, addresses lowercased', async () => {
    const live = await liveFromChain(chain(), CATALOG, ['7', '8', '9']);
    expect(live.get('7')).toMatchObject({
      terms: { merchant: MERCHANT.toLowerCase(), token: TUSD.toLowerCase(), price: '12500000', shipWithin: '259200', arbiter: ARBITER.toLowerCase(), rewardBps: 300, autoReleaseWindow: '604800' },
      stock: 4n,
      maxPerOrder: 5,
      paused: false,
      gated: true,
      encryptionKey: KEY,
      currency: { symbol: 'tUSD', decimals: 6 },
    });
    expect(live.get('8')).toMatchObject({ paused: true, gated: false, stock: 0n, currency: { symbol: 'ETH', decimals: 18 } });
    expect(live.get('9')?.terms).toBeNull();
  });
});

describe('readLiveCart', () => {
  const row = {
    id: '7',
    title: 'Longjing',
    token: TUSD.toLowerCase(),
    price: '15000000',
    stock: '3',
    maxPerOrder: 5,
    paused: false,
    shipWithin: '259200',
    gate: null,
    currency: { symbol: 'tUSD', decimals: 6 },
    merchant: { id: MERCHANT.toLowerCase(), metadataURI: 'ipfs://x', arbiter: ARBITER.toLowerCase(), rewardBps: 300, autoReleaseWindow: '604800', encryptionKey: KEY },
  };

  it('takes the subgraph copy when it answers; a listing it does not know is missing', async () => {
    vi.stubGlobal('fetch', subgraphAnswer([row]));
    const live = await readLiveCart({ subgraphUrl: 'http://graph.test/q', client: chain(), catalog: CATALOG, ids: ['7', '9'] });
    expect(live.source).toBe('subgraph');
    expect(live.listings.get('7')).toMatchObject({ terms: { price: '15000000' }, stock: 3n, gated: false, merchantProfile: 'ipfs://x', title: 'Longjing' });
    expect(live.listings.get('9')?.terms).toBeNull();
  });

  it('falls back to the chain when the subgraph is down or not configured', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('bad gateway', { status: 502 })));
    const down = await readLiveCart({ subgraphUrl: 'http://graph.test/q', client: chain(), catalog: CATALOG, ids: ['7'] });
    expect(down.source).toBe('chain');
    expect(down.listings.get('7')?.terms?.price).toBe('12500000');
    const none = await readLiveCart({ subgraphUrl: null, client: chain(), catalog: CATALOG, ids: ['7'] });
    expect(none.source).toBe('chain');
  });

  it('asks nothing for an empty cart', async () => {
    const client = chain();
    expect((await readLiveCart({ subgraphUrl: null, client, catalog: CATALOG, ids: [] })).listings.size).toBe(0);
    expect(client.readContract).not.toHaveBeenCalled();
  });

  it('queries the listings by id', async () => {
    const fetch = subgraphAnswer([]);
    vi.stubGlobal('fetch', fetch);
    await liveFromSubgraph('http://graph.test/q', ['7', '8']);
    const body = JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(body.variables).toEqual({ ids: ['7', '8'] });
  });
});
