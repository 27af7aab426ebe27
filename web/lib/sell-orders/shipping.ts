// Reading a buyer's shipping details on the merchant's side. `shippingInfo` is either the sealed envelope
// itself (first byte = envelope version) or the UTF-8 text of a CID whose content is that envelope. What
// decrypts is still untrusted (any buyer can write anything): checked against a schema, rendered as text.
import * as v from 'valibot';
import { type Hex, hexToBytes } from 'viem';
import type { ShippingDetails } from '../protocol/metadata.ts';
import { ENVELOPE_VERSION, type X25519KeyPair, decryptShipping } from '../protocol/shipping-crypto.ts';
import { parseCidInput } from '../ipfs/upload.ts';

export type ShippingInfo = { kind: 'none' } | { kind: 'envelope'; bytes: Uint8Array } | { kind: 'cid'; uri: string } | { kind: 'unknown' };

export function classifyShippingInfo(hex: string): ShippingInfo {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) return { kind: 'unknown' };
  const bytes = hexToBytes(hex as Hex);
  if (bytes.length === 0) return { kind: 'none' };
  if (bytes[0] === ENVELOPE_VERSION) return { kind: 'envelope', bytes };
  if (bytes.length <= 200) {
    const cid = parseCidInput(new TextDecoder().decode(bytes));
    if (cid) return { kind: 'cid', uri: `ipfs://${cid}` };
  }
  return { kind: 'unknown' };
}

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
export const shippingDetailsSchema = v.object({
  schema: v.literal('chainmart.shipping/1'),
  name: text(200),
  phone: text(80),
  address: text(600),
  city: text(200),
  postalCode: text(40),
  country: text(120),
  note: v.optional(text(600)),
}) satisfies v.GenericSchema<unknown, ShippingDetails>;

export class ShippingReadError extends Error {
  constructor(
    message: string,
    readonly kind: 'wrong-key' | 'invalid',
  ) {
    super(message);
    this.name = 'ShippingReadError';
  }
}

/** Opens an envelope with the merchant's key; a wrong key or a tampered envelope fails the AEAD tag. */
export function openShipping(envelope: Uint8Array, key: X25519KeyPair): ShippingDetails {
  let raw: unknown;
  try {
    raw = decryptShipping(envelope, key);
  } catch (error) {
    if (error instanceof SyntaxError) throw new ShippingReadError('the details are not JSON', 'invalid');
    throw new ShippingReadError('this key does not open these details', 'wrong-key');
  }
  const parsed = v.safeParse(shippingDetailsSchema, raw);
  if (!parsed.success) throw new ShippingReadError('the details do not follow chainmart.shipping/1', 'invalid');
  return parsed.output;
}
