import { expect, test } from './fixtures.ts';

test.use({ locale: 'zh-CN' });

/** A message key that leaked into the page instead of its text looks like `listing_buy`. */
const MESSAGE_KEY = /\b[a-z]+(?:_[a-z0-9]+)+\b/;

test('home shows seeded listings from the indexer, in Chinese by default and in English on request', async ({ page, visit }) => {
  await visit();
  await expect(page.getByRole('heading', { name: '新上架' })).toBeVisible();
  await expect(page.locator('article.listing').first()).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await page.locator('body[data-hydrated="true"]').waitFor();
  await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});

test('switching the language keeps what was typed: labels change in place, fields keep their text, nothing reloads', async ({ page, visit }) => {
  await visit('settings/');
  const rpc = page.getByLabel('区块链 RPC 地址');
  await rpc.fill('http://127.0.0.1:1/半填');
  await page.getByRole('searchbox', { name: '搜索商品' }).fill('龙井');
  // A reload would clear this marker: the switch must happen in the page that is already there.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByLabel('Chain RPC URL')).toHaveValue('http://127.0.0.1:1/半填');
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toHaveValue('龙井');
  await expect(page).toHaveTitle('Settings · ChainMart');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  // The choice is remembered: a new page load opens in English.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/设置/);
  await expect(page.getByLabel('Chain RPC URL')).toBeVisible();
  // A product's tab title follows the switch as well.
  await visit();
  await page.locator('article.listing a').first().click();
  await expect(page.getByTestId('price')).toBeVisible();
  await expect(page).toHaveTitle(/ · ChainMart$/);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page).toHaveTitle(/ · 链市$/);
});

test('a journey in Chinese: home -> search -> listing -> merchant -> points -> settings -> learn, with no untranslated keys', async ({ page, visit }) => {
  await visit();
  await expect(page.locator('article.listing').first()).toBeVisible();
  const texts: string[] = [await page.locator('body').innerText()];
  await page.getByRole('searchbox', { name: '搜索商品' }).fill('茶');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('茶');
  await page.locator('article.listing a').first().click();
  await expect(page.getByTestId('price')).toBeVisible();
  await expect(page.getByRole('heading', { name: /溯源记录/ })).toBeVisible();
  texts.push(await page.locator('body').innerText());
  await page.locator('a[href*="merchant/?id="]').first().click();
  await expect(page.getByTestId('merchant-record')).toContainText('纠纷率');
  texts.push(await page.locator('body').innerText());
  for (const path of ['points/', 'settings/', 'learn/', 'wallet/']) {
    await visit(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    texts.push(await page.locator('body').innerText());
  }
  for (const text of texts) expect(text).not.toMatch(MESSAGE_KEY);
  // The English UI words of these pages do not show through: the chrome is translated.
  for (const text of texts) expect(text).not.toMatch(/\b(Connect wallet|Catalog|My orders|Loading…)\b/);
});

for (const locale of ['zh-CN', 'en'] as const) {
  for (const width of [390, 1280]) {
    test.describe(`the header at ${width} px in ${locale}`, () => {
      test.use({ locale, viewport: { width, height: 800 } });

      test('shows the whole search placeholder', async ({ page, visit }) => {
        await visit();
        const box = page.locator('#site-search');
        const { text, needed, available } = await box.evaluate((input: HTMLInputElement) => {
          const style = getComputedStyle(input);
          const context = document.createElement('canvas').getContext('2d')!;
          context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          // Chromium keeps room for the search field's clear button.
          return { text: input.placeholder, needed: context.measureText(input.placeholder).width + 20, available: input.clientWidth - padding };
        });
        expect(needed, `"${text}" needs ${needed}px, the box has ${available}px`).toBeLessThanOrEqual(available);
        await page.screenshot({ path: `test-results/shots/header-${locale}-${width}.png` });
      });
    });
  }
}
