// The subgraph end to end: the real v2 contracts on anvil emit every event the subgraph handles, the local graph
// node indexes them through the compiled mapping wasm, and each handler's entities are checked over GraphQL.
// Every escrow call passes back the order's terms rebuilt from the subgraph, as the web app does (termsOf): if one
// term were indexed wrong, the escrow would revert with TermsMismatch. And every order's indexed state is compared
// with the escrow's stateOf at the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Address, type Hex, keccak256, parseEther, toHex, zeroAddress } from 'viem';
import { rpc } from '../node/test/chain.ts';
import { type Harness, artifactAbi, devAccount, lower, startHarness } from './harness.ts';

const escrowAbi = artifactAbi('ChainMartEscrow');
const catalogAbi = artifactAbi('ChainMartCatalog');
const pointsAbi = artifactAbi('ChainMartPoints');
const usdcAbi = artifactAbi('TestUsdc');

const OWNER = 0; // deploys; owns the fee settings; TestUsdc's blocklister
const MERCHANT_A = 1;
const MERCHANT_B = 2;
const ARBITER = 3;
const BUYER_1 = 4;
const BUYER_2 = 5;
const COURIER = 6;
const NEW_FEE_RECIPIENT = 7;
const PAYOUT = 8;
const BLOCKED_BUYER = 9;
const addr = (index: number) => devAccount(index).address;
const low = (index: number) => lower(addr(index));

const DAY = 86400;
const USD = 1_000_000n;
const ETH_PRICE = parseEther('0.01');

const ORDER_FIELDS = `id orderId cart { id } buyer { id } merchant { id } listing { id } token currency { id symbol } arbiter listingId quantity
  amount pointsPaid feeBps rewardBps autoReleaseWindow placedAt shipBy shippedAt disputedAt status statusName flags originalAmount
  originalPointsPaid buyerCredited shippingInfo carrier trackingRef`;

type Row = Record<string, any>;

interface Line {
  listingId: number;
  quantity: number;
  points?: bigint;
}

