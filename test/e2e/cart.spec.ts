// The cart: listings of three shops added from their pages and a storefront, paid in one checkout (one permit
// signature, one transaction, three OrderPlaced), the orders then in the buyer's list; the same from a wallet
// that batches (EIP-5792: one wallet_sendCalls, nothing else to confirm); a price raised by the
// merchant between adding and paying is flagged and refused with nothing signed or charged, the cart kept;
// a cart that survives a reload and ignores hostile storage. Checks the page AND the chain.
import { type Address, type Hex, bytesToHex, erc20Abi, parseEther, parseEventLogs, parseUnits, zeroAddress } from 'viem';
import { generatePrivateKey, mnemonicToAccount } from 'viem/accounts';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { DEV_MNEMONIC } from '../../scripts/seed/chain.ts';
import { test as base, expect } from './fixtures.ts';
import { KEYS, type Platform, addressOf, clients } from './platform.ts';

const test = base.extend<{ walletKey: Hex }>({
  walletKey: async ({ platform }, use) => {
    const key = generatePrivateKey();
    await clients(platform).test.setBalance({ address: addressOf(key), value: parseEther('100') });
    await use(key);
  },
});

const tusd = (amount: string) => parseUnits(amount, 6);
const SHIPPING = { name: 'Han Meimei', phone: '+86 138 0000 5678', address: '1 Wudaokou', city: 'Beijing', postalCode: '100083', country: 'China' };
/** The seed's third merchant (anvil account #3); KEYS names the first two. */
const MERCHANT_C = bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 3 }).getHdKey().privateKey!);

