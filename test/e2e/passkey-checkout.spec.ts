// Issue 12's main journey with a passkey account, in a real browser: Chromium's virtual WebAuthn authenticator
// (CDP) stands in for Face ID or a fingerprint. Create the account on /wallet/, get test funds (tUSD only),
// add three listings of three shops to the cart, check out with ONE device prompt (counted twice: the
// authenticator's signCount and the page's navigator.credentials.get calls), follow the three orders on
// /orders/, the account's ETH exactly 0 before and after (read with viem). A refused prompt at checkout says so
// in Chinese, charges nothing and keeps the cart; confirming receipt of a shipped order goes through the
// confirmation dialog and one more prompt, as a user operation, ETH still 0.
import type { CDPSession, Page } from '@playwright/test';
import { type Address, type Hex, bytesToHex, erc20Abi, formatUnits, parseUnits } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { chainMartEscrowAbi } from '../../web/lib/contracts/generated/abi.ts';
import { DEV_MNEMONIC } from '../../scripts/seed/chain.ts';
import { expect, test } from './fixtures.ts';
import { axeClean, noSidewaysScroll } from './checks.ts';
import { createTusdListing, escrow, send, waitForIndexer } from './market.ts';
import { KEYS, type Platform, clients } from './platform.ts';

const tusd = (amount: string) => parseUnits(amount, 6);
const MERCHANT_C = bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 3 }).getHdKey().privateKey!);
const SHIPPING = { name: '韩梅梅', phone: '+86 138 0000 5678', address: '五道口 1 号', city: '北京', postalCode: '100083', country: '中国' };

const eth = (p: Platform, address: Address) => clients(p).public.getBalance({ address });
const tusdOf = (p: Platform, address: Address) =>
  clients(p).public.readContract({ address: p.deployment.contracts.SettlementToken.address, abi: erc20Abi, functionName: 'balanceOf', args: [address] });

/** WebAuthn refuses IP addresses as relying party ids: every page of these tests is opened on localhost. */
function onLocalhost(page: Page, site: string) {
  return async (path = '') => {
    const url = new URL(path, site);
    url.hostname = 'localhost';
    await page.goto(url.toString());
    await page.locator('body[data-hydrated="true"]').waitFor();
  };
}

interface Authenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /** The device prompts so far: the authenticator's signature counter (one per assertion it signed). */
  signatures(): Promise<number>;
  /** navigator.credentials.get calls the page made (answered or refused). */
  asked(): Promise<number>;
}

async function virtualAuthenticator(page: Page): Promise<Authenticator> {
  await page.addInitScript(() => {
    const get = navigator.credentials.get.bind(navigator.credentials);
    const w = window as unknown as { __webauthnGets: number };
    w.__webauthnGets = 0;
    navigator.credentials.get = (options) => {
      w.__webauthnGets++;
      return get(options);
    };
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    cdp,
    authenticatorId,
    async signatures() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      return credentials[0].signCount;
    },
    asked: () => page.evaluate(() => (window as unknown as { __webauthnGets: number }).__webauthnGets),
  };
}

/** Creates the passkey account on /wallet/ (open), gets the test funds, and returns its address. */
async function passkeyAccountWithFunds(page: Page, p: Platform): Promise<Address> {
  await page.getByTestId('passkey-create').click();
  await expect(page.getByTestId('passkey-address')).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  const account = (await page.getByTestId('passkey-address').textContent())!.trim() as Address;
  expect(await eth(p, account)).toBe(0n);
  await page.getByTestId('get-test-funds').click();
  await expect(page.getByTestId('balance-stable')).toHaveText('100 tUSD');
  await expect(page.getByTestId('balance-eth')).toHaveText('0 ETH');
  expect(await tusdOf(p, account)).toBe(tusd('100'));
  expect(await eth(p, account)).toBe(0n);
  return account;
}

