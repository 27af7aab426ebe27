// Merchant self-service: a brand-new account registers (key created in the browser, backup forced), restores
// its key in another browser, lists a product with an image uploaded to the local IPFS node, appends a
// provenance step with evidence, and says who may buy (an EasGate requirement). Every step is checked in the UI and on chain / in the subgraph.
import { readFileSync } from 'node:fs';
import { type Address, type Hex, encodeAbiParameters, getAddress, keccak256, parseEther, zeroAddress } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { chainMartCatalogAbi, easGateAbi } from '../../web/lib/contracts/generated/abi.ts';
import { connectWallet, expect, test } from './fixtures.ts';
import { KEYS, addressOf, clients, platform } from './platform.ts';
import { installWallet } from './wallet.ts';

// A 1x1 PNG, and a PNG-typed file over the 2 MB limit.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const BIG = Buffer.alloc(2 * 1024 * 1024 + 10, 1);

async function fund(key: Hex): Promise<void> {
  const { public: client, wallet } = clients();
  const hash = await wallet(KEYS.deployer).sendTransaction({ to: addressOf(key), value: parseEther('10') });
  await client.waitForTransactionReceipt({ hash });
}

async function subgraph<T>(query: string): Promise<T> {
  const response = await fetch(platform().subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data: T };
  return body.data;
}

