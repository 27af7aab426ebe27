import { Address, BigDecimal, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  Account,
  Balance,
  MerchantDayData,
  MerchantSales,
  Platform,
  PlatformDayData,
  Token,
  TokenDayData,
} from '../../generated/schema';
import { KNOWN_TOKEN_ADDRESSES, KNOWN_TOKEN_DECIMALS, KNOWN_TOKEN_SYMBOLS, SETTLEMENT_TOKEN } from './network';

export const ZERO = BigInt.zero();
export const PLATFORM_ID = 'platform';
const SECONDS_PER_DAY = 86400;

/** Names of the contract's Status enum, by value. */
export const STATUS_NAMES: string[] = [
  'None',
  'Paid',
  'Shipped',
  'Disputed',
  'Completed',
  'Refunded',
  'Cancelled',
  'Resolved',
];
/** Names of the contract's Resolution enum, by value. */
export const RESOLUTION_NAMES: string[] = ['Ruling', 'Settlement', 'ArbiterTimeout'];

export const STATUS_PAID = 1;
export const STATUS_SHIPPED = 2;
export const STATUS_DISPUTED = 3;
export const STATUS_COMPLETED = 4;
export const STATUS_REFUNDED = 5;
export const STATUS_CANCELLED = 6;
export const STATUS_RESOLVED = 7;

export const FLAG_REVIEWED = 1;
export const FLAG_REPLIED = 2;

/** Id of an immutable event record: transaction hash + log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

export function getPlatform(): Platform {
  let platform = Platform.load(PLATFORM_ID);
  if (platform == null) {
    platform = new Platform(PLATFORM_ID);
    platform.merchantCount = 0;
    platform.listingCount = 0;
    platform.orderCount = 0;
    platform.completedCount = 0;
    platform.refundedCount = 0;
    platform.cancelledCount = 0;
    platform.disputesOpened = 0;
    platform.disputesResolved = 0;
    platform.feeBps = 0;
    platform.feeRecipient = Address.zero();
    platform.pointsSupply = ZERO;
    platform.pointsReserve = ZERO;
  }
  return platform;
}

/**
 * A pending fee increase whose effective time has come is the fee in force (the escrow's _currentFeeBps): moves it
 * into feeBps. Called with the time of each announcement and each order placed.
 */
export function applyDueFee(platform: Platform, timestamp: BigInt): void {
  const at = platform.feeEffectiveAt;
  if (at === null || timestamp.lt(at)) return;
  platform.feeBps = platform.pendingFeeBps;
  clearPendingFee(platform);
}

/** No fee increase pending. (A nullable Int is an i32 in AssemblyScript: assigning null would store 0.) */
export function clearPendingFee(platform: Platform): void {
  platform.unset('pendingFeeBps');
  platform.feeEffectiveAt = null;
}

/** The token's entity, created on first sight with its symbol and decimals from the network config. */
export function getToken(address: Bytes): Token {
  let token = Token.load(address);
  if (token == null) {
    token = new Token(address);
    token.platform = PLATFORM_ID;
    const hex = address.toHexString();
    const known = KNOWN_TOKEN_ADDRESSES.indexOf(hex);
    if (known >= 0) {
      token.symbol = KNOWN_TOKEN_SYMBOLS[known];
      token.decimals = KNOWN_TOKEN_DECIMALS[known];
    }
    token.isSettlementToken = hex == SETTLEMENT_TOKEN;
    token.listingCount = 0;
    token.orderCount = 0;
    token.volume = ZERO;
    token.merchantAmount = ZERO;
    token.fees = ZERO;
    token.returnedToBuyers = ZERO;
    token.creditedToBuyers = ZERO;
    token.escrow = ZERO;
    token.credited = ZERO;
    token.withdrawn = ZERO;
    if (Platform.load(PLATFORM_ID) == null) getPlatform().save();
  }
  return token;
}

export function getAccount(address: Bytes): Account {
  let account = Account.load(address);
  if (account == null) {
    account = new Account(address);
    account.pointsBalance = ZERO;
    account.save();
  }
  return account;
}

