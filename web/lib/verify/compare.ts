// Side-by-side comparison of what the subgraph says and what the chain says, field by field. Values are
// normalized before comparing (numbers and bigints as decimal strings, hex lowercased), so only real
// differences count; a value one side has and the other lacks is a mismatch too.
import { type Hex, numberToHex } from 'viem';
import { orderStructFromSubgraph, type OrderStruct, type OrderTerms } from '../chain/order.ts';
import type { OrderDetail, OrderEventItem } from '../data/subgraph.ts';
import { ORDER_EVENT_ENTITIES, type OrderState, RESOLUTIONS, stateOfOrder } from '../orders/replay.ts';

export type Verdict = 'match' | 'mismatch';

export interface Row {
  field: string;
  subgraph: string | null;
  chain: string | null;
  verdict: Verdict;
}

export function normalize(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint' || typeof value === 'number') return BigInt(value).toString();
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (/^0x[0-9a-fA-F]*$/.test(text)) return text.toLowerCase();
  if (/^-?\d+$/.test(text)) return BigInt(text).toString();
  return text;
}

export function compareField(field: string, subgraph: unknown, chain: unknown): Row {
  const s = normalize(subgraph);
  const c = normalize(chain);
  return { field, subgraph: s, chain: c, verdict: s === c ? 'match' : 'mismatch' };
}

/** One verdict for a whole comparison: any mismatching row makes it a mismatch; nothing to compare is not a match. */
export function overall(rows: readonly { verdict: Verdict }[]): Verdict {
  return rows.length > 0 && rows.every((r) => r.verdict === 'match') ? 'match' : 'mismatch';
}

export const STRUCT_FIELDS = [
  'buyer',
  'merchant',
  'token',
  'arbiter',
  'listingId',
  'quantity',
  'amount',
  'pointsPaid',
  'feeBps',
  'rewardBps',
  'autoReleaseWindow',
  'placedAt',
  'shipBy',
  'shippedAt',
  'disputedAt',
  'status',
  'flags',
] as const satisfies readonly (keyof OrderStruct)[];

export interface ChainOrderView {
  struct: OrderStruct;
  originalAmount: string;
  originalPointsPaid: string;
  carrier: string | null;
  trackingRef: string | null;
  events: OrderEventItem[];
}

/** What the escrow itself says about the subgraph's copy of an order. */
export interface EscrowJudgement {
  /** `orderKey(id, terms)` of the subgraph's terms, and of the chain's (only when the escrow accepts them). */
  keys: { subgraph: Hex | null; chain: Hex | null };
  /** `stateOf(id, the subgraph's terms)`: the state stored under them, null when the escrow refuses them. */
  storedState: OrderState | null;
}

/** A state as one comparable line (remaining / shippedAt / disputedAt / status / flags). */
export function stateText(state: OrderState | null): string | null {
  return state && `${state.remaining}/${state.shippedAt}/${state.disputedAt}/${state.status}/${state.flags}`;
}

/**
 * An order: every field of the terms and state as the subgraph has them vs as rebuilt from the chain's events,
 * the escrow's own judgement of the subgraph's copy (its terms keyed by the escrow like the chain's, and the
 * state the escrow stores under those terms vs the subgraph's), and the fields the escrow does not store but
 * its events carry.
 */
export function orderRows(sub: OrderDetail | null, chain: ChainOrderView | null, escrow: EscrowJudgement): Row[] {
  const s = sub ? orderStructFromSubgraph(sub) : null;
  const c = chain?.struct ?? null;
  return [
    compareField('orderKey', escrow.keys.subgraph, escrow.keys.chain),
    compareField('storedState', stateText(s && stateOfOrder(s)), stateText(escrow.storedState)),
    ...STRUCT_FIELDS.map((field) => compareField(field, s?.[field], c?.[field])),
    compareField('originalAmount', sub?.originalAmount, chain?.originalAmount),
    compareField('originalPointsPaid', sub?.originalPointsPaid, chain?.originalPointsPaid),
    compareField('carrier', sub?.carrier, chain?.carrier),
    compareField('trackingRef', sub?.trackingRef, chain?.trackingRef),
    compareField('events', sub?.events.length, chain?.events.length),
  ];
}

