// A shopper who holds only tUSD (issue 12 part 3): a fresh built-in wallet with 0 ETH checks out a cart of
// three shops as ONE ERC-4337 user operation, the gas paid in tUSD by the paymaster; ETH stays exactly 0
// (read from the RPC). A dead bundler and a refusing paymaster (Settings) give their message, charge nothing
// and keep the cart.
import type { Page } from '@playwright/test';
import { type Address, bytesToHex, erc20Abi, parseUnits } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { DEV_MNEMONIC } from '../../scripts/seed/chain.ts';
import { freePort } from '../../scripts/platform/ports.ts';
import { expect, test } from './fixtures.ts';
import { createTusdListing, mintUsdc } from './market.ts';
import { KEYS, type Platform, clients } from './platform.ts';

const tusd = (amount: string) => parseUnits(amount, 6);
const PASSPHRASE = 'correct horse battery';
const MERCHANT_C = bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 3 }).getHdKey().privateKey!);
const SHIPPING = { name: 'Li Lei', phone: '+86 138 0000 1234', address: '2 Zhongguancun', city: 'Beijing', postalCode: '100080', country: 'China' };

const eth = (p: Platform, address: Address) => clients(p).public.getBalance({ address });
const tusdOf = (p: Platform, address: Address) =>
  clients(p).public.readContract({ address: p.deployment.contracts.SettlementToken.address, abi: erc20Abi, functionName: 'balanceOf', args: [address] });

/** A new built-in wallet (0 ETH) that received `amount` tUSD from someone else. */
async function shopperWithTusd(page: Page, p: Platform, visit: (path?: string) => Promise<void>, amount: string): Promise<Address> {
  await visit('wallet/');
  await page.getByLabel(/^(Passphrase|密码)$/).fill(PASSPHRASE);
  await page.getByLabel(/Passphrase again|再次输入密码/).fill(PASSPHRASE);
  await page.getByRole('button', { name: /Generate a key and create|生成密钥并创建/ }).click();
  await expect(page.getByTestId('account')).toBeVisible();
  const address = (await page.getByTestId('builtin-address').textContent())!.trim() as Address;
  await mintUsdc(p, address, tusd(amount));
  expect(await eth(p, address)).toBe(0n);
  return address;
}

async function addToCart(page: Page, visit: (path?: string) => Promise<void>, id: string, count: number) {
  await visit(`product/?id=${id}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText(String(count));
}

async function payCart(page: Page, visit: (path?: string) => Promise<void>) {
  await visit('cart/');
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
  await page.getByTestId('cart-pay-button').click();
}

async function overrideEndpoint(page: Page, visit: (path?: string) => Promise<void>, field: 'bundlerUrl' | 'paymasterUrl', url: string) {
  await visit('settings/');
  await page.locator(`input[name="${field}"]`).fill(url);
  await page.getByTestId('endpoints-form').getByRole('button', { name: 'Save' }).click();
}

test('0 ETH, 60 tUSD: three shops in one cart as one user operation, gas paid in tUSD, ETH still 0', async ({ page, platform, visit }) => {
  const ids = [
    await createTusdListing(platform, KEYS.merchantA, 'AA Tea A', tusd('10')),
    await createTusdListing(platform, KEYS.merchantB, 'AA Cup B', tusd('4.5')),
    await createTusdListing(platform, MERCHANT_C, 'AA Silk C', tusd('7')),
  ];
  const buyer = await shopperWithTusd(page, platform, visit, '60');
  for (const [i, id] of ids.entries()) await addToCart(page, visit, id, i + 1);
  const blockBefore = await clients(platform).public.getBlockNumber();
  await payCart(page, visit);

  await expect(page.getByTestId('placed-order')).toHaveCount(3, { timeout: 60_000 });
  expect(await eth(platform, buyer)).toBe(0n);
  const left = await tusdOf(platform, buyer);
  // 21.5 tUSD of goods, and the gas: more than nothing, well under the paymaster's 20 tUSD allowance.
  expect(left).toBeLessThan(tusd('38.5'));
  expect(left).toBeGreaterThan(tusd('30'));
  // One transaction carried it, sent by the bundler to the EntryPoint (the buyer signed no transaction).
  const { public: client } = clients(platform);
  const head = await client.getBlockNumber();
  const txs = [];
  for (let n = blockBefore + 1n; n <= head; n++) txs.push(...(await client.getBlock({ blockNumber: n, includeTransactions: true })).transactions);
  expect(txs.filter((tx) => tx.from.toLowerCase() === buyer.toLowerCase())).toEqual([]);
  expect(txs.filter((tx) => tx.to?.toLowerCase() === '0x4337084d9e255ff0702461cf8895ce9e3b5ff108')).toHaveLength(1);
  await visit('orders/');
  await expect(page.locator('[data-order]')).toHaveCount(3);
});

test('a dead bundler: the message names it and the missing gas, nothing charged, the cart kept', async ({ page, platform, visit }) => {
  const id = await createTusdListing(platform, KEYS.merchantA, 'AA Dead Bundler Tea', tusd('3'));
  const buyer = await shopperWithTusd(page, platform, visit, '20');
  await overrideEndpoint(page, visit, 'bundlerUrl', `http://127.0.0.1:${await freePort()}`);
  await addToCart(page, visit, id, 1);
  await payCart(page, visit);
  await expect(page.getByRole('alert').filter({ hasText: 'bundler' })).toContainText('no ETH to pay the gas');
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  expect(await tusdOf(platform, buyer)).toBe(tusd('20'));
  expect(await eth(platform, buyer)).toBe(0n);
});

