// The verify page's reads: the subgraph's answer and the chain's (viem: events and contract state) for one
// query, compared by compare.ts. Each side may fail on its own; the page then says which one could not be read.
import { type Address, type Hash, type Hex, parseEventLogs } from 'viem';
import { orderStructFromSubgraph, termsOf } from '../chain/order.ts';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { describeError } from '../tx/errors.ts';
import { orderDetail } from '../data/subgraph.ts';
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { VerifyListingDocument, VerifyMerchantDocument, VerifyTxDocument } from '../data/generated/documents.ts';
import { type ChainSource, orderFromChain } from '../orders/chain.ts';
import {
  type ChainListing,
  type ChainMerchant,
  type EventRow,
  type Row,
  type SubgraphEventEntity,
  type SubgraphListing,
  type SubgraphMerchant,
  type TxLogComparison,
  type Verdict,
  eventRows,
  listingRows,
  merchantRows,
  orderRows,
  overall,
  txRows,
} from './compare.ts';
import type { VerifyQuery } from './query.ts';

export interface Verification {
  query: VerifyQuery;
  /** 'incomplete' when a side could not be read; 'not-found' when neither side knows the object. */
  verdict: Verdict | 'incomplete' | 'not-found';
  rows: Row[];
  events: EventRow[];
  logs: TxLogComparison[];
  /** Subgraph event entities of the transaction with no matching escrow or catalog log. */
  extra: SubgraphEventEntity[];
  /** Transactions that made the object what it is, oldest first. */
  transactions: Hash[];
  errors: { subgraph?: unknown; chain?: unknown };
}

async function attempt<T>(read: () => Promise<T>): Promise<{ value: T | null; error?: unknown }> {
  try {
    return { value: await read() };
  } catch (error) {
    return { value: null, error };
  }
}

function verdictOf(rows: Row[], extraMismatch: boolean, errors: Verification['errors'], found: boolean): Verification['verdict'] {
  if (errors.subgraph !== undefined || errors.chain !== undefined) return 'incomplete';
  if (!found) return 'not-found';
  return extraMismatch ? 'mismatch' : overall(rows);
}

function base(query: VerifyQuery): Verification {
  return { query, verdict: 'not-found', rows: [], events: [], logs: [], extra: [], transactions: [], errors: {} };
}

export async function verify(source: ChainSource, subgraphUrl: string | null, query: VerifyQuery): Promise<Verification> {
  switch (query.kind) {
    case 'order':
      return verifyOrder(source, subgraphUrl, query);
    case 'listing':
      return verifyListing(source, subgraphUrl, query);
    case 'merchant':
      return verifyMerchant(source, subgraphUrl, query);
    case 'tx':
      return verifyTx(source, subgraphUrl, query);
  }
}

function noSubgraph(): never {
  throw new Error('no subgraph is configured');
}

async function verifyOrder(source: ChainSource, url: string | null, query: VerifyQuery & { kind: 'order' }): Promise<Verification> {
  const out = base(query);
  const [sub, chain] = await Promise.all([
    attempt(() => (url ? orderDetail(url, query.id.toString()) : noSubgraph())),
    attempt(() => orderFromChain(source, query.id)),
  ]);
  const read = { address: source.escrow, abi: chainMartEscrowAbi } as const;
  const subTerms = sub.value ? termsOf(orderStructFromSubgraph(sub.value)) : null;
  // The escrow itself judges the subgraph's terms: it keys them like the chain's (equal only if every term is
  // right), and returns the state stored under them (a revert, TermsMismatch, means it stores none).
  const [subgraphKey, chainKey, stored] = await Promise.all([
    attempt(async () => (subTerms ? source.client.readContract({ ...read, functionName: 'orderKey', args: [query.id, subTerms] }) : null)),
    attempt(async () => (chain.value?.verified ? source.client.readContract({ ...read, functionName: 'orderKey', args: [query.id, termsOf(chain.value.struct)] }) : null)),
    attempt(async () => {
      if (!subTerms) return null;
      try {
        return await source.client.readContract({ ...read, functionName: 'stateOf', args: [query.id, subTerms] });
      } catch (error) {
        if (describeError(error).kind === 'revert') return null;
        throw error;
      }
    }),
  ]);
  out.errors = { subgraph: sub.error, chain: chain.error ?? subgraphKey.error ?? chainKey.error ?? stored.error };
  out.rows = orderRows(sub.value, chain.value, { keys: { subgraph: subgraphKey.value as Hex | null, chain: chainKey.value as Hex | null }, storedState: stored.value });
  out.events = eventRows(sub.value?.events ?? [], chain.value?.events ?? []);
  out.transactions = [...new Set((chain.value?.events ?? sub.value?.events ?? []).map((e) => e.transactionHash as Hash))];
  out.verdict = verdictOf(out.rows, out.events.some((e) => e.verdict === 'mismatch'), out.errors, !!(sub.value || chain.value));
  return out;
}

