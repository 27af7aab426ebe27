// Page checks the browser specs share: WCAG 2 A/AA with axe, and no sideways scrolling.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** No WCAG 2 A/AA violations on the page as it stands. */
export async function axeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The page is no wider than the viewport; a failure names the innermost elements that stick out. */
export async function noSidewaysScroll(page: Page): Promise<void> {
  const { overflow, widest } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5 && ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5));
    return { overflow: document.documentElement.scrollWidth - width, widest: out.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`) };
  });
  expect(overflow, `${page.url()} scrolls sideways by ${overflow}px: ${widest.join(', ')}`).toBeLessThanOrEqual(0);
}
