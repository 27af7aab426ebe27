// The subgraph end to end: the real contracts on anvil emit every event the subgraph handles, the local graph
// node indexes them through the compiled mapping wasm, and each handler's entities are checked over GraphQL.
// Every lifecycle call passes back the Order struct rebuilt from the subgraph, as the web app does: if one
// field were indexed wrong, the contract would revert with OrderMismatch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Address, type Hex, keccak256, parseEther, toHex, zeroAddress } from 'viem';
import { sign } from 'viem/accounts';
import { rpc } from '../node/test/chain.ts';
import { type Harness, artifactAbi, devAccount, lower, startHarness } from './harness.ts';

const market = artifactAbi('ChainMart');
const pointsAbi = artifactAbi('ChainMartPoints');
const stablecoinAbi = artifactAbi('TestStablecoin');

const OWNER = 0;
const MERCHANT_A = 1;
const MERCHANT_B = 2;
const ARBITER = 3;
const BUYER_1 = 4;
const BUYER_2 = 5;
const COURIER = 6;
const NEW_FEE_RECIPIENT = 7;
const PAYOUT = 8;
const addr = (index: number) => devAccount(index).address;
const low = (index: number) => lower(addr(index));

const DAY = 86400;
const USD = 1_000_000n;
const ETH_PRICE = parseEther('0.01');

const ORDER_FIELDS = `id orderId buyer { id } merchant { id } listing { id } token currency { id symbol } arbiter listingId quantity amount
  pointsPaid feeBps rewardBps autoReleaseWindow placedAt shipBy shippedAt disputedAt status statusName flags originalAmount
  originalPointsPaid shippingInfo carrier trackingRef`;

type OrderRow = Record<string, any>;

