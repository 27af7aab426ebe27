// A passkey account in a real browser: Chromium's virtual WebAuthn authenticator (CDP) stands in for Face ID or
// a fingerprint. Create the account on /wallet/, see its counterfactual address, stay connected across a
// reload, sign out and back in with the account picker, and a refused prompt that loses nothing.
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** WebAuthn refuses IP addresses as relying party ids: open the site on localhost (the same server). */
async function visitOnLocalhost(page: Page, site: string, path: string): Promise<void> {
  const url = new URL(path, site);
  url.hostname = 'localhost';
  await page.goto(url.toString());
  await page.locator('body[data-hydrated="true"]').waitFor();
}

async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test('create a passkey account, reload and stay connected, sign out and back in', async ({ page, platform }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await visitOnLocalhost(page, platform.site, 'wallet/');
  const card = page.getByTestId('passkey-card');
  await expect(card.getByRole('heading', { name: /Create an account with a passkey/ })).toBeVisible();
  await card.getByTestId('passkey-create').click();
  const address = page.getByTestId('passkey-address');
  await expect(address).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  const created = (await address.textContent())!.trim();
  await expect(page.getByTestId('passkey-connected')).toBeVisible();
  await expect(page.getByTestId('account')).toBeVisible();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  // Only the credential id and public key are stored: nothing secret.
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('chainmart:passkeys')))!) as { id: string; publicKey: string }[];
  expect(stored).toHaveLength(1);
  expect(stored[0].publicKey).toMatch(/^0x[0-9a-f]{128}$/);

  await page.reload();
  await page.locator('body[data-hydrated="true"]').waitFor();
  await expect(page.getByTestId('passkey-address')).toHaveText(created);
  await expect(page.getByTestId('account')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('passkey-address')).toHaveCount(0);
  await page.getByTestId('passkey-sign-in').click();
  await expect(page.getByTestId('passkey-address')).toHaveText(created);
});

test('a refused passkey prompt is a neutral notice and changes nothing', async ({ page, platform }) => {
  await virtualAuthenticator(page);
  // What the browser throws when the user closes the prompt (the virtual authenticator cannot refuse a creation).
  await page.addInitScript(() => {
    navigator.credentials.create = () => Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
  });
  await visitOnLocalhost(page, platform.site, 'wallet/');
  await page.getByTestId('passkey-create').click();
  await expect(page.getByText('The passkey prompt was closed. Nothing was changed; you can try again.')).toBeVisible();
  await expect(page.getByTestId('passkey-error')).toHaveCount(0);
  await expect(page.getByTestId('passkey-address')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('chainmart:passkeys'))).toBeNull();
  await expect(page.getByTestId('passkey-create')).toBeEnabled();
});

test('a browser without WebAuthn gets a clear message', async ({ page, visit }) => {
  await page.addInitScript(() => {
    // @ts-expect-error a browser without WebAuthn
    delete window.PublicKeyCredential;
  });
  await visit('wallet/');
  await expect(page.getByTestId('passkey-unsupported')).toHaveText(/does not support passkeys/);
  await expect(page.getByTestId('passkey-create')).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('the passkey account is the first option, and a browser without WebAuthn is told so', async ({ page, visit }) => {
    await page.addInitScript(() => {
      // @ts-expect-error a browser without WebAuthn
      delete window.PublicKeyCredential;
    });
    await visit('wallet/');
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('用通行密钥创建账户');
    await expect(page.getByTestId('passkey-unsupported')).toContainText('此浏览器不支持通行密钥');
  });
});
