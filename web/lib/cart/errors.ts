// A failed cart checkout as a sentence that names the item at fault: LineTermsChanged carries the line's index,
// OutOfStock and ListingIsPaused the listing id. A rejection says the cart is kept. The rest is the checkout's
// mapper (gates, collectors, tokens, network).
import { m } from '../paraglide/messages.js';
import { checkoutErrorMessage } from '../checkout/errors.ts';
import { describeError } from '../tx/errors.ts';
import type { UserMessage } from '../tx/messages.ts';
import { AaError } from '../aa/user-operation.ts';

export interface NamedLine {
  listingId: string;
  title: string;
}

/** The listing the error is about, when the escrow or the catalog named one: the page checks it again. */
export function faultyListing(error: unknown, lines: readonly NamedLine[]): string | null {
  const described = describeError(error);
  if (described.kind !== 'revert') return null;
  if (described.name === 'LineTermsChanged') return lines[Number(described.args[0])]?.listingId ?? String(described.args[1]);
  if (described.name === 'OutOfStock' || described.name === 'ListingIsPaused' || described.name === 'QuantityInvalid') return String(described.args[0]);
  return null;
}

export function cartErrorMessage(error: unknown, lines: readonly NamedLine[]): UserMessage {
  const described = describeError(error);
  if (described.kind === 'rejected') return { tone: 'neutral', text: m.cart_rejected() };
  if (error instanceof AaError && error.kind === 'passkey-refused') return { tone: 'neutral', text: m.cart_passkey_refused() };
  const listingId = faultyListing(error, lines);
  const title = lines.find((line) => line.listingId === listingId)?.title ?? `#${listingId}`;
  if (described.kind === 'revert' && listingId !== null) {
    if (described.name === 'LineTermsChanged') return { tone: 'error', text: m.cart_line_terms_changed({ title }) };
    if (described.name === 'OutOfStock') return { tone: 'error', text: m.cart_out_of_stock({ title, available: String(described.args[2]) }) };
    if (described.name === 'ListingIsPaused') return { tone: 'error', text: m.cart_line_paused({ title }) };
  }
  return checkoutErrorMessage(error);
}
