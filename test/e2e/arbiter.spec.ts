// Arbiters: a buyer (a generated, funded key) opens a dispute from Node on an order with demo merchant A,
// whose arbiter is #9; the arbiter reads both statements and rules a split on /arbiter/; the buyer's part is
// pushed to the buyer's wallet, the merchant's share and the fee are credited (creditOf), and the subgraph shows
// it. A non-arbiter gets a clear message, and a contract arbiter (a Safe) gets the exact v2
// `rule(orderId, terms, buyerAmount)` transaction to propose, which executes when sent from that contract.
import { type Address, type Hex, decodeFunctionData, parseEther, parseEventLogs, parseUnits } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import type { OrderTerms } from '../../web/lib/chain/order.ts';
import { expect, test } from './fixtures.ts';
import { confirmInDialog } from './confirm.ts';
import { ipfsAdd, waitForIndexer } from './market.ts';
import { KEYS, addressOf, clients, platform } from './platform.ts';

function market() {
  const p = platform();
  const c = clients(p);
  const escrow = p.deployment.contracts.ChainMartEscrow.address as Address;
  const catalog = p.deployment.contracts.ChainMartCatalog.address as Address;
  const tUSD = p.deployment.contracts.SettlementToken.address as Address;

  async function send(key: Hex, functionName: string, args: readonly unknown[], address: Address = escrow, abi: unknown = chainMartEscrowAbi) {
    const wallet = c.wallet(key);
    const hash = await wallet.writeContract({ address, abi, functionName, args, account: wallet.account, chain: wallet.chain } as never);
    const receipt = await c.public.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    return receipt;
  }
  async function funded(): Promise<Hex> {
    const key = generatePrivateKey();
    await c.test.setBalance({ address: addressOf(key), value: parseEther('10') });
    return key;
  }
  /** The order's state as the escrow keeps it: keyed by the id and the terms agreed at checkout. */
  const state = (id: bigint, terms: OrderTerms) => c.public.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'stateOf', args: [id, terms] });
  async function subgraph<T>(query: string): Promise<T> {
    const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await response.json()).data as T;
  }
  const credit = (account: Address) => c.public.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'creditOf', args: [account, tUSD] });
  const wallet = (account: Address) => c.public.readContract({ address: tUSD, abi: testUsdcAbi, functionName: 'balanceOf', args: [account] });
  const comment = (text: string) => ipfsAdd(JSON.stringify({ schema: 'chainmart.comment/1', lang: 'en', text }), p);

  /** merchantKey lists a 40 tUSD item; buyerKey checks out one (prior approval) and opens a dispute with `statement`. */
  async function disputedOrder(merchantKey: Hex, buyerKey: Hex, statement: string): Promise<{ id: bigint; terms: OrderTerms }> {
    const price = parseUnits('40', 6);
    const shipWithin = 3600;
    const { listings } = await subgraph<{ listings: { metadataURI: string }[] }>('{ listings(first: 1) { metadataURI } }');
    const created = await send(
      merchantKey,
      'createListing',
      [{ token: tUSD, price, stock: 10, maxPerOrder: 2, shipWithin, title: `E2E arbitration tea ${Date.now()}`, category: 'tea', metadataURI: listings[0].metadataURI }],
      catalog,
      chainMartCatalogAbi,
    );
    const [listing] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: created.logs });
    const [, arbiter, rewardBps, autoReleaseWindow] = await c.public.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [addressOf(merchantKey)] });
    const buyer = addressOf(buyerKey);
    const approvalCollector = p.deployment.contracts.ApprovalCollector.address as Address;
    await send(buyerKey, 'mint', [buyer, price], tUSD, testUsdcAbi);
    await send(buyerKey, 'approve', [approvalCollector, price], tUSD, testUsdcAbi);
    const line = { listingId: listing.args.listingId, quantity: 1, unitPrice: price, shipWithin, arbiter, rewardBps, autoReleaseWindow, points: 0n, shippingInfo: '0x', proof: '0x' };
    const bought = await send(buyerKey, 'checkout', [{ token: tUSD, lines: [line] }, { collector: approvalCollector, data: '0x' }]);
    const [placed] = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: bought.logs });
    const { orderId: id, terms } = placed.args;
    await send(buyerKey, 'openDispute', [id, terms, await comment(statement)]);
    return { id, terms };
  }
  return { p, c, escrow, tUSD, send, funded, state, subgraph, credit, wallet, comment, disputedOrder };
}

