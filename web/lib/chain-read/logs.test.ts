import { describe, expect, it } from 'vitest';
import { chainMartCatalogAbi } from '../contracts/generated/abi.ts';
import { MemoryStorage } from '../testing/memory-storage.ts';
import { encodeLog, fakeLogClient } from '../testing/chain-logs.ts';
import { LogCache, REORG_DEPTH, blockRanges, scanLogs } from './logs.ts';

const catalog = '0x00000000000000000000000000000000000000ca' as const;
const paused = (listingId: bigint, block: number) => encodeLog(chainMartCatalogAbi, catalog, 'ListingPaused', { listingId, paused: true }, block);

describe('blockRanges', () => {
  it('covers the span in ranges of at most maxRange blocks, inclusive', () => {
    expect(blockRanges(100, 125, 10)).toEqual([[100, 109], [110, 119], [120, 125]]);
    expect(blockRanges(5, 5, 10)).toEqual([[5, 5]]);
    expect(blockRanges(6, 5, 10)).toEqual([]);
  });

  it('refuses a range below one block', () => {
    expect(() => blockRanges(0, 10, 0)).toThrow(RangeError);
  });
});

describe('scanLogs', () => {
  it('asks in bounded ranges that an RPC limiting them accepts, and returns every log', async () => {
    const logs = [paused(1n, 3), paused(2n, 2_500), paused(3n, 9_999)];
    const client = fakeLogClient(logs, 10_000, 1_000);
    const found = await scanLogs(client, { address: catalog, fromBlock: 0, toBlock: 10_000, maxRange: 1_000 });
    expect(found).toEqual(logs);
    expect(client.calls).toHaveLength(11);
    expect(client.calls.every((c) => c.toBlock! - c.fromBlock! < 1_000)).toBe(true);
  });

  it('fails with the RPC error when a range is wider than it accepts', async () => {
    const client = fakeLogClient([], 20_000, 1_000);
    await expect(scanLogs(client, { address: catalog, fromBlock: 0, toBlock: 20_000, maxRange: 5_000 })).rejects.toThrow(/exceeds 1000/);
  });
});

describe('LogCache', () => {
  it('scans from the start block once, then only the blocks added since (less the reorg depth)', async () => {
    const logs = [paused(1n, 110), paused(2n, 150)];
    const client = fakeLogClient(logs, 200);
    const storage = new MemoryStorage();
    const options = { chainId: 31337, address: catalog, startBlock: 100, storage };
    expect(await new LogCache(client, options).sync()).toEqual(logs);
    expect(client.calls.filter((c) => c.method === 'eth_getLogs')).toEqual([{ method: 'eth_getLogs', fromBlock: 100, toBlock: 200 }]);

    // A new visit (a new instance over the same storage) after three blocks and one more log.
    logs.push(paused(3n, 202));
    client.head = 203;
    client.calls.length = 0;
    const cache = new LogCache(client, options);
    expect(cache.scannedTo).toBe(200);
    expect(await cache.sync()).toEqual(logs);
    expect(client.calls.filter((c) => c.method === 'eth_getLogs')).toEqual([{ method: 'eth_getLogs', fromBlock: 200 - REORG_DEPTH + 1, toBlock: 203 }]);
    expect(cache.scannedTo).toBe(203);
  });

  it('keys the copy by chain and contract, and ignores a copy made from another start block', async () => {
    const storage = new MemoryStorage();
    const client = fakeLogClient([paused(1n, 110)], 200);
    await new LogCache(client, { chainId: 1, address: catalog, startBlock: 100, storage }).sync();
    expect(storage.getItem(`chainmart:logs:1:${catalog}`)).toContain('"scannedTo":200');
    expect(new LogCache(client, { chainId: 2, address: catalog, startBlock: 100, storage }).scannedTo).toBeNull();
    expect(new LogCache(client, { chainId: 1, address: catalog, startBlock: 50, storage }).scannedTo).toBeNull();
  });

  it('drops logs of blocks a shorter (restarted) chain no longer has', async () => {
    const storage = new MemoryStorage();
    const logs = [paused(1n, 110), paused(2n, 180)];
    const client = fakeLogClient(logs, 200);
    const options = { chainId: 31337, address: catalog, startBlock: 100, storage };
    await new LogCache(client, options).sync();
    logs.pop();
    client.head = 120;
    expect(await new LogCache(client, options).sync()).toEqual([logs[0]]);
  });

  it('works on when the storage is full (the next visit scans again)', async () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const client = fakeLogClient([paused(1n, 110)], 200);
    const cache = new LogCache(client, { chainId: 31337, address: catalog, startBlock: 100, storage });
    expect(await cache.sync()).toHaveLength(1);
    expect(storage.length).toBe(0);
    expect(cache.scannedTo).toBe(200);
  });

  it('shares one sync between concurrent callers', async () => {
    const client = fakeLogClient([], 200);
    const cache = new LogCache(client, { chainId: 31337, address: catalog, startBlock: 100 });
    await Promise.all([cache.sync(), cache.sync()]);
    expect(client.calls.filter((c) => c.method === 'eth_getLogs')).toHaveLength(1);
  });
});
