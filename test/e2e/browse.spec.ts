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
