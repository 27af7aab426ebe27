// The shop with its index refused (page.route aborts every subgraph request): one banner in the page's
// language, the degraded home and catalog rebuilt from the catalog's events, the product page, checkout and the
// order read from the chain; the buyer pays and follows the order; no English error text in the Chinese page.
import { readFile } from 'node:fs/promises';
import { type Address, type Hex, formatUnits, parseEther, parseEventLogs, parseUnits } from 'viem';
import { chainMartEscrowAbi, chainMartPointsAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import type { OrderTerms } from '../../web/lib/chain/order.ts';
import { confirmInDialog } from './confirm.ts';
import { generatePrivateKey } from 'viem/accounts';
import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures.ts';
import { axeClean } from './checks.ts';
import { catalog, createListing, ipfsAdd, waitForIndexer } from './market.ts';
import { KEYS, type Platform, addressOf, clients } from './platform.ts';

// A buyer account of its own (100 ETH, nothing else): the journey depends on no other test.
const test = base.extend<{ walletKey: Hex }>({
  walletKey: async ({ platform }, use) => {
    const key = generatePrivateKey();
    await clients(platform).test.setBalance({ address: addressOf(key), value: parseEther('100') });
    await use(key);
  },
});
test.use({ locale: 'zh-CN' });

/** What the index's and the RPC's errors would print if they reached the page untranslated. */
const ENGLISH_ERRORS = /subgraph|unreachable|failed to fetch|HTTP request failed|answered HTTP|without data|TypeError/i;

async function noEnglishErrors(page: Page) {
  await expect(page.locator('main')).not.toContainText(ENGLISH_ERRORS);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
}

async function seededMetadata(p: Platform): Promise<string> {
  const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ listings(first: 1, orderBy: createdAt) { metadataURI } }' }) });
  return ((await response.json()) as { data: { listings: { metadataURI: string }[] } }).data.listings[0].metadataURI;
}

const SHIPPING = { name: '李雷', phone: '+86 139 0000 1234', address: '西湖区龙井路 88 号', city: '杭州', postalCode: '310000', country: '中国' };

test('with the index down a buyer finds a listing by link and on the degraded home, pays, and follows the order, all in Chinese', async ({ page, browser, platform, visit, connect }) => {
  const title = `无索引龙井 ${Date.now()}`;
  const id = await createListing(KEYS.merchantA, { title, category: 'tea', metadataURI: await seededMetadata(platform), price: parseEther('0.001'), stock: 5 });
  const refused: string[] = [];
  await page.route((url) => url.href.startsWith(platform.subgraph), (route) => (refused.push(route.request().url()), route.abort()));

  // By link: the product page from the chain, with its live terms and the shop's name from its profile.
  await visit(`product/?id=${id}`);
  await expect(page.getByTestId('index-banner')).toContainText('索引服务暂时无法访问');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('from-chain')).toBeVisible();
  await expect(page.getByTestId('price')).toHaveText('0.001 ETH');
  await expect(page.getByTestId('stock')).toContainText('5');
  await expect(page.locator('.summary')).toContainText('西湖茶园');
  await noEnglishErrors(page);

  // The degraded home lists the newest listings rebuilt from the catalog's events, and says so.
  await visit('');
  await expect(page.getByTestId('newest-heading')).toContainText('直接来自区块链');
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: 'test-results/shots/no-subgraph-zh-CN-390.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/shots/no-subgraph-zh-CN-1280.png' });
  await noEnglishErrors(page);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page).toHaveURL(new RegExp(`/product/\\?id=${id}$`));

  // The search degrades the same way.
  await visit(`search/?q=${encodeURIComponent(title)}`);
  await expect(page.getByTestId('from-chain')).toContainText('最近上架');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await noEnglishErrors(page);

  // Checkout from the chain's terms; the payment itself never needed the index.
  await visit(`product/?id=${id}`);
  await page.getByTestId('buy').click();
  await expect(page).toHaveURL(new RegExp(`/checkout/\\?listing=${id}$`));
  await page.locator('body[data-hydrated="true"]').waitFor();
  await connect();
  await expect(page.getByTestId('unit-price')).toHaveText('0.001 ETH');
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
  await noEnglishErrors(page);
  await page.getByTestId('pay').click();

  // The order page follows the order from the chain.
  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  const orderId = new URL(page.url()).searchParams.get('id')!;
  await expect(page.getByTestId('chain-fallback')).toHaveText('索引服务无法访问；显示链上数据。');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Paid');
  await expect(page.getByTestId('index-banner')).toBeVisible();
  await noEnglishErrors(page);
  expect(refused.length).toBeGreaterThan(0);
  const [, , , stock] = await clients(platform).public.readContract({ ...catalog(platform), functionName: 'listingOf', args: [id] });
  expect(stock).toBe(4);
  expect(Number(orderId)).toBeGreaterThan(0);

  // The same banner in English on the English site.
  const english = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 800 } });
  const en = await english.newPage();
  await en.route((url) => url.href.startsWith(platform.subgraph), (route) => route.abort());
  await en.goto(new URL(`product/?id=${id}`, platform.site).toString());
  await expect(en.getByTestId('index-banner')).toContainText('The index service cannot be reached');
  await expect(en.getByTestId('price')).toHaveText('0.001 ETH');
  await en.screenshot({ path: 'test-results/shots/no-subgraph-en-1280.png' });
  await en.setViewportSize({ width: 390, height: 800 });
  await en.screenshot({ path: 'test-results/shots/no-subgraph-en-390.png' });
  await english.close();
});

