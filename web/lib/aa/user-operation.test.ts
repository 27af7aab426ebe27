import { describe, expect, it } from 'vitest';
import { BaseError, type Hex, createPublicClient, custom, http, decodeFunctionData, encodeAbiParameters, erc20Abi } from 'viem';
import { foundry } from 'viem/chains';
import { createBundlerClient } from 'viem/account-abstraction';
import { AaError, classify, gasApproval, isWebAuthnRefusal, userOperationFees } from './user-operation.ts';

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

describe('userOperationFees', () => {
  const gwei = (n: number) => BigInt(Math.round(n * 1e9));
  const hex = (n: bigint) => `0x${n.toString(16)}`;
  // The chain: a base fee of 0.01 gwei and, as anvil suggests after the bundler's own bundles, a 2 gwei tip.
  const chain = createPublicClient({
    chain: foundry,
    transport: custom({
      async request({ method }) {
        if (method === 'eth_maxPriorityFeePerGas') return hex(gwei(2));
        if (method === 'eth_getBlockByNumber') return { baseFeePerGas: hex(gwei(0.01)), number: '0x1', hash: `0x${'1'.repeat(64)}`, transactions: [] };
        throw new Error(`unexpected ${method}`);
      },
    }),
  });
  const bundler = (answer: (method: string) => unknown) =>
    createBundlerClient({
      chain: foundry,
      transport: custom({
        async request({ method }) {
          return answer(method);
        },
      }),
    });
  const tiers = { slow: { maxFeePerGas: hex(gwei(0.011)), maxPriorityFeePerGas: hex(gwei(0.0009)) }, standard: { maxFeePerGas: hex(gwei(0.013)), maxPriorityFeePerGas: hex(gwei(0.001)) }, fast: { maxFeePerGas: hex(gwei(0.02)), maxPriorityFeePerGas: hex(gwei(0.002)) } };

  it("takes the bundler's standard tier as is (Pimlico's pimlico_getUserOperationGasPrice)", async () => {
    const fees = await userOperationFees(bundler((method) => (method === 'pimlico_getUserOperationGasPrice' ? tiers : undefined)), chain);
    expect(fees).toEqual({ maxFeePerGas: gwei(0.013), maxPriorityFeePerGas: gwei(0.001) });
  });

  it("a bundler without the method: viem's default, twice the chain's estimate (such bundlers floor the tip)", async () => {
    const fees = await userOperationFees(
      bundler(() => {
        throw Object.assign(new Error('Method not found'), { code: -32601 });
      }),
      chain,
    );
    // The chain's estimate: 1.2 x the base fee + the suggested tip; doubled, as viem's user-operation default does.
    expect(fees).toEqual({ maxFeePerGas: 2n * (gwei(0.012) + gwei(2)), maxPriorityFeePerGas: 2n * gwei(2) });
  });

  it('a tier that makes no sense (tip above the max fee, not hex) is not taken', async () => {
    const bad = { standard: { maxFeePerGas: hex(gwei(0.001)), maxPriorityFeePerGas: hex(gwei(5)) } };
    expect((await userOperationFees(bundler(() => bad), chain)).maxPriorityFeePerGas).toBe(gwei(4));
    expect((await userOperationFees(bundler(() => ({ standard: { maxFeePerGas: 12, maxPriorityFeePerGas: '1' } })), chain)).maxPriorityFeePerGas).toBe(gwei(4));
  });

  it("a bundler asking over 5x the chain's max fee is refused (bundler-overpriced), before anything is signed", async () => {
    // The chain's max fee here: 1.2 x 0.01 + 2 = 2.012 gwei. 5x is 10.06 gwei.
    const dear = (fee: number) => ({ standard: { maxFeePerGas: hex(gwei(fee)), maxPriorityFeePerGas: hex(gwei(1)) } });
    expect((await userOperationFees(bundler(() => dear(10.06)), chain)).maxFeePerGas).toBe(gwei(10.06));
    const refused = await userOperationFees(bundler(() => dear(10.07)), chain).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AaError);
    expect((refused as AaError).kind).toBe('bundler-overpriced');
    // Thrown inside viem's preparation, it reaches the UI wrapped: classify finds it.
    expect(classify(new BaseError('User operation failed', { cause: refused as Error }), 'http://b').kind).toBe('bundler-overpriced');
  });

  it('a bundler that is down fails, so the operation says which service is down', async () => {
    const down = createBundlerClient({ chain: foundry, transport: http('http://127.0.0.1:9', { retryCount: 0 }) });
    await expect(userOperationFees(down, chain)).rejects.toThrow(/HTTP request failed/);
  });
});
