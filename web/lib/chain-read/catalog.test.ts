import { describe, expect, it } from 'vitest';
import { chainMartCatalogAbi } from '../contracts/generated/abi.ts';
import { encodeLog } from '../testing/chain-logs.ts';
import { foldCatalog, recentListings } from './catalog.ts';

const catalog = '0x00000000000000000000000000000000000000ca' as const;
const merchant = '0x00000000000000000000000000000000000000A1' as const;
const token = '0x00000000000000000000000000000000000000c1' as const;
const gate = '0x00000000000000000000000000000000000000d1' as const;
const key = `0x${'11'.repeat(32)}` as const;
const ev = (name: string, args: Record<string, unknown>, block: number, index = 0) => encodeLog(chainMartCatalogAbi, catalog, name, args, block, index);
const profile = (uri: string, arbiter = gate) => ({ merchant, metadataURI: uri, encryptionKey: key, arbiter, rewardBps: 100, autoReleaseWindow: 604800 });
const created = (listingId: bigint, title: string, category: string, block: number) =>
  ev('ListingCreated', { listingId, merchant, token, price: 1000n, stock: 5, maxPerOrder: 2, shipWithin: 86400, title, category, metadataURI: `ipfs://l${listingId}` }, block);

describe('foldCatalog', () => {
  const logs = [
    ev('MerchantRegistered', profile('ipfs://p1'), 10),
    created(1n, 'Tea', 'food', 11),
    created(2n, 'Lamp', 'home', 12),
    ev('MerchantUpdated', profile('ipfs://p2'), 13),
    ev('ListingUpdated', { listingId: 1n, price: 900n, maxPerOrder: 3, shipWithin: 3600, title: 'Green tea', category: 'food', metadataURI: 'ipfs://l1b' }, 14),
    ev('ListingRestocked', { listingId: 1n, added: 4, stock: 9 }, 15),
    ev('ListingPaused', { listingId: 2n, paused: true }, 15, 1),
    ev('ListingGateSet', { listingId: 1n, gate }, 16),
    ev('ProvenanceAdded', { listingId: 1n, kind: 'origin', location: 'Fujian', occurredAt: 5n, actor: 'farm', evidenceCid: 'bafy' }, 17),
    ev('StockReturned', { listingId: 1n, returned: 1, stock: 10 }, 18),
  ];

  it('rebuilds merchants and listings from their events, in block order whatever order they come in', () => {
    const state = foldCatalog([...logs].reverse(), catalog);
    expect(state.merchants.get(merchant.toLowerCase())).toMatchObject({ metadataURI: 'ipfs://p2', registeredBlock: 10, rewardBps: 100, encryptionKey: key });
    expect(state.listings.get('1')).toMatchObject({
      title: 'Green tea',
      price: 900n,
      maxPerOrder: 3,
      shipWithin: 3600,
      metadataURI: 'ipfs://l1b',
      stock: 10,
      gate: gate.toLowerCase(),
      merchant: merchant.toLowerCase(),
      createdBlock: 11,
      updatedBlock: 18,
    });
    expect(state.listings.get('1')!.provenance).toEqual([expect.objectContaining({ kind: 'origin', location: 'Fujian', occurredAt: 5, blockNumber: 17 })]);
    expect(state.listings.get('2')).toMatchObject({ paused: true, stock: 5, gate: null });
  });

  it('ignores other contracts’ logs', () => {
    const other = { ...created(3n, 'Fake', 'food', 20), address: '0x00000000000000000000000000000000000000ee' as const };
    expect(foldCatalog([...logs, other], catalog).listings.has('3')).toBe(false);
  });

  it('lists open listings newest first, filtered like the search', () => {
    const state = foldCatalog([...logs, created(3n, 'Black tea', 'food', 30)], catalog);
    expect(recentListings(state).map((l) => l.id)).toEqual(['3', '1']);
    expect(recentListings(state, { text: 'GREEN' }).map((l) => l.id)).toEqual(['1']);
    expect(recentListings(state, { category: 'home' })).toEqual([]);
    expect(recentListings(state, { maxPrice: 950n }).map((l) => l.id)).toEqual(['1']);
    expect(recentListings(state, { merchant: merchant.toLowerCase() }).map((l) => l.id)).toEqual(['3', '1']);
  });
});