// ---- The seller's, the arbiter's and the points pages without the index ----

const refuseIndex = (page: Page, p: Platform) => page.route((url) => url.href.startsWith(p.subgraph), (route) => route.abort());

/** merchantKey lists a 40 tUSD item; a fresh buyer checks out one unit (prior approval); optionally opens a dispute. */
async function placeOrder(p: Platform, merchantKey: Hex, dispute: boolean): Promise<{ id: bigint; terms: OrderTerms; buyerKey: Hex }> {
  const c = clients(p);
  const tUSD = p.deployment.contracts.SettlementToken.address as Address;
  const send = async (key: Hex, address: Address, abi: unknown, functionName: string, args: readonly unknown[]) => {
    const wallet = c.wallet(key);
    const hash = await wallet.writeContract({ address, abi, functionName, args, account: wallet.account, chain: wallet.chain } as never);
    const receipt = await c.public.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    return receipt;
  };
  const price = parseUnits('40', 6);
  const listingId = await createListing(merchantKey, { title: `无索引争议茶 ${Date.now()}`, category: 'tea', metadataURI: await seededMetadata(p), price, stock: 5, token: tUSD });
  const [, arbiter, rewardBps, autoReleaseWindow] = await c.public.readContract({ ...catalog(p), functionName: 'merchantOf', args: [addressOf(merchantKey)] });
  const [, , , , , shipWithin] = await c.public.readContract({ ...catalog(p), functionName: 'listingOf', args: [listingId] });
  const buyerKey = generatePrivateKey();
  const buyer = addressOf(buyerKey);
  await c.test.setBalance({ address: buyer, value: parseEther('10') });
  const collector = p.deployment.contracts.ApprovalCollector.address as Address;
  await send(buyerKey, tUSD, testUsdcAbi, 'mint', [buyer, price]);
  await send(buyerKey, tUSD, testUsdcAbi, 'approve', [collector, price]);
  const line = { listingId, quantity: 1, unitPrice: price, shipWithin, arbiter, rewardBps, autoReleaseWindow, points: 0n, shippingInfo: '0x', proof: '0x' };
  const bought = await send(buyerKey, escrowAddress(p), chainMartEscrowAbi, 'checkout', [{ token: tUSD, lines: [line] }, { collector, data: '0x' }]);
  const [placed] = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: bought.logs });
  const { orderId: id, terms } = placed.args;
  if (dispute) {
    const statement = await ipfsAdd(JSON.stringify({ schema: 'chainmart.comment/1', lang: 'zh-CN', text: '茶叶发霉了' }), p);
    await send(buyerKey, escrowAddress(p), chainMartEscrowAbi, 'openDispute', [id, terms, statement]);
    // The merchant offers to give the buyer 10 tUSD back; the arbiter's list shows the offer.
    const { timestamp } = await c.public.getBlock();
    await send(merchantKey, escrowAddress(p), chainMartEscrowAbi, 'offerSettlement', [id, terms, parseUnits('10', 6), Number(timestamp) + 86400]);
  }
  return { id, terms, buyerKey };
}
const escrowAddress = (p: Platform) => p.deployment.contracts.ChainMartEscrow.address as Address;

