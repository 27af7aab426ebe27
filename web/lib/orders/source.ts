// The configured network as the chain fallback and the credit reads need it.
import type { Address, PublicClient } from 'viem';
import { publicClientFor } from '../chain/clients.ts';
import { settings } from '../config/settings.svelte.ts';
import { chainMartAbi } from '../contracts/generated/abi.ts';
import { ETH } from '../format/format.ts';
import type { ChainSource } from './chain.ts';

export function siteClient(): PublicClient {
  return publicClientFor(settings.site, settings.current.rpcUrls);
}

export function chainSource(): ChainSource {
  const site = settings.site;
  return {
    client: siteClient(),
    chainMart: site.contracts.chainMart,
    startBlock: site.startBlock,
    settlementToken: { address: site.contracts.settlementToken, ...site.settlementToken },
  };
}

/** The chain's clock (latest block), which can differ from the browser's (a test chain moved forward). */
export async function chainTime(client: PublicClient = siteClient()): Promise<number> {
  const block = await client.getBlock();
  return Number(block.timestamp);
}

export interface Credit {
  token: Address;
  symbol: string;
  decimals: number;
  amount: bigint;
}

/** What the contract holds for the account to withdraw: ETH and the settlement token. */
export async function creditsOf(account: Address): Promise<Credit[]> {
  const site = settings.site;
  const tokens = [
    { token: ETH as Address, symbol: 'ETH', decimals: 18 },
    { token: site.contracts.settlementToken, ...site.settlementToken },
  ];
  const client = siteClient();
  return Promise.all(
    tokens.map(async (t) => ({
      ...t,
      amount: await client.readContract({ address: site.contracts.chainMart, abi: chainMartAbi, functionName: 'creditOf', args: [account, t.token] }),
    })),
  );
}
