// The escrow (ChainMartEscrow): carts, orders and their lifecycle, disputes and settlement offers, reviews,
// credits and withdrawals, the fee. Mirrors the escrow's state changes from its events alone: an order's terms
// come with OrderPlaced, its state (remaining, times, status, flags) follows each event as stateOf would answer.
// Money owed to a buyer is pushed to its wallet; only BuyerCredited (a failed push) makes it a credit.
import { BigInt, ethereum } from '@graphprotocol/graph-ts';
import {
  BuyerCredited,
  CartCheckedOut,
  CheckpointAdded,
  DisputeOpened,
  DisputeResolved,
  DisputeStatement,
  FeeAnnounced,
  FeeRecipientUpdated,
  OrderCancelled,
  OrderCompleted,
  OrderPlaced,
  OrderRefunded,
  OrderShipped,
  ReviewReplied,
  Reviewed,
  SettlementOffered,
  Withdrawn,
} from '../generated/ChainMartEscrow/ChainMartEscrow';
import {
  BuyerCreditedEvent,
  Cart,
  CheckpointEvent,
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
  Review,
  ReviewEvent,
  ReviewReplyEvent,
  SettlementOffer,
  SettlementOfferedEvent,
} from '../generated/schema';
import {
  FLAG_REPLIED,
  FLAG_REVIEWED,
  RESOLUTION_NAMES,
  STATUS_CANCELLED,
  STATUS_COMPLETED,
  STATUS_DISPUTED,
  STATUS_NAMES,
  STATUS_PAID,
  STATUS_REFUNDED,
  STATUS_RESOLVED,
  STATUS_SHIPPED,
  ZERO,
  applyDueFee,
  average,
  clearPendingFee,
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

// ---------------------------------------------------------------- orders

function setStatus(order: Order, status: i32, event: ethereum.Event): void {
  order.status = status;
  order.statusName = STATUS_NAMES[status];
  order.updatedAt = event.block.timestamp;
}

/**
 * Books value going back to the buyer (refund, cancellation, dispute): the cash leaves the escrow to the buyer's
 * wallet (a failed push is credited by BuyerCredited, emitted just before), the points part is re-minted (the
 * Transfer handler counts the points, the reserve grows by the same amount).
 */
function returnToBuyer(order: Order, cash: BigInt, points: BigInt, event: ethereum.Event): void {
  const token = getToken(order.token);
  const value = cash.plus(points);
  token.escrow = token.escrow.minus(value);
  token.returnedToBuyers = token.returnedToBuyers.plus(value);
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

/** The points still held by an order: refunds return cash first, so min(terms.points, remaining). */
function pointsHeld(order: Order): BigInt {
  return order.originalPointsPaid.lt(order.amount) ? order.originalPointsPaid : order.amount;
}

export function handleOrderPlaced(event: OrderPlaced): void {
  const t = event.params.terms;
  const order = new Order(event.params.orderId.toString());
  order.orderId = event.params.orderId;
  order.buyer = getAccount(t.buyer).id;
  order.merchant = t.merchant;
  order.listing = t.listingId.toString();
  order.token = t.token;
  order.currency = t.token;
  order.arbiter = t.arbiter;
  order.listingId = t.listingId;
  order.quantity = t.quantity;
  order.amount = t.total;
  order.pointsPaid = t.points;
  order.feeBps = t.feeBps;
  order.rewardBps = t.rewardBps;
  order.autoReleaseWindow = t.autoReleaseWindow;
  order.placedAt = t.placedAt;
  order.shipBy = t.shipBy;
  // A new order's state: remaining = total, Paid, nothing shipped, disputed or reviewed.
  order.shippedAt = ZERO;
  order.disputedAt = ZERO;
  order.flags = 0;
  order.originalAmount = t.total;
  order.originalPointsPaid = t.points;
  order.buyerCredited = ZERO;
  order.shippingInfo = event.params.shippingInfo;
  setStatus(order, STATUS_PAID, event);
  order.save();

  const record = new OrderPlacedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.amount = t.total;
  record.pointsPaid = t.points;
  record.save();

  const listing = Listing.load(order.listing);
  if (listing != null) {
    // The catalog's take() lowers the stock without an event of its own.
    listing.stock = listing.stock.minus(t.quantity);
    listing.soldQuantity = listing.soldQuantity.plus(t.quantity);
    listing.orderCount += 1;
    listing.save();
  }
  const merchant = Merchant.load(t.merchant);
  if (merchant != null) {
    merchant.orderCount += 1;
    merchant.save();
  }
  const sales = getMerchantSales(t.merchant, t.token);
  sales.orderCount += 1;
  sales.volume = sales.volume.plus(t.total);
  sales.save();
  const token = getToken(t.token);
  token.orderCount += 1;
  token.volume = token.volume.plus(t.total);
  token.escrow = token.escrow.plus(t.total);
  token.save();
  const platform = getPlatform();
  // An order placed at or after a pending increase's effective time was placed with it.
  applyDueFee(platform, event.block.timestamp);
  platform.orderCount += 1;
  // The spent points are burnt and their backing moves from the reserve into this order's escrow.
  platform.pointsReserve = platform.pointsReserve.minus(t.points);
  platform.save();
  const day = getPlatformDay(event.block.timestamp);
  day.orders += 1;
  day.pointsRedeemed = day.pointsRedeemed.plus(t.points);
  day.save();
  const tokenDay = getTokenDay(event.block.timestamp, t.token);
  tokenDay.orders += 1;
  tokenDay.volume = tokenDay.volume.plus(t.total);
  tokenDay.save();
  const merchantDay = getMerchantDay(t.merchant, event.block.timestamp, t.token);
  merchantDay.orders += 1;
  merchantDay.volume = merchantDay.volume.plus(t.total);
  merchantDay.save();
}

/** Emitted after the cart's OrderPlaced events: links its orders, which exist by now. */
export function handleCartCheckedOut(event: CartCheckedOut): void {
  const p = event.params;
  const cart = new Cart(p.firstOrderId.toString());
  cart.buyer = getAccount(p.buyer).id;
  cart.firstOrderId = p.firstOrderId;
  cart.lines = p.lines.toI32();
  cart.token = p.token;
  cart.currency = p.token;
  cart.cash = p.cash;
  cart.points = p.points;
  cart.collector = p.collector;
  cart.timestamp = event.block.timestamp;
  cart.blockNumber = event.block.number;
  cart.transactionHash = event.transaction.hash;
  cart.save();
  for (let i = 0; i < cart.lines; i++) {
    const order = Order.load(p.firstOrderId.plus(BigInt.fromI32(i)).toString());
    if (order == null) continue;
    order.cart = cart.id;
    order.save();
  }
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
  order.pointsPaid = pointsHeld(order);
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

/** A refund push failed (blocklisted or reverting buyer): the cash is the buyer's credit instead. */
export function handleBuyerCredited(event: BuyerCredited): void {
  const p = event.params;
  const token = getToken(p.token);
  credit(p.buyer, token, p.amount);
  token.creditedToBuyers = token.creditedToBuyers.plus(p.amount);
  token.save();
  const order = Order.load(p.orderId.toString());
  if (order == null) return;
  order.buyerCredited = order.buyerCredited.plus(p.amount);
  order.updatedAt = event.block.timestamp;
  order.save();
  const record = new BuyerCreditedEvent(eventId(event));
  record.order = order.id;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.buyer = p.buyer;
  record.token = p.token;
  record.amount = p.amount;
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

/** The escrow keeps one offer per order and party, replaced by its next one. */
export function handleSettlementOffered(event: SettlementOffered): void {
  const p = event.params;
  const orderId = p.orderId.toString();
  const id = orderId + '-' + p.by.toHexString();
  let offer = SettlementOffer.load(id);
  if (offer == null) {
    offer = new SettlementOffer(id);
    offer.order = orderId;
    offer.dispute = orderId;
    offer.by = p.by;
  }
  offer.buyerAmount = p.buyerAmount;
  offer.deadline = p.deadline;
  offer.offeredAt = event.block.timestamp;
  offer.transactionHash = event.transaction.hash;
  offer.save();
  const record = new SettlementOfferedEvent(eventId(event));
  record.order = orderId;
  record.timestamp = event.block.timestamp;
  record.blockNumber = event.block.number;
  record.transactionHash = event.transaction.hash;
  record.by = p.by;
  record.buyerAmount = p.buyerAmount;
  record.deadline = p.deadline;
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

/**
 * The escrow applies a fee lower than or equal to the current one at once (effectiveAt = the block's time) and an
 * increase from effectiveAt on (7 days later), keeping the current fee until then. See Platform.feeBps.
 */
export function handleFeeAnnounced(event: FeeAnnounced): void {
  const platform = getPlatform();
  applyDueFee(platform, event.block.timestamp);
  if (event.params.effectiveAt.le(event.block.timestamp)) {
    platform.feeBps = event.params.feeBps;
    clearPendingFee(platform);
  } else {
    platform.pendingFeeBps = event.params.feeBps;
    platform.feeEffectiveAt = event.params.effectiveAt;
  }
  platform.save();
}

export function handleFeeRecipientUpdated(event: FeeRecipientUpdated): void {
  const platform = getPlatform();
  platform.feeRecipient = event.params.feeRecipient;
  platform.save();
}
