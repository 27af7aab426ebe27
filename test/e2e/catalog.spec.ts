import { expect, test } from './fixtures.ts';

test('search finds a seeded listing by keyword, filters narrow it, paging works, and the listing page shows terms, provenance and verified reviews', async ({ page, visit, platform }) => {
  await visit();
  await page.getByRole('searchbox', { name: 'Search products' }).fill('longjing');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/search\/\?q=longjing/);
  const card = page.locator('article.listing').filter({ hasText: 'Longjing' }).first();
  await expect(card).toBeVisible();

  // Filters: only ETH listings in "ceramics" (the demo's tea is priced in tUSD, so the keyword plus ETH finds nothing).
  await page.getByLabel('Pay with').selectOption({ label: 'ETH' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('no-results')).toBeVisible();

  // Paging through the whole catalog: 24 per page, 64 seeded listings -> a third page exists.
  await visit('search/?page=3');
  await expect(page.locator('article.listing').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Previous' })).toBeVisible();
  const countOnPage3 = await page.locator('article.listing').count();
  expect(countOnPage3).toBeGreaterThan(0);
  expect(countOnPage3).toBeLessThanOrEqual(24);

  // The listing page of the tea: price, the arbiter and windows, provenance from the chain, reviews.
  await visit('search/?q=longjing');
  await page.locator('article.listing a').filter({ hasText: 'Longjing' }).first().click();
  await expect(page).toHaveURL(/product\/\?id=\d+/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Longjing');
  await expect(page.getByTestId('price')).toContainText('tUSD');
  await expect(page.getByText('Arbiter', { exact: true })).toBeVisible();
  await expect(page.getByText('Auto-release after shipping')).toBeVisible();
  await expect(page.getByTestId('provenance').locator('li')).not.toHaveCount(0);
  await expect(page.getByTestId('description')).not.toBeEmpty();

  // The subgraph agrees with what the page shows.
  const id = new URL(page.url()).searchParams.get('id');
  const response = await fetch(platform.subgraph, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ listing(id: "${id}") { title provenance { id } } }` }),
  });
  const { data } = (await response.json()) as { data: { listing: { title: string; provenance: unknown[] } } };
  await expect(page.getByTestId('provenance').locator('li')).toHaveCount(data.listing.provenance.length);
});

test('a listing with reviews shows them as verified-buyer reviews, and the merchant storefront lists its record', async ({ page, visit, platform }) => {
  const response = await fetch(platform.subgraph, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ reviews(first: 1, orderBy: createdAt) { listing { id merchant { id } } } }' }),
  });
  const { data } = (await response.json()) as { data: { reviews: { listing: { id: string; merchant: { id: string } } }[] } };
  const { listing } = data.reviews[0];
  await visit(`product/?id=${listing.id}`);
  const reviews = page.getByTestId('reviews').locator('li');
  await expect(reviews.first()).toBeVisible();
  await expect(reviews.first().getByText('Verified buyer')).toBeVisible();
  await expect(reviews.first().locator('p.prewrap').first()).not.toBeEmpty();

  await page.getByRole('link').filter({ hasText: /./ }).and(page.locator(`a[href*="merchant/?id=${listing.merchant.id}"]`)).click();
  await expect(page).toHaveURL(/merchant\/\?id=0x/);
  await expect(page.getByTestId('merchant-record')).toContainText('Dispute rate');
  await expect(page.locator('article.listing').first()).toBeVisible();
});

test('an unknown listing id and a malformed one get clear messages', async ({ page, visit }) => {
  await visit('product/?id=999999');
  await expect(page.getByRole('heading', { name: 'Listing not found' })).toBeVisible();
  // A malformed link: nothing to retry and no node to change; the way back is the catalog.
  for (const path of ['product/?id=<script>', 'product/?id=abc', 'merchant/?id=0x12']) {
    await visit(path);
    await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
    await expect(page.getByTestId('load-error')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  }
  await page.getByRole('link', { name: 'Browse the catalog' }).click();
  await expect(page).toHaveURL(/\/search\/$/);
});

test('a malformed link reads as such in Chinese too', async ({ browser, platform }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(new URL('product/?id=abc', platform.site).toString());
  await expect(page.getByRole('heading', { name: '链接无效' })).toBeVisible();
  await expect(page.getByTestId('invalid-link')).toContainText('链接里的商品编号无效。');
  await expect(page.getByRole('link', { name: '去逛商品' })).toBeVisible();
  await context.close();
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`an unknown path gets a 404 page in ${locale} that leads back into the site`, async ({ browser, platform }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const response = await page.goto(new URL('no/such/page/', platform.site).toString());
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: locale === 'en' ? 'Page not found' : '找不到这个页面' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.getByRole('link', { name: locale === 'en' ? 'Browse the catalog' : '去逛商品' }).click();
    await expect(page).toHaveURL(/\/search\/$/);
    await page.locator('body[data-hydrated="true"]').waitFor();
    await context.close();
  });
}

test('a very long search query is clipped in the heading and the tab, kept whole in the search box', async ({ page, visit }) => {
  const query = 'tea '.repeat(100).trim();
  await visit(`search/?q=${encodeURIComponent(query)}`);
  const heading = page.getByTestId('search-heading');
  await expect(heading).toHaveText(`Results for “${'tea '.repeat(10).trim()}…”`);
  expect((await page.title()).length).toBeLessThan(60);
  await expect(page.getByLabel('Keywords')).toHaveValue(query);
});

test('demo data: every seeded listing has a picture the gateway serves and a believable price', async ({ platform }) => {
  const { MERCHANTS } = await import('../../scripts/seed/catalog.ts');
  const response = await fetch(platform.subgraph, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ listings(first: 1000, orderBy: listingId) { title price token metadataURI currency { symbol decimals } } }' }),
  });
  const { data } = (await response.json()) as { data: { listings: { title: string; price: string; metadataURI: string; currency: { symbol: string; decimals: number } }[] } };
  const byTitle = new Map(data.listings.map((l) => [l.title, l]));
  const seeded = MERCHANTS.flatMap((merchant) => merchant.products.map((product) => `${product.en} · ${product.zh}`));
  expect(seeded).toHaveLength(64);
  for (const title of seeded) {
    const listing = byTitle.get(title);
    expect(listing, title).toBeDefined();
    // Everyday goods: under 0.1 ETH, or under 500 tUSD.
    const price = Number(listing!.price) / 10 ** listing!.currency.decimals;
    expect(price, `${title}: ${price} ${listing!.currency.symbol}`).toBeLessThan(listing!.currency.symbol === 'ETH' ? 0.1 : 500);
    const doc = (await (await fetch(`${platform.ipfs}/ipfs/${listing!.metadataURI.replace('ipfs://', '')}`)).json()) as { images: string[] };
    expect(doc.images.length, `${title} has a picture`).toBeGreaterThan(0);
    const image = await fetch(`${platform.ipfs}/ipfs/${doc.images[0].replace('ipfs://', '')}`);
    expect(image.headers.get('content-type'), title).toMatch(/^image\//);
  }
});

test("a listing page opened by link warms its photo before the scripts run: the page's image is fetched once, from the early request", async ({ page, visit }) => {
  const photoRequests: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.resourceType() === 'image' && request.url().includes('/ipfs/')) photoRequests.push(request.url());
  });
  await visit('product/?id=1');
  const main = page.locator('img.main');
  await expect(main).toBeVisible();
  const src = await main.getAttribute('src');
  expect(src).toMatch(/\/ipfs\/b[a-z2-7]+$/);
  // The HTML's own script asked for the same URL the page then shows; the browser reused it (one request).
  expect(await page.evaluate(() => (window as unknown as { __chainmartEarlyImage?: HTMLImageElement }).__chainmartEarlyImage?.src)).toBe(src);
  // The photo may still be arriving on a slow machine: wait for it to decode rather than read it once.
  await expect.poll(() => main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(photoRequests.filter((url) => url === src)).toHaveLength(1);
  // The early GraphQL answer was there too, and the HTML's script parsed and ran without an error.
  expect(await page.evaluate(() => typeof (window as unknown as { __chainmartEarly?: unknown }).__chainmartEarly)).toBe('object');
  expect(errors).toEqual([]);
});

for (const [locale, sentence] of [
  ['zh-CN', '溯源记录和评价未能加载，刷新页面即可查看。'],
  ['en', 'The provenance and the reviews could not be loaded; reload the page to see them.'],
] as const) {
  test.describe(locale, () => {
    test.use({ locale });

    test('the listing says its provenance and reviews could not load when their module cannot be fetched, and keeps the product', async ({ page, visit }) => {
      // Refuse only the script that carries the reviews' own sentence (Reviews.svelte is imported by the
      // below-the-fold module alone): no race with the page's timing, and everything the page needs up front loads.
      const refused: string[] = [];
      await page.route('**/_app/immutable/**/*.js', async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        if (body.includes('只有在链上真实完成购买的买家才能评价')) {
          refused.push(route.request().url());
          return route.abort();
        }
        return route.fulfill({ response, body });
      });
      await visit('product/?id=1');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByTestId('price')).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: sentence })).toBeVisible();
      await expect(page.getByTestId('provenance')).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(refused).toHaveLength(1);
    });
  });
}
