import { describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { creditsFor, merchantStatus } from './merchant.ts';

const chainMart = '0x00000000000000000000000000000000000000cc' as Address;
const me = '0x00000000000000000000000000000000000000a1' as Address;

function fakeClient(answers: Record<string, unknown>) {
  const calls: { functionName: string; args: readonly unknown[] }[] = [];
  return {
    calls,
    readContract: (async (request: { functionName: string; args: readonly unknown[] }) => {
      calls.push(request);
      return answers[`${request.functionName}:${request.args.join(',')}`];
    }) as never,
  };
}

describe('merchantStatus', () => {
  it('reads merchantOf', async () => {
    const key = `0x${'ab'.repeat(32)}`;
    const client = fakeClient({ [`merchantOf:${me}`]: [true, '0x9', 100, 604800, key] });
    expect(await merchantStatus(client, chainMart, me)).toEqual({ registered: true, arbiter: '0x9', encryptionKey: key });
  });
});

describe('creditsFor', () => {
  it('reads creditOf once per token', async () => {
    const eth = '0x0000000000000000000000000000000000000000' as Address;
    const usd = '0x00000000000000000000000000000000000000Ee' as Address;
    const client = fakeClient({ [`creditOf:${me},${eth}`]: 5n, [`creditOf:${me},${usd}`]: 7n });
    const credits = await creditsFor(client, chainMart, me, [
      { token: eth, symbol: 'ETH', decimals: 18 },
      { token: usd, symbol: 'tUSD', decimals: 6 },
      { token: usd.toLowerCase() as Address, symbol: 'tUSD', decimals: 6 },
    ]);
    expect(credits.map((c) => [c.symbol, c.amount])).toEqual([
      ['ETH', 5n],
      ['tUSD', 7n],
    ]);
    expect(client.calls).toHaveLength(2);
  });
});
