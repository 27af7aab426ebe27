// My orders: the buyer's order pages against the real contracts and indexer. Every test places its own
// orders from Node (fresh buyers, listings created here by merchant A), acts in the browser, and checks the
// chain and the subgraph as well as what the page shows. Orders are placed through the escrow's checkout; every
// later call passes the order's terms; refunds land in the buyer's wallet.
import { type Address, type Hex, parseEther, parseEventLogs, parseUnits, zeroAddress } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { type ChainSource, orderFromChain } from '../../web/lib/orders/chain.ts';
import { waitForIndexedBlock } from '../../web/lib/graphql/indexer.ts';
import type { OrderStruct } from '../../web/lib/chain/order.ts';
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { buyListing, mintUsdc } from './market.ts';
import { confirmInDialog } from './confirm.ts';
import { KEYS, addressOf, advanceTime, clients, platform } from './platform.ts';

const HOUR = 3600;
/** A 1×1 PNG: a photo as far as the site's byte sniffing and the browser are concerned. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The image is shown and its bytes arrived from the IPFS gateway (not just its alt text). */
async function expectLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
}

function market() {
  const p = platform();
  const c = clients(p);
  const escrow = p.deployment.contracts.ChainMartEscrow.address;
  const catalog = p.deployment.contracts.ChainMartCatalog.address;
  const tUSD = p.deployment.contracts.SettlementToken.address;
  const source: ChainSource = {
    client: c.public as never,
    escrow,
    catalog,
    startBlock: 0,
    settlementToken: { address: tUSD, symbol: 'tUSD', decimals: 6 },
  };
  /** A write to the escrow unless `address` and `abi` say otherwise. */
  async function send(key: Hex, request: { functionName: string; args: readonly unknown[]; value?: bigint; address?: Address; abi?: unknown }) {
    const wallet = c.wallet(key);
    const hash = await wallet.writeContract({ address: escrow, abi: chainMartEscrowAbi, ...request, account: wallet.account, chain: wallet.chain } as never);
    const receipt = await c.public.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    return receipt;
  }
  async function indexed(block: bigint) {
    expect(await waitForIndexedBlock(p.subgraph, block, { timeoutMs: 30_000 })).toBe(true);
  }
  async function order(id: bigint): Promise<OrderStruct> {
    const o = await orderFromChain(source, id);
    expect(o?.verified).toBe(true);
    return o!.struct;
  }
  async function subgraph<T>(query: string): Promise<T> {
    const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await response.json()).data as T;
  }
  async function credit(account: Address, token: Address) {
    return c.public.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'creditOf', args: [account, token] });
  }
  async function tusdBalance(account: Address) {
    return c.public.readContract({ address: tUSD, abi: testUsdcAbi, functionName: 'balanceOf', args: [account] });
  }
  /** A listing of merchant A with a one-hour shipping window, in ETH or tUSD. */
  async function listing(token: 'eth' | 'tusd', title: string): Promise<{ id: bigint; price: bigint }> {
    const price = token === 'eth' ? parseEther('0.01') : parseUnits('40', 6);
    const { listings } = await subgraph<{ listings: { metadataURI: string }[] }>('{ listings(first: 1) { metadataURI } }');
    const receipt = await send(KEYS.merchantA, {
      address: catalog,
      abi: chainMartCatalogAbi,
      functionName: 'createListing',
      args: [{ token: token === 'eth' ? zeroAddress : tUSD, price, stock: 50, maxPerOrder: 5, shipWithin: HOUR, title, category: 'tea', metadataURI: listings[0].metadataURI }],
    });
    const [created] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
    return { id: created.args.listingId, price };
  }
  /** The buyer buys one unit in a one-line cart (minting tUSD first when needed); optionally the merchant ships. */
  async function place(buyerKey: Hex, l: { id: bigint; price: bigint }, token: 'eth' | 'tusd', ship = false): Promise<bigint> {
    if (token === 'tusd') await mintUsdc(p, addressOf(buyerKey), l.price);
    const { orderId: id, terms, receipt } = await buyListing(p, buyerKey, l.id, 1);
    let last = receipt.blockNumber;
    if (ship) last = (await send(KEYS.merchantA, { functionName: 'ship', args: [id, terms, 'SF Express 顺丰', `SF-E2E-${id}`] })).blockNumber;
    await indexed(last);
    return id;
  }
  return { p, c, escrow, tUSD, send, order, subgraph, credit, tusdBalance, listing, place, indexed };
}

type SubgraphOrder = { order: { status: number; flags: number; events: { __typename: string; by?: string }[]; review: { rating: number } | null } };
const orderQuery = (id: bigint) =>
  `{ order(id: "${id}") { status flags review { rating } events(first: 50) { __typename ... on OrderCompletedEvent { by } ... on DisputeResolvedEvent { by } } } }`;

