// The learn pages quote the contracts' own rules, read live from the chain, in both languages.
import { expect, test } from './fixtures.ts';
import { clients, platform } from './platform.ts';
import { chainMartEscrowAbi } from '../../web/lib/contracts/generated/abi.ts';

test('learn pages state the live fee and caps from the contract, in English and Chinese', async ({ page, visit }) => {
  const address = platform().deployment.contracts.ChainMartEscrow.address;
  const fee = Number(await clients().public.readContract({ address, abi: chainMartEscrowAbi, functionName: 'currentFeeBps' })) / 100;
  await visit('learn/');
  await expect(page.getByTestId('learn-fee')).toContainText(`The platform fee is ${fee}% right now`);
  await expect(page.getByTestId('learn-fee')).toContainText('caps it at 5%');
  await expect(page.getByText('within 14 days').first()).toBeVisible();
  await expect(page.getByTestId('learn-live')).toContainText('merchants');
  await page.getByRole('link', { name: 'FAQ' }).click();
  await expect(page).toHaveURL(/learn\/#faq/);

  await page.getByLabel('Language').selectOption('zh-CN');
  await page.locator('body[data-hydrated="true"]').waitFor();
  await expect(page.getByRole('heading', { name: '链市是怎样运作的' })).toBeVisible();
  await expect(page.getByTestId('learn-fee')).toContainText(`平台费现在是 ${fee}%`);
});
