import { describe, expect, it } from 'vitest';
import { generateKeyPair, publicKeyHex, sealKey, storeBackup } from '../merchant/keys.ts';
import { backupFileName, keyStatus } from './key-status.ts';

class MemoryStorage {
  #map = new Map<string, string>();
  getItem(k: string) { return this.#map.get(k) ?? null; }
  setItem(k: string, v: string) { this.#map.set(k, v); }
  removeItem(k: string) { this.#map.delete(k); }
}

const merchant = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('key status', () => {
  it('tells stored, outdated, missing and unpublished apart', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const pair = generateKeyPair();
    expect(keyStatus(storage, merchant, publicKeyHex(pair)).kind).toBe('missing');
    expect(keyStatus(storage, merchant, `0x${'0'.repeat(64)}`).kind).toBe('unpublished');
    const backup = sealKey(merchant, pair, 'long passphrase');
    storeBackup(storage, backup);
    expect(keyStatus(storage, merchant, publicKeyHex(pair).toUpperCase().replace('0X', '0x')).kind).toBe('stored');
    expect(keyStatus(storage, merchant, publicKeyHex(generateKeyPair())).kind).toBe('outdated');
    expect(backupFileName(backup)).toMatch(/^chainmart-merchant-key-0x70997970-[0-9a-f]{8}\.json$/);
  });
});