/** The last of the catalog's events of these kinds about one listing or merchant, and every transaction that emitted one. */
async function lastEventArgs(source: ChainSource, names: readonly ('ListingCreated' | 'ListingUpdated' | 'MerchantRegistered' | 'MerchantUpdated')[], args: Record<string, unknown>) {
  const logs = (
    await Promise.all(
      names.map((eventName) =>
        source.client.getContractEvents({ address: source.catalog, abi: chainMartCatalogAbi, eventName, args: args as never, fromBlock: BigInt(source.startBlock) }),
      ),
    )
  )
    .flat()
    .sort((a, b) => Number(a.blockNumber! - b.blockNumber!) || a.logIndex! - b.logIndex!);
  return { last: (logs.at(-1)?.args ?? null) as Record<string, unknown> | null, transactions: logs.map((l) => l.transactionHash!) };
}

async function verifyListing(source: ChainSource, url: string | null, query: VerifyQuery & { kind: 'listing' }): Promise<Verification> {
  const out = base(query);
  const [sub, chain] = await Promise.all([
    attempt(async () => {
      if (!url) noSubgraph();
      const data = await graphqlRequest<G.VerifyListingQuery, G.VerifyListingQueryVariables>(
        url,
        VerifyListingDocument,
        { id: query.id.toString() },
      );
      const listing: SubgraphListing | null = data.listing;
      return listing;
    }),
    attempt(async (): Promise<{ listing: ChainListing | null; transactions: Hash[] }> => {
      const [state, gate, events] = await Promise.all([
        source.client.readContract({ address: source.catalog, abi: chainMartCatalogAbi, functionName: 'listingOf', args: [query.id] }),
        source.client.readContract({ address: source.catalog, abi: chainMartCatalogAbi, functionName: 'gateOf', args: [query.id] }),
        lastEventArgs(source, ['ListingCreated', 'ListingUpdated'], { listingId: query.id }),
      ]);
      const [merchant, token, price, stock, maxPerOrder, shipWithin, paused] = state;
      if (BigInt(merchant) === 0n) return { listing: null, transactions: [] };
      const e = events.last;
      const listing: ChainListing = {
        merchant,
        token,
        price,
        stock,
        maxPerOrder,
        shipWithin,
        paused,
        gate,
        title: (e?.title as string) ?? null,
        category: (e?.category as string) ?? null,
        metadataURI: (e?.metadataURI as string) ?? null,
      };
      return { listing, transactions: events.transactions };
    }),
  ]);
  out.errors = { subgraph: sub.error, chain: chain.error };
  const found = !!(sub.value || chain.value?.listing);
  out.rows = found ? listingRows(sub.value, chain.value?.listing ?? null) : [];
  out.transactions = chain.value?.transactions ?? [];
  out.verdict = verdictOf(out.rows, false, out.errors, found);
  return out;
}

