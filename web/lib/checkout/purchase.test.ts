import { decodeFunctionData, encodeFunctionData, getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { amounts, buildCartLine, cartCash, maxPoints, maxQuantity, parseAmount, parseQuantity, shortfall } from './purchase.ts';

const tusd = (n: number) => BigInt(Math.round(n * 1e6));

describe('amounts', () => {
  it('splits the total into points and cash; fee and reward come out of the merchant share', () => {
    const a = amounts({ price: tusd(12.5), quantity: 3, points: tusd(5), feeBps: 250, rewardBps: 300, inSettlementToken: true });
    expect(a.total).toBe(tusd(37.5));
    expect(a.points).toBe(tusd(5));
    expect(a.cash).toBe(tusd(32.5));
    expect(a.fee).toBe(tusd(0.9375));
    expect(a.reward).toBe(tusd(1.125));
    expect(a.merchantReceives).toBe(a.total - a.fee - a.reward);
  });

  it('neither spends nor earns points outside the settlement token', () => {
    const a = amounts({ price: 10n ** 16n, quantity: 2, points: 99n, feeBps: 100, rewardBps: 500, inSettlementToken: false });
    expect(a.points).toBe(0n);
    expect(a.cash).toBe(2n * 10n ** 16n);
    expect(a.reward).toBe(0n);
  });

  it('never spends more points than the total, so the cash part is never negative', () => {
    const a = amounts({ price: tusd(69), quantity: 1, points: tusd(100_000), feeBps: 200, rewardBps: 300, inSettlementToken: true });
    expect(a.points).toBe(tusd(69));
    expect(a.cash).toBe(0n);
  });

  it('rounds fee and reward down like the contract', () => {
    const a = amounts({ price: 3n, quantity: 1, points: 0n, feeBps: 250, rewardBps: 300, inSettlementToken: true });
    expect(a.fee).toBe(0n);
    expect(a.reward).toBe(0n);
  });
});

describe('limits', () => {
  it('quantity is bounded by the per-order limit and the stock', () => {
    expect(maxQuantity(5, '3')).toBe(3);
    expect(maxQuantity(5, 120n)).toBe(5);
    expect(maxQuantity(5, '0')).toBe(0);
  });

  it('points are bounded by the balance and the total', () => {
    expect(maxPoints(tusd(3), tusd(10), true)).toBe(tusd(3));
    expect(maxPoints(tusd(30), tusd(10), true)).toBe(tusd(10));
    expect(maxPoints(tusd(30), tusd(10), false)).toBe(0n);
  });

  it('parses what people type', () => {
    expect(parseAmount('1.5', 6)).toBe(1_500_000n);
    expect(parseAmount('', 6)).toBe(0n);
    expect(parseAmount('1.1234567', 6)).toBeNull();
    expect(parseAmount('-1', 6)).toBeNull();
    expect(parseAmount('1e3', 6)).toBeNull();
    expect(parseQuantity('2', 5)).toBe(2);
    expect(parseQuantity(6, 5)).toBeNull();
    expect(parseQuantity('0', 5)).toBeNull();
    expect(parseQuantity('1.5', 5)).toBeNull();
  });
});

describe('buildCartLine', () => {
  const merchant = { arbiter: '0x00000000000000000000000000000000000000d1', rewardBps: 300, autoReleaseWindow: '604800' };
  const line = buildCartLine({ listingId: '7', quantity: 2, price: tusd(4), shipWithin: '259200', merchant, points: tusd(1), shippingInfo: '0x01' });

  it('carries the terms the buyer was shown: listing price and shipping window, merchant arbiter, reward, release window', () => {
    expect(line).toEqual({
      listingId: 7n,
      quantity: 2,
      unitPrice: tusd(4),
      shipWithin: 259_200,
      arbiter: merchant.arbiter,
      rewardBps: 300,
      autoReleaseWindow: 604_800,
      points: tusd(1),
      shippingInfo: '0x01',
      proof: '0x',
    });
    expect(buildCartLine({ listingId: 7n, quantity: 1, price: 1n, shipWithin: 1, merchant, points: 0n, shippingInfo: '0x', proof: '0xabcd' }).proof).toBe('0xabcd');
  });

  it('encodes as the CartLine of the escrow ABI, field for field', () => {
    const data = encodeFunctionData({ abi: chainMartEscrowAbi, functionName: 'checkout', args: [{ token: '0x00000000000000000000000000000000000000c1', lines: [line] }, { collector: '0x00000000000000000000000000000000000000e1', data: '0x' }] });
    const { args } = decodeFunctionData({ abi: chainMartEscrowAbi, data });
    const [cart] = args as unknown as [{ lines: readonly Record<string, unknown>[] }];
    expect(cart.lines[0]).toEqual({ ...line, arbiter: getAddress(merchant.arbiter) });
  });

  it('the cash due is the totals of the lines less their points', () => {
    expect(cartCash([line])).toBe(tusd(7));
    expect(cartCash([line, { ...line, quantity: 1, points: 0n }])).toBe(tusd(11));
  });
});

describe('shortfall', () => {
  const need = amounts({ price: tusd(10), quantity: 1, points: tusd(2), feeBps: 0, rewardBps: 0, inSettlementToken: true });
  it('reports the cash or points missing', () => {
    expect(shortfall(need, { cash: tusd(8), points: tusd(2) })).toBeNull();
    expect(shortfall(need, { cash: tusd(7), points: tusd(2) })).toEqual({ kind: 'cash', needed: tusd(8), balance: tusd(7) });
    expect(shortfall(need, { cash: tusd(100), points: tusd(1) })).toEqual({ kind: 'points', needed: tusd(2), balance: tusd(1) });
  });
});
