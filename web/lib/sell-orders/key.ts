// Getting the merchant's shipping key into this tab: from the passphrase-sealed backup stored in this browser
// (or pasted from a backup file), or re-derived from a wallet signature (merchants whose key comes from
// ENCRYPTION_KEY_MESSAGE, as the demo merchants'). Either way the key must be the one published on chain,
// or it would open nothing.
import type { Address, Hex } from 'viem';
import { type MerchantKeyBackup, assertPublished, keyFromSignature, loadBackup, openKey, parseKeyBackup } from '../merchant/keys.ts';
import { ENCRYPTION_KEY_MESSAGE, type X25519KeyPair } from '../protocol/shipping-crypto.ts';

const ZERO_KEY = /^0x0{64}$/i;

/** Whether a merchant published a key at all (zero: buyers cannot send it shipping details). */
export function hasPublishedKey(encryptionKey: string | null | undefined): encryptionKey is Hex {
  return typeof encryptionKey === 'string' && /^0x[0-9a-fA-F]{64}$/.test(encryptionKey) && !ZERO_KEY.test(encryptionKey);
}

export async function keyFromWallet(signMessage: (message: string) => Promise<Hex>, published: string): Promise<X25519KeyPair> {
  const pair = keyFromSignature(await signMessage(ENCRYPTION_KEY_MESSAGE));
  assertPublished(pair, published);
  return pair;
}

export function keyFromBackup(backup: MerchantKeyBackup, passphrase: string, published: string): X25519KeyPair {
  const pair = openKey(backup, passphrase);
  assertPublished(pair, published);
  return pair;
}

/** The sealed backup to open: pasted text if any, else the one stored in this browser (null if neither). */
export function backupToOpen(storage: Storage | null, merchant: Address, pasted: string): MerchantKeyBackup | null {
  if (pasted.trim()) return parseKeyBackup(pasted, merchant);
  return storage ? loadBackup(storage, merchant) : null;
}
