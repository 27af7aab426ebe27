// Shipping details are encrypted to the merchant's X25519 public key (the `encryptionKey` of its profile), so
// only the merchant can read a buyer's address although the ciphertext is public on chain.
//
// Envelope (the `shippingInfo` bytes of a purchase), version 1:
//   0x01 || ephemeral X25519 public key (32) || nonce (24) || XChaCha20-Poly1305(ciphertext || tag 16)
// key = HKDF-SHA256(ikm = X25519(ephemeral secret, merchant public), salt = ephemeral public || merchant public,
//                   info = "chainmart/shipping/1", 32 bytes); plaintext = UTF-8 JSON of `ShippingDetails`.
//
// A merchant's X25519 secret is derived from a wallet signature, so it never has to be stored:
//   secret = SHA-256(signature over the message `ENCRYPTION_KEY_MESSAGE` (EIP-191 personal_sign)).
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { ShippingDetails } from './metadata.ts';

export const ENVELOPE_VERSION = 1;
export const ENCRYPTION_KEY_MESSAGE =
  'ChainMart encryption key v1\n\nSigning this derives the key buyers encrypt shipping details to. It costs nothing and sends no transaction.';
const INFO = new TextEncoder().encode('chainmart/shipping/1');

export interface X25519KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function keyPairFromSignature(signature: Uint8Array): X25519KeyPair {
  const secretKey = sha256(signature);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

function deriveKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  const salt = new Uint8Array(64);
  salt.set(ephemeralPublic, 0);
  salt.set(recipientPublic, 32);
  return hkdf(sha256, shared, salt, INFO, 32);
}

export function encryptShipping(details: ShippingDetails, recipientPublic: Uint8Array): Uint8Array {
  if (recipientPublic.length !== 32) throw new Error(`recipient key must be 32 bytes, got ${recipientPublic.length}`);
  const ephemeralSecret = randomBytes(32);
  const ephemeralPublic = x25519.getPublicKey(ephemeralSecret);
  const key = deriveKey(x25519.getSharedSecret(ephemeralSecret, recipientPublic), ephemeralPublic, recipientPublic);
  const nonce = randomBytes(24);
  const sealed = xchacha20poly1305(key, nonce).encrypt(new TextEncoder().encode(JSON.stringify(details)));
  const out = new Uint8Array(1 + 32 + 24 + sealed.length);
  out[0] = ENVELOPE_VERSION;
  out.set(ephemeralPublic, 1);
  out.set(nonce, 33);
  out.set(sealed, 57);
  return out;
}

export function decryptShipping(envelope: Uint8Array, keyPair: X25519KeyPair): ShippingDetails {
  if (envelope[0] !== ENVELOPE_VERSION) throw new Error(`unknown shipping envelope version ${envelope[0]}`);
  if (envelope.length < 1 + 32 + 24 + 16) throw new Error('shipping envelope too short');
  const ephemeralPublic = envelope.subarray(1, 33);
  const nonce = envelope.subarray(33, 57);
  const key = deriveKey(x25519.getSharedSecret(keyPair.secretKey, ephemeralPublic), ephemeralPublic, keyPair.publicKey);
  const plain = xchacha20poly1305(key, nonce).decrypt(envelope.subarray(57));
  return JSON.parse(new TextDecoder().decode(plain)) as ShippingDetails;
}
