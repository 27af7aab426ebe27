// The merchant's shipping key for this tab only: opened once (backup + passphrase, or wallet signature) and
// kept in memory, never written anywhere; a reload or another account asks again.
import type { Address } from 'viem';
import type { X25519KeyPair } from '../protocol/shipping-crypto.ts';

class MerchantKeySession {
  #keys = $state<Record<string, X25519KeyPair>>({});

  get(merchant: Address | undefined): X25519KeyPair | null {
    return merchant ? (this.#keys[merchant.toLowerCase()] ?? null) : null;
  }

  set(merchant: Address, pair: X25519KeyPair): void {
    this.#keys = { ...this.#keys, [merchant.toLowerCase()]: pair };
  }

  forget(merchant: Address): void {
    const { [merchant.toLowerCase()]: _dropped, ...rest } = this.#keys;
    this.#keys = rest;
  }
}

export const merchantKeys = new MerchantKeySession();
