import type { PublicClient } from 'viem';
import { describe, expect, it } from 'vitest';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { percent, readRules } from './rules.ts';

const escrow = '0x00000000000000000000000000000000000000e1';
const catalog = '0x00000000000000000000000000000000000000c1';

/** Answers each constant only from the contract that declares it, as the chain would. */
const ANSWERS: Record<string, Record<string, number | bigint>> = {
  [escrow]: { currentFeeBps: 250, MAX_FEE_BPS: 500, ARBITER_WINDOW: 1_209_600 },
  [catalog]: { MAX_REWARD_BPS: 2000, MIN_AUTO_RELEASE: 86_400, MAX_AUTO_RELEASE: 5_184_000, MIN_SHIP_WITHIN: 3_600, MAX_SHIP_WITHIN: 7_776_000 },
};

const client = {
  readContract: async ({ address, abi, functionName }: { address: string; abi: unknown; functionName: string }) => {
    expect(abi).toBe(address === escrow ? chainMartEscrowAbi : chainMartCatalogAbi);
    const answer = ANSWERS[address]?.[functionName];
    if (answer === undefined) throw new Error(`execution reverted: ${functionName} on ${address}`);
    return answer;
  },
} as unknown as PublicClient;

describe('readRules', () => {
  it('reads the fee in force and the arbiter window from the escrow, the merchant limits from the catalog', async () => {
    expect(await readRules(client, { escrow, catalog })).toEqual({
      feeBps: 250,
      maxFeeBps: 500,
      maxRewardBps: 2000,
      minAutoRelease: 86_400,
      maxAutoRelease: 5_184_000,
      minShipWithin: 3_600,
      maxShipWithin: 7_776_000,
      arbiterWindow: 1_209_600,
    });
  });

  it('prints basis points as a percentage', () => {
    expect(percent(250)).toBe('2.5');
  });
});
