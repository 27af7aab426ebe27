// How many units the buyer picks on the product page, carried to checkout in the query string
// (`checkout/?listing=7&quantity=2`): always a whole number from 1 to the order's limit.

/** Units one order may take: the merchant's per-order limit, bounded by the stock left. */
export function orderLimit(maxPerOrder: number | string, stock: bigint | string): number {
  const left = BigInt(stock);
  const max = BigInt(maxPerOrder);
  return Number(left < max ? left : max);
}

/** The picked quantity within 1..limit; anything unreadable becomes 1 (0 when nothing can be ordered). */
export function clampQuantity(value: number | string | null | undefined, limit: number): number {
  if (limit < 1) return 0;
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  if (!Number.isFinite(n)) return 1;
  return Math.min(limit, Math.max(1, Math.floor(n)));
}

/**
 * The quantity a checkout link asks for, or null when it asks for none or for something malformed (the
 * checkout then keeps what the buyer typed there before).
 */
export function quantityFromParam(raw: string | null, limit: number): number | null {
  if (raw === null || !/^\d{1,6}$/.test(raw) || limit < 1) return null;
  return clampQuantity(raw, limit);
}

/** Query parameters of the checkout link for a listing and a quantity. */
export function checkoutParams(listingId: string, quantity: number): Record<string, string> {
  return quantity > 1 ? { listing: listingId, quantity: String(quantity) } : { listing: listingId };
}
