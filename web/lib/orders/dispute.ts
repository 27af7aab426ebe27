// A dispute as one thread, and settling it by on-chain offers instead of pasted signatures. A party publishes
// a split with `offerSettlement` (event SettlementOffered); the escrow keeps one offer per party and order, a
// new one replacing the last. Another party accepts with ONE `settle` call naming the offerer (its stored offer
// counts as its approval) and itself (the caller approves by calling): no signature travels between people.
// Two parties' offers that agree (same amount and deadline) are enough for anyone to submit.
import { type Address, type Hex, parseUnits } from 'viem';
import { Status, type OrderStruct } from '../chain/order.ts';
import type { OrderEventItem } from '../data/subgraph.ts';
import { ARBITER_WINDOW } from './replay.ts';
import { type PartyRole, partyRole } from './settlement.ts';

export interface Offer {
  id: string;
  by: Address;
  role: PartyRole;
  buyerAmount: bigint;
  /** Unix seconds (chain time): the last second `settle` accepts it. */
  deadline: number;
  at: number;
}

export type ThreadItem =
  | { kind: 'statement'; id: string; at: number; by: Address | null; role: PartyRole | null; cid: string; opening: boolean }
  | ({ kind: 'offer'; state: 'open' | 'replaced' | 'expired' } & Offer)
  | { kind: 'resolved'; id: string; at: number; resolution: string; buyerCash: bigint; buyerPoints: bigint; merchantAmount: bigint };

/** Whether offers on this order can still be accepted at chain time `now` (disputed, within the arbiter's window). */
export function offersOpen(order: Pick<OrderStruct, 'status' | 'disputedAt'>, now: number, arbiterWindow = ARBITER_WINDOW): boolean {
  return Status[order.status] === 'Disputed' && now <= order.disputedAt + arbiterWindow;
}

function offerOf(e: OrderEventItem, order: OrderStruct): Offer | null {
  const role = partyRole(order, e.by);
  if (!role || e.buyerAmount === undefined || e.deadline === undefined || !/^\d+$/.test(e.buyerAmount) || !/^\d+$/.test(e.deadline)) return null;
  return { id: e.id, by: e.by as Address, role, buyerAmount: BigInt(e.buyerAmount), deadline: Number(e.deadline), at: Number(e.timestamp) };
}

/** Each party's standing offer: the last it made (a later one replaces it), whatever its deadline. */
function latestOffers(events: OrderEventItem[], order: OrderStruct): Map<PartyRole, Offer> {
  const latest = new Map<PartyRole, Offer>();
  for (const e of events) {
    if (e.__typename !== 'SettlementOfferedEvent') continue;
    const offer = offerOf(e, order);
    if (offer) latest.set(offer.role, offer);
  }
  return latest;
}

/** The offers that can be accepted now: each party's latest, not expired, while the dispute is open. */
export function liveOffers(events: OrderEventItem[], order: OrderStruct, now: number, arbiterWindow = ARBITER_WINDOW): Offer[] {
  if (!offersOpen(order, now, arbiterWindow)) return [];
  return [...latestOffers(events, order).values()].filter((o) => o.deadline >= now);
}

/**
 * The dispute in time order: the opening statement, later statements, every offer (marked replaced or expired
 * when it can no longer be accepted) and the resolution. Events arrive in chain order (the subgraph sorts by
 * timestamp, the chain fallback by block and log index); a stable sort by time keeps that order within a block.
 */
export function disputeThread(events: OrderEventItem[], order: OrderStruct, now: number, arbiterWindow = ARBITER_WINDOW): ThreadItem[] {
  const latest = latestOffers(events, order);
  const open = offersOpen(order, now, arbiterWindow);
  const items: ThreadItem[] = [];
  for (const e of events) {
    const at = Number(e.timestamp);
    if (e.__typename === 'DisputeOpenedEvent') {
      items.push({ kind: 'statement', id: e.id, at, by: order.buyer, role: 'buyer', cid: e.statementCid ?? '', opening: true });
    } else if (e.__typename === 'DisputeStatementEvent') {
      items.push({ kind: 'statement', id: e.id, at, by: (e.by as Address) ?? null, role: partyRole(order, e.by), cid: e.statementCid ?? '', opening: false });
    } else if (e.__typename === 'SettlementOfferedEvent') {
      const offer = offerOf(e, order);
      if (!offer) continue;
      const state = latest.get(offer.role)?.id !== offer.id ? 'replaced' : open && offer.deadline >= now ? 'open' : 'expired';
      items.push({ kind: 'offer', state, ...offer });
    } else if (e.__typename === 'DisputeResolvedEvent') {
      items.push({
        kind: 'resolved',
        id: e.id,
        at,
        resolution: e.resolution ?? '',
        buyerCash: BigInt(e.buyerCash ?? '0'),
        buyerPoints: BigInt(e.buyerPoints ?? '0'),
        merchantAmount: BigInt(e.merchantAmount ?? '0'),
      });
    }
  }
  return items.map((item, index) => ({ item, index })).sort((a, b) => a.item.at - b.item.at || a.index - b.index).map(({ item }) => item);
}

/** Offers the account can accept: another party's live offers (a party cannot accept its own). */
export function offersFor(offers: Offer[], account: string | undefined): Offer[] {
  const me = account?.toLowerCase();
  return offers.filter((o) => o.by.toLowerCase() !== me);
}

/** Two live offers from distinct parties on the same amount and deadline: anyone can submit them. */
export function agreeingOffers(offers: Offer[]): [Offer, Offer] | null {
  for (const a of offers) {
    const b = offers.find((c) => c.role !== a.role && c.buyerAmount === a.buyerAmount && c.deadline === a.deadline);
    if (b) return [a, b];
  }
  return null;
}

export type Approval = { party: Address; signature: Hex };

/**
 * `settle`'s approvals for accepting `offer` as `account`: the offerer by its stored offer, the caller by
 * calling (`_checkApproval` accepts `party == msg.sender` without a signature), so the account must be the
 * one that sends the transaction.
 */
export function acceptApprovals(offer: Offer, account: Address): [Approval, Approval] {
  if (offer.by.toLowerCase() === account.toLowerCase()) throw new Error('a party cannot accept its own offer');
  return [
    { party: offer.by, signature: '0x' },
    { party: account, signature: '0x' },
  ];
}

/** `settle`'s approvals for two agreeing offers: both stored on chain, so any account can submit them. */
export function pairApprovals([a, b]: [Offer, Offer]): [Approval, Approval] {
  if (a.buyerAmount !== b.buyerAmount || a.deadline !== b.deadline || a.role === b.role) throw new Error('the two offers do not agree');
  return [
    { party: a.by, signature: '0x' },
    { party: b.by, signature: '0x' },
  ];
}

export type SplitInput = { ok: true; buyerAmount: bigint } | { ok: false; reason: 'empty' | 'format' | 'too-much' };

/** The amount back to the buyer as typed ("25", "12.5"), between 0 and what is in escrow. */
export function parseSplit(text: string, decimals: number | null, escrow: bigint): SplitInput {
  const trimmed = text.trim().replace(/,/g, '');
  if (!trimmed) return { ok: false, reason: 'empty' };
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return { ok: false, reason: 'format' };
  const places = decimals ?? 18;
  const fraction = trimmed.split('.')[1];
  if (fraction && fraction.length > places) return { ok: false, reason: 'format' };
  const value = parseUnits(trimmed, places);
  if (value > escrow) return { ok: false, reason: 'too-much' };
  return { ok: true, buyerAmount: value };
}
