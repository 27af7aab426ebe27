// Whether this browser holds the merchant's shipping key: a sealed backup in localStorage whose public key
// is the one published on chain. Without it, shipping details cannot be read here.
import type { Address } from 'viem';
import { type MerchantKeyBackup, loadBackup } from '../merchant/keys.ts';

export type KeyStatus = { kind: 'stored'; backup: MerchantKeyBackup } | { kind: 'outdated'; backup: MerchantKeyBackup } | { kind: 'missing' } | { kind: 'unpublished' };

export function keyStatus(storage: Storage, merchant: Address, published: string | null | undefined): KeyStatus {
  if (!published || /^0x0{64}$/i.test(published)) return { kind: 'unpublished' };
  const backup = loadBackup(storage, merchant);
  if (!backup) return { kind: 'missing' };
  return backup.publicKey.toLowerCase() === published.toLowerCase() ? { kind: 'stored', backup } : { kind: 'outdated', backup };
}

/** The backup file's name: merchant and a fingerprint of the public key, so several backups stay apart. */
export function backupFileName(backup: MerchantKeyBackup): string {
  return `chainmart-merchant-key-${backup.merchant.slice(0, 10).toLowerCase()}-${backup.publicKey.slice(2, 10)}.json`;
}
