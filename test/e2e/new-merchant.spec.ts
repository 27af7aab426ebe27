// New accounts are visible as new, and the buyer's own rule for merchants without much history holds at
// checkout: an order above the cap is refused before anything is signed. (An ungated listing: a gated one asks for
// an attestation before the buyer's own rule matters.)
import { expect, test } from './fixtures.ts';

test("the buyer's cap for new merchants shows on the listing and blocks checkout until lifted", async ({ page, visit, connect, platform }) => {
  const response = await fetch(platform.subgraph, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ listings(first: 1, orderBy: price, orderDirection: desc, where: { token: "${platform.deployment.contracts.SettlementToken.address.toLowerCase()}", stock_gt: "0", paused: false, gate: null }) { id merchant { completedCount } } }`,
    }),
  });
  const { data } = (await response.json()) as { data: { listings: { id: string; merchant: { completedCount: number } }[] } };
  const [listing] = data.listings;

  await visit(`product/?id=${listing.id}`);
  const completed = listing.merchant.completedCount;
  await expect(page.getByTestId('merchant-signals')).toContainText(`${completed} ${completed === 1 ? 'order' : 'orders'} completed`);
  await expect(page.getByTestId('rule-applies')).toHaveCount(0);

  await visit('settings/');
  await page.getByLabel('Fewer completed orders than').fill(String(listing.merchant.completedCount + 1000));
  await page.getByLabel(/At most per order/).fill('1');
  await page.getByTestId('rule-form').getByRole('button', { name: 'Save' }).click();

  await visit(`product/?id=${listing.id}`);
  await expect(page.getByTestId('rule-applies')).toContainText('at most 1 tUSD per order');
  await visit(`checkout/?listing=${listing.id}`);
  await connect();
  await expect(page.getByTestId('rule-block')).toContainText('This order breaks it');
  await expect(page.getByTestId('pay')).toBeDisabled();

  await visit('settings/');
  await page.getByLabel('Fewer completed orders than').fill('0');
  await page.getByTestId('rule-form').getByRole('button', { name: 'Save' }).click();
  await visit(`checkout/?listing=${listing.id}`);
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(page.getByTestId('rule-block')).toHaveCount(0);
});