export interface EventRow {
  kind: string;
  transactionHash: string;
  inSubgraph: boolean;
  onChain: boolean;
  verdict: Verdict;
}

/** The order's history: each event (kind + transaction) must be on both sides. */
export function eventRows(sub: readonly OrderEventItem[], chain: readonly OrderEventItem[]): EventRow[] {
  const key = (e: OrderEventItem) => `${e.__typename}@${e.transactionHash.toLowerCase()}`;
  const remaining = new Map<string, number>();
  for (const e of sub) remaining.set(key(e), (remaining.get(key(e)) ?? 0) + 1);
  const rows: EventRow[] = [];
  for (const e of [...chain].sort((a, b) => Number(a.timestamp) - Number(b.timestamp))) {
    const k = key(e);
    const left = remaining.get(k) ?? 0;
    if (left > 0) remaining.set(k, left - 1);
    rows.push({ kind: e.__typename, transactionHash: e.transactionHash.toLowerCase(), inSubgraph: left > 0, onChain: true, verdict: left > 0 ? 'match' : 'mismatch' });
  }
  for (const e of sub) {
    const k = key(e);
    if ((remaining.get(k) ?? 0) > 0) {
      remaining.set(k, remaining.get(k)! - 1);
      rows.push({ kind: e.__typename, transactionHash: e.transactionHash.toLowerCase(), inSubgraph: true, onChain: false, verdict: 'mismatch' });
    }
  }
  return rows;
}

export interface SubgraphListing {
  merchant: { id: string };
  token: string;
  price: string;
  stock: string;
  maxPerOrder: number;
  shipWithin: string;
  paused: boolean;
  gate: string | null;
  title: string;
  category: string;
  metadataURI: string;
}

export interface ChainListing {
  merchant: string;
  token: string;
  price: bigint;
  stock: number;
  maxPerOrder: number;
  shipWithin: number;
  paused: boolean;
  gate: string;
  /** From the last ListingCreated/ListingUpdated event (the contract does not store them). */
  title: string | null;
  category: string | null;
  metadataURI: string | null;
}

const ZERO = '0x0000000000000000000000000000000000000000';

export function listingRows(sub: SubgraphListing | null, chain: ChainListing | null): Row[] {
  return [
    compareField('merchant', sub?.merchant.id, chain && chain.merchant !== ZERO ? chain.merchant : null),
    compareField('token', sub?.token, chain?.token),
    compareField('price', sub?.price, chain?.price),
    compareField('stock', sub?.stock, chain?.stock),
    compareField('maxPerOrder', sub?.maxPerOrder, chain?.maxPerOrder),
    compareField('shipWithin', sub?.shipWithin, chain?.shipWithin),
    compareField('paused', sub?.paused, chain?.paused),
    // The subgraph keeps null for "no gate"; the contract answers the zero address.
    compareField('gate', sub ? (sub.gate ?? ZERO) : null, chain?.gate),
    compareField('title', sub?.title, chain?.title),
    compareField('category', sub?.category, chain?.category),
    compareField('metadataURI', sub?.metadataURI, chain?.metadataURI),
  ];
}

export interface SubgraphMerchant {
  arbiter: string;
  rewardBps: number;
  autoReleaseWindow: string;
  encryptionKey: string;
  metadataURI: string;
}

export interface ChainMerchant {
  registered: boolean;
  arbiter: string;
  rewardBps: number;
  autoReleaseWindow: number;
  encryptionKey: string;
  /** From the last MerchantRegistered/MerchantUpdated event. */
  metadataURI: string | null;
}