test('a paymaster that refuses: the message names it, nothing charged, the cart kept', async ({ page, platform, visit }) => {
  const id = await createTusdListing(platform, KEYS.merchantB, 'AA Refused Tea', tusd('3'));
  const buyer = await shopperWithTusd(page, platform, visit, '20');
  // The chain's RPC answers pm_getPaymasterStubData with a JSON-RPC error (method not found), as a refusing service does.
  await overrideEndpoint(page, visit, 'paymasterUrl', platform.rpc);
  await addToCart(page, visit, id, 1);
  await payCart(page, visit);
  await expect(page.getByRole('alert').filter({ hasText: 'paymaster' })).toContainText('refused');
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  expect(await tusdOf(platform, buyer)).toBe(tusd('20'));
});

test('a bundler that asks 50 gwei per gas (the network: about 1): refused before signing, nothing charged, the cart kept', async ({ page, platform, visit }) => {
  const id = await createTusdListing(platform, KEYS.merchantB, 'AA Dear Bundler Tea', tusd('3'));
  // Enough for the price and the gas reserved at the bundler's price (about 200 tUSD): the pay button is enabled.
  const buyer = await shopperWithTusd(page, platform, visit, '300');
  // The local bundler, except that its gas price quote is 50 gwei (the site's cap is 5x the chain's ~1 gwei estimate).
  await page.route(/^http:\/\/127\.0\.0\.1:\d+\/?$/, async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes('pimlico_getUserOperationGasPrice')) return route.continue();
    const tier = { maxFeePerGas: '0xba43b7400', maxPriorityFeePerGas: '0x3b9aca00' };
    await route.fulfill({ contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(body).id, result: { slow: tier, standard: tier, fast: tier } }) });
  });
  await addToCart(page, visit, id, 1);
  // The summary already shows the dear gas (reserved at the bundler's price), before the pay button is pressed.
  await visit('cart/');
  await expect(page.getByTestId('cart-gas')).toContainText(/up to about \d{3}(\.\d+)? tUSD/);
  await payCart(page, visit);
  await expect(page.getByRole('alert').filter({ hasText: 'bundler' })).toContainText("far above the network's");
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  expect(await tusdOf(platform, buyer)).toBe(tusd('300'));
  expect(await eth(platform, buyer)).toBe(0n);
});

test('a dead bundler and ETH for gas: the user is told it goes as a normal transaction, and the cart pays that way', async ({ page, platform, visit }) => {
  const id = await createTusdListing(platform, KEYS.merchantA, 'AA Fallback Tea', tusd('3'));
  const buyer = await shopperWithTusd(page, platform, visit, '20');
  await clients(platform).test.setBalance({ address: buyer, value: 10n ** 17n });
  await overrideEndpoint(page, visit, 'bundlerUrl', `http://127.0.0.1:${await freePort()}`);
  await addToCart(page, visit, id, 1);
  await payCart(page, visit);
  await expect(page.getByText('The bundler does not answer, so this goes as a normal transaction: it needs a little ETH for the network fee (gas).').first()).toBeVisible();
  await expect(page.getByTestId('placed-order')).toHaveCount(1, { timeout: 60_000 });
  // A normal transaction from the wallet itself: it paid the gas in ETH, the goods in tUSD (no paymaster fee).
  expect(await tusdOf(platform, buyer)).toBe(tusd('17'));
  expect(await eth(platform, buyer)).toBeLessThan(10n ** 17n);
});
