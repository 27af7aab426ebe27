import { describe, expect, it } from 'vitest';
import { privateKeyToAccount } from 'viem/accounts';
import { MerchantKeyError, generateKeyPair, publicKeyHex, sealKey, storeBackup } from '../merchant/keys.ts';
import { backupToOpen, hasPublishedKey, keyFromBackup, keyFromWallet } from './key.ts';
import { keyPairFromSignature } from '../protocol/shipping-crypto.ts';
import { hexToBytes } from 'viem';

const account = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

describe('merchant key in the tab', () => {
  it('derives the signature key and checks it against the published key', async () => {
    const sign = (message: string) => account.signMessage({ message });
    const expected = keyPairFromSignature(hexToBytes(await sign('ChainMart encryption key v1\n\nSigning this derives the key buyers encrypt shipping details to. It costs nothing and sends no transaction.')));
    const pair = await keyFromWallet(sign, publicKeyHex(expected));
    expect(publicKeyHex(pair)).toBe(publicKeyHex(expected));
    await expect(keyFromWallet(sign, publicKeyHex(generateKeyPair()))).rejects.toMatchObject({ kind: 'not-published' });
  });

  it('opens a stored or pasted backup with the passphrase', () => {
    const pair = generateKeyPair();
    const backup = sealKey(account.address, pair, 'correct horse');
    const storage = new MemoryStorage() as unknown as Storage;
    expect(backupToOpen(storage, account.address, '')).toBeNull();
    storeBackup(storage, backup);
    const stored = backupToOpen(storage, account.address, '')!;
    expect(publicKeyHex(keyFromBackup(stored, 'correct horse', publicKeyHex(pair)))).toBe(publicKeyHex(pair));
    expect(() => keyFromBackup(stored, 'wrong horse!', publicKeyHex(pair))).toThrow(MerchantKeyError);
    const pasted = backupToOpen(null, account.address, JSON.stringify(backup))!;
    expect(() => keyFromBackup(pasted, 'correct horse', publicKeyHex(generateKeyPair()))).toThrow(/not the one published/);
    expect(() => backupToOpen(null, '0x0000000000000000000000000000000000000001', JSON.stringify(backup))).toThrow(MerchantKeyError);
  });

  it('knows a zero key is no key', () => {
    expect(hasPublishedKey(`0x${'0'.repeat(64)}`)).toBe(false);
    expect(hasPublishedKey(null)).toBe(false);
    expect(hasPublishedKey(`0x${'ab'.repeat(32)}`)).toBe(true);
  });
});
