// Checkout: a one-line cart through the escrow, paid in the stablecoin with one permit signature (to the
// PermitCollector) and one transaction, or in ETH; spend points earned at another merchant; refused before
// signing when the balance is short, the stock is gone or the merchant changed the terms; a rejected signature
// or the wrong network leaves the form as it was. Every test checks the page AND the chain/subgraph, and that
// the shipping details on chain open with the merchant's key only.
import { type Address, type Hex, erc20Abi, hexToBytes, parseEther, parseEventLogs, parseUnits, zeroAddress } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { chainMartCatalogAbi, chainMartEscrowAbi, chainMartPointsAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { ENCRYPTION_KEY_MESSAGE, decryptShipping, keyPairFromSignature } from '../../web/lib/protocol/shipping-crypto.ts';
import { test as base, expect } from './fixtures.ts';
import { buyListing } from './market.ts';
import { KEYS, type Platform, addressOf, clients } from './platform.ts';

// Each test buys with its own new account (100 ETH, nothing else), so tests never depend on each other.
const test = base.extend<{ walletKey: Hex }>({
  walletKey: async ({ platform }, use) => {
    const key = generatePrivateKey();
    await clients(platform).test.setBalance({ address: addressOf(key), value: parseEther('100') });
    await use(key);
  },
});

const tusd = (amount: string) => parseUnits(amount, 6);
const SHIPPING = { name: 'Li Lei', phone: '+86 139 0000 1234', address: '88 Longjing Road, Xihu District', city: 'Hangzhou', postalCode: '310000', country: 'China', note: 'Leave at the gate' };

function contracts(p: Platform) {
  const c = p.deployment.contracts;
  return {
    escrow: c.ChainMartEscrow.address,
    catalog: c.ChainMartCatalog.address,
    points: c.ChainMartPoints.address,
    stable: c.SettlementToken.address,
    permitCollector: c.PermitCollector.address,
    easGate: c.EasGate.address,
  };
}

async function graph<T>(p: Platform, query: string): Promise<T> {
  const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function eventually<T>(read: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function send(p: Platform, key: Hex, request: Parameters<ReturnType<ReturnType<typeof clients>['wallet']>['writeContract']>[0]) {
  const { public: client, wallet } = clients(p);
  const hash = await wallet(key).writeContract(request as never);
  const receipt = await client.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

async function mintTusd(p: Platform, to: Address, amount: bigint) {
  await send(p, KEYS.deployer, { address: contracts(p).stable, abi: testUsdcAbi, functionName: 'mint', args: [to, amount] } as never);
}

async function tusdBalance(p: Platform, of: Address): Promise<bigint> {
  return clients(p).public.readContract({ address: contracts(p).stable, abi: erc20Abi, functionName: 'balanceOf', args: [of] });
}

async function pointsBalance(p: Platform, of: Address): Promise<bigint> {
  return clients(p).public.readContract({ address: contracts(p).points, abi: chainMartPointsAbi, functionName: 'balanceOf', args: [of] });
}

/** A new listing of one of the seeded merchants, indexed before the page opens. */
async function createListing(p: Platform, merchantKey: Hex, terms: { token: 'tusd' | 'eth'; price: bigint; stock: number; maxPerOrder?: number; title: string }): Promise<string> {
  const receipt = await send(p, merchantKey, {
    address: contracts(p).catalog,
    abi: chainMartCatalogAbi,
    functionName: 'createListing',
    args: [
      {
        token: terms.token === 'eth' ? zeroAddress : contracts(p).stable,
        price: terms.price,
        stock: terms.stock,
        maxPerOrder: terms.maxPerOrder ?? 5,
        shipWithin: 3 * 86_400,
        title: terms.title,
        category: 'tea',
        metadataURI: '',
      },
    ],
  } as never);
  const [created] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
  const id = created.args.listingId.toString();
  await eventually(() => graph<{ listing: { id: string } | null }>(p, `{ listing(id: "${id}") { id } }`).then((d) => d.listing), `listing ${id} in the subgraph`);
  return id;
}

interface SubgraphOrder {
  id: string;
  statusName: string;
  buyer: { id: string };
  merchant: { id: string };
  token: string;
  quantity: string;
  amount: string;
  pointsPaid: string;
  shippingInfo: Hex;
}

async function subgraphOrder(p: Platform, id: string): Promise<SubgraphOrder> {
  return eventually(
    () =>
      graph<{ order: SubgraphOrder | null }>(p, `{ order(id: "${id}") { id statusName buyer { id } merchant { id } token quantity amount pointsPaid shippingInfo } }`).then((d) => d.order),
    `order ${id} in the subgraph`,
  );
}

async function ordersOf(p: Platform, buyer: Address): Promise<number> {
  const data = await graph<{ orders: { id: string }[] }>(p, `{ orders(where: { buyer: "${buyer.toLowerCase()}" }) { id } }`);
  return data.orders.length;
}

/** The merchant's own X25519 key pair, derived from its signature exactly as the merchant's browser does. */
async function merchantKeyPair(p: Platform, merchantKey: Hex) {
  const signature = await clients(p).wallet(merchantKey).signMessage({ message: ENCRYPTION_KEY_MESSAGE });
  return keyPairFromSignature(hexToBytes(signature));
}

async function fillShipping(page: import('@playwright/test').Page) {
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
}

const count = (requests: string[], method: string) => requests.filter((r) => r === method).length;

test('pays in tUSD with one permit signature and one transaction; the order is Paid and its shipping details open with the merchant key', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('12.5'), stock: 10, title: 'Checkout Permit Tea' });
  await mintTusd(platform, wallet.address, tusd('100'));
  const feeBps = await clients(platform).public.readContract({ address: contracts(platform).escrow, abi: chainMartEscrowAbi, functionName: 'currentFeeBps' });

  await visit(`checkout/?listing=${id}`);
  await expect(page.getByTestId('connect-prompt')).toBeVisible();
  await expect(page.getByTestId('pay')).toBeDisabled();
  await connect();
  await expect(page.getByTestId('checkout-title')).toHaveText('Checkout Permit Tea');
  await expect(page.getByTestId('unit-price')).toHaveText('12.5 tUSD');
  await expect(page.getByTestId('balance')).toHaveText('Your balance: 100 tUSD');
  await page.getByLabel('Quantity').fill('6');
  await expect(page.getByText('Enter a whole number from 1 to 5.')).toBeVisible();
  await expect(page.getByTestId('pay')).toBeDisabled();
  await page.getByLabel('Quantity').fill('2');
  await expect(page.getByTestId('subtotal')).toHaveText('25 tUSD');
  await expect(page.getByTestId('you-pay')).toHaveText('25 tUSD');
  await expect(page.getByTestId('fee')).toContainText(`${feeBps / 100}%, taken from the merchant's share`);
  await expect(page.getByTestId('points-earned')).toHaveText('0.75 points (3% of the order) when the order completes');
  await expect(page.getByTestId('ship-by')).toContainText('3 days after payment');
  await expect(page.getByTestId('auto-release')).toContainText('7 days after shipping');
  await expect(page.getByTestId('arbiter')).toHaveAttribute('title', new RegExp(addressOf(KEYS.arbiter), 'i'));
  // Named like on the product page, the full address behind a disclosure rather than in the summary.
  await expect(page.getByTestId('arbiter').getByTestId('shop-name')).toBeVisible();
  await expect(page.getByTestId('arbiter').locator('code')).toBeHidden();
  await fillShipping(page);
  await page.getByTestId('pay').click();

  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  const orderId = new URL(page.url()).searchParams.get('id')!;
  await expect(page.getByText(`Order #${orderId} placed`)).toBeVisible();
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(1);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(1);
  // One cart of one line, paid through the PermitCollector, carrying the terms the page showed.
  const [cart] = await clients(platform).public.getContractEvents({
    address: contracts(platform).escrow,
    abi: chainMartEscrowAbi,
    eventName: 'CartCheckedOut',
    args: { firstOrderId: BigInt(orderId) },
    fromBlock: 0n,
  });
  expect(cart.args).toMatchObject({ buyer: wallet.address, lines: 1n, cash: tusd('25'), points: 0n, collector: contracts(platform).permitCollector });
  const [placed] = await clients(platform).public.getContractEvents({
    address: contracts(platform).escrow,
    abi: chainMartEscrowAbi,
    eventName: 'OrderPlaced',
    args: { orderId: BigInt(orderId) },
    fromBlock: 0n,
  });
  expect(placed.args.terms).toMatchObject({ listingId: BigInt(id), quantity: 2, total: tusd('25'), points: 0n, arbiter: addressOf(KEYS.arbiter), rewardBps: 300, autoReleaseWindow: 7 * 86_400 });

  const order = await subgraphOrder(platform, orderId);
  expect(order.statusName).toBe('Paid');
  expect(order.buyer.id).toBe(wallet.address.toLowerCase());
  expect(order.merchant.id).toBe(addressOf(KEYS.merchantA).toLowerCase());
  expect([order.quantity, order.amount, order.pointsPaid]).toEqual(['2', tusd('25').toString(), '0']);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('75'));
  expect(decryptShipping(hexToBytes(order.shippingInfo), await merchantKeyPair(platform, KEYS.merchantA))).toEqual({ schema: 'chainmart.shipping/1', ...SHIPPING });
  expect(() => decryptShipping(hexToBytes(order.shippingInfo), keyPairFromSignature(new Uint8Array(65)))).toThrow();
  // The address was needed for this order only: nothing stays behind in the tab.
  expect(await page.evaluate(() => sessionStorage.getItem('chainmart:checkout:shipping'))).toBeNull();
});

