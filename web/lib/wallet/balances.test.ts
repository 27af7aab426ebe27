import { describe, expect, it, vi } from 'vitest';
import { watchBalances } from './balances.ts';
import type { WalletBalances } from './funds.ts';

function fakePage(hidden = false) {
  const listeners = new Set<() => void>();
  return {
    hidden,
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    set(next: boolean) {
      this.hidden = next;
      listeners.forEach((fn) => fn());
    },
    listeners,
  };
}

function setup(hidden = false) {
  let stable = 0n;
  const blocks = new Set<() => void>();
  const seen: bigint[] = [];
  const page = fakePage(hidden);
  const read = vi.fn(async (): Promise<WalletBalances> => ({ stable, eth: 0n, gasPrice: 1n, blockNumber: 1n }));
  const stop = watchBalances({
    read,
    watchBlocks: (onBlock) => {
      blocks.add(onBlock);
      return () => blocks.delete(onBlock);
    },
    onChange: (b) => seen.push(b.stable),
    onError: () => {},
    page: page as never,
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { blocks, seen, page, read, stop, flush, fund: (amount: bigint) => (stable += amount) };
}

describe('watching balances', () => {
  it('reads at once and again on each new block', async () => {
    const w = setup();
    await w.flush();
    w.fund(100n);
    w.blocks.forEach((fn) => fn());
    await w.flush();
    expect(w.seen).toEqual([0n, 100n]);
    w.stop();
    expect(w.blocks.size).toBe(0);
    expect(w.page.listeners.size).toBe(0);
  });

  it('stops watching blocks while the page is hidden and reads again when it shows', async () => {
    const w = setup();
    await w.flush();
    w.page.set(true);
    expect(w.blocks.size).toBe(0);
    w.fund(5n);
    w.page.set(false);
    await w.flush();
    expect(w.blocks.size).toBe(1);
    expect(w.seen).toEqual([0n, 5n]);
    w.stop();
  });

  it('reads once more when blocks arrive during a read, never in parallel', async () => {
    const w = setup();
    w.blocks.forEach((fn) => fn());
    w.blocks.forEach((fn) => fn());
    await w.flush();
    await w.flush();
    expect(w.read).toHaveBeenCalledTimes(2);
    w.stop();
  });
});
