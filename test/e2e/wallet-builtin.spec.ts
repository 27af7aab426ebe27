// A browser without a wallet extension: the built-in wallet creates a key, keeps it encrypted, exports and
// imports it, and signs real transactions.
import { readFileSync } from 'node:fs';
import { parseEther } from 'viem';
import { expect, test } from './fixtures.ts';
import { KEYS, clients } from './platform.ts';

test('create, fund, export, forget, import with the wrong then the right passphrase', async ({ page, visit }) => {
  await visit();
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await expect(page.getByText('No wallet extension was found')).toBeVisible();
  await page.getByRole('link', { name: 'Use the built-in wallet' }).click();
  await expect(page.getByTestId('builtin-warning')).toBeVisible();

  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByLabel('Passphrase again').fill('short');
  await page.getByRole('button', { name: 'Generate a key and create' }).click();
  await expect(page.getByTestId('builtin-error')).toContainText('at least 8');

  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
  await page.getByLabel('Passphrase again').fill('correct horse battery');
  await page.getByRole('button', { name: 'Generate a key and create' }).click();
  const address = (await page.getByTestId('builtin-address').textContent())!.trim() as `0x${string}`;
  await expect(page.getByTestId('account')).toBeVisible();
  // The "Connected" badge is as wide as its word, not the card.
  const badge = page.getByTestId('builtin-connected');
  await expect(badge).toHaveText('Connected');
  const [badgeBox, cardBox] = [await badge.boundingBox(), await page.getByTestId('builtin-address').boundingBox()];
  expect(badgeBox!.width).toBeLessThan(cardBox!.width / 3);
  // Stored encrypted: the private key never sits in storage in the clear.
  const stored = await page.evaluate(() => localStorage.getItem('chainmart:builtin-wallet'));
  expect(stored).toContain(address);
  expect(stored).not.toMatch(/0x[0-9a-f]{64}/);

  const { public: client, wallet } = clients();
  await client.waitForTransactionReceipt({ hash: await wallet(KEYS.deployer).sendTransaction({ to: address, value: parseEther('0.5') }) });
  await page.reload();
  await expect(page.getByTestId('balance-eth')).toHaveText('0.5 ETH');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export encrypted backup' }).click();
  const backup = readFileSync((await (await download).path())!, 'utf8');
  expect(JSON.parse(backup).address).toBe(address);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete from this browser' }).click();
  await expect(page.getByRole('heading', { name: 'Create a built-in wallet' })).toBeVisible();

  await page.getByLabel('Backup file contents').fill(backup);
  await page.getByLabel("The backup's passphrase").fill('wrong horse battery');
  await page.getByRole('button', { name: 'Import and connect' }).click();
  await expect(page.getByTestId('builtin-error')).toHaveText('Wrong passphrase.');
  // Nothing typed is lost on the error.
  await expect(page.getByLabel('Backup file contents')).toHaveValue(backup);
  await page.getByLabel("The backup's passphrase").fill('correct horse battery');
  await page.getByRole('button', { name: 'Import and connect' }).click();
  await expect(page.getByTestId('builtin-address')).toHaveText(address);
  await expect(page.getByTestId('account')).toHaveAttribute('title', address);
});
