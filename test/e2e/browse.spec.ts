import { expect, test } from './fixtures.ts';

test.use({ locale: 'zh-CN' });

test('home shows seeded listings from the indexer, in Chinese by default and in English on request', async ({ page, visit }) => {
  await visit();
  await expect(page.getByRole('heading', { name: '新上架' })).toBeVisible();
  await expect(page.locator('article.listing').first()).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await page.locator('body[data-hydrated="true"]').waitFor();
  await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});
