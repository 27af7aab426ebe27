import { ContractFunctionExecutionError, ContractFunctionRevertedError, UserRejectedRequestError, encodeErrorResult } from 'viem';
import { describe, expect, it } from 'vitest';
import { m } from '../paraglide/messages.js';
import { CHECKOUT_ABI } from '../checkout/abi.ts';
import { cartErrorMessage, faultyListing } from './errors.ts';

function reverted(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: CHECKOUT_ABI, errorName, args } as never);
  const error = new ContractFunctionRevertedError({ abi: CHECKOUT_ABI, data, functionName: 'checkout' });
  return new ContractFunctionExecutionError(error, { abi: CHECKOUT_ABI, functionName: 'checkout', args: [] });
}

const lines = [
  { listingId: '4', title: 'Longjing' },
  { listingId: '9', title: 'Celadon cup' },
];

describe('cartErrorMessage', () => {
  it('names the line whose terms changed, by its index in the cart', () => {
    const error = reverted('LineTermsChanged', [1n, 9n]);
    expect(faultyListing(error, lines)).toBe('9');
    expect(cartErrorMessage(error, lines)).toEqual({ tone: 'error', text: m.cart_line_terms_changed({ title: 'Celadon cup' }) });
  });

  it('names the listing that ran out of stock or was paused', () => {
    expect(cartErrorMessage(reverted('OutOfStock', [4n, 3, 1]), lines).text).toBe(m.cart_out_of_stock({ title: 'Longjing', available: '1' }));
    expect(cartErrorMessage(reverted('ListingIsPaused', [9n]), lines).text).toBe(m.cart_line_paused({ title: 'Celadon cup' }));
  });

  it('says a rejected signature keeps the cart, as a neutral notice', () => {
    const error = new UserRejectedRequestError(new Error('User rejected the request.'));
    expect(cartErrorMessage(error, lines)).toEqual({ tone: 'neutral', text: m.cart_rejected() });
  });

  it('leaves other errors to the checkout mapper', () => {
    expect(cartErrorMessage(reverted('AllowanceInsufficient', [0n, 5n]), lines).text).toBe(m.err_AllowanceInsufficient());
    expect(faultyListing(reverted('AllowanceInsufficient', [0n, 5n]), lines)).toBeNull();
  });
});
