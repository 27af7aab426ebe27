import { bytesToHex, hexToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { decryptShipping, keyPairFromSignature } from '../protocol/shipping-crypto.ts';
import {
  canReceiveShipping,
  clearDraft,
  emptyShipping,
  encryptShippingForMerchant,
  invalidShippingFields,
  loadDraft,
  saveDraft,
} from './shipping.ts';
import { MemoryStorage } from '../testing/memory-storage.ts';

const form = { name: '王小明', phone: '+86 138 0000 0000', address: '西湖区龙井路 1 号', city: '杭州', postalCode: '310000', country: 'CN', note: '' };

describe('shipping details', () => {
  it('are encrypted to the merchant key and only that key opens them', () => {
    const merchant = keyPairFromSignature(new Uint8Array(65).fill(7));
    const other = keyPairFromSignature(new Uint8Array(65).fill(8));
    const sealed = encryptShippingForMerchant({ ...form, note: ' ring twice ' }, bytesToHex(merchant.publicKey));
    expect(sealed).not.toContain(bytesToHex(new TextEncoder().encode('杭州')).slice(2));
    expect(decryptShipping(hexToBytes(sealed), merchant)).toEqual({
      schema: 'chainmart.shipping/1',
      name: '王小明',
      phone: '+86 138 0000 0000',
      address: '西湖区龙井路 1 号',
      city: '杭州',
      postalCode: '310000',
      country: 'CN',
      note: 'ring twice',
    });
    expect(() => decryptShipping(hexToBytes(sealed), other)).toThrow();
  });

  it('cannot go to a merchant without a published key', () => {
    expect(canReceiveShipping(`0x${'0'.repeat(64)}`)).toBe(false);
    expect(canReceiveShipping(undefined)).toBe(false);
    expect(canReceiveShipping('0x1234')).toBe(false);
    expect(canReceiveShipping(`0x${'ab'.repeat(32)}`)).toBe(true);
    expect(() => encryptShippingForMerchant(form, `0x${'0'.repeat(64)}`)).toThrow(/encryption key/);
  });

  it('lists missing and overlong fields', () => {
    expect(invalidShippingFields(form)).toEqual([]);
    expect(invalidShippingFields({ ...emptyShipping(), name: 'A' })).toEqual(['phone', 'address', 'city', 'postalCode', 'country']);
    expect(invalidShippingFields({ ...form, note: 'x'.repeat(301) })).toEqual(['note']);
  });
});

describe('draft', () => {
  it('keeps the form across reloads, quantity and points per listing, and clears after an order', () => {
    const storage = new MemoryStorage();
    expect(loadDraft(storage, '3')).toEqual({ shipping: emptyShipping(), quantity: '1', points: '' });
    saveDraft(storage, '3', { shipping: form, quantity: '2', points: '1.5' });
    expect(loadDraft(storage, '3')).toEqual({ shipping: form, quantity: '2', points: '1.5' });
    expect(loadDraft(storage, '4')).toEqual({ shipping: form, quantity: '1', points: '' });
    saveDraft(storage, '3', { shipping: form, quantity: 3, points: '' });
    expect(loadDraft(storage, '3').quantity).toBe(3);
    clearDraft(storage, '3');
    expect(loadDraft(storage, '3').shipping).toEqual(emptyShipping());
  });

  it('ignores garbage in storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('chainmart:checkout:shipping', '{"name": 42, "city": "x"');
    expect(loadDraft(storage, '1').shipping).toEqual(emptyShipping());
    storage.setItem('chainmart:checkout:shipping', JSON.stringify({ name: 5, city: 'Hangzhou' }));
    expect(loadDraft(storage, '1').shipping.city).toBe('Hangzhou');
    expect(loadDraft(storage, '1').shipping.name).toBe('');
  });
});
