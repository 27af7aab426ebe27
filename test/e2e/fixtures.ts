// The one fixtures file of the browser tests: `test` with the running platform, a page whose site has
// hydrated, and a wallet fixture (see wallet.ts) that defaults to a fresh development account.
import { test as base, expect, type Page } from '@playwright/test';
import type { Hex } from 'viem';
import { KEYS, type Platform, platform } from './platform.ts';
import { type TestWallet, WALLET_NAME, installWallet } from './wallet.ts';

export { expect };

interface Fixtures {
  platform: Platform;
  walletKey: Hex;
  /** The test wallet is an EIP-5792 wallet that batches atomically (wallet.ts). */
  walletBatches: boolean;
  /** With walletBatches: the test wallet also reports ERC-7677 paymasterService (wallet.ts). */
  walletPaymaster: boolean;
  wallet: TestWallet;
  /** Opens a page of the site (path relative to the site root, e.g. "product/?id=3") and waits for hydration. */
  visit: (path?: string) => Promise<void>;
  /** Connects the test wallet through the site's wallet dialog. */
  connect: () => Promise<void>;
}

export const test = base.extend<Fixtures>({
  platform: async ({}, use) => use(platform()),
  walletKey: [KEYS.fresh1, { option: true }],
  walletBatches: [false, { option: true }],
  walletPaymaster: [false, { option: true }],
  wallet: async ({ page, platform, walletKey, walletBatches, walletPaymaster }, use) =>
    use(await installWallet(page, platform.rpc, walletKey, undefined, { batches: walletBatches, paymasterService: walletPaymaster })),
  visit: async ({ page, platform }, use) =>
    use(async (path = '') => {
      await page.goto(new URL(path, platform.site).toString());
      await page.locator('body[data-hydrated="true"]').waitFor();
    }),
  connect: async ({ page, wallet }, use) =>
    use(async () => {
      void wallet;
      await connectWallet(page);
    }),
});

export async function connectWallet(page: Page): Promise<void> {
  // The site first tries to reconnect to the wallet used last time; wait for that to settle.
  await page.locator('body[data-wallet-ready="true"]').waitFor();
  if (await page.getByTestId('account').isVisible()) return;
  await page.getByRole('banner').getByRole('button', { name: /连接钱包|Connect wallet/ }).click();
  await page.getByRole('button', { name: WALLET_NAME }).click();
  await expect(page.getByTestId('account')).toBeVisible();
}
