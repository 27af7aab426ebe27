// Transparency and verification: the transparency page shows the subgraph's Platform figures; the verify page
// says "match" for a real order and transaction, and detects a subgraph that answers wrongly (the test puts
// a tampering proxy in front of the GraphQL endpoint with page.route).
import AxeBuilder from '@axe-core/playwright';
import { type Address, type Hex, parseEther, parseEventLogs } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { chainMartCatalogAbi, chainMartEscrowAbi } from '../../web/lib/contracts/generated/abi.ts';
import { formatAmount, formatDuration } from '../../web/lib/format/format.ts';
import { median } from '../../web/lib/stats/stats.ts';
import { expect, test } from './fixtures.ts';
import { buyListing, waitForIndexer } from './market.ts';
import { KEYS, addressOf, clients, platform } from './platform.ts';

async function subgraph<T>(query: string): Promise<T> {
  const response = await fetch(platform().subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()).data as T;
}

/** An ETH order of merchant B, placed by a generated buyer and shipped: its id and its transactions. */
async function shippedOrder(): Promise<{ id: bigint; price: bigint; placedTx: Hex }> {
  const p = platform();
  const c = clients(p);
  const { ChainMartCatalog, ChainMartEscrow } = p.deployment.contracts;
  async function send(key: Hex, to: { address: Address; abi: unknown }, functionName: string, args: readonly unknown[]) {
    const wallet = c.wallet(key);
    const hash = await wallet.writeContract({ ...to, functionName, args, account: wallet.account, chain: wallet.chain } as never);
    const receipt = await c.public.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    return receipt;
  }
  const price = parseEther('0.02');
  const { listings } = await subgraph<{ listings: { metadataURI: string }[] }>('{ listings(first: 1) { metadataURI } }');
  const created = await send(KEYS.merchantB, { address: ChainMartCatalog.address, abi: chainMartCatalogAbi }, 'createListing', [
    { token: '0x0000000000000000000000000000000000000000', price, stock: 5, maxPerOrder: 1, shipWithin: 86400, title: `E2E verify vase ${Date.now()}`, category: 'ceramics', metadataURI: listings[0].metadataURI },
  ]);
  const [listing] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: created.logs });
  const buyerKey = generatePrivateKey();
  await c.test.setBalance({ address: addressOf(buyerKey), value: parseEther('1') });
  const { orderId, terms, receipt } = await buyListing(p, buyerKey, listing.args.listingId, 1);
  await send(KEYS.merchantB, { address: ChainMartEscrow.address, abi: chainMartEscrowAbi }, 'ship', [orderId, terms, 'EMS', `EMS-${orderId}`]);
  await waitForIndexer(p);
  return { id: orderId, price, placedTx: receipt.transactionHash };
}

