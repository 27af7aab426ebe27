// The shipping form: checked, kept in this tab's sessionStorage while the buyer works (nothing typed is lost on
// an error or a reload), and encrypted in the browser to the merchant's published X25519 key before it leaves
// the page. The chain only ever sees the ciphertext.
import { type Hex, bytesToHex, hexToBytes } from 'viem';
import type { ShippingDetails } from '../protocol/metadata.ts';
import { encryptShipping } from '../protocol/shipping-crypto.ts';

export const SHIPPING_FIELDS = ['name', 'phone', 'address', 'city', 'postalCode', 'country', 'note'] as const;
export type ShippingField = (typeof SHIPPING_FIELDS)[number];
export type ShippingForm = Record<ShippingField, string>;

export const REQUIRED_FIELDS: readonly ShippingField[] = ['name', 'phone', 'address', 'city', 'postalCode', 'country'];
export const FIELD_MAX_LENGTH: Record<ShippingField, number> = {
  name: 100,
  phone: 40,
  address: 300,
  city: 100,
  postalCode: 20,
  country: 60,
  note: 300,
};
/** The contract refuses larger `shippingInfo` (ChainMart.MAX_SHIPPING_INFO). */
export const MAX_SHIPPING_BYTES = 2048;

const ZERO_KEY = /^0x0{64}$/i;

export function emptyShipping(): ShippingForm {
  return { name: '', phone: '', address: '', city: '', postalCode: '', country: '', note: '' };
}

/** Fields that are missing or too long. */
export function invalidShippingFields(form: ShippingForm): ShippingField[] {
  return SHIPPING_FIELDS.filter((field) => {
    const value = form[field].trim();
    return (REQUIRED_FIELDS.includes(field) && value === '') || value.length > FIELD_MAX_LENGTH[field];
  });
}

/** Whether the merchant published a key buyers can encrypt to (zero means it cannot receive addresses). */
export function canReceiveShipping(encryptionKey: string | null | undefined): boolean {
  return typeof encryptionKey === 'string' && /^0x[0-9a-fA-F]{64}$/.test(encryptionKey) && !ZERO_KEY.test(encryptionKey);
}

export function shippingDetails(form: ShippingForm): ShippingDetails {
  const details: ShippingDetails = {
    schema: 'chainmart.shipping/1',
    name: form.name.trim(),
    phone: form.phone.trim(),
    address: form.address.trim(),
    city: form.city.trim(),
    postalCode: form.postalCode.trim(),
    country: form.country.trim(),
  };
  const note = form.note.trim();
  if (note) details.note = note;
  return details;
}

/** The `shippingInfo` bytes of a purchase: the details sealed to the merchant's key. */
export function encryptShippingForMerchant(form: ShippingForm, encryptionKey: string): Hex {
  if (!canReceiveShipping(encryptionKey)) throw new Error('the merchant has not published an encryption key');
  const envelope = encryptShipping(shippingDetails(form), hexToBytes(encryptionKey as Hex));
  if (envelope.length > MAX_SHIPPING_BYTES) throw new Error(`shipping details too long (${envelope.length} bytes)`);
  return bytesToHex(envelope);
}

/** What the page keeps in sessionStorage: the shipping form, plus quantity and points per listing. */
export interface CheckoutDraft {
  shipping: ShippingForm;
  /** A number once bound to a number input, text as typed otherwise. */
  quantity: string | number;
  points: string;
}

const SHIPPING_KEY = 'chainmart:checkout:shipping';
const listingKey = (listingId: string) => `chainmart:checkout:listing:${listingId}`;

function readJson(storage: Storage, key: string): Record<string, unknown> {
  try {
    const value = JSON.parse(storage.getItem(key) ?? '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** The shipping form as this tab last had it (the checkout page and the cart share it). */
export function loadShipping(storage: Storage): ShippingForm {
  const stored = readJson(storage, SHIPPING_KEY);
  const shipping = emptyShipping();
  for (const field of SHIPPING_FIELDS) {
    const value = stored[field];
    if (typeof value === 'string') shipping[field] = value.slice(0, FIELD_MAX_LENGTH[field]);
  }
  return shipping;
}

export function saveShipping(storage: Storage, shipping: ShippingForm): void {
  try {
    storage.setItem(SHIPPING_KEY, JSON.stringify(shipping));
  } catch {
    // Storage full or disabled: the form still works, it just does not survive a reload.
  }
}

/** After a successful order the address is no longer needed in this tab. */
export function clearShipping(storage: Storage): void {
  storage.removeItem(SHIPPING_KEY);
}

export function loadDraft(storage: Storage, listingId: string): CheckoutDraft {
  const perListing = readJson(storage, listingKey(listingId));
  return {
    shipping: loadShipping(storage),
    quantity: typeof perListing.quantity === 'string' || typeof perListing.quantity === 'number' ? perListing.quantity : '1',
    points: typeof perListing.points === 'string' ? perListing.points : '',
  };
}

export function saveDraft(storage: Storage, listingId: string, draft: CheckoutDraft): void {
  saveShipping(storage, draft.shipping);
  try {
    storage.setItem(listingKey(listingId), JSON.stringify({ quantity: draft.quantity, points: draft.points }));
  } catch {
    // As above.
  }
}

export function clearDraft(storage: Storage, listingId: string): void {
  clearShipping(storage);
  storage.removeItem(listingKey(listingId));
}
