// Demo data for a fresh local chain: 8 bilingual merchants, 64 listings with SVG pictures and provenance,
// orders in every state (paid, shipped with checkpoints, completed, refunded, partially refunded, cancelled,
// disputed, resolved, auto-completed), reviews and replies, points earned at one brand and spent at another,
// ETH and stablecoin orders, encrypted shipping details, withdrawals. Chain time moves forward between steps
// (evm_increaseTime) so dates look real and deadlines can pass; the seed ends at the wall clock.
//
// Accounts (anvil's default mnemonic; public keys, local only): 0 deployer, 1-8 merchants, 9 arbiter,
// 10 courier, 11-15 buyers.
import { type Address, type Hex, type TransactionReceipt, bytesToHex, maxUint256, parseEther, parseEventLogs } from 'viem';
import type { HDAccount } from 'viem/accounts';
import { chainMartAbi, testStablecoinAbi } from '../../web/lib/contracts/generated/abi.ts';
import type { Deployment } from '../deploy.ts';
import {
  BUYER_ADDRESSES,
  DISPUTE_STATEMENTS,
  MERCHANT_RESPONSES,
  MERCHANTS,
  REPLIES,
  REVIEWS,
  type MerchantSeed,
} from './catalog.ts';
import { LocalChain, devAccounts } from './chain.ts';
import { logoSvg, productSvg } from './images.ts';
import {
  type CommentDocument,
  type EvidenceDocument,
  type ListingMetadata,
  type MerchantMetadata,
  type ShippingDetails,
  ipfsUri,
} from '../../web/lib/protocol/metadata.ts';
import type { OrderStruct } from '../../web/lib/chain/order.ts';
import { ENCRYPTION_KEY_MESSAGE, encryptShipping, keyPairFromSignature } from '../../web/lib/protocol/shipping-crypto.ts';

/** Where the seed stores documents and pictures; returns the CID (v1) of the bytes. */
export interface ContentStore {
  add(bytes: Uint8Array): Promise<string>;
}

export const ACCOUNT_ROLES = { deployer: 0, merchants: [1, 8], arbiter: 9, courier: 10, buyers: [11, 15] } as const;
export const DEV_ACCOUNT_COUNT = 16;

const HOUR = 3600;
const DAY = 24 * HOUR;
const STABLE_DECIMALS = 6;

enum Status {
  None,
  Paid,
  Shipped,
  Disputed,
  Completed,
  Refunded,
  Cancelled,
  Resolved,
}

type Order = OrderStruct;

type Fate =
  | 'paid'
  | 'shipped'
  | 'completed'
  | 'refunded'
  | 'partial'
  | 'cancelled'
  | 'disputed-paid'
  | 'disputed-shipped'
  | 'resolved-paid'
  | 'resolved-shipped'
  | 'auto-completed';

/** [fate, merchant, product, buyer, quantity]: every lifecycle path the contract has, on real-looking goods. */
const ORDER_PLAN: [Fate, number, number, number, number][] = [
  ['completed', 0, 0, 0, 2],
  ['completed', 1, 1, 1, 1],
  ['completed', 2, 1, 2, 1],
  ['completed', 3, 0, 3, 1],
  ['completed', 4, 0, 4, 1],
  ['completed', 5, 1, 0, 3],
  ['completed', 6, 0, 1, 1],
  ['completed', 7, 2, 2, 1],
  ['completed', 0, 3, 3, 1],
  ['completed', 3, 1, 4, 1],
  ['completed', 2, 0, 0, 1],
  ['completed', 5, 7, 1, 1],
  ['completed', 7, 0, 3, 2],
  ['completed', 1, 0, 2, 1],
  ['shipped', 0, 1, 1, 1],
  ['shipped', 1, 2, 0, 1],
  ['shipped', 2, 3, 3, 1],
  ['shipped', 4, 2, 2, 1],
  ['shipped', 6, 1, 4, 1],
  ['shipped', 7, 3, 0, 1],
  ['paid', 0, 2, 2, 1],
  ['paid', 3, 2, 1, 1],
  ['paid', 4, 3, 3, 1],
  ['paid', 5, 2, 4, 2],
  ['paid', 6, 3, 0, 1],
  ['paid', 7, 4, 1, 1],
  ['refunded', 1, 3, 3, 1],
  ['refunded', 4, 4, 0, 1],
  ['refunded', 2, 4, 1, 1],
  ['partial', 5, 4, 2, 2],
  ['cancelled', 0, 6, 4, 1],
  ['cancelled', 3, 7, 2, 1],
  ['disputed-paid', 1, 4, 4, 1],
  ['disputed-shipped', 0, 4, 3, 1],
  ['disputed-shipped', 7, 5, 2, 1],
  ['resolved-shipped', 3, 3, 0, 1],
  ['resolved-paid', 5, 5, 3, 1],
  ['resolved-shipped', 4, 5, 1, 1],
  ['auto-completed', 6, 4, 2, 1],
];

