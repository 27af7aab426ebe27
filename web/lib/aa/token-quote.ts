// What the paymaster charges for gas in a token, asked the way Pimlico's ERC-20 paymaster API is asked
// (`pimlico_getTokenQuotes` [{ tokens }, entryPoint, chainId], the call permissionless's getTokenQuotes makes):
// `exchangeRate` is token units per 1e18 wei, `postOpGas` the gas its postOp adds to the bill. A plain
// JSON-RPC POST, so the cart and checkout pages can show the gas in the stablecoin without loading viem's AA code.

/** ERC-4337 EntryPoint v0.8, the one the site's user operations go to (viem's entryPoint08Address). */
export const ENTRY_POINT_08 = '0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108';
const TTL_MS = 60_000;
const TIMEOUT_MS = 4_000;

export interface TokenQuote {
  paymaster: string;
  /** Token units per 1e18 wei (1 ETH). */
  exchangeRate: bigint;
  postOpGas: bigint;
}

const cache = new Map<string, { until: number; quote: Promise<TokenQuote | null> }>();

const isHex = (value: unknown): value is string => typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value);

/**
 * The paymaster's quote for `token`, or null when it gives none (a paymaster without the method, one that does
 * not take the token, or one that is down): the caller then estimates. Remembered for a minute per paymaster,
 * token and chain.
 */
export function tokenQuote(opts: { paymasterUrl: string; token: string; chainId: number; fetch?: typeof fetch; now?: number }): Promise<TokenQuote | null> {
  const now = opts.now ?? Date.now();
  const key = `${opts.paymasterUrl}\n${opts.token.toLowerCase()}\n${opts.chainId}`;
  const cached = cache.get(key);
  if (cached && now < cached.until) return cached.quote;
  const quote = request(opts).catch(() => null);
  cache.set(key, { until: now + TTL_MS, quote });
  return quote;
}

async function request(opts: { paymasterUrl: string; token: string; chainId: number; fetch?: typeof fetch }): Promise<TokenQuote | null> {
  const response = await (opts.fetch ?? fetch)(opts.paymasterUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'pimlico_getTokenQuotes', params: [{ tokens: [opts.token] }, ENTRY_POINT_08, `0x${opts.chainId.toString(16)}`] }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json()) as { result?: { quotes?: unknown } };
  const quotes = Array.isArray(body.result?.quotes) ? (body.result.quotes as Record<string, unknown>[]) : [];
  const quote = quotes.find((q) => typeof q.token === 'string' && q.token.toLowerCase() === opts.token.toLowerCase());
  if (!quote || !isHex(quote.exchangeRate) || !isHex(quote.postOpGas) || typeof quote.paymaster !== 'string') return null;
  const exchangeRate = BigInt(quote.exchangeRate);
  if (exchangeRate === 0n) return null;
  return { paymaster: quote.paymaster, exchangeRate, postOpGas: BigInt(quote.postOpGas) };
}

const GAS_PRICE_TTL_MS = 15_000;
const gasPrices = new Map<string, { until: number; price: Promise<bigint | null> }>();

/**
 * The max fee per gas the bundler would have a user operation bid now (the `standard` tier of Pimlico's
 * `pimlico_getUserOperationGasPrice`, what aa/user-operation.ts bids), or null from a bundler without the method
 * or one that is down: the caller then reserves at the chain's gas price. Remembered for 15 s per bundler.
 */
export function bundlerGasPrice(opts: { bundlerUrl: string; fetch?: typeof fetch; now?: number }): Promise<bigint | null> {
  const now = opts.now ?? Date.now();
  const cached = gasPrices.get(opts.bundlerUrl);
  if (cached && now < cached.until) return cached.price;
  const price = (async () => {
    const response = await (opts.fetch ?? fetch)(opts.bundlerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'pimlico_getUserOperationGasPrice', params: [] }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.json()) as { result?: { standard?: { maxFeePerGas?: unknown } } };
    const fee = body.result?.standard?.maxFeePerGas;
    return isHex(fee) && BigInt(fee) > 0n ? BigInt(fee) : null;
  })().catch(() => null);
  gasPrices.set(opts.bundlerUrl, { until: now + GAS_PRICE_TTL_MS, price });
  return price;
}
