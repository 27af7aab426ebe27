import { describe, expect, it } from 'vitest';
import { decodeFunctionData } from 'viem';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { type OrderStruct, termsOf } from '../chain/order.ts';
import { canRule, parseBuyerAmount, partyOf, previewRuling, ruleCall } from './ruling.ts';

const order: OrderStruct = {
  buyer: '0x00000000000000000000000000000000000000b1',
  merchant: '0x00000000000000000000000000000000000000a1',
  token: '0x00000000000000000000000000000000000000c1',
  arbiter: '0x00000000000000000000000000000000000000D1',
  listingId: 7n,
  quantity: 1,
  // 2 tUSD of the 42 paid (37 cash + 5 points) was refunded before the dispute: the terms keep 42.
  total: 42_000_000n,
  points: 5_000_000n,
  amount: 40_000_000n,
  pointsPaid: 5_000_000n,
  feeBps: 200,
  rewardBps: 100,
  autoReleaseWindow: 604800,
  placedAt: 1,
  shipBy: 2,
  shippedAt: 3,
  disputedAt: 1000,
  status: 3,
  flags: 0,
};

describe('previewRuling', () => {
  it('is the escrow split of summary.ts, cash first then points, the fee from the merchant share only', () => {
    expect(previewRuling(order, 38_000_000n)).toEqual({
      buyerAmount: 38_000_000n,
      cash: 35_000_000n,
      points: 3_000_000n,
      merchantShare: 2_000_000n,
      fee: 40_000n,
      merchantAmount: 1_960_000n,
      stockReturned: false,
    });
  });

  it('refuses more than the escrow instead of capping it like the contract', () => {
    expect(previewRuling(order, order.amount + 1n)).toBeNull();
    expect(previewRuling(order, -1n)).toBeNull();
    expect(previewRuling(order, order.amount)).toMatchObject({ fee: 0n, merchantAmount: 0n });
  });
});

describe('parseBuyerAmount', () => {
  it('reads token units with the token decimals', () => {
    expect(parseBuyerAmount('15', 6, 40_000_000n)).toEqual({ ok: true, value: 15_000_000n });
    expect(parseBuyerAmount(' 0,5 ', 6, 40_000_000n)).toEqual({ ok: true, value: 500_000n });
    expect(parseBuyerAmount('0', 6, 40_000_000n)).toEqual({ ok: true, value: 0n });
  });

  it('says what is wrong', () => {
    expect(parseBuyerAmount('', 6, 1n)).toEqual({ ok: false, reason: 'empty' });
    expect(parseBuyerAmount('-1', 6, 1n)).toEqual({ ok: false, reason: 'format' });
    expect(parseBuyerAmount('1e3', 6, 1n)).toEqual({ ok: false, reason: 'format' });
    expect(parseBuyerAmount('0.0000001', 6, 10n ** 9n)).toEqual({ ok: false, reason: 'too-many-decimals' });
    expect(parseBuyerAmount('41', 6, 40_000_000n)).toEqual({ ok: false, reason: 'above-escrow' });
  });
});

describe('ruleCall', () => {
  it('encodes the escrow\'s rule(orderId, terms, buyerAmount) with the terms as agreed at checkout, no value', () => {
    const escrow = '0x0000000000000000000000000000000000000C4a';
    const call = ruleCall(escrow, 33n, order, 15_000_000n);
    expect(call.to).toBe(escrow);
    expect(call.value).toBe('0');
    const decoded = decodeFunctionData({ abi: chainMartEscrowAbi, data: call.data });
    expect(decoded.functionName).toBe('rule');
    if (decoded.functionName !== 'rule') return;
    const [orderId, terms, buyerAmount] = decoded.args;
    expect(orderId).toBe(33n);
    expect(buyerAmount).toBe(15_000_000n);
    // The total at checkout, not what is left in escrow: the escrow hashes the terms to find the order.
    expect(terms.total).toBe(42_000_000n);
    const lower = (a: string) => a.toLowerCase();
    const expected = termsOf(order);
    expect({ ...terms, buyer: lower(terms.buyer), merchant: lower(terms.merchant), token: lower(terms.token), arbiter: lower(terms.arbiter) }).toEqual({
      ...expected,
      buyer: lower(expected.buyer),
      merchant: lower(expected.merchant),
      token: lower(expected.token),
      arbiter: lower(expected.arbiter),
    });
  });
});

describe('partyOf and canRule', () => {
  it('matches addresses case-insensitively', () => {
    expect(partyOf(order, '0x00000000000000000000000000000000000000d1')).toBe('arbiter');
    expect(partyOf(order, '0x00000000000000000000000000000000000000B1')).toBe('buyer');
    expect(partyOf(order, undefined)).toBe('other');
  });

  it('closes at the deadline (the contract uses >=)', () => {
    expect(canRule(order, 1000 + 99, 100)).toBe(true);
    expect(canRule(order, 1000 + 100, 100)).toBe(false);
    expect(canRule({ ...order, status: 7 }, 0, 100)).toBe(false);
  });
});