test.describe('the arbiter (#9) without the index', () => {
  test.use({ walletKey: KEYS.arbiter });
  test('sees the dispute and the merchant’s settlement offer rebuilt from the chain and rules, in Chinese', async ({ page, platform, visit, connect }) => {
    const { id } = await placeOrder(platform, KEYS.merchantA, true);
    await refuseIndex(page, platform);
    await visit('arbiter/');
    await connect();
    await expect(page.getByTestId('index-banner')).toContainText('索引服务暂时无法访问');
    await expect(page.getByTestId('disputes-from-chain')).toContainText('链上托管合约的事件');
    const item = page.locator(`[data-dispute="${id}"]`);
    await expect(item).toHaveAttribute('data-open', 'true');
    await expect(item.getByTestId('offer')).toContainText('1 个和解提议；最新一个给买家 10 tUSD');
    await noEnglishErrors(page);
    await page.screenshot({ path: 'test-results/shots/no-subgraph-arbiter-zh-CN-1280.png' });
    await item.getByRole('link').first().click();
    // The dispute page has replaced the list (whose rows carry status badges too) once its ruling form shows.
    await expect(page.getByLabel('退还买家（tUSD）')).toBeVisible();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Disputed');
    await page.getByLabel('退还买家（tUSD）').fill('15');
    await page.getByTestId('rule-submit').click();
    await confirmInDialog(page, '裁决：退还买家 15 tUSD', { cash: '15 tUSD', merchant: '24.5 tUSD', fee: '0.5 tUSD' });
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Resolved');
    await noEnglishErrors(page);
  });
});

test.describe('merchant A (#1) without the index', () => {
  test.use({ walletKey: KEYS.merchantA });
  test('finds the new order in the list rebuilt from the chain and ships it, in Chinese', async ({ page, platform, visit, connect }) => {
    const { id } = await placeOrder(platform, KEYS.merchantA, false);
    await refuseIndex(page, platform);
    await visit('sell/orders/?status=toShip');
    await connect();
    await expect(page.getByTestId('orders-from-chain')).toContainText('链上托管合约的事件');
    const card = page.locator(`[data-order="${id}"]`);
    await expect(card).toBeVisible();
    await noEnglishErrors(page);
    await page.screenshot({ path: 'test-results/shots/no-subgraph-sellorders-zh-CN-1280.png' });
    await card.getByRole('link', { name: new RegExp(`${id}`) }).click();
    const ship = page.getByTestId('ship-form');
    await ship.getByLabel('承运商').fill('顺丰速运');
    await ship.getByLabel('运单号').fill(`SF${Date.now()}`);
    await ship.getByRole('button', { name: '确认发货' }).click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Shipped');
    await noEnglishErrors(page);
  });
});

/** merchantKey gives `amount` back to the order's buyer (a partial refund keeps the order running). */
async function refund(p: Platform, merchantKey: Hex, id: bigint, terms: OrderTerms, amount: bigint) {
  const c = clients(p);
  const wallet = c.wallet(merchantKey);
  const hash = await wallet.writeContract({ address: escrowAddress(p), abi: chainMartEscrowAbi, functionName: 'refund', args: [id, terms, amount], account: wallet.account, chain: wallet.chain });
  expect((await c.public.waitForTransactionReceipt({ hash })).status).toBe('success');
}

/** Clicks the earnings page's CSV button and returns the downloaded file's lines (the byte order mark kept). */
async function downloadCsv(page: Page, button: string): Promise<string[]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return (await readFile((await (await download).path())!, 'utf8')).split('\r\n');
}

