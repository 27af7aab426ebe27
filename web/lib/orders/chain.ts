// The chain fallback: when the subgraph is unreachable, the order pages read the escrow's events directly
// (eth_getLogs from the deployment's start block, in bounded ranges), rebuild the order's terms from `OrderPlaced` and its state by
// replaying the later events (replay.ts), and check the state against the escrow's own `stateOf(orderId, terms)`
// (which also refuses terms that are not the order's). Listing titles come from the catalog's events. The
// result has the subgraph's OrderDetail shape so the pages render either source the same way.
import { type Address, type Hex, type PublicClient, encodeEventTopics, erc20Abi, pad, parseEventLogs, toHex, zeroAddress } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { Status, type OrderStruct, orderFieldsFromStruct, termsOf } from '../chain/order.ts';
import type { OrderDetail, TokenInfo } from '../data/subgraph.ts';
import { describeError } from '../tx/errors.ts';
import { headBlock, scanLogs } from '../chain-read/logs.ts';
import { ORDER_EVENT_NAMES, type OrderLog, replayOrder, type ReplayedOrder, sameState, stateOfOrder } from './replay.ts';

export interface ChainSource {
  client: PublicClient;
  /** Orders and their events. */
  escrow: Address;
  /** Merchants and listings (titles) and their events. */
  catalog: Address;
  startBlock: number;
  /** Blocks per eth_getLogs request (public L2 RPCs limit ranges); default 10,000. */
  maxRange?: number;
  settlementToken: { address: Address; symbol: string; decimals: number };
}

export interface ChainOrderDetail extends OrderDetail {
  struct: OrderStruct;
  /** `stateOf(orderId, terms)` is the replayed state: the rebuilt terms and state are the escrow's. */
  verified: boolean;
}

const EVENT_TOPICS: Hex[] = ORDER_EVENT_NAMES.map((eventName) => encodeEventTopics({ abi: chainMartEscrowAbi, eventName } as never)[0] as Hex);

/** Decoded order events for the given order ids (one eth_getLogs: any of the order events, any of the ids). */
export async function orderLogs(source: ChainSource, orderIds: bigint[]): Promise<OrderLog[]> {
  if (orderIds.length === 0) return [];
  const raw = await scanLogs(source.client, {
    address: source.escrow,
    fromBlock: source.startBlock,
    toBlock: await headBlock(source.client),
    maxRange: source.maxRange,
    topics: [EVENT_TOPICS, orderIds.map((id) => pad(toHex(id)))],
  });
  const logs = parseEventLogs({ abi: chainMartEscrowAbi, logs: raw as never, eventName: [...ORDER_EVENT_NAMES] });
  const times = await blockTimes(source.client, logs.map((l) => l.blockNumber!));
  return logs.map((l) => ({
    eventName: l.eventName,
    args: l.args,
    blockNumber: l.blockNumber!,
    logIndex: l.logIndex!,
    transactionHash: l.transactionHash!,
    timestamp: times.get(l.blockNumber!) ?? 0,
  })) as OrderLog[];
}

async function blockTimes(client: PublicClient, blocks: bigint[]): Promise<Map<bigint, number>> {
  const unique = [...new Set(blocks)];
  const entries = await Promise.all(unique.map(async (n) => [n, Number((await client.getBlock({ blockNumber: n })).timestamp)] as const));
  return new Map(entries);
}

/** The listing's current on-chain title (the catalog's ListingCreated, then the last ListingUpdated). */
export async function listingTitle(source: ChainSource, listingId: bigint): Promise<string> {
  const [created, updated] = await Promise.all(
    (['ListingCreated', 'ListingUpdated'] as const).map((eventName) => catalogEvents(source, eventName, { listingId })),
  );
  const last = [...created, ...updated].sort((a, b) => Number(a.blockNumber! - b.blockNumber!) || a.logIndex! - b.logIndex!).pop();
  return (last?.args as { title?: string } | undefined)?.title ?? '';
}

/** A catalog event by its indexed arguments, read in bounded block ranges. */
async function catalogEvents<N extends 'ListingCreated' | 'ListingUpdated'>(source: ChainSource, eventName: N, args: { listingId: bigint }) {
  const raw = await scanLogs(source.client, {
    address: source.catalog,
    fromBlock: source.startBlock,
    toBlock: await headBlock(source.client),
    maxRange: source.maxRange,
    topics: encodeEventTopics({ abi: chainMartCatalogAbi, eventName, args } as never) as Hex[],
  });
  return parseEventLogs({ abi: chainMartCatalogAbi, logs: raw as never, eventName });
}

