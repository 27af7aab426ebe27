// An arbiter's ruling: the split of what is in escrow, as ChainMartEscrow's `_resolve` computes it (the buyer's
// part comes back cash first, pushed to the buyer's wallet, then points, re-minted; the fee is taken from the
// merchant's share only), the amount typed in token units, and the raw `rule(orderId, terms, buyerAmount)` call
// to paste into a Safe's transaction builder when the arbiter is a multisig.
import { type Address, type Hex, encodeFunctionData, parseUnits } from 'viem';
import { type OrderStruct, termsOf } from '../chain/order.ts';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { type Resolution, resolutionOf } from '../orders/summary.ts';

/**
 * The split `rule(orderId, terms, buyerAmount)` would make (see `splitOf` in ../orders/summary.ts); null when
 * the amount is above the escrow, which the form refuses rather than letting the contract cap it.
 */
export function previewRuling(order: Pick<OrderStruct, 'amount' | 'points' | 'feeBps' | 'shippedAt'>, buyerAmount: bigint): Resolution | null {
  if (buyerAmount < 0n || buyerAmount > order.amount) return null;
  return resolutionOf(order, buyerAmount);
}

export type AmountInput = { ok: true; value: bigint } | { ok: false; reason: 'empty' | 'format' | 'too-many-decimals' | 'above-escrow' };

/** A buyer amount typed in token units ("12.5"), checked against the token's decimals and the escrow. */
export function parseBuyerAmount(text: string, decimals: number, escrow: bigint): AmountInput {
  const value = text.trim().replace(',', '.');
  if (!value) return { ok: false, reason: 'empty' };
  if (!/^\d+(\.\d+)?$/.test(value)) return { ok: false, reason: 'format' };
  const fraction = value.split('.')[1] ?? '';
  if (fraction.length > decimals) return { ok: false, reason: 'too-many-decimals' };
  const units = parseUnits(value, decimals);
  if (units > escrow) return { ok: false, reason: 'above-escrow' };
  return { ok: true, value: units };
}

export interface RawCall {
  to: Address;
  data: Hex;
  /** In wei, as a decimal string (what the Safe transaction builder asks for). */
  value: string;
}

/** The `rule` transaction as a Safe (or any contract wallet) must send it: to the escrow, no value. */
export function ruleCall(escrow: Address, orderId: bigint, order: OrderStruct, buyerAmount: bigint): RawCall {
  return { to: escrow, data: encodeFunctionData({ abi: chainMartEscrowAbi, functionName: 'rule', args: [orderId, termsOf(order), buyerAmount] }), value: '0' };
}

export type Party = 'buyer' | 'merchant' | 'arbiter' | 'other';

export function partyOf(order: Pick<OrderStruct, 'buyer' | 'merchant' | 'arbiter'>, address: string | undefined): Party {
  const a = address?.toLowerCase();
  if (a === order.buyer.toLowerCase()) return 'buyer';
  if (a === order.merchant.toLowerCase()) return 'merchant';
  if (a === order.arbiter.toLowerCase()) return 'arbiter';
  return 'other';
}

/** Whether the arbiter can still rule at chain time `now` (the contract reverts with TooLate at the deadline). */
export function canRule(order: Pick<OrderStruct, 'status' | 'disputedAt'>, now: number, arbiterWindow: number): boolean {
  return order.status === 3 && now < order.disputedAt + arbiterWindow;
}
