// The wallet balances shown on the site, shared by every component that shows them (wallet button, wallet
// page, checkout): one watcher per address, however many components look, stopped when the last one goes.
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { Address } from 'viem';
import { settings } from '../config/settings.svelte.ts';
import type { WalletBalances } from './funds.ts';

class Watched {
  current = $state.raw<WalletBalances | undefined>();
  failed = $state(false);
  users = 0;
  refresh: () => void = () => {};
  #stopped = false;
  #stop: (() => void) | undefined;

  constructor(address: Address) {
    // The viem client loads only when a wallet is there, keeping it off the first page load.
    void Promise.all([import('../chain/clients.ts'), import('./balances.ts')]).then(([{ publicClientFor }, { clientBalanceWatch, watchBalances }]) => {
      if (this.#stopped) return;
      const source = clientBalanceWatch(publicClientFor(settings.site, settings.current.rpcUrls), settings.site.contracts.settlementToken, address);
      this.refresh = () => void source.read().then((read) => (this.current = read), () => {});
      this.#stop = watchBalances({
        ...source,
        onChange: (read) => {
          this.current = read;
          this.failed = false;
        },
        onError: () => (this.failed = true),
        page: document,
      });
    });
  }

  stop() {
    this.#stopped = true;
    this.#stop?.();
  }
}

class Balances {
  #watched = new SvelteMap<string, Watched>();

  /** Watches `address` while the caller needs it: call from an $effect, which gets the cleanup back. */
  watch(address: Address | undefined): () => void {
    if (!address) return () => {};
    const id = address.toLowerCase();
    // The caller's effect depends on the address only, not on the bookkeeping.
    const watched = untrack(() => {
      let entry = this.#watched.get(id);
      if (!entry) {
        entry = new Watched(address);
        this.#watched.set(id, entry);
      }
      return entry;
    });
    watched.users++;
    return () => {
      if (--watched.users > 0) return;
      watched.stop();
      untrack(() => this.#watched.delete(id));
    };
  }

  /** The balances of a watched address, undefined until the first read. */
  of(address: Address | undefined): WalletBalances | undefined {
    return address ? this.#watched.get(address.toLowerCase())?.current : undefined;
  }

  failed(address: Address): boolean {
    return this.#watched.get(address.toLowerCase())?.failed ?? false;
  }

  /** Reads now (after an action that moved funds), without waiting for the next block. */
  refresh(address: Address): void {
    this.#watched.get(address.toLowerCase())?.refresh();
  }
}

export const balances = new Balances();
