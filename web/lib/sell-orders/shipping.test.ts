import { describe, expect, it } from 'vitest';
import { bytesToHex, stringToHex } from 'viem';
import { encryptShipping } from '../protocol/shipping-crypto.ts';
import { generateKeyPair } from '../merchant/keys.ts';
import { classifyShippingInfo, openShipping, ShippingReadError } from './shipping.ts';

const details = { schema: 'chainmart.shipping/1', name: '李雷', phone: '+86 138', address: '1 West Lake Rd', city: 'Hangzhou', postalCode: '310000', country: 'CN' } as const;

describe('classifyShippingInfo', () => {
  it('recognizes envelopes, CIDs and empty info', () => {
    const key = generateKeyPair();
    expect(classifyShippingInfo(bytesToHex(encryptShipping(details, key.publicKey))).kind).toBe('envelope');
    expect(classifyShippingInfo('0x')).toEqual({ kind: 'none' });
    const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
    expect(classifyShippingInfo(stringToHex(`ipfs://${cid}`))).toEqual({ kind: 'cid', uri: `ipfs://${cid}` });
    expect(classifyShippingInfo(stringToHex('hello')).kind).toBe('unknown');
    expect(classifyShippingInfo('nonsense').kind).toBe('unknown');
  });
});

describe('openShipping', () => {
  it('opens with the right key, refuses the wrong one', () => {
    const key = generateKeyPair();
    const envelope = encryptShipping({ ...details, note: 'ring twice' }, key.publicKey);
    expect(openShipping(envelope, key)).toEqual({ ...details, note: 'ring twice' });
    expect(() => openShipping(envelope, generateKeyPair())).toThrow(ShippingReadError);
    try {
      openShipping(envelope, generateKeyPair());
    } catch (error) {
      expect((error as ShippingReadError).kind).toBe('wrong-key');
    }
  });

  it('refuses decrypted content that is not shipping details', () => {
    const key = generateKeyPair();
    const envelope = encryptShipping({ schema: 'other', name: 1 } as never, key.publicKey);
    expect(() => openShipping(envelope, key)).toThrow(/chainmart.shipping\/1/);
  });
});
