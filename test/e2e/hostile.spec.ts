// Merchant content is untrusted: on-chain titles, IPFS documents, images. Hostile input must render as inert
// text or a clear message, and never break the page or run script.
import { type Hex, parseEther } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { expect, test } from './fixtures.ts';
import { createListing, ipfsAdd, registerMerchant, waitForIndexer } from './market.ts';
import { KEYS, addressOf, clients } from './platform.ts';

const SCRIPT_TITLE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

async function hostileMerchant(): Promise<{ key: Hex; listings: Record<string, bigint> }> {
  const key = generatePrivateKey();
  const { public: client, wallet } = clients();
  const hash = await wallet(KEYS.deployer).sendTransaction({ to: privateKeyToAccount(key).address, value: parseEther('1') });
  await client.waitForTransactionReceipt({ hash });
  const profile = await ipfsAdd(JSON.stringify({ schema: 'chainmart.merchant/1', name: { en: SCRIPT_TITLE }, description: { en: '<b>bold?</b>' }, category: 'crafts' }));
  await registerMerchant(key, `ipfs://${profile}`, addressOf(KEYS.arbiter));
  const doc = (description: string) =>
    JSON.stringify({ schema: 'chainmart.listing/1', title: { en: 'x' }, description: { en: description }, images: ['ipfs://bafkreiacupxqe6mwbznnjlueuqoz3w2flmtr4wj5zju7wko56glmrl7i3e'] });
  const listings = {
    script: await createListing(key, { title: SCRIPT_TITLE, category: 'crafts', metadataURI: `ipfs://${await ipfsAdd(doc(`<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">`))}` }),
    huge: await createListing(key, { title: 'Huge description', category: 'crafts', metadataURI: `ipfs://${await ipfsAdd(doc('x'.repeat(1024 * 1024)))}` }),
    broken: await createListing(key, { title: 'Broken JSON', category: 'crafts', metadataURI: `ipfs://${await ipfsAdd('{"schema": "chainmart.listing/1", "title": ')}` }),
    notIpfs: await createListing(key, { title: 'javascript: URI', category: 'crafts', metadataURI: 'javascript:window.__pwned=1' }),
    missing: await createListing(key, { title: 'Missing CID', category: 'crafts', metadataURI: 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' }),
  };
  await waitForIndexer();
  return { key, listings };
}

test('hostile titles, documents and URIs render as text or a clear message; no script runs', async ({ page, visit }) => {
  test.setTimeout(150_000);
  const { key, listings } = await hostileMerchant();
  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

  await visit(`product/?id=${listings.script}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCRIPT_TITLE);
  await expect(page.getByTestId('description')).toContainText('<script>window.__pwned=1</script>');
  expect(await page.locator('main script, main img[src="x"]').count()).toBe(0);

  await visit(`product/?id=${listings.huge}`);
  await expect(page.getByTestId('metadata-error')).toContainText('too large');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Huge description');

  await visit(`product/?id=${listings.broken}`);
  await expect(page.getByTestId('metadata-error')).toContainText('malformed');

  await visit(`product/?id=${listings.notIpfs}`);
  await expect(page.getByTestId('metadata-error')).toContainText('address is not valid');

  await visit(`merchant/?id=${privateKeyToAccount(key).address}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCRIPT_TITLE);
  await expect(page.getByText('<b>bold?</b>')).toBeVisible();
  expect(await pwned()).toBeUndefined();

  // The missing CID: the local gateway cannot find it; the page says so and keeps the on-chain data.
  await visit(`product/?id=${listings.missing}`);
  await expect(page.getByTestId('metadata-error')).toBeVisible();
  await expect(page.getByTestId('price')).toBeVisible();
  expect(await pwned()).toBeUndefined();
});

test('a dead IPFS gateway or subgraph gets a clear message (the shop reads the chain meanwhile), and another endpoint set in Settings fixes it', async ({ page, visit, platform }) => {
  const dead = 'http://127.0.0.1:9/subgraphs/name/chainmart';
  const addSubgraph = async (url: string) => {
    await page.getByLabel('Add a subgraph URL').fill(url);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
  };
  await visit('settings/');
  // Only a dead subgraph: the build's own is removed from the list.
  await addSubgraph(dead);
  await page.getByRole('button', { name: `Remove ${platform.subgraph}` }).click();
  await page.getByLabel('IPFS gateway').fill('http://127.0.0.1:9');
  await page.getByTestId('endpoints-form').getByRole('button', { name: 'Save' }).click();
  await visit();
  // The shop keeps selling from the chain: the banner says the index is unreachable, no page-wide error.
  const banner = page.getByTestId('index-banner');
  await expect(banner).toHaveAttribute('data-state', 'unreachable');
  await expect(page.locator('article.listing').first()).toBeVisible();
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await banner.getByRole('link', { name: 'Use another index service' }).click();
  // The check button names the problem before saving.
  await page.getByRole('button', { name: 'Check endpoints' }).click();
  await expect(page.getByTestId('subgraph-status')).toHaveText('Unreachable: skipped');
  await addSubgraph(platform.subgraph);
  await page.getByRole('button', { name: `Remove ${dead}` }).click();
  await page.getByRole('button', { name: 'Check endpoints' }).click();
  await expect(page.getByTestId('subgraph-status')).toContainText('Indexed up to block');
  await page.getByTestId('endpoints-form').getByRole('button', { name: 'Save' }).click();
  await visit();
  await expect(page.locator('article.listing').first()).toBeVisible();
  // Listings render from the subgraph even though images and documents cannot load from the dead gateway.
  await page.locator('article.listing a').first().click();
  await expect(page.getByTestId('metadata-error')).toContainText('could not be loaded');
  await expect(page.getByTestId('price')).toBeVisible();
  await visit('settings/');
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await visit();
  await expect(page.locator('article.listing img').first()).toHaveJSProperty('complete', true);
});
