// Shipping several paid orders in one `shipBatch(Shipment[])` transaction. The escrow skips an order that is no
// longer Paid (its buyer disputed or cancelled it meanwhile) so a buyer cannot make the batch fail, and reverts
// the whole batch for anything else, e.g. an order past its ship-by time: those are never offered here. How many
// shipped is read from the receipt's `OrderShipped` logs, which say which ones (the return value does not reach
// a transaction's sender).
import { type Address, type Log, parseEventLogs } from 'viem';
import { type OrderStruct, type OrderTerms, type SubgraphOrderFields, Status, orderStructFromSubgraph, termsOf } from '../chain/order.ts';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';

/** The escrow's limit on a carrier name and a tracking reference, in UTF-8 bytes. */
export const MAX_SHORT_TEXT_BYTES = 128;

/** What the list needs to know about an order to offer it for batch shipping. */
export type BatchCandidate = { id: string } & SubgraphOrderFields;

export type Unshippable = 'not-paid' | 'late';

/** Why an order cannot go in a batch (null: it can), at chain time `now`. */
export function unshippable(order: Pick<OrderStruct, 'status' | 'shipBy'>, now: number): Unshippable | null {
  if (Status[order.status] !== 'Paid') return 'not-paid';
  // The escrow reverts the whole batch with TooLate once `block.timestamp > shipBy`.
  if (now > order.shipBy) return 'late';
  return null;
}

/** One selected order's shipping, as typed. */
export interface ShipmentEntry {
  carrier: string;
  trackingRef: string;
}

/** The selection: order id to what was typed for it, in the order the merchant ticked them. */
export type Selection = ReadonlyMap<string, ShipmentEntry>;

/**
 * Ticks or unticks an order. A newly ticked order starts with the carrier last typed (most parcels of a batch
 * go with one carrier) and an empty tracking reference.
 */
export function toggle(selection: Selection, id: string): Map<string, ShipmentEntry> {
  const next = new Map(selection);
  if (next.has(id)) {
    next.delete(id);
    return next;
  }
  const last = [...next.values()].at(-1);
  next.set(id, { carrier: last?.carrier ?? '', trackingRef: '' });
  return next;
}

/** Drops the orders that can no longer be shipped in a batch (shipped on their own page, disputed, now late). */
export function prune(selection: Selection, candidates: readonly BatchCandidate[], now: number): Map<string, ShipmentEntry> {
  const shippable = new Set(candidates.filter((c) => unshippable(orderStructFromSubgraph(c), now) === null).map((c) => c.id));
  return new Map([...selection].filter(([id]) => shippable.has(id)));
}

export type EntryProblem = 'carrier-empty' | 'carrier-long' | 'tracking-empty' | 'tracking-long';

const byteLength = (text: string) => new TextEncoder().encode(text).length;

export function entryProblems(entry: ShipmentEntry): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const carrier = entry.carrier.trim();
  const tracking = entry.trackingRef.trim();
  if (!carrier) problems.push('carrier-empty');
  else if (byteLength(carrier) > MAX_SHORT_TEXT_BYTES) problems.push('carrier-long');
  if (!tracking) problems.push('tracking-empty');
  else if (byteLength(tracking) > MAX_SHORT_TEXT_BYTES) problems.push('tracking-long');
  return problems;
}

/** The problems of each selected order that has any. */
export function selectionProblems(selection: Selection): Map<string, EntryProblem[]> {
  return new Map([...selection].map(([id, entry]) => [id, entryProblems(entry)] as const).filter(([, problems]) => problems.length > 0));
}

export interface Shipment {
  orderId: bigint;
  terms: OrderTerms;
  carrier: string;
  trackingRef: string;
}

export class BatchError extends Error {
  constructor(
    message: string,
    readonly kind: 'empty' | 'unknown-order' | 'invalid-entry',
    readonly orderId?: string,
  ) {
    super(message);
    this.name = 'BatchError';
  }
}

/** The `shipBatch` argument: each selected order with the terms agreed at checkout and its trimmed entry. */
export function buildShipments(selection: Selection, candidates: readonly BatchCandidate[]): Shipment[] {
  if (selection.size === 0) throw new BatchError('no order selected', 'empty');
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return [...selection].map(([id, entry]) => {
    const candidate = byId.get(id);
    if (!candidate) throw new BatchError(`order ${id} is not in the list`, 'unknown-order', id);
    if (entryProblems(entry).length) throw new BatchError(`order ${id} needs a carrier and a tracking reference`, 'invalid-entry', id);
    return { orderId: BigInt(id), terms: termsOf(orderStructFromSubgraph(candidate)), carrier: entry.carrier.trim(), trackingRef: entry.trackingRef.trim() };
  });
}

/** `shipBatch(shipments)` on the escrow, as `write` takes it. */
export function shipBatchRequest(escrow: Address, shipments: readonly Shipment[]) {
  return { address: escrow, abi: chainMartEscrowAbi, functionName: 'shipBatch' as const, args: [shipments] as const };
}

export interface BatchResult {
  /** The ids shipped by this transaction, in the batch's order. */
  shipped: string[];
  /** The ids the escrow skipped (another party had moved them). */
  skipped: string[];
}

/** Which orders of the batch the receipt shows shipped (by this escrow's `OrderShipped` logs). */
export function batchResult(shipments: readonly Pick<Shipment, 'orderId'>[], logs: readonly Log[], escrow: Address): BatchResult {
  const events = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderShipped', logs: logs as Log[], strict: true });
  const shippedIds = new Set(events.filter((e) => e.address.toLowerCase() === escrow.toLowerCase()).map((e) => e.args.orderId));
  const ids = shipments.map((s) => s.orderId);
  return {
    shipped: ids.filter((id) => shippedIds.has(id)).map(String),
    skipped: ids.filter((id) => !shippedIds.has(id)).map(String),
  };
}

export type ResultNotice = { tone: 'success'; shipped: number } | { tone: 'warn'; shipped: number; selected: number; skipped: string[] };

/** What to tell the merchant: all shipped, or how many of how many and which were skipped. */
export function resultNotice(result: BatchResult): ResultNotice {
  const selected = result.shipped.length + result.skipped.length;
  if (result.skipped.length === 0) return { tone: 'success', shipped: result.shipped.length };
  return { tone: 'warn', shipped: result.shipped.length, selected, skipped: result.skipped };
}