test('pays in ETH with one transaction and no signature', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantB, { token: 'eth', price: parseEther('0.01'), stock: 5, title: 'Checkout ETH Cup' });
  const before = await clients(platform).public.getBalance({ address: wallet.address });

  // The product page's Buy button leads here.
  await visit(`product/?id=${id}`);
  await page.getByTestId('buy').click();
  await expect(page).toHaveURL(new RegExp(`/checkout/\\?listing=${id}$`));
  await page.locator('body[data-hydrated="true"]').waitFor();
  await connect();
  await expect(page.getByTestId('unit-price')).toHaveText('0.01 ETH');
  await expect(page.getByTestId('balance')).toHaveText('Your balance: 100 ETH');
  await expect(page.getByLabel('Points to spend')).toHaveCount(0);
  await expect(page.getByTestId('points-earned')).toHaveCount(0);
  await fillShipping(page);
  await page.getByTestId('pay').click();

  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  const orderId = new URL(page.url()).searchParams.get('id')!;
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(1);
  const order = await subgraphOrder(platform, orderId);
  expect(order.statusName).toBe('Paid');
  expect(order.buyer.id).toBe(wallet.address.toLowerCase());
  expect(order.token).toBe(zeroAddress);
  expect(order.amount).toBe(parseEther('0.01').toString());
  const spent = before - (await clients(platform).public.getBalance({ address: wallet.address }));
  expect(spent >= parseEther('0.01') && spent < parseEther('0.011')).toBe(true);
  expect(decryptShipping(hexToBytes(order.shippingInfo), await merchantKeyPair(platform, KEYS.merchantB)).city).toBe('Hangzhou');
});

