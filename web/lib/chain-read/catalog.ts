// The catalog rebuilt from its own events (ChainMartCatalog emits one per change, rich enough to rebuild every
// merchant and listing): a pure fold of the logs LogCache holds. Stock also moves when orders take it (no
// catalog event for that), so the reader overrides stock, price and pause with the `listingOf` view for the
// listings it shows.
import { type Address, type Hex, parseEventLogs } from 'viem';
import { chainMartCatalogAbi } from '../contracts/generated/abi.ts';
import type { ListingFilter } from '../data/subgraph.ts';
import type { RawLog } from './logs.ts';

export interface ChainMerchant {
  id: string;
  metadataURI: string;
  encryptionKey: Hex;
  arbiter: string;
  rewardBps: number;
  autoReleaseWindow: number;
  registeredBlock: number;
}

export interface ChainProvenance {
  kind: string;
  location: string;
  occurredAt: number;
  actor: string;
  evidenceCid: string;
  blockNumber: number;
  transactionHash: Hex;
  logIndex: number;
}

export interface ChainListing {
  id: string;
  merchant: string;
  token: string;
  price: bigint;
  stock: number;
  maxPerOrder: number;
  shipWithin: number;
  title: string;
  category: string;
  metadataURI: string;
  paused: boolean;
  gate: string | null;
  createdBlock: number;
  updatedBlock: number;
  provenance: ChainProvenance[];
}

export interface CatalogState {
  merchants: Map<string, ChainMerchant>;
  listings: Map<string, ChainListing>;
}

const ZERO = /^0x0{40}$/i;

function order(a: RawLog, b: RawLog): number {
  const block = BigInt(a.blockNumber) - BigInt(b.blockNumber);
  return block !== 0n ? (block < 0n ? -1 : 1) : Number(BigInt(a.logIndex) - BigInt(b.logIndex));
}

/** Folds the catalog's logs (any order; other contracts' logs and unknown events are ignored). */
export function foldCatalog(raw: RawLog[], catalog: Address): CatalogState {
  const merchants = new Map<string, ChainMerchant>();
  const listings = new Map<string, ChainListing>();
  const mine = raw.filter((log) => log.address.toLowerCase() === catalog.toLowerCase()).sort(order);
  const logs = parseEventLogs({ abi: chainMartCatalogAbi, logs: mine as never, strict: false });
  for (const log of logs) {
    const block = Number(log.blockNumber);
    const args = log.args as Record<string, unknown>;
    switch (log.eventName) {
      case 'MerchantRegistered':
      case 'MerchantUpdated': {
        const id = String(args.merchant).toLowerCase();
        merchants.set(id, {
          id,
          metadataURI: String(args.metadataURI ?? ''),
          encryptionKey: args.encryptionKey as Hex,
          arbiter: String(args.arbiter).toLowerCase(),
          rewardBps: Number(args.rewardBps),
          autoReleaseWindow: Number(args.autoReleaseWindow),
          registeredBlock: merchants.get(id)?.registeredBlock ?? block,
        });
        break;
      }
      case 'ListingCreated': {
        const id = String(args.listingId);
        listings.set(id, {
          id,
          merchant: String(args.merchant).toLowerCase(),
          token: String(args.token).toLowerCase(),
          price: args.price as bigint,
          stock: Number(args.stock),
          maxPerOrder: Number(args.maxPerOrder),
          shipWithin: Number(args.shipWithin),
          title: String(args.title ?? ''),
          category: String(args.category ?? ''),
          metadataURI: String(args.metadataURI ?? ''),
          paused: false,
          gate: null,
          createdBlock: block,
          updatedBlock: block,
          provenance: [],
        });
        break;
      }
      default: {
        const listing = listings.get(String(args.listingId));
        if (!listing) break;
        listing.updatedBlock = block;
        if (log.eventName === 'ListingUpdated') {
          Object.assign(listing, {
            price: args.price as bigint,
            maxPerOrder: Number(args.maxPerOrder),
            shipWithin: Number(args.shipWithin),
            title: String(args.title ?? ''),
            category: String(args.category ?? ''),
            metadataURI: String(args.metadataURI ?? ''),
          });
        } else if (log.eventName === 'ListingPaused') listing.paused = Boolean(args.paused);
        else if (log.eventName === 'ListingRestocked' || log.eventName === 'StockReturned') listing.stock = Number(args.stock);
        else if (log.eventName === 'ListingGateSet') listing.gate = ZERO.test(String(args.gate)) ? null : String(args.gate).toLowerCase();
        else if (log.eventName === 'ProvenanceAdded') {
          listing.provenance.push({
            kind: String(args.kind),
            location: String(args.location),
            occurredAt: Number(args.occurredAt),
            actor: String(args.actor),
            evidenceCid: String(args.evidenceCid),
            blockNumber: block,
            transactionHash: log.transactionHash as Hex,
            logIndex: Number(log.logIndex),
          });
        }
      }
    }
  }
  return { merchants, listings };
}

/** The search page's filter, applied to the listings rebuilt from events. */
export type ChainListingFilter = ListingFilter;

/** Open listings matching the filter, newest first (the degraded catalog offers no other order). */
export function recentListings(state: CatalogState, filter: ChainListingFilter = {}): ChainListing[] {
  const text = filter.text?.trim().toLowerCase().slice(0, 100);
  return [...state.listings.values()]
    .filter(
      (l) =>
        !l.paused &&
        (!text || l.title.toLowerCase().includes(text) || l.category.toLowerCase().includes(text)) &&
        (!filter.category || l.category === filter.category) &&
        (!filter.token || l.token === filter.token.toLowerCase()) &&
        (filter.minPrice === undefined || l.price >= filter.minPrice) &&
        (filter.maxPrice === undefined || l.price <= filter.maxPrice) &&
        (!filter.inStock || l.stock > 0) &&
        (!filter.merchant || l.merchant === filter.merchant.toLowerCase()),
    )
    .sort((a, b) => b.createdBlock - a.createdBlock || Number(BigInt(b.id) - BigInt(a.id)));
}
