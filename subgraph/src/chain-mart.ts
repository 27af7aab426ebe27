import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  CheckpointAdded,
  CourierSet,
  DisputeOpened,
  DisputeResolved,
  DisputeStatement,
  FeeRecipientUpdated,
  FeeUpdated,
  ListingCreated,
  ListingGateSet,
  ListingPaused,
  ListingRestocked,
  ListingUpdated,
  MerchantRegistered,
  MerchantUpdated,
  OrderCancelled,
  OrderCompleted,
  OrderPlaced,
  OrderRefunded,
  OrderShipped,
  ProvenanceAdded,
  ReviewReplied,
  Reviewed,
  Withdrawn,
} from '../generated/ChainMart/ChainMart';
import {
  CheckpointEvent,
  Courier,
  Dispute,
  DisputeOpenedEvent,
  DisputeResolvedEvent,
  DisputeStatementEvent,
  Listing,
  Merchant,
  Order,
  OrderCancelledEvent,
  OrderCompletedEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderShippedEvent,
  ProvenanceStep,
  Review,
  ReviewEvent,
  ReviewReplyEvent,
} from '../generated/schema';
import {
  FLAG_REPLIED,
  FLAG_REVIEWED,
  RESOLUTION_NAMES,
  STATUS_CANCELLED,
  STATUS_COMPLETED,
  STATUS_DISPUTED,
  STATUS_NAMES,
  STATUS_REFUNDED,
  STATUS_RESOLVED,
  STATUS_SHIPPED,
  ZERO,
  average,
  credit,
  eventId,
  getAccount,
  getMerchantDay,
  getMerchantSales,
  getPlatform,
  getPlatformDay,
  getToken,
  getTokenDay,
  withdrawCredit,
} from './common/helpers';

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

// ---------------------------------------------------------------- orders

function setStatus(order: Order, status: i32, event: ethereum.Event): void {
  order.status = status;
  order.statusName = STATUS_NAMES[status];
  order.updatedAt = event.block.timestamp;
}

/**
 * Books value going back to the buyer (refund, cancellation, dispute): cash is credited, the points part is
 * re-minted (the Transfer handler counts the points, the reserve grows by the same amount).
 */
function returnToBuyer(order: Order, cash: BigInt, points: BigInt, event: ethereum.Event): void {
  const token = getToken(order.token);
  const value = cash.plus(points);
  token.escrow = token.escrow.minus(value);
  token.returnedToBuyers = token.returnedToBuyers.plus(value);
  credit(order.buyer, token, cash);
  token.save();
  if (!points.isZero()) {
    const platform = getPlatform();
    platform.pointsReserve = platform.pointsReserve.plus(points);
    platform.save();
    const day = getPlatformDay(event.block.timestamp);
    day.pointsReturned = day.pointsReturned.plus(points);
    day.save();
  }
}

