// A merchant's shipping-details key (X25519). Created in the browser; the public half is published in the
// merchant's on-chain profile, the secret half stays in this browser encrypted with the merchant's passphrase
// (scrypt -> XChaCha20-Poly1305, like the built-in wallet) and can be exported as a backup and restored on
// another browser. Merchants that derive their key from a wallet signature (the demo data does, see
// ENCRYPTION_KEY_MESSAGE) can re-derive it instead of restoring a backup.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import type { Address, Hex } from 'viem';
import { type X25519KeyPair, keyPairFromSignature } from '../protocol/shipping-crypto.ts';

export const MIN_PASSPHRASE = 8;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };
const storageKey = (merchant: Address) => `chainmart:merchant-key:${merchant.toLowerCase()}`;

export interface MerchantKeyBackup {
  schema: 'chainmart.merchant-key/1';
  merchant: Address;
  /** The public key, as published on chain (bytes32 hex). */
  publicKey: Hex;
  salt: string;
  nonce: string;
  ciphertext: string;
}

export class MerchantKeyError extends Error {
  constructor(
    message: string,
    readonly kind: 'passphrase-short' | 'wrong-passphrase' | 'invalid-backup' | 'other-merchant' | 'not-published',
  ) {
    super(message);
    this.name = 'MerchantKeyError';
  }
}

export function generateKeyPair(): X25519KeyPair {
  const secretKey = randomBytes(32);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export function publicKeyHex(pair: X25519KeyPair): Hex {
  return `0x${bytesToHex(pair.publicKey)}`;
}

export function sealKey(merchant: Address, pair: X25519KeyPair, passphrase: string): MerchantKeyBackup {
  if (passphrase.length < MIN_PASSPHRASE) throw new MerchantKeyError(`passphrase shorter than ${MIN_PASSPHRASE}`, 'passphrase-short');
  const salt = randomBytes(16);
  const nonce = randomBytes(24);
  const key = scrypt(new TextEncoder().encode(passphrase), salt, SCRYPT);
  return {
    schema: 'chainmart.merchant-key/1',
    merchant,
    publicKey: publicKeyHex(pair),
    salt: bytesToHex(salt),
    nonce: bytesToHex(nonce),
    ciphertext: bytesToHex(xchacha20poly1305(key, nonce).encrypt(pair.secretKey)),
  };
}

export function openKey(backup: MerchantKeyBackup, passphrase: string): X25519KeyPair {
  const key = scrypt(new TextEncoder().encode(passphrase), hexToBytes(backup.salt), SCRYPT);
  let secretKey: Uint8Array;
  try {
    secretKey = xchacha20poly1305(key, hexToBytes(backup.nonce)).decrypt(hexToBytes(backup.ciphertext));
  } catch {
    throw new MerchantKeyError('wrong passphrase', 'wrong-passphrase');
  }
  const pair = { secretKey, publicKey: x25519.getPublicKey(secretKey) };
  if (publicKeyHex(pair) !== backup.publicKey.toLowerCase()) throw new MerchantKeyError('the backup is corrupt', 'invalid-backup');
  return pair;
}

export function parseKeyBackup(text: string, merchant?: Address): MerchantKeyBackup {
  let backup: MerchantKeyBackup;
  try {
    backup = JSON.parse(text);
  } catch {
    throw new MerchantKeyError('not a key backup (invalid JSON)', 'invalid-backup');
  }
  const hex = (s: unknown) => typeof s === 'string' && /^[0-9a-f]+$/.test(s);
  if (backup?.schema !== 'chainmart.merchant-key/1' || !hex(backup.salt) || !hex(backup.nonce) || !hex(backup.ciphertext) || !/^0x[0-9a-f]{64}$/i.test(backup.publicKey ?? '')) {
    throw new MerchantKeyError('not a ChainMart merchant key backup', 'invalid-backup');
  }
  if (merchant && backup.merchant?.toLowerCase() !== merchant.toLowerCase()) {
    throw new MerchantKeyError(`this backup belongs to ${backup.merchant}`, 'other-merchant');
  }
  return backup;
}

/** The key is only useful if its public half is the one published on chain. */
export function assertPublished(pair: X25519KeyPair, published: string): void {
  if (publicKeyHex(pair) !== published.toLowerCase()) {
    throw new MerchantKeyError('this key is not the one published in the merchant profile', 'not-published');
  }
}

/** Re-derives a signature-based key (the demo merchants' method). */
export function keyFromSignature(signature: Hex): X25519KeyPair {
  return keyPairFromSignature(hexToBytes(signature.slice(2)));
}

export function storeBackup(storage: Storage, backup: MerchantKeyBackup): void {
  storage.setItem(storageKey(backup.merchant), JSON.stringify(backup));
}

export function loadBackup(storage: Storage, merchant: Address): MerchantKeyBackup | null {
  const text = storage.getItem(storageKey(merchant));
  if (!text) return null;
  try {
    return parseKeyBackup(text, merchant);
  } catch {
    return null;
  }
}
