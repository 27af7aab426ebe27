// The connected account as a merchant, read from the contract itself (works without the indexer): whether it
// is registered, the key buyers encrypt to, and what the contract holds for it per token.
import type { Address, PublicClient } from 'viem';
import { chainMartAbi } from '../contracts/generated/abi.ts';

export interface MerchantStatus {
  registered: boolean;
  encryptionKey: `0x${string}`;
  arbiter: Address;
}

export async function merchantStatus(client: Pick<PublicClient, 'readContract'>, chainMart: Address, account: Address): Promise<MerchantStatus> {
  const [registered, arbiter, , , encryptionKey] = await client.readContract({ address: chainMart, abi: chainMartAbi, functionName: 'merchantOf', args: [account] });
  return { registered, arbiter, encryptionKey };
}

export interface TokenCredit {
  token: Address;
  symbol: string;
  decimals: number;
  amount: bigint;
}

/** `creditOf` for each token (duplicates by address dropped, first kept), in the order given. */
export async function creditsFor(
  client: Pick<PublicClient, 'readContract'>,
  chainMart: Address,
  account: Address,
  tokens: readonly Omit<TokenCredit, 'amount'>[],
): Promise<TokenCredit[]> {
  const unique = tokens.filter((t, i) => tokens.findIndex((u) => u.token.toLowerCase() === t.token.toLowerCase()) === i);
  return Promise.all(
    unique.map(async (t) => ({ ...t, amount: await client.readContract({ address: chainMart, abi: chainMartAbi, functionName: 'creditOf', args: [account, t.token] }) })),
  );
}