test('spends points earned at merchant A on an order at merchant B', async ({ page, platform, wallet, walletKey: key, visit, connect }) => {
  const { escrow } = contracts(platform);
  const atA = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('50'), stock: 5, title: 'Points Source Tea' });
  const atB = await createListing(platform, KEYS.merchantB, { token: 'tusd', price: tusd('10'), stock: 5, title: 'Points Spend Bowl' });
  await mintTusd(platform, wallet.address, tusd('100'));

  // Earn: buy at merchant A from Node (approval + checkout), A ships, the buyer confirms: 3% of 50 tUSD = 1.5 points.
  // The terms never change after checkout: ship and confirm take the same terms OrderPlaced announced.
  const { orderId: earnedOn, terms } = await buyListing(platform, key, BigInt(atA), 1);
  await send(platform, KEYS.merchantA, { address: escrow, abi: chainMartEscrowAbi, functionName: 'ship', args: [earnedOn, terms, 'SF', 'SF1'] } as never);
  await send(platform, key, { address: escrow, abi: chainMartEscrowAbi, functionName: 'confirmReceipt', args: [earnedOn, terms] } as never);
  expect(await pointsBalance(platform, wallet.address)).toBe(tusd('1.5'));

  await visit(`checkout/?listing=${atB}`);
  await connect();
  await expect(page.getByTestId('points-hint')).toContainText('You have 1.5 points; at most 1.5 points on this order');
  await page.getByLabel('Points to spend').fill('2');
  await expect(page.getByTestId('shortfall')).toHaveText('You have 1.5 points, fewer than the 2 entered.');
  await expect(page.getByTestId('pay')).toBeDisabled();
  // More points than the order is worth: refused in words, and no figure goes negative.
  await page.getByLabel('Points to spend').fill('100000');
  await expect(page.getByTestId('points-hint')).toHaveText('Points cannot be more than the order total (10 tUSD); you can spend at most 1.5 points on this order.');
  await expect(page.getByTestId('you-pay')).toHaveText('0 tUSD');
  await expect(page.getByTestId('summary')).not.toContainText('−9');
  await expect(page.getByTestId('pay')).toBeDisabled();
  await page.getByRole('button', { name: 'Use as many as possible' }).click();
  await expect(page.getByLabel('Points to spend')).toHaveValue('1.5');
  await expect(page.getByTestId('points-used')).toHaveText('−1.5 tUSD');
  await expect(page.getByTestId('you-pay')).toHaveText('8.5 tUSD');
  await fillShipping(page);
  await page.getByTestId('pay').click();

  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  const orderId = new URL(page.url()).searchParams.get('id')!;
  const order = await subgraphOrder(platform, orderId);
  expect(order.statusName).toBe('Paid');
  expect(order.merchant.id).toBe(addressOf(KEYS.merchantB).toLowerCase());
  expect([order.amount, order.pointsPaid]).toEqual([tusd('10').toString(), tusd('1.5').toString()]);
  expect(await pointsBalance(platform, wallet.address)).toBe(0n);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('100') - tusd('50') - tusd('8.5'));
});

