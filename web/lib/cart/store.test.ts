import { describe, expect, it } from 'vitest';
import { MAX_CART_LINES, MAX_STORED_CHARS, type StoredLine, addLine, cartKey, itemFromListing, loadCart, parseCart, removeLines, saveCart, serializeCart, setQuantity } from './store.ts';
import { MemoryStorage } from '../testing/memory-storage.ts';

const MERCHANT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const ARBITER = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';

function item(id: string, price = '1000000'): Omit<StoredLine, 'quantity'> {
  return itemFromListing({
    id,
    title: `Tea ${id}`,
    token: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    price,
    shipWithin: '259200',
    currency: { symbol: 'tUSD', decimals: 6 },
    merchant: { id: MERCHANT, arbiter: ARBITER, rewardBps: 300, autoReleaseWindow: '604800' },
  });
}

describe('addLine', () => {
  it('adds a new line within the limit', () => {
    const outcome = addLine([], item('7'), 9, 5);
    expect(outcome).toMatchObject({ kind: 'added', quantity: 5 });
    expect(outcome.lines.map((l) => [l.listingId, l.quantity])).toEqual([['7', 5]]);
  });

  it('merges the same listing into one line, capped at the limit, with the terms just seen', () => {
    const first = addLine([], item('7'), 2, 5).lines;
    const merged = addLine(first, item('7', '2000000'), 2, 5);
    expect(merged).toMatchObject({ kind: 'merged', quantity: 4 });
    expect(merged.lines).toHaveLength(1);
    expect(merged.lines[0].seen.price).toBe('2000000');
    const capped = addLine(merged.lines, item('7'), 3, 5);
    expect(capped).toMatchObject({ kind: 'merged', quantity: 5 });
    expect(addLine(capped.lines, item('7'), 1, 5)).toMatchObject({ kind: 'at-limit', quantity: 5 });
  });

  it('refuses a sold-out listing and a line beyond MAX_CART_LINES', () => {
    expect(addLine([], item('7'), 1, 0).kind).toBe('unavailable');
    let lines: StoredLine[] = [];
    for (let i = 1; i <= MAX_CART_LINES; i++) lines = addLine(lines, item(String(i)), 1, 5).lines;
    expect(lines).toHaveLength(MAX_CART_LINES);
    const full = addLine(lines, item('999'), 1, 5);
    expect(full.kind).toBe('cart-full');
    expect(full.lines).toHaveLength(MAX_CART_LINES);
    // A listing already in a full cart can still take more units.
    expect(addLine(lines, item('3'), 1, 5).kind).toBe('merged');
  });
});

describe('setQuantity and removeLines', () => {
  const lines = addLine(addLine([], item('1'), 1, 5).lines, item('2'), 2, 5).lines;

  it('keeps a quantity within 1..limit and ignores what is not a whole number', () => {
    expect(setQuantity(lines, '1', 9, 4)[0].quantity).toBe(4);
    expect(setQuantity(lines, '1', 0, 4)[0].quantity).toBe(1);
    expect(setQuantity(lines, '1', 2.5, 4)[0].quantity).toBe(1);
    expect(setQuantity(lines, '2', 3, 4)[1].quantity).toBe(3);
  });

  it('removes the named lines only', () => {
    expect(removeLines(lines, ['1']).map((l) => l.listingId)).toEqual(['2']);
    expect(removeLines(lines, new Set(['1', '2']))).toEqual([]);
  });
});

describe('storage', () => {
  const key = cartKey(31337, '0xE7F1725E7734CE288F8367E1BB143E90BB3F0512');

  it('is keyed per network: chain id and escrow address', () => {
    expect(key).toBe('chainmart:cart:31337:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512');
    expect(cartKey(8453, '0xE7F1725E7734CE288F8367E1BB143E90BB3F0512')).not.toBe(key);
    const storage = new MemoryStorage();
    saveCart(storage, key, addLine([], item('1'), 1, 5).lines);
    expect(loadCart(storage, key)).toHaveLength(1);
    expect(loadCart(storage, cartKey(31337, '0x0000000000000000000000000000000000000001'))).toEqual([]);
  });

  it('round-trips lines and removes the key when the cart is emptied', () => {
    const storage = new MemoryStorage();
    const lines = addLine([], item('1'), 3, 5).lines;
    expect(saveCart(storage, key, lines)).toBe(true);
    expect(loadCart(storage, key)).toEqual(lines);
    saveCart(storage, key, []);
    expect(storage.getItem(key)).toBeNull();
  });

  it('reports a full storage instead of throwing', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    expect(saveCart(storage, key, addLine([], item('1'), 1, 5).lines)).toBe(false);
  });

  it('reads broken or hostile storage as an empty cart', () => {
    for (const raw of [null, '', '{', 'null', '42', '"lines"', '[]', '{"lines":{}}', '{"lines":null}', '{"lines":"x"}']) expect(parseCart(raw)).toEqual([]);
    expect(parseCart(`{"lines":[${'"x",'.repeat(MAX_STORED_CHARS)}1]}`)).toEqual([]);
  });

  it('drops invalid lines and keeps the valid ones, once per listing, at most MAX_CART_LINES', () => {
    const good = addLine([], item('1'), 2, 5).lines[0];
    const hostile = [
      { ...good, listingId: '2', quantity: 0 },
      { ...good, listingId: '3', quantity: 1e9 },
      { ...good, listingId: '4', quantity: 1.5 },
      { ...good, listingId: '5', title: 'x'.repeat(10_000) },
      { ...good, listingId: '6', seen: { ...good.seen, price: '-1' } },
      { ...good, listingId: '7', seen: { ...good.seen, price: '9'.repeat(40) } },
      { ...good, listingId: '8', seen: { ...good.seen, arbiter: 'javascript:alert(1)' } },
      { ...good, listingId: '9', seen: { ...good.seen, rewardBps: 20_000 } },
      { ...good, listingId: '<img>' },
      { ...good, listingId: '10', currency: { symbol: 'x'.repeat(100), decimals: 6 } },
      { ...good, listingId: '11' },
      good,
      { ...good, quantity: 4 },
    ];
    const parsed = parseCart(JSON.stringify({ lines: hostile }));
    expect(parsed.map((l) => [l.listingId, l.quantity])).toEqual([['11', 2], ['1', 2]]);
    const polluted = parseCart(`{"lines":[{"__proto__":{"quantity":1}, ${JSON.stringify(good).slice(1)}]}`);
    expect(polluted).toHaveLength(1);
    expect(({} as { quantity?: number }).quantity).toBeUndefined();
    const many = Array.from({ length: 50 }, (_, i) => ({ ...good, listingId: String(i + 1) }));
    expect(parseCart(serializeCart(many))).toHaveLength(MAX_CART_LINES);
  });

  it('lowercases addresses so a stored checksum never looks like changed terms', () => {
    const raw = serializeCart([{ ...addLine([], item('1'), 1, 5).lines[0], seen: { ...item('1').seen, arbiter: ARBITER } }]);
    expect(parseCart(raw)[0].seen.arbiter).toBe(ARBITER.toLowerCase());
  });
});
