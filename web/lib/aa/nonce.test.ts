import { describe, expect, it } from 'vitest';
import { createClient, custom, decodeFunctionData, encodeAbiParameters } from 'viem';
import { entryPoint08Abi, entryPoint08Address } from 'viem/account-abstraction';
import { sequentialNonce } from './nonce.ts';

const account = '0x00000000000000000000000000000000000000A1';

describe('sequentialNonce', () => {
  it("asks the EntryPoint for the account's sequence under key 0", async () => {
    const asked: { to: string; args: readonly unknown[] }[] = [];
    const client = createClient({
      transport: custom({
        async request({ method, params }) {
          if (method !== 'eth_call') throw new Error(`unexpected ${method}`);
          const [{ to, data }] = params as [{ to: string; data: `0x${string}` }];
          asked.push({ to, args: decodeFunctionData({ abi: entryPoint08Abi, data }).args ?? [] });
          return encodeAbiParameters([{ type: 'uint256' }], [7n]);
        },
      }),
    });
    expect(await sequentialNonce(client, account)).toBe(7n);
    expect(asked).toEqual([{ to: entryPoint08Address, args: [account, 0n] }]);
  });
});
