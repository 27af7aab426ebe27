import { describe, expect, it } from 'vitest';
import { compareField } from './compare.ts';
import { readableFields } from './readable.ts';

const TUSD = '0x5fbdb2315678afecb367f032d93f642f64180aa3';

describe('readable fields', () => {
  it('reads an order: status, amounts in its token, dates, shares; times not yet reached are none', () => {
    const rows = [
      compareField('orderKey', '0xab', '0xab'),
      compareField('status', 7, 7),
      compareField('token', TUSD, TUSD),
      compareField('buyer', '0xb0', '0xb0'),
      compareField('amount', 0n, 0n),
      compareField('originalAmount', '56000000', '56000000'),
      compareField('feeBps', 200, 200),
      compareField('placedAt', 1_700_000_000, 1_700_000_000),
      compareField('shippedAt', 0, 0),
      compareField('flags', 1, 1),
    ];
    expect(readableFields('order', rows)).toEqual([
      { field: 'status', value: { kind: 'status', status: 7 } },
      { field: 'buyer', value: { kind: 'address', address: '0xb0' } },
      { field: 'token', value: { kind: 'token', token: TUSD } },
      { field: 'originalAmount', value: { kind: 'amount', value: 56_000_000n, token: TUSD } },
      { field: 'amount', value: { kind: 'amount', value: 0n, token: TUSD } },
      { field: 'feeBps', value: { kind: 'percent', bps: 200 } },
      { field: 'placedAt', value: { kind: 'date', seconds: 1_700_000_000 } },
      { field: 'shippedAt', value: { kind: 'none' } },
    ]);
  });

  it("takes the chain's value when the two sides differ, the subgraph's when the chain has none", () => {
    const rows = [compareField('status', 1, 4), compareField('carrier', 'SF', null)];
    expect(readableFields('order', rows)).toEqual([
      { field: 'status', value: { kind: 'status', status: 4 } },
      { field: 'carrier', value: { kind: 'text', text: 'SF' } },
    ]);
  });

  it('reads a listing and a merchant', () => {
    const listing = readableFields('listing', [
      compareField('price', '20000000000000000', 20_000_000_000_000_000n),
      compareField('token', '0x0000000000000000000000000000000000000000', '0x0000000000000000000000000000000000000000'),
      compareField('paused', false, false),
      compareField('gate', '0x0000000000000000000000000000000000000000', '0x0000000000000000000000000000000000000000'),
      compareField('shipWithin', 259200, 259200),
    ]);
    expect(listing).toContainEqual({ field: 'price', value: { kind: 'amount', value: 20_000_000_000_000_000n, token: '0x0000000000000000000000000000000000000000' } });
    expect(listing).toContainEqual({ field: 'paused', value: { kind: 'yes-no', value: false } });
    expect(listing).toContainEqual({ field: 'gate', value: { kind: 'none' } });
    expect(listing).toContainEqual({ field: 'shipWithin', value: { kind: 'duration', seconds: 259200 } });
    const merchant = readableFields('merchant', [compareField('registered', true, true), compareField('encryptionKey', '0x', '0x'), compareField('rewardBps', 250, 250)]);
    expect(merchant).toEqual([
      { field: 'registered', value: { kind: 'yes-no', value: true } },
      { field: 'rewardBps', value: { kind: 'percent', bps: 250 } },
      { field: 'encryptionKey', value: { kind: 'yes-no', value: false } },
    ]);
  });
});
