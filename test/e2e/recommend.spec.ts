// Recommendations are computed in the browser: they become personal after a purchase, and no request the
// page makes carries the buyer's address or what it bought.
import { parseEther, zeroAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { expect, test } from './fixtures.ts';
import { buyListing, waitForIndexer } from './market.ts';
import { KEYS, clients } from './platform.ts';

const buyerKey = generatePrivateKey();
test.use({ walletKey: buyerKey });

test('recommendations turn personal after a purchase, and the history never leaves the browser', async ({ page, visit, connect, platform }) => {
  const buyer = privateKeyToAccount(buyerKey).address;
  const { public: client, wallet } = clients();
  await client.waitForTransactionReceipt({ hash: await wallet(KEYS.deployer).sendTransaction({ to: buyer, value: parseEther('100') }) });

  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.url()} ${request.postData() ?? ''}`));

  await visit();
  await connect();
  const section = page.getByTestId('recommendations');
  await expect(section).toHaveAttribute('data-personal', 'false');
  await expect(section.getByRole('heading', { name: 'Best rated and trending' })).toBeVisible();

  // Buy an ETH listing from Node (the purchase itself is not what is under test here).
  const response = await fetch(platform.subgraph, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ listings(first: 1, orderBy: price, orderDirection: asc, where: { token: "${zeroAddress}", stock_gt: "0", paused: false, gate: null }) { listingId price category } }` }),
  });
  const { data } = (await response.json()) as { data: { listings: { listingId: string; price: string; category: string }[] } };
  const [listing] = data.listings;
  await buyListing(platform, buyerKey, BigInt(listing.listingId), 1);
  await waitForIndexer();

  await visit();
  await expect(section).toHaveAttribute('data-personal', 'true');
  await expect(section.getByRole('heading', { name: 'Recommended for you' })).toBeVisible();
  await expect(section.locator(`[data-listing="${listing.listingId}"]`)).toHaveCount(0);
  await expect(section.getByText(/a category you buy|a merchant you bought from|bought by buyers/).first()).toBeVisible();

  const leaks = requests.filter((r) => r.toLowerCase().includes(buyer.toLowerCase().slice(2)) && !r.startsWith(platform.rpc));
  expect(leaks, 'requests to anything but the chain RPC that carry the buyer address').toEqual([]);
});
