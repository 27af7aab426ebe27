// The site's one cart: this network's lines from localStorage (store.ts), kept in step with other tabs
// through the `storage` event, saved on every change.
import { settings } from '../config/settings.svelte.ts';
import { type AddOutcome, type StoredLine, addLine, cartKey, loadCart, parseCart, removeLines, saveCart, setQuantity } from './store.ts';

class Cart {
  #lines = $state<StoredLine[]>([]);
  #key: string | null = null;

  constructor() {
    if (typeof window === 'undefined') return;
    const { chainId, contracts } = settings.site;
    this.#key = cartKey(chainId, contracts.escrow);
    this.#lines = loadCart(localStorage, this.#key);
    window.addEventListener('storage', (event) => {
      if (event.key === this.#key) this.#lines = parseCart(event.newValue);
    });
  }

  get current(): readonly StoredLine[] {
    return this.#lines;
  }

  /** Lines in the cart (what the header's badge shows). */
  get count(): number {
    return this.#lines.length;
  }

  add(item: Omit<StoredLine, 'quantity'>, quantity: number, limit: number): AddOutcome {
    const outcome = addLine(this.#lines, item, quantity, limit);
    this.#set(outcome.lines);
    return outcome;
  }

  setQuantity(listingId: string, quantity: number, limit: number): void {
    this.#set(setQuantity(this.#lines, listingId, quantity, limit));
  }

  replace(line: StoredLine): void {
    this.#set(this.#lines.map((l) => (l.listingId === line.listingId ? line : l)));
  }

  remove(listingIds: Iterable<string>): void {
    this.#set(removeLines(this.#lines, listingIds));
  }

  #set(lines: StoredLine[]): void {
    this.#lines = lines;
    if (this.#key) saveCart(localStorage, this.#key, lines);
  }
}

export const cart = new Cart();
