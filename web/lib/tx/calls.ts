// A batch of calls sent with EIP-5792's wallet_sendCalls: the unit of work is a call {to, data, value}; the
// wallet's final wallet_getCallsStatus answer says whether they all took effect.
import type { Address, Hex } from 'viem';

export interface Call {
  to: Address;
  data: Hex;
  value?: bigint;
}

/** A log as wallets report it in wallet_getCallsStatus receipts (EIP-5792 keeps only these fields). */
export interface CallLog {
  address: Address;
  data: Hex;
  topics: readonly Hex[];
}

/** The part of viem's getCallsStatus answer that decides the outcome. */
export interface CallsStatus {
  statusCode: number;
  atomic?: boolean;
  receipts?: readonly { status: 'success' | 'reverted'; transactionHash: Hex; logs: readonly CallLog[] }[];
}

export type BatchOutcome =
  | { kind: 'pending' }
  | { kind: 'confirmed'; hashes: Hex[]; logs: CallLog[] }
  /** Mined and reverted (500), or partly (600): with an atomic batch nothing took effect. */
  | { kind: 'reverted' }
  /** Never included (400): the wallet gave up, nothing was sent on chain. */
  | { kind: 'failed' };

/**
 * EIP-5792 status codes: 1xx pending, 200 confirmed, 400 failed off chain, 500 reverted, 600 partly reverted.
 * A 200 whose receipts include a reverted one, or that brings no receipt at all, is not taken at its word.
 */
export function batchOutcome(status: CallsStatus): BatchOutcome {
  const { statusCode } = status;
  if (statusCode >= 100 && statusCode < 200) return { kind: 'pending' };
  if (statusCode >= 200 && statusCode < 300) {
    const receipts = status.receipts ?? [];
    if (!receipts.length || receipts.some((receipt) => receipt.status !== 'success')) return { kind: 'reverted' };
    return { kind: 'confirmed', hashes: [...new Set(receipts.map((r) => r.transactionHash))], logs: receipts.flatMap((r) => [...r.logs]) };
  }
  if (statusCode >= 400 && statusCode < 500) return { kind: 'failed' };
  return { kind: 'reverted' };
}

/**
 * Codes of a wallet that cannot do what wallet_sendCalls asked (not a user's no): the method itself (4200,
 * -32601, -32004), EIP-5792's unsupported capability (5700), chain (5710), atomicity (5760), or an account
 * the wallet will not upgrade for it (5750). The payment then goes the way it goes for any wallet.
 */
const BATCH_UNSUPPORTED_CODES = new Set([4200, -32601, -32004, 5700, 5710, 5750, 5760]);

export function isBatchUnsupported(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e);
    if (typeof e.code === 'number' && BATCH_UNSUPPORTED_CODES.has(e.code)) return true;
  }
  return false;
}

/** The capabilities of one wallet_sendCalls request (EIP-5792), as viem's sendCalls takes them. */
export interface SendCallsCapabilities {
  /** ERC-7677: the wallet asks this paymaster web service to pay the gas; `context.token` picks the stablecoin. */
  paymasterService?: { url: string; context?: Record<string, unknown>; optional?: boolean };
}

/**
 * ERC-7677's paymasterService for wallet_sendCalls: only when the wallet said it supports it on this chain AND
 * a paymaster is configured (Settings, else the network's default); the token tells an ERC-20 paymaster which
 * stablecoin to take the gas in. Required, not optional: the batch then carries the paymaster's approval, so a
 * wallet that would ignore it should refuse (5700) and the payment goes another way.
 */
export function paymasterCapabilities(input: { supported: boolean; paymasterUrl: string | undefined | null; token: Address }): SendCallsCapabilities | undefined {
  const url = input.paymasterUrl?.trim();
  if (!input.supported || !url) return undefined;
  return { paymasterService: { url, context: { token: input.token } } };
}
