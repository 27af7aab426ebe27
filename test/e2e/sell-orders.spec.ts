// The merchant's orders and earnings: demo merchant #1 (whose shipping key derives from a wallet signature)
// reads a buyer's encrypted address in the browser, ships, adds a checkpoint, withdraws the sale after the
// buyer confirms, and finds the sale in the chart and the CSV; refunds; ships several orders in one shipBatch;
// a non-merchant is told plainly.
// Buyers are keys generated here and funded from Node, so the demo data and other tests do not interfere.
import { readFile } from 'node:fs/promises';
import { type Address, type Hex, bytesToHex, decodeFunctionData, hexToBytes, parseEther, parseEventLogs, parseUnits, zeroAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { waitForIndexedBlock } from '../../web/lib/graphql/indexer.ts';
import { ENCRYPTION_KEY_MESSAGE, encryptShipping, keyPairFromSignature } from '../../web/lib/protocol/shipping-crypto.ts';
import { sealKey } from '../../web/lib/merchant/keys.ts';
import type { ShippingDetails } from '../../web/lib/protocol/metadata.ts';
import type { OrderTerms } from '../../web/lib/chain/order.ts';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { confirmInDialog } from './confirm.ts';
import { KEYS, addressOf, clients, platform } from './platform.ts';
import { ipfsAdd } from './market.ts';

const DAY = 86_400;
const merchant = addressOf(KEYS.merchantA);

function market() {
  const p = platform();
  const c = clients(p);
  const escrow = p.deployment.contracts.ChainMartEscrow.address as Address;
  const catalog = p.deployment.contracts.ChainMartCatalog.address as Address;
  const tUSD = p.deployment.contracts.SettlementToken.address as Address;

  /** A transaction from `key`, to the escrow unless another contract is named; it must succeed. */
  async function send(key: Hex, request: { functionName: string; args: readonly unknown[]; value?: bigint; address?: Address; abi?: unknown }) {
    const wallet = c.wallet(key);
    const hash = await wallet.writeContract({ address: escrow, abi: chainMartEscrowAbi, ...request, account: wallet.account, chain: wallet.chain } as never);
    const receipt = await c.public.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    return receipt;
  }
  const toCatalog = { address: catalog, abi: chainMartCatalogAbi };
  async function indexed(block?: bigint) {
    expect(await waitForIndexedBlock(p.subgraph, block ?? (await c.public.getBlockNumber()), { timeoutMs: 30_000 })).toBe(true);
  }
  /** The order's state as the escrow keeps it: keyed by the id and the terms agreed at checkout. */
  const state = (id: bigint, terms: OrderTerms) => c.public.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'stateOf', args: [id, terms] });
  async function subgraph<T>(query: string): Promise<T> {
    const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const credit = (account: Address, token: Address) => c.public.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'creditOf', args: [account, token] });
  const tokenBalance = (account: Address) => c.public.readContract({ address: tUSD, abi: testUsdcAbi, functionName: 'balanceOf', args: [account] });

  /** A new buyer key with ETH for gas (and for ETH orders). */
  async function newBuyer(): Promise<Hex> {
    const key = generatePrivateKey();
    await c.test.setBalance({ address: privateKeyToAccount(key).address, value: parseEther('10') });
    return key;
  }

  async function listing(token: 'eth' | 'tusd', title: string): Promise<{ id: bigint; price: bigint }> {
    const price = token === 'eth' ? parseEther('0.02') : parseUnits('40', 6);
    const { listings } = await subgraph<{ listings: { metadataURI: string }[] }>('{ listings(first: 1) { metadataURI } }');
    const receipt = await send(KEYS.merchantA, {
      ...toCatalog,
      functionName: 'createListing',
      args: [{ token: token === 'eth' ? zeroAddress : tUSD, price, stock: 50, maxPerOrder: 5, shipWithin: 3 * DAY, title, category: 'tea', metadataURI: listings[0].metadataURI }],
    });
    const [created] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
    return { id: created.args.listingId, price };
  }

  /**
   * The buyer checks out one unit with its shipping details encrypted to merchant #1's published key, as the
   * site's checkout does: the line carries the terms the buyer saw (listing and merchant, read from the catalog);
   * tUSD is paid by prior approval to the ApprovalCollector, ETH as the value.
   */
  async function place(buyerKey: Hex, l: { id: bigint; price: bigint }, token: 'eth' | 'tusd', details: ShippingDetails) {
    const [, arbiter, rewardBps, autoReleaseWindow, encryptionKey] = await c.public.readContract({ ...toCatalog, functionName: 'merchantOf', args: [merchant] });
    const [, , unitPrice, , , shipWithin] = await c.public.readContract({ ...toCatalog, functionName: 'listingOf', args: [l.id] });
    const shippingInfo = bytesToHex(encryptShipping(details, hexToBytes(encryptionKey)));
    const approvalCollector = p.deployment.contracts.ApprovalCollector.address as Address;
    if (token === 'tusd') {
      const buyer = privateKeyToAccount(buyerKey).address;
      await send(buyerKey, { address: tUSD, abi: testUsdcAbi, functionName: 'mint', args: [buyer, l.price] });
      await send(buyerKey, { address: tUSD, abi: testUsdcAbi, functionName: 'approve', args: [approvalCollector, l.price] });
    }
    const line = { listingId: l.id, quantity: 1, unitPrice, shipWithin, arbiter, rewardBps, autoReleaseWindow, points: 0n, shippingInfo, proof: '0x' };
    const receipt = await send(buyerKey, {
      functionName: 'checkout',
      args: [{ token: token === 'eth' ? zeroAddress : tUSD, lines: [line] }, { collector: token === 'eth' ? zeroAddress : approvalCollector, data: '0x' }],
      value: token === 'eth' ? l.price : 0n,
    });
    const [placed] = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: receipt.logs });
    await indexed(receipt.blockNumber);
    const block = await c.public.getBlock({ blockNumber: receipt.blockNumber });
    return { id: placed.args.orderId, terms: placed.args.terms, placedAt: Number(block.timestamp) };
  }

  return { p, c, escrow, catalog, tUSD, send, toCatalog, indexed, state, subgraph, credit, tokenBalance, newBuyer, listing, place };
}