export function handleOrderPlaced(event: OrderPlaced): void {
  const o = event.params.order;
  const order = new Order(event.params.orderId.toString());
  order.orderId = event.params.orderId;
  order.buyer = getAccount(o.buyer).id;
  order.merchant = o.merchant;
  order.listing = o.listingId.toString();
  order.token = o.token;
  order.currency = o.token;
  order.arbiter = o.arbiter;
  order.listingId = o.listingId;
  order.quantity = o.quantity;
  order.amount = o.amount;
  order.pointsPaid = o.pointsPaid;
  order.feeBps = o.feeBps;
  order.rewardBps = o.rewardBps;
  order.autoReleaseWindow = o.autoReleaseWindow;
  order.placedAt = o.placedAt;
  order.shipBy = o.shipBy;
  order.shippedAt = o.shippedAt;
  order.disputedAt = o.disputedAt;
  order.flags = o.flags;
  order.originalAmount = o.amount;
  order.originalPointsPaid = o.pointsPaid;
  order.shippingInfo = event.params.shippingInfo;
  setStatus(order, o.status, event);
  order.save();

  const record = new OrderPlacedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.amount = o.amount;
  record.pointsPaid = o.pointsPaid;
  record.save();

  const listing = Listing.load(order.listing);
  if (listing != null) {
    listing.stock = listing.stock.minus(o.quantity);
    listing.soldQuantity = listing.soldQuantity.plus(o.quantity);
    listing.orderCount += 1;
    listing.save();
  }
  const merchant = Merchant.load(o.merchant);
  if (merchant != null) {
    merchant.orderCount += 1;
    merchant.save();
  }
  const sales = getMerchantSales(o.merchant, o.token);
  sales.orderCount += 1;
  sales.volume = sales.volume.plus(o.amount);
  sales.save();
  const token = getToken(o.token);
  token.orderCount += 1;
  token.volume = token.volume.plus(o.amount);
  token.escrow = token.escrow.plus(o.amount);
  token.save();
  const platform = getPlatform();
  platform.orderCount += 1;
  // The spent points are burnt and their backing moves from the reserve into this order's escrow.
  platform.pointsReserve = platform.pointsReserve.minus(o.pointsPaid);
  platform.save();
  const day = getPlatformDay(event.block.timestamp);
  day.orders += 1;
  day.pointsRedeemed = day.pointsRedeemed.plus(o.pointsPaid);
  day.save();
  const tokenDay = getTokenDay(event.block.timestamp, o.token);
  tokenDay.orders += 1;
  tokenDay.volume = tokenDay.volume.plus(o.amount);
  tokenDay.save();
  const merchantDay = getMerchantDay(o.merchant, event.block.timestamp, o.token);
  merchantDay.orders += 1;
  merchantDay.volume = merchantDay.volume.plus(o.amount);
  merchantDay.save();
}

export function handleOrderShipped(event: OrderShipped): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  order.shippedAt = event.params.shippedAt;
  order.carrier = event.params.carrier;
  order.trackingRef = event.params.trackingRef;
  setStatus(order, STATUS_SHIPPED, event);
  order.save();
  const record = new OrderShippedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.carrier = event.params.carrier;
  record.trackingRef = event.params.trackingRef;
  record.save();
}

export function handleCheckpointAdded(event: CheckpointAdded): void {
  const record = new CheckpointEvent(eventId(event));
  record.order = event.params.orderId.toString();
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.by = event.params.by;
  record.location = event.params.location;
  record.note = event.params.note;
  record.save();
}

export function handleOrderCompleted(event: OrderCompleted): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  const p = event.params;
  const token = getToken(order.token);
  token.escrow = token.escrow.minus(order.amount);
  token.merchantAmount = token.merchantAmount.plus(p.merchantAmount);
  token.fees = token.fees.plus(p.fee);
  order.amount = ZERO;
  order.pointsPaid = ZERO;
  setStatus(order, STATUS_COMPLETED, event);
  order.save();
  const platform = getPlatform();
  credit(order.merchant, token, p.merchantAmount);
  credit(platform.feeRecipient, token, p.fee);
  token.save();
  platform.completedCount += 1;
  platform.pointsReserve = platform.pointsReserve.plus(p.pointsMinted);
  platform.save();

  const record = new OrderCompletedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.by = p.by;
  record.merchantAmount = p.merchantAmount;
  record.fee = p.fee;
  record.pointsMinted = p.pointsMinted;
  record.save();

  const merchant = Merchant.load(order.merchant);
  if (merchant != null) {
    merchant.completedCount += 1;
    merchant.save();
  }
  const day = getPlatformDay(event.block.timestamp);
  day.completed += 1;
  day.pointsIssued = day.pointsIssued.plus(p.pointsMinted);
  day.save();
  const tokenDay = getTokenDay(event.block.timestamp, order.token);
  tokenDay.fees = tokenDay.fees.plus(p.fee);
  tokenDay.merchantAmount = tokenDay.merchantAmount.plus(p.merchantAmount);
  tokenDay.save();
  const sales = getMerchantSales(order.merchant, order.token);
  sales.completedCount += 1;
  sales.merchantAmount = sales.merchantAmount.plus(p.merchantAmount);
  sales.save();
  const merchantDay = getMerchantDay(order.merchant, event.block.timestamp, order.token);
  merchantDay.completed += 1;
  merchantDay.merchantAmount = merchantDay.merchantAmount.plus(p.merchantAmount);
  merchantDay.save();
}

