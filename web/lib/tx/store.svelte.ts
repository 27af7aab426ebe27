// The persisted transaction list, keyed by chain and account: pending, confirmed, failed. It survives a
// reload (pending transactions resume waiting, one receipt wait per hash) and, once confirmed, waits a little
// for the subgraph to index the receipt's block before the page refreshes its data (never long: see wait).
import type { Address, Hash, PublicClient, TransactionReceipt } from 'viem';
import { settings } from '../config/settings.svelte.ts';
import { waitForIndexedBlock } from '../graphql/indexer.ts';
import { indexStatus } from '../chain-read/status.svelte.ts';

const KEY = 'chainmart:transactions';
/** How long a write waits for the index to reach its receipt's block before the page goes on without it. */
export const INDEX_PATIENCE_MS = 8_000;
const MAX_KEPT = 50;

export interface TrackedTransaction {
  hash: Hash;
  label: string;
  chainId: number;
  account: Address;
  status: 'pending' | 'confirmed' | 'failed';
  /** Set once the subgraph has indexed the receipt's block. */
  indexed: boolean;
  /** The subgraph did not reach the receipt's block in time (it may be down): stop showing it as pending. */
  indexTimedOut?: boolean;
  blockNumber?: string;
  createdAt: number;
}

function load(): TrackedTransaction[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((t) => typeof t?.hash === 'string' && typeof t?.label === 'string') : [];
  } catch {
    return [];
  }
}

class Transactions {
  list = $state<TrackedTransaction[]>(typeof localStorage === 'undefined' ? [] : load());
  #waits = new Map<Hash, Promise<TransactionReceipt | null>>();

  constructor() {
    if (typeof window === 'undefined') return;
    // Another tab of the site tracked something: show it here too.
    window.addEventListener('storage', (event) => {
      if (event.key === KEY) this.list = load();
    });
  }

  forAccount(account: Address | undefined, chainId: number): TrackedTransaction[] {
    const me = account?.toLowerCase();
    return this.list.filter((t) => t.chainId === chainId && t.account.toLowerCase() === me);
  }

  get pending(): TrackedTransaction[] {
    return this.list.filter((t) => t.status === 'pending' || (t.status === 'confirmed' && !t.indexed && !t.indexTimedOut));
  }

  add(tx: Omit<TrackedTransaction, 'status' | 'indexed' | 'createdAt'>): void {
    this.#update([{ ...tx, status: 'pending', indexed: false, createdAt: Date.now() }, ...this.list.filter((t) => t.hash !== tx.hash)]);
  }

  clear(account: Address, chainId: number): void {
    const me = account.toLowerCase();
    this.#update(this.list.filter((t) => !(t.chainId === chainId && t.account.toLowerCase() === me) || t.status === 'pending'));
  }

  /** Waits for the receipt (once per hash), records the outcome, then waits for the indexer. */
  wait(hash: Hash, client?: PublicClient): Promise<TransactionReceipt | null> {
    let wait = this.#waits.get(hash);
    if (!wait) {
      wait = (async () => {
        let receipt: TransactionReceipt;
        try {
          receipt = await (client ?? (await this.#client())).waitForTransactionReceipt({ hash, timeout: 10 * 60_000 });
        } catch {
          return null; // still pending as far as we know; a reload resumes the wait
        }
        this.#patch(hash, { status: receipt.status === 'success' ? 'confirmed' : 'failed', blockNumber: receipt.blockNumber.toString() });
        const subgraph = settings.current.subgraphUrl;
        if (receipt.status === 'success' && subgraph) {
          const indexing = waitForIndexedBlock(subgraph, receipt.blockNumber, { timeoutMs: 120_000 }).then((indexed) =>
            this.#patch(hash, indexed ? { indexed } : { indexTimedOut: true }),
          );
          // The receipt is the success: the page goes on after a short wait for the index (so it shows its own
          // change), at once when the index is known to be down; meanwhile the transaction shows as updating.
          const patience = indexStatus.current.kind === 'unreachable' ? 0 : INDEX_PATIENCE_MS;
          await Promise.race([indexing, new Promise((resolve) => setTimeout(resolve, patience))]);
        }
        return receipt;
      })();
      this.#waits.set(hash, wait);
    }
    return wait;
  }

  /** After a reload: resume waiting for every transaction still pending on this chain. */
  resume(): void {
    for (const tx of this.list) {
      if (tx.chainId === settings.site.chainId && (tx.status === 'pending' || (tx.status === 'confirmed' && !tx.indexed))) {
        void this.wait(tx.hash);
      }
    }
  }

  /** Loaded on demand: a page without pending transactions does not need viem's public client. */
  async #client(): Promise<PublicClient> {
    const { publicClientFor } = await import('../chain/clients.ts');
    return publicClientFor(settings.site, settings.current.rpcUrls);
  }

  #patch(hash: Hash, patch: Partial<TrackedTransaction>): void {
    this.#update(this.list.map((t) => (t.hash === hash ? { ...t, ...patch } : t)));
  }

  #update(list: TrackedTransaction[]): void {
    this.list = list.slice(0, MAX_KEPT);
    try {
      localStorage.setItem(KEY, JSON.stringify(this.list));
    } catch {
      // Storage full or disabled: the list still works for this page's lifetime.
    }
  }
}

export const transactions = new Transactions();
