// Chain reads the checkout needs before anything is signed: the buyer's balance in the listing's token, its
// points, and the platform fee that will apply to the order.
import { type Address, type PublicClient, erc20Abi } from 'viem';
import { chainMartEscrowAbi, chainMartPointsAbi } from '../contracts/generated/abi.ts';
import { ZERO_ADDRESS } from './purchase.ts';

export interface BuyerBalances {
  /** In the listing's token (ETH in wei for address(0)). */
  cash: bigint;
  points: bigint;
}

export async function readBuyerBalances(client: PublicClient, input: { token: Address; buyer: Address; points: Address }): Promise<BuyerBalances> {
  const [cash, points] = await Promise.all([
    input.token.toLowerCase() === ZERO_ADDRESS
      ? client.getBalance({ address: input.buyer })
      : client.readContract({ address: input.token, abi: erc20Abi, functionName: 'balanceOf', args: [input.buyer] }),
    client.readContract({ address: input.points, abi: chainMartPointsAbi, functionName: 'balanceOf', args: [input.buyer] }),
  ]);
  return { cash, points };
}

/** The fee (basis points) the escrow snapshots into orders placed now (an announced increase only once in force). */
export async function readFeeBps(client: PublicClient, escrow: Address): Promise<number> {
  return Number(await client.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'currentFeeBps' }));
}
