// From the cart to one `checkout`: lines grouped by the token they are paid in (one checkout per token), by
// shop for the summary; points spread over the settlement-token lines; the shipping details sealed once per
// shop to that merchant's key; every line carrying the terms the buyer accepted (purchase.ts buildCartLine).
import type { Hex } from 'viem';
import { type CartLine, buildCartLine } from '../checkout/purchase.ts';
import type { StoredLine } from './store.ts';

export interface TokenGroup {
  token: string;
  inSettlementToken: boolean;
  currency: StoredLine['currency'];
  lines: StoredLine[];
}

/** An order a cart checkout placed, as the page lists it afterwards. */
export interface PlacedLine {
  orderId: string;
  title: string;
}

export interface ShopGroup {
  merchant: string;
  lines: StoredLine[];
}

export function lineTotal(line: StoredLine): bigint {
  return BigInt(line.seen.price) * BigInt(line.quantity);
}

/** One group per token, the settlement token's first (points are spent there), then in cart order. */
export function groupByToken(lines: readonly StoredLine[], settlementToken: string): TokenGroup[] {
  const settlement = settlementToken.toLowerCase();
  const groups = new Map<string, TokenGroup>();
  for (const line of lines) {
    const token = line.seen.token;
    const group = groups.get(token) ?? { token, inSettlementToken: token === settlement, currency: line.currency, lines: [] };
    group.lines.push(line);
    groups.set(token, group);
  }
  return [...groups.values()].sort((a, b) => Number(b.inSettlementToken) - Number(a.inSettlementToken));
}

/** Lines by shop, in the order the shops first appear. */
export function groupByShop(lines: readonly StoredLine[]): ShopGroup[] {
  const shops = new Map<string, ShopGroup>();
  for (const line of lines) {
    const shop = shops.get(line.seen.merchant) ?? { merchant: line.seen.merchant, lines: [] };
    shop.lines.push(line);
    shops.set(line.seen.merchant, shop);
  }
  return [...shops.values()];
}

/**
 * `points` spread over lines with these totals, each line taking what it can in cart order (the escrow
 * refuses a line's points above its total). What the totals cannot take is not spent.
 */
export function splitPoints(points: bigint, totals: readonly bigint[]): bigint[] {
  let left = points > 0n ? points : 0n;
  return totals.map((total) => {
    const take = left < total ? left : total;
    left -= take;
    return take;
  });
}

export interface GroupFigures {
  total: bigint;
  points: bigint;
  cash: bigint;
  /** Points minted at completion: each line's rewardBps of its total (settlement token only). */
  reward: bigint;
}

export function groupFigures(group: TokenGroup, points: bigint): GroupFigures {
  const totals = group.lines.map(lineTotal);
  const total = totals.reduce((a, b) => a + b, 0n);
  const spent = group.inSettlementToken ? splitPoints(points, totals).reduce((a, b) => a + b, 0n) : 0n;
  const reward = group.inSettlementToken ? group.lines.reduce((sum, line, i) => sum + (totals[i] * BigInt(line.seen.rewardBps)) / 10_000n, 0n) : 0n;
  return { total, points: spent, cash: total - spent, reward };
}

/**
 * The shipping details sealed once per shop of the group: `keys` are the merchants' current X25519 keys,
 * `seal` is encryptShippingForMerchant bound to the form.
 */
export function sealPerShop(lines: readonly StoredLine[], keys: ReadonlyMap<string, string>, seal: (encryptionKey: string) => Hex): Map<string, Hex> {
  const sealed = new Map<string, Hex>();
  for (const { merchant } of groupByShop(lines)) {
    const key = keys.get(merchant);
    if (!key) throw new Error(`no encryption key for merchant ${merchant}`);
    sealed.set(merchant, seal(key));
  }
  return sealed;
}

/** The group's `Cart.lines`, in cart order, with the accepted terms, the points split and each shop's envelope. */
export function buildCheckoutLines(group: TokenGroup, points: bigint, shipping: ReadonlyMap<string, Hex>): CartLine[] {
  const spent = group.inSettlementToken ? splitPoints(points, group.lines.map(lineTotal)) : group.lines.map(() => 0n);
  return group.lines.map((line, i) => {
    const shippingInfo = shipping.get(line.seen.merchant);
    if (!shippingInfo) throw new Error(`no shipping details sealed for merchant ${line.seen.merchant}`);
    return buildCartLine({
      listingId: line.listingId,
      quantity: line.quantity,
      price: BigInt(line.seen.price),
      shipWithin: line.seen.shipWithin,
      merchant: line.seen,
      points: spent[i],
      shippingInfo,
    });
  });
}