/** Listings with a one-hour shipping window, so an unshipped order can be cancelled during the seed. */
const SHORT_SHIP = new Set(['0:6', '3:7']);
/** [buyer, merchant, product]: points earned elsewhere spent here (settlement-token listings). */
const POINTS_PLAN: [number, number, number, 'completed' | 'paid' | 'refunded'][] = [
  [0, 7, 6, 'completed'],
  [3, 1, 6, 'paid'],
  [1, 3, 5, 'refunded'],
  [2, 4, 1, 'paid'],
];

export interface SeedSummary {
  merchants: number;
  listings: number;
  provenanceSteps: number;
  orders: Record<string, number>;
  reviews: number;
  transactions: number;
  blocks: number;
  lastBlock: number;
  seconds: number;
}

export async function seed(opts: {
  rpcUrl: string;
  deployment: Deployment;
  content: ContentStore;
  log?: (line: string) => void;
}): Promise<SeedSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const chain = new LocalChain(opts.rpcUrl);
  const market = opts.deployment.contracts.ChainMart.address;
  const stable = opts.deployment.contracts.SettlementToken.address;
  const accounts = devAccounts(DEV_ACCOUNT_COUNT);
  const merchants = accounts.slice(ACCOUNT_ROLES.merchants[0], ACCOUNT_ROLES.merchants[1] + 1);
  const arbiter = accounts[ACCOUNT_ROLES.arbiter];
  const courier = accounts[ACCOUNT_ROLES.courier];
  const buyers = accounts.slice(ACCOUNT_ROLES.buyers[0], ACCOUNT_ROLES.buyers[1] + 1);
  const deployer = accounts[ACCOUNT_ROLES.deployer];
  const content = opts.content;
  const addJson = (value: unknown) => content.add(new TextEncoder().encode(JSON.stringify(value)));
  const addText = (text: string) => content.add(new TextEncoder().encode(text));
  const m = (account: HDAccount) => ({ account, address: market, abi: chainMartAbi });

  const orders = new Map<bigint, Order>();
  const pointsEarned = new Map<Address, bigint>();
  const blockTimes = new Map<bigint, number>();
  const counts: Record<string, number> = {};
  let reviewCount = 0;
  let provenanceSteps = 0;

  async function apply(receipts: TransactionReceipt[]): Promise<void> {
    const events = parseEventLogs({ abi: chainMartAbi, logs: receipts.flatMap((r) => r.logs) });
    for (const event of events) {
      if (event.address.toLowerCase() !== market.toLowerCase()) continue;
      switch (event.eventName) {
        case 'OrderPlaced':
          orders.set(event.args.orderId, { ...(event.args.order as unknown as Order) });
          break;
        case 'OrderShipped':
          update(event.args.orderId, { status: Status.Shipped, shippedAt: Number(event.args.shippedAt) });
          break;
        case 'OrderCompleted': {
          const order = update(event.args.orderId, { status: Status.Completed, amount: 0n, pointsPaid: 0n });
          pointsEarned.set(order.buyer, (pointsEarned.get(order.buyer) ?? 0n) + event.args.pointsMinted);
          break;
        }
        case 'OrderRefunded': {
          const order = get(event.args.orderId);
          update(event.args.orderId, {
            amount: event.args.remaining,
            pointsPaid: order.pointsPaid - event.args.points,
            status: event.args.remaining === 0n ? Status.Refunded : order.status,
          });
          break;
        }
        case 'OrderCancelled':
          update(event.args.orderId, { status: Status.Cancelled, amount: 0n, pointsPaid: 0n });
          break;
        case 'DisputeOpened':
          update(event.args.orderId, { status: Status.Disputed, disputedAt: await blockTime(event.blockNumber) });
          break;
        case 'DisputeResolved':
          update(event.args.orderId, { status: Status.Resolved, amount: 0n, pointsPaid: 0n });
          break;
        case 'Reviewed':
          update(event.args.orderId, { flags: get(event.args.orderId).flags | 1 });
          break;
        case 'ReviewReplied':
          update(event.args.orderId, { flags: get(event.args.orderId).flags | 2 });
          break;
      }
    }
  }
  function get(orderId: bigint): Order {
    const order = orders.get(orderId);
    if (!order) throw new Error(`seed: order ${orderId} not seen in an OrderPlaced event`);
    return order;
  }
  function update(orderId: bigint, change: Partial<Order>): Order {
    const order = { ...get(orderId), ...change };
    orders.set(orderId, order);
    return order;
  }
  async function blockTime(blockNumber: bigint): Promise<number> {
    let time = blockTimes.get(blockNumber);
    if (time === undefined) {
      time = Number((await chain.client.getBlock({ blockNumber })).timestamp);
      blockTimes.set(blockNumber, time);
    }
    return time;
  }
  async function mine(): Promise<TransactionReceipt[]> {
    const receipts = await chain.mine(chainMartAbi);
    await apply(receipts);
    return receipts;
  }

  await chain.begin();
  try {
    // ------------------------------------------------------------ merchants
    log('seed: merchants');
    const merchantKeys = await Promise.all(
      merchants.map(async (account) =>
        keyPairFromSignature(hexToBytes(await account.signMessage({ message: ENCRYPTION_KEY_MESSAGE }))),
      ),
    );
    for (const [i, seedData] of MERCHANTS.entries()) {
      const logo = await addText(logoSvg({ palette: seedData.palette, zh: seedData.name['zh-CN'] ?? '', category: seedData.category }));
      const profile: MerchantMetadata = {
        schema: 'chainmart.merchant/1',
        name: seedData.name,
        description: seedData.description,
        category: seedData.category,
        logo: ipfsUri(logo),
        location: seedData.location,
        contact: { email: `hello@${seedData.name.en?.toLowerCase().replace(/[^a-z]+/g, '-')}.example` },
      };
      await chain.write(merchants[i], {
        ...m(merchants[i]),
        functionName: 'registerMerchant',
        args: [
          {
            metadataURI: ipfsUri(await addJson(profile)),
            encryptionKey: bytesToHex(merchantKeys[i].publicKey),
            arbiter: arbiter.address,
            rewardBps: seedData.rewardBps,
            autoReleaseWindow: seedData.category === 'crafts' ? DAY : 7 * DAY,
          },
        ],
      }, `registerMerchant ${seedData.name.en}`);
      await chain.write(merchants[i], { ...m(merchants[i]), functionName: 'setCourier', args: [courier.address, true] }, 'setCourier');
    }
    for (const buyer of buyers) {
      await chain.write(buyer, { address: stable, abi: testStablecoinAbi, functionName: 'mint', args: [buyer.address, 20_000n * 10n ** 6n] }, 'mint tUSD');
      await chain.write(buyer, { address: stable, abi: testStablecoinAbi, functionName: 'approve', args: [market, maxUint256] }, 'approve tUSD');
    }
    await mine();

    // ------------------------------------------------------------ listings and provenance
    log('seed: listings');
    const listingKeyByUri = new Map<string, string>();
    const productOf = new Map<string, { merchant: MerchantSeed; index: number; token: 'stable' | 'eth'; price: bigint }>();
    for (const [mi, seedData] of MERCHANTS.entries()) {
      for (const [pi, product] of seedData.products.entries()) {
        const key = `${mi}:${pi}`;
        const token = product.token ?? seedData.token;
        const image = await addText(productSvg({ category: seedData.category, palette: seedData.palette, en: product.en, zh: product.zh, variant: mi * 8 + pi }));
        const metadata: ListingMetadata = {
          schema: 'chainmart.listing/1',
          title: { 'zh-CN': product.zh, en: product.en },
          description: {
            'zh-CN': (seedData.blurb['zh-CN'] ?? '').replace('{zh}', product.zh),
            en: (seedData.blurb.en ?? '').replace('{en}', product.en),
          },
          images: [ipfsUri(image)],
          origin: seedData.location,
          tags: [seedData.category],
        };
        const uri = ipfsUri(await addJson(metadata));
        listingKeyByUri.set(uri, key);
        const price = token === 'eth' ? parseEther(String(product.price)) : BigInt(Math.round(product.price * 10 ** STABLE_DECIMALS));
        productOf.set(key, { merchant: seedData, index: pi, token, price });
        await chain.write(merchants[mi], {
          ...m(merchants[mi]),
          functionName: 'createListing',
          args: [
            {
              token: token === 'eth' ? '0x0000000000000000000000000000000000000000' : stable,
              price,
              stock: product.stock ?? 20 + ((mi * 7 + pi * 13) % 180),
              maxPerOrder: 5,
              shipWithin: SHORT_SHIP.has(key) ? HOUR : 3 * DAY,
              title: `${product.en} · ${product.zh}`,
              category: seedData.category,
              metadataURI: uri,
            },
          ],
        }, `createListing ${product.en}`);
      }
    }
    const listingIds = new Map<string, bigint>();
    for (const event of parseEventLogs({ abi: chainMartAbi, eventName: 'ListingCreated', logs: (await mine()).flatMap((r) => r.logs) })) {
      const key = listingKeyByUri.get(event.args.metadataURI);
      if (key) listingIds.set(key, event.args.listingId);
    }
    if (listingIds.size !== listingKeyByUri.size) throw new Error(`seed: ${listingIds.size} listings created, expected ${listingKeyByUri.size}`);

    log('seed: provenance');
    let stepTime = (await chain.latestTimestamp()) - 120 * DAY;
    for (const [mi, seedData] of MERCHANTS.entries()) {
      for (const [pi, product] of seedData.products.entries()) {
        for (const [si, step] of seedData.provenance.entries()) {
          stepTime += 3 * HOUR;
          const evidence: EvidenceDocument = {
            schema: 'chainmart.evidence/1',
            kind: step.kind,
            title: step.evidence.title,
            issuer: step.evidence.issuer,
            issuedAt: new Date(stepTime * 1000).toISOString(),
            facts: { product: product.en, ...step.evidence.facts, reference: `${seedData.category.toUpperCase()}-${mi}${pi}${si}-${stepTime % 9973}` },
          };
          await chain.write(merchants[mi], {
            ...m(merchants[mi]),
            functionName: 'addProvenance',
            args: [
              listingIds.get(`${mi}:${pi}`)!,
              { kind: step.kind, location: step.location, occurredAt: BigInt(stepTime), actor: step.actor, evidenceCid: await addJson(evidence) },
            ],
          }, `addProvenance ${product.en} ${step.kind}`);
          provenanceSteps++;
        }
      }
    }
    // A restock and a paused listing, so those states exist too.
    await chain.write(merchants[2], { ...m(merchants[2]), functionName: 'restock', args: [listingIds.get('2:1')!, 50] }, 'restock');
    await chain.write(merchants[2], { ...m(merchants[2]), functionName: 'setListingPaused', args: [listingIds.get('2:5')!, true] }, 'pause');
    await mine();
    await chain.increaseTime(2 * HOUR);

    // ------------------------------------------------------------ orders
    log('seed: orders');
    const planned = new Map<string, { fate: Fate; buyer: HDAccount; merchantIndex: number }>();
    async function placeOrder(buyerIndex: number, mi: number, pi: number, quantity: number, points: bigint): Promise<void> {
      const key = `${mi}:${pi}`;
      const product = productOf.get(key)!;
      const buyer = buyers[buyerIndex];
      const total = product.price * BigInt(quantity);
      const address = BUYER_ADDRESSES[buyerIndex];
      const details: ShippingDetails = { schema: 'chainmart.shipping/1', ...address };
      const shippingInfo = bytesToHex(encryptShipping(details, merchantKeys[mi].publicKey));
      await chain.write(buyer, {
        ...m(buyer),
        functionName: 'buy',
        args: [{ listingId: listingIds.get(key)!, quantity, maxTotal: total, points, shippingInfo }],
        value: product.token === 'eth' ? total : 0n,
        gas: 500_000n,
      }, `buy ${product.merchant.products[pi].en} x${quantity}`);
    }
    for (const [, mi, pi, bi, quantity] of ORDER_PLAN) {
      await placeOrder(bi, mi, pi, quantity, 0n);
    }
    const placed = await mine();
    const placedOrders = parseEventLogs({ abi: chainMartAbi, eventName: 'OrderPlaced', logs: placed.flatMap((r) => r.logs) });
    // Purchases from one buyer are mined in nonce order, and the plan is in send order per buyer: match them up.
    const queue = new Map<Address, { fate: Fate; merchantIndex: number }[]>();
    for (const [fate, mi, , bi] of ORDER_PLAN) {
      const list = queue.get(buyers[bi].address) ?? [];
      list.push({ fate, merchantIndex: mi });
      queue.set(buyers[bi].address, list);
    }
    for (const event of placedOrders) {
      const next = queue.get(event.args.buyer)?.shift();
      if (!next) throw new Error(`seed: unexpected order ${event.args.orderId}`);
      planned.set(event.args.orderId.toString(), { ...next, buyer: buyers.find((b) => b.address === event.args.buyer)! });
    }
    const withFate = (...fates: Fate[]) =>
      [...planned.entries()].filter(([, p]) => fates.includes(p.fate)).map(([id, p]) => ({ id: BigInt(id), ...p }));
    const merchantOf = (mi: number) => merchants[mi];
    const carriers = ['SF Express 顺丰', 'China Post EMS', 'DHL Express', 'JD Logistics 京东物流'];
    await chain.increaseTime(2 * HOUR);

    // ------------------------------------------------------------ ship, refund, cancel, early disputes
    log('seed: lifecycle');
    for (const o of withFate('cancelled')) {
      await chain.write(o.buyer, { ...m(o.buyer), functionName: 'cancelUnshipped', args: [o.id, get(o.id)] }, `cancel ${o.id}`);
    }
    let shipIndex = 0;
    for (const o of withFate('completed', 'shipped', 'disputed-shipped', 'resolved-shipped', 'auto-completed')) {
      const carrier = carriers[shipIndex % carriers.length];
      const trackingRef = `${carrier.slice(0, 2).toUpperCase()}${(4_700_000_000 + shipIndex * 7919).toString()}`;
      shipIndex++;
      await chain.write(merchantOf(o.merchantIndex), { ...m(merchantOf(o.merchantIndex)), functionName: 'ship', args: [o.id, get(o.id), carrier, trackingRef] }, `ship ${o.id}`);
    }
    for (const o of withFate('refunded')) {
      await chain.write(merchantOf(o.merchantIndex), { ...m(merchantOf(o.merchantIndex)), functionName: 'refund', args: [o.id, get(o.id), get(o.id).amount] }, `refund ${o.id}`);
    }
    for (const o of withFate('partial')) {
      await chain.write(merchantOf(o.merchantIndex), { ...m(merchantOf(o.merchantIndex)), functionName: 'refund', args: [o.id, get(o.id), get(o.id).amount / 4n] }, `partial refund ${o.id}`);
    }
    let statementIndex = 0;
    const openDispute = async (o: { id: bigint; buyer: HDAccount }) => {
      const statement = DISPUTE_STATEMENTS[statementIndex++ % DISPUTE_STATEMENTS.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', ...statement };
      await chain.write(o.buyer, { ...m(o.buyer), functionName: 'openDispute', args: [o.id, get(o.id), await addJson(doc)] }, `dispute ${o.id}`);
    };
    for (const o of withFate('disputed-paid', 'resolved-paid')) await openDispute(o);
    await mine();
    await chain.increaseTime(DAY + HOUR);

    // ------------------------------------------------------------ checkpoints, receipts, shipped disputes
    const checkpoints = [
      ['杭州转运中心 Hangzhou hub', 'Departed sorting center 已离开分拣中心'],
      ['上海浦东国际机场 Shanghai PVG', 'Export customs cleared 出口清关完成'],
      ['Frankfurt FRA', 'Arrived at destination country 已到达目的国'],
    ];
    let checkpointIndex = 0;
    for (const o of withFate('completed', 'shipped', 'disputed-shipped', 'resolved-shipped')) {
      const stops = 1 + (checkpointIndex % 3);
      for (let s = 0; s < stops; s++) {
        const [location, note] = checkpoints[s];
        const by = s % 2 === 0 ? courier : merchantOf(o.merchantIndex);
        await chain.write(by, { ...m(by), functionName: 'addCheckpoint', args: [o.id, get(o.id), location, note] }, `checkpoint ${o.id}`);
      }
      checkpointIndex++;
    }
    for (const o of withFate('completed')) {
      await chain.write(o.buyer, { ...m(o.buyer), functionName: 'confirmReceipt', args: [o.id, get(o.id)] }, `confirm ${o.id}`);
    }
    for (const o of withFate('auto-completed')) {
      await chain.write(deployer, { ...m(deployer), functionName: 'completeAfterTimeout', args: [o.id, get(o.id)] }, `auto-complete ${o.id}`);
    }
    await mine();
    // Disputes on shipped orders open after the checkpoints (a dispute freezes the parcel's record).
    for (const o of withFate('disputed-shipped', 'resolved-shipped')) await openDispute(o);
    await mine();
    await chain.increaseTime(3 * HOUR);

    // ------------------------------------------------------------ statements, rulings, reviews
    for (const [i, o] of withFate('disputed-shipped', 'resolved-shipped', 'resolved-paid').entries()) {
      if (i % 2 === 1) continue;
      const response = MERCHANT_RESPONSES[i % MERCHANT_RESPONSES.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', ...response };
      const merchant = merchantOf(o.merchantIndex);
      await chain.write(merchant, { ...m(merchant), functionName: 'submitStatement', args: [o.id, get(o.id), await addJson(doc)] }, `statement ${o.id}`);
    }
    const rulings = [2n, 1n, 0n]; // buyer gets amount / divisor: half, all, nothing
    for (const [i, o] of withFate('resolved-shipped', 'resolved-paid').entries()) {
      const amount = get(o.id).amount;
      const buyerAmount = rulings[i % rulings.length] === 0n ? 0n : amount / rulings[i % rulings.length];
      await chain.write(arbiter, { ...m(arbiter), functionName: 'rule', args: [o.id, get(o.id), buyerAmount] }, `rule ${o.id}`);
    }
    const reviewed: bigint[] = [];
    for (const [i, o] of withFate('completed', 'auto-completed').entries()) {
      if (i % 4 === 3) continue;
      const review = REVIEWS[i % REVIEWS.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', lang: review.lang, text: review.text };
      await chain.write(o.buyer, { ...m(o.buyer), functionName: 'review', args: [o.id, get(o.id), review.rating, await addJson(doc)] }, `review ${o.id}`);
      reviewed.push(o.id);
      reviewCount++;
    }
    await mine();

    for (const [i, o] of withFate('resolved-shipped', 'resolved-paid').entries()) {
      if (i === 2) continue;
      const doc: CommentDocument = { schema: 'chainmart.comment/1', lang: 'zh-CN', text: i === 0 ? '仲裁公正，卖家处理及时。' : '退款很快到账，谢谢仲裁。' };
      await chain.write(o.buyer, { ...m(o.buyer), functionName: 'review', args: [o.id, get(o.id), i === 0 ? 3 : 4, await addJson(doc)] }, `review resolved ${o.id}`);
      reviewCount++;
    }
    for (const [i, id] of reviewed.entries()) {
      if (i % 2 === 1) continue;
      const reply = REPLIES[i % REPLIES.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', ...reply };
      const merchant = merchants.find((a) => a.address === get(id).merchant)!;
      await chain.write(merchant, { ...m(merchant), functionName: 'replyToReview', args: [id, get(id), await addJson(doc)] }, `reply ${id}`);
    }
    // Two merchants cash out what completed orders credited them.
    await chain.write(merchants[0], { ...m(merchants[0]), functionName: 'withdraw', args: [stable, merchants[0].address] }, 'withdraw tUSD');
    await chain.write(merchants[2], { ...m(merchants[2]), functionName: 'withdraw', args: ['0x0000000000000000000000000000000000000000', merchants[2].address] }, 'withdraw ETH');
    await mine();
    await chain.increaseTime(2 * HOUR);

    // ------------------------------------------------------------ points earned at one brand, spent at another
    log('seed: points');
    const pointsOrders: { fate: 'completed' | 'paid' | 'refunded'; merchantIndex: number; buyer: HDAccount }[] = [];
    for (const [bi, mi, pi, fate] of POINTS_PLAN) {
      const earned = pointsEarned.get(buyers[bi].address) ?? 0n;
      const total = productOf.get(`${mi}:${pi}`)!.price;
      const points = earned / 2n < total ? earned / 2n : total;
      if (points === 0n) throw new Error(`seed: buyer ${bi} earned no points to spend`);
      pointsEarned.set(buyers[bi].address, earned - points);
      await placeOrder(bi, mi, pi, 1, points);
      pointsOrders.push({ fate, merchantIndex: mi, buyer: buyers[bi] });
    }
    const pointsPlaced = parseEventLogs({ abi: chainMartAbi, eventName: 'OrderPlaced', logs: (await mine()).flatMap((r) => r.logs) });
    for (const event of pointsPlaced) {
      // Each points order has its own buyer: match by buyer, not by position in the block.
      const plan = pointsOrders.find((p) => p.buyer.address === event.args.buyer);
      if (!plan) throw new Error(`seed: unexpected points order ${event.args.orderId}`);
      const o = { id: event.args.orderId, ...plan };
      planned.set(o.id.toString(), { fate: o.fate, merchantIndex: o.merchantIndex, buyer: o.buyer });
      const merchant = merchantOf(o.merchantIndex);
      if (o.fate === 'completed') {
        await chain.write(merchant, { ...m(merchant), functionName: 'ship', args: [o.id, get(o.id), 'SF Express 顺丰', `SF${o.id}0042`] }, `ship ${o.id}`);
      } else if (o.fate === 'refunded') {
        await chain.write(merchant, { ...m(merchant), functionName: 'refund', args: [o.id, get(o.id), get(o.id).amount] }, `refund ${o.id}`);
      }
    }
    await mine();
    for (const o of withFate('completed').filter(({ id }) => get(id).status === Status.Shipped)) {
      await chain.write(o.buyer, { ...m(o.buyer), functionName: 'confirmReceipt', args: [o.id, get(o.id)] }, `confirm ${o.id}`);
    }
    await mine();

    // ------------------------------------------------------------ end at the wall clock
    const behind = Math.floor(Date.now() / 1000) - (await chain.latestTimestamp());
    if (behind > 0) await chain.increaseTime(behind);
    await chain.rpc('evm_mine');
    chain.blocksMined++;
  } finally {
    await chain.end();
  }

  for (const order of orders.values()) {
    const name = Status[order.status];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  const lastBlock = Number(await chain.client.getBlockNumber());
  return {
    merchants: MERCHANTS.length,
    listings: MERCHANTS.reduce((n, s) => n + s.products.length, 0),
    provenanceSteps,
    orders: counts,
    reviews: reviewCount,
    transactions: chain.transactions,
    blocks: chain.blocksMined,
    lastBlock,
    seconds: (performance.now() - started) / 1000,
  };
}

function hexToBytes(hex: Hex): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'));
}