describe('subgraph indexing on the real contracts', { timeout: 240_000 }, () => {
  let h: Harness;
  let settlement: Hex;

  const call = (from: number, functionName: string, args: unknown[], value?: bigint) => h.send(from, h.market, market, functionName, args, value);
  const order = async (id: number): Promise<OrderRow> => {
    const { order } = await h.query<{ order: OrderRow }>(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: String(id) });
    assert.ok(order, `order ${id} is indexed`);
    return order;
  };
  /** The on-chain Order struct, rebuilt from the subgraph only. */
  const struct = async (id: number) => {
    const o = await order(id);
    return {
      buyer: o.buyer.id,
      merchant: o.merchant.id,
      token: o.token,
      arbiter: o.arbiter,
      listingId: BigInt(o.listingId),
      quantity: Number(o.quantity),
      amount: BigInt(o.amount),
      pointsPaid: BigInt(o.pointsPaid),
      feeBps: o.feeBps,
      rewardBps: o.rewardBps,
      autoReleaseWindow: Number(o.autoReleaseWindow),
      placedAt: BigInt(o.placedAt),
      shipBy: BigInt(o.shipBy),
      shippedAt: BigInt(o.shippedAt),
      disputedAt: BigInt(o.disputedAt),
      status: o.status,
      flags: o.flags,
    };
  };
  const lifecycle = async (from: number, functionName: string, orderId: number, extra: unknown[] = []) =>
    call(from, functionName, [BigInt(orderId), await struct(orderId), ...extra]);
  const events = async (orderId: number): Promise<OrderRow[]> => {
    const { order } = await h.query(`query($id: ID!) { order(id: $id) { events(first: 100) { __typename id blockNumber timestamp transactionHash
      ... on OrderPlacedEvent { amount pointsPaid }
      ... on OrderShippedEvent { carrier trackingRef }
      ... on CheckpointEvent { by location note }
      ... on OrderCompletedEvent { by merchantAmount fee pointsMinted }
      ... on OrderRefundedEvent { cash points remaining }
      ... on OrderCancelledEvent { cash points }
      ... on DisputeOpenedEvent { statementCid arbiterDeadline }
      ... on DisputeStatementEvent { by statementCid }
      ... on DisputeResolvedEvent { resolution by buyerCash buyerPoints merchantAmount fee }
      ... on ReviewEvent { rating commentCid }
      ... on ReviewReplyEvent { commentCid } } } }`, { id: String(orderId) });
    // Chronological: block, then log index (the last 4 bytes of the id).
    return [...order.events].sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || parseInt(a.id.slice(-8), 16) - parseInt(b.id.slice(-8), 16));
  };
  const buy = (buyer: number, listingId: number, quantity: number, maxTotal: bigint, pointsToSpend = 0n, value?: bigint) =>
    call(buyer, 'buy', [{ listingId: BigInt(listingId), quantity, maxTotal, points: pointsToSpend, shippingInfo: toHex(`sealed address of buyer ${buyer}`) }], value);

  before(async () => {
    h = await startHarness((line) => console.log(line));
    settlement = lower(h.stablecoin);
    for (const buyer of [BUYER_1, BUYER_2]) {
      await h.send(buyer, h.stablecoin, stablecoinAbi, 'mint', [addr(buyer), 1000n * USD]);
      await h.send(buyer, h.stablecoin, stablecoinAbi, 'approve', [h.market, 2n ** 256n - 1n]);
    }
  });
  after(async () => {
    await h?.stop();
  });

  test('constructor events: FeeUpdated and FeeRecipientUpdated set the platform', async () => {
    const { platform } = await h.query(`{ platform(id: "platform") { feeBps feeRecipient merchantCount orderCount pointsSupply pointsReserve } }`);
    assert.deepEqual(platform, { feeBps: 200, feeRecipient: low(OWNER), merchantCount: 0, orderCount: 0, pointsSupply: '0', pointsReserve: '0' });
  });

  test('MerchantRegistered, MerchantUpdated, CourierSet', async () => {
    const profile = (n: number, arbiter: Address, rewardBps: number) => ({
      metadataURI: `ipfs://merchant-${n}`,
      encryptionKey: keccak256(toHex(`key ${n}`)),
      arbiter,
      rewardBps,
      autoReleaseWindow: 2 * DAY,
    });
    const registered = await call(MERCHANT_A, 'registerMerchant', [profile(1, addr(ARBITER), 300)]);
    await call(MERCHANT_B, 'registerMerchant', [profile(2, addr(ARBITER), 0)]);
    await call(MERCHANT_A, 'updateMerchant', [{ ...profile(1, addr(ARBITER), 500), metadataURI: 'ipfs://merchant-1-v2' }]);
    await call(MERCHANT_A, 'setCourier', [addr(COURIER), true]);
    await call(MERCHANT_A, 'setCourier', [addr(PAYOUT), true]);
    await call(MERCHANT_A, 'setCourier', [addr(PAYOUT), false]);

    const { merchant, platform } = await h.query(`query($id: ID!) {
      merchant(id: $id) { metadataURI encryptionKey arbiter rewardBps autoReleaseWindow registeredAt updatedAt ratingCount ratingAverage
        couriers(orderBy: courier) { courier allowed } }
      platform(id: "platform") { merchantCount } }`, { id: low(MERCHANT_A) });
    const { timestamp } = await rpcBlock(h, registered.blockNumber);
    assert.equal(merchant.metadataURI, 'ipfs://merchant-1-v2');
    assert.equal(merchant.encryptionKey, keccak256(toHex('key 1')));
    assert.equal(merchant.arbiter, low(ARBITER));
    assert.equal(merchant.rewardBps, 500);
    assert.equal(merchant.autoReleaseWindow, String(2 * DAY));
    assert.equal(merchant.registeredAt, String(timestamp));
    assert.ok(Number(merchant.updatedAt) >= Number(merchant.registeredAt));
    assert.equal(merchant.ratingCount, 0);
    assert.equal(Number(merchant.ratingAverage), 0);
    const couriers = [
      { courier: low(COURIER), allowed: true },
      { courier: low(PAYOUT), allowed: false },
    ].sort((a, b) => a.courier.localeCompare(b.courier));
    assert.deepEqual(merchant.couriers, couriers);
    assert.equal(platform.merchantCount, 2);
  });

  test('ListingCreated, ListingUpdated, ListingPaused, ListingRestocked, ListingGateSet, ProvenanceAdded', async () => {
    const listing = (token: Address, price: bigint, title: string, category: string, shipWithin = DAY) => ({
      token, price, stock: 20, maxPerOrder: 5, shipWithin, title, category, metadataURI: `ipfs://${title.replaceAll(' ', '-')}`,
    });
    await call(MERCHANT_A, 'createListing', [listing(zeroAddress, ETH_PRICE, 'West Lake tea', 'tea')]);
    await call(MERCHANT_A, 'createListing', [listing(h.stablecoin, 10n * USD, 'Yixing Clay Teapot', 'teaware')]);
    await call(MERCHANT_B, 'createListing', [listing(h.stablecoin, 20n * USD, 'Silk scarf', 'apparel')]);
    await call(MERCHANT_A, 'updateListing', [1n, { price: ETH_PRICE, maxPerOrder: 4, shipWithin: 2 * DAY, title: 'West Lake Longjing tea', category: 'tea', metadataURI: 'ipfs://longjing-v2' }]);
    await call(MERCHANT_B, 'setListingPaused', [3n, true]);
    const { listing: paused } = await h.query(`{ listing(id: "3") { paused } }`);
    assert.equal(paused.paused, true);
    await call(MERCHANT_B, 'setListingPaused', [3n, false]);
    await call(MERCHANT_A, 'restock', [2n, 10]);
    await call(MERCHANT_B, 'setListingGate', [3n, h.deployment.contracts.AttestationGate.address]);
    const { listing: gated } = await h.query(`{ listing(id: "3") { gate } }`);
    assert.equal(gated.gate, lower(h.deployment.contracts.AttestationGate.address));
    await call(MERCHANT_B, 'setListingGate', [3n, zeroAddress]);
    const step = (kind: string, occurredAt: number) => ({ kind, location: 'Hangzhou', occurredAt: BigInt(occurredAt), actor: 'Mei tea garden', evidenceCid: `bafy-${kind}` });
    await call(MERCHANT_A, 'addProvenance', [1n, step('harvest', 1_700_000_000)]);
    await call(MERCHANT_A, 'addProvenance', [1n, step('roasting', 1_700_086_400)]);

    const { listings, platform, merchant } = await h.query(`{
      listings(orderBy: listingId) { id listingId merchant { id } token currency { id symbol decimals isSettlementToken } price stock maxPerOrder
        shipWithin paused gate title category metadataURI createdAt updatedAt soldQuantity orderCount
        provenance(orderBy: occurredAt) { kind location occurredAt actor evidenceCid timestamp transactionHash } }
      platform(id: "platform") { listingCount }
      merchant(id: "${low(MERCHANT_A)}") { listingCount listings(orderBy: createdAt) { id } } }`);
    assert.equal(platform.listingCount, 3);
    assert.deepEqual(merchant.listings.map((l: { id: string }) => l.id).sort(), ['1', '2']);
    assert.equal(merchant.listingCount, 2);
    const [tea, teapot, scarf] = listings;
    assert.deepEqual(
      { ...tea, provenance: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: '1', listingId: '1', merchant: { id: low(MERCHANT_A) }, token: zeroAddress,
        currency: { id: zeroAddress, symbol: 'ETH', decimals: 18, isSettlementToken: false },
        price: String(ETH_PRICE), stock: '20', maxPerOrder: 4, shipWithin: String(2 * DAY), paused: false, gate: null,
        title: 'West Lake Longjing tea', category: 'tea', metadataURI: 'ipfs://longjing-v2', soldQuantity: '0', orderCount: 0,
        provenance: undefined, createdAt: undefined, updatedAt: undefined,
      } as OrderRow,
    );
    assert.ok(Number(tea.updatedAt) >= Number(tea.createdAt));
    assert.deepEqual(tea.provenance.map((s: OrderRow) => [s.kind, s.location, s.occurredAt, s.actor, s.evidenceCid]), [
      ['harvest', 'Hangzhou', '1700000000', 'Mei tea garden', 'bafy-harvest'],
      ['roasting', 'Hangzhou', '1700086400', 'Mei tea garden', 'bafy-roasting'],
    ]);
    assert.match(tea.provenance[0].transactionHash, /^0x[0-9a-f]{64}$/);
    assert.equal(teapot.stock, '30', 'restocked 20 + 10');
    assert.deepEqual(teapot.currency, { id: settlement, symbol: 'tUSD', decimals: 6, isSettlementToken: true });
    assert.equal(scarf.paused, false);
    assert.equal(scarf.gate, null, 'gate removed with the zero address');
  });

  test('full-text search (@fulltext listingSearch) and title_contains_nocase', async () => {
    const { byText, byWord, byCategory, contains, none, prefix, both } = await h.query(`{
      byText: listingSearch(text: "longjing") { id }
      prefix: listingSearch(text: "teap:*") { id }
      both: listingSearch(text: "west & lake") { id }
      byWord: listingSearch(text: "teapot") { id title }
      byCategory: listingSearch(text: "apparel") { id }
      contains: listings(where: { title_contains_nocase: "CLAY" }) { id }
      none: listingSearch(text: "bicycle") { id } }`);
    assert.deepEqual(byText, [{ id: '1' }]);
    assert.deepEqual(byWord, [{ id: '2', title: 'Yixing Clay Teapot' }]);
    assert.deepEqual(byCategory, [{ id: '3' }]);
    assert.deepEqual(contains, [{ id: '2' }]);
    assert.deepEqual(none, []);
    // graph-node hands the text to Postgres' to_tsquery: the site writes `word:*` for prefixes, `&` between words.
    assert.deepEqual(prefix, [{ id: '2' }]);
    assert.deepEqual(both, [{ id: '1' }]);
  });

  test('OrderPlaced in ETH, OrderShipped, CheckpointAdded (merchant and courier), OrderCompleted by confirmation', async () => {
    const placed = await buy(BUYER_1, 1, 2, 2n * ETH_PRICE, 0n, 2n * ETH_PRICE);
    const placedBlock = await rpcBlock(h, placed.blockNumber);
    const o = await order(1);
    assert.deepEqual(
      { ...o, placedAt: undefined, shipBy: undefined },
      {
        id: '1', orderId: '1', buyer: { id: low(BUYER_1) }, merchant: { id: low(MERCHANT_A) }, listing: { id: '1' }, token: zeroAddress,
        currency: { id: zeroAddress, symbol: 'ETH' }, arbiter: low(ARBITER), listingId: '1', quantity: '2', amount: String(2n * ETH_PRICE),
        pointsPaid: '0', feeBps: 200, rewardBps: 0, autoReleaseWindow: String(2 * DAY), placedAt: undefined, shipBy: undefined,
        shippedAt: '0', disputedAt: '0', status: 1, statusName: 'Paid', flags: 0, originalAmount: String(2n * ETH_PRICE),
        originalPointsPaid: '0', shippingInfo: toHex(`sealed address of buyer ${BUYER_1}`), carrier: null, trackingRef: null,
      },
    );
    assert.equal(o.placedAt, String(placedBlock.timestamp));
    assert.equal(o.shipBy, String(placedBlock.timestamp + 2 * DAY));

    const shipped = await lifecycle(MERCHANT_A, 'ship', 1, ['SF Express', 'SF123']);
    await lifecycle(COURIER, 'addCheckpoint', 1, ['Shanghai hub', 'sorted']);
    await lifecycle(MERCHANT_A, 'addCheckpoint', 1, ['Beijing', 'out for delivery']);
    const shippedOrder = await order(1);
    assert.equal(shippedOrder.statusName, 'Shipped');
    assert.equal(shippedOrder.shippedAt, String((await rpcBlock(h, shipped.blockNumber)).timestamp));
    assert.deepEqual([shippedOrder.carrier, shippedOrder.trackingRef], ['SF Express', 'SF123']);

    await lifecycle(BUYER_1, 'confirmReceipt', 1);
    const fee = (2n * ETH_PRICE * 200n) / 10_000n;
    const done = await order(1);
    assert.deepEqual([done.status, done.statusName, done.amount, done.pointsPaid, done.originalAmount], [4, 'Completed', '0', '0', String(2n * ETH_PRICE)]);
    const feed = await events(1);
    assert.deepEqual(feed.map((e) => e.__typename), ['OrderPlacedEvent', 'OrderShippedEvent', 'CheckpointEvent', 'CheckpointEvent', 'OrderCompletedEvent']);
    assert.deepEqual([feed[2].by, feed[2].location, feed[2].note], [low(COURIER), 'Shanghai hub', 'sorted']);
    assert.equal(feed[3].by, low(MERCHANT_A));
    assert.deepEqual([feed[4].by, feed[4].merchantAmount, feed[4].fee, feed[4].pointsMinted], [low(BUYER_1), String(2n * ETH_PRICE - fee), String(fee), '0']);
    const { checkpoints } = (await h.query(`{ order(id: "1") { checkpoints(orderBy: location) { location } } }`)).order;
    assert.deepEqual(checkpoints, [{ location: 'Beijing' }, { location: 'Shanghai hub' }]);

    const { listing, merchant, tokens } = await h.query(`{ listing(id: "1") { stock soldQuantity orderCount }
      merchant(id: "${low(MERCHANT_A)}") { orderCount completedCount sales { token { id } orderCount completedCount volume merchantAmount } }
      tokens(where: { id: "${zeroAddress}" }) { orderCount volume merchantAmount fees escrow credited } }`);
    assert.deepEqual(listing, { stock: '18', soldQuantity: '2', orderCount: 1 });
    assert.deepEqual(merchant.sales, [{ token: { id: zeroAddress }, orderCount: 1, completedCount: 1, volume: String(2n * ETH_PRICE), merchantAmount: String(2n * ETH_PRICE - fee) }]);
    assert.deepEqual([merchant.orderCount, merchant.completedCount], [1, 1]);
    assert.deepEqual(tokens[0], { orderCount: 1, volume: String(2n * ETH_PRICE), merchantAmount: String(2n * ETH_PRICE - fee), fees: String(fee), escrow: '0', credited: String(2n * ETH_PRICE) });
  });

  test('OrderPlaced in the ERC-20, OrderCompleted after the auto-release window mints points; points Transfer', async () => {
    await buy(BUYER_1, 2, 1, 10n * USD);
    await lifecycle(MERCHANT_A, 'ship', 2, ['EMS', 'E1']);
    await h.increaseTime(2 * DAY + 1);
    await lifecycle(BUYER_2, 'completeAfterTimeout', 2);
    const feed = await events(2);
    const completed = feed.at(-1)!;
    // 10 tUSD: fee 2 % = 0.2, points reward 5 % = 0.5, merchant 9.3.
    assert.deepEqual([completed.__typename, completed.by, completed.merchantAmount, completed.fee, completed.pointsMinted], ['OrderCompletedEvent', low(BUYER_2), '9300000', '200000', '500000']);
    const { account, platform, pointsTransfers } = await h.query(`{ account(id: "${low(BUYER_1)}") { pointsBalance }
      platform(id: "platform") { pointsSupply pointsReserve completedCount }
      pointsTransfers(orderBy: timestamp) { from to amount blockNumber transactionHash } }`);
    assert.equal(account.pointsBalance, '500000');
    assert.deepEqual([platform.pointsSupply, platform.pointsReserve, platform.completedCount], ['500000', '500000', 2]);
    assert.deepEqual(pointsTransfers.map((t: OrderRow) => [t.from, t.to, t.amount]), [[zeroAddress, low(BUYER_1), '500000']]);
    assert.equal(pointsTransfers[0].transactionHash, completed.transactionHash);
  });

  test('buying with points, OrderRefunded partially then fully (points re-minted)', async () => {
    await buy(BUYER_1, 2, 1, 10n * USD, 300_000n);
    const placed = await order(3);
    assert.deepEqual([placed.amount, placed.pointsPaid, placed.originalPointsPaid, placed.rewardBps], ['10000000', '300000', '300000', 500]);
    let platform = (await h.query(`{ platform(id: "platform") { pointsSupply pointsReserve } }`)).platform;
    assert.deepEqual(platform, { pointsSupply: '200000', pointsReserve: '200000' }, 'spent points are burnt');

    await lifecycle(MERCHANT_A, 'refund', 3, [5n * USD]);
    const partial = await order(3);
    assert.deepEqual([partial.status, partial.statusName, partial.amount, partial.pointsPaid], [1, 'Paid', '5000000', '300000']);
    await lifecycle(MERCHANT_A, 'refund', 3, [5n * USD]);
    const refunded = await order(3);
    assert.deepEqual([refunded.status, refunded.statusName, refunded.amount, refunded.pointsPaid], [5, 'Refunded', '0', '0']);
    const feed = await events(3);
    assert.deepEqual(feed.map((e) => [e.__typename, e.cash, e.points, e.remaining]), [
      ['OrderPlacedEvent', undefined, undefined, undefined],
      ['OrderRefundedEvent', '5000000', '0', '5000000'],
      ['OrderRefundedEvent', '4700000', '300000', '0'],
    ]);
    const data = await h.query(`{ platform(id: "platform") { pointsSupply pointsReserve refundedCount }
      merchant(id: "${low(MERCHANT_A)}") { refundedCount }
      account(id: "${low(BUYER_1)}") { pointsBalance balances { token { id } credited withdrawn } } }`);
    assert.deepEqual(data.platform, { pointsSupply: '500000', pointsReserve: '500000', refundedCount: 1 });
    assert.equal(data.merchant.refundedCount, 1);
    assert.equal(data.account.pointsBalance, '500000');
    assert.deepEqual(data.account.balances, [{ token: { id: settlement }, credited: '9700000', withdrawn: '0' }]);
  });

  test('points transfer between accounts', async () => {
    await h.send(BUYER_1, h.points, pointsAbi, 'transfer', [addr(BUYER_2), 100_000n]);
    const { a, b, transfers } = await h.query(`{ a: account(id: "${low(BUYER_1)}") { pointsBalance } b: account(id: "${low(BUYER_2)}") { pointsBalance }
      transfers: pointsTransfers(where: { from: "${low(BUYER_1)}" }) { to amount } }`);
    assert.deepEqual([a.pointsBalance, b.pointsBalance], ['400000', '100000']);
    assert.deepEqual(transfers.filter((t: OrderRow) => t.to === low(BUYER_2)), [{ to: low(BUYER_2), amount: '100000' }]);
  });

  test('OrderCancelled after the shipping deadline', async () => {
    await buy(BUYER_2, 2, 1, 10n * USD);
    await h.increaseTime(DAY + 1);
    await lifecycle(BUYER_2, 'cancelUnshipped', 4);
    const cancelled = await order(4);
    assert.deepEqual([cancelled.status, cancelled.statusName, cancelled.amount], [6, 'Cancelled', '0']);
    const last = (await events(4)).at(-1)!;
    assert.deepEqual([last.__typename, last.cash, last.points], ['OrderCancelledEvent', '10000000', '0']);
    const { platform, merchant } = await h.query(`{ platform(id: "platform") { cancelledCount } merchant(id: "${low(MERCHANT_A)}") { cancelledCount } }`);
    assert.deepEqual([platform.cancelledCount, merchant.cancelledCount], [1, 1]);
  });

  test('FeeUpdated and FeeRecipientUpdated: later orders snapshot the fee, later fees go to the new recipient', async () => {
    await call(OWNER, 'setFee', [300]);
    await call(OWNER, 'setFeeRecipient', [addr(NEW_FEE_RECIPIENT)]);
    const { platform } = await h.query(`{ platform(id: "platform") { feeBps feeRecipient } }`);
    assert.deepEqual(platform, { feeBps: 300, feeRecipient: low(NEW_FEE_RECIPIENT) });
  });

  test('DisputeOpened, DisputeStatement, DisputeResolved by the arbiter’s ruling', async () => {
    await buy(BUYER_2, 3, 1, 20n * USD);
    const opened = await lifecycle(BUYER_2, 'openDispute', 5, ['bafy-buyer-says']);
    const openedAt = (await rpcBlock(h, opened.blockNumber)).timestamp;
    const disputed = await order(5);
    assert.deepEqual([disputed.status, disputed.statusName, disputed.disputedAt, disputed.feeBps], [3, 'Disputed', String(openedAt), 300]);
    await lifecycle(MERCHANT_B, 'submitStatement', 5, ['bafy-merchant-says']);
    await lifecycle(ARBITER, 'submitStatement', 5, ['bafy-arbiter-asks']);
    await h.increaseTime(3600);
    const ruled = await lifecycle(ARBITER, 'rule', 5, [5n * USD]);
    const ruledAt = (await rpcBlock(h, ruled.blockNumber)).timestamp;
    // 15 tUSD to the merchant's side: fee 3 % = 0.45 to the new recipient, 14.55 to the merchant.
    const { dispute } = await h.query(`{ dispute(id: "5") { order { id statusName amount } merchant { id } arbiter openedAt arbiterDeadline statementCid
      resolution resolvedBy buyerCash buyerPoints merchantAmount fee resolvedAt statements(orderBy: statementCid) { by statementCid } } }`);
    assert.deepEqual(dispute, {
      order: { id: '5', statusName: 'Resolved', amount: '0' }, merchant: { id: low(MERCHANT_B) }, arbiter: low(ARBITER),
      openedAt: String(openedAt), arbiterDeadline: String(openedAt + 14 * DAY), statementCid: 'bafy-buyer-says',
      resolution: 'Ruling', resolvedBy: low(ARBITER), buyerCash: '5000000', buyerPoints: '0', merchantAmount: '14550000', fee: '450000',
      resolvedAt: String(ruledAt),
      statements: [{ by: low(ARBITER), statementCid: 'bafy-arbiter-asks' }, { by: low(MERCHANT_B), statementCid: 'bafy-merchant-says' }],
    });
    assert.deepEqual((await events(5)).map((e) => e.__typename), ['OrderPlacedEvent', 'DisputeOpenedEvent', 'DisputeStatementEvent', 'DisputeStatementEvent', 'DisputeResolvedEvent']);
    const { fees, merchant, platform } = await h.query(`{ fees: balance(id: "${low(NEW_FEE_RECIPIENT)}${settlement.slice(2)}") { credited }
      merchant(id: "${low(MERCHANT_B)}") { disputeCount disputesResolvedCount sales { merchantAmount } }
      platform(id: "platform") { days(first: 1000) { disputesResolved resolutionSeconds } } }`);
    const days = platform.days;
    assert.equal(fees.credited, '450000');
    assert.deepEqual([merchant.disputeCount, merchant.disputesResolvedCount, merchant.sales[0].merchantAmount], [1, 1, '14550000']);
    const resolved = days.filter((d: OrderRow) => d.disputesResolved > 0);
    assert.deepEqual(resolved, [{ disputesResolved: 1, resolutionSeconds: String(ruledAt - openedAt) }]);
  });

  test('DisputeResolved by a settlement two parties signed (EIP-712 digest), with points returned', async () => {
    await buy(BUYER_2, 3, 1, 20n * USD, 100_000n);
    await lifecycle(BUYER_2, 'openDispute', 6, ['bafy-late']);
    const digest = await h.read<Hex>(h.market, market, 'settlementDigest', [6n, 20n * USD]);
    const signatures = await Promise.all(
      [BUYER_2, MERCHANT_B].map(async (party) => ({ signer: addr(party), signature: await sign({ hash: digest, privateKey: devAccount(party).privateKey, to: 'hex' }) })),
    );
    await lifecycle(OWNER, 'settle', 6, [20n * USD, signatures]);
    const resolved = (await events(6)).at(-1)!;
    assert.deepEqual(
      [resolved.__typename, resolved.resolution, resolved.by, resolved.buyerCash, resolved.buyerPoints, resolved.merchantAmount, resolved.fee],
      ['DisputeResolvedEvent', 'Settlement', low(OWNER), '19900000', '100000', '0', '0'],
    );
    const { account } = await h.query(`{ account(id: "${low(BUYER_2)}") { pointsBalance } }`);
    assert.equal(account.pointsBalance, '100000', 'spent and returned');
  });

  test('DisputeResolved by the arbiter timeout: full refund in ETH', async () => {
    await buy(BUYER_1, 1, 1, ETH_PRICE, 0n, ETH_PRICE);
    await lifecycle(MERCHANT_A, 'ship', 7, ['UPS', 'U7']);
    await lifecycle(BUYER_1, 'openDispute', 7, ['bafy-broken']);
    await h.increaseTime(14 * DAY);
    await lifecycle(BUYER_2, 'resolveAfterArbiterTimeout', 7);
    const resolved = (await events(7)).at(-1)!;
    assert.deepEqual([resolved.resolution, resolved.buyerCash, resolved.merchantAmount, resolved.fee], ['ArbiterTimeout', String(ETH_PRICE), '0', '0']);
    const { dispute } = await h.query(`{ dispute(id: "7") { resolution buyerCash resolvedBy } }`);
    assert.deepEqual(dispute, { resolution: 'ArbiterTimeout', buyerCash: String(ETH_PRICE), resolvedBy: low(BUYER_2) });
  });

  test('Reviewed and ReviewReplied: review entities, order flags, ratings', async () => {
    await lifecycle(BUYER_1, 'review', 1, [5, 'bafy-great']);
    await lifecycle(MERCHANT_A, 'replyToReview', 1, ['bafy-thanks']);
    await lifecycle(BUYER_1, 'review', 2, [4, '']);
    await lifecycle(BUYER_2, 'review', 5, [2, 'bafy-meh']);
    const { review, merchant, listing, order: reviewed } = await h.query(`{
      review(id: "1") { order { id } listing { id } merchant { id } buyer { id } rating commentCid createdAt replyCid repliedAt }
      merchant(id: "${low(MERCHANT_A)}") { ratingSum ratingCount ratingAverage reviews { id } }
      listing(id: "1") { ratingSum ratingCount reviews { rating } }
      order(id: "1") { flags review { rating } } }`);
    assert.deepEqual({ ...review, createdAt: undefined, repliedAt: undefined }, {
      order: { id: '1' }, listing: { id: '1' }, merchant: { id: low(MERCHANT_A) }, buyer: { id: low(BUYER_1) }, rating: 5,
      commentCid: 'bafy-great', replyCid: 'bafy-thanks', createdAt: undefined, repliedAt: undefined,
    });
    assert.ok(Number(review.repliedAt) >= Number(review.createdAt));
    assert.deepEqual([merchant.ratingSum, merchant.ratingCount, Number(merchant.ratingAverage), merchant.reviews.length], [9, 2, 4.5, 2]);
    assert.deepEqual([listing.ratingSum, listing.ratingCount, listing.reviews], [5, 1, [{ rating: 5 }]]);
    assert.deepEqual([reviewed.flags, reviewed.review], [3, { rating: 5 }]);
    const feed = await events(1);
    assert.deepEqual(feed.slice(-2).map((e) => [e.__typename, e.rating, e.commentCid]), [['ReviewEvent', 5, 'bafy-great'], ['ReviewReplyEvent', undefined, 'bafy-thanks']]);
    const scarf = await h.query(`{ merchant(id: "${low(MERCHANT_B)}") { ratingAverage } }`);
    assert.equal(Number(scarf.merchant.ratingAverage), 2);
    // The flags were indexed right: the contract accepts the struct rebuilt from the subgraph for a second reply,
    // and refuses it only because the reply exists (AlreadyReviewed), not because the order does not match.
    await assert.rejects(lifecycle(MERCHANT_A, 'replyToReview', 1, ['again']), /AlreadyReviewed/);
  });

  test('Withdrawn: credited balances go down by what was paid out', async () => {
    await call(MERCHANT_A, 'withdraw', [zeroAddress, addr(MERCHANT_A)]);
    await call(OWNER, 'withdraw', [h.stablecoin, addr(PAYOUT)]);
    const { a, owner } = await h.query(`{ a: balance(id: "${low(MERCHANT_A)}${zeroAddress.slice(2)}") { credited withdrawn }
      owner: balance(id: "${low(OWNER)}${settlement.slice(2)}") { credited withdrawn } }`);
    const ethFee = (2n * ETH_PRICE * 200n) / 10_000n;
    assert.deepEqual(a, { credited: '0', withdrawn: String(2n * ETH_PRICE - ethFee) });
    assert.deepEqual(owner, { credited: '0', withdrawn: '200000' });
  });

  test('the books: every credited balance, escrow, points and reserve agree with the contracts', async () => {
    const { balances, tokens, accounts, platform } = await h.query(`{
      balances(first: 1000) { account { id } token { id } credited }
      tokens(first: 100) { id escrow credited isSettlementToken }
      accounts(first: 1000, where: { pointsBalance_gt: "0" }) { id pointsBalance }
      platform(id: "platform") { pointsSupply pointsReserve orderCount completedCount refundedCount cancelledCount disputesOpened disputesResolved } }`);
    assert.ok(balances.length >= 6, `${balances.length} balances`);
    for (const b of balances) {
      const onChain = await h.read<bigint>(h.market, market, 'creditOf', [b.account.id, b.token.id]);
      assert.equal(b.credited, String(onChain), `credit of ${b.account.id} in ${b.token.id}`);
    }
    const reserve = await h.read<bigint>(h.market, market, 'pointsReserve');
    assert.equal(platform.pointsReserve, String(reserve));
    assert.equal(platform.pointsSupply, String(await h.read<bigint>(h.points, pointsAbi, 'totalSupply')));
    for (const a of accounts) assert.equal(a.pointsBalance, String(await h.read<bigint>(h.points, pointsAbi, 'balanceOf', [a.id])), `points of ${a.id}`);
    // Solvency from events alone: what the market holds = escrow + credited + (settlement token) the reserve.
    for (const t of tokens) {
      const held = t.id === zeroAddress
        ? BigInt(await rpc<Hex>(h.anvil.rpcUrl, 'eth_getBalance', [h.market, 'latest']))
        : await h.read<bigint>(t.id, stablecoinAbi, 'balanceOf', [h.market]);
      const books = BigInt(t.escrow) + BigInt(t.credited) + (t.isSettlementToken ? BigInt(platform.pointsReserve) : 0n);
      assert.equal(books, held, `token ${t.id}: escrow ${t.escrow} + credited ${t.credited} (+ reserve) vs held ${held}`);
    }
    assert.deepEqual(
      { ...platform, pointsSupply: undefined, pointsReserve: undefined },
      { pointsSupply: undefined, pointsReserve: undefined, orderCount: 7, completedCount: 2, refundedCount: 1, cancelledCount: 1, disputesOpened: 3, disputesResolved: 3 },
    );
  });

  test('daily statistics add up to the totals, per platform, token and merchant', async () => {
    const { platform, merchants, tokens } = await h.query(`{
      platform(id: "platform") { days(first: 1000, orderBy: date) { id date orders completed refunded cancelled pointsIssued pointsRedeemed pointsReturned
        disputesOpened disputesResolved tokens(first: 100) { day { id } date token { id } volume fees orders merchantAmount } } }
      merchants(first: 1000) { id days(first: 1000) { merchant { id } date token { id } orders completed volume merchantAmount disputesOpened } }
      tokens(first: 100) { id volume fees orderCount merchantAmount } }`);
    const days: OrderRow[] = platform.days;
    const tokenDays: OrderRow[] = days.flatMap((d) => d.tokens);
    const merchantDays: OrderRow[] = merchants.flatMap((m: OrderRow) => m.days);
    for (const t of tokenDays) assert.equal(t.date, Number(t.day.id) * DAY);
    for (const m of merchants) assert.ok(m.days.every((d: OrderRow) => d.merchant.id === m.id));
    assert.ok(days.length >= 3, `the clock moved over several days: ${days.length}`);
    for (const day of days) assert.equal(day.date, Number(day.id) * DAY);
    const sum = (rows: OrderRow[], key: string) => rows.reduce((total, r) => total + BigInt(r[key]), 0n);
    assert.deepEqual(
      ['orders', 'completed', 'refunded', 'cancelled', 'pointsIssued', 'pointsRedeemed', 'pointsReturned', 'disputesOpened', 'disputesResolved'].map((k) => sum(days, k)),
      [7n, 2n, 1n, 1n, 500_000n, 400_000n, 400_000n, 3n, 3n],
    );
    for (const token of tokens) {
      const mine = tokenDays.filter((d: OrderRow) => d.token.id === token.id);
      assert.deepEqual(
        [sum(mine, 'volume'), sum(mine, 'fees'), sum(mine, 'orders'), sum(mine, 'merchantAmount')],
        [BigInt(token.volume), BigInt(token.fees), BigInt(token.orderCount), BigInt(token.merchantAmount)],
        `token ${token.id}`,
      );
      const merchants = merchantDays.filter((d: OrderRow) => d.token.id === token.id);
      assert.equal(sum(merchants, 'volume'), BigInt(token.volume));
      assert.equal(sum(merchants, 'merchantAmount'), BigInt(token.merchantAmount));
    }
    assert.equal(sum(merchantDays, 'disputesOpened'), 3n);
    assert.equal(sum(merchantDays, 'orders'), 7n);
  });

  // graph-node names collection fields `name.to_plural().to_camel_case()` with the Inflector crate, whose
  // rules are case-sensitive: PlatformDayData -> platformDayDatas (as Uniswap's tokenDayDatas), and a plural
  // equal to the singular gets `_collection` (MerchantSales -> merchantSales_collection).
  test('collection field names as graph-node derives them', async () => {
    const data = await h.query(`{ platformDayDatas(first: 1) { id } tokenDayDatas(first: 1) { id } merchantDayDatas(first: 1) { id }
      merchantSales_collection(first: 1) { id } orderEvents(first: 1) { id } }`);
    for (const field of ['platformDayDatas', 'tokenDayDatas', 'merchantDayDatas', 'merchantSales_collection', 'orderEvents']) {
      assert.equal(data[field].length, 1, field);
    }
    await assert.rejects(h.query('{ platformDayData_collection(first: 1) { id } }'), /Cannot query field \\"platformDayData_collection\\" on type \\"Query\\"/);
  });

  test('the activity feed as an interface: orderEvents across orders, newest first', async () => {
    const { orderEvents, disputes } = await h.query(`{ orderEvents(first: 1000, orderBy: timestamp, orderDirection: desc) { __typename order { id } }
      disputes: orderEvents(where: { order: "5" }) { __typename } }`);
    const types = new Set(orderEvents.map((e: OrderRow) => e.__typename));
    for (const type of ['OrderPlacedEvent', 'OrderShippedEvent', 'CheckpointEvent', 'OrderCompletedEvent', 'OrderRefundedEvent', 'OrderCancelledEvent',
      'DisputeOpenedEvent', 'DisputeStatementEvent', 'DisputeResolvedEvent', 'ReviewEvent', 'ReviewReplyEvent']) {
      assert.ok(types.has(type), `${type} in the feed`);
    }
    assert.equal(disputes.length, 6, 'order 5: placed, opened, two statements, resolved, reviewed');
  });
});

async function rpcBlock(h: Harness, number: bigint): Promise<{ timestamp: number }> {
  const block = await rpc<{ timestamp: Hex }>(h.anvil.rpcUrl, 'eth_getBlockByNumber', [toHex(number), false]);
  return { timestamp: Number(block.timestamp) };
}
