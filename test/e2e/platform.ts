// The running platform the browser tests talk to (written by global-setup.ts), and chain helpers for tests:
// anvil's development accounts, moving the clock, reading contract state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Address, type Hex, createPublicClient, createTestClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import type { Deployment } from '../../scripts/deploy.ts';

export const root = join(import.meta.dirname, '../..');
export const PLATFORM_FILE = join(root, 'test-results/e2e-platform.json');

export interface Platform {
  site: string;
  rpc: string;
  subgraph: string;
  ipfs: string;
  deployment: Deployment;
}

export function platform(): Platform {
  return JSON.parse(readFileSync(PLATFORM_FILE, 'utf8'));
}

/** Anvil's public development keys (mnemonic "test test ... junk"): never use them on a real network. */
export const KEYS = {
  deployer: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  merchantA: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  merchantB: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  arbiter: '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
  buyer1: '0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82',
  buyer2: '0xa267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1',
  // #16-#19: funded with ETH, never touched by the demo data, so tests start from a known state.
  fresh1: '0xea6c44ac03bff858b476bba40716402b03e41b8e97e276d1baec7c37d42484a0',
  fresh2: '0x689af8efa8c651a91ad287602527f3af2fe9f6501a7ac4b061667b5a93e037fd',
  fresh3: '0xde9be858da4a475276426320d5e9262ecfc3ba460bfac56360bfa6c4c28b4ee0',
  fresh4: '0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e',
} as const satisfies Record<string, Hex>;

export function addressOf(key: Hex): Address {
  return privateKeyToAccount(key).address;
}

export function clients(p: Platform = platform()) {
  const chain = { ...foundry, rpcUrls: { default: { http: [p.rpc] } } };
  return {
    public: createPublicClient({ chain, transport: http(p.rpc) }),
    test: createTestClient({ chain, mode: 'anvil', transport: http(p.rpc) }),
    wallet: (key: Hex) => createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(p.rpc) }),
  };
}

/** Moves anvil's clock forward and mines a block, so time-based actions (cancel, auto-release) open up. */
export async function advanceTime(seconds: number, p: Platform = platform()): Promise<void> {
  const { test } = clients(p);
  await test.increaseTime({ seconds });
  await test.mine({ blocks: 1 });
}