test('a rejected signature is a neutral notice; the form stays filled and no order is placed', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('3'), stock: 5, title: 'Checkout Reject Tea' });
  await mintTusd(platform, wallet.address, tusd('10'));
  await visit(`checkout/?listing=${id}`);
  await connect();
  await page.getByLabel('Quantity').fill('3');
  await fillShipping(page);
  wallet.rejectNext();
  await page.getByTestId('pay').click();

  await expect(page.getByTestId('checkout-message')).toHaveText('You cancelled in your wallet; nothing happened.');
  await expect(page.getByTestId('checkout-message')).not.toHaveClass(/error/);
  // Said once, beside the button: no toast repeats it.
  await expect(page.locator('[data-testid^="notice-"]')).toHaveCount(0);
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(1);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
  await expect(page.locator('#ship-address')).toHaveValue(SHIPPING.address);
  await expect(page.getByLabel('Quantity')).toHaveValue('3');
  await expect(page.getByTestId('pay')).toBeEnabled();
  // Even a reload keeps what was typed (this tab's sessionStorage).
  await page.reload();
  await page.locator('body[data-hydrated="true"]').waitFor();
  await expect(page.locator('#ship-name')).toHaveValue(SHIPPING.name);
  await expect(page.getByLabel('Quantity')).toHaveValue('3');
  expect(await ordersOf(platform, wallet.address)).toBe(0);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('10'));
});

