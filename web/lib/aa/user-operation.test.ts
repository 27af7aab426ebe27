import { describe, expect, it } from 'vitest';
import { BaseError, type Hex, createPublicClient, custom, decodeFunctionData, encodeAbiParameters, erc20Abi } from 'viem';
import { foundry } from 'viem/chains';
import { AaError, classify, gasApproval, isWebAuthnRefusal } from './user-operation.ts';

const token = '0x00000000000000000000000000000000000000A1';
const owner = '0x00000000000000000000000000000000000000B0';
const paymaster = '0x00000000000000000000000000000000000000F0';

describe('gasApproval', () => {
  // A client whose token answers allowance(owner, paymaster) with `left`.
  const clientWith = (left: bigint) =>
    createPublicClient({
      chain: foundry,
      transport: custom({
        async request({ method, params }) {
          if (method !== 'eth_call') throw new Error(`unexpected ${method}`);
          const [{ to, data }] = params as [{ to: string; data: Hex }];
          expect(to.toLowerCase()).toBe(token.toLowerCase());
          expect(decodeFunctionData({ abi: erc20Abi, data }).args).toEqual([owner, paymaster]);
          return encodeAbiParameters([{ type: 'uint256' }], [left]);
        },
      }),
    });

  it('approves the paymaster for the whole allowance when what is left is below the floor', async () => {
    const calls = await gasApproval(clientWith(4n), { token, owner, paymaster, allowance: 20n, floor: 5n });
    expect(calls.map((c) => c.to)).toEqual([token]);
    expect(decodeFunctionData({ abi: erc20Abi, data: calls[0].data }).args).toEqual([paymaster, 20n]);
  });

  it('adds nothing while the allowance left reaches the floor', async () => {
    expect(await gasApproval(clientWith(5n), { token, owner, paymaster, allowance: 20n, floor: 5n })).toEqual([]);
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
