import { describe, expect, it } from 'vitest';
import { entryPoint08Address } from 'viem/account-abstraction';
import { ENTRY_POINT_08, bundlerGasPrice, tokenQuote } from './token-quote.ts';
import { stableGasReserve } from '../wallet/funds.ts';

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const PAYMASTER = '0x888888888888Ec68A58AB8094Cc1AD20Ba3D2402';

function paymaster(answer: (body: { method: string; params: unknown[] }) => unknown) {
  const seen: { method: string; params: unknown[] }[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    seen.push(body);
    return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, ...(answer(body) as object) }));
  }) as typeof fetch;
  return { seen, fetchImpl };
}

describe('tokenQuote', () => {
  it('asks pimlico_getTokenQuotes with the token, EntryPoint v0.8 and the chain id in hex, as permissionless does', async () => {
    const { seen, fetchImpl } = paymaster(() => ({
      result: { quotes: [{ paymaster: PAYMASTER, token: TOKEN, exchangeRate: '0xb2d05e00', postOpGas: '0xc350', exchangeRateNativeToUsd: '0xb2d05e00' }] },
    }));
    const quote = await tokenQuote({ paymasterUrl: 'http://pm.test/a', token: TOKEN.toLowerCase(), chainId: 8453, fetch: fetchImpl });
    expect(seen).toEqual([{ jsonrpc: '2.0', id: 1, method: 'pimlico_getTokenQuotes', params: [{ tokens: [TOKEN.toLowerCase()] }, ENTRY_POINT_08, '0x2105'] }]);
    expect(quote).toEqual({ paymaster: PAYMASTER, exchangeRate: 3_000_000_000n, postOpGas: 50_000n });
    expect(ENTRY_POINT_08).toBe(entryPoint08Address);
  });

  it('is remembered for a minute, then asked again', async () => {
    const { seen, fetchImpl } = paymaster(() => ({ result: { quotes: [{ paymaster: PAYMASTER, token: TOKEN, exchangeRate: '0x1', postOpGas: '0x0' }] } }));
    const opts = { paymasterUrl: 'http://pm.test/b', token: TOKEN, chainId: 1, fetch: fetchImpl };
    await tokenQuote({ ...opts, now: 0 });
    await tokenQuote({ ...opts, now: 59_999 });
    expect(seen).toHaveLength(1);
    await tokenQuote({ ...opts, now: 60_000 });
    expect(seen).toHaveLength(2);
  });

  it('gives null, never throws, for a paymaster without the method, one that leaves the token out, a zero rate or a dead one', async () => {
    const cases = [
      paymaster(() => ({ error: { code: -32601, message: 'method pimlico_getTokenQuotes is not supported' } })).fetchImpl,
      paymaster(() => ({ result: { quotes: [] } })).fetchImpl,
      paymaster(() => ({ result: { quotes: [{ paymaster: PAYMASTER, token: TOKEN, exchangeRate: '0x0', postOpGas: '0x1' }] } })).fetchImpl,
      paymaster(() => ({ result: { quotes: [{ paymaster: PAYMASTER, token: TOKEN, exchangeRate: 12, postOpGas: '0x1' }] } })).fetchImpl,
      (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
    ];
    for (const [i, fetchImpl] of cases.entries()) {
      expect(await tokenQuote({ paymasterUrl: `http://pm.test/c${i}`, token: TOKEN, chainId: 1, fetch: fetchImpl })).toBeNull();
    }
  });
});

describe('stableGasReserve with a quote', () => {
  it("prices the operation's gas and the postOp's at the paymaster's rate, at twice the gas price", () => {
    // 600k + 50k gas at 2 gwei = 0.0013 ETH; at 3000 tUSD (6 decimals) per ETH: 3.9 tUSD.
    expect(stableGasReserve(1_000_000_000n, 6, { exchangeRate: 3_000_000_000n, postOpGas: 50_000n })).toBe(3_900_000n);
    // A dearer ETH costs more tUSD; without a quote the fixed estimate (3000) applies.
    expect(stableGasReserve(1_000_000_000n, 6, { exchangeRate: 6_000_000_000n, postOpGas: 50_000n })).toBe(7_800_000n);
    expect(stableGasReserve(1_000_000_000n, 6, null)).toBe(3_600_000n);
  });

  it('rounds up to a cent, so a cheap network shows 0.01 tUSD and never less than the charge', () => {
    // 650k gas x 2 x 0.0133 gwei at 3000 tUSD per ETH = 0.05187 tUSD: reserved as 0.06.
    expect(stableGasReserve(13_300_000n, 6, { exchangeRate: 3_000_000_000n, postOpGas: 50_000n })).toBe(60_000n);
    expect(stableGasReserve(1n, 6, { exchangeRate: 3_000_000_000n, postOpGas: 50_000n })).toBe(10_000n);
    expect(stableGasReserve(0n, 6, null)).toBe(0n);
  });

  it('reserves 60k more gas per cart line beyond the third (a 10-line cart: 1.02M gas)', () => {
    const quote = { exchangeRate: 3_000_000_000n, postOpGas: 50_000n };
    expect(stableGasReserve(1_000_000_000n, 6, quote, 3)).toBe(stableGasReserve(1_000_000_000n, 6, quote, 1));
    // (1.02M + 50k) gas x 2 gwei at 3000 tUSD per ETH = 6.42 tUSD.
    expect(stableGasReserve(1_000_000_000n, 6, quote, 10)).toBe(6_420_000n);
  });
});

describe('bundlerGasPrice', () => {
  it("asks pimlico_getUserOperationGasPrice and takes the standard tier's max fee, remembered for 15 s", async () => {
    const { seen, fetchImpl } = paymaster(() => ({
      result: {
        slow: { maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x1' },
        standard: { maxFeePerGas: '0x18734ef', maxPriorityFeePerGas: '0xf4240' },
        fast: { maxFeePerGas: '0x2000000', maxPriorityFeePerGas: '0xf4240' },
      },
    }));
    const opts = { bundlerUrl: 'http://bundler.test/a', fetch: fetchImpl };
    expect(await bundlerGasPrice({ ...opts, now: 0 })).toBe(25_638_127n);
    expect(seen).toEqual([{ jsonrpc: '2.0', id: 1, method: 'pimlico_getUserOperationGasPrice', params: [] }]);
    await bundlerGasPrice({ ...opts, now: 14_999 });
    expect(seen).toHaveLength(1);
    await bundlerGasPrice({ ...opts, now: 15_000 });
    expect(seen).toHaveLength(2);
  });

  it('gives null, never throws, for a bundler without the method, a nonsense answer or a dead one', async () => {
    const missing = paymaster(() => ({ error: { code: -32601, message: 'Method not found' } }));
    expect(await bundlerGasPrice({ bundlerUrl: 'http://bundler.test/b', fetch: missing.fetchImpl })).toBeNull();
    const zero = paymaster(() => ({ result: { standard: { maxFeePerGas: '0x0' } } }));
    expect(await bundlerGasPrice({ bundlerUrl: 'http://bundler.test/c', fetch: zero.fetchImpl })).toBeNull();
    const dead = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await bundlerGasPrice({ bundlerUrl: 'http://bundler.test/d', fetch: dead })).toBeNull();
  });
});
