// The shopping cart as data: lines kept in localStorage per network (chain id + escrow address, so a cart
// never follows the buyer to another deployment), each with the terms the buyer saw when adding it. Whatever
// storage holds is read as hostile: a size cap before parsing, every line validated, at most MAX_CART_LINES
// kept (the escrow refuses larger carts). Changes are pure functions returning a new line list.
import * as v from 'valibot';

/** ChainMartEscrow.MAX_CART_LINES: one checkout takes at most this many lines. */
export const MAX_CART_LINES = 32;
/** More than any real cart of 32 lines takes: anything larger is not ours, and is not parsed. */
export const MAX_STORED_CHARS = 64 * 1024;

const digits = (max: number) => v.pipe(v.string(), v.regex(new RegExp(`^\\d{1,${max}}$`)));
const address = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{40}$/),
  v.transform((a) => a.toLowerCase()),
);

/** The terms a line was added (or last accepted) with; the escrow refuses the line if any has changed. */
const termsSchema = v.object({
  merchant: address,
  token: address,
  price: digits(29),
  shipWithin: digits(10),
  arbiter: address,
  rewardBps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  autoReleaseWindow: digits(10),
});

const lineSchema = v.object({
  listingId: digits(20),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535)),
  /** The listing's title as shown when added: the cart can name the line when nothing else answers. */
  title: v.pipe(v.string(), v.maxLength(200)),
  currency: v.object({
    symbol: v.nullable(v.pipe(v.string(), v.maxLength(16))),
    decimals: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(36))),
  }),
  seen: termsSchema,
});

export type CartTerms = v.InferOutput<typeof termsSchema>;
export type StoredLine = v.InferOutput<typeof lineSchema>;

/** The storage key of one network's cart. */
export function cartKey(chainId: number, escrow: string): string {
  return `chainmart:cart:${chainId}:${escrow.toLowerCase()}`;
}

/** The valid lines of a stored cart: an invalid line is dropped, a duplicate listing kept once, the rest capped. */
export function parseCart(raw: string | null): StoredLine[] {
  if (!raw || raw.length > MAX_STORED_CHARS) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  const list = v.safeParse(v.object({ lines: v.array(v.unknown()) }), value);
  if (!list.success) return [];
  const lines: StoredLine[] = [];
  for (const item of list.output.lines) {
    const line = v.safeParse(lineSchema, item);
    if (line.success && !lines.some((l) => l.listingId === line.output.listingId)) lines.push(line.output);
    if (lines.length === MAX_CART_LINES) break;
  }
  return lines;
}

export function serializeCart(lines: readonly StoredLine[]): string {
  return JSON.stringify({ lines });
}

export function loadCart(storage: Storage, key: string): StoredLine[] {
  try {
    return parseCart(storage.getItem(key));
  } catch {
    return [];
  }
}

/** false when storage is full or disabled: the cart then lasts as long as the page. */
export function saveCart(storage: Storage, key: string, lines: readonly StoredLine[]): boolean {
  try {
    if (lines.length) storage.setItem(key, serializeCart(lines));
    else storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

export type AddOutcome =
  | { kind: 'added' | 'merged'; lines: StoredLine[]; quantity: number }
  /** The line already holds as many units as one order may take. */
  | { kind: 'at-limit'; lines: StoredLine[]; quantity: number }
  | { kind: 'cart-full'; lines: StoredLine[] }
  | { kind: 'unavailable'; lines: StoredLine[] };

/**
 * Adds `quantity` units of a listing: merged into its line if there is one (the new terms replace the old,
 * they are what the buyer just saw), capped at `limit` (maxPerOrder bounded by stock).
 */
export function addLine(lines: readonly StoredLine[], item: Omit<StoredLine, 'quantity'>, quantity: number, limit: number): AddOutcome {
  if (limit < 1 || quantity < 1) return { kind: 'unavailable', lines: [...lines] };
  const index = lines.findIndex((l) => l.listingId === item.listingId);
  if (index === -1) {
    if (lines.length >= MAX_CART_LINES) return { kind: 'cart-full', lines: [...lines] };
    const added = Math.min(quantity, limit);
    return { kind: 'added', lines: [...lines, { ...item, quantity: added }], quantity: added };
  }
  const current = lines[index].quantity;
  const merged = Math.min(current + quantity, limit);
  const next = lines.map((l, i) => (i === index ? { ...item, quantity: merged } : l));
  return { kind: merged === current ? 'at-limit' : 'merged', lines: next, quantity: merged };
}

/** A new quantity for a line, within 1..limit (limit 0 keeps it as it is: the line is flagged instead). */
export function setQuantity(lines: readonly StoredLine[], listingId: string, quantity: number, limit: number): StoredLine[] {
  if (!Number.isInteger(quantity) || limit < 1) return [...lines];
  const bounded = Math.min(Math.max(quantity, 1), limit);
  return lines.map((l) => (l.listingId === listingId ? { ...l, quantity: bounded } : l));
}

export function removeLines(lines: readonly StoredLine[], listingIds: Iterable<string>): StoredLine[] {
  const gone = new Set(listingIds);
  return lines.filter((l) => !gone.has(l.listingId));
}

/** A listing as a page shows it (subgraph fields), as the cart keeps it: the terms the buyer sees now. */
export function itemFromListing(listing: {
  id: string;
  title: string;
  token: string;
  price: string;
  shipWithin: string;
  currency: { symbol: string | null; decimals: number | null };
  merchant: { id: string; arbiter: string; rewardBps: number; autoReleaseWindow: string };
}): Omit<StoredLine, 'quantity'> {
  return {
    listingId: listing.id,
    title: listing.title.slice(0, 200),
    currency: { symbol: listing.currency.symbol?.slice(0, 16) ?? null, decimals: listing.currency.decimals },
    seen: {
      merchant: listing.merchant.id.toLowerCase(),
      token: listing.token.toLowerCase(),
      price: listing.price,
      shipWithin: listing.shipWithin,
      arbiter: listing.merchant.arbiter.toLowerCase(),
      rewardBps: listing.merchant.rewardBps,
      autoReleaseWindow: listing.merchant.autoReleaseWindow,
    },
  };
}
