import { describe, expect, it } from 'vitest';
import type { PublicClient } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { MemoryStorage } from '../testing/memory-storage.ts';
import { encodeLog, fakeLogClient } from '../testing/chain-logs.ts';
import { ChainReader } from './reader.ts';

const catalog = '0x00000000000000000000000000000000000000ca' as const;
const escrow = '0x00000000000000000000000000000000000000e5' as const;
const merchant = '0x00000000000000000000000000000000000000a1' as const;
const buyer = '0x00000000000000000000000000000000000000b1' as const;
const arbiter = '0x00000000000000000000000000000000000000d1' as const;
const usd = '0x00000000000000000000000000000000000000c1' as const;
const key = `0x${'11'.repeat(32)}` as const;

const logs = [
  encodeLog(chainMartCatalogAbi, catalog, 'MerchantRegistered', { merchant, metadataURI: 'ipfs://shop', encryptionKey: key, arbiter, rewardBps: 100, autoReleaseWindow: 604800 }, 10),
  encodeLog(chainMartCatalogAbi, catalog, 'ListingCreated', { listingId: 1n, merchant, token: usd, price: 1000n, stock: 5, maxPerOrder: 2, shipWithin: 86400, title: 'Tea', category: 'food', metadataURI: 'ipfs://tea' }, 11),
  encodeLog(chainMartCatalogAbi, catalog, 'ListingCreated', { listingId: 2n, merchant, token: usd, price: 50n, stock: 1, maxPerOrder: 1, shipWithin: 86400, title: 'Cup', category: 'home', metadataURI: 'ipfs://cup' }, 12),
  encodeLog(chainMartEscrowAbi, escrow, 'Reviewed', { orderId: 7n, listingId: 1n, merchant, buyer, rating: 4, commentCid: 'bafyc' }, 20),
];

/** The catalog's views as the chain holds them now: listing 2 sold its last unit, listing 1 got cheaper. */
function fakeClient() {
  const rpc = fakeLogClient(logs, 30, 10);
  const client = {
    ...rpc,
    request: rpc.request,
    async readContract({ functionName, args }: { functionName: string; args: unknown[] }) {
      if (functionName === 'listingOf') return args[0] === 1n ? [merchant, usd, 900n, 4, 2, 86400, false] : [merchant, usd, 50n, 0, 1, 86400, false];
      if (functionName === 'merchantOf') return [true, arbiter, 150, 604800, key];
      throw new Error(`unexpected ${functionName}`);
    },
    async getBlock({ blockNumber }: { blockNumber: bigint }) {
      return { timestamp: 1_000_000n + blockNumber };
    },
  };
  return { rpc, client: client as unknown as PublicClient };
}

function reader() {
  const { rpc, client } = fakeClient();
  const settlementToken = { address: usd, symbol: 'tUSD', decimals: 6 };
  return { rpc, reader: new ChainReader({ client, escrow, catalog, startBlock: 5, chainId: 31337, maxRange: 10, storage: new MemoryStorage(), settlementToken }) };
}

describe('ChainReader', () => {
  it('shows a listing with the catalog’s live terms, its merchant’s terms and profile, and its reviews', async () => {
    const { reader: r, rpc } = reader();
    const listing = await r.listingDetail('1');
    expect(listing).toMatchObject({
      id: '1',
      title: 'Tea',
      price: '900',
      stock: '4',
      maxPerOrder: 2,
      token: usd,
      shipWithin: '86400',
      metadataURI: 'ipfs://tea',
      currency: { symbol: 'tUSD', decimals: 6 },
      createdAt: String(1_000_011),
      ratingSum: 4,
      ratingCount: 1,
      fromChain: true,
      merchant: { id: merchant, metadataURI: 'ipfs://shop', arbiter, rewardBps: 150, encryptionKey: key, registeredAt: String(1_000_010), ratingCount: 1 },
    });
    expect(listing!.reviews).toEqual([expect.objectContaining({ id: '7', rating: 4, commentCid: 'bafyc', buyer: { id: buyer } })]);
    // Every eth_getLogs stayed within the configured range.
    expect(rpc.calls.filter((c) => c.method === 'eth_getLogs').every((c) => c.toBlock! - c.fromBlock! < 10)).toBe(true);
    expect(await r.listingDetail('3')).toBeNull();
  });

  it('rebuilds the recent listings, leaving out those sold out by orders the catalog’s events do not show', async () => {
    const { reader: r } = reader();
    expect((await r.listings()).map((l) => l.id)).toEqual(['2', '1']);
    const home = await r.home();
    expect(home.newest.map((l) => l.id)).toEqual(['1']);
    expect(home.fromChain).toBe(true);
  });

  it('shows a storefront with its listings and reviews', async () => {
    const { reader: r } = reader();
    const shop = await r.merchantDetail(merchant.toUpperCase().replace('0X', '0x'));
    expect(shop).toMatchObject({ id: merchant, listingCount: 2, orderCount: 0, fromChain: true });
    expect(shop!.listings.map((l) => l.id)).toEqual(['2', '1']);
    expect(shop!.reviews[0].listing).toEqual({ id: '1', title: 'Tea' });
    expect(await r.merchantDetail(buyer)).toBeNull();
  });
});
