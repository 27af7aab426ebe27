// What the merchant (or a courier) may do with an order right now, mirroring ChainMartEscrow.sol's checks so the
// page offers only what would go through (the contract still decides), and the refund amount as typed.
import { type Address, parseUnits } from 'viem';
import { Status, type OrderStruct } from '../chain/order.ts';

const FLAG_REVIEWED = 1;
const FLAG_REPLIED = 2;

export function merchantActions(order: OrderStruct, account: Address | undefined) {
  const isMerchant = !!account && account.toLowerCase() === order.merchant.toLowerCase();
  const status = Status[order.status];
  const open = status === 'Paid' || status === 'Shipped' || status === 'Disputed';
  return {
    isMerchant,
    ship: isMerchant && status === 'Paid',
    checkpoint: isMerchant && order.shippedAt !== 0 && (status === 'Shipped' || status === 'Disputed'),
    refund: isMerchant && open && order.amount > 0n,
    statement: isMerchant && status === 'Disputed',
    reply: isMerchant && (order.flags & FLAG_REVIEWED) !== 0 && (order.flags & FLAG_REPLIED) === 0,
    replied: (order.flags & FLAG_REPLIED) !== 0,
  };
}

export type RefundInput = { ok: true; amount: bigint } | { ok: false; reason: 'empty' | 'format' | 'zero' | 'too-much' };

/** A refund typed in token units ("12.5"), checked against what is still in escrow. */
export function parseRefund(text: string, decimals: number | null, inEscrow: bigint): RefundInput {
  const value = text.trim().replace(',', '.');
  if (!value) return { ok: false, reason: 'empty' };
  const places = decimals ?? 18;
  if (!/^\d+(\.\d+)?$/.test(value) || (value.split('.')[1]?.length ?? 0) > places) return { ok: false, reason: 'format' };
  const amount = parseUnits(value, places);
  if (amount === 0n) return { ok: false, reason: 'zero' };
  if (amount > inEscrow) return { ok: false, reason: 'too-much' };
  return { ok: true, amount };
}
