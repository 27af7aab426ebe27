// The built-in wallet, for a browser without a wallet extension: a key generated here, kept in this
// browser's storage encrypted with the user's passphrase (scrypt -> XChaCha20-Poly1305), exportable and
// importable. It is a convenience for small amounts, and the site says so.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { type Address, type Hex, isHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

export { BUILTIN_STORAGE_KEY as STORAGE_KEY } from './session.ts';
import { BUILTIN_STORAGE_KEY as STORAGE_KEY } from './session.ts';
export const MIN_PASSPHRASE = 8;
/** scrypt cost: ~0.2-0.5 s in a browser, which is the point (a stolen blob resists guessing). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };

export interface EncryptedKey {
  version: 1;
  address: Address;
  salt: string;
  nonce: string;
  ciphertext: string;
}

export class BuiltinWalletError extends Error {
  constructor(
    message: string,
    readonly kind: 'passphrase-short' | 'wrong-passphrase' | 'invalid-key' | 'invalid-backup',
  ) {
    super(message);
    this.name = 'BuiltinWalletError';
  }
}

export function encryptKey(privateKey: Hex, passphrase: string): EncryptedKey {
  if (passphrase.length < MIN_PASSPHRASE) throw new BuiltinWalletError(`passphrase shorter than ${MIN_PASSPHRASE}`, 'passphrase-short');
  if (!isHex(privateKey) || privateKey.length !== 66) throw new BuiltinWalletError('not a 32-byte hex private key', 'invalid-key');
  const salt = randomBytes(16);
  const nonce = randomBytes(24);
  const key = scrypt(new TextEncoder().encode(passphrase), salt, SCRYPT);
  const ciphertext = xchacha20poly1305(key, nonce).encrypt(hexToBytes(privateKey.slice(2)));
  return {
    version: 1,
    address: privateKeyToAccount(privateKey).address,
    salt: bytesToHex(salt),
    nonce: bytesToHex(nonce),
    ciphertext: bytesToHex(ciphertext),
  };
}

export function decryptKey(blob: EncryptedKey, passphrase: string): Hex {
  const key = scrypt(new TextEncoder().encode(passphrase), hexToBytes(blob.salt), SCRYPT);
  let plain: Uint8Array;
  try {
    plain = xchacha20poly1305(key, hexToBytes(blob.nonce)).decrypt(hexToBytes(blob.ciphertext));
  } catch {
    throw new BuiltinWalletError('wrong passphrase', 'wrong-passphrase');
  }
  const privateKey = `0x${bytesToHex(plain)}` as Hex;
  if (privateKeyToAccount(privateKey).address !== blob.address) throw new BuiltinWalletError('the backup is corrupt', 'invalid-backup');
  return privateKey;
}

export function parseBackup(text: string): EncryptedKey {
  let blob: EncryptedKey;
  try {
    blob = JSON.parse(text);
  } catch {
    throw new BuiltinWalletError('not a wallet backup (invalid JSON)', 'invalid-backup');
  }
  const hex = (s: unknown) => typeof s === 'string' && /^[0-9a-f]+$/.test(s);
  if (blob?.version !== 1 || !isHex(blob.address) || !hex(blob.salt) || !hex(blob.nonce) || !hex(blob.ciphertext)) {
    throw new BuiltinWalletError('not a ChainMart wallet backup', 'invalid-backup');
  }
  return blob;
}

export function createKey(): Hex {
  return generatePrivateKey();
}

export function loadStored(storage: Storage): EncryptedKey | null {
  const text = storage.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    return parseBackup(text);
  } catch {
    return null;
  }
}
