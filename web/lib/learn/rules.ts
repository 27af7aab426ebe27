// The platform's rules as the contract states them, read from the chain (not copied into the site): the
// learn pages quote these numbers, so what they say is what the contract enforces.
import type { Address, PublicClient } from 'viem';
import { chainMartAbi } from '../contracts/generated/abi.ts';

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

export async function readRules(client: PublicClient, chainMart: Address): Promise<PlatformRules> {
  const read = <const name extends 'feeBps' | 'MAX_FEE_BPS' | 'MAX_REWARD_BPS' | 'MIN_AUTO_RELEASE' | 'MAX_AUTO_RELEASE' | 'MIN_SHIP_WITHIN' | 'MAX_SHIP_WITHIN' | 'ARBITER_WINDOW'>(functionName: name) =>
    client.readContract({ address: chainMart, abi: chainMartAbi, functionName }) as Promise<number | bigint>;
  const [feeBps, maxFeeBps, maxRewardBps, minAutoRelease, maxAutoRelease, minShipWithin, maxShipWithin, arbiterWindow] = await Promise.all([
    read('feeBps'),
    read('MAX_FEE_BPS'),
    read('MAX_REWARD_BPS'),
    read('MIN_AUTO_RELEASE'),
    read('MAX_AUTO_RELEASE'),
    read('MIN_SHIP_WITHIN'),
    read('MAX_SHIP_WITHIN'),
    read('ARBITER_WINDOW'),
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
