// The words of the dispute thread: who (in the viewer's terms) and what each offer means for the buyer.
import { m } from '$lib/paraglide/messages.js';
import type { Offer } from '$lib/orders/dispute.ts';
import type { PartyRole } from '$lib/orders/settlement.ts';

export function roleTitle(role: PartyRole | null): string {
  return role === 'buyer' ? m.dispute_role_buyer() : role === 'merchant' ? m.dispute_role_merchant() : role === 'arbiter' ? m.dispute_role_arbiter() : m.dispute_role_other();
}

/** The role as a word inside a sentence ("merchant" / "商家"). */
export function roleWord(role: PartyRole): string {
  return role === 'buyer' ? m.orders_role_buyer() : role === 'merchant' ? m.orders_role_merchant() : m.orders_role_arbiter();
}

/** "商家提议退还 30 tUSD" / "The merchant offers to refund 30 tUSD"; the viewer's own offers say "you". */
export function offerHeadline(offer: Pick<Offer, 'by' | 'role'>, amount: string, viewer: string | undefined): string {
  if (viewer && offer.by.toLowerCase() === viewer.toLowerCase()) {
    return offer.role === 'buyer' ? m.dispute_offer_mine_buyer({ amount }) : m.dispute_offer_mine({ amount });
  }
  return { buyer: m.dispute_offer_buyer, merchant: m.dispute_offer_merchant, arbiter: m.dispute_offer_arbiter }[offer.role]({ amount });
}