/**
 * Adds `amount` to what `account` can withdraw in `token`, as the escrow's `_credits` does: merchants' proceeds,
 * fees, and a buyer's refund only when its push failed (BuyerCredited).
 */
export function credit(account: Bytes, token: Token, amount: BigInt): void {
  if (amount.isZero()) return;
  getAccount(account);
  const id = account.concat(token.id);
  let balance = Balance.load(id);
  if (balance == null) {
    balance = new Balance(id);
    balance.account = account;
    balance.token = token.id;
    balance.credited = ZERO;
    balance.withdrawn = ZERO;
  }
  balance.credited = balance.credited.plus(amount);
  balance.save();
  token.credited = token.credited.plus(amount);
}

/** `withdraw` pays out the whole credited balance. */
export function withdrawCredit(account: Bytes, tokenAddress: Bytes, amount: BigInt): void {
  const balance = Balance.load(account.concat(tokenAddress));
  if (balance != null) {
    balance.credited = balance.credited.minus(amount);
    balance.withdrawn = balance.withdrawn.plus(amount);
    balance.save();
  }
  const token = getToken(tokenAddress);
  token.credited = token.credited.minus(amount);
  token.withdrawn = token.withdrawn.plus(amount);
  token.save();
}

export function getMerchantSales(merchant: Bytes, token: Bytes): MerchantSales {
  const id = merchant.concat(token);
  let sales = MerchantSales.load(id);
  if (sales == null) {
    sales = new MerchantSales(id);
    sales.merchant = merchant;
    sales.token = token;
    sales.orderCount = 0;
    sales.completedCount = 0;
    sales.volume = ZERO;
    sales.merchantAmount = ZERO;
  }
  return sales;
}

export function dayOf(timestamp: BigInt): i32 {
  return timestamp.toI32() / SECONDS_PER_DAY;
}

export function getPlatformDay(timestamp: BigInt): PlatformDayData {
  const day = dayOf(timestamp);
  const id = day.toString();
  let data = PlatformDayData.load(id);
  if (data == null) {
    data = new PlatformDayData(id);
    data.platform = PLATFORM_ID;
    data.date = day * SECONDS_PER_DAY;
    data.orders = 0;
    data.completed = 0;
    data.refunded = 0;
    data.cancelled = 0;
    data.pointsIssued = ZERO;
    data.pointsRedeemed = ZERO;
    data.pointsReturned = ZERO;
    data.disputesOpened = 0;
    data.disputesResolved = 0;
    data.resolutionSeconds = ZERO;
  }
  return data;
}

export function getTokenDay(timestamp: BigInt, token: Bytes): TokenDayData {
  const day = getPlatformDay(timestamp);
  day.save();
  const id = day.id + '-' + token.toHexString();
  let data = TokenDayData.load(id);
  if (data == null) {
    data = new TokenDayData(id);
    data.day = day.id;
    data.date = day.date;
    data.token = token;
    data.volume = ZERO;
    data.fees = ZERO;
    data.merchantAmount = ZERO;
    data.orders = 0;
  }
  return data;
}

export function getMerchantDay(merchant: Bytes, timestamp: BigInt, token: Bytes): MerchantDayData {
  const day = dayOf(timestamp);
  const id = merchant.toHexString() + '-' + day.toString() + '-' + token.toHexString();
  let data = MerchantDayData.load(id);
  if (data == null) {
    data = new MerchantDayData(id);
    data.merchant = merchant;
    data.date = day * SECONDS_PER_DAY;
    data.token = token;
    data.volume = ZERO;
    data.orders = 0;
    data.completed = 0;
    data.merchantAmount = ZERO;
    data.disputesOpened = 0;
  }
  return data;
}

export function average(sum: i32, count: i32): BigDecimal {
  if (count == 0) return BigDecimal.zero();
  return BigDecimal.fromString(sum.toString()).div(BigDecimal.fromString(count.toString()));
}
