// Who gets how much when an order's money moves for good: the figures the confirmation dialogs show before
// anything is sent, computed by ChainMartEscrow.sol's own rules on what the order still holds (`amount`):
// - completion (confirm receipt, complete after timeout): the platform fee (`terms.feeBps`, snapshotted at
//   checkout) and the buyer's points reward (`terms.rewardBps`) are both taken from the whole amount, the
//   merchant is credited the rest (`_complete`);
// - anything returned to the buyer comes back cash first, pushed to the buyer's wallet, then the points part,
//   re-minted; the points still held are min(terms.points, amount), since earlier refunds went out as cash first
//   (`_returnToBuyer`);
// - a refund or a cancellation of an unshipped order that empties the escrow puts the stock back;
// - a ruling, a settlement or the default resolution splits the escrow: the buyer's part (capped at what is
//   left) back as above, the fee on the merchant's share only, no reward (`_resolve`).
// All divisions round down, like the contract's.
import type { OrderStruct } from '../chain/order.ts';

const BPS = 10_000n;

type Held = Pick<OrderStruct, 'amount' | 'points'>;

export interface Completion {
  /** What the escrow releases: everything it still holds. */
  released: bigint;
  fee: bigint;
  /** Minted to the buyer as points, paid out of the merchant's share. */
  reward: bigint;
  /** Credited to the merchant. */
  merchantAmount: bigint;
}

export interface Returned {
  /** Pushed to the buyer's wallet in the order's token (kept as a credit only if that transfer fails). */
  cash: bigint;
  /** Re-minted to the buyer as points. */
  points: bigint;
}

export interface Refund extends Returned {
  amount: bigint;
  /** Still in escrow afterwards. */
  remaining: bigint;
  /** Whether the listing gets its stock back (the escrow is emptied before the parcel left). */
  stockReturned: boolean;
}

export interface Resolution extends Returned {
  /** The buyer's part as the contract applies it: capped at what the order still holds. */
  buyerAmount: bigint;
  /** What is left for the merchant, before the fee. */
  merchantShare: bigint;
  fee: bigint;
  /** Credited to the merchant. */
  merchantAmount: bigint;
  stockReturned: boolean;
}

/** `confirmReceipt` / `completeAfterTimeout`: the whole escrow to the merchant, less the fee and the reward. */
export function completionOf(order: Pick<OrderStruct, 'amount' | 'feeBps' | 'rewardBps'>): Completion {
  const released = order.amount;
  const fee = (released * BigInt(order.feeBps)) / BPS;
  const reward = (released * BigInt(order.rewardBps)) / BPS;
  return { released, fee, reward, merchantAmount: released - fee - reward };
}

/** How `value` (at most what the order holds) comes back to the buyer: cash first, then points. */
export function returnedOf(order: Held, value: bigint): Returned {
  const pointsHeld = order.points < order.amount ? order.points : order.amount;
  const cashHeld = order.amount - pointsHeld;
  const cash = value < cashHeld ? value : cashHeld;
  return { cash, points: value - cash };
}

/** The merchant's `refund(amount)`; null for an amount the contract refuses (zero or above the escrow). */
export function refundOf(order: Held & Pick<OrderStruct, 'shippedAt'>, amount: bigint): Refund | null {
  if (amount <= 0n || amount > order.amount) return null;
  const remaining = order.amount - amount;
  return { amount, ...returnedOf(order, amount), remaining, stockReturned: remaining === 0n && order.shippedAt === 0 };
}

/** The buyer's `cancelUnshipped`: everything back, and the stock. */
export function cancellationOf(order: Held): Returned & { stockReturned: true } {
  return { ...returnedOf(order, order.amount), stockReturned: true };
}

export type Split = Omit<Resolution, 'stockReturned'>;

/**
 * A split of the escrow (`rule`, `settle`, or `resolveAfterArbiterTimeout` with the whole escrow to the
 * buyer). A buyer amount above what is left is capped, as the contract does, so a refund sent meanwhile shows.
 */
export function splitOf(order: Held & Pick<OrderStruct, 'feeBps'>, buyerAmount: bigint): Split {
  const buyer = buyerAmount > order.amount ? order.amount : buyerAmount < 0n ? 0n : buyerAmount;
  const merchantShare = order.amount - buyer;
  const fee = (merchantShare * BigInt(order.feeBps)) / BPS;
  return { buyerAmount: buyer, ...returnedOf(order, buyer), merchantShare, fee, merchantAmount: merchantShare - fee };
}

/** `splitOf`, and whether the stock returns (the buyer gets everything an unshipped order held). */
export function resolutionOf(order: Held & Pick<OrderStruct, 'feeBps' | 'shippedAt'>, buyerAmount: bigint): Resolution {
  const split = splitOf(order, buyerAmount);
  return { ...split, stockReturned: split.buyerAmount === order.amount && order.shippedAt === 0 };
}
