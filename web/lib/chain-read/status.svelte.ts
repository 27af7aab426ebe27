// What the site knows about its index right now, for the layout's banner: reachable, behind the chain by some
// blocks, or unreachable. Fed by every read that fell back to the chain (fallback.ts) and by one probe of
// `_meta.block` against the chain head when the site opens.
import type { ReadSource } from './fallback.ts';

export type IndexState = { kind: 'ok' } | { kind: 'unknown' } | { kind: 'unreachable' } | { kind: 'behind'; blocks: number };

class IndexStatus {
  #state = $state<IndexState>({ kind: 'unknown' });

  get current(): IndexState {
    return this.#state;
  }

  set(next: IndexState): void {
    this.#state = next;
  }

  /** A read's outcome: a fallback means the index is unreachable; a subgraph answer clears that. */
  report = (source: ReadSource): void => {
    if (source.kind === 'chain') this.#state = { kind: 'unreachable' };
    else if (this.#state.kind === 'unreachable' || this.#state.kind === 'unknown') this.#state = { kind: 'ok' };
  };
}

export const indexStatus = new IndexStatus();
