// The confirmation dialog every irreversible action goes through: check its figures, then take the second step.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * Expects the dialog to show exactly `figures` (summary line key → shown value), then clicks the button that
 * names the action and waits for the dialog to close.
 */
export async function confirmInDialog(page: Page, action: string, figures: Record<string, string>) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-testid^="summary-"]')).toHaveCount(Object.keys(figures).length);
  for (const [key, value] of Object.entries(figures)) await expect(dialog.getByTestId(`summary-${key}`).locator('dd')).toHaveText(value);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}
