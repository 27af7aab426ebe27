import { describe, expect, it } from 'vitest';
import { privateKeyToAccount } from 'viem/accounts';
import type { OrderStruct } from '../chain/order.ts';
import { checkSettlement, decodeSettlement, encodeSettlement, partyRole, settleSignatures, settlementTypedData } from './settlement.ts';

const buyerAccount = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const merchantAccount = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const chainMart = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const;
const order: OrderStruct = {
  buyer: buyerAccount.address,
  merchant: merchantAccount.address,
  token: '0x0000000000000000000000000000000000000000',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: 1n,
  quantity: 1,
  amount: 1000n,
  pointsPaid: 0n,
  feeBps: 0,
  rewardBps: 0,
  autoReleaseWindow: 1,
  placedAt: 1,
  shipBy: 1,
  shippedAt: 0,
  disputedAt: 1,
  status: 3,
  flags: 0,
};

describe('settlement signatures', () => {
  it('round-trips through the shared text and checks against the order', async () => {
    const signature = await merchantAccount.signTypedData(settlementTypedData(31337, chainMart, 9n, 400n));
    const text = encodeSettlement({ orderId: 9n, buyerAmount: 400n, signer: merchantAccount.address, signature });
    const decoded = decodeSettlement(` ${text}\n`);
    expect(decoded).toEqual({ orderId: 9n, buyerAmount: 400n, signer: merchantAccount.address, signature });
    expect(await checkSettlement(decoded, 9n, order, 31337, chainMart)).toEqual({ ok: true });
    expect(await checkSettlement(decoded, 8n, order, 31337, chainMart)).toEqual({ ok: false, reason: 'order' });
    expect(await checkSettlement(decoded, 9n, order, 1, chainMart)).toEqual({ ok: false, reason: 'signature' });
    expect(await checkSettlement(decoded, 9n, { ...order, amount: 300n }, 31337, chainMart)).toEqual({ ok: false, reason: 'amount' });
    expect(await checkSettlement(decoded, 9n, { ...order, merchant: order.arbiter }, 31337, chainMart)).toEqual({ ok: false, reason: 'not-party' });
  });

  it('rejects malformed text', () => {
    expect(decodeSettlement('hello')).toBeNull();
    expect(decodeSettlement('chainmart-settlement:1:2:0x12:0xab')).toBeNull();
    expect(decodeSettlement(`chainmart-settlement:1:${2n ** 96n}:${merchantAccount.address}:0xabcd`)).toBeNull();
  });

  it('pairs two distinct parties on the same amount', () => {
    const a = { orderId: 1n, buyerAmount: 5n, signer: buyerAccount.address, signature: '0x01' as const };
    const b = { ...a, signer: merchantAccount.address, signature: '0x02' as const };
    expect(settleSignatures(a, b)).toEqual([
      { signer: a.signer, signature: '0x01' },
      { signer: b.signer, signature: '0x02' },
    ]);
    expect(() => settleSignatures(a, a)).toThrow();
    expect(() => settleSignatures(a, { ...b, buyerAmount: 6n })).toThrow();
  });

  it('names the role of an account', () => {
    expect(partyRole(order, buyerAccount.address.toLowerCase())).toBe('buyer');
    expect(partyRole(order, merchantAccount.address)).toBe('merchant');
    expect(partyRole(order, '0x00000000000000000000000000000000000000D1')).toBe('arbiter');
    expect(partyRole(order, undefined)).toBeNull();
  });
});
