import { Address, BigDecimal, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  Account,
  Balance,
  MerchantDayData,
  Platform,
  PlatformDayData,
  TokenDayData,
} from '../../generated/schema';

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
export const RESOLUTION_NAMES: string[] = ['Ruling', 'Settlement', 'ArbiterTimeout'];

export const STATUS_SHIPPED = 2;
export const STATUS_DISPUTED = 3;
export const STATUS_COMPLETED = 4;
export const STATUS_REFUNDED = 5;
export const STATUS_CANCELLED = 6;
export const STATUS_RESOLVED = 7;

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
    platform.disputesOpened = 0;
    platform.disputesResolved = 0;
    platform.feeBps = 0;
    platform.feeRecipient = Address.zero();
    platform.pointsSupply = ZERO;
  }
  return platform;
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

/** Adds `amount` to what `account` can withdraw in `token`. */
export function credit(account: Bytes, token: Bytes, amount: BigInt): void {
  if (amount.isZero()) return;
  getAccount(account);
  const id = account.concat(token);
  let balance = Balance.load(id);
  if (balance == null) {
    balance = new Balance(id);
    balance.account = account;
    balance.token = token;
    balance.credited = ZERO;
    balance.withdrawn = ZERO;
  }
  balance.credited = balance.credited.plus(amount);
  balance.save();
}

export function withdrawCredit(account: Bytes, token: Bytes, amount: BigInt): void {
  const balance = Balance.load(account.concat(token));
  if (balance == null) return;
  balance.credited = balance.credited.minus(amount);
  balance.withdrawn = balance.withdrawn.plus(amount);
  balance.save();
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
    data.date = day * SECONDS_PER_DAY;
    data.orders = 0;
    data.completed = 0;
    data.pointsIssued = ZERO;
    data.pointsRedeemed = ZERO;
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
  }
  return data;
}

export function average(sum: i32, count: i32): BigDecimal {
  if (count == 0) return BigDecimal.zero();
  return BigDecimal.fromString(sum.toString()).div(BigDecimal.fromString(count.toString()));
}
