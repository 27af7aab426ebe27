// The confirmation dialogs' contents for every action that moves an order's money for good: the figures of
// summary.ts, worded for the person about to act and formatted in the order's token.
import type { ConfirmSummary, SummaryLine } from '../components/confirm-dialog.ts';
import type { OrderStruct } from '../chain/order.ts';
import type { TokenInfo } from '../data/subgraph.ts';
import { formatAmount, formatDate } from '../format/format.ts';
import { m } from '../paraglide/messages.js';
import { type Returned, cancellationOf, completionOf, refundOf, resolutionOf } from './summary.ts';

type Currency = Pick<TokenInfo, 'symbol' | 'decimals'>;

function formatter(currency: Currency, locale: string) {
  return {
    money: (v: bigint) => formatAmount(v, currency.decimals, currency.symbol, locale),
    points: (v: bigint) => formatAmount(v, currency.decimals, m.orders_points_unit, locale),
  };
}

const rate = (bps: number) => (bps / 100).toString();

/** Cash to the wallet, points re-minted (when there are any), the stock back (when it returns). */
function returnLines(back: Returned & { stockReturned: boolean }, order: Pick<OrderStruct, 'quantity'>, you: boolean, f: ReturnType<typeof formatter>): SummaryLine[] {
  const lines = [{ key: 'cash', label: you ? m.orders_sum_wallet_you() : m.orders_sum_wallet_buyer(), value: f.money(back.cash) }];
  if (back.points > 0n) lines.push({ key: 'points', label: you ? m.orders_sum_points_you() : m.orders_sum_points_buyer(), value: f.points(back.points) });
  if (back.stockReturned) lines.push({ key: 'stock', label: m.orders_sum_stock(), value: `+${order.quantity}` });
  return lines;
}

/** Confirm receipt (the buyer) or complete after the auto-release window (anyone). */
export function completionSummary(id: string, order: OrderStruct, currency: Currency, locale: string, how: 'confirm' | 'timeout'): ConfirmSummary {
  const f = formatter(currency, locale);
  const c = completionOf(order);
  const released = f.money(c.released);
  const lines = [
    { key: 'merchant', label: m.orders_sum_merchant_gets(), value: f.money(c.merchantAmount) },
    { key: 'fee', label: m.orders_sum_fee({ rate: rate(order.feeBps) }), value: f.money(c.fee) },
  ];
  if (c.reward > 0n) lines.push({ key: 'reward', label: how === 'confirm' ? m.orders_sum_reward_you() : m.orders_sum_reward_buyer(), value: f.points(c.reward) });
  const confirm = how === 'confirm';
  return {
    title: confirm ? m.orders_confirm_title({ id }) : m.orders_complete_title({ id }),
    lead: confirm ? m.orders_confirm_lead({ amount: released }) : m.orders_complete_lead({ amount: released }),
    lines,
    notes: [c.reward > 0n ? m.orders_sum_reward_note({ amount: released }) : m.orders_sum_fee_note({ amount: released })],
    action: confirm ? m.orders_confirm_action({ amount: released }) : m.orders_complete_action({ amount: released }),
  };
}

/** The buyer cancels an order the merchant did not ship in time. */
export function cancelSummary(id: string, order: OrderStruct, currency: Currency, locale: string): ConfirmSummary {
  const f = formatter(currency, locale);
  const back = cancellationOf(order);
  return {
    title: m.orders_cancel_title({ id }),
    lead: m.orders_cancel_lead(),
    lines: returnLines(back, order, true, f),
    notes: [m.orders_sum_credit_note()],
    action: m.orders_cancel_action({ amount: f.money(order.amount) }),
  };
}

/** The merchant refunds part or all of what is in escrow; null for an amount the contract refuses. */
export function refundSummary(id: string, order: OrderStruct, amount: bigint, currency: Currency, locale: string): ConfirmSummary | null {
  const refund = refundOf(order, amount);
  if (!refund) return null;
  const f = formatter(currency, locale);
  return {
    title: m.so_refund_confirm_title({ id }),
    lead: m.so_refund_confirm_lead({ amount: f.money(amount), escrow: f.money(order.amount) }),
    lines: [...returnLines(refund, order, false, f), { key: 'remaining', label: m.so_refund_left(), value: f.money(refund.remaining) }],
    notes: [refund.remaining === 0n ? m.so_refund_ends() : m.so_refund_partial(), m.orders_sum_credit_note()],
    action: m.so_refund_confirm_action({ amount: f.money(amount) }),
  };
}

export type Resolving =
  | { kind: 'rule' }
  | { kind: 'settle' }
  | { kind: 'sign'; role: string; deadline: number }
  | { kind: 'offer'; deadline: number }
  | { kind: 'accept'; role: string }
  | { kind: 'default' };

/**
 * A split of the escrow: the arbiter's ruling, a settlement signed, offered, accepted or submitted, or the
 * default resolution.
 */
export function resolutionSummary(id: string, order: OrderStruct, buyerAmount: bigint, currency: Currency, locale: string, how: Resolving): ConfirmSummary {
  const f = formatter(currency, locale);
  const split = resolutionOf(order, buyerAmount);
  const escrow = f.money(order.amount);
  const buyer = f.money(split.buyerAmount);
  const lines = [
    ...returnLines(split, order, false, f),
    { key: 'merchant', label: m.orders_sum_merchant_gets(), value: f.money(split.merchantAmount) },
    { key: 'fee', label: m.orders_sum_fee_share({ rate: rate(order.feeBps) }), value: f.money(split.fee) },
  ];
  const notes = [m.orders_sum_credit_note()];
  switch (how.kind) {
    case 'rule':
      return { title: m.arb_confirm_title({ id }), lead: m.arb_confirm_lead({ amount: escrow }), lines, notes, final: m.arb_confirm_final(), action: m.arb_confirm_action({ amount: buyer }) };
    case 'settle':
      return { title: m.orders_settle_confirm_title({ id }), lead: m.orders_settle_confirm_lead({ amount: escrow }), lines, notes, action: m.orders_settle_confirm_action({ amount: buyer }) };
    case 'sign':
      return {
        title: m.orders_sign_confirm_title({ role: how.role }),
        lead: m.orders_sign_confirm_lead({ amount: escrow, date: formatDate(how.deadline, locale) }),
        lines,
        notes,
        final: m.orders_sign_confirm_final(),
        action: m.orders_sign_confirm_action({ amount: buyer }),
      };
    case 'offer':
      return {
        title: m.dispute_offer_confirm_title(),
        lead: m.dispute_offer_confirm_lead({ amount: escrow, date: formatDate(how.deadline, locale) }),
        lines,
        notes: [m.dispute_offer_confirm_note(), ...notes],
        action: m.dispute_offer_confirm_action({ amount: buyer }),
      };
    case 'accept':
      return {
        title: m.dispute_accept_confirm_title({ id, role: how.role }),
        lead: m.dispute_accept_confirm_lead({ amount: escrow }),
        lines,
        notes,
        final: m.dispute_accept_confirm_final(),
        action: m.dispute_accept_confirm_action({ amount: buyer }),
      };
    case 'default':
      return { title: m.orders_default_title({ id }), lead: m.orders_default_lead(), lines, notes, action: m.orders_default_action({ amount: buyer }) };
  }
}
