// The connected account as a merchant, read from the contracts themselves (works without the indexer): whether
// it is registered and the key buyers encrypt to (the catalog), what the escrow holds for it per token, and the
// one `withdraw(tokens, to)` call that takes all of it.
import type { Address, PublicClient } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';

export interface MerchantStatus {
  registered: boolean;
  encryptionKey: `0x${string}`;
  arbiter: Address;
}

export async function merchantStatus(client: Pick<PublicClient, 'readContract'>, catalog: Address, account: Address): Promise<MerchantStatus> {
  const [registered, arbiter, , , encryptionKey] = await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [account] });
  return { registered, arbiter, encryptionKey };
}

export interface TokenCredit {
  token: Address;
  symbol: string;
  decimals: number;
  amount: bigint;
}

/** The escrow's `creditOf` for each token (duplicates by address dropped, first kept), in the order given. */
export async function creditsFor(
  client: Pick<PublicClient, 'readContract'>,
  escrow: Address,
  account: Address,
  tokens: readonly Omit<TokenCredit, 'amount'>[],
): Promise<TokenCredit[]> {
  const unique = tokens.filter((t, i) => tokens.findIndex((u) => u.token.toLowerCase() === t.token.toLowerCase()) === i);
  return Promise.all(
    unique.map(async (t) => ({ ...t, amount: await client.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'creditOf', args: [account, t.token] }) })),
  );
}

/** The tokens a single "withdraw all" takes: those with a balance (the escrow reverts if none has one). */
export function withdrawableTokens(credits: readonly TokenCredit[]): Address[] {
  return credits.filter((c) => c.amount > 0n).map((c) => c.token);
}

/** `withdraw(tokens, to)` on the escrow: every listed balance to `to`, in one transaction. */
export function withdrawAllRequest(escrow: Address, credits: readonly TokenCredit[], to: Address) {
  return { address: escrow, abi: chainMartEscrowAbi, functionName: 'withdraw' as const, args: [withdrawableTokens(credits), to] as const };
}
