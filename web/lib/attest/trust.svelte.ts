// The user's trusted attesters for this network, persisted in this browser (one key per chain). Until the
// user edits the list, it is the network's default (settings.site.trustedAttesters), so a new build's
// defaults reach users who never changed theirs. Other tabs' edits arrive through the storage event.
import type { Address } from 'viem';
import { settings } from '../config/settings.svelte.ts';
import { isTrusted, parseAttester, parseStoredTrust, serializeTrust, withAttester, withoutAttester } from './trust.ts';

class TrustedAttesters {
  readonly #key = `chainmart:trusted-attesters:${settings.site.chainId}`;
  #list = $state<Address[]>([]);
  #customized = $state(false);

  constructor() {
    this.#load(this.#read());
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key === this.#key) this.#load(event.newValue);
      });
    }
  }

  get current(): readonly Address[] {
    return this.#list;
  }

  /** Whether the user edited the list (otherwise it follows the network's defaults). */
  get customized(): boolean {
    return this.#customized;
  }

  has(attester: string): boolean {
    return isTrusted(this.#list, attester);
  }

  /** Adds what the user typed; false (and nothing changes) when it is not an address. */
  add(input: string): boolean {
    const attester = parseAttester(input);
    if (!attester) return false;
    this.#save(withAttester(this.#list, attester));
    return true;
  }

  remove(attester: string): void {
    this.#save(withoutAttester(this.#list, attester));
  }

  /** Back to the network's defaults. */
  reset(): void {
    try {
      localStorage.removeItem(this.#key);
    } catch {
      // Storage disabled: the list below still applies for this page's lifetime.
    }
    this.#load(null);
  }

  #load(raw: string | null): void {
    this.#list = parseStoredTrust(raw, settings.site.trustedAttesters);
    this.#customized = raw !== null;
  }

  #read(): string | null {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage.getItem(this.#key);
    } catch {
      return null;
    }
  }

  #save(list: Address[]): void {
    this.#list = list;
    this.#customized = true;
    try {
      localStorage.setItem(this.#key, serializeTrust(list));
    } catch {
      // Storage full or disabled: the list still works for this page's lifetime.
    }
  }
}

export const trustedAttesters = new TrustedAttesters();