test('on the wrong network the page offers to switch; after switching the purchase goes through', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantB, { token: 'eth', price: parseEther('0.02'), stock: 5, title: 'Checkout Network Cup' });
  wallet.setChainId(1);
  await visit(`checkout/?listing=${id}`);
  await connect();
  await expect(page.getByTestId('network-prompt')).toContainText('Your wallet is on another network');
  await expect(page.getByTestId('pay')).toBeDisabled();
  await fillShipping(page);
  await page.getByTestId('checkout-switch').click();
  await expect(page.getByTestId('network-prompt')).toHaveCount(0);
  await expect(page.getByTestId('balance')).toHaveText('Your balance: 100 ETH');
  await page.getByTestId('pay').click();

  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  const order = await subgraphOrder(platform, new URL(page.url()).searchParams.get('id')!);
  expect(order.statusName).toBe('Paid');
  expect(order.buyer.id).toBe(wallet.address.toLowerCase());
  expect(wallet.requests).toContain('wallet_switchEthereumChain');
});

test('an insufficient balance is explained before anything is signed', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('12.5'), stock: 5, title: 'Checkout Broke Tea' });
  await visit(`checkout/?listing=${id}`);
  await connect();
  await fillShipping(page);
  await expect(page.getByTestId('shortfall')).toHaveText('Your balance (0 tUSD) does not cover the 12.5 tUSD to pay. Add funds or lower the quantity.');
  await expect(page.getByTestId('pay')).toBeDisabled();
  await page.getByTestId('pay').click({ force: true });
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
  expect(await ordersOf(platform, wallet.address)).toBe(0);
});

test('stock sold out between loading the page and paying: the OutOfStock message, nothing signed or charged', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('4'), stock: 2, maxPerOrder: 2, title: 'Checkout Last Two' });
  await mintTusd(platform, wallet.address, tusd('20'));
  await visit(`checkout/?listing=${id}`);
  await connect();
  await expect(page.getByLabel('Quantity')).toHaveAttribute('max', '2');
  await page.getByLabel('Quantity').fill('2');
  await fillShipping(page);
  await expect(page.getByTestId('pay')).toBeEnabled();

  // Someone else buys both units first.
  const rival = generatePrivateKey();
  await clients(platform).test.setBalance({ address: addressOf(rival), value: parseEther('1') });
  await mintTusd(platform, addressOf(rival), tusd('8'));
  await buyListing(platform, rival, BigInt(id), 2);

  await page.getByTestId('pay').click();
  await expect(page.getByTestId('checkout-message')).toHaveText('Out of stock: someone bought it before you. You were not charged.');
  await expect(page.getByText('Out of stock: someone bought it before you.', { exact: false })).toHaveCount(1);
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
  await expect(page.locator('#ship-city')).toHaveValue(SHIPPING.city);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('20'));
  expect(await ordersOf(platform, wallet.address)).toBe(0);
});

