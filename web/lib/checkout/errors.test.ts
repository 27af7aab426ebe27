import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { m } from '../paraglide/messages.js';
import { CHECKOUT_ABI } from './abi.ts';
import { checkoutErrorMessage, isGateRefusal } from './errors.ts';

/** A checkout reverted with `errorName`, decoded through the ABI pay.ts simulates and sends with. */
function reverted(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: CHECKOUT_ABI, errorName, args } as never);
  const error = new ContractFunctionRevertedError({ abi: CHECKOUT_ABI, data, functionName: 'checkout' });
  return new ContractFunctionExecutionError(error, { abi: CHECKOUT_ABI, functionName: 'checkout', args: [] });
}

describe('checkoutErrorMessage', () => {
  it('says the merchant changed the terms, and that it is not a gate refusal', () => {
    const error = reverted('LineTermsChanged', [0n, 7n]);
    expect(checkoutErrorMessage(error)).toEqual({ tone: 'error', text: m.err_LineTermsChanged() });
    expect(isGateRefusal(error)).toBe(false);
  });

  it('explains an attestation that says otherwise as the gate refusing it', () => {
    const error = reverted('AttestationDataMismatch', [zeroHash, zeroHash]);
    expect(isGateRefusal(error)).toBe(true);
    expect(checkoutErrorMessage(error)).toEqual({ tone: 'error', text: m.checkout_gate_refused({ reason: m.checkout_gate_err_data() }) });
  });

  it('decodes the errors of the catalog, the collectors and the token a checkout calls', () => {
    expect(checkoutErrorMessage(reverted('OutOfStock', [7n, 3, 1])).text).toBe(m.err_OutOfStock());
    expect(checkoutErrorMessage(reverted('AllowanceInsufficient', [0n, 5n])).text).toBe(m.err_AllowanceInsufficient());
    expect(checkoutErrorMessage(reverted('AuthorizationUsed', ['0x0000000000000000000000000000000000000001', zeroHash])).text).toBe(m.err_AuthorizationUsed());
    expect(checkoutErrorMessage(reverted('EthAmountMismatch', [1n, 2n])).text).toBe(m.err_EthAmountMismatch());
  });
});