async function verifyMerchant(source: ChainSource, url: string | null, query: VerifyQuery & { kind: 'merchant' }): Promise<Verification> {
  const out = base(query);
  const [sub, chain] = await Promise.all([
    attempt(async () => {
      if (!url) noSubgraph();
      const data = await graphqlRequest<G.VerifyMerchantQuery, G.VerifyMerchantQueryVariables>(
        url,
        VerifyMerchantDocument,
        { id: query.address.toLowerCase() },
      );
      const merchant: SubgraphMerchant | null = data.merchant;
      return merchant;
    }),
    attempt(async (): Promise<{ merchant: ChainMerchant; transactions: Hash[] }> => {
      const [state, events] = await Promise.all([
        source.client.readContract({ address: source.catalog, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [query.address] }),
        lastEventArgs(source, ['MerchantRegistered', 'MerchantUpdated'], { merchant: query.address }),
      ]);
      const [registered, arbiter, rewardBps, autoReleaseWindow, encryptionKey] = state;
      return {
        merchant: { registered, arbiter, rewardBps, autoReleaseWindow, encryptionKey, metadataURI: (events.last?.metadataURI as string) ?? null },
        transactions: events.transactions,
      };
    }),
  ]);
  out.errors = { subgraph: sub.error, chain: chain.error };
  const found = !!(sub.value || chain.value?.merchant.registered);
  out.rows = found ? merchantRows(sub.value, chain.value?.merchant ?? null) : [];
  out.transactions = chain.value?.transactions ?? [];
  out.verdict = verdictOf(out.rows, false, out.errors, found);
  return out;
}

async function verifyTx(source: ChainSource, url: string | null, query: VerifyQuery & { kind: 'tx' }): Promise<Verification> {
  const out = base(query);
  const [sub, receipt] = await Promise.all([
    attempt(async () => {
      if (!url) noSubgraph();
      const data = await graphqlRequest<G.VerifyTxQuery, G.VerifyTxQueryVariables>(
        url,
        VerifyTxDocument,
        { tx: query.hash },
      );
      const entities: SubgraphEventEntity[] = [...data.orderEvents, ...data.provenanceSteps];
      return entities;
    }),
    attempt(async () => {
      try {
        return await source.client.getTransactionReceipt({ hash: query.hash });
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionReceiptNotFoundError') return null;
        throw error;
      }
    }),
  ]);
  out.errors = { subgraph: sub.error, chain: receipt.error };
  if (receipt.value) {
    // Order events come from the escrow, listing events (provenance...) from the catalog.
    const from = (address: Address) => receipt.value!.logs.filter((l) => l.address.toLowerCase() === address.toLowerCase());
    const logs = [
      ...parseEventLogs({ abi: chainMartEscrowAbi, logs: from(source.escrow) }),
      ...parseEventLogs({ abi: chainMartCatalogAbi, logs: from(source.catalog) }),
    ].sort((a, b) => a.logIndex - b.logIndex);
    const compared = txRows(
      logs.map((l) => ({ eventName: l.eventName, args: l.args as Record<string, unknown>, logIndex: l.logIndex })),
      sub.value ?? [],
      query.hash,
      receipt.value.blockNumber,
    );
    out.logs = compared.logs;
    out.extra = compared.extra;
    out.transactions = [query.hash];
  } else {
    out.extra = sub.value ?? [];
  }
  const compared = out.logs.filter((l) => l.rows !== null);
  const found = !!receipt.value || out.extra.length > 0;
  out.rows = compared.flatMap((l) => l.rows!);
  out.verdict = verdictOf(out.rows, out.extra.length > 0 || compared.some((l) => l.verdict === 'mismatch'), out.errors, found);
  // An escrow or catalog transaction whose events the subgraph keeps only as state (a listing edit, a withdrawal...) has
  // nothing to compare event by event; it is a match only if the subgraph has no event entity for it either.
  if (out.verdict === 'mismatch' && compared.length === 0 && out.extra.length === 0 && receipt.value) out.verdict = 'match';
  return out;
}
