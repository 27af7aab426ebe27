import { describe, expect, it } from 'vitest';
import { privateKeyToAccount } from 'viem/accounts';
import { createKey, decryptKey, encryptKey, parseBackup } from './builtin.ts';

describe('built-in wallet key storage', () => {
  it('round-trips a key through passphrase encryption and a JSON backup', () => {
    const key = createKey();
    const blob = parseBackup(JSON.stringify(encryptKey(key, 'correct horse')));
    expect(blob.address).toBe(privateKeyToAccount(key).address);
    expect(decryptKey(blob, 'correct horse')).toBe(key);
  });

  it('rejects a wrong passphrase, a short one and a broken backup', () => {
    const blob = encryptKey(createKey(), 'correct horse');
    expect(() => decryptKey(blob, 'wrong horse')).toThrow(/wrong passphrase/);
    expect(() => encryptKey(createKey(), 'short')).toThrow(/passphrase/);
    expect(() => parseBackup('{not json')).toThrow(/invalid JSON/);
    expect(() => parseBackup(JSON.stringify({ ...blob, version: 2 }))).toThrow(/not a ChainMart wallet backup/);
  });
});