export function merchantRows(sub: SubgraphMerchant | null, chain: ChainMerchant | null): Row[] {
  const registered = chain?.registered ? chain : null;
  return [
    compareField('registered', sub !== null, chain?.registered ?? false),
    compareField('arbiter', sub?.arbiter, registered?.arbiter),
    compareField('rewardBps', sub?.rewardBps, registered?.rewardBps),
    compareField('autoReleaseWindow', sub?.autoReleaseWindow, registered?.autoReleaseWindow),
    compareField('encryptionKey', sub?.encryptionKey, registered?.encryptionKey),
    compareField('metadataURI', sub?.metadataURI, registered?.metadataURI),
  ];
}

/** graph-node's id for an event entity: the transaction hash followed by the log index as 4 little-endian bytes. */
export function eventEntityId(transactionHash: string, logIndex: number): string {
  const le = numberToHex(logIndex, { size: 4 }).slice(2).match(/../g)!.reverse().join('');
  return `${transactionHash.toLowerCase()}${le}`;
}

/** ChainMart event name -> the subgraph's event entity type (events the subgraph records as entities). */
export const EVENT_ENTITIES: Record<string, string> = { ...ORDER_EVENT_ENTITIES, ProvenanceAdded: 'ProvenanceStep' };

export interface DecodedLog {
  eventName: string;
  args: Record<string, unknown>;
  logIndex: number;
}

export type SubgraphEventEntity = { __typename: string; id: string; blockNumber?: string; order?: { id: string }; listing?: { id: string } } & Record<string, unknown>;

export interface TxLogComparison {
  eventName: string;
  logIndex: number;
  /** Null when the subgraph keeps no event record of this kind (its effect is on state entities only). */
  rows: Row[] | null;
  verdict: Verdict | 'state-only';
}

const META = new Set(['__typename', 'id', 'transactionHash', 'timestamp', 'blockNumber', 'order', 'listing', 'dispute']);

/** Each ChainMart log of a transaction against the subgraph's entity with the same id. */
export function txRows(logs: readonly DecodedLog[], entities: readonly SubgraphEventEntity[], transactionHash: string, blockNumber: bigint): { logs: TxLogComparison[]; extra: SubgraphEventEntity[] } {
  const byId = new Map(entities.map((e) => [e.id.toLowerCase(), e]));
  const used = new Set<string>();
  const out = logs.map((log): TxLogComparison => {
    const type = EVENT_ENTITIES[log.eventName];
    if (!type) return { eventName: log.eventName, logIndex: log.logIndex, rows: null, verdict: 'state-only' };
    const id = eventEntityId(transactionHash, log.logIndex);
    const entity = byId.get(id) ?? null;
    if (entity) used.add(id);
    const rows: Row[] = [compareField('type', entity?.__typename, type)];
    // ProvenanceStep records the listing but no block number; order events record both.
    if (log.eventName === 'ProvenanceAdded') {
      rows.push(compareField('listingId', entity?.listing?.id, log.args.listingId));
    } else {
      rows.push(compareField('blockNumber', entity?.blockNumber, blockNumber), compareField('orderId', entity?.order?.id, log.args.orderId));
    }
    const args: Record<string, unknown> =
      log.eventName === 'OrderPlaced' ? { amount: (log.args.terms as OrderTerms).total, pointsPaid: (log.args.terms as OrderTerms).points } : log.args;
    for (const key of Object.keys(entity ?? {}).filter((k) => !META.has(k)).sort()) {
      let chainValue = args[key];
      if (key === 'resolution' && typeof chainValue === 'number') chainValue = RESOLUTIONS[chainValue] ?? chainValue;
      rows.push(compareField(key, entity?.[key], chainValue));
    }
    return { eventName: log.eventName, logIndex: log.logIndex, rows, verdict: overall(rows) };
  });
  return { logs: out, extra: entities.filter((e) => !used.has(e.id.toLowerCase())) };
}
