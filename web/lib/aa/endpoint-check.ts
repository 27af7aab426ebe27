// The settings page's checks of a bundler and a paymaster service, as kinds the page translates.
// Bundler: `eth_supportedEntryPoints` must include EntryPoint v0.8 and `eth_chainId` must be the site's chain.
// Paymaster: `pm_getPaymasterStubData` for a dummy operation; a stub naming its paymaster is a working service,
// a JSON-RPC error is a live service that refused the test operation (a hosted ERC-7677 provider may want
// an API key or a policy), no answer is a dead one.
import { type Address, getAddress } from 'viem';
import { entryPoint08Address } from 'viem/account-abstraction';
import { AaError, paymasterOf } from './user-operation.ts';

export type BundlerCheck = { kind: 'ok'; chainId: number } | { kind: 'no-v08' } | { kind: 'wrong-chain'; chainId: number } | { kind: 'unreachable' } | { kind: 'invalid' };
export type PaymasterCheck = { kind: 'ok'; paymaster: Address } | { kind: 'refused' } | { kind: 'unreachable' };

/** The endpoint answered, but not with a result. */
class RpcAnswerError extends Error {}

async function rpc(url: string, method: string, fetcher: typeof fetch): Promise<unknown> {
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
    signal: AbortSignal.timeout(8000),
  });
  const body = (await response.json()) as { result?: unknown; error?: unknown };
  if (body.error || body.result === undefined) throw new RpcAnswerError(`${method} failed`);
  return body.result;
}

export async function checkBundler(url: string, chainId: number, fetcher: typeof fetch = fetch): Promise<BundlerCheck> {
  let entryPoints: unknown;
  let chain: unknown;
  try {
    [entryPoints, chain] = await Promise.all([rpc(url, 'eth_supportedEntryPoints', fetcher), rpc(url, 'eth_chainId', fetcher)]);
  } catch (error) {
    return error instanceof RpcAnswerError ? { kind: 'invalid' } : { kind: 'unreachable' };
  }
  if (!Array.isArray(entryPoints) || !entryPoints.some((address) => typeof address === 'string' && safeAddress(address) === entryPoint08Address)) return { kind: 'no-v08' };
  const got = Number(chain);
  return got === chainId ? { kind: 'ok', chainId } : { kind: 'wrong-chain', chainId: got };
}

export async function checkPaymaster(opts: { url: string; chainId: number; token: Address; sender: Address }): Promise<PaymasterCheck> {
  try {
    return { kind: 'ok', paymaster: await paymasterOf({ paymasterUrl: opts.url, chainId: opts.chainId, sender: opts.sender, token: opts.token }) };
  } catch (error) {
    if (error instanceof AaError && error.kind === 'paymaster-refused') return { kind: 'refused' };
    return { kind: 'unreachable' };
  }
}

function safeAddress(value: string): string | undefined {
  try {
    return getAddress(value);
  } catch {
    return undefined;
  }
}
