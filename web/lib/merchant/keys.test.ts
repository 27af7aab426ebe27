import { describe, expect, it } from 'vitest';
import { decryptShipping, encryptShipping } from '../protocol/shipping-crypto.ts';
import { assertPublished, generateKeyPair, openKey, parseKeyBackup, publicKeyHex, sealKey } from './keys.ts';

const merchant = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const details = { schema: 'chainmart.shipping/1', name: '张三', phone: '1', address: 'a', city: 'c', postalCode: 'p', country: 'CN' } as const;

describe('merchant key', () => {
  it('backs up, restores and decrypts shipping details sent to the published key', () => {
    const pair = generateKeyPair();
    const backup = parseKeyBackup(JSON.stringify(sealKey(merchant, pair, 'long passphrase')), merchant);
    const restored = openKey(backup, 'long passphrase');
    assertPublished(restored, publicKeyHex(pair));
    expect(decryptShipping(encryptShipping(details, pair.publicKey), restored)).toEqual(details);
  });

  it('rejects a wrong passphrase, another merchant and a key that is not published', () => {
    const pair = generateKeyPair();
    const backup = sealKey(merchant, pair, 'long passphrase');
    expect(() => openKey(backup, 'wrong passphrase')).toThrow(/wrong passphrase/);
    expect(() => parseKeyBackup(JSON.stringify(backup), '0x0000000000000000000000000000000000000001')).toThrow(/belongs to/);
    expect(() => assertPublished(pair, publicKeyHex(generateKeyPair()))).toThrow(/not the one published/);
    expect(() => parseKeyBackup('{')).toThrow(/invalid JSON/);
  });
});