export async function tokenInfo(source: ChainSource, token: Address): Promise<TokenInfo> {
  const id = token.toLowerCase();
  if (token === zeroAddress) return { id, symbol: 'ETH', decimals: 18 };
  if (id === source.settlementToken.address.toLowerCase()) return { id, symbol: source.settlementToken.symbol, decimals: source.settlementToken.decimals };
  try {
    const [symbol, decimals] = await Promise.all([
      source.client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
      source.client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
    ]);
    return { id, symbol, decimals };
  } catch {
    return { id, symbol: null, decimals: null };
  }
}

/**
 * Whether the order's terms are the escrow's and its state is the one stored under them: `stateOf` reverts
 * (TermsMismatch) for terms that are not the order's, which is "no" here; any other failure propagates.
 */
export async function verifyStruct(source: ChainSource, orderId: bigint, struct: OrderStruct): Promise<boolean> {
  let stored;
  try {
    stored = await source.client.readContract({ address: source.escrow, abi: chainMartEscrowAbi, functionName: 'stateOf', args: [orderId, termsOf(struct)] });
  } catch (error) {
    if (describeError(error).kind === 'revert') return false;
    throw error;
  }
  return sameState(stored, stateOfOrder(struct));
}

export function detailFromReplay(r: ReplayedOrder, currency: TokenInfo, title: string, verified: boolean): ChainOrderDetail {
  const o = r.order;
  return {
    id: r.orderId.toString(),
    orderId: r.orderId.toString(),
    statusName: Status[o.status] ?? String(o.status),
    shippingInfo: r.shippingInfo,
    carrier: r.carrier,
    trackingRef: r.trackingRef,
    buyerCredited: r.buyerCredited.toString(),
    currency,
    listing: { id: o.listingId.toString(), title, metadataURI: '' },
    events: r.events,
    review: r.review ? { id: r.orderId.toString(), ...r.review } : null,
    dispute: r.arbiterDeadline === null ? null : { id: r.orderId.toString(), arbiterDeadline: String(r.arbiterDeadline), resolution: r.resolution },
    ...orderFieldsFromStruct(o),
    struct: o,
    verified,
  };
}

/** One order rebuilt from the chain, or null if no such order was placed. */
export async function orderFromChain(source: ChainSource, orderId: bigint): Promise<ChainOrderDetail | null> {
  const replayed = replayOrder(await orderLogs(source, [orderId]));
  if (!replayed) return null;
  const [currency, title, verified] = await Promise.all([
    tokenInfo(source, replayed.order.token),
    listingTitle(source, replayed.order.listingId),
    verifyStruct(source, orderId, replayed.order),
  ]);
  return detailFromReplay(replayed, currency, title, verified);
}

/** A buyer's orders rebuilt from the chain, newest first. */
export async function ordersOfBuyerFromChain(source: ChainSource, buyer: Address): Promise<ChainOrderDetail[]> {
  const raw = await scanLogs(source.client, {
    address: source.escrow,
    fromBlock: source.startBlock,
    toBlock: await headBlock(source.client),
    maxRange: source.maxRange,
    topics: encodeEventTopics({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', args: { buyer } }) as Hex[],
  });
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, logs: raw as never, eventName: 'OrderPlaced' });
  const ids = placed.map((l) => l.args.orderId!).slice(-200);
  const logs = await orderLogs(source, ids);
  const byId = new Map<bigint, OrderLog[]>();
  for (const log of logs) byId.set(log.args.orderId, [...(byId.get(log.args.orderId) ?? []), log]);
  const titles = new Map<bigint, Promise<string>>();
  const currencies = new Map<string, Promise<TokenInfo>>();
  const out = await Promise.all(
    ids.map(async (id) => {
      const r = replayOrder(byId.get(id) ?? []);
      if (!r) return null;
      if (!titles.has(r.order.listingId)) titles.set(r.order.listingId, listingTitle(source, r.order.listingId));
      if (!currencies.has(r.order.token)) currencies.set(r.order.token, tokenInfo(source, r.order.token));
      const [title, currency, verified] = await Promise.all([titles.get(r.order.listingId)!, currencies.get(r.order.token)!, verifyStruct(source, id, r.order)]);
      return detailFromReplay(r, currency, title, verified);
    }),
  );
  return out.filter((o): o is ChainOrderDetail => o !== null).reverse();
}