type DayRow = { date: number; orders: number; volume: string };
const dayQuery = (token: Address) =>
  `{ merchantDayDatas(first: 1000, where: { merchant: "${merchant.toLowerCase()}", token: "${token.toLowerCase()}" }, orderBy: date) { date orders volume } }`;

test.describe('demo merchant #1', () => {
  test.use({ walletKey: KEYS.merchantA });

  test('reads the encrypted address, ships, adds a checkpoint; after the buyer confirms, withdraws; the chart and the CSV include the sale', async ({ page, visit, connect }) => {
    const mk = market();
    const stamp = Date.now();
    const l = await mk.listing('tusd', `E2E merchant tea ${stamp}`);
    const before = await mk.subgraph<{ merchantDayDatas: DayRow[] }>(dayQuery(mk.tUSD));
    const buyerKey = await mk.newBuyer();
    const buyer = privateKeyToAccount(buyerKey).address;
    const details: ShippingDetails = {
      schema: 'chainmart.shipping/1',
      name: `Wang Fang ${stamp}`,
      phone: '+86 138 0000 1234',
      address: '88 Longjing Road, Xihu District',
      city: 'Hangzhou',
      postalCode: '310013',
      country: 'CN',
      note: 'Leave with the guard',
    };
    const { id, terms, placedAt } = await mk.place(buyerKey, l, 'tusd', details);

    // The list: the order is there, its address locked until the key is derived from a signature.
    await visit('sell/orders/?status=toShip');
    await connect();
    const card = page.locator(`[data-order="${id}"]`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('status')).toHaveAttribute('data-status', 'Paid');
    await expect(page.getByTestId('key-missing')).toContainText('shipping details cannot be read');
    await expect(card.getByTestId('shipping-locked')).toBeVisible();
    await expect(page.getByText(details.name)).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign and derive the key' }).click();
    await expect(page.getByTestId('key-loaded')).toBeVisible();
    await expect(card.getByTestId('shipping-details')).toContainText(details.name);
    await expect(card.getByTestId('shipping-details')).toContainText(details.address);
    await expect(card.getByTestId('shipping-details')).toContainText('Leave with the guard');

    // The order page: ship with carrier and tracking reference.
    await card.getByRole('link', { name: `Order #${id}` }).click();
    await expect(page.getByRole('heading', { name: `Order #${id}` })).toBeVisible();
    await expect(page.getByTestId('shipping-details')).toContainText(details.phone);
    const tracking = `SF${stamp}`;
    const ship = page.getByTestId('ship-form');
    await ship.getByLabel('Carrier').fill('SF Express');
    await ship.getByLabel('Tracking reference').fill(tracking);
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Shipped');
    await expect(page.getByTestId('tracking-ref')).toContainText(tracking);
    expect((await mk.state(id, terms)).status).toBe(2);
    const shipped = await mk.subgraph<{ order: { carrier: string; trackingRef: string; status: number } }>(`{ order(id: "${id}") { carrier trackingRef status } }`);
    expect(shipped.order).toEqual({ carrier: 'SF Express', trackingRef: tracking, status: 2 });

    // A checkpoint.
    const checkpoint = page.getByTestId('checkpoint-form');
    await checkpoint.getByLabel('Location').fill('Hangzhou sorting centre');
    await checkpoint.getByLabel('Status').fill('Departed');
    await checkpoint.getByRole('button', { name: 'Add checkpoint' }).click();
    await expect(page.getByTestId('timeline').locator('[data-event="CheckpointEvent"]')).toContainText('Hangzhou sorting centre');
    await expect(checkpoint.getByLabel('Location')).toHaveValue('');
    const cp = await mk.subgraph<{ order: { checkpoints: { location: string; note: string; by: string }[] } }>(`{ order(id: "${id}") { checkpoints { location note by } } }`);
    expect(cp.order.checkpoints).toEqual([{ location: 'Hangzhou sorting centre', note: 'Departed', by: merchant.toLowerCase() }]);

    // The buyer confirms from Node: the sale is credited to the merchant.
    const completed = await mk.send(buyerKey, { functionName: 'confirmReceipt', args: [id, terms] });
    const [done] = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderCompleted', logs: completed.logs });
    await mk.indexed(completed.blockNumber);
    const credited = await mk.credit(merchant, mk.tUSD);
    expect(credited).toBeGreaterThanOrEqual(done.args.merchantAmount);

    // Earnings: the balance, then withdraw it (checked on chain).
    await visit('sell/earnings/');
    await connect();
    await expect(page.getByTestId('balance-tUSD')).toHaveAttribute('data-amount', credited.toString());
    const walletBefore = await mk.tokenBalance(merchant);
    await page.getByRole('button', { name: 'Withdraw tUSD' }).click();
    await expect(page.getByTestId('balance-tUSD')).toHaveAttribute('data-amount', '0');
    expect(await mk.credit(merchant, mk.tUSD)).toBe(0n);
    expect(await mk.tokenBalance(merchant)).toBe(walletBefore + credited);

    // The chart: the day of the sale counts one more order and the sale's volume than before it.
    const day = Math.floor(placedAt / DAY) * DAY;
    const previous = before.merchantDayDatas.find((d) => d.date === day);
    const after = (await mk.subgraph<{ merchantDayDatas: DayRow[] }>(dayQuery(mk.tUSD))).merchantDayDatas.find((d) => d.date === day)!;
    expect(after.orders).toBe((previous?.orders ?? 0) + 1);
    expect(BigInt(after.volume)).toBe(BigInt(previous?.volume ?? 0) + l.price);
    const row = page.getByTestId('sales-table-tUSD').locator(`tr[data-date="${day}"]`);
    await expect(row).toHaveAttribute('data-orders', String(after.orders));
    await expect(row).toHaveAttribute('data-volume', after.volume);
    await expect(page.getByTestId('sales-tUSD').locator('svg rect.volume').first()).toBeVisible();

    // The CSV: the completed sale with its fee, as a download made in the browser.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^chainmart-orders-0x70997970-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Order ID,Date (UTC),Listing ID,Listing,Quantity,Currency,Token address,Amount paid,Refunded,Net amount,Platform fee,Status,Buyer');
    const fee = (Number(done.args.fee) / 1e6).toString();
    expect(lines).toContain(
      `${id},${new Date(placedAt * 1000).toISOString().replace('.000Z', 'Z')},${l.id},E2E merchant tea ${stamp},1,tUSD,${mk.tUSD.toLowerCase()},40,0,40,${fee},Completed,${buyer.toLowerCase()}`,
    );
    const { merchant: m } = await mk.subgraph<{ merchant: { orderCount: number } }>(`{ merchant(id: "${merchant.toLowerCase()}") { orderCount } }`);
    expect(lines.length - 2).toBe(m.orderCount);
    await expect(page.getByTestId('export-done')).toContainText(`Exported ${m.orderCount} orders.`);
  });

  test('partial refund, then the rest: amounts checked, the form keeps a rejected amount', async ({ page, visit, connect }) => {
    const mk = market();
    const l = await mk.listing('eth', `E2E refund tea ${Date.now()}`);
    const buyerKey = await mk.newBuyer();
    const buyer = privateKeyToAccount(buyerKey).address;
    const { id, terms } = await mk.place(buyerKey, l, 'eth', { schema: 'chainmart.shipping/1', name: 'Li Lei', phone: '1', address: 'x', city: 'y', postalCode: '1', country: 'CN' });
    // Refunds are pushed to the buyer's wallet (the buyer sends nothing meanwhile, so no gas blurs the sums).
    const walletBefore = await mk.c.public.getBalance({ address: buyer });
    const creditBefore = await mk.credit(buyer, zeroAddress);

    await visit(`sell/orders/?id=${id}`);
    await connect();
    const form = page.getByTestId('refund-form');
    await expect(form).toContainText('0.02 ETH');
    const amount = form.getByLabel('Amount to refund (ETH)');
    await amount.fill('0.03');
    await form.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(form.getByRole('alert')).toHaveText('The refund is more than what is in escrow.');
    await expect(amount).toHaveValue('0.03');

    await amount.fill('0.005');
    await form.getByRole('button', { name: 'Refund', exact: true }).click();
    await confirmInDialog(page, 'Refund 0.005 ETH', { cash: '0.005 ETH', remaining: '0.015 ETH' });
    await expect(page.getByTestId('escrow')).toHaveText('0.015 ETH');
    await expect(amount).toHaveValue('');
    const partial = await mk.state(id, terms);
    expect(partial.status).toBe(1);
    expect(partial.remaining).toBe(parseEther('0.015'));
    expect(await mk.c.public.getBalance({ address: buyer })).toBe(walletBefore + parseEther('0.005'));
    expect(await mk.credit(buyer, zeroAddress)).toBe(creditBefore);
    const sub = await mk.subgraph<{ order: { amount: string; status: number } }>(`{ order(id: "${id}") { amount status } }`);
    expect(sub.order).toEqual({ amount: parseEther('0.015').toString(), status: 1 });

    // The bookkeeping export shows the refund: what was paid, what went back, the net, and the real status.
    await visit('sell/earnings/');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = (await readFile((await (await download).path())!, 'utf8')).replace(/^\uFEFF/, '');
    const row = csv.split('\r\n').find((line) => line.startsWith(`${id},`))!;
    expect(row).toContain(`,0.02,0.005,0.015,,"Paid, awaiting shipment (partly refunded)",${buyer.toLowerCase()}`);
    await visit(`sell/orders/?id=${id}`);
    await connect();

    await form.getByRole('button', { name: 'Full amount' }).click();
    await expect(amount).toHaveValue('0.015');
    await form.getByRole('button', { name: 'Refund', exact: true }).click();
    // Emptying an unshipped order puts its stock back.
    await confirmInDialog(page, 'Refund 0.015 ETH', { cash: '0.015 ETH', stock: '+1', remaining: '0 ETH' });
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Refunded');
    await expect(page.getByTestId('refund-form')).toHaveCount(0);
    expect((await mk.state(id, terms)).status).toBe(5);
    expect(await mk.c.public.getBalance({ address: buyer })).toBe(walletBefore + l.price);
    expect(await mk.credit(buyer, zeroAddress)).toBe(creditBefore);
  });
  test('ships selected paid orders in one transaction; an order disputed meanwhile is skipped and named', async ({ page, visit, connect }) => {
    const mk = market();
    const stamp = Date.now();
    const l = await mk.listing('eth', `E2E batch tea ${stamp}`);
    const buyerKey = await mk.newBuyer();
    const details: ShippingDetails = { schema: 'chainmart.shipping/1', name: 'Zhao Lei', phone: '3', address: '9 Tea Street', city: 'Anxi', postalCode: '362400', country: 'CN' };
    const first = await mk.place(buyerKey, l, 'eth', details);
    const second = await mk.place(buyerKey, l, 'eth', details);
    const third = await mk.place(buyerKey, l, 'eth', details);

    await visit('sell/orders/?status=toShip');
    await connect();
    const pick = (id: bigint) => page.getByLabel(`Ship in batch: order #${id}`, { exact: true });
    const entry = (id: bigint) => page.getByTestId('batch-ship').locator(`[data-batch-order="${id}"]`);
    await expect(page.getByTestId('batch-ship')).toHaveCount(0);
    await pick(first.id).check();
    await expect(page.getByTestId('batch-ship')).toContainText('Ship 1 selected order');
    await entry(first.id).getByLabel('Carrier').fill('SF Express');
    await entry(first.id).getByLabel('Tracking reference').fill(`SF${stamp}1`);
    // The next order ticked starts with the carrier last typed.
    await pick(second.id).check();
    await expect(entry(second.id).getByLabel('Carrier')).toHaveValue('SF Express');
    await entry(second.id).getByLabel('Tracking reference').fill(`SF${stamp}2`);
    await pick(third.id).check();
    const submit = page.getByRole('button', { name: 'Mark 3 orders shipped' });
    await submit.click();
    await expect(page.getByTestId('batch-ship').getByRole('alert')).toHaveText('Give every selected order a carrier and a tracking reference.');
    await expect(entry(third.id)).toContainText('Enter the tracking reference.');
    await entry(third.id).getByLabel('Tracking reference').fill(`SF${stamp}3`);

    // The buyer disputes the third order before the merchant sends the batch: the escrow skips it.
    await mk.send(buyerKey, { functionName: 'openDispute', args: [third.id, third.terms, await ipfsAdd(JSON.stringify({ schema: 'chainmart.comment/1', lang: 'en', text: 'Wrong size.' }))] });
    await mk.indexed();
    await submit.click();
    await expect(page.getByTestId('batch-result')).toContainText(`Shipped 2 of the 3 selected orders. Not shipped: #${third.id}.`);
    await expect(page.getByTestId('batch-ship')).toHaveCount(0);
    await expect(page.locator(`[data-order="${first.id}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-order="${second.id}"]`)).toHaveCount(0);

    // On chain: one shipBatch transaction shipped both, each with its own tracking reference.
    const events = await mk.c.public.getContractEvents({ address: mk.escrow, abi: chainMartEscrowAbi, eventName: 'OrderShipped', args: { orderId: [first.id, second.id, third.id] }, fromBlock: 0n });
    expect(events.map((e) => [e.args.orderId, e.args.carrier, e.args.trackingRef])).toEqual([
      [first.id, 'SF Express', `SF${stamp}1`],
      [second.id, 'SF Express', `SF${stamp}2`],
    ]);
    expect(events[0].transactionHash).toBe(events[1].transactionHash);
    const tx = await mk.c.public.getTransaction({ hash: events[0].transactionHash });
    expect(decodeFunctionData({ abi: chainMartEscrowAbi, data: tx.input }).functionName).toBe('shipBatch');
    expect((await mk.state(first.id, first.terms)).status).toBe(2);
    expect((await mk.state(second.id, second.terms)).status).toBe(2);
    expect((await mk.state(third.id, third.terms)).status).toBe(3);

    // The subgraph shows both shipped, the third disputed.
    await mk.indexed();
    const indexed = await mk.subgraph<Record<'a' | 'b' | 'c', { status: number; carrier: string | null; trackingRef: string | null }>>(
      `{ a: order(id: "${first.id}") { status carrier trackingRef } b: order(id: "${second.id}") { status carrier trackingRef } c: order(id: "${third.id}") { status carrier trackingRef } }`,
    );
    expect(indexed).toEqual({
      a: { status: 2, carrier: 'SF Express', trackingRef: `SF${stamp}1` },
      b: { status: 2, carrier: 'SF Express', trackingRef: `SF${stamp}2` },
      c: { status: 3, carrier: null, trackingRef: null },
    });
  });

  test('restores the key from this browser\'s backup (a wrong passphrase is refused), answers a dispute, replies to a review, designates a courier', async ({ page, visit, connect }) => {
    const mk = market();
    const account = privateKeyToAccount(KEYS.merchantA);
    const pair = keyPairFromSignature(hexToBytes(await account.signMessage({ message: ENCRYPTION_KEY_MESSAGE })));
    const backup = sealKey(merchant, pair, 'correct horse battery');
    await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [`chainmart:merchant-key:${merchant.toLowerCase()}`, JSON.stringify(backup)] as const);

    const l = await mk.listing('eth', `E2E dispute tea ${Date.now()}`);
    const buyerKey = await mk.newBuyer();
    const comment = async (text: string) => ipfsAdd(JSON.stringify({ schema: 'chainmart.comment/1', lang: 'en', text }));
    const disputed = await mk.place(buyerKey, l, 'eth', { schema: 'chainmart.shipping/1', name: 'Han Meimei', phone: '2', address: '5 Tea Lane', city: 'Fuzhou', postalCode: '350000', country: 'CN' });
    await mk.send(buyerKey, { functionName: 'openDispute', args: [disputed.id, disputed.terms, await comment('The parcel never came.')] });
    const reviewed = await mk.place(buyerKey, l, 'eth', { schema: 'chainmart.shipping/1', name: 'Han Meimei', phone: '2', address: '5 Tea Lane', city: 'Fuzhou', postalCode: '350000', country: 'CN' });
    await mk.send(KEYS.merchantA, { functionName: 'ship', args: [reviewed.id, reviewed.terms, 'EMS', 'EMS1'] });
    await mk.send(buyerKey, { functionName: 'confirmReceipt', args: [reviewed.id, reviewed.terms] });
    await mk.send(buyerKey, { functionName: 'review', args: [reviewed.id, reviewed.terms, 4, await comment('Good tea, slow post.')] });
    await mk.indexed();

    // The key: a wrong passphrase is refused (nothing typed is lost elsewhere), the right one opens the address.
    await visit(`sell/orders/?id=${disputed.id}`);
    await connect();
    const panel = page.getByTestId('key-panel');
    await expect(panel).toContainText('This browser keeps your sealed backup');
    await panel.getByLabel('Passphrase').fill('wrong horse battery');
    await panel.getByRole('button', { name: 'Restore the key' }).click();
    await expect(page.getByTestId('key-error')).toHaveText('Wrong passphrase: the backup does not open.');
    await expect(page.getByTestId('key-loaded')).toHaveCount(0);
    await panel.getByLabel('Passphrase').fill('correct horse battery');
    await panel.getByRole('button', { name: 'Restore the key' }).click();
    await expect(page.getByTestId('key-loaded')).toBeVisible();
    await expect(page.getByTestId('shipping-details')).toContainText('Han Meimei');

    // The dispute: the merchant's statement goes to IPFS and on chain.
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Disputed');
    const statement = page.getByTestId('statement-form');
    await statement.getByLabel('Your statement').fill('Shipped on time; tracking shows delivery.');
    await statement.getByRole('button', { name: 'Add statement' }).click();
    await expect(page.getByTestId('timeline').locator('[data-event="DisputeStatementEvent"]')).toContainText('Shipped on time; tracking shows delivery.');
    const statements = await mk.subgraph<{ dispute: { statements: { by: string; statementCid: string }[] } }>(`{ dispute(id: "${disputed.id}") { statements { by statementCid } } }`);
    expect(statements.dispute.statements.map((st) => st.by)).toEqual([merchant.toLowerCase()]);

    // The review: one reply.
    await visit(`sell/orders/?id=${reviewed.id}`);
    await connect();
    await expect(page.getByTestId('review')).toContainText('Good tea, slow post.');
    const reply = page.getByTestId('reply-form');
    await reply.getByLabel('Your reply').fill('Thank you! We changed couriers.');
    await reply.getByRole('button', { name: 'Publish reply' }).click();
    await expect(page.getByText('You replied to this review.')).toBeVisible();
    await expect(page.getByTestId('timeline').locator('[data-event="ReviewReplyEvent"]')).toContainText('We changed couriers.');
    expect((await mk.state(reviewed.id, reviewed.terms)).flags & 2).toBe(2);
    const review = await mk.subgraph<{ review: { replyCid: string | null } }>(`{ review(id: "${reviewed.id}") { replyCid } }`);
    expect(review.review.replyCid).toBeTruthy();

    // A courier: allowed, then revoked (the contract's isCourier and the subgraph agree).
    const courier = privateKeyToAccount(generatePrivateKey()).address;
    const isCourier = () => mk.c.public.readContract({ ...mk.toCatalog, functionName: 'isCourier', args: [merchant, courier] });
    await visit('sell/orders/');
    await connect();
    const couriers = page.getByTestId('couriers');
    await couriers.getByLabel('Courier address').fill('0x1234');
    await couriers.getByRole('button', { name: 'Save' }).click();
    await expect(couriers.getByRole('alert')).toHaveText('That is not a valid address.');
    await couriers.getByLabel('Courier address').fill(courier);
    await couriers.getByRole('button', { name: 'Save' }).click();
    const row = couriers.locator(`[data-courier="${courier.toLowerCase()}"]`);
    await expect(row).toBeVisible();
    expect(await isCourier()).toBe(true);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toHaveCount(0);
    expect(await isCourier()).toBe(false);
    const c = await mk.subgraph<{ couriers: { allowed: boolean }[] }>(`{ couriers(where: { courier: "${courier.toLowerCase()}" }) { allowed } }`);
    expect(c.couriers).toEqual([{ allowed: false }]);
  });
});