test('the transparency page shows the figures of the subgraph Platform entity', async ({ page, visit }) => {
  await waitForIndexer();
  await visit('transparency/');
  await expect(page.getByTestId('fig-orderCount')).not.toBeEmpty();
  type PlatformData = {
    platform: { orderCount: number; completedCount: number; refundedCount: number; cancelledCount: number; merchantCount: number; listingCount: number; feeBps: number; disputesOpened: number; disputesResolved: number; pointsSupply: string; pointsReserve: string };
    tokens: { id: string; symbol: string; decimals: number; volume: string; fees: string }[];
    disputes: { openedAt: string; resolvedAt: string }[];
  };
  const { platform: p, tokens, disputes } = await subgraph<PlatformData>(
    `{ platform(id: "platform") { orderCount completedCount refundedCount cancelledCount merchantCount listingCount feeBps disputesOpened disputesResolved pointsSupply pointsReserve }
       tokens { id symbol decimals volume fees } disputes(first: 1000, where: { resolvedAt_not: null }) { openedAt resolvedAt } }`,
  );
  await expect(page.getByTestId('fig-orderCount')).toHaveText(String(p.orderCount));
  await expect(page.getByTestId('fig-completedCount')).toHaveText(String(p.completedCount));
  await expect(page.getByTestId('fig-refundedCancelled')).toHaveText(`${p.refundedCount} / ${p.cancelledCount}`);
  await expect(page.getByTestId('fig-merchantCount')).toHaveText(String(p.merchantCount));
  await expect(page.getByTestId('fig-listingCount')).toHaveText(String(p.listingCount));
  await expect(page.getByTestId('fig-feeBps')).toHaveText(`${p.feeBps / 100}%`);
  await expect(page.getByTestId('fig-disputes')).toHaveText(`${p.disputesOpened} / ${p.disputesResolved}`);
  const rate = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(p.disputesOpened / p.orderCount);
  await expect(page.getByTestId('fig-disputeRate')).toHaveText(rate);
  expect(disputes.length).toBeGreaterThan(0);
  const medianSeconds = median(disputes.map((d) => Number(d.resolvedAt) - Number(d.openedAt)))!;
  await expect(page.getByTestId('fig-medianResolution')).toHaveText(formatDuration(medianSeconds, 'en'));
  await expect(page.getByTestId('fig-pointsSupply')).toHaveText(formatAmount(p.pointsSupply, 6, 'points', 'en'));
  await expect(page.getByTestId('fig-pointsReserve')).toHaveText(formatAmount(p.pointsReserve, 6, 'tUSD', 'en'));
  for (const t of tokens) {
    const row = page.getByTestId('tr-tokens').locator(`tr[data-token="${t.symbol}"]`);
    await expect(row.getByTestId('volume')).toHaveText(formatAmount(t.volume, t.decimals, t.symbol, 'en'));
    await expect(row.getByTestId('fees')).toHaveText(formatAmount(t.fees, t.decimals, t.symbol, 'en'));
  }

  // Charts are images with a text alternative, and a table with the same numbers.
  const orders = page.getByTestId('chart-orders');
  await expect(orders.getByRole('img', { name: /Orders per day/ })).toBeVisible();
  await orders.getByText('Show as a table').click();
  const rows = orders.getByTestId('table-orders').locator('tbody tr');
  const values = await rows.locator('td').allTextContents();
  const days = await subgraph<{ platformDayDatas: { orders: number }[] }>('{ platformDayDatas(first: 1000) { orders } }');
  // Every order of the last 60 days is in the table (the demo data and this run are all within 60 days).
  expect(values.reduce((sum, v) => sum + Number(v.replace(/,/g, '')), 0)).toBe(days.platformDayDatas.reduce((sum, d) => sum + d.orders, 0));
  await expect(page.getByTestId('chart-volume-tUSD').locator('svg rect').first()).toBeAttached();
});

