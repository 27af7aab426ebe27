// Several subgraph endpoints, tried in order: a first endpoint that is dead, or that lags 100 blocks behind the
// chain, is skipped for the next one. Both fake endpoints are page.route handlers: one refuses connections,
// the other proxies the real graph node and reports its `_meta` block 100 lower.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { waitForIndexer } from './market.ts';
import { clients } from './platform.ts';

const DEAD = 'http://dead.subgraph.test/subgraphs/name/chainmart';
const LAGGING = 'http://lagging.subgraph.test/subgraphs/name/chainmart';
const LAG = 100;

/** Records what each fake endpoint was asked: `_meta` probes, or real queries. */
function askedOf(page: Page, url: string) {
  const asked: ('probe' | 'query')[] = [];
  page.on('request', (request) => {
    if (request.url() === url && request.method() === 'POST') asked.push(String(request.postData()).includes('_meta') ? 'probe' : 'query');
  });
  return asked;
}

/** In Settings: adds `url` to the subgraph endpoints and moves it to the top of the list. */
async function addFirst(page: Page, url: string): Promise<void> {
  await page.getByLabel('Add a subgraph URL').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: `Move ${url} up` }).click();
}

test('a dead first subgraph endpoint is skipped for the next one', async ({ page, visit, platform }) => {
  await page.route(`${new URL(DEAD).origin}/**`, (route) => route.abort('connectionrefused'));
  const asked = askedOf(page, DEAD);

  await visit('settings/');
  await addFirst(page, DEAD);
  const rows = page.getByTestId('subgraph-endpoint');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(DEAD);
  await expect(rows.nth(1)).toContainText(platform.subgraph);
  await page.getByRole('button', { name: 'Check endpoints' }).click();
  await expect(page.getByTestId('chain-head')).toContainText('Chain head: block');
  await expect(rows.nth(0).getByTestId('subgraph-status')).toHaveText('Unreachable: skipped');
  await expect(rows.nth(1).getByTestId('subgraph-status')).toContainText(/Indexed up to block \d+ \(\d+ behind the chain head\) · in use/);
  await page.getByTestId('endpoints-form').getByRole('button', { name: 'Save' }).click();

  await visit();
  await expect(page.locator('article.listing').first()).toBeVisible();
  expect(asked).not.toContain('query');

  await visit('settings/');
  await expect(rows.nth(0)).toContainText(DEAD);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the endpoint list and its check speak Chinese', async ({ page, visit }) => {
    await page.route(`${new URL(DEAD).origin}/**`, (route) => route.abort('connectionrefused'));
    await visit('settings/');
    await page.getByLabel('添加索引服务地址').fill(DEAD);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('button', { name: `上移 ${DEAD}` }).click();
    await page.getByRole('button', { name: '检测所有地址' }).click();
    const rows = page.getByTestId('subgraph-endpoint');
    await expect(page.getByTestId('chain-head')).toContainText('链上最新区块');
    await expect(rows.nth(0).getByTestId('subgraph-status')).toHaveText('无法连接：跳过');
    await expect(rows.nth(1).getByTestId('subgraph-status')).toContainText(/已索引到区块 \d+.*当前使用/);
  });
});

test(`a first subgraph endpoint ${LAG} blocks behind the chain is skipped`, async ({ page, visit, platform }) => {
  // The fake endpoint reports the real one's block minus LAG: the chain must be taller than that first.
  const { public: chain, test: anvil } = clients(platform);
  if ((await chain.getBlockNumber()) < BigInt(LAG * 2)) await anvil.mine({ blocks: LAG * 2 });
  await waitForIndexer(platform);

  await page.route(`${new URL(LAGGING).origin}/**`, async (route) => {
    const response = await route.fetch({ url: platform.subgraph });
    if (route.request().method() !== 'POST') return route.fulfill({ response }); // a CORS preflight
    const body = await response.json();
    if (body.data?._meta) body.data._meta.block.number -= LAG;
    await route.fulfill({ response, json: body });
  });
  const asked = askedOf(page, LAGGING);

  await visit('settings/');
  await addFirst(page, LAGGING);
  await page.getByRole('button', { name: 'Check endpoints' }).click();
  const rows = page.getByTestId('subgraph-endpoint');
  await expect(rows.nth(0).getByTestId('subgraph-status')).toContainText(`behind the chain head (more than 50): skipped`);
  await expect(rows.nth(1).getByTestId('subgraph-status')).toContainText('in use');
  await page.getByTestId('endpoints-form').getByRole('button', { name: 'Save' }).click();

  await visit();
  await expect(page.locator('article.listing').first()).toBeVisible();
  expect(asked).toContain('probe');
  expect(asked).not.toContain('query');
});
