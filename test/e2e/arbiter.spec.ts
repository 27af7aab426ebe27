// Arbiters: a buyer (a generated, funded key) opens a dispute from Node on an order with demo merchant A,
// whose arbiter is #9; the arbiter reads both statements and rules a split on /arbiter/; the split shows in
// both parties' credits (creditOf) and in the subgraph. A non-arbiter gets a clear message, and a contract
// arbiter (a Safe) gets the exact `rule` transaction to propose, which executes when sent from that contract.
import { type Address, type Hex, decodeFunctionData, parseEther, parseEventLogs, parseUnits } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { chainMartAbi, testStablecoinAbi } from '../../web/lib/contracts/generated/abi.ts';
import { type ChainSource, orderFromChain } from '../../web/lib/orders/chain.ts';
import type { OrderStruct } from '../../web/lib/chain/order.ts';
import { expect, test } from './fixtures.ts';
import { ipfsAdd, waitForIndexer } from './market.ts';
import { KEYS, addressOf, clients, platform } from './platform.ts';

function market() {
  const p = platform();
  const c = clients(p);
  const chainMart = p.deployment.contracts.ChainMart.address as Address;
  const tUSD = p.deployment.contracts.SettlementToken.address as Address;
  const source: ChainSource = { client: c.public as never, chainMart, startBlock: 0, settlementToken: { address: tUSD, symbol: 'tUSD', decimals: 6 } };

  async function send(key: Hex, functionName: string, args: readonly unknown[], address: Address = chainMart, abi: unknown = chainMartAbi) {
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
  async function order(id: bigint): Promise<OrderStruct> {
    const o = await orderFromChain(source, id);
    expect(o?.verified).toBe(true);
    return o!.struct;
  }
  async function subgraph<T>(query: string): Promise<T> {
    const response = await fetch(p.subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await response.json()).data as T;
  }
  const credit = (account: Address) => c.public.readContract({ address: chainMart, abi: chainMartAbi, functionName: 'creditOf', args: [account, tUSD] });
  const comment = (text: string) => ipfsAdd(JSON.stringify({ schema: 'chainmart.comment/1', lang: 'en', text }), p);

  /** merchantKey lists a 40 tUSD item; buyerKey buys one and opens a dispute with `statement`. */
  async function disputedOrder(merchantKey: Hex, buyerKey: Hex, statement: string): Promise<bigint> {
    const price = parseUnits('40', 6);
    const { listings } = await subgraph<{ listings: { metadataURI: string }[] }>('{ listings(first: 1) { metadataURI } }');
    const created = await send(merchantKey, 'createListing', [
      { token: tUSD, price, stock: 10, maxPerOrder: 2, shipWithin: 3600, title: `E2E arbitration tea ${Date.now()}`, category: 'tea', metadataURI: listings[0].metadataURI },
    ]);
    const [listing] = parseEventLogs({ abi: chainMartAbi, eventName: 'ListingCreated', logs: created.logs });
    const buyer = addressOf(buyerKey);
    await send(buyerKey, 'mint', [buyer, price], tUSD, testStablecoinAbi);
    await send(buyerKey, 'approve', [chainMart, price], tUSD, testStablecoinAbi);
    const bought = await send(buyerKey, 'buy', [{ listingId: listing.args.listingId, quantity: 1, maxTotal: price, points: 0n, shippingInfo: '0x' }]);
    const [placed] = parseEventLogs({ abi: chainMartAbi, eventName: 'OrderPlaced', logs: bought.logs });
    const id = placed.args.orderId;
    await send(buyerKey, 'openDispute', [id, await order(id), await comment(statement)]);
    return id;
  }
  return { p, c, chainMart, tUSD, send, funded, order, subgraph, credit, comment, disputedOrder };
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
    const id = await mk.disputedOrder(KEYS.merchantA, buyerKey, buyerStatement);
    expect((await mk.order(id)).arbiter.toLowerCase()).toBe(addressOf(KEYS.arbiter).toLowerCase());
    await mk.send(KEYS.merchantA, 'submitStatement', [id, await mk.order(id), await mk.comment(merchantStatement)]);
    await waitForIndexer(mk.p);
    const before = { buyer: await mk.credit(buyer), merchant: await mk.credit(merchant), fee: await mk.credit(feeRecipient) };

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

    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Resolved');
    await expect(page.getByTestId('timeline').locator('[data-event="DisputeResolvedEvent"]')).toContainText("Arbiter's ruling");
    await expect(page.getByTestId('arb-closed')).toBeVisible();

    expect((await mk.order(id)).status).toBe(7);
    expect(await mk.credit(buyer)).toBe(before.buyer + parseUnits('15', 6));
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
    await mk.send(merchantKey, 'registerMerchant', [
      { metadataURI: 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', encryptionKey: `0x${'22'.repeat(32)}`, arbiter: safe, rewardBps: 0, autoReleaseWindow: 7 * 86400 },
    ]);
    const buyerKey = await mk.funded();
    const id = await mk.disputedOrder(merchantKey, buyerKey, 'Never arrived');
    await waitForIndexer(mk.p);

    await visit(`arbiter/?arbiter=${safe}`);
    await expect(page.getByTestId('arb-viewing')).toHaveText(safe);
    await page.locator(`[data-dispute="${id}"]`).getByRole('link').click();
    await expect(page.getByTestId('arb-contract')).toBeVisible();
    await expect(page.getByTestId('safe-call')).toContainText('Enter the buyer');
    await page.getByLabel('Back to the buyer (tUSD)').fill('40');
    const safeCall = page.getByTestId('safe-call');
    await expect(safeCall).toContainText(mk.chainMart);
    const data = (await page.getByTestId('safe-data').inputValue()) as Hex;
    const decoded = decodeFunctionData({ abi: chainMartAbi, data });
    expect(decoded.functionName).toBe('rule');
    expect(decoded.args?.[0]).toBe(id);
    expect(decoded.args?.[2]).toBe(parseUnits('40', 6));

    // What the Safe would execute: the same call sent from the contract's address.
    const buyer = addressOf(buyerKey);
    const before = await mk.credit(buyer);
    await mk.c.test.impersonateAccount({ address: safe });
    await mk.c.test.setBalance({ address: safe, value: parseEther('1') });
    const hash = await mk.c.test.request({ method: 'eth_sendTransaction', params: [{ from: safe, to: mk.chainMart, data, value: '0x0' }] } as never) as Hex;
    await mk.c.test.stopImpersonatingAccount({ address: safe });
    expect((await mk.c.public.waitForTransactionReceipt({ hash })).status).toBe('success');
    expect(await mk.credit(buyer)).toBe(before + parseUnits('40', 6));
    expect((await mk.order(id)).status).toBe(7);
  });
});
