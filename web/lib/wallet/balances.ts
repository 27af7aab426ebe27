// Keeps a wallet's balances current without a reload: read once, then again on every new block (a cheap
// eth_blockNumber poll through viem), and not at all while the page is hidden.
import { type Address, type PublicClient, erc20Abi } from 'viem';
import type { WalletBalances } from './funds.ts';

export interface BalanceWatch {
  read: () => Promise<WalletBalances>;
  /** Calls `onBlock` on each new block until the returned function is called. */
  watchBlocks: (onBlock: () => void) => () => void;
  onChange: (balances: WalletBalances) => void;
  onError: (error: unknown) => void;
  page?: Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;
}

export function watchBalances(watch: BalanceWatch): () => void {
  let stopped = false;
  let unwatchBlocks: (() => void) | undefined;
  // One read at a time; a block that lands meanwhile asks for one more read afterwards.
  let reading = false;
  let again = false;
  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const balances = await watch.read();
        if (!stopped) watch.onChange(balances);
      } while (again && !stopped);
    } catch (error) {
      if (!stopped) watch.onError(error);
    } finally {
      reading = false;
    }
  };
  const start = () => {
    unwatchBlocks ??= watch.watchBlocks(() => void read());
    void read();
  };
  const pause = () => {
    unwatchBlocks?.();
    unwatchBlocks = undefined;
  };
  const onVisibility = () => (watch.page?.hidden ? pause() : start());
  watch.page?.addEventListener('visibilitychange', onVisibility);
  if (watch.page?.hidden) void read();
  else start();
  return () => {
    stopped = true;
    pause();
    watch.page?.removeEventListener('visibilitychange', onVisibility);
  };
}

/** The watch for `owner` on a viem client: settlement token balance, ETH, gas price, block. */
export function clientBalanceWatch(client: PublicClient, token: Address, owner: Address, pollingInterval = 2_000) {
  return {
    read: () => readWalletBalances(client, token, owner),
    watchBlocks: (onBlock: () => void) => client.watchBlockNumber({ onBlockNumber: onBlock, poll: true, pollingInterval, emitOnBegin: false }),
  };
}

export async function readWalletBalances(client: PublicClient, token: Address, owner: Address): Promise<WalletBalances> {
  const [stable, eth, gasPrice, blockNumber] = await Promise.all([
    client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }),
    client.getBalance({ address: owner }),
    client.getGasPrice(),
    client.getBlockNumber({ cacheTime: 0 }),
  ]);
  return { stable, eth, gasPrice, blockNumber };
}
