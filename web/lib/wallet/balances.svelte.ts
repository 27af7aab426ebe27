// The connected wallet's balances, shared by every component that shows them (wallet button, wallet page,
// checkout): one watcher per address, however many components look, stopped when the last one goes.
import type { Address } from 'viem';
import { settings } from '../config/settings.svelte.ts';
import type { WalletBalances } from './funds.ts';

class Balances {
  current = $state.raw<WalletBalances | undefined>();
  failed = $state(false);
  #address: Address | undefined;
  #users = 0;
  #stop: (() => void) | undefined;
  #refresh: (() => void) | undefined;

  /** Watches `address` while the caller needs it (call from an $effect; it returns the cleanup). */
  watch(address: Address | undefined): () => void {
    if (!address) return () => {};
    if (address !== this.#address) this.#restart(address);
    this.#users++;
    return () => {
      if (--this.#users > 0) return;
      this.#stop?.();
      this.#stop = undefined;
      this.#address = undefined;
    };
  }

  /** Reads now (after an action that moved funds), without waiting for the next block. */
  refresh(): void {
    this.#refresh?.();
  }

  #restart(address: Address) {
    this.#stop?.();
    this.#address = address;
    this.current = undefined;
    this.failed = false;
    let stopped = false;
    let stopWatch: (() => void) | undefined;
    this.#stop = () => {
      stopped = true;
      stopWatch?.();
    };
    // The viem client loads only when a wallet is connected, keeping it off the first page load.
    void Promise.all([import('../chain/clients.ts'), import('./balances.ts')]).then(([{ publicClientFor }, { clientBalanceWatch, watchBalances }]) => {
      if (stopped) return;
      const client = publicClientFor(settings.site, settings.current.rpcUrls);
      const source = clientBalanceWatch(client, settings.site.contracts.settlementToken, address);
      this.#refresh = () => void source.read().then((read) => this.#address === address && (this.current = read)).catch(() => {});
      stopWatch = watchBalances({
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
}

export const balances = new Balances();
