// The numbers of a checkout, as the escrow computes them (ChainMartEscrow._placeLine / _complete): the buyer
// pays `total` (points first, the rest in the listing's token); the platform fee and the points reward are
// taken from the merchant's share when the order completes, never added to what the buyer pays.
import { type Address, type Hex, parseUnits } from 'viem';

export const BPS = 10_000n;
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** One `CartLine` of IChainMartEscrow: what to buy and the terms the buyer was shown. */
export interface CartLine {
  listingId: bigint;
  quantity: number;
  unitPrice: bigint;
  shipWithin: number;
  arbiter: Address;
  rewardBps: number;
  autoReleaseWindow: number;
  points: bigint;
  shippingInfo: Hex;
  proof: Hex;
}

/** IChainMartEscrow's `Cart`: lines paid in one token (address(0) for ETH). */
export interface Cart {
  token: Address;
  lines: CartLine[];
}

export interface CheckoutTerms {
  price: bigint;
  quantity: number;
  points: bigint;
  feeBps: number;
  rewardBps: number;
  /** Whether the listing is priced in the settlement token (only those spend and earn points). */
  inSettlementToken: boolean;
}

export interface CheckoutAmounts {
  /** price x quantity: the order's amount, what the buyer gives up in total. */
  total: bigint;
  points: bigint;
  /** What leaves the buyer's wallet in the listing's token: total - points. */
  cash: bigint;
  /** Platform fee, taken from the merchant's share at completion. */
  fee: bigint;
  /** Points minted to the buyer at completion: rewardBps of the order's whole amount (points part included). */
  reward: bigint;
  /** What the merchant is credited at completion. */
  merchantReceives: bigint;
}

export function amounts(terms: CheckoutTerms): CheckoutAmounts {
  const total = terms.price * BigInt(terms.quantity);
  // Points beyond the total would make the cash part negative: the form refuses them, and no figure shown
  // ever spends more points than the order is worth.
  const wanted = terms.inSettlementToken ? terms.points : 0n;
  const points = wanted < total ? wanted : total;
  const fee = (total * BigInt(terms.feeBps)) / BPS;
  const reward = terms.inSettlementToken ? (total * BigInt(terms.rewardBps)) / BPS : 0n;
  return { total, points, cash: total - points, fee, reward, merchantReceives: total - fee - reward };
}

/** Units one order may take: the merchant's per-order limit, bounded by what is left. */
export function maxQuantity(maxPerOrder: number, stock: bigint | string): number {
  const left = BigInt(stock);
  return Number(left < BigInt(maxPerOrder) ? left : BigInt(maxPerOrder));
}

/** Most points one order may spend: the buyer's balance, up to the total; none outside the settlement token. */
export function maxPoints(balance: bigint, total: bigint, inSettlementToken: boolean): bigint {
  if (!inSettlementToken) return 0n;
  return balance < total ? balance : total;
}

/** A decimal amount typed by the user ("1.5") in token units, or null if it is not a valid amount. */
export function parseAmount(text: string, decimals: number): bigint | null {
  const value = text.trim();
  if (value === '') return 0n;
  if (!/^\d+(\.\d+)?$/.test(value)) return null;
  const fraction = value.split('.')[1] ?? '';
  if (fraction.length > decimals) return null;
  return parseUnits(value, decimals);
}

/** Whole quantities from 1 to `max`; anything else is null. */
export function parseQuantity(text: string | number, max: number): number | null {
  const value = String(text).trim();
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

/**
 * The cart line as sent to the escrow. Price and shipping window are the listing's, arbiter, reward rate and
 * auto-release window the merchant's, exactly as the page showed them: if the merchant changes any of them
 * before the transaction lands, the escrow refuses (LineTermsChanged) instead of placing an order on terms the
 * buyer never saw.
 */
export function buildCartLine(input: {
  listingId: string | bigint;
  quantity: number;
  price: bigint;
  shipWithin: number | string;
  merchant: { arbiter: string; rewardBps: number; autoReleaseWindow: number | string };
  points: bigint;
  shippingInfo: Hex;
  proof?: Hex | null;
}): CartLine {
  return {
    listingId: BigInt(input.listingId),
    quantity: input.quantity,
    unitPrice: input.price,
    shipWithin: Number(input.shipWithin),
    arbiter: input.merchant.arbiter as Address,
    rewardBps: input.merchant.rewardBps,
    autoReleaseWindow: Number(input.merchant.autoReleaseWindow),
    points: input.points,
    shippingInfo: input.shippingInfo,
    proof: input.proof ?? '0x',
  };
}

/** Cash the escrow collects for a cart: Σ(unitPrice × quantity − points). */
export function cartCash(lines: readonly CartLine[]): bigint {
  return lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.quantity) - line.points, 0n);
}

export type Shortfall = { kind: 'cash'; needed: bigint; balance: bigint } | { kind: 'points'; needed: bigint; balance: bigint };

/** What the buyer lacks to pay, checked before anything is signed (gas for ETH orders is left to the wallet). */
export function shortfall(need: CheckoutAmounts, balances: { cash: bigint; points: bigint }): Shortfall | null {
  if (need.points > balances.points) return { kind: 'points', needed: need.points, balance: balances.points };
  if (need.cash > balances.cash) return { kind: 'cash', needed: need.cash, balance: balances.cash };
  return null;
}
