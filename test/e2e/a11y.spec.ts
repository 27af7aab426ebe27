// Accessibility (axe, WCAG 2 A/AA rules) on the main buyer pages, a 360 px phone layout without sideways
// scrolling, dark theme, and keyboard access to the search.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

const PAGES = ['', 'search/', 'product/?id=1', 'merchant/?id=0x70997970c51812dc3a010c7d01b50e0d17dc79c8', 'points/', 'settings/', 'attest/', 'wallet/'];

for (const path of PAGES) {
  test(`no axe violations on /${path}`, async ({ page, visit }) => {
    await visit(path);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('a 360 px phone: no horizontal scrolling on the main pages', async ({ page, visit }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of PAGES) {
    await visit(path);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `/${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});

test('dark theme and keyboard search', async ({ page, visit }) => {
  await visit();
  await page.getByRole('button', { name: /Switch theme/ }).click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  const results = await new AxeBuilder({ page }).withTags(['wcag2aa']).withRules(['color-contrast']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  // The choice survives a reload; then the keyboard reaches the search from the top of the page.
  await visit();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  const search = page.getByRole('searchbox', { name: 'Search products' });
  for (let i = 0; i < 6 && !(await search.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  await page.keyboard.type('tea');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/search\/\?q=tea/);
});