export function handleOrderRefunded(event: OrderRefunded): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  const p = event.params;
  order.amount = p.remaining;
  order.pointsPaid = order.pointsPaid.minus(p.points);
  const finished = p.remaining.isZero();
  setStatus(order, finished ? STATUS_REFUNDED : order.status, event);
  order.save();
  returnToBuyer(order, p.cash, p.points, event);
  if (finished) {
    const merchant = Merchant.load(order.merchant);
    if (merchant != null) {
      merchant.refundedCount += 1;
      merchant.save();
    }
    const platform = getPlatform();
    platform.refundedCount += 1;
    platform.save();
    const day = getPlatformDay(event.block.timestamp);
    day.refunded += 1;
    day.save();
  }
  const record = new OrderRefundedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.cash = p.cash;
  record.points = p.points;
  record.remaining = p.remaining;
  record.save();
}

export function handleOrderCancelled(event: OrderCancelled): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  order.amount = ZERO;
  order.pointsPaid = ZERO;
  setStatus(order, STATUS_CANCELLED, event);
  order.save();
  returnToBuyer(order, event.params.cash, event.params.points, event);
  const merchant = Merchant.load(order.merchant);
  if (merchant != null) {
    merchant.cancelledCount += 1;
    merchant.save();
  }
  const platform = getPlatform();
  platform.cancelledCount += 1;
  platform.save();
  const day = getPlatformDay(event.block.timestamp);
  day.cancelled += 1;
  day.save();
  const record = new OrderCancelledEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.cash = event.params.cash;
  record.points = event.params.points;
  record.save();
}

// ---------------------------------------------------------------- disputes

export function handleDisputeOpened(event: DisputeOpened): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  order.disputedAt = event.block.timestamp;
  setStatus(order, STATUS_DISPUTED, event);
  order.save();
  const dispute = new Dispute(order.id);
  dispute.order = order.id;
  dispute.merchant = order.merchant;
  dispute.arbiter = order.arbiter;
  dispute.openedAt = event.block.timestamp;
  dispute.arbiterDeadline = event.params.arbiterDeadline;
  dispute.statementCid = event.params.statementCid;
  dispute.save();
  const record = new DisputeOpenedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.statementCid = event.params.statementCid;
  record.arbiterDeadline = event.params.arbiterDeadline;
  record.save();

  const merchant = Merchant.load(order.merchant);
  if (merchant != null) {
    merchant.disputeCount += 1;
    merchant.save();
  }
  const platform = getPlatform();
  platform.disputesOpened += 1;
  platform.save();
  const day = getPlatformDay(event.block.timestamp);
  day.disputesOpened += 1;
  day.save();
  const merchantDay = getMerchantDay(order.merchant, event.block.timestamp, order.token);
  merchantDay.disputesOpened += 1;
  merchantDay.save();
}

export function handleDisputeStatement(event: DisputeStatement): void {
  const record = new DisputeStatementEvent(eventId(event));
  record.order = event.params.orderId.toString();
  record.dispute = record.order;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.by = event.params.by;
  record.statementCid = event.params.statementCid;
  record.save();
}

