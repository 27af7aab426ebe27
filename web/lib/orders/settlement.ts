// Settling a dispute by signatures: two of buyer, merchant and arbiter sign the same EIP-712
// `Settlement(uint256 orderId,uint96 buyerAmount,uint40 deadline)` (domain "ChainMart" / "2", the escrow);
// anyone then submits both with `settle`. Signatures travel between the parties as a short text the page shows
// to copy and accepts pasted. A settlement counts only within the arbiter's window after the dispute opened, so
// its deadline never reaches past that window.
import { type Address, type Hex, getAddress, isAddress, isHex, recoverTypedDataAddress } from 'viem';
import type { OrderStruct } from '../chain/order.ts';
import { ARBITER_WINDOW } from './replay.ts';

export const SETTLEMENT_TYPES = {
  Settlement: [
    { name: 'orderId', type: 'uint256' },
    { name: 'buyerAmount', type: 'uint96' },
    { name: 'deadline', type: 'uint40' },
  ],
} as const;

/** How long a new settlement signature stays valid (cut to the end of the arbiter's window). */
export const SETTLEMENT_LIFETIME_SECONDS = 3 * 86400;

export function settlementTypedData(chainId: number, escrow: Address, orderId: bigint, buyerAmount: bigint, deadline: number) {
  return {
    domain: { name: 'ChainMart', version: '2', chainId, verifyingContract: escrow },
    types: SETTLEMENT_TYPES,
    primaryType: 'Settlement' as const,
    message: { orderId, buyerAmount, deadline },
  };
}

/**
 * The deadline for a new settlement signed at chain time `now`: a few days, long enough for the other party to
 * answer, but never past the end of the arbiter's window (after it only the default resolution applies).
 */
export function settlementDeadline(order: Pick<OrderStruct, 'disputedAt'>, now: number, arbiterWindow = ARBITER_WINDOW): number {
  return Math.min(now + SETTLEMENT_LIFETIME_SECONDS, order.disputedAt + arbiterWindow);
}

export interface SignedSettlement {
  orderId: bigint;
  buyerAmount: bigint;
  /** Unix seconds (chain time): the last second `settle` accepts this approval. */
  deadline: number;
  signer: Address;
  signature: Hex;
}

const PREFIX = 'chainmart-settlement-v2';

/** `chainmart-settlement-v2:<orderId>:<buyerAmount>:<deadline>:<signer>:<signature>` — one line, safe to paste anywhere. */
export function encodeSettlement(s: SignedSettlement): string {
  return `${PREFIX}:${s.orderId}:${s.buyerAmount}:${s.deadline}:${s.signer}:${s.signature}`;
}

export function decodeSettlement(text: string): SignedSettlement | null {
  const parts = text.trim().split(':');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [, id, amount, deadline, signer, signature] = parts;
  if (!/^\d{1,78}$/.test(id) || !/^\d{1,29}$/.test(amount) || !/^\d{1,13}$/.test(deadline)) return null;
  if (!isAddress(signer) || !isHex(signature) || signature.length < 4) return null;
  const buyerAmount = BigInt(amount);
  if (buyerAmount >= 2n ** 96n || BigInt(deadline) >= 2n ** 40n) return null;
  return { orderId: BigInt(id), buyerAmount, deadline: Number(deadline), signer: getAddress(signer), signature };
}

export type PartyRole = 'buyer' | 'merchant' | 'arbiter';

export function partyRole(order: OrderStruct, account: string | undefined): PartyRole | null {
  const me = account?.toLowerCase();
  if (!me) return null;
  if (me === order.buyer.toLowerCase()) return 'buyer';
  if (me === order.merchant.toLowerCase()) return 'merchant';
  if (me === order.arbiter.toLowerCase()) return 'arbiter';
  return null;
}

export type SettlementCheck = { ok: true } | { ok: false; reason: 'format' | 'order' | 'amount' | 'expired' | 'not-party' | 'signature' };

/**
 * Checks a pasted settlement against the order before anything is submitted: same order, amount within
 * escrow, deadline not passed (chain time `now`), signer a party, signature recovering to the signer (EOA
 * signatures; the contract also accepts ERC-1271 wallets, which cannot be checked here and are left to
 * `settle`'s simulation).
 */
export async function checkSettlement(
  s: SignedSettlement | null,
  input: { orderId: bigint; order: OrderStruct; chainId: number; escrow: Address; now: number; allowContractSigner?: boolean },
): Promise<SettlementCheck> {
  if (!s) return { ok: false, reason: 'format' };
  if (s.orderId !== input.orderId) return { ok: false, reason: 'order' };
  if (s.buyerAmount > input.order.amount) return { ok: false, reason: 'amount' };
  if (s.deadline < input.now) return { ok: false, reason: 'expired' };
  if (!partyRole(input.order, s.signer)) return { ok: false, reason: 'not-party' };
  try {
    const typed = settlementTypedData(input.chainId, input.escrow, input.orderId, s.buyerAmount, s.deadline);
    const recovered = await recoverTypedDataAddress({ ...typed, signature: s.signature });
    if (recovered.toLowerCase() === s.signer.toLowerCase()) return { ok: true };
  } catch {
    // not a 65-byte ECDSA signature: maybe a contract wallet's
  }
  return input.allowContractSigner ? { ok: true } : { ok: false, reason: 'signature' };
}

/** Whether two signatures approve the same settlement (order, amount and deadline) from distinct parties. */
export function samePair(a: SignedSettlement, b: SignedSettlement): boolean {
  return a.orderId === b.orderId && a.buyerAmount === b.buyerAmount && a.deadline === b.deadline && a.signer.toLowerCase() !== b.signer.toLowerCase();
}

/** The `settle` approvals argument: two distinct parties agreeing on the same amount and deadline. */
export function settleApprovals(a: SignedSettlement, b: SignedSettlement): [{ party: Address; signature: Hex }, { party: Address; signature: Hex }] {
  if (a.orderId !== b.orderId || a.buyerAmount !== b.buyerAmount || a.deadline !== b.deadline) throw new Error('the two signatures are for different settlements');
  if (a.signer.toLowerCase() === b.signer.toLowerCase()) throw new Error('two signatures from the same party');
  return [
    { party: a.signer, signature: a.signature },
    { party: b.signer, signature: b.signature },
  ];
}
