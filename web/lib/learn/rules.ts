// The platform's rules as the contracts state them, read from the chain (not copied into the site): the
// learn pages quote these numbers, so what they say is what the contracts enforce. The fee and the arbiter's
// window are the escrow's; the limits on merchant terms (reward rate, windows) are the catalog's.
import type { Address, PublicClient } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';

export interface PlatformRules {
  feeBps: number;
  maxFeeBps: number;
  maxRewardBps: number;
  minAutoRelease: number;
  maxAutoRelease: number;
  minShipWithin: number;
  maxShipWithin: number;
  arbiterWindow: number;
}

export async function readRules(client: PublicClient, contracts: { escrow: Address; catalog: Address }): Promise<PlatformRules> {
  const escrow = <const name extends 'currentFeeBps' | 'MAX_FEE_BPS' | 'ARBITER_WINDOW'>(functionName: name) =>
    client.readContract({ address: contracts.escrow, abi: chainMartEscrowAbi, functionName }) as Promise<number | bigint>;
  const catalog = <const name extends 'MAX_REWARD_BPS' | 'MIN_AUTO_RELEASE' | 'MAX_AUTO_RELEASE' | 'MIN_SHIP_WITHIN' | 'MAX_SHIP_WITHIN'>(functionName: name) =>
    client.readContract({ address: contracts.catalog, abi: chainMartCatalogAbi, functionName }) as Promise<number | bigint>;
  const [feeBps, maxFeeBps, maxRewardBps, minAutoRelease, maxAutoRelease, minShipWithin, maxShipWithin, arbiterWindow] = await Promise.all([
    escrow('currentFeeBps'),
    escrow('MAX_FEE_BPS'),
    catalog('MAX_REWARD_BPS'),
    catalog('MIN_AUTO_RELEASE'),
    catalog('MAX_AUTO_RELEASE'),
    catalog('MIN_SHIP_WITHIN'),
    catalog('MAX_SHIP_WITHIN'),
    escrow('ARBITER_WINDOW'),
  ]);
  return {
    feeBps: Number(feeBps),
    maxFeeBps: Number(maxFeeBps),
    maxRewardBps: Number(maxRewardBps),
    minAutoRelease: Number(minAutoRelease),
    maxAutoRelease: Number(maxAutoRelease),
    minShipWithin: Number(minShipWithin),
    maxShipWithin: Number(maxShipWithin),
    arbiterWindow: Number(arbiterWindow),
  };
}

/** Basis points as a percentage string: 250 -> "2.5". */
export function percent(bps: number): string {
  return (bps / 100).toString();
}
