// The arbiters a new merchant can choose from, built from the subgraph: every address some merchant has
// named as arbiter or that has handled a dispute, with its record (disputes, rulings, the median time from a
// dispute's opening to its ruling), and a suggested default: the most experienced one.
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { ArbitersDocument } from '../data/generated/documents.ts';

/** A dispute's arbiter and times (sell.graphql `Arbiters`). */
export type DisputeRecord = G.ArbitersQuery['disputes'][number];

export interface ArbiterRecord {
  address: string;
  /** Merchants that name this arbiter today. */
  merchants: number;
  disputes: number;
  /** Disputes the arbiter decided itself (resolution "Ruling"). */
  rulings: number;
  /** Median seconds from opening to the arbiter's ruling; null without rulings. */
  medianResponse: number | null;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One record per arbiter, most experienced first (rulings, then disputes, then merchants). */
export function arbiterRecords(disputes: DisputeRecord[], merchantArbiters: string[]): ArbiterRecord[] {
  const byAddress = new Map<string, { merchants: number; disputes: number; responses: number[] }>();
  const entry = (address: string) => {
    const key = address.toLowerCase();
    let e = byAddress.get(key);
    if (!e) byAddress.set(key, (e = { merchants: 0, disputes: 0, responses: [] }));
    return e;
  };
  for (const a of merchantArbiters) entry(a).merchants++;
  for (const d of disputes) {
    const e = entry(d.arbiter);
    e.disputes++;
    if (d.resolution === 'Ruling' && d.resolvedAt) e.responses.push(Number(d.resolvedAt) - Number(d.openedAt));
  }
  return [...byAddress]
    .filter(([address]) => !/^0x0{40}$/.test(address))
    .map(([address, e]) => ({ address, merchants: e.merchants, disputes: e.disputes, rulings: e.responses.length, medianResponse: median(e.responses) }))
    .sort((a, b) => b.rulings - a.rulings || b.disputes - a.disputes || b.merchants - a.merchants || a.address.localeCompare(b.address));
}

/**
 * The arbiter to suggest: the network's configured default when it has one, else the most experienced in
 * the list; never the merchant itself (the contract refuses a merchant as its own arbiter).
 */
export function suggestedArbiter(records: ArbiterRecord[], merchant: string, configured?: string): string | undefined {
  const me = merchant.toLowerCase();
  if (configured && configured.toLowerCase() !== me) return configured.toLowerCase();
  return records.find((r) => r.address !== me)?.address;
}

export async function loadArbiterRecords(url: string, signal?: AbortSignal): Promise<ArbiterRecord[]> {
  const data = await graphqlRequest<G.ArbitersQuery, G.ArbitersQueryVariables>(
    url,
    ArbitersDocument,
    {},
    { signal },
  );
  return arbiterRecords(data.disputes, data.merchants.map((m) => m.arbiter));
}
