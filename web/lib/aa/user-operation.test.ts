import { describe, expect, it } from 'vitest';
import { BaseError, decodeFunctionData, erc20Abi, zeroAddress } from 'viem';
import { CHECKOUT_ABI } from '../checkout/abi.ts';
import type { Cart } from '../checkout/purchase.ts';
import { AaError, cartCheckoutCalls, classify, isWebAuthnRefusal } from './user-operation.ts';

const token = '0x00000000000000000000000000000000000000A1';
const escrow = '0x00000000000000000000000000000000000000E5';
const approvalCollector = '0x00000000000000000000000000000000000000C0';
const paymaster = '0x00000000000000000000000000000000000000F0';
const line = (price: bigint, points = 0n) => ({
  listingId: 1n, quantity: 2, unitPrice: price, shipWithin: 3600, arbiter: zeroAddress, rewardBps: 0,
  autoReleaseWindow: 86400, points, shippingInfo: '0x' as const, proof: '0x' as const,
});

describe('cartCheckoutCalls', () => {
  it('approves the collector for the cash due, checks out through it, then approves the paymaster', () => {
    const cart: Cart = { token, lines: [line(5n), line(7n, 4n)] };
    const calls = cartCheckoutCalls({ cart, escrow, approvalCollector, paymaster, gasAllowance: 99n });
    expect(calls.map((c) => c.to)).toEqual([token, escrow, token]);
    expect(decodeFunctionData({ abi: erc20Abi, data: calls[0].data }).args).toEqual([approvalCollector, 20n]);
    const checkout = decodeFunctionData({ abi: CHECKOUT_ABI, data: calls[1].data });
    expect(checkout.functionName).toBe('checkout');
    expect((checkout.args as unknown as [Cart, { collector: string }])[1].collector).toBe(approvalCollector);
    expect(decodeFunctionData({ abi: erc20Abi, data: calls[2].data }).args).toEqual([paymaster, 99n]);
  });

  it('a cart paid fully in points needs no collector and no collector approval', () => {
    const calls = cartCheckoutCalls({ cart: { token, lines: [line(5n, 10n)] }, escrow, approvalCollector, paymaster, gasAllowance: 1n });
    expect(calls).toHaveLength(2);
    const checkout = decodeFunctionData({ abi: CHECKOUT_ABI, data: calls[0].data });
    expect((checkout.args as unknown as [Cart, { collector: string }])[1].collector).toBe(zeroAddress);
  });
});

describe('classify', () => {
  it('passes an AaError through and calls anything unknown a reverted operation', () => {
    const known = new AaError('paymaster-refused', 'no');
    expect(classify(known, 'http://b')).toBe(known);
    expect(classify(new Error('boom'), 'http://b').kind).toBe('operation-reverted');
  });

  it('a closed or failed passkey prompt (WebAuthn NotAllowedError, however wrapped) is passkey-refused, not a revert', () => {
    const domError = Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' });
    const oxError = Object.assign(new Error('Failed to request credential.', { cause: domError }), { name: 'Authentication.SignFailedError' });
    const wrapped = new BaseError('Execution reverted with reason: Failed to request credential.', { cause: oxError });
    expect(classify(wrapped, 'http://b').kind).toBe('passkey-refused');
    expect(classify(domError, 'http://b').kind).toBe('passkey-refused');
    expect(isWebAuthnRefusal(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(true);
    expect(isWebAuthnRefusal(new BaseError('HTTP request failed.'))).toBe(false);
  });
});
