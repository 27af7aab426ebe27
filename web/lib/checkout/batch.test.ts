import { decodeFunctionData, erc20Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_ABI } from './abi.ts';
import { approveAndCheckoutCalls, paymentRoute } from './batch.ts';
import { type Cart, ZERO_ADDRESS } from './purchase.ts';

const tusd = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const escrow = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const approvalCollector = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';

describe('paymentRoute', () => {
  const base = { token: tusd, cash: 10n, allowance: 0n, atomicBatching: true } as const;

  it('ETH and points-only carts need no batch, even from a wallet that batches', () => {
    expect(paymentRoute({ ...base, token: ZERO_ADDRESS })).toBe('eth');
    expect(paymentRoute({ ...base, cash: 0n })).toBe('points');
  });

  it('an allowance that covers the cash is one checkout, batch or not', () => {
    expect(paymentRoute({ ...base, allowance: 10n })).toBe('allowance');
    expect(paymentRoute({ ...base, allowance: 11n, atomicBatching: false })).toBe('allowance');
  });

  it('a token payment batches where the wallet batches atomically, else signs', () => {
    expect(paymentRoute(base)).toBe('batch');
    expect(paymentRoute({ ...base, allowance: 9n })).toBe('batch');
    expect(paymentRoute({ ...base, atomicBatching: false })).toBe('signature');
  });
});

describe('approveAndCheckoutCalls', () => {
  it('approves exactly the cash to the ApprovalCollector, then checks out the cart through it', () => {
    const cart: Cart = {
      token: tusd,
      lines: [
        { listingId: 3n, quantity: 2, unitPrice: 4n, shipWithin: 86_400, arbiter: escrow, rewardBps: 100, autoReleaseWindow: 604_800, points: 1n, shippingInfo: '0x01', proof: '0x' },
        { listingId: 9n, quantity: 1, unitPrice: 3n, shipWithin: 86_400, arbiter: escrow, rewardBps: 0, autoReleaseWindow: 604_800, points: 0n, shippingInfo: '0x02', proof: '0x' },
      ],
    };
    const [approve, checkout, ...rest] = approveAndCheckoutCalls({ cart, cash: 10n, escrow, approvalCollector });
    expect(rest).toEqual([]);
    expect(approve.to).toBe(tusd);
    expect(approve.value).toBeUndefined();
    expect(decodeFunctionData({ abi: erc20Abi, data: approve.data })).toEqual({ functionName: 'approve', args: [approvalCollector, 10n] });
    expect(checkout.to).toBe(escrow);
    expect(checkout.value).toBeUndefined();
    const decoded = decodeFunctionData({ abi: CHECKOUT_ABI, data: checkout.data });
    expect(decoded.functionName).toBe('checkout');
    expect(decoded.args).toEqual([cart, { collector: approvalCollector, data: '0x' }]);
  });
});