test('the merchant changed the price after the page opened: the terms-changed message, nothing signed or charged', async ({ page, platform, wallet, visit, connect }) => {
  const { catalog } = contracts(platform);
  const id = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('4'), stock: 5, title: 'Checkout Repriced Tea' });
  await mintTusd(platform, wallet.address, tusd('20'));
  await visit(`checkout/?listing=${id}`);
  await connect();
  await expect(page.getByTestId('unit-price')).toHaveText('4 tUSD');
  await fillShipping(page);
  await expect(page.getByTestId('pay')).toBeEnabled();

  // The merchant raises the price; the page still shows (and its cart line carries) 4 tUSD.
  await send(platform, KEYS.merchantA, {
    address: catalog,
    abi: chainMartCatalogAbi,
    functionName: 'updateListing',
    args: [BigInt(id), { price: tusd('5'), maxPerOrder: 5, shipWithin: 3 * 86_400, title: 'Checkout Repriced Tea', category: 'tea', metadataURI: '' }],
  } as never);

  await page.getByTestId('pay').click();
  await expect(page.getByTestId('checkout-message')).toHaveText("The merchant changed this item's terms since you opened the page; review and try again. You were not charged.");
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('20'));
  expect(await ordersOf(platform, wallet.address)).toBe(0);
});

test.describe('in Chinese on a 360 px wide phone', () => {
  test.use({ locale: 'zh-CN', viewport: { width: 360, height: 780 } });

  test('the checkout is translated and fits the screen', async ({ page, platform, wallet, visit, connect }) => {
    const id = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('12.5'), stock: 5, title: 'Phone Tea · 手机茶' });
    await mintTusd(platform, wallet.address, tusd('20'));
    await visit(`checkout/?listing=${id}`);
    await connect();
    await expect(page.getByRole('heading', { name: '结算', level: 1 })).toBeVisible();
    await expect(page.getByTestId('checkout-title')).toHaveText('手机茶');
    await expect(page.getByTestId('balance')).toHaveText('您的余额：20 tUSD');
    await expect(page.getByTestId('points-earned')).toHaveText('订单完成时获得 0.375 积分（订单金额的 3%）');
    await expect(page.getByLabel('收件人')).toBeVisible();
    await expect(page.getByTestId('pay')).toHaveText('支付 12.5 tUSD');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test('a gated listing and a merchant without an encryption key cannot be bought here, and the page says why', async ({ page, platform, wallet, visit, connect }) => {
  const { catalog, easGate } = contracts(platform);
  const gatedId = await createListing(platform, KEYS.merchantA, { token: 'tusd', price: tusd('5'), stock: 5, title: 'Checkout Gated Tea' });
  await send(platform, KEYS.merchantA, { address: catalog, abi: chainMartCatalogAbi, functionName: 'setListingGate', args: [BigInt(gatedId), easGate] } as never);
  await eventually(() => graph<{ listing: { gate: string | null } }>(platform, `{ listing(id: "${gatedId}") { gate } }`).then((d) => d.listing.gate), 'the gate in the subgraph');

  // A merchant that registered without publishing a key.
  const keyless = generatePrivateKey();
  await clients(platform).test.setBalance({ address: addressOf(keyless), value: parseEther('1') });
  await send(platform, keyless, {
    address: catalog,
    abi: chainMartCatalogAbi,
    functionName: 'registerMerchant',
    args: [{ metadataURI: '', encryptionKey: `0x${'0'.repeat(64)}`, arbiter: addressOf(KEYS.arbiter), rewardBps: 0, autoReleaseWindow: 7 * 86_400 }],
  } as never);
  const keylessId = await createListing(platform, keyless, { token: 'tusd', price: tusd('5'), stock: 5, title: 'Checkout Keyless Tea' });
  await mintTusd(platform, wallet.address, tusd('20'));

  await visit(`checkout/?listing=${gatedId}`);
  await connect();
  await expect(page.getByTestId('gated')).toContainText('requires an attestation');
  await expect(page.getByTestId('pay')).toHaveCount(0);

  await visit(`checkout/?listing=${keylessId}`);
  await expect(page.getByTestId('no-key')).toHaveText(/has not published an encryption key.*Buying is blocked/);
  await expect(page.getByTestId('pay')).toHaveCount(0);
  expect(wallet.requests.filter((r) => r === 'eth_signTypedData_v4' || r === 'eth_sendTransaction')).toEqual([]);
  expect(await ordersOf(platform, wallet.address)).toBe(0);
});
