// Browser tests against the built site served statically, with anvil, the deployed contracts, the demo data,
// the local graph node and the local IPFS node, all started once by `npm start` on free ports (global setup).
import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './test/chromium.ts';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // One chain for every test: tests that move the chain's clock or buy out stock run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunch(),
    trace: process.env.CI ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 20_000,
  },
});