export function handleDisputeResolved(event: DisputeResolved): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  const p = event.params;
  // The buyer's part goes back first (it lowers the escrow by buyerCash + buyerPoints); the rest of the
  // escrow is the merchant's share, split into merchantAmount and fee.
  returnToBuyer(order, p.buyerCash, p.buyerPoints, event);
  const merchantShare = p.merchantAmount.plus(p.fee);
  const token = getToken(order.token);
  token.escrow = token.escrow.minus(merchantShare);
  token.merchantAmount = token.merchantAmount.plus(p.merchantAmount);
  token.fees = token.fees.plus(p.fee);
  order.amount = ZERO;
  order.pointsPaid = ZERO;
  setStatus(order, STATUS_RESOLVED, event);
  order.save();
  const platform = getPlatform();
  credit(order.merchant, token, p.merchantAmount);
  credit(platform.feeRecipient, token, p.fee);
  token.save();
  platform.disputesResolved += 1;
  platform.save();
  const sales = getMerchantSales(order.merchant, order.token);
  sales.merchantAmount = sales.merchantAmount.plus(p.merchantAmount);
  sales.save();
  const merchant = Merchant.load(order.merchant);
  if (merchant != null) {
    merchant.disputesResolvedCount += 1;
    merchant.save();
  }

  const resolution = RESOLUTION_NAMES[p.resolution];
  const dispute = Dispute.load(order.id);
  let resolutionSeconds = ZERO;
  if (dispute != null) {
    dispute.resolution = resolution;
    dispute.resolvedBy = p.by;
    dispute.buyerCash = p.buyerCash;
    dispute.buyerPoints = p.buyerPoints;
    dispute.merchantAmount = p.merchantAmount;
    dispute.fee = p.fee;
    dispute.resolvedAt = event.block.timestamp;
    dispute.save();
    resolutionSeconds = event.block.timestamp.minus(dispute.openedAt);
  }
  const record = new DisputeResolvedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.resolution = resolution;
  record.by = p.by;
  record.buyerCash = p.buyerCash;
  record.buyerPoints = p.buyerPoints;
  record.merchantAmount = p.merchantAmount;
  record.fee = p.fee;
  record.save();

  const day = getPlatformDay(event.block.timestamp);
  day.disputesResolved += 1;
  day.resolutionSeconds = day.resolutionSeconds.plus(resolutionSeconds);
  day.save();
  const tokenDay = getTokenDay(event.block.timestamp, order.token);
  tokenDay.fees = tokenDay.fees.plus(p.fee);
  tokenDay.merchantAmount = tokenDay.merchantAmount.plus(p.merchantAmount);
  tokenDay.save();
  const merchantDay = getMerchantDay(order.merchant, event.block.timestamp, order.token);
  merchantDay.merchantAmount = merchantDay.merchantAmount.plus(p.merchantAmount);
  merchantDay.save();
}

// ---------------------------------------------------------------- reviews

export function handleReviewed(event: Reviewed): void {
  const p = event.params;
  const order = Order.load(p.orderId.toString());
  if (order == null) return;
  order.flags = order.flags | FLAG_REVIEWED;
  order.updatedAt = event.block.timestamp;
  order.save();
  const review = new Review(order.id);
  review.order = order.id;
  review.listing = p.listingId.toString();
  review.merchant = p.merchant;
  review.buyer = p.buyer;
  review.rating = p.rating;
  review.commentCid = p.commentCid;
  review.createdAt = event.block.timestamp;
  review.save();
  const record = new ReviewEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.rating = p.rating;
  record.commentCid = p.commentCid;
  record.save();

  const merchant = Merchant.load(p.merchant);
  if (merchant != null) {
    merchant.ratingSum += p.rating;
    merchant.ratingCount += 1;
    merchant.ratingAverage = average(merchant.ratingSum, merchant.ratingCount);
    merchant.save();
  }
  const listing = Listing.load(review.listing);
  if (listing != null) {
    listing.ratingSum += p.rating;
    listing.ratingCount += 1;
    listing.save();
  }
}

export function handleReviewReplied(event: ReviewReplied): void {
  const order = Order.load(event.params.orderId.toString());
  if (order == null) return;
  order.flags = order.flags | FLAG_REPLIED;
  order.updatedAt = event.block.timestamp;
  order.save();
  const review = Review.load(order.id);
  if (review != null) {
    review.replyCid = event.params.commentCid;
    review.repliedAt = event.block.timestamp;
    review.save();
  }
  const record = new ReviewReplyEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.commentCid = event.params.commentCid;
  record.save();
}

// ---------------------------------------------------------------- funds and settings

export function handleWithdrawn(event: Withdrawn): void {
  withdrawCredit(event.params.account, event.params.token, event.params.amount);
}

export function handleFeeUpdated(event: FeeUpdated): void {
  const platform = getPlatform();
  platform.feeBps = event.params.feeBps;
  platform.save();
}

export function handleFeeRecipientUpdated(event: FeeRecipientUpdated): void {
  const platform = getPlatform();
  platform.feeRecipient = event.params.feeRecipient;
  platform.save();
}
