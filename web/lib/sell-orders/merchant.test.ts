import { describe, expect, it } from 'vitest';
import { type Address, decodeFunctionData, encodeFunctionData } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { creditsFor, merchantStatus, withdrawAllRequest, withdrawableTokens } from './merchant.ts';

const catalog = '0x00000000000000000000000000000000000000cc' as Address;
const escrow = '0x00000000000000000000000000000000000000ee' as Address;
const me = '0x00000000000000000000000000000000000000a1' as Address;
const eth = '0x0000000000000000000000000000000000000000' as Address;
const usd = '0x00000000000000000000000000000000000000ee' as Address;

function fakeClient(answers: Record<string, unknown>) {
  const calls: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] }[] = [];
  return {
    calls,
    readContract: (async (request: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] }) => {
      calls.push(request);
      return answers[`${request.address}:${request.functionName}:${request.args.join(',')}`];
    }) as never,
  };
}

describe('merchantStatus', () => {
  it('reads merchantOf from the catalog', async () => {
    const key = `0x${'ab'.repeat(32)}`;
    const client = fakeClient({ [`${catalog}:merchantOf:${me}`]: [true, '0x9', 100, 604800, key] });
    expect(await merchantStatus(client, catalog, me)).toEqual({ registered: true, arbiter: '0x9', encryptionKey: key });
    expect(client.calls[0].abi).toBe(chainMartCatalogAbi);
  });
});

describe('creditsFor', () => {
  it('reads the escrow\'s creditOf once per token', async () => {
    const client = fakeClient({ [`${escrow}:creditOf:${me},${eth}`]: 5n, [`${escrow}:creditOf:${me},${usd}`]: 7n });
    const credits = await creditsFor(client, escrow, me, [
      { token: eth, symbol: 'ETH', decimals: 18 },
      { token: usd, symbol: 'tUSD', decimals: 6 },
      { token: usd.toUpperCase().replace('0X', '0x') as Address, symbol: 'tUSD', decimals: 6 },
    ]);
    expect(credits.map((c) => [c.symbol, c.amount])).toEqual([
      ['ETH', 5n],
      ['tUSD', 7n],
    ]);
    expect(client.calls).toHaveLength(2);
    expect(client.calls.every((c) => c.abi === chainMartEscrowAbi)).toBe(true);
  });
});

describe('withdraw all', () => {
  const credits = [
    { token: eth, symbol: 'ETH', decimals: 18, amount: 0n },
    { token: usd, symbol: 'tUSD', decimals: 6, amount: 7n },
  ];

  it('takes only the tokens with a balance', () => {
    expect(withdrawableTokens(credits)).toEqual([usd]);
    expect(withdrawableTokens([{ ...credits[0], amount: 1n }, credits[1]])).toEqual([eth, usd]);
    expect(withdrawableTokens([credits[0]])).toEqual([]);
  });

  it('encodes withdraw(address[] tokens, address to) on the escrow', () => {
    const request = withdrawAllRequest(escrow, [{ ...credits[0], amount: 3n }, credits[1]], me);
    expect(request.address).toBe(escrow);
    const decoded = decodeFunctionData({ abi: chainMartEscrowAbi, data: encodeFunctionData(request) });
    expect(decoded.functionName).toBe('withdraw');
    const [tokens, to] = decoded.args as readonly [readonly Address[], Address];
    expect(tokens.map((t) => t.toLowerCase())).toEqual([eth, usd]);
    expect(to.toLowerCase()).toBe(me);
  });
});
