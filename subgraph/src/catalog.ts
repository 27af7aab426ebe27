// The catalog (ChainMartCatalog): merchants, couriers, listings, stock and provenance. Orders take stock through
// the escrow without a catalog event (OrderPlaced lowers Listing.stock); StockReturned gives it back.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  CourierSet,
  ListingCreated,
  ListingGateSet,
  ListingPaused,
  ListingRestocked,
  ListingUpdated,
  MerchantRegistered,
  MerchantUpdated,
  ProvenanceAdded,
  StockReturned,
} from '../generated/ChainMartCatalog/ChainMartCatalog';
import { Courier, Listing, Merchant, ProvenanceStep } from '../generated/schema';
import { ZERO, average, eventId, getAccount, getPlatform, getToken } from './common/helpers';

// ---------------------------------------------------------------- merchants

function setProfile(
  merchant: Merchant,
  metadataURI: string,
  encryptionKey: Bytes,
  arbiter: Address,
  rewardBps: i32,
  autoReleaseWindow: BigInt,
  event: ethereum.Event,
): void {
  merchant.metadataURI = metadataURI;
  merchant.encryptionKey = encryptionKey;
  merchant.arbiter = arbiter;
  merchant.rewardBps = rewardBps;
  merchant.autoReleaseWindow = autoReleaseWindow;
  merchant.updatedAt = event.block.timestamp;
  merchant.save();
}

export function handleMerchantRegistered(event: MerchantRegistered): void {
  const merchant = new Merchant(event.params.merchant);
  merchant.registeredAt = event.block.timestamp;
  merchant.ratingSum = 0;
  merchant.ratingCount = 0;
  merchant.ratingAverage = average(0, 0);
  merchant.listingCount = 0;
  merchant.orderCount = 0;
  merchant.completedCount = 0;
  merchant.refundedCount = 0;
  merchant.cancelledCount = 0;
  merchant.disputeCount = 0;
  merchant.disputesResolvedCount = 0;
  merchant.account = getAccount(event.params.merchant).id;
  const p = event.params;
  setProfile(merchant, p.metadataURI, p.encryptionKey, p.arbiter, p.rewardBps, p.autoReleaseWindow, event);
  const platform = getPlatform();
  platform.merchantCount += 1;
  platform.save();
}

export function handleMerchantUpdated(event: MerchantUpdated): void {
  const merchant = Merchant.load(event.params.merchant);
  if (merchant == null) return;
  const p = event.params;
  setProfile(merchant, p.metadataURI, p.encryptionKey, p.arbiter, p.rewardBps, p.autoReleaseWindow, event);
}

export function handleCourierSet(event: CourierSet): void {
  const id = event.params.merchant.concat(event.params.courier);
  let courier = Courier.load(id);
  if (courier == null) {
    courier = new Courier(id);
    courier.merchant = event.params.merchant;
    courier.courier = event.params.courier;
  }
  courier.allowed = event.params.allowed;
  courier.save();
}

// ---------------------------------------------------------------- listings

export function handleListingCreated(event: ListingCreated): void {
  const p = event.params;
  const listing = new Listing(p.listingId.toString());
  listing.listingId = p.listingId;
  listing.merchant = p.merchant;
  listing.token = p.token;
  listing.currency = p.token;
  listing.price = p.price;
  listing.stock = p.stock;
  listing.maxPerOrder = p.maxPerOrder;
  listing.shipWithin = p.shipWithin;
  listing.paused = false;
  listing.title = p.title;
  listing.category = p.category;
  listing.metadataURI = p.metadataURI;
  listing.createdAt = event.block.timestamp;
  listing.updatedAt = event.block.timestamp;
  listing.soldQuantity = ZERO;
  listing.returnedQuantity = ZERO;
  listing.orderCount = 0;
  listing.ratingSum = 0;
  listing.ratingCount = 0;
  listing.save();
  const token = getToken(p.token);
  token.listingCount += 1;
  token.save();
  const merchant = Merchant.load(p.merchant);
  if (merchant != null) {
    merchant.listingCount += 1;
    merchant.save();
  }
  const platform = getPlatform();
  platform.listingCount += 1;
  platform.save();
}

export function handleListingUpdated(event: ListingUpdated): void {
  const listing = Listing.load(event.params.listingId.toString());
  if (listing == null) return;
  const p = event.params;
  listing.price = p.price;
  listing.maxPerOrder = p.maxPerOrder;
  listing.shipWithin = p.shipWithin;
  listing.title = p.title;
  listing.category = p.category;
  listing.metadataURI = p.metadataURI;
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

export function handleListingPaused(event: ListingPaused): void {
  const listing = Listing.load(event.params.listingId.toString());
  if (listing == null) return;
  listing.paused = event.params.paused;
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

export function handleListingRestocked(event: ListingRestocked): void {
  const listing = Listing.load(event.params.listingId.toString());
  if (listing == null) return;
  listing.stock = event.params.stock;
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

/** Stock back from an order cancelled or fully refunded before shipping: the event carries the new stock. */
export function handleStockReturned(event: StockReturned): void {
  const listing = Listing.load(event.params.listingId.toString());
  if (listing == null) return;
  listing.stock = event.params.stock;
  listing.returnedQuantity = listing.returnedQuantity.plus(event.params.returned);
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

export function handleListingGateSet(event: ListingGateSet): void {
  const listing = Listing.load(event.params.listingId.toString());
  if (listing == null) return;
  listing.gate = event.params.gate.equals(Address.zero()) ? null : event.params.gate;
  listing.updatedAt = event.block.timestamp;
  listing.save();
}

export function handleProvenanceAdded(event: ProvenanceAdded): void {
  const step = new ProvenanceStep(eventId(event));
  step.listing = event.params.listingId.toString();
  step.kind = event.params.kind;
  step.location = event.params.location;
  step.occurredAt = event.params.occurredAt;
  step.actor = event.params.actor;
  step.evidenceCid = event.params.evidenceCid;
  step.timestamp = event.block.timestamp;
  step.transactionHash = event.transaction.hash;
  step.save();
}
