import { describe, expect, it } from 'vitest';
import { hashTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { OrderStruct } from '../chain/order.ts';
import {
  checkSettlement,
  decodeSettlement,
  encodeSettlement,
  partyRole,
  samePair,
  settleApprovals,
  settlementDeadline,
  settlementTypedData,
} from './settlement.ts';

const buyerAccount = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const merchantAccount = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const escrow = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const;
const DISPUTED_AT = 1_000_000;
const order: OrderStruct = {
  buyer: buyerAccount.address,
  merchant: merchantAccount.address,
  token: '0x0000000000000000000000000000000000000000',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: 1n,
  quantity: 1,
  total: 1000n,
  points: 0n,
  amount: 1000n,
  pointsPaid: 0n,
  feeBps: 0,
  rewardBps: 0,
  autoReleaseWindow: 1,
  placedAt: 1,
  shipBy: 1,
  shippedAt: 0,
  disputedAt: DISPUTED_AT,
  status: 3,
  flags: 0,
};

describe('settlement signatures', () => {
  const deadline = DISPUTED_AT + 86400;
  const at = { orderId: 9n, order, chainId: 31337, escrow, now: DISPUTED_AT + 60 };

  it('signs the v2 type Settlement(orderId, buyerAmount, deadline) in the escrow domain "ChainMart" version 2', () => {
    const typed = settlementTypedData(31337, escrow, 9n, 400n, deadline);
    expect(typed.domain).toEqual({ name: 'ChainMart', version: '2', chainId: 31337, verifyingContract: escrow });
    expect(typed.types.Settlement.map((f) => `${f.type} ${f.name}`)).toEqual(['uint256 orderId', 'uint96 buyerAmount', 'uint40 deadline']);
    // The deadline is part of what is signed: another deadline is another digest.
    expect(hashTypedData(typed)).not.toBe(hashTypedData(settlementTypedData(31337, escrow, 9n, 400n, deadline + 1)));
  });

  it('round-trips through the shared text and checks against the order', async () => {
    const signature = await merchantAccount.signTypedData(settlementTypedData(31337, escrow, 9n, 400n, deadline));
    const text = encodeSettlement({ orderId: 9n, buyerAmount: 400n, deadline, signer: merchantAccount.address, signature });
    const decoded = decodeSettlement(` ${text}\n`);
    expect(decoded).toEqual({ orderId: 9n, buyerAmount: 400n, deadline, signer: merchantAccount.address, signature });
    expect(await checkSettlement(decoded, at)).toEqual({ ok: true });
    expect(await checkSettlement(decoded, { ...at, orderId: 8n })).toEqual({ ok: false, reason: 'order' });
    expect(await checkSettlement(decoded, { ...at, chainId: 1 })).toEqual({ ok: false, reason: 'signature' });
    expect(await checkSettlement({ ...decoded!, deadline: deadline - 1 }, { ...at, now: deadline - 10 })).toEqual({ ok: false, reason: 'signature' });
    expect(await checkSettlement(decoded, { ...at, now: deadline + 1 })).toEqual({ ok: false, reason: 'expired' });
    expect(await checkSettlement(decoded, { ...at, order: { ...order, amount: 300n } })).toEqual({ ok: false, reason: 'amount' });
    expect(await checkSettlement(decoded, { ...at, order: { ...order, merchant: order.arbiter } })).toEqual({ ok: false, reason: 'not-party' });
  });

  it('rejects malformed text, and v1 texts without a deadline', () => {
    expect(decodeSettlement('hello')).toBeNull();
    expect(decodeSettlement(`chainmart-settlement:1:2:${merchantAccount.address}:0xabcd`)).toBeNull();
    expect(decodeSettlement(`chainmart-settlement-v2:1:2:3:0x12:0xab`)).toBeNull();
    expect(decodeSettlement(`chainmart-settlement-v2:1:${2n ** 96n}:3:${merchantAccount.address}:0xabcd`)).toBeNull();
    expect(decodeSettlement(`chainmart-settlement-v2:1:2:${2n ** 40n}:${merchantAccount.address}:0xabcd`)).toBeNull();
  });

  it('gives a new settlement a few days, never past the arbiter window', () => {
    expect(settlementDeadline(order, DISPUTED_AT + 100)).toBe(DISPUTED_AT + 100 + 3 * 86400);
    expect(settlementDeadline(order, DISPUTED_AT + 13 * 86400)).toBe(DISPUTED_AT + 14 * 86400);
  });

  it('pairs two distinct parties on the same amount and deadline, as settle approvals', () => {
    const a = { orderId: 1n, buyerAmount: 5n, deadline, signer: buyerAccount.address, signature: '0x01' as const };
    const b = { ...a, signer: merchantAccount.address, signature: '0x02' as const };
    expect(settleApprovals(a, b)).toEqual([
      { party: a.signer, signature: '0x01' },
      { party: b.signer, signature: '0x02' },
    ]);
    expect(samePair(a, b)).toBe(true);
    expect(samePair(a, { ...b, deadline: deadline + 1 })).toBe(false);
    expect(() => settleApprovals(a, a)).toThrow();
    expect(() => settleApprovals(a, { ...b, buyerAmount: 6n })).toThrow();
    expect(() => settleApprovals(a, { ...b, deadline: deadline + 1 })).toThrow();
  });

  it('names the role of an account', () => {
    expect(partyRole(order, buyerAccount.address.toLowerCase())).toBe('buyer');
    expect(partyRole(order, merchantAccount.address)).toBe('merchant');
    expect(partyRole(order, '0x00000000000000000000000000000000000000D1')).toBe('arbiter');
    expect(partyRole(order, undefined)).toBeNull();
  });
});
