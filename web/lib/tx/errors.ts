// One error mapper for every write and read: a user rejection is a neutral notice, a contract revert is the
// custom error's name (translated by the caller into a sentence), anything else is viem's short message.
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from 'viem';

export type DescribedError =
  | { kind: 'rejected' }
  | { kind: 'revert'; name: string; args: readonly unknown[] }
  | { kind: 'chain-mismatch' }
  | { kind: 'insufficient-funds' }
  | { kind: 'other'; message: string };

export function describeError(error: unknown): DescribedError {
  if (error instanceof BaseError) {
    const rejected = error.walk((e) => e instanceof UserRejectedRequestError || (e as { code?: number }).code === 4001);
    if (rejected) return { kind: 'rejected' };
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    if (revert?.data?.errorName) return { kind: 'revert', name: revert.data.errorName, args: revert.data.args ?? [] };
    if (revert?.reason) return { kind: 'other', message: revert.reason };
    if (error.walk((e) => (e as BaseError).name === 'ChainMismatchError')) return { kind: 'chain-mismatch' };
    if (error.walk((e) => (e as BaseError).name === 'InsufficientFundsError')) return { kind: 'insufficient-funds' };
    return { kind: 'other', message: error.shortMessage };
  }
  if ((error as { code?: number })?.code === 4001) return { kind: 'rejected' };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** EIP-1193 / JSON-RPC codes of a wallet that does not implement a method (e.g. eth_signTypedData_v4). */
const UNSUPPORTED_METHOD_CODES = new Set([4200, -32004, -32601]);

/** Whether the wallet refused a request because it does not support the method (not because the user said no). */
export function isUnsupportedMethod(error: unknown): boolean {
  const code = (e: unknown) => (e as { code?: number })?.code;
  if (error instanceof BaseError) return error.walk((e) => UNSUPPORTED_METHOD_CODES.has(code(e) ?? 0)) !== null;
  return UNSUPPORTED_METHOD_CODES.has(code(error) ?? 0);
}
