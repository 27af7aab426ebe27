// The attester page: a fresh address issues "verified merchant" for merchant #1 and an expiring "adult"
// attestation through the site, revokes one, and sees both states; every step is checked against EAS on
// chain and the subgraph as well as the page. (Badges for users who trust or untrust the attester are tested
// once the settings and merchant pages embed TrustedAttesters and AttestationBadges.)
import { type Address, type Hex, decodeAbiParameters, parseAbiParameters } from 'viem';
import { easAbi } from '../../web/lib/contracts/generated/abi.ts';
import { expect, test } from './fixtures.ts';
import { KEYS, addressOf, advanceTime, clients, platform } from './platform.ts';

const ATTESTER = addressOf(KEYS.fresh4);
const MERCHANT_1 = addressOf(KEYS.merchantA);
const BUYER = addressOf(KEYS.fresh3);
const DAY = 86400;

interface Row {
  id: Hex;
  schema: string;
  attester: string;
  recipient: { id: string };
  revoked: boolean;
  revokedAt: string | null;
}

async function subgraph<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(platform().subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

const issuedBy = async (attester: Address) =>
  (await subgraph<{ attestations: Row[] }>(`query($a: Bytes!) { attestations(where: { attester: $a }, orderBy: time) { id schema attester recipient { id } revoked revokedAt } }`, { a: attester.toLowerCase() }))
    .attestations;

const onChain = (uid: Hex) => {
  const p = platform();
  return clients(p).public.readContract({ address: p.deployment.contracts.EAS.address, abi: easAbi, functionName: 'getAttestation', args: [uid] });
};

test.use({ walletKey: KEYS.fresh4 });

test('an attester issues "verified merchant" for merchant #1 and revokes it', async ({ page, visit, connect }) => {
  await visit('attest/');
  await expect(page.getByTestId('attest-connect')).toBeVisible();
  await connect();
  await expect(page.getByTestId('attest-issued-empty')).toBeVisible();

  // A bad recipient is refused inline; nothing typed is lost.
  await page.getByLabel('Attestation type').selectOption('verifiedMerchant');
  await page.getByLabel('Recipient').fill('0x1234');
  await page.getByLabel('Business name').fill('Hangzhou West Lake Tea Co.');
  await page.getByLabel('Registration country').fill('CN');
  await page.getByTestId('attest-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a valid address' })).toBeVisible();
  await expect(page.getByLabel('Business name')).toHaveValue('Hangzhou West Lake Tea Co.');

  await page.getByLabel('Recipient').fill(MERCHANT_1.toLowerCase());
  await page.getByTestId('attest-submit').click();
  await expect(page.getByTestId('attest-issued-uid')).toBeVisible({ timeout: 30_000 });
  const uid = (await page.getByTestId('attest-issued-uid').locator('.mono').textContent()) as Hex;
  const item = page.locator(`[data-testid="attest-issued-item"][data-uid="${uid}"]`);
  await expect(item).toHaveAttribute('data-status', 'valid');
  await expect(item).toContainText('Verified merchant');
  await expect(item).toContainText('Business name: Hangzhou West Lake Tea Co. · Registration country: CN');
  await expect(item).toContainText('Never');

  // On chain: EAS holds the data; the subgraph has who attested what, and merchant #1's badges come with it.
  const stored = await onChain(uid);
  expect(stored.attester).toBe(ATTESTER);
  expect(stored.recipient).toBe(MERCHANT_1);
  expect(stored.schema).toBe(platform().deployment.schemas.verifiedMerchant);
  expect(stored.expirationTime).toBe(0n);
  expect(decodeAbiParameters(parseAbiParameters('string, string'), stored.data)).toEqual(['Hangzhou West Lake Tea Co.', 'CN']);
  expect(await issuedBy(ATTESTER)).toEqual([
    { id: uid, schema: 'verifiedMerchant', attester: ATTESTER.toLowerCase(), recipient: { id: MERCHANT_1.toLowerCase() }, revoked: false, revokedAt: null },
  ]);
  const { merchant } = await subgraph<{ merchant: { account: { attestations: { id: string }[] } } }>(
    `query($id: ID!) { merchant(id: $id) { account { attestations(where: { attester: "${ATTESTER.toLowerCase()}" }) { id } } } }`,
    { id: MERCHANT_1.toLowerCase() },
  );
  expect(merchant.account.attestations).toEqual([{ id: uid }]);

  // Revocation from the page: shown as revoked, recorded on chain and in the subgraph.
  await item.getByTestId('attest-revoke').click();
  await expect(page.locator(`[data-testid="attest-issued-item"][data-uid="${uid}"]`)).toHaveAttribute('data-status', 'revoked', { timeout: 30_000 });
  await expect(page.locator(`[data-testid="attest-issued-item"][data-uid="${uid}"]`).getByTestId('attest-issued-status')).toHaveText('revoked');
  await expect(page.locator(`[data-testid="attest-issued-item"][data-uid="${uid}"]`).getByTestId('attest-revoke')).toHaveCount(0);
  const revoked = await onChain(uid);
  expect(revoked.revocationTime).toBeGreaterThan(0n);
  const [row] = await issuedBy(ATTESTER);
  expect(row).toMatchObject({ id: uid, revoked: true, revokedAt: String(revoked.revocationTime) });
});

test('an expiring "adult" attestation shows as expired once the chain passes its date', async ({ page, visit, connect }) => {
  await visit('attest/?schema=adult');
  await connect();
  await expect(page.getByLabel('Attestation type')).toHaveValue('adult');
  await expect(page.getByLabel('Is an adult')).toBeChecked();
  // The chain's clock may be days ahead of the browser's after other tests: pick a date from the chain's.
  const now = Number((await clients().public.getBlock()).timestamp);
  const date = new Date((now + 2 * DAY) * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Recipient').fill(BUYER);
  await page.getByLabel('Expires').fill(date);
  await page.getByTestId('attest-submit').click();
  await expect(page.getByTestId('attest-issued-uid')).toBeVisible({ timeout: 30_000 });
  const uid = (await page.getByTestId('attest-issued-uid').locator('.mono').textContent()) as Hex;

  const stored = await onChain(uid);
  expect(stored.expirationTime).toBeGreaterThan(BigInt(now + DAY));
  expect(stored.expirationTime).toBeLessThanOrEqual(BigInt(now + 4 * DAY));
  expect(decodeAbiParameters(parseAbiParameters('bool'), stored.data)).toEqual([true]);
  const item = () => page.locator(`[data-testid="attest-issued-item"][data-uid="${uid}"]`);
  await expect(item()).toHaveAttribute('data-status', 'valid');

  await advanceTime(4 * DAY);
  await page.reload();
  await page.locator('body[data-hydrated="true"]').waitFor();
  await expect(item()).toHaveAttribute('data-status', 'expired', { timeout: 15_000 });
  await expect(item().getByTestId('attest-issued-status')).toHaveText('expired');
  // Expiration is not an event: the subgraph still says not revoked, and the page read the chain.
  expect((await issuedBy(ATTESTER)).find((a) => a.id === uid)).toMatchObject({ schema: 'adult', revoked: false });
});