test.describe('merchant A (#1) without the index, its books and shop', () => {
  test.use({ walletKey: KEYS.merchantA });
  test('downloads the orders CSV and sees the sales chart rebuilt from the chain, a partial refund counted as the index counts it, in Chinese', async ({ page, platform, visit, connect }) => {
    const { id, terms } = await placeOrder(platform, KEYS.merchantA, false);
    await refund(platform, KEYS.merchantA, id, terms, parseUnits('5', 6));
    await refuseIndex(page, platform);
    await visit('sell/earnings/');
    await connect();
    await expect(page.getByTestId('index-banner')).toContainText('索引服务暂时无法访问');
    const lines = await downloadCsv(page, '下载 CSV');
    expect(lines[0]).toBe('\uFEFF订单号,下单时间（UTC）,商品编号,商品,数量,币种,代币合约地址,下单金额,已退款,净额,平台手续费,状态,买家地址');
    const row = lines.find((line) => line.startsWith(`${id},`));
    expect(row, `order ${id} in\n${lines.slice(-3).join('\n')}`).toBeDefined();
    const cells = row!.split(',');
    expect(cells[3]).toMatch(/^无索引争议茶 \d+$/);
    expect(cells.slice(4)).toEqual(['1', 'tUSD', platform.deployment.contracts.SettlementToken.address.toLowerCase(), '40', '5', '35', '', '已付款，待发货（部分退款）', terms.buyer.toLowerCase()]);
    await expect(page.getByTestId('export-done')).toHaveText(`已导出 ${lines.length - 2} 笔订单。`);
    await expect(page.getByTestId('export-from-chain')).toContainText('根据链上托管合约的事件生成');

    // The sales chart summed from the escrow's events: today's tUSD row is the index's own MerchantDayData row.
    await expect(page.getByTestId('sales-from-chain')).toContainText('根据链上托管合约的事件汇总');
    const today = Math.floor(Number((await clients(platform).public.getBlock()).timestamp) / 86_400) * 86_400;
    await waitForIndexer(platform);
    const indexed = await fetch(platform.subgraph, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ merchantDayDatas(where: { merchant: "${terms.merchant.toLowerCase()}", date: ${today}, token: "${terms.token.toLowerCase()}" }) { volume orders } }` }),
    });
    const [day] = ((await indexed.json()) as { data: { merchantDayDatas: { volume: string; orders: number }[] } }).data.merchantDayDatas;
    expect(day.orders).toBeGreaterThan(0);
    const todayRow = page.getByTestId('sales-table-tUSD').locator(`tr[data-date="${today}"]`);
    await expect(todayRow).toHaveAttribute('data-orders', String(day.orders));
    await expect(todayRow).toHaveAttribute('data-volume', day.volume);
    await noEnglishErrors(page);
    await page.getByRole('heading', { name: '导出订单（CSV）' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/shots/no-subgraph-csv-zh-CN-1280.png' });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('heading', { name: '导出订单（CSV）' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/shots/no-subgraph-csv-zh-CN-390.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await axeClean(page);
  });

  test('sees the shop and its listings on the dashboard rebuilt from the chain, in Chinese', async ({ page, platform, visit, connect }) => {
    const title = `无索引后台龙井 ${Date.now()}`;
    const id = await createListing(KEYS.merchantA, { title, category: 'tea', metadataURI: await seededMetadata(platform), price: parseEther('0.003'), stock: 7 });
    await refuseIndex(page, platform);
    await visit('sell/');
    await connect();
    await expect(page.getByTestId('index-banner')).toContainText('索引服务暂时无法访问');
    await expect(page.getByTestId('merchant-profile').getByRole('heading')).toHaveText('西湖茶园');
    await expect(page.getByTestId('listings-from-chain')).toContainText('直接读取自区块链');
    const row = page.locator(`[data-listing="${id}"]`);
    await expect(row.getByRole('link', { name: title })).toBeVisible();
    await expect(row).toContainText('0.003 ETH');
    await expect(row).toContainText('库存 7');
    // The chain does not count sales: no "sold 0" that the index would contradict.
    await expect(row).not.toContainText('已售');
    await expect(row.getByRole('button', { name: '补货' })).toBeEnabled();
    await noEnglishErrors(page);
    await page.screenshot({ path: 'test-results/shots/no-subgraph-sell-zh-CN-1280.png' });
    await axeClean(page);
  });

  test.describe('in English', () => {
    test.use({ locale: 'en' });
    test('the CSV built from the chain says so', async ({ page, platform, visit, connect }) => {
      await refuseIndex(page, platform);
      await visit('sell/earnings/');
      await connect();
      const lines = await downloadCsv(page, 'Download CSV');
      expect(lines[0]).toBe('\uFEFFOrder ID,Date (UTC),Listing ID,Listing,Quantity,Currency,Token address,Amount paid,Refunded,Net amount,Platform fee,Status,Buyer');
      expect(lines.length).toBeGreaterThan(2);
      await expect(page.getByTestId('export-from-chain')).toContainText('built from the escrow contract’s events');
      await page.getByRole('heading', { name: 'Export orders (CSV)' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/shots/no-subgraph-csv-en-1280.png' });
      await page.setViewportSize({ width: 390, height: 800 });
      await page.getByRole('heading', { name: 'Export orders (CSV)' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/shots/no-subgraph-csv-en-390.png' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await axeClean(page);
    });
  });
});

test('the points page reads the balance from the points contract without the index, in Chinese', async ({ page, platform, visit }) => {
  const c = clients(platform);
  const points = platform.deployment.contracts.ChainMartPoints.address as Address;
  // The seeded account holding the most points (the seed completes orders, which mint them).
  const balances = await Promise.all(Object.values(KEYS).map(async (key) => ({ account: addressOf(key as Hex), balance: await c.public.readContract({ address: points, abi: chainMartPointsAbi, functionName: 'balanceOf', args: [addressOf(key as Hex)] }) })));
  const richest = balances.sort((a, b) => (b.balance > a.balance ? 1 : -1))[0];
  expect(richest.balance).toBeGreaterThan(0n);
  await refuseIndex(page, platform);
  await visit(`points/?account=${richest.account}`);
  await expect(page.getByTestId('points-from-chain')).toBeVisible();
  await expect(page.getByTestId('points-balance')).toContainText(formatUnits(richest.balance, 6));
  await noEnglishErrors(page);
});

/**
 * An honest lag: the index's real answers, with `_meta.block.number` put `lag` blocks behind the chain head
 * (read again for every answer, so the lag stays the same while the test's own writes mine blocks). The chain
 * must be taller than `lag` (the callers mine first): a fresh test chain has only a few dozen blocks, and a
 * rewrite clamped at block 0 is less than MAX_LAG_BLOCKS behind, which the site rightly calls healthy.
 */
async function lagIndex(page: Page, p: Platform, lag: number): Promise<string[]> {
  const rewritten: string[] = [];
  await page.route(
    (url) => url.href.startsWith(p.subgraph),
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data?: { _meta?: { block?: { number: number } } } };
      if (body.data?._meta?.block) {
        const head = Number(await clients(p).public.getBlockNumber());
        body.data._meta.block.number = head - lag;
        rewritten.push(`${head - lag} (head ${head})`);
      }
      await route.fulfill({ response, json: body });
    },
  );
  return rewritten;
}

test('with the index 100 blocks behind the banner says so, the product page still sells and the buyer follows the order', async ({ page, platform, visit, connect }) => {
  const title = `落后索引龙井 ${Date.now()}`;
  const id = await createListing(KEYS.merchantA, { title, category: 'tea', metadataURI: await seededMetadata(platform), price: parseEther('0.002'), stock: 3 });
  const { public: chain, test: anvil } = clients(platform);
  if ((await chain.getBlockNumber()) < 200n) await anvil.mine({ blocks: 200 });
  await waitForIndexer(platform);
  const rewritten = await lagIndex(page, platform, 100);

  await visit(`product/?id=${id}`);
  const banner = page.getByTestId('index-banner');
  await expect(banner).toHaveAttribute('data-state', 'behind');
  await expect(banner).toContainText('索引服务落后区块链 100 个区块');
  expect(rewritten.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('price')).toHaveText('0.002 ETH');
  await expect(page.getByTestId('buy')).toBeEnabled();
  await noEnglishErrors(page);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: 'test-results/shots/no-subgraph-behind-zh-CN-390.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await axeClean(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/shots/no-subgraph-behind-zh-CN-1280.png' });

  await page.getByTestId('buy').click();
  await expect(page).toHaveURL(new RegExp(`/checkout/\\?listing=${id}$`));
  await page.locator('body[data-hydrated="true"]').waitFor();
  await connect();
  await expect(page.getByTestId('unit-price')).toHaveText('0.002 ETH');
  for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
  await noEnglishErrors(page);
  await page.getByTestId('pay').click();

  await expect(page).toHaveURL(/\/orders\/\?id=\d+$/);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Paid');
  await expect(banner).toHaveAttribute('data-state', 'behind');
  await noEnglishErrors(page);
  const [, , , stock] = await chain.readContract({ ...catalog(platform), functionName: 'listingOf', args: [id] });
  expect(stock).toBe(2);
});

test.describe('in English', () => {
  test.use({ locale: 'en' });
  test('with the index 100 blocks behind the banner gives the number', async ({ page, platform, visit }) => {
    const { public: chain, test: anvil } = clients(platform);
    if ((await chain.getBlockNumber()) < 200n) await anvil.mine({ blocks: 200 });
    await lagIndex(page, platform, 100);
    await visit('');
    const banner = page.getByTestId('index-banner');
    await expect(banner).toContainText('The index service is 100 blocks behind the blockchain');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/shots/no-subgraph-behind-en-1280.png' });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: 'test-results/shots/no-subgraph-behind-en-390.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await axeClean(page);
  });
});