test.describe('an account that is not a merchant', () => {
  const key = generatePrivateKey();
  test.use({ walletKey: key });

  test('gets a clear message on the orders and earnings pages', async ({ page, visit, connect }) => {
    const mk = market();
    const [registered] = await mk.c.public.readContract({ ...mk.toCatalog, functionName: 'merchantOf', args: [addressOf(key)] });
    expect(registered).toBe(false);
    await visit('sell/orders/');
    await connect();
    await expect(page.getByTestId('not-merchant')).toContainText(`${addressOf(key)} is not a registered merchant`);
    await expect(page.getByRole('link', { name: 'Register as a merchant' })).toBeVisible();
    await expect(page.getByTestId('merchant-orders')).toHaveCount(0);
    await expect(page.getByTestId('key-panel')).toHaveCount(0);
    await visit('sell/earnings/');
    await connect();
    await expect(page.getByTestId('not-merchant')).toBeVisible();
    await expect(page.getByTestId('balances')).toHaveCount(0);
  });
});

for (const locale of ['en', 'zh-CN'] as const) {
  test.describe(`merchant pages in ${locale}`, () => {
    test.use({ walletKey: KEYS.merchantA, locale });

    test('no axe violations, no sideways scrolling at 360 px, key derived in the page', async ({ page, visit, connect }) => {
      const mk = market();
      const { orders } = await mk.subgraph<{ orders: { id: string }[] }>(`{ orders(first: 1, where: { merchant: "${merchant.toLowerCase()}", status: 2 }) { id } }`);
      await page.setViewportSize({ width: 360, height: 740 });
        for (const path of ['sell/orders/', `sell/orders/?id=${orders[0].id}`, 'sell/earnings/']) {
        await visit(path);
        await connect();
        if (path.startsWith('sell/orders/')) {
          await page.getByTestId('key-panel').getByRole('button').first().click();
          await expect(page.getByTestId('shipping-details').first()).toBeVisible();
        } else {
          await expect(page.getByTestId('balances')).toBeVisible();
          await expect(page.locator('[data-testid^="sales-table-"]').first()).toBeAttached();
          if (locale === 'zh-CN') {
            const download = page.waitForEvent('download');
            await page.getByRole('button', { name: '下载 CSV' }).click();
            const csv = await readFile((await (await download).path())!, 'utf8');
            expect(csv.split('\r\n')[0]).toBe('\uFEFF订单号,下单时间（UTC）,商品编号,商品,数量,币种,代币合约地址,下单金额,已退款,净额,平台手续费,状态,买家地址');
            expect(csv).toContain(',已发货,');
          }
        }
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `test-results/sell-orders-shots/${locale}-${path.replace(/[/?=]+/g, '-')}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `/${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    });
  });
}
