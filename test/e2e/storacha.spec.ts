// Uploads where the network has no IPFS node of its own: a merchant points Settings at a Storacha upload
// service (here Storacha's own service logic, @storacha/upload-api, on 127.0.0.1: test/storacha/service.ts),
// logs in by email from the listing editor (the test confirms the email, as upload-api's tests do), gets a
// space and uploads a listing photo through the same FileField the site uses; the CID the page puts in the
// listing is the photo's own and the service registered it in the merchant's space.
import { fileCid } from '../../web/lib/ipfs/cid.ts';
import { startStorachaService, type StorachaTestService } from '../storacha/service.ts';
import { expect, test } from './fixtures.ts';
import { KEYS } from './platform.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let service: StorachaTestService;
test.beforeAll(async () => {
  service = await startStorachaService();
});
test.afterAll(() => service?.close());

test.use({ walletKey: KEYS.merchantA });

test('a merchant logs in to Storacha, gets a space and uploads a listing photo; the CID is checked', async ({ page, visit, connect }) => {
  await visit('settings/');
  const settings = page.getByTestId('storacha-form');
  await settings.getByLabel('Service URL').fill(service.url);
  await settings.getByLabel('Service DID').fill(service.did);
  await settings.getByLabel(/Upload with Storacha even where/).check();
  await settings.getByRole('button', { name: 'Save' }).click();

  await visit('sell/listing/');
  await connect();
  const login = page.getByTestId('image-storacha');
  await expect(login).toContainText('Log in to Storacha');
  await expect(page.getByLabel('Upload an image')).toHaveCount(0);
  await login.getByLabel('Email').fill('merchant@example.com');
  await login.getByRole('button', { name: 'Send login link' }).click();
  await expect(page.getByTestId('image-storacha-waiting')).toContainText('merchant@example.com');
  expect(await service.confirmNextLogin()).toBe('merchant@example.com');
  await expect(page.getByTestId('image-storacha-ready')).toContainText('"ChainMart" (merchant@example.com)', { timeout: 30_000 });

  await page.getByLabel('Upload an image').setInputFiles({ name: 'bowl.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('images').locator('li')).toHaveCount(1, { timeout: 30_000 });
  const src = await page.getByTestId('images').locator('img').first().getAttribute('src');
  const cid = src?.match(/\/ipfs\/(baf[a-z0-9]+)/)?.[1];
  expect(cid).toBe(await fileCid(new Uint8Array(PNG)));
  const record = JSON.parse((await page.evaluate(() => localStorage.getItem('chainmart:storacha'))) ?? 'null');
  expect(record?.space).toMatch(/^did:key:/);
  expect(await service.uploads(record.space)).toEqual([cid]);
});
