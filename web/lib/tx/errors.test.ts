import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  MethodNotSupportedRpcError,
  UnsupportedProviderMethodError,
  UserRejectedRequestError,
  encodeErrorResult,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { describeError, isUnsupportedMethod } from './errors.ts';

function revert(errorName: 'LineTermsChanged' | 'EthAmountMismatch', args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: chainMartEscrowAbi, errorName, args } as never);
  const reverted = new ContractFunctionRevertedError({ abi: chainMartEscrowAbi, data, functionName: 'checkout' });
  return new ContractFunctionExecutionError(reverted, { abi: chainMartEscrowAbi, functionName: 'checkout', args: [] });
}

describe('describeError', () => {
  it('names an escrow custom error with its arguments', () => {
    expect(describeError(revert('LineTermsChanged', [0n, 7n]))).toEqual({ kind: 'revert', name: 'LineTermsChanged', args: [0n, 7n] });
    expect(describeError(revert('EthAmountMismatch', [1n, 2n]))).toEqual({ kind: 'revert', name: 'EthAmountMismatch', args: [1n, 2n] });
  });

  it('treats a rejected signature as a rejection, not a failure', () => {
    expect(describeError(new UserRejectedRequestError(new Error('User rejected')))).toEqual({ kind: 'rejected' });
    expect(describeError({ code: 4001, message: 'denied' })).toEqual({ kind: 'rejected' });
  });

  it('keeps any other message', () => {
    expect(describeError(new Error('boom'))).toEqual({ kind: 'other', message: 'boom' });
  });
});

describe('isUnsupportedMethod', () => {
  it('recognises a wallet without the method, not a rejection or a revert', () => {
    expect(isUnsupportedMethod(new UnsupportedProviderMethodError(new Error('eth_signTypedData_v4')))).toBe(true);
    expect(isUnsupportedMethod(new MethodNotSupportedRpcError(new Error('nope')))).toBe(true);
    expect(isUnsupportedMethod({ code: 4200 })).toBe(true);
    expect(isUnsupportedMethod(new UserRejectedRequestError(new Error('User rejected')))).toBe(false);
    expect(isUnsupportedMethod(revert('LineTermsChanged', [0n, 7n]))).toBe(false);
  });
});
