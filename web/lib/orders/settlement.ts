// Settling a dispute by signatures: two of buyer, merchant and arbiter sign the same EIP-712
// `Settlement(uint256 orderId,uint96 buyerAmount)` (domain "ChainMart" / "1"); anyone then submits both with
// `settle`. Signatures travel between the parties as a short text the page shows to copy and accepts pasted.
import { type Address, type Hex, getAddress, isAddress, isHex, recoverTypedDataAddress } from 'viem';
import type { OrderStruct } from '../chain/order.ts';

export const SETTLEMENT_TYPES = {
  Settlement: [
    { name: 'orderId', type: 'uint256' },
    { name: 'buyerAmount', type: 'uint96' },
  ],
} as const;

export function settlementTypedData(chainId: number, chainMart: Address, orderId: bigint, buyerAmount: bigint) {
  return {
    domain: { name: 'ChainMart', version: '1', chainId, verifyingContract: chainMart },
    types: SETTLEMENT_TYPES,
    primaryType: 'Settlement' as const,
    message: { orderId, buyerAmount },
  };
}

export interface SignedSettlement {
  orderId: bigint;
  buyerAmount: bigint;
  signer: Address;
  signature: Hex;
}

const PREFIX = 'chainmart-settlement';

/** `chainmart-settlement:<orderId>:<buyerAmount>:<signer>:<signature>` — one line, safe to paste anywhere. */
export function encodeSettlement(s: SignedSettlement): string {
  return `${PREFIX}:${s.orderId}:${s.buyerAmount}:${s.signer}:${s.signature}`;
}

export function decodeSettlement(text: string): SignedSettlement | null {
  const parts = text.trim().split(':');
  if (parts.length !== 5 || parts[0] !== PREFIX) return null;
  const [, id, amount, signer, signature] = parts;
  if (!/^\d{1,78}$/.test(id) || !/^\d{1,29}$/.test(amount) || !isAddress(signer) || !isHex(signature) || signature.length < 4) return null;
  const buyerAmount = BigInt(amount);
  if (buyerAmount >= 2n ** 96n) return null;
  return { orderId: BigInt(id), buyerAmount, signer: getAddress(signer), signature };
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

export type SettlementCheck = { ok: true } | { ok: false; reason: 'format' | 'order' | 'amount' | 'not-party' | 'signature' };

/**
 * Checks a pasted settlement against the order before anything is submitted: same order, amount within
 * escrow, signer a party, signature recovering to the signer (EOA signatures; the contract also accepts
 * ERC-1271 wallets, which cannot be checked here and are left to `settle`'s simulation).
 */
export async function checkSettlement(s: SignedSettlement | null, orderId: bigint, order: OrderStruct, chainId: number, chainMart: Address, allowContractSigner = false): Promise<SettlementCheck> {
  if (!s) return { ok: false, reason: 'format' };
  if (s.orderId !== orderId) return { ok: false, reason: 'order' };
  if (s.buyerAmount > order.amount) return { ok: false, reason: 'amount' };
  if (!partyRole(order, s.signer)) return { ok: false, reason: 'not-party' };
  try {
    const recovered = await recoverTypedDataAddress({ ...settlementTypedData(chainId, chainMart, orderId, s.buyerAmount), signature: s.signature });
    if (recovered.toLowerCase() === s.signer.toLowerCase()) return { ok: true };
  } catch {
    // not a 65-byte ECDSA signature: maybe a contract wallet's
  }
  return allowContractSigner ? { ok: true } : { ok: false, reason: 'signature' };
}

/** The `settle` signatures argument: two distinct parties agreeing on the same amount. */
export function settleSignatures(a: SignedSettlement, b: SignedSettlement): [{ signer: Address; signature: Hex }, { signer: Address; signature: Hex }] {
  if (a.orderId !== b.orderId || a.buyerAmount !== b.buyerAmount) throw new Error('the two signatures are for different settlements');
  if (a.signer.toLowerCase() === b.signer.toLowerCase()) throw new Error('two signatures from the same party');
  return [
    { signer: a.signer, signature: a.signature },
    { signer: b.signer, signature: b.signature },
  ];
}