describe('subgraph indexing on the real contracts', { timeout: 300_000 }, () => {
  let h: Harness;
  let settlement: Hex;
  let approvalCollector: Address;

  const escrow = (from: number, functionName: string, args: unknown[], value?: bigint) => h.send(from, h.escrow, escrowAbi, functionName, args, value);
  const catalog = (from: number, functionName: string, args: unknown[]) => h.send(from, h.catalog, catalogAbi, functionName, args);
  const order = async (id: number): Promise<Row> => {
    const { order } = await h.query<{ order: Row }>(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: String(id) });
    assert.ok(order, `order ${id} is indexed`);
    return order;
  };
  /** The escrow's OrderTerms, rebuilt from the subgraph only (as web/lib/chain/order.ts termsOf does). */
  const terms = async (id: number) => {
    const o = await order(id);
    return {
      buyer: o.buyer.id,
      merchant: o.merchant.id,
      token: o.token,
      arbiter: o.arbiter,
      listingId: BigInt(o.listingId),
      quantity: Number(o.quantity),
      total: BigInt(o.originalAmount),
      points: BigInt(o.originalPointsPaid),
      feeBps: o.feeBps,
      rewardBps: o.rewardBps,
      autoReleaseWindow: Number(o.autoReleaseWindow),
      placedAt: Number(o.placedAt),
      shipBy: Number(o.shipBy),
    };
  };
  const lifecycle = async (from: number, functionName: string, orderId: number, extra: unknown[] = []) =>
    escrow(from, functionName, [BigInt(orderId), await terms(orderId), ...extra]);
  /** The escrow's stateOf for the order, next to the subgraph's state fields. */
  const assertState = async (id: number) => {
    const o = await order(id);
    const state = await h.read<{ remaining: bigint; shippedAt: number; disputedAt: number; status: number; flags: number }>(h.escrow, escrowAbi, 'stateOf', [
      BigInt(id),
      await terms(id),
    ]);
    assert.deepEqual(
      { amount: o.amount, shippedAt: o.shippedAt, disputedAt: o.disputedAt, status: o.status, flags: o.flags },
      { amount: String(state.remaining), shippedAt: String(state.shippedAt), disputedAt: String(state.disputedAt), status: state.status, flags: state.flags },
      `order ${id}: subgraph state vs stateOf`,
    );
    const heldPoints = BigInt(o.originalPointsPaid) < state.remaining ? BigInt(o.originalPointsPaid) : state.remaining;
    assert.equal(o.pointsPaid, String(heldPoints), `order ${id}: points still held`);
  };
  const events = async (orderId: number): Promise<Row[]> => {
    const { order } = await h.query(`query($id: ID!) { order(id: $id) { events(first: 100) { __typename id blockNumber timestamp transactionHash
      ... on OrderPlacedEvent { amount pointsPaid }
      ... on OrderShippedEvent { carrier trackingRef }
      ... on CheckpointEvent { by location note }
      ... on OrderCompletedEvent { by merchantAmount fee pointsMinted }
      ... on OrderRefundedEvent { cash points remaining }
      ... on OrderCancelledEvent { cash points }
      ... on BuyerCreditedEvent { buyer token amount }
      ... on DisputeOpenedEvent { statementCid arbiterDeadline }
      ... on DisputeStatementEvent { by statementCid }
      ... on SettlementOfferedEvent { by buyerAmount deadline }
      ... on DisputeResolvedEvent { resolution by buyerCash buyerPoints merchantAmount fee }
      ... on ReviewEvent { rating commentCid }
      ... on ReviewReplyEvent { commentCid } } } }`, { id: String(orderId) });
    // Chronological: block, then log index (the last 4 bytes of the id).
    return [...order.events].sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || parseInt(a.id.slice(-8), 16) - parseInt(b.id.slice(-8), 16));
  };
  /**
   * Checks out a cart with the terms the buyer is shown, read from the subgraph as the site does (listing price and
   * shipWithin, the merchant's arbiter, rewardBps and autoReleaseWindow). ETH carts send the cash as value; token
   * carts go through the ApprovalCollector (approved in `before`), carts paid fully in points through none.
   */
  const checkout = async (buyer: number, token: Address, lines: Line[]) => {
    const cartLines = [];
    let cash = 0n;
    for (const line of lines) {
      const { listing } = await h.query(`query($id: ID!) { listing(id: $id) { price shipWithin merchant { arbiter rewardBps autoReleaseWindow } } }`, {
        id: String(line.listingId),
      });
      const points = line.points ?? 0n;
      cash += BigInt(listing.price) * BigInt(line.quantity) - points;
      cartLines.push({
        listingId: BigInt(line.listingId),
        quantity: line.quantity,
        unitPrice: BigInt(listing.price),
        shipWithin: Number(listing.shipWithin),
        arbiter: listing.merchant.arbiter,
        rewardBps: listing.merchant.rewardBps,
        autoReleaseWindow: Number(listing.merchant.autoReleaseWindow),
        points,
        shippingInfo: toHex(`sealed address of buyer ${buyer}`),
        proof: '0x',
      });
    }
    const collector = token === zeroAddress || cash === 0n ? zeroAddress : approvalCollector;
    return escrow(buyer, 'checkout', [{ token, lines: cartLines }, { collector, data: '0x' }], token === zeroAddress ? cash : undefined);
  };
  const usdcBalance = (index: number) => h.read<bigint>(h.stablecoin, usdcAbi, 'balanceOf', [addr(index)]);
  const fee = async () => (await h.query(`{ platform(id: "platform") { feeBps pendingFeeBps feeEffectiveAt } }`)).platform;
  const onChainFee = () => h.read<number>(h.escrow, escrowAbi, 'currentFeeBps');

  before(async () => {
    h = await startHarness((line) => console.log(line));
    settlement = lower(h.stablecoin);
    approvalCollector = h.deployment.contracts.ApprovalCollector.address;
    for (const buyer of [BUYER_1, BUYER_2, BLOCKED_BUYER]) {
      await h.send(buyer, h.stablecoin, usdcAbi, 'mint', [addr(buyer), 1000n * USD]);
      await h.send(buyer, h.stablecoin, usdcAbi, 'approve', [approvalCollector, 2n ** 256n - 1n]);
    }
  });
  after(async () => {
    await h?.stop();
  });

  test('constructor events: FeeAnnounced and FeeRecipientUpdated set the platform, nothing pending', async () => {
    const { platform } = await h.query(`{ platform(id: "platform") { feeBps pendingFeeBps feeEffectiveAt feeRecipient merchantCount orderCount pointsSupply pointsReserve } }`);
    assert.deepEqual(platform, {
      feeBps: 200, pendingFeeBps: null, feeEffectiveAt: null, feeRecipient: low(OWNER), merchantCount: 0, orderCount: 0, pointsSupply: '0', pointsReserve: '0',
    });
    assert.equal(await onChainFee(), 200);
  });

  test('catalog: MerchantRegistered, MerchantUpdated, CourierSet', async () => {
    const profile = (n: number, arbiter: Address, rewardBps: number) => ({
      metadataURI: `ipfs://merchant-${n}`,
      encryptionKey: keccak256(toHex(`key ${n}`)),
      arbiter,
      rewardBps,
      autoReleaseWindow: 2 * DAY,
    });
    const registered = await catalog(MERCHANT_A, 'registerMerchant', [profile(1, addr(ARBITER), 300)]);
    await catalog(MERCHANT_B, 'registerMerchant', [profile(2, addr(ARBITER), 0)]);
    await catalog(MERCHANT_A, 'updateMerchant', [{ ...profile(1, addr(ARBITER), 500), metadataURI: 'ipfs://merchant-1-v2' }]);
    await catalog(MERCHANT_A, 'setCourier', [addr(COURIER), true]);
    await catalog(MERCHANT_A, 'setCourier', [addr(PAYOUT), true]);
    await catalog(MERCHANT_A, 'setCourier', [addr(PAYOUT), false]);

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

  test('catalog: ListingCreated, ListingUpdated, ListingPaused, ListingRestocked, ListingGateSet (EasGate), ProvenanceAdded', async () => {
    const listing = (token: Address, price: bigint, title: string, category: string, shipWithin = DAY) => ({
      token, price, stock: 20, maxPerOrder: 5, shipWithin, title, category, metadataURI: `ipfs://${title.replaceAll(' ', '-')}`,
    });
    await catalog(MERCHANT_A, 'createListing', [listing(zeroAddress, ETH_PRICE, 'West Lake tea', 'tea')]);
    await catalog(MERCHANT_A, 'createListing', [listing(h.stablecoin, 10n * USD, 'Yixing Clay Teapot', 'teaware')]);
    await catalog(MERCHANT_B, 'createListing', [listing(h.stablecoin, 20n * USD, 'Silk scarf', 'apparel')]);
    await catalog(MERCHANT_A, 'createListing', [listing(h.stablecoin, 1n * USD, 'Green sample', 'tea')]);
    await catalog(MERCHANT_A, 'updateListing', [1n, { price: ETH_PRICE, maxPerOrder: 4, shipWithin: 2 * DAY, title: 'West Lake Longjing tea', category: 'tea', metadataURI: 'ipfs://longjing-v2' }]);
    await catalog(MERCHANT_B, 'setListingPaused', [3n, true]);
    const { listing: paused } = await h.query(`{ listing(id: "3") { paused } }`);
    assert.equal(paused.paused, true);
    await catalog(MERCHANT_B, 'setListingPaused', [3n, false]);
    await catalog(MERCHANT_A, 'restock', [2n, 10]);
    const gate = h.deployment.contracts.EasGate.address;
    await catalog(MERCHANT_B, 'setListingGate', [3n, gate]);
    const { listing: gated } = await h.query(`{ listing(id: "3") { gate } }`);
    assert.equal(gated.gate, lower(gate));
    await catalog(MERCHANT_B, 'setListingGate', [3n, zeroAddress]);
    const step = (kind: string, occurredAt: number) => ({ kind, location: 'Hangzhou', occurredAt: BigInt(occurredAt), actor: 'Mei tea garden', evidenceCid: `bafy-${kind}` });
    await catalog(MERCHANT_A, 'addProvenance', [1n, step('harvest', 1_700_000_000)]);
    await catalog(MERCHANT_A, 'addProvenance', [1n, step('roasting', 1_700_086_400)]);

    const { listings, platform, merchant } = await h.query(`{
      listings(orderBy: listingId) { id listingId merchant { id } token currency { id symbol decimals isSettlementToken } price stock maxPerOrder
        shipWithin paused gate title category metadataURI createdAt updatedAt soldQuantity returnedQuantity orderCount
        provenance(orderBy: occurredAt) { kind location occurredAt actor evidenceCid timestamp transactionHash } }
      platform(id: "platform") { listingCount }
      merchant(id: "${low(MERCHANT_A)}") { listingCount listings(orderBy: createdAt) { id } } }`);
    assert.equal(platform.listingCount, 4);
    assert.deepEqual(merchant.listings.map((l: { id: string }) => l.id).sort(), ['1', '2', '4']);
    assert.equal(merchant.listingCount, 3);
    const [tea, teapot, scarf] = listings;
    assert.deepEqual(
      { ...tea, provenance: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: '1', listingId: '1', merchant: { id: low(MERCHANT_A) }, token: zeroAddress,
        currency: { id: zeroAddress, symbol: 'ETH', decimals: 18, isSettlementToken: false },
        price: String(ETH_PRICE), stock: '20', maxPerOrder: 4, shipWithin: String(2 * DAY), paused: false, gate: null,
        title: 'West Lake Longjing tea', category: 'tea', metadataURI: 'ipfs://longjing-v2', soldQuantity: '0', returnedQuantity: '0', orderCount: 0,
        provenance: undefined, createdAt: undefined, updatedAt: undefined,
      } as Row,
    );
    assert.ok(Number(tea.updatedAt) >= Number(tea.createdAt));
    assert.deepEqual(tea.provenance.map((s: Row) => [s.kind, s.location, s.occurredAt, s.actor, s.evidenceCid]), [
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

  test('a one-line ETH cart: CartCheckedOut and OrderPlaced (terms), OrderShipped, CheckpointAdded (merchant and courier), OrderCompleted by confirmation', async () => {
    const placed = await checkout(BUYER_1, zeroAddress, [{ listingId: 1, quantity: 2 }]);
    const placedBlock = await rpcBlock(h, placed.blockNumber);
    const o = await order(1);
    assert.deepEqual(
      { ...o, placedAt: undefined, shipBy: undefined },
      {
        id: '1', orderId: '1', cart: { id: '1' }, buyer: { id: low(BUYER_1) }, merchant: { id: low(MERCHANT_A) }, listing: { id: '1' }, token: zeroAddress,
        currency: { id: zeroAddress, symbol: 'ETH' }, arbiter: low(ARBITER), listingId: '1', quantity: '2', amount: String(2n * ETH_PRICE),
        pointsPaid: '0', feeBps: 200, rewardBps: 0, autoReleaseWindow: String(2 * DAY), placedAt: undefined, shipBy: undefined,
        shippedAt: '0', disputedAt: '0', status: 1, statusName: 'Paid', flags: 0, originalAmount: String(2n * ETH_PRICE),
        originalPointsPaid: '0', buyerCredited: '0', shippingInfo: toHex(`sealed address of buyer ${BUYER_1}`), carrier: null, trackingRef: null,
      },
    );
    assert.equal(o.placedAt, String(placedBlock.timestamp));
    assert.equal(o.shipBy, String(placedBlock.timestamp + 2 * DAY));
    const { cart } = await h.query(`{ cart(id: "1") { buyer { id } firstOrderId lines token currency { symbol } cash points collector
      orders { id } timestamp blockNumber transactionHash } }`);
    assert.deepEqual(cart, {
      buyer: { id: low(BUYER_1) }, firstOrderId: '1', lines: 1, token: zeroAddress, currency: { symbol: 'ETH' }, cash: String(2n * ETH_PRICE),
      points: '0', collector: zeroAddress, orders: [{ id: '1' }], timestamp: String(placedBlock.timestamp), blockNumber: String(placed.blockNumber),
      transactionHash: placed.transactionHash,
    });
    await assertState(1);

    const shipped = await lifecycle(MERCHANT_A, 'ship', 1, ['SF Express', 'SF123']);
    await lifecycle(COURIER, 'addCheckpoint', 1, ['Shanghai hub', 'sorted']);
    await lifecycle(MERCHANT_A, 'addCheckpoint', 1, ['Beijing', 'out for delivery']);
    const shippedOrder = await order(1);
    assert.equal(shippedOrder.statusName, 'Shipped');
    assert.equal(shippedOrder.shippedAt, String((await rpcBlock(h, shipped.blockNumber)).timestamp));
    assert.deepEqual([shippedOrder.carrier, shippedOrder.trackingRef], ['SF Express', 'SF123']);
    await assertState(1);

    await lifecycle(BUYER_1, 'confirmReceipt', 1);
    const fee = (2n * ETH_PRICE * 200n) / 10_000n;
    const done = await order(1);
    assert.deepEqual([done.status, done.statusName, done.amount, done.pointsPaid, done.originalAmount], [4, 'Completed', '0', '0', String(2n * ETH_PRICE)]);
    await assertState(1);
    const feed = await events(1);
    assert.deepEqual(feed.map((e) => e.__typename), ['OrderPlacedEvent', 'OrderShippedEvent', 'CheckpointEvent', 'CheckpointEvent', 'OrderCompletedEvent']);
    assert.deepEqual([feed[2].by, feed[2].location, feed[2].note], [low(COURIER), 'Shanghai hub', 'sorted']);
    assert.equal(feed[3].by, low(MERCHANT_A));
    // OrderCompleted's `by` is no longer indexed: decoded from the data.
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

  test('a three-line cart in TestUsdc over two merchants: one Cart, consecutive orders; shipBatch, completeBatch mints points; cancelling an unshipped line pushes the cash and returns its stock', async () => {
    const before = await usdcBalance(BUYER_1);
    const placed = await checkout(BUYER_1, h.stablecoin, [
      { listingId: 2, quantity: 1 },
      { listingId: 2, quantity: 2 },
      { listingId: 3, quantity: 1 },
    ]);
    assert.equal(before - (await usdcBalance(BUYER_1)), 50n * USD);
    const { cart, account } = await h.query(`{ cart(id: "2") { buyer { id } firstOrderId lines token cash points collector transactionHash
      orders(orderBy: orderId) { id orderId merchant { id } quantity originalAmount cart { id } } }
      account(id: "${low(BUYER_1)}") { carts(orderBy: firstOrderId) { id lines } } }`);
    assert.deepEqual({ ...cart, orders: undefined }, {
      buyer: { id: low(BUYER_1) }, firstOrderId: '2', lines: 3, token: settlement, cash: String(50n * USD), points: '0',
      collector: lower(approvalCollector), transactionHash: placed.transactionHash, orders: undefined,
    });
    assert.deepEqual(cart.orders, [
      { id: '2', orderId: '2', merchant: { id: low(MERCHANT_A) }, quantity: '1', originalAmount: String(10n * USD), cart: { id: '2' } },
      { id: '3', orderId: '3', merchant: { id: low(MERCHANT_A) }, quantity: '2', originalAmount: String(20n * USD), cart: { id: '2' } },
      { id: '4', orderId: '4', merchant: { id: low(MERCHANT_B) }, quantity: '1', originalAmount: String(20n * USD), cart: { id: '2' } },
    ]);
    assert.deepEqual(account.carts, [{ id: '1', lines: 1 }, { id: '2', lines: 3 }]);
    for (const id of [2, 3, 4]) await assertState(id);
    const rewardBps = (await order(2)).rewardBps;
    assert.deepEqual([rewardBps, (await order(4)).rewardBps], [500, 0], 'reward rate of each line\'s merchant');

    // One batch: two shipments, and order 1 (already completed) skipped without an event.
    const shipment = async (id: number) => ({ orderId: BigInt(id), terms: await terms(id), carrier: 'EMS', trackingRef: `E${id}` });
    await escrow(MERCHANT_A, 'shipBatch', [[await shipment(1), await shipment(2), await shipment(3)]]);
    for (const id of [2, 3]) {
      const shipped = await order(id);
      assert.deepEqual([shipped.statusName, shipped.carrier, shipped.trackingRef], ['Shipped', 'EMS', `E${id}`]);
      await assertState(id);
    }
    assert.equal((await order(1)).statusName, 'Completed');
    assert.equal((await events(1)).filter((e) => e.__typename === 'OrderShippedEvent').length, 1);

    await h.increaseTime(2 * DAY + 1);
    const ref = async (id: number) => ({ orderId: BigInt(id), terms: await terms(id) });
    const completed = await escrow(BUYER_2, 'completeBatch', [[await ref(2), await ref(3)]]);
    // 10 tUSD: fee 2 % = 0.2, points reward 5 % = 0.5, merchant 9.3; 20 tUSD: 0.4, 1.0, 18.6.
    for (const [id, merchantAmount, fee, pointsMinted] of [[2, '9300000', '200000', '500000'], [3, '18600000', '400000', '1000000']] as const) {
      const last = (await events(id)).at(-1)!;
      assert.deepEqual([last.__typename, last.by, last.merchantAmount, last.fee, last.pointsMinted], ['OrderCompletedEvent', low(BUYER_2), merchantAmount, fee, pointsMinted]);
      assert.equal(last.transactionHash, completed.transactionHash);
      await assertState(id);
    }
    const { points, platform, pointsTransfers } = await h.query(`{ points: account(id: "${low(BUYER_1)}") { pointsBalance }
      platform(id: "platform") { pointsSupply pointsReserve completedCount }
      pointsTransfers(orderBy: timestamp) { from to amount transactionHash } }`);
    assert.equal(points.pointsBalance, '1500000');
    assert.deepEqual([platform.pointsSupply, platform.pointsReserve, platform.completedCount], ['1500000', '1500000', 3]);
    assert.deepEqual(pointsTransfers.map((t: Row) => [t.from, t.to, t.amount]).sort(), [[zeroAddress, low(BUYER_1), '1000000'], [zeroAddress, low(BUYER_1), '500000']]);

    // Order 4's merchant never shipped: the buyer cancels; the cash goes back to the wallet, the unit to the stock.
    const wallet = await usdcBalance(BUYER_1);
    await lifecycle(BUYER_1, 'cancelUnshipped', 4);
    assert.equal((await usdcBalance(BUYER_1)) - wallet, 20n * USD, 'pushed to the wallet');
    const cancelled = await order(4);
    assert.deepEqual([cancelled.status, cancelled.statusName, cancelled.amount, cancelled.buyerCredited], [6, 'Cancelled', '0', '0']);
    await assertState(4);
    const last = (await events(4)).at(-1)!;
    assert.deepEqual([last.__typename, last.cash, last.points], ['OrderCancelledEvent', String(20n * USD), '0']);
    const data = await h.query(`{ platform(id: "platform") { cancelledCount } merchant(id: "${low(MERCHANT_B)}") { cancelledCount }
      scarf: listing(id: "3") { stock soldQuantity returnedQuantity orderCount }
      teapot: listing(id: "2") { stock soldQuantity returnedQuantity }
      account(id: "${low(BUYER_1)}") { balances { credited } }
      token(id: "${settlement}") { returnedToBuyers creditedToBuyers credited } }`);
    assert.deepEqual([data.platform.cancelledCount, data.merchant.cancelledCount], [1, 1]);
    // listingOf → (merchant, token, price, stock, maxPerOrder, shipWithin, paused)
    const [, , , onChainStock] = await h.read<readonly [Address, Address, bigint, number, number, number, boolean]>(h.catalog, catalogAbi, 'listingOf', [3n]);
    assert.deepEqual(data.scarf, { stock: '20', soldQuantity: '1', returnedQuantity: '1', orderCount: 1 });
    assert.equal(onChainStock, 20, 'the catalog\'s stock, as StockReturned carried it');
    assert.deepEqual(data.teapot, { stock: '27', soldQuantity: '3', returnedQuantity: '0' });
    assert.deepEqual(data.account.balances, [], 'a pushed refund is no credit');
    assert.deepEqual(data.token, { returnedToBuyers: String(20n * USD), creditedToBuyers: '0', credited: String(9_300_000n + 18_600_000n + 600_000n) });
  });

  test('paying with points; OrderRefunded partially then fully: cash first, pushed to the wallet, points re-minted; stock back (unshipped)', async () => {
    const wallet = await usdcBalance(BUYER_1);
    await checkout(BUYER_1, h.stablecoin, [{ listingId: 2, quantity: 1, points: 300_000n }]);
    assert.equal(wallet - (await usdcBalance(BUYER_1)), 9_700_000n, 'cash due = total - points');
    const placed = await order(5);
    assert.deepEqual([placed.amount, placed.pointsPaid, placed.originalAmount, placed.originalPointsPaid, placed.rewardBps], ['10000000', '300000', '10000000', '300000', 500]);
    const { cart } = await h.query(`{ cart(id: "5") { cash points } }`);
    assert.deepEqual(cart, { cash: '9700000', points: '300000' });
    let platform = (await h.query(`{ platform(id: "platform") { pointsSupply pointsReserve } }`)).platform;
    assert.deepEqual(platform, { pointsSupply: '1200000', pointsReserve: '1200000' }, 'spent points are burnt');

    await lifecycle(MERCHANT_A, 'refund', 5, [5n * USD]);
    const partial = await order(5);
    assert.deepEqual([partial.status, partial.statusName, partial.amount, partial.pointsPaid], [1, 'Paid', '5000000', '300000']);
    await assertState(5);
    let listing = (await h.query(`{ listing(id: "2") { stock returnedQuantity } }`)).listing;
    assert.deepEqual(listing, { stock: '26', returnedQuantity: '0' }, 'a partial refund returns no stock');
    await lifecycle(MERCHANT_A, 'refund', 5, [5n * USD]);
    const refunded = await order(5);
    assert.deepEqual([refunded.status, refunded.statusName, refunded.amount, refunded.pointsPaid], [5, 'Refunded', '0', '0']);
    await assertState(5);
    assert.equal((await usdcBalance(BUYER_1)) - wallet, 0n, 'all 9.7 tUSD of cash back in the wallet');
    const feed = await events(5);
    assert.deepEqual(feed.map((e) => [e.__typename, e.cash, e.points, e.remaining]), [
      ['OrderPlacedEvent', undefined, undefined, undefined],
      ['OrderRefundedEvent', '5000000', '0', '5000000'],
      ['OrderRefundedEvent', '4700000', '300000', '0'],
    ]);
    const data = await h.query(`{ platform(id: "platform") { pointsSupply pointsReserve refundedCount }
      merchant(id: "${low(MERCHANT_A)}") { refundedCount }
      listing(id: "2") { stock soldQuantity returnedQuantity }
      account(id: "${low(BUYER_1)}") { pointsBalance balances { token { id } credited withdrawn } } }`);
    assert.deepEqual(data.platform, { pointsSupply: '1500000', pointsReserve: '1500000', refundedCount: 1 });
    assert.equal(data.merchant.refundedCount, 1);
    assert.deepEqual(data.listing, { stock: '27', soldQuantity: '4', returnedQuantity: '1' }, 'the full refund of an unshipped order returns its unit');
    assert.equal(data.account.pointsBalance, '1500000');
    assert.deepEqual(data.account.balances, [], 'pushed refunds are no credit');
  });

  test('points transfer between accounts; a cart paid fully in points has no collector', async () => {
    await h.send(BUYER_1, h.points, pointsAbi, 'transfer', [addr(BUYER_2), 100_000n]);
    const { a, b, transfers } = await h.query(`{ a: account(id: "${low(BUYER_1)}") { pointsBalance } b: account(id: "${low(BUYER_2)}") { pointsBalance }
      transfers: pointsTransfers(where: { from: "${low(BUYER_1)}" }) { to amount } }`);
    assert.deepEqual([a.pointsBalance, b.pointsBalance], ['1400000', '100000']);
    assert.deepEqual(transfers.filter((t: Row) => t.to === low(BUYER_2)), [{ to: low(BUYER_2), amount: '100000' }]);

    const wallet = await usdcBalance(BUYER_1);
    await checkout(BUYER_1, h.stablecoin, [{ listingId: 4, quantity: 1, points: 1n * USD }]);
    assert.equal(await usdcBalance(BUYER_1), wallet);
    const { cart, account } = await h.query(`{ cart(id: "6") { lines cash points collector orders { id amount pointsPaid } }
      account(id: "${low(BUYER_1)}") { pointsBalance } }`);
    assert.deepEqual(cart, { lines: 1, cash: '0', points: '1000000', collector: zeroAddress, orders: [{ id: '6', amount: '1000000', pointsPaid: '1000000' }] });
    assert.equal(account.pointsBalance, '400000');
    await assertState(6);
  });

  test('BuyerCredited: a refund to a blocklisted buyer cannot be pushed and becomes its credit, withdrawn elsewhere', async () => {
    await checkout(BLOCKED_BUYER, h.stablecoin, [{ listingId: 2, quantity: 1 }]);
    await h.send(OWNER, h.stablecoin, usdcAbi, 'setBlocklisted', [addr(BLOCKED_BUYER), true]);
    await lifecycle(MERCHANT_A, 'refund', 7, [10n * USD]);
    const refunded = await order(7);
    assert.deepEqual([refunded.statusName, refunded.amount, refunded.buyerCredited], ['Refunded', '0', String(10n * USD)]);
    await assertState(7);
    const feed = await events(7);
    assert.deepEqual(feed.map((e) => e.__typename), ['OrderPlacedEvent', 'BuyerCreditedEvent', 'OrderRefundedEvent']);
    assert.deepEqual([feed[1].buyer, feed[1].token, feed[1].amount], [low(BLOCKED_BUYER), settlement, String(10n * USD)]);
    assert.deepEqual([feed[2].cash, feed[2].remaining], [String(10n * USD), '0']);
    const onChain = await h.read<bigint>(h.escrow, escrowAbi, 'creditOf', [addr(BLOCKED_BUYER), h.stablecoin]);
    assert.equal(onChain, 10n * USD);
    const balanceId = `${low(BLOCKED_BUYER)}${settlement.slice(2)}`;
    let data = await h.query(`{ balance(id: "${balanceId}") { account { id } token { id } credited withdrawn }
      token(id: "${settlement}") { creditedToBuyers } }`);
    assert.deepEqual(data.balance, { account: { id: low(BLOCKED_BUYER) }, token: { id: settlement }, credited: String(10n * USD), withdrawn: '0' });
    assert.equal(data.token.creditedToBuyers, String(10n * USD));

    const payout = await usdcBalance(PAYOUT);
    await escrow(BLOCKED_BUYER, 'withdraw', [[h.stablecoin], addr(PAYOUT)]);
    assert.equal((await usdcBalance(PAYOUT)) - payout, 10n * USD);
    data = await h.query(`{ balance(id: "${balanceId}") { credited withdrawn } }`);
    assert.deepEqual(data.balance, { credited: '0', withdrawn: String(10n * USD) });
  });

  test('FeeAnnounced: a rise waits 7 days in pendingFeeBps (orders keep the fee of their checkout), a cut applies at once; FeeRecipientUpdated', async () => {
    const announced = await escrow(OWNER, 'announceFee', [300]);
    const at = (await rpcBlock(h, announced.blockNumber)).timestamp + 7 * DAY;
    assert.deepEqual(await fee(), { feeBps: 200, pendingFeeBps: 300, feeEffectiveAt: String(at) });
    assert.equal(await onChainFee(), 200);
    await checkout(BUYER_2, h.stablecoin, [{ listingId: 3, quantity: 1, points: 100_000n }]);
    assert.equal((await order(8)).feeBps, 200, 'placed before the rise applies');

    await h.increaseTime(7 * DAY);
    await checkout(BUYER_2, h.stablecoin, [{ listingId: 3, quantity: 1 }]);
    assert.equal(await onChainFee(), 300);
    assert.equal((await order(9)).feeBps, 300, 'placed with the risen fee');
    assert.deepEqual(await fee(), { feeBps: 300, pendingFeeBps: null, feeEffectiveAt: null }, 'the order placed at the new fee applies it');

    // A rise that came due with no order since: the next announcement starts from it, as the escrow does.
    await escrow(OWNER, 'announceFee', [400]);
    await h.increaseTime(7 * DAY + 1);
    const again = await escrow(OWNER, 'announceFee', [500]);
    assert.equal(await onChainFee(), 400);
    assert.deepEqual(await fee(), { feeBps: 400, pendingFeeBps: 500, feeEffectiveAt: String((await rpcBlock(h, again.blockNumber)).timestamp + 7 * DAY) });
    await escrow(OWNER, 'announceFee', [300]);
    assert.equal(await onChainFee(), 300);
    assert.deepEqual(await fee(), { feeBps: 300, pendingFeeBps: null, feeEffectiveAt: null }, 'a cut applies at once and drops the pending rise');

    await escrow(OWNER, 'setFeeRecipient', [addr(NEW_FEE_RECIPIENT)]);
    const { platform } = await h.query(`{ platform(id: "platform") { feeRecipient } }`);
    assert.equal(platform.feeRecipient, low(NEW_FEE_RECIPIENT));
  });

  test('DisputeOpened, DisputeStatement, DisputeResolved by the arbiter’s ruling (buyer’s share pushed, the order’s own fee)', async () => {
    const opened = await lifecycle(BUYER_2, 'openDispute', 9, ['bafy-buyer-says']);
    const openedAt = (await rpcBlock(h, opened.blockNumber)).timestamp;
    const disputed = await order(9);
    assert.deepEqual([disputed.status, disputed.statusName, disputed.disputedAt, disputed.feeBps], [3, 'Disputed', String(openedAt), 300]);
    await assertState(9);
    await lifecycle(MERCHANT_B, 'submitStatement', 9, ['bafy-merchant-says']);
    await lifecycle(ARBITER, 'submitStatement', 9, ['bafy-arbiter-asks']);
    await h.increaseTime(3600);
    const wallet = await usdcBalance(BUYER_2);
    const ruled = await lifecycle(ARBITER, 'rule', 9, [5n * USD]);
    const ruledAt = (await rpcBlock(h, ruled.blockNumber)).timestamp;
    assert.equal((await usdcBalance(BUYER_2)) - wallet, 5n * USD, 'pushed to the wallet');
    await assertState(9);
    // 15 tUSD to the merchant's side: fee 3 % = 0.45 to the new recipient, 14.55 to the merchant.
    const { dispute } = await h.query(`{ dispute(id: "9") { order { id statusName amount } merchant { id } arbiter openedAt arbiterDeadline statementCid
      resolution resolvedBy buyerCash buyerPoints merchantAmount fee resolvedAt statements(orderBy: statementCid) { by statementCid } } }`);
    assert.deepEqual(dispute, {
      order: { id: '9', statusName: 'Resolved', amount: '0' }, merchant: { id: low(MERCHANT_B) }, arbiter: low(ARBITER),
      openedAt: String(openedAt), arbiterDeadline: String(openedAt + 14 * DAY), statementCid: 'bafy-buyer-says',
      resolution: 'Ruling', resolvedBy: low(ARBITER), buyerCash: '5000000', buyerPoints: '0', merchantAmount: '14550000', fee: '450000',
      resolvedAt: String(ruledAt),
      statements: [{ by: low(ARBITER), statementCid: 'bafy-arbiter-asks' }, { by: low(MERCHANT_B), statementCid: 'bafy-merchant-says' }],
    });
    assert.deepEqual((await events(9)).map((e) => e.__typename), ['OrderPlacedEvent', 'DisputeOpenedEvent', 'DisputeStatementEvent', 'DisputeStatementEvent', 'DisputeResolvedEvent']);
    const { fees, merchant, buyer, platform } = await h.query(`{ fees: balance(id: "${low(NEW_FEE_RECIPIENT)}${settlement.slice(2)}") { credited }
      merchant(id: "${low(MERCHANT_B)}") { disputeCount disputesResolvedCount sales { merchantAmount } }
      buyer: account(id: "${low(BUYER_2)}") { balances { credited } }
      platform(id: "platform") { days(first: 1000) { disputesResolved resolutionSeconds } } }`);
    assert.equal(fees.credited, '450000');
    assert.deepEqual([merchant.disputeCount, merchant.disputesResolvedCount, merchant.sales[0].merchantAmount], [1, 1, '14550000']);
    assert.deepEqual(buyer.balances, [], 'the buyer\'s share was pushed');
    const resolved = platform.days.filter((d: Row) => d.disputesResolved > 0);
    assert.deepEqual(resolved, [{ disputesResolved: 1, resolutionSeconds: String(ruledAt - openedAt) }]);
  });

  test('SettlementOffered: one offer per party, replaced by its next; settle accepts the stored offer; points returned', async () => {
    await lifecycle(BUYER_2, 'openDispute', 8, ['bafy-late']);
    const now = (await rpcBlock(h, BigInt(await rpc<Hex>(h.anvil.rpcUrl, 'eth_blockNumber')))).timestamp;
    const deadline = now + DAY;
    const first = await lifecycle(MERCHANT_B, 'offerSettlement', 8, [18n * USD, deadline]);
    const offerId = `8-${low(MERCHANT_B)}`;
    const offerFields = 'id order { id } dispute { id } by buyerAmount deadline offeredAt transactionHash';
    let offers = (await h.query(`{ order(id: "8") { settlementOffers { ${offerFields} } } }`)).order.settlementOffers;
    assert.deepEqual(offers, [{
      id: offerId, order: { id: '8' }, dispute: { id: '8' }, by: low(MERCHANT_B), buyerAmount: String(18n * USD), deadline: String(deadline),
      offeredAt: String((await rpcBlock(h, first.blockNumber)).timestamp), transactionHash: first.transactionHash,
    }]);
    const second = await lifecycle(MERCHANT_B, 'offerSettlement', 8, [20n * USD, deadline]);
    await lifecycle(BUYER_2, 'offerSettlement', 8, [20n * USD, deadline]);
    const { order: offered } = await h.query(`{ order(id: "8") { settlementOffers(orderBy: by) { id by buyerAmount transactionHash } dispute { offers { id } } } }`);
    assert.deepEqual(
      offered.settlementOffers,
      [
        { id: offerId, by: low(MERCHANT_B), buyerAmount: String(20n * USD), transactionHash: second.transactionHash },
        { id: `8-${low(BUYER_2)}`, by: low(BUYER_2), buyerAmount: String(20n * USD), transactionHash: offered.settlementOffers.find((o: Row) => o.by === low(BUYER_2))?.transactionHash },
      ].sort((a, b) => a.by.localeCompare(b.by)),
    );
    assert.equal(offered.dispute.offers.length, 2);
    const offeredEvents = (await events(8)).filter((e) => e.__typename === 'SettlementOfferedEvent');
    assert.deepEqual(offeredEvents.map((e) => [e.by, e.buyerAmount, e.deadline]), [
      [low(MERCHANT_B), String(18n * USD), String(deadline)],
      [low(MERCHANT_B), String(20n * USD), String(deadline)],
      [low(BUYER_2), String(20n * USD), String(deadline)],
    ]);

    // The arbiter submits: both approvals are the parties' stored offers, no signature.
    await lifecycle(ARBITER, 'settle', 8, [20n * USD, deadline, [{ party: addr(BUYER_2), signature: '0x' }, { party: addr(MERCHANT_B), signature: '0x' }]]);
    await assertState(8);
    const resolved = (await events(8)).at(-1)!;
    assert.deepEqual(
      [resolved.__typename, resolved.resolution, resolved.by, resolved.buyerCash, resolved.buyerPoints, resolved.merchantAmount, resolved.fee],
      ['DisputeResolvedEvent', 'Settlement', low(ARBITER), '19900000', '100000', '0', '0'],
    );
    const { account } = await h.query(`{ account(id: "${low(BUYER_2)}") { pointsBalance } }`);
    assert.equal(account.pointsBalance, '100000', 'spent and returned');
  });

  test('DisputeResolved by the arbiter timeout: full refund in ETH, pushed', async () => {
    await checkout(BUYER_1, zeroAddress, [{ listingId: 1, quantity: 1 }]);
    await lifecycle(MERCHANT_A, 'ship', 10, ['UPS', 'U7']);
    await lifecycle(BUYER_1, 'openDispute', 10, ['bafy-broken']);
    await h.increaseTime(14 * DAY);
    await lifecycle(BUYER_2, 'resolveAfterArbiterTimeout', 10);
    await assertState(10);
    const resolved = (await events(10)).at(-1)!;
    assert.deepEqual([resolved.resolution, resolved.buyerCash, resolved.merchantAmount, resolved.fee], ['ArbiterTimeout', String(ETH_PRICE), '0', '0']);
    const { dispute, listing } = await h.query(`{ dispute(id: "10") { resolution buyerCash resolvedBy } listing(id: "1") { stock returnedQuantity } }`);
    assert.deepEqual(dispute, { resolution: 'ArbiterTimeout', buyerCash: String(ETH_PRICE), resolvedBy: low(BUYER_2) });
    assert.deepEqual(listing, { stock: '17', returnedQuantity: '0' }, 'a shipped order returns no stock');
  });

  test('Reviewed and ReviewReplied: review entities, order flags, ratings', async () => {
    await lifecycle(BUYER_1, 'review', 1, [5, 'bafy-great']);
    await lifecycle(MERCHANT_A, 'replyToReview', 1, ['bafy-thanks']);
    await lifecycle(BUYER_1, 'review', 2, [4, '']);
    await lifecycle(BUYER_2, 'review', 9, [2, 'bafy-meh']);
    for (const id of [1, 2, 9]) await assertState(id);
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
    // The terms were indexed right: the escrow accepts them for a second reply and refuses it only because the
    // reply exists (AlreadyReviewed), not with TermsMismatch.
    await assert.rejects(lifecycle(MERCHANT_A, 'replyToReview', 1, ['again']), /AlreadyReviewed/);
  });

  test('Withdrawn: several tokens in one withdraw; credited balances go down by what was paid out', async () => {
    await escrow(MERCHANT_A, 'withdraw', [[zeroAddress, h.stablecoin], addr(MERCHANT_A)]);
    await escrow(OWNER, 'withdraw', [[zeroAddress, h.stablecoin], addr(PAYOUT)]);
    const { a, aUsd, owner, ownerEth } = await h.query(`{ a: balance(id: "${low(MERCHANT_A)}${zeroAddress.slice(2)}") { credited withdrawn }
      aUsd: balance(id: "${low(MERCHANT_A)}${settlement.slice(2)}") { credited withdrawn }
      owner: balance(id: "${low(OWNER)}${settlement.slice(2)}") { credited withdrawn }
      ownerEth: balance(id: "${low(OWNER)}${zeroAddress.slice(2)}") { credited withdrawn } }`);
    const ethFee = (2n * ETH_PRICE * 200n) / 10_000n;
    assert.deepEqual(a, { credited: '0', withdrawn: String(2n * ETH_PRICE - ethFee) });
    assert.deepEqual(aUsd, { credited: '0', withdrawn: String(9_300_000n + 18_600_000n) });
    assert.deepEqual(owner, { credited: '0', withdrawn: '600000' });
    assert.deepEqual(ownerEth, { credited: '0', withdrawn: String(ethFee) });
  });

  test('the books: every credited balance, order state, escrow, points and reserve agree with the contracts', async () => {
    const { balances, tokens, accounts, orders, platform } = await h.query(`{
      balances(first: 1000) { account { id } token { id } credited }
      tokens(first: 100) { id escrow credited isSettlementToken }
      accounts(first: 1000, where: { pointsBalance_gt: "0" }) { id pointsBalance }
      orders(first: 1000, orderBy: orderId) { orderId }
      platform(id: "platform") { pointsSupply pointsReserve orderCount completedCount refundedCount cancelledCount disputesOpened disputesResolved } }`);
    assert.ok(balances.length >= 7, `${balances.length} balances`);
    for (const b of balances) {
      const onChain = await h.read<bigint>(h.escrow, escrowAbi, 'creditOf', [b.account.id, b.token.id]);
      assert.equal(b.credited, String(onChain), `credit of ${b.account.id} in ${b.token.id}`);
    }
    assert.deepEqual(orders.map((o: Row) => Number(o.orderId)), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const o of orders) await assertState(Number(o.orderId));
    const reserve = await h.read<bigint>(h.escrow, escrowAbi, 'pointsReserve');
    assert.equal(platform.pointsReserve, String(reserve));
    assert.equal(platform.pointsSupply, String(await h.read<bigint>(h.points, pointsAbi, 'totalSupply')));
    assert.equal(platform.pointsSupply, '500000');
    for (const a of accounts) assert.equal(a.pointsBalance, String(await h.read<bigint>(h.points, pointsAbi, 'balanceOf', [a.id])), `points of ${a.id}`);
    // Solvency from events alone: what the escrow holds = escrow + credited + (settlement token) the reserve.
    for (const t of tokens) {
      const held = t.id === zeroAddress
        ? BigInt(await rpc<Hex>(h.anvil.rpcUrl, 'eth_getBalance', [h.escrow, 'latest']))
        : await h.read<bigint>(t.id, usdcAbi, 'balanceOf', [h.escrow]);
      const books = BigInt(t.escrow) + BigInt(t.credited) + (t.isSettlementToken ? BigInt(platform.pointsReserve) : 0n);
      assert.equal(books, held, `token ${t.id}: escrow ${t.escrow} + credited ${t.credited} (+ reserve) vs held ${held}`);
    }
    assert.deepEqual(
      { ...platform, pointsSupply: undefined, pointsReserve: undefined },
      { pointsSupply: undefined, pointsReserve: undefined, orderCount: 10, completedCount: 3, refundedCount: 2, cancelledCount: 1, disputesOpened: 3, disputesResolved: 3 },
    );
  });

  test('daily statistics add up to the totals, per platform, token and merchant', async () => {
    const { platform, merchants, tokens } = await h.query(`{
      platform(id: "platform") { days(first: 1000, orderBy: date) { id date orders completed refunded cancelled pointsIssued pointsRedeemed pointsReturned
        disputesOpened disputesResolved tokens(first: 100) { day { id } date token { id } volume fees orders merchantAmount } } }
      merchants(first: 1000) { id days(first: 1000) { merchant { id } date token { id } orders completed volume merchantAmount disputesOpened } }
      tokens(first: 100) { id volume fees orderCount merchantAmount } }`);
    const days: Row[] = platform.days;
    const tokenDays: Row[] = days.flatMap((d) => d.tokens);
    const merchantDays: Row[] = merchants.flatMap((m: Row) => m.days);
    for (const t of tokenDays) assert.equal(t.date, Number(t.day.id) * DAY);
    for (const m of merchants) assert.ok(m.days.every((d: Row) => d.merchant.id === m.id));
    assert.ok(days.length >= 3, `the clock moved over several days: ${days.length}`);
    for (const day of days) assert.equal(day.date, Number(day.id) * DAY);
    const sum = (rows: Row[], key: string) => rows.reduce((total, r) => total + BigInt(r[key]), 0n);
    assert.deepEqual(
      ['orders', 'completed', 'refunded', 'cancelled', 'pointsIssued', 'pointsRedeemed', 'pointsReturned', 'disputesOpened', 'disputesResolved'].map((k) => sum(days, k)),
      [10n, 3n, 2n, 1n, 1_500_000n, 1_400_000n, 400_000n, 3n, 3n],
    );
    for (const token of tokens) {
      const mine = tokenDays.filter((d: Row) => d.token.id === token.id);
      assert.deepEqual(
        [sum(mine, 'volume'), sum(mine, 'fees'), sum(mine, 'orders'), sum(mine, 'merchantAmount')],
        [BigInt(token.volume), BigInt(token.fees), BigInt(token.orderCount), BigInt(token.merchantAmount)],
        `token ${token.id}`,
      );
      const merchants = merchantDays.filter((d: Row) => d.token.id === token.id);
      assert.equal(sum(merchants, 'volume'), BigInt(token.volume));
      assert.equal(sum(merchants, 'merchantAmount'), BigInt(token.merchantAmount));
    }
    assert.equal(sum(merchantDays, 'disputesOpened'), 3n);
    assert.equal(sum(merchantDays, 'orders'), 10n);
  });

  // graph-node names collection fields `name.to_plural().to_camel_case()` with the Inflector crate, whose
  // rules are case-sensitive: PlatformDayData -> platformDayDatas (as Uniswap's tokenDayDatas), and a plural
  // equal to the singular gets `_collection` (MerchantSales -> merchantSales_collection).
  test('collection field names as graph-node derives them', async () => {
    const data = await h.query(`{ platformDayDatas(first: 1) { id } tokenDayDatas(first: 1) { id } merchantDayDatas(first: 1) { id }
      merchantSales_collection(first: 1) { id } orderEvents(first: 1) { id } carts(first: 1) { id } settlementOffers(first: 1) { id } }`);
    for (const field of ['platformDayDatas', 'tokenDayDatas', 'merchantDayDatas', 'merchantSales_collection', 'orderEvents', 'carts', 'settlementOffers']) {
      assert.equal(data[field].length, 1, field);
    }
    await assert.rejects(h.query('{ platformDayData_collection(first: 1) { id } }'), /Cannot query field \\"platformDayData_collection\\" on type \\"Query\\"/);
  });

  test('the activity feed as an interface: orderEvents across orders, newest first', async () => {
    const { orderEvents, disputes } = await h.query(`{ orderEvents(first: 1000, orderBy: timestamp, orderDirection: desc) { __typename order { id } }
      disputes: orderEvents(where: { order: "9" }) { __typename } }`);
    const types = new Set(orderEvents.map((e: Row) => e.__typename));
    for (const type of ['OrderPlacedEvent', 'OrderShippedEvent', 'CheckpointEvent', 'OrderCompletedEvent', 'OrderRefundedEvent', 'OrderCancelledEvent',
      'BuyerCreditedEvent', 'DisputeOpenedEvent', 'DisputeStatementEvent', 'SettlementOfferedEvent', 'DisputeResolvedEvent', 'ReviewEvent', 'ReviewReplyEvent']) {
      assert.ok(types.has(type), `${type} in the feed`);
    }
    assert.equal(disputes.length, 6, 'order 9: placed, opened, two statements, resolved, reviewed');
  });
});

async function rpcBlock(h: Harness, number: bigint): Promise<{ timestamp: number }> {
  const block = await rpc<{ timestamp: Hex }>(h.anvil.rpcUrl, 'eth_getBlockByNumber', [toHex(number), false]);
  return { timestamp: Number(block.timestamp) };
}