test('the verify page says match for a real order and its transaction, and shows the build', async ({ page, visit }) => {
  const order = await shippedOrder();
  await visit('verify/');
  await page.getByTestId('verify-input').fill(String(order.id));
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=order%3A${order.id}`));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'match');
  await expect(page.getByTestId('verdict')).toContainText('Match');
  // Above the raw table, the order in plain words: a status name, dates, a percent, not `status 2` or unix times.
  await expect(page.getByTestId('verdict-plain')).toHaveText(`You can rely on this: what the site shows for Order #${order.id} is exactly what the blockchain records.`);
  const readable = page.getByTestId('verify-readable');
  await expect(readable.locator('dd[data-field="status"]')).toHaveText('Shipped');
  await expect(readable.locator('dd[data-field="feeBps"]')).toHaveText(/^\d+(\.\d+)?%$/);
  await expect(readable.locator('dd[data-field="placedAt"]')).toHaveText(/20\d\d/);
  await expect(readable.locator('dd[data-field="placedAt"]')).not.toHaveText(/^\d{9,}$/);
  await expect(readable.locator('dd[data-field="disputedAt"]')).toHaveText('not yet');
  await expect(readable.locator('dd[data-field="amount"]')).toHaveText(/ ETH$/);
  const rows = page.getByTestId('verify-rows').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(15);
  await expect(page.getByTestId('verify-rows').locator('tr[data-verdict="mismatch"]')).toHaveCount(0);
  await expect(page.locator('tr[data-field="amount"] [data-testid="chain-value"]')).toHaveText(order.price.toString());
  await expect(page.locator('tr[data-field="trackingRef"] [data-testid="subgraph-value"]')).toHaveText(`EMS-${order.id}`);
  await expect(page.getByTestId('verify-events').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('verify-events').locator('tr[data-verdict="mismatch"]')).toHaveCount(0);
  await expect(page.getByTestId('verify-txs')).toContainText(order.placedTx);

  // The placing transaction, from the link on the page: receipt logs vs the subgraph's event entities.
  await page.getByTestId('verify-txs').locator('li').first().getByRole('link', { name: 'verify this transaction' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${order.placedTx}`));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'match');
  await expect(page.locator('[data-testid="log"][data-event="OrderPlaced"]')).toHaveAttribute('data-verdict', 'match');
  await expect(page.getByTestId('verify-input')).toHaveValue(order.placedTx);

  // A merchant and a listing match too.
  await visit(`verify/?q=${addressOf(KEYS.merchantB)}`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'match');
  await expect(page.locator('tr[data-field="registered"] [data-testid="chain-value"]')).toHaveText('true');
  await visit('verify/?q=listing:1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'match');
  await expect(page.getByTestId('verify-readable').locator('dd[data-field="paused"]')).toHaveText(/^(yes|no)$/);

  const build = page.getByTestId('build-info');
  await expect(build.getByTestId('build-cid')).toHaveText('not served from an IPFS gateway');
  await expect(build.getByTestId('build-command')).toContainText('npm ci && npm run verify:site -- <cid> --network');
  const commit = (await build.getByTestId('build-commit').textContent())!.trim();
  if (commit !== 'unknown') await expect(build.getByTestId('build-command')).toContainText(`git checkout ${commit}`);

  await visit('verify/?q=nonsense');
  await expect(page.getByTestId('verify-bad')).toBeVisible();
});

test('the verify page detects a subgraph that answers wrongly', async ({ page, visit, platform: p }) => {
  const order = await shippedOrder();
  const tampered: string[] = [];
  await page.route(
    (url) => url.href.startsWith(p.subgraph),
    async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (body?.data?.order) {
        body.data.order.amount = '1';
        body.data.order.status = 4;
        body.data.order.quantity = '2';
        tampered.push('order');
      }
      for (const e of body?.data?.orderEvents ?? []) {
        if (e.__typename === 'OrderPlacedEvent') {
          e.amount = '1';
          tampered.push('event');
        }
      }
      await route.fulfill({ response, json: body });
    },
  );

  await visit(`verify/?q=order:${order.id}`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(page.getByTestId('verdict')).toContainText('Mismatch');
  const amount = page.locator('tr[data-field="amount"]');
  await expect(amount).toHaveAttribute('data-verdict', 'mismatch');
  await expect(amount.getByTestId('subgraph-value')).toHaveText('1');
  await expect(amount.getByTestId('chain-value')).toHaveText(order.price.toString());
  await expect(page.locator('tr[data-field="status"]')).toHaveAttribute('data-verdict', 'mismatch');
  // The escrow itself judges the subgraph's copy: its terms (quantity 2) key differently from the order's, and
  // the escrow stores no state under them.
  await expect(page.locator('tr[data-field="quantity"]')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(page.locator('tr[data-field="orderKey"]')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(page.locator('tr[data-field="storedState"]')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(page.locator('tr[data-field="storedState"]').getByTestId('chain-value')).toHaveText('—');
  await expect(page.locator('tr[data-field="buyer"]')).toHaveAttribute('data-verdict', 'match');

  await visit(`verify/?q=${order.placedTx}`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'mismatch');
  const log = page.locator('[data-testid="log"][data-event="OrderPlaced"]');
  await expect(log).toHaveAttribute('data-verdict', 'mismatch');
  await expect(log.locator('tr[data-field="amount"]')).toHaveAttribute('data-verdict', 'mismatch');
  expect(tampered).toEqual(expect.arrayContaining(['order', 'event']));

  // The real subgraph agrees with the chain about the same order.
  const real = await subgraph<{ order: { amount: string; status: number } }>(`{ order(id: "${order.id}") { amount status } }`);
  expect(real.order).toEqual({ amount: order.price.toString(), status: 2 });
});

test('arbiter, transparency and verify pages: no axe violations, no sideways scrolling at 360 px', async ({ page, visit }) => {
  const { disputes } = await subgraph<{ disputes: { id: string }[] }>('{ disputes(first: 1) { id } }');
  const pages = ['transparency/', 'verify/?q=order:1', 'verify/?q=listing:2', 'arbiter/', `arbiter/?id=${disputes[0].id}`];
  for (const path of pages) {
    await visit(path);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of pages) {
    await visit(path);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `/${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});

test('the verify page reads in Chinese too', async ({ browser, platform: p }) => {
  const order = await shippedOrder();
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(new URL(`verify/?q=order:${order.id}`, p.site).toString());
  await expect(page.getByTestId('verdict-plain')).toContainText('可以放心');
  const readable = page.getByTestId('verify-readable');
  await expect(readable.getByText('订单状态')).toBeVisible();
  await expect(readable.locator('dd[data-field="status"]')).toHaveText('已发货');
  await expect(readable.locator('dd[data-field="disputedAt"]')).toHaveText('尚未发生');
  await context.close();
});
