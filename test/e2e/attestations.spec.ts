// Attestations end to end, each test with its own generated, funded accounts: (a) an attester issues
// "verified merchant" through /attest/ and the badge shows on the merchant's listing and storefront only
// while the user trusts that attester in Settings; (b) a listing gated on "adult" from one attester blocks a
// buyer without the attestation (and says why, also when an accepted attester's attestation says "no"), lets
// them buy once attested (EasGate proof in the cart line, order Paid), and blocks again once the attestation is
// revoked; (c) a tUSD listing whose gate has no requirement blocks everyone, then an attested buyer pays with
// one permit to the PermitCollector. Every step is checked on chain and in the subgraph.
import {
  type Address,
  type Hex,
  decodeFunctionData,
  encodeAbiParameters,
  keccak256,
  parseAbiParameters,
  parseEther,
  parseEventLogs,
  parseUnits,
  zeroAddress,
  zeroHash,
} from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { chainMartCatalogAbi, chainMartEscrowAbi, easAbi, easGateAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { expect, test } from './fixtures.ts';
import { KEYS, type Platform, addressOf, clients, platform } from './platform.ts';
import { createListing, ipfsAdd, registerMerchant, waitForIndexer } from './market.ts';

const SHIPPING = { name: 'Wang Fang', phone: '+86 138 0000 5678', address: '12 Hefang Street', city: 'Hangzhou', postalCode: '310000', country: 'China' };

async function graph<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(platform().subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

async function fundedKey(p: Platform): Promise<Hex> {
  const key = generatePrivateKey();
  await clients(p).test.setBalance({ address: addressOf(key), value: parseEther('10') });
  return key;
}

async function send(p: Platform, key: Hex, request: object) {
  const { public: client, wallet } = clients(p);
  const hash = await wallet(key).writeContract(request as never);
  const receipt = await client.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

/** A newly registered merchant with one listing: 0.001 ETH by default, stock 10. */
async function merchantWithListing(p: Platform, title: string, price?: { token: Hex; amount: bigint }): Promise<{ key: Hex; address: Address; listingId: bigint }> {
  const key = await fundedKey(p);
  const profile = await ipfsAdd(JSON.stringify({ schema: 'chainmart.merchant/1', name: `${title} shop`, description: 'test shop' }), p);
  await registerMerchant(key, `ipfs://${profile}`, addressOf(KEYS.arbiter) as Hex, p);
  const listingId = await createListing(key, { title, category: 'tea', metadataURI: '', token: price?.token, price: price?.amount }, p);
  return { key, address: addressOf(key), listingId };
}

/** The platform's bool schemas: the attestation data `isAdult = true`, and the hash EasGate requires of it. */
const ADULT_TRUE = encodeAbiParameters(parseAbiParameters('bool'), [true]);
const ADMITS = keccak256(ADULT_TRUE);

/** The checkout call a transaction made: its cart and payment, decoded with the escrow's ABI. */
function checkoutCall(input: Hex) {
  const call = decodeFunctionData({ abi: chainMartEscrowAbi, data: input });
  expect(call.functionName).toBe('checkout');
  const [cart, payment] = call.args as unknown as [{ token: Address; lines: readonly { listingId: bigint; proof: Hex }[] }, { collector: Address; data: Hex }];
  return { cart, payment };
}

async function attest(p: Platform, attesterKey: Hex, recipient: Address, isAdult = true): Promise<Hex> {
  const receipt = await send(p, attesterKey, {
    address: p.deployment.contracts.EAS.address,
    abi: easAbi,
    functionName: 'attest',
    args: [
      {
        schema: p.deployment.schemas.adult,
        data: { recipient, expirationTime: 0n, revocable: true, refUID: zeroHash, data: encodeAbiParameters(parseAbiParameters('bool'), [isAdult]), value: 0n },
      },
    ],
  });
  return parseEventLogs({ abi: easAbi, eventName: 'Attested', logs: receipt.logs })[0].args.uid;
}

test.describe("badges follow the user's trusted attesters", () => {
  const attesterKey = generatePrivateKey();
  test.use({ walletKey: attesterKey });

  test('an attester issues "verified merchant" on /attest/; the badge shows on the listing and storefront while trusted in Settings', async ({ page, platform: p, visit, connect }) => {
    const attester = addressOf(attesterKey);
    await clients(p).test.setBalance({ address: attester, value: parseEther('10') });
    const merchant = await merchantWithListing(p, 'Attested Oolong');
    await waitForIndexer(p);

    await visit('attest/');
    await connect();
    await page.getByLabel('Attestation type').selectOption('verifiedMerchant');
    await page.getByLabel('Recipient').fill(merchant.address);
    await page.getByLabel('Business name').fill('Anxi Oolong Cooperative');
    await page.getByLabel('Registration country').fill('CN');
    await page.getByTestId('attest-submit').click();
    await expect(page.getByTestId('attest-issued-uid')).toBeVisible({ timeout: 30_000 });
    const uid = (await page.getByTestId('attest-issued-uid').locator('.mono').textContent()) as Hex;

    const stored = await clients(p).public.readContract({ address: p.deployment.contracts.EAS.address, abi: easAbi, functionName: 'getAttestation', args: [uid] });
    expect([stored.attester, stored.recipient, stored.schema, stored.revocationTime]).toEqual([attester, merchant.address, p.deployment.schemas.verifiedMerchant, 0n]);
    const { merchant: indexed } = await graph<{ merchant: { account: { attestations: { id: string; schema: string; attester: string }[] } } }>(
      `query($id: ID!) { merchant(id: $id) { account { attestations { id schema attester } } } }`,
      { id: merchant.address.toLowerCase() },
    );
    expect(indexed.account.attestations).toEqual([{ id: uid, schema: 'verifiedMerchant', attester: attester.toLowerCase() }]);

    const listingPage = `product/?id=${merchant.listingId}`;
    const storefront = `merchant/?id=${merchant.address.toLowerCase()}`;
    const badge = () => page.locator('[data-testid="attestation-badge"][data-schema="verifiedMerchant"]');

    // Not trusted yet (the network's defaults do not include a new attester): no badge.
    await visit(listingPage);
    await expect(page.getByText('Attested Oolong').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(badge()).toHaveCount(0);

    await visit('settings/');
    await page.getByLabel('Attester address to trust').fill(attester.toLowerCase());
    await page.getByTestId('trusted-add').click();
    const entry = page.locator(`[data-testid="trusted-attester"][data-address="${attester.toLowerCase()}"]`);
    await expect(entry).toBeVisible();
    await entry.getByText('What this attester has attested').click();
    await expect(entry.getByTestId('trusted-issued-item')).toHaveAttribute('data-status', 'valid');

    for (const path of [listingPage, storefront]) {
      await visit(path);
      await expect(badge(), path).toHaveAttribute('data-status', 'valid');
      await expect(badge(), path).toContainText('Verified merchant');
    }

    await visit('settings/');
    await page.locator(`[data-testid="trusted-attester"][data-address="${attester.toLowerCase()}"]`).getByTestId('trusted-remove').click();
    await expect(page.locator(`[data-testid="trusted-attester"][data-address="${attester.toLowerCase()}"]`)).toHaveCount(0);
    const storedTrust = await page.evaluate((chainId) => localStorage.getItem(`chainmart:trusted-attesters:${chainId}`), p.deployment.chainId);
    expect(storedTrust?.toLowerCase()).not.toContain(attester.toLowerCase());

    for (const path of [listingPage, storefront]) {
      await visit(path);
      await expect(path === storefront ? page.getByTestId('merchant-record') : page.getByText('Attested Oolong').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(badge(), path).toHaveCount(0);
    }
  });
});

test.describe('a listing gated on "adult"', () => {
  const buyerKey = generatePrivateKey();
  test.use({ walletKey: buyerKey });

  test('blocks a buyer without the attestation and says why, sells once attested (proof in the cart line), blocks again once revoked', async ({ page, platform: p, wallet, visit, connect }) => {
    const buyer = addressOf(buyerKey);
    await clients(p).test.setBalance({ address: buyer, value: parseEther('10') });
    const attesterKey = await fundedKey(p);
    const attester = addressOf(attesterKey);
    const gate = p.deployment.contracts.EasGate.address;
    const escrow = p.deployment.contracts.ChainMartEscrow.address;
    const merchant = await merchantWithListing(p, 'Aged Rice Wine');
    await send(p, merchant.key, { address: p.deployment.contracts.ChainMartCatalog.address, abi: chainMartCatalogAbi, functionName: 'setListingGate', args: [merchant.listingId, gate] });
    await send(p, merchant.key, { address: gate, abi: easGateAbi, functionName: 'setRequirement', args: [merchant.listingId, p.deployment.schemas.adult, ADMITS, [attester]] });
    await waitForIndexer(p);

    // Without an attestation: the requirement, the reason and where to get one; no pay button.
    await visit(`checkout/?listing=${merchant.listingId}`);
    await expect(page.getByTestId('gate-requirement')).toHaveText('Required: an attestation of type “Adult” from one of these attesters:');
    await expect(page.getByTestId('gate-attesters')).toHaveText(attester);
    await expect(page.getByTestId('gate-connect')).toBeVisible();
    await connect();
    const verdict = page.getByTestId('gate-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'none');
    await expect(verdict).toHaveText('You cannot buy this listing: your address holds no “Adult” attestation from an accepted attester.');
    await expect(page.getByTestId('gated')).toContainText(`attest “Adult” for your address (${buyer})`);
    const attestLink = new URL((await page.getByTestId('gate-attest-link').getAttribute('href'))!, page.url());
    expect(attestLink.pathname.endsWith('/attest/')).toBe(true);
    expect(Object.fromEntries(attestLink.searchParams)).toEqual({ schema: 'adult', recipient: buyer });
    expect(new URL((await page.getByTestId('gate-learn-link').getAttribute('href'))!, page.url()).toString()).toMatch(/\/learn\/#fraud$/);
    await expect(page.getByTestId('pay')).toHaveCount(0);

    // Attested by an attester the listing does not accept: still blocked, and the page names it.
    const strangerKey = await fundedKey(p);
    await attest(p, strangerKey, buyer);
    await waitForIndexer(p);
    await page.reload();
    await page.locator('body[data-hydrated="true"]').waitFor();
    await expect(verdict).toHaveAttribute('data-verdict', 'untrusted-attester');
    await expect(verdict).toContainText(addressOf(strangerKey));
    await expect(page.getByTestId('pay')).toHaveCount(0);

    // The accepted attester attests, but says "not adult": that attestation does not admit, and the page says so.
    const saysNo = await attest(p, attesterKey, buyer, false);
    await waitForIndexer(p);
    await page.reload();
    await page.locator('body[data-hydrated="true"]').waitFor();
    await expect(verdict).toHaveAttribute('data-verdict', 'data-mismatch');
    await expect(verdict).toHaveText(`You cannot buy this listing: your “Adult” attestation from ${attester} does not say what the listing requires (for example, it says “no”).`);
    await expect(page.getByTestId('pay')).toHaveCount(0);
    await send(p, attesterKey, { address: p.deployment.contracts.EAS.address, abi: easAbi, functionName: 'revoke', args: [{ schema: p.deployment.schemas.adult, data: { uid: saysNo, value: 0n } }] });

    // The accepted attester attests "adult": the buyer reloads and buys.
    const uid = await attest(p, attesterKey, buyer);
    await waitForIndexer(p);
    await page.reload();
    await page.locator('body[data-hydrated="true"]').waitFor();
    await expect(verdict).toHaveAttribute('data-verdict', 'allowed');
    await expect(verdict).toHaveAttribute('data-uid', uid);
    await expect(verdict).toContainText(`valid “Adult” attestation from ${attester}`);
    for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
    await page.getByTestId('pay').click();
    await expect(page).toHaveURL(/\/orders\/\?id=\d+$/, { timeout: 30_000 });
    const orderId = new URL(page.url()).searchParams.get('id')!;
    await expect(page.getByText(`Order #${orderId} placed`)).toBeVisible();

    const { order } = await graph<{ order: { statusName: string; buyer: { id: string }; listingId: string; events: { transactionHash: Hex }[] } }>(
      `query($id: ID!) { order(id: $id) { statusName buyer { id } listingId events(orderBy: timestamp) { transactionHash } } }`,
      { id: orderId },
    );
    expect([order.statusName, order.buyer.id, order.listingId]).toEqual(['Paid', buyer.toLowerCase(), merchant.listingId.toString()]);
    const tx = await clients(p).public.getTransaction({ hash: order.events[0].transactionHash });
    expect(tx.to?.toLowerCase()).toBe(escrow.toLowerCase());
    // One line whose proof is abi.encode(uid), paid in ETH with no collector.
    const { cart, payment } = checkoutCall(tx.input);
    expect(cart.lines.map((l) => [l.listingId, l.proof])).toEqual([[merchant.listingId, uid]]);
    expect(payment).toEqual({ collector: zeroAddress, data: '0x' });
    expect(tx.value).toBe(10n ** 15n);
    expect(wallet.requests.filter((r) => r === 'eth_sendTransaction')).toHaveLength(1);

    // Revoked: the checkout blocks again and says when.
    await send(p, attesterKey, { address: p.deployment.contracts.EAS.address, abi: easAbi, functionName: 'revoke', args: [{ schema: p.deployment.schemas.adult, data: { uid, value: 0n } }] });
    await waitForIndexer(p);
    await visit(`checkout/?listing=${merchant.listingId}`);
    await expect(verdict).toHaveAttribute('data-verdict', 'revoked');
    await expect(verdict).toContainText(`your “Adult” attestation from ${attester} was revoked on`);
    await expect(page.getByTestId('pay')).toHaveCount(0);
    const { account } = await graph<{ account: { attestations: { id: string; revoked: boolean }[] } }>(
      `query($id: ID!) { account(id: $id) { attestations(where: { attester: "${attester.toLowerCase()}" }) { id revoked } } }`,
      { id: buyer.toLowerCase() },
    );
    expect(account.attestations).toHaveLength(2);
    expect(account.attestations).toEqual(expect.arrayContaining([{ id: uid, revoked: true }, { id: saysNo, revoked: true }]));
  });
});

test.describe('a gated listing in the settlement token', () => {
  const buyerKey = generatePrivateKey();
  test.use({ walletKey: buyerKey });

  test('an attested buyer pays with one permit signature to the PermitCollector; a gate without a requirement blocks everyone', async ({ page, platform: p, wallet, visit, connect }) => {
    const buyer = addressOf(buyerKey);
    const { ChainMartCatalog, EasGate, PermitCollector, SettlementToken } = p.deployment.contracts;
    await clients(p).test.setBalance({ address: buyer, value: parseEther('1') });
    await send(p, KEYS.deployer, { address: SettlementToken.address, abi: testUsdcAbi, functionName: 'mint', args: [buyer, parseUnits('50', 6)] });
    const attesterKey = await fundedKey(p);
    const merchant = await merchantWithListing(p, 'Gated Baijiu', { token: SettlementToken.address, amount: parseUnits('12', 6) });
    await send(p, merchant.key, { address: ChainMartCatalog.address, abi: chainMartCatalogAbi, functionName: 'setListingGate', args: [merchant.listingId, EasGate.address] });
    await waitForIndexer(p);

    // The gate is attached but the merchant has not chosen a requirement yet: nobody can buy.
    await visit(`checkout/?listing=${merchant.listingId}`);
    await connect();
    await expect(page.getByTestId('gate-no-requirement')).toContainText('has not chosen which attestation it requires');
    await expect(page.getByTestId('pay')).toHaveCount(0);

    await send(p, merchant.key, { address: EasGate.address, abi: easGateAbi, functionName: 'setRequirement', args: [merchant.listingId, p.deployment.schemas.adult, ADMITS, [addressOf(attesterKey)]] });
    const uid = await attest(p, attesterKey, buyer);
    await waitForIndexer(p);
    await page.reload();
    await page.locator('body[data-hydrated="true"]').waitFor();
    await expect(page.getByTestId('gate-verdict')).toHaveAttribute('data-uid', uid);
    for (const [field, value] of Object.entries(SHIPPING)) await page.locator(`#ship-${field}`).fill(value);
    await page.getByTestId('pay').click();
    await expect(page).toHaveURL(/\/orders\/\?id=\d+$/, { timeout: 30_000 });
    const orderId = new URL(page.url()).searchParams.get('id')!;

    const { order } = await graph<{ order: { statusName: string; buyer: { id: string }; amount: string; events: { transactionHash: Hex }[] } }>(
      `query($id: ID!) { order(id: $id) { statusName buyer { id } amount events(orderBy: timestamp) { transactionHash } } }`,
      { id: orderId },
    );
    expect([order.statusName, order.buyer.id, order.amount]).toEqual(['Paid', buyer.toLowerCase(), parseUnits('12', 6).toString()]);
    const { cart, payment } = checkoutCall((await clients(p).public.getTransaction({ hash: order.events[0].transactionHash })).input);
    expect(cart.token).toBe(SettlementToken.address);
    expect(cart.lines.map((l) => l.proof)).toEqual([uid]);
    expect(payment.collector).toBe(PermitCollector.address);
    expect(wallet.requests.filter((r) => r === 'eth_signTypedData_v4')).toHaveLength(1);
    expect(wallet.requests.filter((r) => r === 'eth_sendTransaction')).toHaveLength(1);
    expect(await clients(p).public.readContract({ address: SettlementToken.address, abi: testUsdcAbi, functionName: 'balanceOf', args: [buyer] })).toBe(parseUnits('38', 6));
  });
});