type DisputeEntity = { dispute: { resolution: string | null; resolvedBy: string | null; buyerCash: string; merchantAmount: string; fee: string; order: { status: number } } };

test.describe('the arbiter (#9)', () => {
  test.use({ walletKey: KEYS.arbiter });

  test('reads both statements and rules a split; both credits and the subgraph show it', async ({ page, visit, connect }) => {
    const mk = market();
    const buyerKey = await mk.funded();
    const buyer = addressOf(buyerKey);
    const merchant = addressOf(KEYS.merchantA);
    const feeRecipient = (await mk.subgraph<{ platform: { feeRecipient: Address } }>('{ platform(id: "platform") { feeRecipient } }')).platform.feeRecipient;
    const buyerStatement = `The tea was mouldy (${Date.now()})`;
    const merchantStatement = `It left our warehouse sealed (${Date.now()})`;
    const { id, terms } = await mk.disputedOrder(KEYS.merchantA, buyerKey, buyerStatement);
    expect(terms.arbiter.toLowerCase()).toBe(addressOf(KEYS.arbiter).toLowerCase());
    await mk.send(KEYS.merchantA, 'submitStatement', [id, terms, await mk.comment(merchantStatement)]);
    await waitForIndexer(mk.p);
    const before = { buyer: await mk.wallet(buyer), buyerCredit: await mk.credit(buyer), merchant: await mk.credit(merchant), fee: await mk.credit(feeRecipient) };

    await visit('arbiter/');
    await connect();
    const item = page.locator(`[data-dispute="${id}"]`);
    await expect(item).toHaveAttribute('data-open', 'true');
    // Open disputes come first.
    await expect(page.getByTestId('disputes').locator('li').first()).toHaveAttribute('data-open', 'true');
    await item.getByRole('link', { name: `Dispute on order #${id}` }).click();

    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Dispute on order #${id}`);
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Disputed');
    const statements = page.getByTestId('arb-statements');
    await expect(statements.locator('[data-party="buyer"]')).toContainText(buyerStatement);
    await expect(statements.locator('[data-party="merchant"]')).toContainText(merchantStatement);
    await expect(page.getByTestId('timeline').locator('[data-event="OrderPlacedEvent"]')).toBeVisible();
    await expect(page.getByTestId('arb-deadline')).toContainText(/\d+(\.\d)? days left/);
    await expect(page.getByTestId('arb-escrow')).toHaveText('40 tUSD');
    await expect(page.getByTestId('safe-call')).toHaveCount(0);

    // A bad amount is explained and kept; then the split preview follows the amount.
    const amount = page.getByLabel('Back to the buyer (tUSD)');
    await amount.fill('41');
    await expect(page.getByTestId('rule-form').getByRole('alert')).toHaveText('That is more than the escrow holds.');
    await amount.fill('15');
    await expect(page.getByTestId('preview-buyer-cash')).toHaveText('15 tUSD');
    await expect(page.getByTestId('preview-fee')).toHaveText('0.5 tUSD');
    await expect(page.getByTestId('preview-merchant')).toHaveText('24.5 tUSD');
    await page.getByTestId('rule-submit').click();
    await confirmInDialog(page, 'Rule: 15 tUSD to the buyer', { cash: '15 tUSD', merchant: '24.5 tUSD', fee: '0.5 tUSD' });

    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Resolved');
    await expect(page.getByTestId('timeline').locator('[data-event="DisputeResolvedEvent"]')).toContainText("Arbiter's ruling");
    await expect(page.getByTestId('arb-closed')).toBeVisible();

    expect((await mk.state(id, terms)).status).toBe(7);
    // The buyer's part is pushed to the buyer's wallet (a credit only if that transfer fails).
    expect(await mk.wallet(buyer)).toBe(before.buyer + parseUnits('15', 6));
    expect(await mk.credit(buyer)).toBe(before.buyerCredit);
    expect(await mk.credit(merchant)).toBe(before.merchant + parseUnits('24.5', 6));
    expect(await mk.credit(feeRecipient)).toBe(before.fee + parseUnits('0.5', 6));
    await waitForIndexer(mk.p);
    const { dispute } = await mk.subgraph<DisputeEntity>(`{ dispute(id: "${id}") { resolution resolvedBy buyerCash merchantAmount fee order { status } } }`);
    expect(dispute).toEqual({
      resolution: 'Ruling',
      resolvedBy: addressOf(KEYS.arbiter).toLowerCase(),
      buyerCash: '15000000',
      merchantAmount: '24500000',
      fee: '500000',
      order: { status: 7 },
    });

    // The list now shows it as resolved.
    await visit('arbiter/');
    await expect(page.locator(`[data-dispute="${id}"]`)).toHaveAttribute('data-open', 'false');
  });
});