async function ipfsJson<T>(uri: string): Promise<T> {
  const cid = uri.replace(/^ipfs:\/\//, '');
  const response = await fetch(`${platform().ipfs}/api/v0/cat?arg=${cid}`, { method: 'POST' });
  return (await response.json()) as T;
}

const merchantKey = generatePrivateKey();
const merchant = addressOf(merchantKey).toLowerCase() as Address;
const arbiter = addressOf(KEYS.arbiter);
const stamp = Date.now().toString(36);
const title = `Celadon bowl ${stamp}`;

test.describe('a new merchant, end to end', () => {
  test.use({ walletKey: merchantKey, acceptDownloads: true });
  test.beforeAll(async () => fund(merchantKey));

  test('registers with a key backup, restores it elsewhere, lists with an image, adds provenance', async ({ page, visit, connect, browser }) => {
    test.setTimeout(240_000);
    const catalog = platform().deployment.contracts.ChainMartCatalog.address;
    const { public: client } = clients();

    // Not connected: a prompt. Connected but not a merchant: an explanation and a registration offer.
    await visit('sell/');
    await expect(page.getByTestId('sell-connect')).toContainText('Connect your wallet');
    await connect();
    await expect(page.getByTestId('not-merchant')).toContainText('is not a merchant yet');
    await page.getByRole('link', { name: 'Register as a merchant' }).click();
    await expect(page).toHaveURL(/sell\/profile\/$/);

    // The profile, with contract rules checked before any transaction (arbiter = self refused).
    await page.getByLabel('Shop name (Chinese)').fill(`青瓷坊 ${stamp}`);
    await page.getByLabel('Shop name (English)').fill(`Celadon House ${stamp}`);
    await page.getByLabel('Category', { exact: true }).selectOption('ceramics');
    await page.getByLabel('Description (English)').fill('Hand-thrown celadon from Longquan.');
    await page.getByLabel('Email').fill('shop@example.com');
    // The logo is one picture: its hint says nothing about a cover photo.
    await expect(page.locator('#logo-hint')).toHaveText('JPEG, PNG, WebP, GIF or AVIF, up to 2 MB.');
    await page.getByLabel('Points reward (%)').fill('2.5');
    await page.getByRole('radio', { name: 'Another address' }).check();
    await page.getByLabel("Another arbiter's address").fill(merchant);
    await page.getByLabel('Auto-release window (days)').fill('10');
    // Registering is impossible before the key backup.
    const register = page.getByRole('button', { name: 'Register as merchant' });
    await expect(register).toBeDisabled();
    await page.getByLabel(/^Backup passphrase/).fill('celadon passphrase');
    await page.getByLabel('Repeat the passphrase').fill('celadon passphrase');
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download encrypted backup' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^chainmart-merchant-key-0x[0-9a-f]{8}-[0-9a-f]{8}\.json$/);
    const backupPath = test.info().outputPath('backup.json');
    await download.saveAs(backupPath);
    const backup = JSON.parse(readFileSync(backupPath, 'utf8')) as { merchant: string; publicKey: Hex; ciphertext: string };
    expect(backup.merchant.toLowerCase()).toBe(merchant);
    expect(JSON.stringify(backup)).not.toContain('secretKey');
    await expect(page.getByTestId('backup-done')).toBeVisible();
    await register.click();
    await expect(page.getByTestId('profile-error')).toContainText('Fix the marked fields');
    await expect(page.getByText('The arbiter cannot be your own address.')).toBeVisible();
    await page.getByLabel("Another arbiter's address").fill(arbiter);
    await register.click();

    await expect(page).toHaveURL(/sell\/$/, { timeout: 60_000 });
    await expect(page.getByTestId('merchant-profile')).toContainText(`Celadon House ${stamp}`);
    await expect(page.getByTestId('merchant-profile')).toContainText('2.5%');
    await expect(page.getByTestId('key-status')).toContainText('Key available');
    const [registered, onChainArbiter, rewardBps, window, encryptionKey] = await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [merchant] });
    expect({ registered, arbiter: onChainArbiter, rewardBps, window, encryptionKey: encryptionKey.toLowerCase() }).toEqual({
      registered: true,
      arbiter,
      rewardBps: 250,
      window: 10 * 86_400,
      encryptionKey: backup.publicKey.toLowerCase(),
    });
    const { merchant: indexed } = await subgraph<{ merchant: { metadataURI: string; rewardBps: number } }>(`{ merchant(id: "${merchant}") { metadataURI rewardBps } }`);
    expect(indexed.rewardBps).toBe(250);
    const profileDoc = await ipfsJson<{ schema: string; name: Record<string, string>; category: string; contact: { email: string } }>(indexed.metadataURI);
    expect(profileDoc).toMatchObject({ schema: 'chainmart.merchant/1', name: { en: `Celadon House ${stamp}`, 'zh-CN': `青瓷坊 ${stamp}` }, category: 'ceramics', contact: { email: 'shop@example.com' } });

    // Another browser: no key there. A wrong passphrase is refused with nothing lost; the right one restores.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await installWallet(page2, platform().rpc, merchantKey);
    await page2.goto(new URL('sell/', platform().site).toString());
    await page2.locator('body[data-hydrated="true"]').waitFor();
    await connectWallet(page2);
    await expect(page2.getByTestId('key-missing')).toContainText('shipping details cannot be read without your key');
    await page2.getByLabel('Backup file').setInputFiles(backupPath);
    await page2.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await page2.getByRole('button', { name: 'Restore key' }).click();
    await expect(page2.getByTestId('key-error')).toContainText('Wrong passphrase');
    expect(await page2.getByLabel('Backup file').evaluate((input: HTMLInputElement) => input.files?.length)).toBe(1);
    await expect(page2.getByLabel('Passphrase', { exact: true })).toHaveValue('not the passphrase');
    expect(await page2.evaluate((m) => localStorage.getItem(`chainmart:merchant-key:${m}`), merchant)).toBeNull();
    await page2.getByLabel('Passphrase', { exact: true }).fill('celadon passphrase');
    await page2.getByRole('button', { name: 'Restore key' }).click();
    await expect(page2.getByTestId('key-status')).toContainText('Key available');
    const stored = await page2.evaluate((m) => localStorage.getItem(`chainmart:merchant-key:${m}`), merchant);
    expect(JSON.parse(stored!).publicKey.toLowerCase()).toBe(backup.publicKey.toLowerCase());
    await other.close();

    // A listing with an image uploaded to the local IPFS node; an oversized image is refused first.
    await page.getByRole('link', { name: 'New listing' }).click();
    await expect(page).toHaveURL(/sell\/listing\/$/);
    await page.getByLabel('Title (English)').fill(title);
    await page.getByLabel('Title (Chinese)').fill(`青瓷碗 ${stamp}`);
    await page.getByLabel('Category', { exact: true }).fill('ceramics');
    await page.getByLabel('Paid in').selectOption({ label: 'ETH' });
    await page.getByLabel(/^Unit price/).fill('0.05');
    await page.getByLabel('Stock', { exact: true }).fill('7');
    await page.getByLabel('Per-order limit').fill('2');
    await page.getByLabel('Ship within (days)').fill('4');
    await page.getByLabel('Description (English)').fill('A celadon bowl, glazed twice.');
    await page.getByLabel('Upload an image').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: BIG });
    await expect(page.getByTestId('image-error')).toContainText('The file is too large (2 MB); the limit is 2 MB');
    await expect(page.getByTestId('images')).toHaveCount(0);
    // A text file named .png is refused by its bytes, whatever its name and type say.
    await page.getByLabel('Upload an image').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('shopping list: tea, cups') });
    await expect(page.getByTestId('image-error')).toHaveText('“notes.png” is not an image: its contents are not JPEG, PNG, WebP, GIF or AVIF (renaming a file does not change that). Please choose an image.');
    await expect(page.getByTestId('images')).toHaveCount(0);
    await expect(page.locator('#image-hint')).toHaveText('JPEG, PNG, WebP, GIF or AVIF, up to 2 MB. The first image is the cover.');
    await page.getByLabel('Upload an image').setInputFiles({ name: 'bowl.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByTestId('images').locator('li')).toHaveCount(1);
    // The preview renders as the listing page does.
    const preview = page.getByTestId('preview');
    await expect(preview).toContainText(title);
    await expect(preview).toContainText('0.05 ETH');
    await expect(preview).toContainText('4 days');
    await expect(preview.locator('img').first()).toHaveAttribute('src', /\/ipfs\/baf/);
    await page.getByRole('button', { name: 'Publish listing' }).click();
    await expect(page).toHaveURL(/sell\/listing\/\?id=\d+/, { timeout: 60_000 });
    const id = BigInt(new URL(page.url()).searchParams.get('id')!);
    const [owner, token, price, stock, maxPerOrder, shipWithin, paused] = await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'listingOf', args: [id] });
    expect({ owner: owner.toLowerCase(), token, price, stock, maxPerOrder, shipWithin, paused }).toEqual({ owner: merchant, token: zeroAddress, price: parseEther('0.05'), stock: 7, maxPerOrder: 2, shipWithin: 4 * 86_400, paused: false });
    const { listing } = await subgraph<{ listing: { title: string; metadataURI: string } }>(`{ listing(id: "${id}") { title metadataURI } }`);
    expect(listing.title).toBe(`${title} · 青瓷碗 ${stamp}`);
    const listingDoc = await ipfsJson<{ images: string[] }>(listing.metadataURI);
    expect(listingDoc.images).toHaveLength(1);
    const imageCid = listingDoc.images[0].replace('ipfs://', '');
    const imageBytes = Buffer.from(await (await fetch(`${platform().ipfs}/ipfs/${imageCid}`)).arrayBuffer());
    expect(imageBytes.equals(PNG)).toBe(true);

    // The catalog shows it, with that image.
    await visit(`search/?q=${encodeURIComponent(title)}`);
    const card = page.locator('article.listing').filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await expect(card.locator('img')).toHaveAttribute('src', new RegExp(`/ipfs/${imageCid}$`));

    // A provenance step with an evidence file.
    await visit(`sell/listing/?id=${id}`);
    const form = page.getByTestId('provenance-form');
    await form.getByLabel('Step').selectOption({ label: 'Inspection' });
    await form.getByLabel('Place').fill(`Longquan kiln ${stamp}`);
    await form.getByLabel('By whom').fill('Zhejiang Ceramics Lab');
    await form.getByLabel('Evidence title (English)').fill('Lead test report');
    await form.getByLabel(/^Facts/).fill('lead: not detected\nreference: ZCL-2024-118');
    await form.getByLabel(/^Evidence file/).setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from(`lab report ${stamp}`) });
    await expect(form.getByText('Evidence file added')).toBeVisible();
    await form.getByRole('button', { name: 'Add provenance step' }).click();
    const editorTimeline = page.getByTestId('provenance-editor').getByTestId('provenance');
    await expect(editorTimeline.locator('li')).toHaveCount(1, { timeout: 60_000 });
    await expect(editorTimeline).toContainText(`Longquan kiln ${stamp}`);
    // The preview shows the step too, as buyers will see it.
    await expect(page.getByTestId('preview').getByTestId('provenance')).toContainText('Inspection');
    const { provenanceSteps } = await subgraph<{ provenanceSteps: { kind: string; location: string; actor: string; evidenceCid: string }[] }>(
      `{ provenanceSteps(where: { listing: "${id}" }) { kind location actor evidenceCid } }`,
    );
    expect(provenanceSteps).toHaveLength(1);
    expect(provenanceSteps[0]).toMatchObject({ kind: 'inspection', location: `Longquan kiln ${stamp}`, actor: 'Zhejiang Ceramics Lab' });
    const evidence = await ipfsJson<{ schema: string; facts: Record<string, string>; attachments: string[] }>(provenanceSteps[0].evidenceCid);
    expect(evidence).toMatchObject({ schema: 'chainmart.evidence/1', facts: { lead: 'not detected', reference: 'ZCL-2024-118' } });
    const attachment = await fetch(`${platform().ipfs}/ipfs/${evidence.attachments[0].replace('ipfs://', '')}`);
    expect(await attachment.text()).toBe(`lab report ${stamp}`);

    // The buyers' listing page shows it.
    await visit(`product/?id=${id}`);
    const timeline = page.getByTestId('provenance');
    await expect(timeline.locator('li')).toHaveCount(1);
    await expect(timeline).toContainText('Inspection');
    await expect(timeline).toContainText(`Longquan kiln ${stamp}`);
    await expect(timeline.getByRole('link', { name: 'Evidence' })).toHaveAttribute('href', new RegExp(provenanceSteps[0].evidenceCid));

    // Edit (updateListing), pause and restock from the editor; the dashboard lists it with its state.
    await visit(`sell/listing/?id=${id}`);
    await expect(page.getByLabel('Paid in')).toBeDisabled();
    await page.getByLabel(/^Unit price/).fill('0.06');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Listing updated.')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('listing-controls')).toContainText('Paused', { timeout: 60_000 });
    await page.getByLabel('Units to add').fill('3');
    await page.getByRole('button', { name: 'Restock' }).click();
    await expect(page.getByTestId('stock-now')).toContainText('Stock 10', { timeout: 60_000 });
    const after = await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'listingOf', args: [id] });
    expect({ price: after[2], stock: after[3], paused: after[6] }).toEqual({ price: parseEther('0.06'), stock: 10, paused: true });

    // Who may buy: adults only, attested by an attester the merchant picks (EasGate), then anyone again.
    const gateEditor = page.getByTestId('gate-editor');
    const attesters = gateEditor.getByLabel(/^Accepted attesters/);
    const saveGate = gateEditor.getByRole('button', { name: 'Save who may buy' });
    const { EasGate } = platform().deployment.contracts;
    await expect(gateEditor.getByTestId('gate-current')).toHaveText('Now: anyone can buy.');
    await gateEditor.getByRole('radio', { name: 'Adults only' }).check();
    await expect(gateEditor.getByTestId('gate-explain')).toContainText('says isAdult = true');
    await attesters.fill('0x1234');
    await saveGate.click();
    await expect(gateEditor.getByRole('alert')).toHaveText('“0x1234” is not an attester address.');
    const attester = addressOf(generatePrivateKey());
    await attesters.fill(attester);
    await saveGate.click();
    await expect(gateEditor.getByTestId('gate-current')).toHaveText('Now: Adults only, from 1 accepted attester.', { timeout: 60_000 });
    expect(getAddress(await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'gateOf', args: [id] }))).toBe(getAddress(EasGate.address));
    expect(await client.readContract({ address: EasGate.address, abi: easGateAbi, functionName: 'requirementOf', args: [id] })).toEqual([
      platform().deployment.schemas.adult,
      keccak256(encodeAbiParameters([{ type: 'bool' }], [true])),
      [getAddress(attester)],
    ]);
    await gateEditor.getByRole('radio', { name: 'Anyone' }).check();
    await saveGate.click();
    await expect(gateEditor.getByTestId('gate-current')).toHaveText('Now: anyone can buy.', { timeout: 60_000 });
    expect(await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'gateOf', args: [id] })).toBe(zeroAddress);
    await visit('sell/');
    const row = page.locator(`[data-listing="${id}"]`);
    await expect(row).toContainText('Paused');
    await expect(row).toContainText('0.06 ETH');
    await row.getByRole('button', { name: 'Resume' }).click();
    await expect(row.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 60_000 });
    expect((await client.readContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'listingOf', args: [id] }))[6]).toBe(false);
  });
});

