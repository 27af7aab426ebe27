import { ContractFunctionExecutionError, ContractFunctionRevertedError, UserRejectedRequestError, encodeErrorResult } from 'viem';
import { describe, expect, it } from 'vitest';
import { chainMartAbi } from '../contracts/generated/abi.ts';
import { describeError } from './errors.ts';

describe('describeError', () => {
  it('names a contract custom error with its arguments', () => {
    const data = encodeErrorResult({ abi: chainMartAbi, errorName: 'OutOfStock', args: [7n, 3, 1] });
    const revert = new ContractFunctionRevertedError({ abi: chainMartAbi, data, functionName: 'buy' });
    const error = new ContractFunctionExecutionError(revert, { abi: chainMartAbi, functionName: 'buy', args: [] });
    expect(describeError(error)).toEqual({ kind: 'revert', name: 'OutOfStock', args: [7n, 3, 1] });
  });

  it('treats a rejected signature as a rejection, not a failure', () => {
    expect(describeError(new UserRejectedRequestError(new Error('User rejected')))).toEqual({ kind: 'rejected' });
    expect(describeError({ code: 4001, message: 'denied' })).toEqual({ kind: 'rejected' });
  });

  it('keeps any other message', () => {
    expect(describeError(new Error('boom'))).toEqual({ kind: 'other', message: 'boom' });
  });
});
