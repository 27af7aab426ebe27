// Funds for a new shopper with the built-in wallet (issue 12): the balances that matter (tUSD first, ETH for
// gas), test funds that arrive without a reload, a checkout that says which funds are missing before
// anything is signed, a built-in wallet that stays unlocked across reloads and new tabs of the session, and
// the way back from the wallet page to where the user was.
import type { Page } from '@playwright/test';
import { type Hex, createWalletClient, http, parseEventLogs, parseUnits } from 'viem';
import { chainMartCatalogAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { expect, test } from './fixtures.ts';
import { axeClean, noSidewaysScroll } from './checks.ts';
import { KEYS, type Platform, addressOf, clients } from './platform.ts';

const PASSPHRASE = 'correct horse battery';

/** Creates a built-in wallet on the wallet page (already open) and returns its address. */
async function createBuiltin(page: Page): Promise<`0x${string}`> {
  await page.getByLabel(/^(Passphrase|密码)$/).fill(PASSPHRASE);
  await page.getByLabel(/Passphrase again|再次输入密码/).fill(PASSPHRASE);
  await page.getByRole('button', { name: /Generate a key and create|生成密钥并创建/ }).click();
  await expect(page.getByTestId('account')).toBeVisible();
  return (await page.getByTestId('builtin-address').textContent())!.trim() as `0x${string}`;
}

async function send(p: Platform, key: Hex, request: object) {
  const { public: client, wallet } = clients(p);
  const receipt = await client.waitForTransactionReceipt({ hash: await wallet(key).writeContract(request as never) });
  expect(receipt.status).toBe('success');
  return receipt;
}

async function createTusdListing(p: Platform, title: string): Promise<string> {
  const c = p.deployment.contracts;
  const receipt = await send(p, KEYS.merchantA, {
    address: c.ChainMartCatalog.address,
    abi: chainMartCatalogAbi,
    functionName: 'createListing',
    args: [{ token: c.SettlementToken.address, price: parseUnits('12.5', 6), stock: 10, maxPerOrder: 5, shipWithin: 3 * 86_400, title, category: 'tea', metadataURI: '' }],
  });
  const [created] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
  const id = created.args.listingId.toString();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ listing(id: "${id}") { id } }` }) });
    if ((await response.json()).data?.listing) return id;
    if (Date.now() > deadline) throw new Error(`listing ${id} not indexed`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

test('a new built-in wallet gets test funds and sees tUSD first, then ETH, update without a reload; the dialog leads back', async ({ page, visit }) => {
  await visit('product/?id=1');
  await page.getByRole('banner').getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('link', { name: 'Use the built-in wallet' }).click();
  await expect(page).toHaveURL(/wallet\/\?back=product%2F%3Fid%3D1$/);
  await createBuiltin(page);

  const stable = page.getByTestId('balance-stable');
  const eth = page.getByTestId('balance-eth');
  await expect(stable).toHaveText('0 tUSD');
  await expect(eth).toHaveText('0 ETH');
  await expect(page.getByText('tUSD (to pay with)')).toBeVisible();
  await expect(page.getByText('ETH (for network fees, "gas")')).toBeVisible();
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  await page.getByTestId('get-test-funds').click();
  await expect(stable).toHaveText('100 tUSD');
  await expect(eth).toHaveText('0.05 ETH');
  expect(navigations).toEqual([]);

  // Receiving: the address, a copy button and a QR code drawn on request.
  await expect(page.getByTestId('receive-address')).toHaveText((await page.getByTestId('builtin-address').textContent())!.trim());
  await page.getByRole('button', { name: 'Show QR code' }).click();
  await expect(page.getByTestId('receive-qr')).toBeVisible();

  // The way back to the page the dialog was opened from.
  await page.getByRole('link', { name: 'Back to where you were' }).first().click();
  await expect(page).toHaveURL(/product\/\?id=1$/);
  await expect(page.getByTestId('account')).toBeVisible();
  await page.getByTestId('account').click();
  await expect(page.getByRole('banner').getByTestId('balance-stable')).toHaveText('100 tUSD');
});

test('the built-in wallet stays connected after a reload, a typed URL and in a new tab; disconnecting locks every tab', async ({ page, context, platform, visit }) => {
  await visit('wallet/');
  const address = await createBuiltin(page);
  await page.reload();
  await page.locator('body[data-wallet-ready="true"]').waitFor();
  await expect(page.getByTestId('account')).toHaveAttribute('title', address);

  await page.goto(new URL('search/', platform.site).toString());
  await page.locator('body[data-wallet-ready="true"]').waitFor();
  await expect(page.getByTestId('account')).toHaveAttribute('title', address);

  const other = await context.newPage();
  await other.goto(new URL('points/', platform.site).toString());
  await other.locator('body[data-wallet-ready="true"]').waitFor();
  await expect(other.getByTestId('account')).toHaveAttribute('title', address);
  expect(await other.evaluate(() => sessionStorage.getItem('chainmart:builtin-session'))).toContain(address);

  await other.getByTestId('account').click();
  await other.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByTestId('account')).toBeHidden();
  expect(await page.evaluate(() => sessionStorage.getItem('chainmart:builtin-session'))).toBeNull();
  await page.reload();
  await page.locator('body[data-wallet-ready="true"]').waitFor();
  await expect(page.getByTestId('account')).toBeHidden();
});

test('with the gas paid in tUSD (bundler + paymaster), 0 ETH and 100 tUSD is enough; 12.500001 tUSD for a 12.5 tUSD price says tUSD for price + gas is missing', async ({ page, platform, visit }) => {
  const id = await createTusdListing(platform, 'Funds Check Tea');
  await visit(`wallet/?back=${encodeURIComponent(`checkout/?listing=${id}`)}`);
  const address = await createBuiltin(page);
  await send(platform, KEYS.deployer, { address: platform.deployment.contracts.SettlementToken.address, abi: testUsdcAbi, functionName: 'mint', args: [address, parseUnits('100', 6)] });
  await expect(page.getByTestId('balance-stable')).toHaveText('100 tUSD');

  await page.getByRole('link', { name: 'Back to where you were' }).first().click();
  await expect(page).toHaveURL(new RegExp(`checkout/\\?listing=${id}$`));
  // No ETH, and nothing is missing: the paymaster takes the gas in tUSD.
  await expect(page.getByTestId('pay')).toBeEnabled();
  await expect(page.getByTestId('funds-missing')).toBeHidden();
  // The summary says about what the gas costs in tUSD, as the cart's does: at the bundler's price, under a tUSD
  // (at anvil's 1 gwei gas price it would say about 4 tUSD for a charge of about 0.05).
  await expect(page.getByTestId('gas-in-stable')).toContainText(/^up to about 0\.\d+ tUSD; you pay only what the network used \(no ETH needed\)$/);
  expect(await clients(platform).public.getBalance({ address })).toBe(0n);

  // Spend it down to 12.500001 tUSD: the 12.5 tUSD price is covered, the price + gas (at least 0.01) is not, and the message says so.
  await clients(platform).test.impersonateAccount({ address });
  await clients(platform).test.setBalance({ address, value: 10n ** 16n });
  const impersonated = createWalletClient({ transport: http(platform.rpc), account: address, chain: clients(platform).public.chain });
  const hash = await impersonated.writeContract({ address: platform.deployment.contracts.SettlementToken.address, abi: testUsdcAbi, functionName: 'transfer', args: [addressOf(KEYS.deployer), parseUnits('87.499999', 6)] });
  await clients(platform).public.waitForTransactionReceipt({ hash });
  await clients(platform).test.setBalance({ address, value: 0n });
  await clients(platform).test.stopImpersonatingAccount({ address });
  await page.reload();
  await expect(page.getByTestId('missing-stable-gas')).toContainText('no ETH needed');
  await expect(page.getByTestId('missing-gas')).toHaveCount(0);
  await expect(page.getByTestId('pay')).toBeDisabled();
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await axeClean(page);
  await page.getByTestId('funds-missing').screenshot({ path: 'test-results/funds/checkout-missing-en-390.png' });
});

test('a stablecoin shortfall says how much is missing, in Chinese too', async ({ browser, platform }) => {
  const id = await createTusdListing(platform, 'Funds Short Tea');
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(new URL('wallet/', platform.site).toString());
  await page.locator('body[data-hydrated="true"]').waitFor();
  await createBuiltin(page);
  await expect(page.getByText('tUSD（用于付款）')).toBeVisible();
  await page.goto(new URL(`checkout/?listing=${id}`, platform.site).toString());
  await expect(page.getByTestId('shortfall')).toContainText('12.5 tUSD');
  // The gas is paid in tUSD (bundler + paymaster): the missing funds are tUSD for price + gas, not ETH.
  await expect(page.getByTestId('missing-stable-gas')).toContainText('不需要 ETH');
  await expect(page.getByTestId('missing-gas')).toHaveCount(0);
  await expect(page.getByTestId('pay')).toBeDisabled();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page);
    await page.screenshot({ path: `test-results/funds/checkout-zh-CN-${width}.png`, fullPage: true });
  }
  await axeClean(page);
  await context.close();
});

test('the wallet page: axe clean, no sideways scroll at 390 px; screenshots in both languages', async ({ browser, platform }) => {
  for (const locale of ['zh-CN', 'en']) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(new URL('wallet/?back=search%2F', platform.site).toString());
    await page.locator('body[data-hydrated="true"]').waitFor();
    await createBuiltin(page);
    await page.getByTestId('get-test-funds').click();
    await expect(page.getByTestId('balance-stable')).toHaveText('100 tUSD');
    await page.getByRole('button', { name: /Show QR code|显示二维码/ }).click();
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await noSidewaysScroll(page);
      await page.screenshot({ path: `test-results/funds/wallet-${locale}-${width}.png`, fullPage: true });
    }
    await axeClean(page);
    await page.getByTestId('account').click();
    await page.screenshot({ path: `test-results/funds/menu-${locale}-390.png` });
    await context.close();
  }
});
