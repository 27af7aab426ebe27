// Reads of the merchant's own state straight from the catalog contract: the dashboard trusts the chain for "am I a
// merchant" (the indexer may lag right after registering).
import type { Address, Hex, PublicClient } from 'viem';
import { chainMartCatalogAbi } from '../contracts/generated/abi.ts';

export interface MerchantTerms {
  registered: boolean;
  arbiter: Address;
  rewardBps: number;
  autoReleaseWindow: number;
  encryptionKey: Hex;
}

export async function readMerchantTerms(client: Pick<PublicClient, 'readContract'>, catalog: Address, merchant: Address): Promise<MerchantTerms> {
  const [registered, arbiter, rewardBps, autoReleaseWindow, encryptionKey] = (await client.readContract({
    address: catalog,
    abi: chainMartCatalogAbi,
    functionName: 'merchantOf',
    args: [merchant],
  })) as readonly [boolean, Address, number, number, Hex];
  return { registered, arbiter, rewardBps: Number(rewardBps), autoReleaseWindow: Number(autoReleaseWindow), encryptionKey };
}

/** The chain's current time (tests move anvil's clock): never the browser's Date.now(). */
export async function chainTime(client: Pick<PublicClient, 'getBlock'>): Promise<number> {
  return Number((await client.getBlock({ blockTag: 'latest' })).timestamp);
}