async function addToCart(page: Page, go: (path?: string) => Promise<void>, id: string, count: number) {
  await go(`product/?id=${id}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText(String(count));
}

/** A new passkey account with test funds, one line of a new tUSD listing in its cart, shipping filled in. */
async function oneLineCart(page: Page, p: Platform, merchant: Hex, title: string, price: bigint) {
  const id = await createTusdListing(p, merchant, title, price);
  const authenticator = await virtualAuthenticator(page);
  const go = onLocalhost(page, p.site);
  await go('wallet/');
  const account = await passkeyAccountWithFunds(page, p);
  await addToCart(page, go, id, 1);
  await go('cart/');
  await fillShipping(page);
  return { id, authenticator, account, go };
}

async function fillShipping(page: Page) {
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
}

/** The checkout summary at both widths, for the report (the page is left at `width`). */
async function shootSummary(page: Page, locale: string, width: number) {
  for (const w of [390, 1280]) {
    await page.setViewportSize({ width: w, height: 900 });
    // From the top: a full-page shot of a scrolled page draws the sticky header in the middle.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/passkey-checkout/summary-${locale}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width, height: 900 });
}

test.describe('in Chinese at 390 px', () => {
  test.use({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });

  test('passkey account, test funds, three shops in one cart, ONE device prompt, three orders followed; ETH 0 throughout', async ({ page, platform }) => {
    const ids = [
      await createTusdListing(platform, KEYS.merchantA, 'Passkey Tea A', tusd('10')),
      await createTusdListing(platform, KEYS.merchantB, 'Passkey Cup B', tusd('4.5')),
      await createTusdListing(platform, MERCHANT_C, 'Passkey Silk C', tusd('7')),
    ];
    const authenticator = await virtualAuthenticator(page);
    const go = onLocalhost(page, platform.site);
    await go('wallet/');
    await expect(page.getByTestId('get-test-funds')).toHaveCount(0);
    const account = await passkeyAccountWithFunds(page, platform);
    await expect(page.getByText('ETH（无需持有：手续费用 tUSD 支付）')).toBeVisible();
    await expect(page.getByTestId('get-test-funds')).toHaveText('领取测试资金（100 tUSD）');
    await axeClean(page);
    await noSidewaysScroll(page);
    await page.getByTestId('passkey-card').screenshot({ path: 'test-results/passkey-checkout/wallet-zh-CN-390.png' });
    // Creating the account signed nothing: the device has not been asked to sign yet.
    expect(await authenticator.asked()).toBe(0);
    const signedBefore = await authenticator.signatures();

    for (const [i, id] of ids.entries()) await addToCart(page, go, id, i + 1);
    await go('cart/');
    await expect(page.getByTestId('cart-shop')).toHaveCount(3);
    await fillShipping(page);
    await expect(page.getByTestId('cart-pay-button')).toHaveText(/21\.5 tUSD/);
    await expect(page.getByTestId('cart-pay-note')).toHaveText('整个结账只需在设备上确认一次（通行密钥）。网络手续费随付款以 tUSD 扣除，无需 ETH。');
    await expect(page.getByTestId('cart-gas')).toHaveText(/^最多约 \d+(\.\d+)? tUSD，只按实际用量扣除（无需 ETH）$/);
    await axeClean(page);
    await noSidewaysScroll(page);
    await shootSummary(page, 'zh-CN', 390);
    const blockBefore = await clients(platform).public.getBlockNumber();
    await page.getByTestId('cart-pay-button').click();

    const placed = page.getByTestId('placed-order');
    await expect(placed).toHaveCount(3, { timeout: 60_000 });
    // ONE device prompt for the three shops: one call to WebAuthn, one signature of the authenticator.
    expect(await authenticator.asked()).toBe(1);
    expect((await authenticator.signatures()) - signedBefore).toBe(1);
    await expect(page.getByTestId('cart-count')).toHaveCount(0);
    expect(await eth(platform, account)).toBe(0n);
    const left = await tusdOf(platform, account);
    // 21.5 tUSD of goods and the gas in tUSD: more than nothing, far less than the paymaster's allowance.
    expect(left).toBeLessThan(tusd('78.5'));
    expect(left).toBeGreaterThan(tusd('70'));

    // The orders are the account's, placed by one transaction the bundler sent (the account sent none).
    const { public: client } = clients(platform);
    const events = await client.getContractEvents({
      address: platform.deployment.contracts.ChainMartEscrow.address,
      abi: chainMartEscrowAbi,
      eventName: 'OrderPlaced',
      args: { buyer: account },
      fromBlock: blockBefore + 1n,
    });
    expect(events.map((e) => e.args.terms!.listingId.toString())).toEqual(ids);
    expect(new Set(events.map((e) => e.transactionHash)).size).toBe(1);
    const orderIds = events.map((e) => e.args.orderId!.toString());
    for (const [i, id] of orderIds.entries()) await expect(placed.nth(i)).toHaveAttribute('href', new RegExp(`orders/\\?id=${id}$`));

    await waitForIndexer(platform);
    await go('orders/');
    await expect(page.locator('[data-order]')).toHaveCount(3);
    for (const id of orderIds) await expect(page.locator(`[data-order="${id}"]`).getByTestId('status')).toHaveText('已付款，待发货');
    await axeClean(page);
    await noSidewaysScroll(page);
    await page.screenshot({ path: 'test-results/passkey-checkout/orders-zh-CN-390.png', fullPage: true });
    expect(await eth(platform, account)).toBe(0n);
  });

  test('a refused passkey prompt at checkout: a clear Chinese message, nothing charged, the cart kept; the next try pays', async ({ page, platform }) => {
    const { id, authenticator, account } = await oneLineCart(page, platform, KEYS.merchantB, 'Passkey Refused Tea', tusd('3'));
    const signedBefore = await authenticator.signatures();

    // The device cannot verify the user (a wrong fingerprint, a cancelled Face ID): the account asks for user verification.
    await authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator.authenticatorId, isUserVerified: false });
    await page.getByTestId('cart-pay-button').click();
    await expect(page.getByTestId('cart-message')).toHaveText('设备没有用通行密钥确认（提示被关闭或验证未通过）。购物车保持不变，没有扣款，可以再试一次。');
    expect(await authenticator.asked()).toBe(1);
    expect(await authenticator.signatures()).toBe(signedBefore);
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    await expect(page.locator(`[data-listing="${id}"]`)).toBeVisible();
    await expect(page.getByTestId('cart-pay-button')).toBeEnabled();
    expect(await tusdOf(platform, account)).toBe(tusd('100'));
    expect(await eth(platform, account)).toBe(0n);
    await axeClean(page);
    await page.getByTestId('cart-pay').screenshot({ path: 'test-results/passkey-checkout/refused-zh-CN-390.png' });

    // Nothing was lost: verified this time, the same cart pays with one more prompt.
    await authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator.authenticatorId, isUserVerified: true });
    await page.getByTestId('cart-pay-button').click();
    await expect(page.getByTestId('placed-order')).toHaveCount(1, { timeout: 60_000 });
    expect(await authenticator.asked()).toBe(2);
    expect((await authenticator.signatures()) - signedBefore).toBe(1);
    expect(await tusdOf(platform, account)).toBeLessThan(tusd('97'));
    expect(await eth(platform, account)).toBe(0n);
  });
});

test('confirm receipt of a shipped order through the dialog and one device prompt, as a user operation; the order completes, ETH still 0', async ({ page, platform }) => {
  const { authenticator, account, go } = await oneLineCart(page, platform, KEYS.merchantA, 'Passkey Receipt Tea', tusd('10'));
  await expect(page.getByTestId('cart-pay-note')).toHaveText('Your device asks once (your passkey) for this whole checkout. The network fee is taken in tUSD with the payment, so you need no ETH.');
  await shootSummary(page, 'en', 1280);
  await page.getByTestId('cart-pay-button').click();
  await expect(page.getByTestId('placed-order')).toHaveCount(1, { timeout: 60_000 });
  const { public: client } = clients(platform);
  const [placed] = await client.getContractEvents({
    address: platform.deployment.contracts.ChainMartEscrow.address,
    abi: chainMartEscrowAbi,
    eventName: 'OrderPlaced',
    args: { buyer: account },
    fromBlock: 0n,
  });
  const orderId = placed.args.orderId!;
  const terms = placed.args.terms!;

  // The merchant ships it (from Node, as the merchant's own wallet would).
  await send(platform, KEYS.merchantA, {
    ...escrow(platform),
    functionName: 'ship',
    args: [orderId, terms, 'SF Express 顺丰', `SF-PK-${orderId}`],
  });
  await waitForIndexer(platform);
  const tusdBefore = await tusdOf(platform, account);
  const signedBefore = await authenticator.signatures();

  await go(`orders/?id=${orderId}`);
  await expect(page.getByTestId('status').first()).toHaveAttribute('data-status', 'Shipped');
  // The page's own count of WebAuthn requests starts again with each page load.
  const askedBefore = await authenticator.asked();
  expect(askedBefore).toBe(0);
  await page.getByRole('button', { name: 'Confirm receipt', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Who gets how much: the merchant its 10 tUSD less the fee and the buyer's points reward.
  const fee = (terms.total * BigInt(terms.feeBps)) / 10_000n;
  const reward = (terms.total * BigInt(terms.rewardBps)) / 10_000n;
  await expect(dialog.getByTestId('summary-merchant').locator('dd')).toHaveText(`${formatUnits(terms.total - fee - reward, 6)} tUSD`);
  // Asking is not sending: the device has not been prompted by the first tap.
  expect(await authenticator.asked()).toBe(askedBefore);
  await dialog.getByRole('button', { name: 'Confirm receipt and release 10 tUSD', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status').first()).toHaveAttribute('data-status', 'Completed', { timeout: 60_000 });

  // One more device prompt, and the gas again in tUSD: the account still has no ETH and sent no transaction.
  expect(await authenticator.asked()).toBe(askedBefore + 1);
  expect((await authenticator.signatures()) - signedBefore).toBe(1);
  const state = await client.readContract({ address: platform.deployment.contracts.ChainMartEscrow.address, abi: chainMartEscrowAbi, functionName: 'stateOf', args: [orderId, terms] });
  expect((state as { status: number }).status).toBe(4);
  expect(await eth(platform, account)).toBe(0n);
  const tusdAfter = await tusdOf(platform, account);
  expect(tusdAfter).toBeLessThan(tusdBefore);
  expect(tusdAfter).toBeGreaterThan(tusdBefore - tusd('5'));
});

test('a cart the stablecoin just covers, without its gas: the summary says what is missing and the pay button waits; nothing is asked', async ({ page, platform }) => {
  const { authenticator } = await oneLineCart(page, platform, KEYS.merchantB, 'Passkey Dear Tea', tusd('100'));
  await expect(page.getByTestId('cart-gas')).toHaveText(/^up to about \d+(\.\d+)? tUSD; you pay only what the network used \(no ETH needed\)$/);
  await expect(page.getByTestId('missing-stable-gas')).toContainText('which this wallet pays in tUSD (no ETH needed)');
  await expect(page.getByTestId('cart-pay-button')).toBeDisabled();
  expect(await authenticator.asked()).toBe(0);
});