test.describe('buyer fresh2', () => {
  test.use({ walletKey: KEYS.fresh2 });

  test('confirm receipt, then review: the review shows on the listing page', async ({ page, visit, connect }) => {
    const mk = market();
    const l = await mk.listing('eth', `E2E review tea ${Date.now()}`);
    const id = await mk.place(KEYS.fresh2, l, 'eth', true);

    await visit(`orders/?id=${id}`);
    await connect();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Shipped');
    await expect(page.getByTestId('tracking')).toContainText(`SF-E2E-${id}`);
    await expect(page.getByTestId('chain-fallback')).toHaveCount(0);
    expect((await mk.order(id)).feeBps).toBe(200);

    // The first tap only asks: going back (Escape) sends nothing, and a double click cannot confirm.
    const confirmButton = page.getByRole('button', { name: 'Confirm receipt', exact: true });
    const dialog = page.getByRole('dialog');
    await confirmButton.click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading')).toHaveText(`Confirm receipt of order #${id}?`);
    await expect(dialog).toContainText('This cannot be undone.');
    await expect(dialog.getByRole('button', { name: 'Go back' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(confirmButton).toBeFocused();
    await confirmButton.dblclick();
    await expect(dialog).toBeVisible();
    await page.waitForTimeout(1000);
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('tx-progress')).toHaveCount(0);
    expect((await mk.order(id)).status).toBe(2);

    // 0.01 ETH in escrow, the 2% fee snapshotted at checkout, no points on an ETH order.
    await confirmButton.click();
    await confirmInDialog(page, 'Confirm receipt and release 0.01 ETH', { merchant: '0.0098 ETH', fee: '0.0002 ETH' });
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Completed');
    await expect(page.getByTestId('timeline').locator('[data-event="OrderCompletedEvent"]')).toBeVisible();
    expect((await mk.order(id)).status).toBe(4);
    expect((await mk.subgraph<SubgraphOrder>(orderQuery(id))).order.status).toBe(4);

    const comment = `Lovely tea, arrived fast (${id})`;
    const form = page.getByTestId('review-form');
    await form.getByLabel('4 stars').check();
    await form.getByLabel('Comment (optional)').fill(comment);
    await form.getByLabel('Photos (optional, up to 3)').setInputFiles({ name: 'tea.png', mimeType: 'image/png', buffer: PNG });
    await expect(form.getByRole('img', { name: 'Photo 1' })).toBeVisible();
    await form.getByRole('button', { name: 'Publish review' }).click();
    await expect(page.getByText('You reviewed this order.')).toBeVisible();
    await expect(page.getByTestId('review-form')).toHaveCount(0);
    await expect(page.getByTestId('timeline').locator('[data-event="ReviewEvent"]')).toContainText(comment);
    expect((await mk.order(id)).flags & 1).toBe(1);
    expect((await mk.subgraph<SubgraphOrder>(orderQuery(id))).order.review?.rating).toBe(4);

    await visit(`product/?id=${l.id}`);
    await expect(page.getByTestId('reviews')).toContainText(comment);
    await expectLoaded(page.getByTestId('reviews').getByTestId('comment-photos').getByRole('img', { name: 'Photo 1' }));
  });

  test('the indexer is down: the order page reads the chain, says so, and actions still work', async ({ page, visit, connect, platform: p }) => {
    const mk = market();
    const l = await mk.listing('eth', `E2E fallback tea ${Date.now()}`);
    const id = await mk.place(KEYS.fresh2, l, 'eth', true);
    await page.route((url) => url.href.startsWith(p.subgraph), (route) => route.abort());

    await visit(`orders/?id=${id}`);
    await connect();
    await expect(page.getByTestId('chain-fallback')).toHaveText('The indexer is unreachable; showing what the chain says.');
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Shipped');
    await expect(page.getByTestId('tracking')).toContainText(`SF-E2E-${id}`);
    await expect(page.getByTestId('listing-link')).toContainText('E2E fallback tea');
    await expect(page.getByTestId('struct-mismatch')).toHaveCount(0);

    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    await confirmInDialog(page, 'Confirm receipt and release 0.01 ETH', { merchant: '0.0098 ETH', fee: '0.0002 ETH' });
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Completed');
    await expect(page.getByTestId('tx-progress')).toContainText('Waiting for the indexer');
    expect((await mk.order(id)).status).toBe(4);

    await visit('orders/');
    await expect(page.getByTestId('chain-fallback')).toBeVisible();
    await expect(page.locator(`[data-order="${id}"]`).getByTestId('status')).toHaveAttribute('data-status', 'Completed');
  });
});

test.describe('buyer fresh3', () => {
  test.use({ walletKey: KEYS.fresh3 });

  test('dispute with a photo, the merchant offers a split, the buyer accepts it in Chinese with one confirmation; the refund lands in the wallet', async ({ page, visit, connect, wallet }) => {
    const mk = market();
    const buyer = addressOf(KEYS.fresh3);
    const merchant = addressOf(KEYS.merchantA);
    const l = await mk.listing('tusd', `E2E dispute tea ${Date.now()}`);
    const id = await mk.place(KEYS.fresh3, l, 'tusd', true);
    const buyerCredit = await mk.credit(buyer, mk.tUSD);
    const merchantCredit = await mk.credit(merchant, mk.tUSD);
    const walletBefore = await mk.tusdBalance(buyer);

    // The buyer opens the dispute with words and a photo of the crushed box.
    await visit(`orders/?id=${id}`);
    await connect();
    const statement = `The box arrived crushed (${id})`;
    const opening = page.getByTestId('dispute-form');
    await opening.getByLabel('Your statement').fill(statement);
    await opening.getByLabel('Photos (optional, up to 6)').setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: PNG });
    await expect(opening.getByRole('img', { name: 'Photo 1' })).toBeVisible();
    await opening.getByRole('button', { name: 'Open a dispute' }).click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Disputed');
    const thread = page.getByTestId('dispute-thread');
    await expect(thread.locator('[data-kind="statement"]')).toContainText(statement);
    await expectLoaded(thread.locator('[data-kind="statement"]').getByRole('img', { name: 'Photo 1' }));
    expect((await mk.order(id)).status).toBe(3);

    // The merchant proposes 25 of the 40 tUSD back from its own order page; the 2% fee only on its 15.
    await wallet.switchAccount(KEYS.merchantA);
    await visit(`sell/orders/?id=${id}`);
    await connect();
    await expect(page.getByTestId('dispute-thread').locator('[data-kind="statement"]')).toContainText(statement);
    const propose = page.getByTestId('propose-form');
    await propose.getByTestId('propose-amount').fill('41');
    await propose.getByRole('button', { name: 'Publish the offer' }).click();
    await expect(propose.getByRole('alert')).toHaveText('That is more than the 40 tUSD in escrow.');
    await propose.getByTestId('propose-amount').fill('25');
    await expect(propose.getByTestId('propose-split')).toHaveText('Buyer gets back 25 tUSD; merchant gets 14.7 tUSD after the 0.3 tUSD fee.');
    await propose.getByRole('button', { name: 'Publish the offer' }).click();
    const split = { cash: '25 tUSD', merchant: '14.7 tUSD', fee: '0.3 tUSD' };
    await confirmInDialog(page, 'Offer: 25 tUSD to the buyer', split);
    await expect(page.getByTestId('my-offer')).toContainText('You offered to refund 25 tUSD');
    const disputed = await mk.order(id);
    const { dispute } = await mk.subgraph<{ dispute: { offers: { by: string; buyerAmount: string; deadline: string }[] } }>(`{ dispute(id: "${id}") { offers { by buyerAmount deadline } } }`);
    expect(dispute.offers.map((o) => [o.by, o.buyerAmount])).toEqual([[merchant.toLowerCase(), '25000000']]);
    expect(Number(dispute.offers[0].deadline)).toBeGreaterThan(disputed.disputedAt);
    expect(Number(dispute.offers[0].deadline)).toBeLessThanOrEqual(disputed.disputedAt + 14 * 86_400);

    // The buyer, in Chinese on a phone, sees the offer on its order page and accepts it: one confirmation, one
    // transaction.
    await wallet.switchAccount(KEYS.fresh3);
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(`orders/?id=${id}`);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.locator('body[data-hydrated="true"]').waitFor();
    const offer = page.getByTestId('incoming-offer');
    await expect(offer.locator('.headline')).toHaveText('商家提议退还 25 tUSD');
    await expect(offer).toContainText('有效期至');
    await expectLoaded(page.getByTestId('dispute-thread').getByRole('img', { name: '照片 1' }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `the order page scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    const sentBefore = wallet.requests.filter((r) => r === 'eth_sendTransaction').length;
    await offer.getByRole('button', { name: '接受：退还 25 tUSD' }).click();
    await confirmInDialog(page, '接受：退还买家 25 tUSD', split);
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Resolved');
    await expect(page.getByTestId('dispute-thread').locator('[data-kind="resolved"]')).toBeVisible();
    expect(wallet.requests.filter((r) => r === 'eth_sendTransaction').length - sentBefore).toBe(1);
    // Nothing to copy or paste: no signature ever travelled between the two.
    expect(wallet.requests).not.toContain('eth_signTypedData_v4');
    await expect(page.getByTestId('paste-signature')).toHaveCount(0);

    expect((await mk.order(id)).status).toBe(7);
    const indexedOrder = (await mk.subgraph<SubgraphOrder>(orderQuery(id))).order;
    expect(indexedOrder.status).toBe(7);
    expect(indexedOrder.events.find((e) => e.__typename === 'DisputeResolvedEvent')?.by).toBe(buyer.toLowerCase());
    // The buyer's share went straight to its wallet; nothing is left to withdraw. The merchant's is a credit.
    expect(await mk.tusdBalance(buyer)).toBe(walletBefore + parseUnits('25', 6));
    expect(await mk.credit(buyer, mk.tUSD)).toBe(buyerCredit);
    expect(await mk.credit(merchant, mk.tUSD)).toBeGreaterThan(merchantCredit);

    await visit('orders/');
    await expect(page.locator(`[data-order="${id}"]`).getByTestId('refund-note')).toHaveAttribute('data-destination', 'wallet');
    await expect(page.locator(`[data-order="${id}"]`).getByTestId('refund-note')).toHaveText('25 tUSD 已退回你的钱包');
    await expect(page.getByTestId('transactions')).toContainText(`和解 订单 #${id}`);
  });
});

test.describe('buyer fresh4', () => {
  test.use({ walletKey: KEYS.fresh4 });

  test('cancel once the merchant is late: the button appears after the deadline and the refund lands in the wallet', async ({ page, visit, connect }) => {
    const mk = market();
    const buyer = addressOf(KEYS.fresh4);
    const l = await mk.listing('eth', `E2E late tea ${Date.now()}`);
    const id = await mk.place(KEYS.fresh4, l, 'eth', false);
    const creditBefore = await mk.credit(buyer, zeroAddress);
    const walletBefore = await mk.c.public.getBalance({ address: buyer });

    await visit(`orders/?id=${id}`);
    await connect();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Paid');
    await expect(page.getByRole('button', { name: 'Open a dispute' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel the order and get a refund' })).toHaveCount(0);

    await advanceTime(HOUR + 60);
    await page.reload();
    await page.locator('body[data-hydrated="true"]').waitFor();
    await page.getByRole('button', { name: 'Cancel the order and get a refund' }).click();
    await confirmInDialog(page, 'Cancel the order and get 0.01 ETH back', { cash: '0.01 ETH', stock: '+1' });
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Cancelled');
    expect((await mk.order(id)).status).toBe(6);
    expect((await mk.subgraph<SubgraphOrder>(orderQuery(id))).order.status).toBe(6);
    // The full price came back to the wallet (less the cancel's gas), not as a credit.
    expect(await mk.credit(buyer, zeroAddress)).toBe(creditBefore);
    const [cancelled] = await mk.c.public.getContractEvents({ address: mk.escrow, abi: chainMartEscrowAbi, eventName: 'OrderCancelled', args: { orderId: id }, fromBlock: 0n });
    expect(cancelled.args.cash).toBe(l.price);
    const receipt = await mk.c.public.getTransactionReceipt({ hash: cancelled.transactionHash! });
    expect(await mk.c.public.getBalance({ address: buyer })).toBe(walletBefore + l.price - receipt.gasUsed * receipt.effectiveGasPrice);
  });
});

test.describe('a third party', () => {
  test.use({ walletKey: KEYS.fresh1 });

  test('completes a shipped order after the auto-release window', async ({ page, visit, connect }) => {
    const mk = market();
    const l = await mk.listing('eth', `E2E auto tea ${Date.now()}`);
    const id = await mk.place(KEYS.buyer2, l, 'eth', true);
    const struct = await mk.order(id);
    const third = addressOf(KEYS.fresh1);

    await visit(`orders/?id=${id}`);
    await connect();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Shipped');
    await expect(page.getByRole('button', { name: 'Complete the order (release payment)' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Confirm receipt' })).toHaveCount(0);

    await advanceTime(struct.autoReleaseWindow + 60);
    await page.reload();
    await page.locator('body[data-hydrated="true"]').waitFor();
    await page.getByRole('button', { name: 'Complete the order (release payment)' }).click();
    await confirmInDialog(page, 'Complete and release 0.01 ETH', { merchant: '0.0098 ETH', fee: '0.0002 ETH' });
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Completed');
    expect((await mk.order(id)).status).toBe(4);
    const indexedOrder = (await mk.subgraph<SubgraphOrder>(orderQuery(id))).order;
    expect(indexedOrder.status).toBe(4);
    expect(indexedOrder.events.find((e) => e.__typename === 'OrderCompletedEvent')?.by).toBe(third.toLowerCase());
  });
});
