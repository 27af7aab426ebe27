// A visitor's path through the site, shared by the gateway tests: home -> a listing -> reload -> buy.
import assert from 'node:assert/strict';
import { type Browser, type Page, chromium } from '@playwright/test';
import { chromiumLaunch } from '../chromium.ts';

export interface SiteOrigin {
  name: string;
  home: string;
  /** Every page of the site must stay under this path (the /ipfs/<cid>/ prefix on a path gateway). */
  mustStayUnder: string;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunch());
}

/** A seeded product, in either language: proves the page got listings from the indexer. */
export const SEEDED_PRODUCT = /Pre-Qingming Longjing|明前龙井|West Lake Tea Garden|西湖茶园/;

export async function openHome(page: Page, origin: SiteOrigin): Promise<void> {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).origin === new URL(origin.home).origin) {
      failures.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.goto(origin.home);
  await page.getByText(SEEDED_PRODUCT).first().waitFor({ timeout: 30_000 });
  assert.deepEqual(failures, [], `${origin.name}: every asset of the home page loads`);
}

export async function followFirstListing(page: Page, origin: SiteOrigin): Promise<string> {
  const link = page.locator('a[href*="product"]').first();
  await link.click();
  await page.waitForURL((url) => url.pathname.includes('product'));
  const url = new URL(page.url());
  assert.ok(url.pathname.startsWith(origin.mustStayUnder), `${origin.name}: ${url.pathname} stays under ${origin.mustStayUnder}`);
  return page.url();
}

export async function reloadDeepLink(page: Page, origin: SiteOrigin, deepLink: string): Promise<void> {
  const response = await page.reload();
  assert.ok(response && response.status() < 400, `${origin.name}: reloading ${deepLink} answers ${response?.status()}`);
  assert.equal(page.url(), deepLink, `${origin.name}: the reload stays on the deep link`);
  // A fresh page, not the client-side router: the listing must render again from the URL alone.
  await page.getByRole('heading').first().waitFor({ timeout: 30_000 });
}

/**
 * `prepare` runs on the fresh page before its first navigation (where init scripts such as an injected wallet
 * must be installed); `buy` starts on the reloaded listing page and returns the order's transaction hash.
 */
export async function browseAndBuy(
  browser: Browser,
  origin: SiteOrigin,
  buy: (page: Page) => Promise<string>,
  prepare: (page: Page) => Promise<void> = async () => {},
): Promise<{ deepLink: string; orderTx: string }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await prepare(page);
    await openHome(page, origin);
    const deepLink = await followFirstListing(page, origin);
    await reloadDeepLink(page, origin, deepLink);
    const orderTx = await buy(page);
    return { deepLink, orderTx };
  } finally {
    await context.close();
  }
}
