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

const isHex = (value: unknown): value is string => typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value);

const remembered = new Map<string, { until: number; value: Promise<unknown> }>();

/** `ask()` once per `key` for `ttlMs`; a failure is remembered as null, like an answer that says nothing. */
function remember<T>(key: string, ttlMs: number, now: number, ask: () => Promise<T | null>): Promise<T | null> {
  const cached = remembered.get(key);
  if (cached && now < cached.until) return cached.value as Promise<T | null>;
  const value = ask().catch(() => null);
  remembered.set(key, { until: now + ttlMs, value });
  return value;
}

/** One JSON-RPC call over a plain POST: its `result` (undefined for an error answer). */
async function rpc(url: string, method: string, params: unknown[], fetchImpl: typeof fetch = fetch): Promise<unknown> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return ((await response.json()) as { result?: unknown }).result;
}

/**
 * The paymaster's quote for `token`, or null when it gives none (a paymaster without the method, one that does
 * not take the token, or one that is down): the caller then estimates. Remembered for a minute per paymaster,
 * token and chain.
 */
export function tokenQuote(opts: { paymasterUrl: string; token: string; chainId: number; fetch?: typeof fetch; now?: number }): Promise<TokenQuote | null> {
  const key = `quote\n${opts.paymasterUrl}\n${opts.token.toLowerCase()}\n${opts.chainId}`;
  return remember(key, TTL_MS, opts.now ?? Date.now(), async () => {
    const result = (await rpc(opts.paymasterUrl, 'pimlico_getTokenQuotes', [{ tokens: [opts.token] }, ENTRY_POINT_08, `0x${opts.chainId.toString(16)}`], opts.fetch)) as
      | { quotes?: unknown }
      | undefined;
    const quotes = Array.isArray(result?.quotes) ? (result.quotes as Record<string, unknown>[]) : [];
    const quote = quotes.find((q) => typeof q.token === 'string' && q.token.toLowerCase() === opts.token.toLowerCase());
    if (!quote || !isHex(quote.exchangeRate) || !isHex(quote.postOpGas) || typeof quote.paymaster !== 'string') return null;
    const exchangeRate = BigInt(quote.exchangeRate);
    if (exchangeRate === 0n) return null;
    return { paymaster: quote.paymaster, exchangeRate, postOpGas: BigInt(quote.postOpGas) };
  });
}

export interface UserOperationFees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/**
 * The `standard` tier of a `pimlico_getUserOperationGasPrice` answer, or null when it is missing or makes no
 * sense (not hex, a zero max fee, a tip above the max fee). Shared by the fees an operation bids
 * (aa/user-operation.ts) and the reserve the pages show (bundlerGasPrice).
 */
export function standardTier(result: unknown): UserOperationFees | null {
  const standard = (result as { standard?: { maxFeePerGas?: unknown; maxPriorityFeePerGas?: unknown } } | undefined)?.standard;
  if (!standard || !isHex(standard.maxFeePerGas) || !isHex(standard.maxPriorityFeePerGas)) return null;
  const maxFeePerGas = BigInt(standard.maxFeePerGas);
  const maxPriorityFeePerGas = BigInt(standard.maxPriorityFeePerGas);
  return maxFeePerGas > 0n && maxPriorityFeePerGas <= maxFeePerGas ? { maxFeePerGas, maxPriorityFeePerGas } : null;
}

const GAS_PRICE_TTL_MS = 15_000;

/**
 * The max fee per gas the bundler would have a user operation bid now (the `standard` tier of Pimlico's
 * `pimlico_getUserOperationGasPrice`, what aa/user-operation.ts bids), or null from a bundler without the method
 * or one that is down: the caller then reserves at the chain's gas price. Remembered for 15 s per bundler.
 */
export function bundlerGasPrice(opts: { bundlerUrl: string; fetch?: typeof fetch; now?: number }): Promise<bigint | null> {
  return remember(`gas\n${opts.bundlerUrl}`, GAS_PRICE_TTL_MS, opts.now ?? Date.now(), async () =>
    standardTier(await rpc(opts.bundlerUrl, 'pimlico_getUserOperationGasPrice', [], opts.fetch))?.maxFeePerGas ?? null,
  );
}
