// The shop with its index refused (page.route aborts every subgraph request): one banner in the page's
// language, the degraded home and catalog rebuilt from the catalog's events, the product page, checkout and the
// order read from the chain; the buyer pays and follows the order; no English error text in the Chinese page.
import { type Hex, parseEther } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures.ts';
import { catalog, createListing } from './market.ts';
import { KEYS, type Platform, addressOf, clients } from './platform.ts';

// A buyer account of its own (100 ETH, nothing else): the journey depends on no other test.
const test = base.extend<{ walletKey: Hex }>({
  walletKey: async ({ platform }, use) => {
    const key = generatePrivateKey();
    await clients(platform).test.setBalance({ address: addressOf(key), value: parseEther('100') });
    await use(key);
  },
});
test.use({ locale: 'zh-CN' });

/** What the index's and the RPC's errors would print if they reached the page untranslated. */
const ENGLISH_ERRORS = /subgraph|unreachable|failed to fetch|HTTP request failed|answered HTTP|without data|TypeError/i;

async function noEnglishErrors(page: Page) {
  await expect(page.locator('main')).not.toContainText(ENGLISH_ERRORS);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
}

async function seededMetadata(p: Platform): Promise<string> {
  const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ listings(first: 1, orderBy: createdAt) { metadataURI } }' }) });
  return ((await response.json()) as { data: { listings: { metadataURI: string }[] } }).data.listings[0].metadataURI;
}

const SHIPPING = { name: '李雷', phone: '+86 139 0000 1234', address: '西湖区龙井路 88 号', city: '杭州', postalCode: '310000', country: '中国' };

test('with the index down a buyer finds a listing by link and on the degraded home, pays, and follows the order, all in Chinese', async ({ page, browser, platform, visit, connect }) => {
  const title = `无索引龙井 ${Date.now()}`;
  const id = await createListing(KEYS.merchantA, { title, category: 'tea', metadataURI: await seededMetadata(platform), price: parseEther('0.001'), stock: 5 });
  const refused: string[] = [];
  await page.route((url) => url.href.startsWith(platform.subgraph), (route) => (refused.push(route.request().url()), route.abort()));

  // By link: the product page from the chain, with its live terms and the shop's name from its profile.
  await visit(`product/?id=${id}`);
  await expect(page.getByTestId('index-banner')).toContainText('索引服务暂时无法访问');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('from-chain')).toBeVisible();
  await expect(page.getByTestId('price')).toHaveText('0.001 ETH');
  await expect(page.getByTestId('stock')).toContainText('5');
  await expect(page.locator('.summary')).toContainText('西湖茶园');
  await noEnglishErrors(page);

  // The degraded home lists the newest listings rebuilt from the catalog's events, and says so.
  await visit('');
  await expect(page.getByTestId('newest-heading')).toContainText('直接来自区块链');
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: 'test-results/shots/no-subgraph-zh-CN-390.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/shots/no-subgraph-zh-CN-1280.png' });
  await noEnglishErrors(page);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page).toHaveURL(new RegExp(`/product/\\?id=${id}$`));

  // The search degrades the same way.
  await visit(`search/?q=${encodeURIComponent(title)}`);
  await expect(page.getByTestId('from-chain')).toContainText('最近上架');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await noEnglishErrors(page);

  // Checkout from the chain's terms; the payment itself never needed the index.
  await visit(`product/?id=${id}`);
  await page.getByTestId('buy').click();
  await expect(page).toHaveURL(new RegExp(`/checkout/\\?listing=${id}$`));
  await page.locator('body[data-hydrated="true"]').waitFor();
  await connect();
  await expect(page.getByTestId('unit-price')).toHaveText('0.001 ETH');
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
  await noEnglishErrors(page);
  await page.getByTestId('pay').click();

  // The order page follows the order from the chain.
  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  const orderId = new URL(page.url()).searchParams.get('id')!;
  await expect(page.getByTestId('chain-fallback')).toHaveText('索引服务无法访问；显示链上数据。');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Paid');
  await expect(page.getByTestId('index-banner')).toBeVisible();
  await noEnglishErrors(page);
  expect(refused.length).toBeGreaterThan(0);
  const [, , , stock] = await clients(platform).public.readContract({ ...catalog(platform), functionName: 'listingOf', args: [id] });
  expect(stock).toBe(4);
  expect(Number(orderId)).toBeGreaterThan(0);

  // The same banner in English on the English site.
  const english = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 800 } });
  const en = await english.newPage();
  await en.route((url) => url.href.startsWith(platform.subgraph), (route) => route.abort());
  await en.goto(new URL(`product/?id=${id}`, platform.site).toString());
  await expect(en.getByTestId('index-banner')).toContainText('The index service cannot be reached');
  await expect(en.getByTestId('price')).toHaveText('0.001 ETH');
  await en.screenshot({ path: 'test-results/shots/no-subgraph-en-1280.png' });
  await en.setViewportSize({ width: 390, height: 800 });
  await en.screenshot({ path: 'test-results/shots/no-subgraph-en-390.png' });
  await english.close();
});
