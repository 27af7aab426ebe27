import { describe, expect, it } from 'vitest';
import { decodeFunctionData } from 'viem';
import { chainMartAbi } from '../contracts/generated/abi.ts';
import type { OrderStruct } from '../chain/order.ts';
import { canRule, parseBuyerAmount, partyOf, ruleCall, splitOf } from './ruling.ts';

const order: OrderStruct = {
  buyer: '0x00000000000000000000000000000000000000b1',
  merchant: '0x00000000000000000000000000000000000000a1',
  token: '0x00000000000000000000000000000000000000c1',
  arbiter: '0x00000000000000000000000000000000000000D1',
  listingId: 7n,
  quantity: 1,
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

describe('splitOf', () => {
  it('returns cash first, then points, and takes the fee from the merchant share only', () => {
    expect(splitOf(order, 15_000_000n)).toEqual({
      buyerAmount: 15_000_000n,
      buyerCash: 15_000_000n,
      buyerPoints: 0n,
      merchantShare: 25_000_000n,
      fee: 500_000n,
      merchantAmount: 24_500_000n,
    });
    const most = splitOf(order, 38_000_000n)!;
    expect(most.buyerCash).toBe(35_000_000n);
    expect(most.buyerPoints).toBe(3_000_000n);
    expect(most.fee).toBe(40_000n);
  });

  it('all to the buyer means no fee; nothing to the buyer means the full fee', () => {
    expect(splitOf(order, order.amount)).toMatchObject({ merchantShare: 0n, fee: 0n, merchantAmount: 0n, buyerPoints: 5_000_000n });
    expect(splitOf(order, 0n)).toMatchObject({ fee: 800_000n, merchantAmount: 39_200_000n });
  });

  it('rounds the fee down like the contract and refuses more than the escrow', () => {
    expect(splitOf({ amount: 101n, pointsPaid: 0n, feeBps: 200 }, 0n)!.fee).toBe(2n);
    expect(splitOf({ amount: 49n, pointsPaid: 0n, feeBps: 200 }, 0n)!.fee).toBe(0n);
    expect(splitOf(order, order.amount + 1n)).toBeNull();
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
  it('encodes rule(orderId, order, buyerAmount) to ChainMart with no value', () => {
    const call = ruleCall('0x0000000000000000000000000000000000000C4a', 33n, order, 15_000_000n);
    expect(call.to).toBe('0x0000000000000000000000000000000000000C4a');
    expect(call.value).toBe('0');
    const decoded = decodeFunctionData({ abi: chainMartAbi, data: call.data });
    expect(decoded.functionName).toBe('rule');
    expect(decoded.args?.[0]).toBe(33n);
    expect(decoded.args?.[2]).toBe(15_000_000n);
    expect((decoded.args?.[1] as OrderStruct).amount).toBe(40_000_000n);
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