test.describe('a non-arbiter', () => {
  test.use({ walletKey: KEYS.buyer2 });

  test('gets a clear message on the list and cannot rule on a dispute page', async ({ page, visit, connect }) => {
    const mk = market();
    await visit('arbiter/');
    await expect(page.getByTestId('arb-connect')).toContainText("Connect the arbiter's wallet");
    await connect();
    await expect(page.getByTestId('not-arbiter')).toContainText('is not the arbiter of any dispute');
    await expect(page.getByTestId('disputes')).toHaveCount(0);

    const { disputes } = await mk.subgraph<{ disputes: { id: string }[] }>('{ disputes(first: 1, where: { resolvedAt: null }) { id } }');
    await visit(`arbiter/?id=${disputes[0].id}`);
    await expect(page.getByTestId('arb-not-this-arbiter')).toHaveText("Your connected address is not this order's arbiter, so you cannot rule on it.");
    await expect(page.getByTestId('rule-submit')).toHaveCount(0);
  });
});

test.describe('a Safe arbiter', () => {
  test.use({ walletKey: KEYS.buyer2 });

  test('the page gives the rule transaction to propose, and it executes from the contract', async ({ page, visit }) => {
    const mk = market();
    // Any contract stands in for the Safe: the merchant names the points token contract as its arbiter.
    const safe = mk.p.deployment.contracts.ChainMartPoints.address as Address;
    const merchantKey = await mk.funded();
    await mk.send(
      merchantKey,
      'registerMerchant',
      [{ metadataURI: 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', encryptionKey: `0x${'22'.repeat(32)}`, arbiter: safe, rewardBps: 0, autoReleaseWindow: 7 * 86400 }],
      mk.p.deployment.contracts.ChainMartCatalog.address as Address,
      chainMartCatalogAbi,
    );
    const buyerKey = await mk.funded();
    const { id, terms } = await mk.disputedOrder(merchantKey, buyerKey, 'Never arrived');
    await waitForIndexer(mk.p);

    await visit(`arbiter/?arbiter=${safe}`);
    await expect(page.getByTestId('arb-viewing')).toHaveText(safe);
    await page.locator(`[data-dispute="${id}"]`).getByRole('link').click();
    await expect(page.getByTestId('arb-contract')).toBeVisible();
    await expect(page.getByTestId('safe-call')).toContainText('Enter the buyer');
    await page.getByLabel('Back to the buyer (tUSD)').fill('40');
    const safeCall = page.getByTestId('safe-call');
    await expect(safeCall).toContainText(mk.escrow);
    const data = (await page.getByTestId('safe-data').inputValue()) as Hex;
    const decoded = decodeFunctionData({ abi: chainMartEscrowAbi, data });
    expect(decoded.functionName).toBe('rule');
    if (decoded.functionName !== 'rule') return;
    const [ruledId, ruledTerms, buyerAmount] = decoded.args;
    expect(ruledId).toBe(id);
    expect(buyerAmount).toBe(parseUnits('40', 6));
    // The terms exactly as OrderPlaced emitted them: the escrow finds the order by their hash.
    expect(ruledTerms).toEqual(terms);

    // What the Safe would execute: the same call sent from the contract's address.
    const buyer = addressOf(buyerKey);
    const before = await mk.wallet(buyer);
    await mk.c.test.impersonateAccount({ address: safe });
    await mk.c.test.setBalance({ address: safe, value: parseEther('1') });
    const hash = await mk.c.test.request({ method: 'eth_sendTransaction', params: [{ from: safe, to: mk.escrow, data, value: '0x0' }] } as never) as Hex;
    await mk.c.test.stopImpersonatingAccount({ address: safe });
    expect((await mk.c.public.waitForTransactionReceipt({ hash })).status).toBe('success');
    expect(await mk.wallet(buyer)).toBe(before + parseUnits('40', 6));
    expect((await mk.state(id, terms)).status).toBe(7);
  });
});