test.describe('not a merchant', () => {
  const key = generatePrivateKey();
  test.use({ walletKey: key });

  test('opening the dashboard or the listing editor explains and offers registration', async ({ page, visit, connect }) => {
    await visit('sell/');
    await connect();
    const box = page.getByTestId('not-merchant');
    await expect(box).toContainText('You are not a merchant yet');
    await expect(box).toContainText('the platform approves nothing');
    await expect(box.getByRole('link', { name: 'Register as a merchant' })).toHaveAttribute('href', /sell\/profile\/$/);
    const [registered] = await clients().public.readContract({ address: platform().deployment.contracts.ChainMartCatalog.address, abi: chainMartCatalogAbi, functionName: 'merchantOf', args: [addressOf(key)] });
    expect(registered).toBe(false);
    await visit('sell/listing/');
    await expect(page.getByTestId('not-merchant')).toContainText('Register as a merchant first');
  });
});

test.describe('the editor of a saved listing', () => {
  test.use({ walletKey: KEYS.merchantA, viewport: { width: 1280, height: 900 } });

  test('shows the listing currency and lines up the paired fields', async ({ page, visit, connect }) => {
    const tusd = platform().deployment.contracts.SettlementToken.address.toLowerCase();
    const { listings } = await subgraph<{ listings: { id: string }[] }>(
      `{ listings(first: 1, where: { merchant: "${addressOf(KEYS.merchantA).toLowerCase()}", token: "${tusd}" }) { id } }`,
    );
    await visit(`sell/listing/?id=${listings[0].id}`);
    await connect();
    const currency = page.getByLabel('Paid in');
    await expect(currency).toHaveValue(tusd);
    await expect(currency.locator('option:checked')).toHaveText('tUSD');
    for (const [left, right] of [
      ['Description (Chinese)', 'Description (English)'],
      ['Origin (Chinese)', 'Origin (English)'],
    ]) {
      const [a, b] = [await page.getByLabel(left).boundingBox(), await page.getByLabel(right).boundingBox()];
      expect(Math.abs(a!.y - b!.y), `${left} and ${right} start at the same height`).toBeLessThan(1);
      expect(Math.abs(a!.height - b!.height)).toBeLessThan(1);
    }
    await page.screenshot({ path: 'test-results/shots/listing-editor-en-1280.png', fullPage: true });
  });
});
