import { AtomicityNotSupportedError, BaseError, MethodNotFoundRpcError, UnsupportedProviderMethodError, UserRejectedRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { type CallsStatus, batchOutcome, isBatchUnsupported, paymasterCapabilities } from './calls.ts';

const log = { address: '0x00000000000000000000000000000000000000e5', data: '0x', topics: ['0x01'] } as const;
const receipt = (status: 'success' | 'reverted', transactionHash: `0x${string}` = '0xaa') => ({ status, transactionHash, logs: [log] });

describe('batchOutcome', () => {
  it('1xx is pending', () => {
    expect(batchOutcome({ statusCode: 100 })).toEqual({ kind: 'pending' });
  });

  it('200 with successful receipts is confirmed, with each hash once and every log in order', () => {
    const status: CallsStatus = { statusCode: 200, atomic: true, receipts: [receipt('success', '0xaa'), receipt('success', '0xaa'), receipt('success', '0xbb')] };
    expect(batchOutcome(status)).toEqual({ kind: 'confirmed', hashes: ['0xaa', '0xbb'], logs: [log, log, log] });
  });

  it('200 is not taken at its word: a reverted receipt, or none at all, is a revert', () => {
    expect(batchOutcome({ statusCode: 200, receipts: [receipt('success'), receipt('reverted')] })).toEqual({ kind: 'reverted' });
    expect(batchOutcome({ statusCode: 200, receipts: [] })).toEqual({ kind: 'reverted' });
    expect(batchOutcome({ statusCode: 200 })).toEqual({ kind: 'reverted' });
  });

  it('400 failed off chain; 500 and 600 reverted', () => {
    expect(batchOutcome({ statusCode: 400 })).toEqual({ kind: 'failed' });
    expect(batchOutcome({ statusCode: 500, receipts: [receipt('reverted')] })).toEqual({ kind: 'reverted' });
    expect(batchOutcome({ statusCode: 600 })).toEqual({ kind: 'reverted' });
  });
});

describe('isBatchUnsupported', () => {
  it('knows the codes of a wallet that cannot batch, raw or wrapped by viem', () => {
    for (const code of [4200, -32601, 5700, 5710, 5750, 5760]) expect(isBatchUnsupported({ code })).toBe(true);
    expect(isBatchUnsupported(new MethodNotFoundRpcError(new Error('wallet_sendCalls')))).toBe(true);
    expect(isBatchUnsupported(new UnsupportedProviderMethodError(new Error('no')))).toBe(true);
    expect(isBatchUnsupported(new AtomicityNotSupportedError(new Error('no')))).toBe(true);
    expect(isBatchUnsupported(new BaseError('outer', { cause: new AtomicityNotSupportedError(new Error('no')) }))).toBe(true);
  });

  it('a user who said no, or any other failure, is not "unsupported": it must not fall back to another prompt', () => {
    expect(isBatchUnsupported(new UserRejectedRequestError(new Error('no')))).toBe(false);
    expect(isBatchUnsupported({ code: 4001 })).toBe(false);
    expect(isBatchUnsupported({ code: -32603 })).toBe(false);
    expect(isBatchUnsupported(new Error('boom'))).toBe(false);
    expect(isBatchUnsupported(undefined)).toBe(false);
  });
});

describe('paymasterCapabilities (ERC-7677 in wallet_sendCalls)', () => {
  const token = '0x00000000000000000000000000000000000000A1';
  it('names the configured paymaster, with the stablecoin as its context, when the wallet supports it', () => {
    expect(paymasterCapabilities({ supported: true, paymasterUrl: ' https://pm.example/rpc ', token })).toEqual({
      paymasterService: { url: 'https://pm.example/rpc', context: { token } },
    });
  });

  it('nothing when the wallet does not support it or no paymaster is configured', () => {
    expect(paymasterCapabilities({ supported: false, paymasterUrl: 'https://pm.example/rpc', token })).toBeUndefined();
    expect(paymasterCapabilities({ supported: true, paymasterUrl: '', token })).toBeUndefined();
    expect(paymasterCapabilities({ supported: true, paymasterUrl: undefined, token })).toBeUndefined();
    expect(paymasterCapabilities({ supported: true, paymasterUrl: '   ', token })).toBeUndefined();
  });
});