async function graph<T>(p: Platform, query: string): Promise<T> {
  const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function eventually<T>(read: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function send(p: Platform, key: Hex, request: object) {
  const { public: client, wallet } = clients(p);
  const hash = await wallet(key).writeContract(request as never);
  const receipt = await client.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

const stable = (p: Platform) => p.deployment.contracts.SettlementToken.address;
const catalog = (p: Platform) => p.deployment.contracts.ChainMartCatalog.address;

async function tusdBalance(p: Platform, of: Address): Promise<bigint> {
  return clients(p).public.readContract({ address: stable(p), abi: erc20Abi, functionName: 'balanceOf', args: [of] });
}

async function createListing(p: Platform, merchantKey: Hex, title: string, price: bigint): Promise<string> {
  const receipt = await send(p, merchantKey, {
    address: catalog(p),
    abi: chainMartCatalogAbi,
    functionName: 'createListing',
    args: [{ token: stable(p), price, stock: 10, maxPerOrder: 3, shipWithin: 3 * 86_400, title, category: 'tea', metadataURI: '' }],
  });
  const [created] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
  const id = created.args.listingId.toString();
  await eventually(() => graph<{ listing: { id: string } | null }>(p, `{ listing(id: "${id}") { id } }`).then((d) => d.listing), `listing ${id} indexed`);
  return id;
}

async function fillShipping(page: import('@playwright/test').Page) {
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
}

const count = (requests: string[], method: string) => requests.filter((r) => r === method).length;

test('three shops in one cart: one signature, one transaction, three orders in the buyer list', async ({ page, platform, wallet, visit, connect }) => {
  const ids = [
    await createListing(platform, KEYS.merchantA, 'Cart Tea A', tusd('10')),
    await createListing(platform, KEYS.merchantB, 'Cart Cup B', tusd('4.5')),
    await createListing(platform, MERCHANT_C, 'Cart Silk C', tusd('7')),
  ];
  await send(platform, KEYS.deployer, { address: stable(platform), abi: testUsdcAbi, functionName: 'mint', args: [wallet.address, tusd('100')] });

  await visit(`product/?id=${ids[0]}`);
  await page.getByTestId('quantity').fill('2');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-status')).toContainText('2 in the cart');
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  // Adding again merges into the line, up to the listing's per-order limit (3).
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-status')).toContainText('3 in the cart');
  await visit(`product/?id=${ids[1]}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  await visit(`merchant/?id=${addressOf(MERCHANT_C)}`);
  await page.locator('article', { hasText: 'Cart Silk C' }).getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('3');

  await visit('cart/');
  await connect();
  await expect(page.getByTestId('cart-shop')).toHaveCount(3);
  const first = page.locator(`[data-listing="${ids[0]}"]`);
  await first.getByRole('button', { name: 'One less' }).click();
  await expect(first.getByTestId('cart-quantity')).toHaveValue('2');
  await expect(page.getByTestId('cart-subtotal')).toHaveText('31.5 tUSD');
  await expect(page.getByTestId('cart-pay-button')).toHaveText('Pay 31.5 tUSD (3 orders)');
  await page.getByTestId('cart-pay-button').click();
  await expect(page.getByText('Please complete the shipping details.')).toBeVisible();
  await fillShipping(page);
  await page.getByTestId('cart-pay-button').click();

  await expect(page.getByTestId('placed-order')).toHaveCount(3);
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(1);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(1);
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
  await expect(page.getByTestId('cart-empty')).toHaveCount(0);

  const [checkout] = await clients(platform).public.getContractEvents({
    address: platform.deployment.contracts.ChainMartEscrow.address,
    abi: chainMartEscrowAbi,
    eventName: 'CartCheckedOut',
    args: { buyer: wallet.address },
    fromBlock: 0n,
  });
  expect(checkout.args).toMatchObject({ lines: 3n, cash: tusd('31.5'), collector: platform.deployment.contracts.PermitCollector.address });
  const receipt = await clients(platform).public.getTransactionReceipt({ hash: checkout.transactionHash });
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: receipt.logs });
  expect(placed.map((e) => [e.args.terms.listingId.toString(), e.args.terms.quantity, e.args.terms.merchant])).toEqual([
    [ids[0], 2, addressOf(KEYS.merchantA)],
    [ids[1], 1, addressOf(KEYS.merchantB)],
    [ids[2], 1, addressOf(MERCHANT_C)],
  ]);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('68.5'));

  const orderIds = placed.map((e) => e.args.orderId.toString());
  await expect(page.getByTestId('placed-order').first()).toHaveAttribute('href', new RegExp(`orders/\\?id=${orderIds[0]}$`));
  await visit('orders/');
  for (const id of orderIds) await expect(page.locator(`[data-order="${id}"]`)).toBeVisible();
});

test.describe('with a wallet that batches (EIP-5792)', () => {
  test.use({ walletBatches: true });

  test('three shops in one cart: approve + checkout as ONE wallet_sendCalls, no signature, no other transaction; a rejected batch loses nothing', async ({ page, platform, wallet, visit, connect }) => {
    const ids = [
      await createListing(platform, KEYS.merchantA, 'Batch Tea A', tusd('3')),
      await createListing(platform, KEYS.merchantB, 'Batch Cup B', tusd('2.5')),
      await createListing(platform, MERCHANT_C, 'Batch Silk C', tusd('4')),
    ];
    await send(platform, KEYS.deployer, { address: stable(platform), abi: testUsdcAbi, functionName: 'mint', args: [wallet.address, tusd('20')] });
    for (const id of ids) {
      await visit(`product/?id=${id}`);
      await page.getByTestId('add-to-cart').click();
    }
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await visit('cart/');
    await connect();
    await fillShipping(page);
    await expect(page.getByTestId('cart-pay-button')).toHaveText('Pay 9.5 tUSD (3 orders)');
    // The buyer first says no to the batch: the usual notice, nothing else asked, nothing charged.
    wallet.rejectNext();
    await page.getByTestId('cart-pay-button').click();
    await expect(page.getByTestId('cart-message')).toHaveText('You cancelled in your wallet. Your cart is unchanged and nothing was charged.');
    expect(count(wallet.requests, 'wallet_sendCalls')).toBe(1);
    expect(await tusdBalance(platform, wallet.address)).toBe(tusd('20'));
    await page.getByTestId('cart-pay-button').click();

    await expect(page.getByTestId('placed-order')).toHaveCount(3);
    // Then confirms once: the batch. Capabilities were asked once (kept), and the status followed to the end.
    expect(count(wallet.requests, 'wallet_getCapabilities')).toBe(1);
    expect(count(wallet.requests, 'wallet_sendCalls')).toBe(2);
    expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
    expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
    expect(count(wallet.requests, 'wallet_getCallsStatus')).toBeGreaterThan(0);

    const { public: client } = clients(platform);
    const { ChainMartEscrow, ApprovalCollector } = platform.deployment.contracts;
    const [checkout] = await client.getContractEvents({ address: ChainMartEscrow.address, abi: chainMartEscrowAbi, eventName: 'CartCheckedOut', args: { buyer: wallet.address }, fromBlock: 0n });
    expect(checkout.args).toMatchObject({ lines: 3n, cash: tusd('9.5'), collector: ApprovalCollector.address });
    // Approval and checkout in one transaction from the account to itself (its EIP-7702 batch executor).
    const receipt = await client.getTransactionReceipt({ hash: checkout.transactionHash });
    expect(receipt.to?.toLowerCase()).toBe(wallet.address.toLowerCase());
    const approvals = parseEventLogs({ abi: erc20Abi, eventName: 'Approval', logs: receipt.logs });
    expect(approvals.map((e) => [e.args.spender, e.args.value])).toEqual([[ApprovalCollector.address, tusd('9.5')]]);
    const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: receipt.logs });
    expect(placed.map((e) => e.args.terms.listingId.toString())).toEqual(ids);
    await expect(page.getByTestId('placed-order').last()).toHaveAttribute('href', new RegExp(`orders/\\?id=${placed[2].args.orderId}$`));
    expect(await tusdBalance(platform, wallet.address)).toBe(tusd('10.5'));
    const allowance = await client.readContract({ address: stable(platform), abi: erc20Abi, functionName: 'allowance', args: [wallet.address, ApprovalCollector.address] });
    expect(allowance).toBe(0n);
  });
});

test.describe('with a wallet that batches and takes a paymaster service (ERC-7677)', () => {
  test.use({ walletBatches: true, walletPaymaster: true });

  test('wallet_sendCalls names the configured paymaster (url, the stablecoin as context) and carries its gas approval', async ({ page, platform, wallet, visit, connect }) => {
    const id = await createListing(platform, KEYS.merchantB, 'Paymaster Batch Cup', tusd('2'));
    await send(platform, KEYS.deployer, { address: stable(platform), abi: testUsdcAbi, functionName: 'mint', args: [wallet.address, tusd('30')] });
    // The paymaster the site is configured with: Settings shows it as the field's default.
    await visit('settings/');
    const paymasterUrl = await page.locator('input[name="paymasterUrl"]').getAttribute('placeholder');
    expect(paymasterUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    await visit(`product/?id=${id}`);
    await page.getByTestId('add-to-cart').click();
    await visit('cart/');
    await connect();
    await fillShipping(page);
    await page.getByTestId('cart-pay-button').click();
    await expect(page.getByTestId('placed-order')).toHaveCount(1);

    expect(count(wallet.requests, 'wallet_sendCalls')).toBe(1);
    expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
    expect(JSON.stringify(wallet.sentCapabilities).toLowerCase()).toBe(JSON.stringify([{ paymasterService: { url: paymasterUrl, context: { token: stable(platform) } } }]).toLowerCase());
    // The batch: approve(ApprovalCollector, price), checkout, then approve(paymaster, 20 tUSD) for the gas it takes in tUSD.
    const { public: client } = clients(platform);
    const { ChainMartEscrow, ApprovalCollector } = platform.deployment.contracts;
    const [checkout] = await client.getContractEvents({ address: ChainMartEscrow.address, abi: chainMartEscrowAbi, eventName: 'CartCheckedOut', args: { buyer: wallet.address }, fromBlock: 0n });
    const receipt = await client.getTransactionReceipt({ hash: checkout.transactionHash });
    const approvals = parseEventLogs({ abi: erc20Abi, eventName: 'Approval', logs: receipt.logs }).map((e) => [e.args.spender, e.args.value]);
    expect(approvals).toHaveLength(2);
    expect(approvals[0]).toEqual([ApprovalCollector.address, tusd('2')]);
    expect(approvals[1][0]).not.toBe(ApprovalCollector.address);
    expect(approvals[1][1]).toBe(tusd('20'));
  });
});

test("the summary names a shop's arbiter by its own shop name when the arbiter also sells here, its address one click away", async ({ page, platform, visit }) => {
  // A new shop whose arbiter is the demo merchant West Lake Tea Garden (#1, which publishes a profile).
  const key = generatePrivateKey();
  await clients(platform).test.setBalance({ address: addressOf(key), value: parseEther('1') });
  const arbiter = addressOf(KEYS.merchantA);
  await send(platform, key, {
    address: catalog(platform),
    abi: chainMartCatalogAbi,
    functionName: 'registerMerchant',
    args: [{ metadataURI: '', encryptionKey: `0x${'11'.repeat(32)}`, arbiter, rewardBps: 0, autoReleaseWindow: 7 * 86_400 }],
  });
  const id = await createListing(platform, key, 'Cart Arbitrated Tea', tusd('2'));
  await visit(`product/?id=${id}`);
  await page.getByTestId('add-to-cart').click();
  await visit('cart/');
  const terms = page.getByTestId('cart-pay').getByTestId('shop-terms');
  await expect(terms.getByTestId('shop-name')).toContainText('West Lake Tea Garden');
  await expect(terms).toContainText('auto-release 7 days after shipping');
  await expect(terms.locator('details code')).toHaveText(new RegExp(`^${arbiter}$`, 'i'));
  await expect(terms.locator('details code')).toBeHidden();
});

test('a price raised between adding and paying is flagged; nothing is signed or charged and the cart is kept', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantA, 'Cart Repriced Tea', tusd('6'));
  await send(platform, KEYS.deployer, { address: stable(platform), abi: testUsdcAbi, functionName: 'mint', args: [wallet.address, tusd('50')] });
  await visit(`product/?id=${id}`);
  await page.getByTestId('add-to-cart').click();
  await visit('cart/');
  await connect();
  await fillShipping(page);
  await expect(page.getByTestId('cart-pay-button')).toBeEnabled();

  // The merchant raises the price while the buyer looks at the cart.
  await send(platform, KEYS.merchantA, {
    address: catalog(platform),
    abi: chainMartCatalogAbi,
    functionName: 'updateListing',
    args: [BigInt(id), { price: tusd('9'), maxPerOrder: 3, shipWithin: 3 * 86_400, title: 'Cart Repriced Tea', category: 'tea', metadataURI: '' }],
  });
  await page.getByTestId('cart-pay-button').click();
  await expect(page.getByTestId('cart-message')).toHaveText('The merchant changed the terms of “Cart Repriced Tea” before you paid. Review it in your cart. You were not charged.');
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(0);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('50'));

  // Once indexed, the new price is flagged (also after a reload: the cart survives it) and blocks paying.
  await eventually(() => graph<{ listing: { price: string } }>(platform, `{ listing(id: "${id}") { price } }`).then((d) => d.listing.price === tusd('9').toString()), 'the new price indexed');
  await page.reload();
  await page.locator('body[data-hydrated="true"]').waitFor();
  const line = page.locator(`[data-listing="${id}"]`);
  await expect(line.getByTestId('line-issue')).toContainText('The price changed from 6 tUSD to 9 tUSD.');
  await expect(page.getByTestId('cart-pay-button')).toBeDisabled();
  await line.getByTestId('accept-terms').click();
  await expect(line.getByTestId('line-issue')).toHaveCount(0);
  await expect(page.getByTestId('cart-subtotal')).toHaveText('9 tUSD');
  await expect(page.getByTestId('cart-pay-button')).toBeEnabled();
});

test('a rejected signature keeps the cart; on the wrong network the cart offers to switch', async ({ page, platform, wallet, visit, connect }) => {
  const id = await createListing(platform, KEYS.merchantB, 'Cart Rejected Cup', tusd('3'));
  await send(platform, KEYS.deployer, { address: stable(platform), abi: testUsdcAbi, functionName: 'mint', args: [wallet.address, tusd('10')] });
  await visit(`product/?id=${id}`);
  await page.getByTestId('add-to-cart').click();
  await visit('cart/');
  await connect();
  await fillShipping(page);
  wallet.rejectNext();
  await page.getByTestId('cart-pay-button').click();
  await expect(page.getByTestId('cart-message')).toHaveText('You cancelled in your wallet. Your cart is unchanged and nothing was charged.');
  expect(count(wallet.requests, 'eth_signTypedData_v4')).toBe(1);
  expect(count(wallet.requests, 'eth_sendTransaction')).toBe(0);
  await expect(page.locator(`[data-listing="${id}"]`)).toBeVisible();
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('10'));

  // The wallet moves to another network while the cart is open.
  wallet.setChainId(1);
  await page.evaluate(() => (window as unknown as { __testWalletEmit: (e: string, d: unknown) => void }).__testWalletEmit('chainChanged', '0x1'));
  await expect(page.getByTestId('cart-network')).toContainText('Your wallet is on another network');
  await expect(page.getByTestId('cart-pay-button')).toBeDisabled();
  await page.getByTestId('cart-network').getByRole('button').click();
  await expect(page.getByTestId('cart-network')).toHaveCount(0);
  await page.getByTestId('cart-pay-button').click();
  await expect(page.getByTestId('placed-order')).toHaveCount(1);
  expect(await tusdBalance(platform, wallet.address)).toBe(tusd('7'));
});

test('hostile storage is ignored and the cart is per network', async ({ page, platform, visit }) => {
  await visit('');
  const escrow = platform.deployment.contracts.ChainMartEscrow.address.toLowerCase();
  await page.evaluate(
    ([key, other]) => {
      localStorage.setItem(key, `{"lines":[{"listingId":"1","quantity":1e12,"title":"${'x'.repeat(500)}"}, "junk", {"__proto__":{}}]}`);
      localStorage.setItem(other, JSON.stringify({ lines: [{ listingId: '1', quantity: 1, title: 'elsewhere', currency: { symbol: 'X', decimals: 6 }, seen: {} }] }));
    },
    [`chainmart:cart:31337:${escrow}`, `chainmart:cart:1:${zeroAddress}`],
  );
  await visit('cart/');
  await expect(page.getByTestId('cart-empty')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
});
