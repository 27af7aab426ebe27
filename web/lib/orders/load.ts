// Where the order pages get their data: the subgraph first; if it cannot be reached (or has not indexed the
// order yet), the chain itself through chain.ts. The page says which source it shows.
import type { Address } from 'viem';
import { orderStructFromSubgraph, type OrderStruct } from '../chain/order.ts';
import { SubgraphError } from '../graphql/client.ts';
import type { OrderDetail } from '../data/subgraph.ts';

export type Source = { kind: 'subgraph' } | { kind: 'chain'; reason: 'unreachable' | 'not-indexed' | 'no-subgraph'; error?: unknown };

export interface LoadedOrder {
  detail: OrderDetail;
  struct: OrderStruct;
  /** False when the chain fallback's replay is not the escrow's stored state (actions would revert). */
  verified: boolean;
  source: Source;
}

type ChainDetail = OrderDetail & { struct: OrderStruct; verified: boolean };

function fromSubgraph(detail: OrderDetail): LoadedOrder {
  return { detail, struct: orderStructFromSubgraph(detail), verified: true, source: { kind: 'subgraph' } };
}

function fromChain(detail: ChainDetail, source: Source): LoadedOrder {
  return { detail, struct: detail.struct, verified: detail.verified, source };
}

/** The subgraph's answer; any SubgraphError (down, HTTP error, GraphQL error) falls back to the chain. */
export async function loadOrder(
  subgraph: ((id: string) => Promise<OrderDetail | null>) | null,
  chain: (id: bigint) => Promise<ChainDetail | null>,
  id: string,
  /** Whether a struct's terms and state are the escrow's (stateOf); a subgraph behind the chain fails it. */
  verify?: (id: bigint, struct: OrderStruct) => Promise<boolean>,
): Promise<LoadedOrder | null> {
  if (!subgraph) {
    const detail = await chain(BigInt(id));
    return detail && fromChain(detail, { kind: 'chain', reason: 'no-subgraph' });
  }
  let detail: OrderDetail | null;
  try {
    detail = await subgraph(id);
  } catch (error) {
    if (!(error instanceof SubgraphError)) throw error;
    const fallback = await chain(BigInt(id));
    return fallback && fromChain(fallback, { kind: 'chain', reason: 'unreachable', error });
  }
  if (detail) {
    const loaded = fromSubgraph(detail);
    // The indexer lags behind the chain (the order changed since): its state is not the escrow's.
    if (!verify || (await verify(BigInt(id), loaded.struct).catch(() => true))) return loaded;
    const fresh = await chain(BigInt(id));
    return fresh ? fromChain(fresh, { kind: 'chain', reason: 'not-indexed' }) : loaded;
  }
  // Not indexed (yet, or the indexer lags behind): the chain knows every order that exists.
  const fallback = await chain(BigInt(id));
  return fallback && fromChain(fallback, { kind: 'chain', reason: 'not-indexed' });
}

export interface LoadedOrders {
  orders: LoadedOrder[];
  source: Source;
}

export async function loadOrdersOfBuyer(
  subgraph: ((buyer: string) => Promise<OrderDetail[]>) | null,
  chain: (buyer: Address) => Promise<ChainDetail[]>,
  buyer: Address,
): Promise<LoadedOrders> {
  if (subgraph) {
    try {
      return { orders: (await subgraph(buyer)).map(fromSubgraph), source: { kind: 'subgraph' } };
    } catch (error) {
      if (!(error instanceof SubgraphError)) throw error;
      const source: Source = { kind: 'chain', reason: 'unreachable', error };
      return { orders: (await chain(buyer)).map((d) => fromChain(d, source)), source };
    }
  }
  const source: Source = { kind: 'chain', reason: 'no-subgraph' };
  return { orders: (await chain(buyer)).map((d) => fromChain(d, source)), source };
}

/** Deadlines that matter to the buyer, in unix seconds (null when not applicable yet). */
export function deadlines(o: OrderStruct, arbiterWindow = 14 * 86400) {
  return {
    shipBy: o.shipBy,
    autoReleaseAt: o.shippedAt ? o.shippedAt + o.autoReleaseWindow : null,
    arbiterDeadline: o.disputedAt ? o.disputedAt + arbiterWindow : null,
  };
}
