// Demo data for a fresh local chain: 8 bilingual merchants, 64 listings with SVG pictures and provenance,
// attestations (verified merchants, KYC'd and adult buyers) and listings gated on them through the EasGate,
// orders in every state (paid, shipped with checkpoints, completed, refunded, partially refunded, cancelled,
// disputed, resolved, auto-completed), bought through `checkout` in one-line and multi-line carts paid with ETH,
// a prior approval, an EIP-2612 permit, an ERC-3009 authorization or points alone; shipments in one `shipBatch`,
// auto-releases in one `completeBatch`, reviews and replies, points earned at one brand and spent at another,
// encrypted shipping details, withdrawals of several tokens at once. Chain time moves forward between steps
// (evm_increaseTime) so dates look real and deadlines can pass; the seed ends at the wall clock.
//
// Accounts (anvil's default mnemonic; public keys, local only): 0 deployer (also the demo's attester),
// 1-8 merchants, 9 arbiter, 10 courier, 11-15 buyers.
import {
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
  bytesToHex,
  encodeAbiParameters,
  encodePacked,
  keccak256,
  maxUint256,
  parseEther,
  parseEventLogs,
  zeroAddress,
  zeroHash,
} from 'viem';
import type { HDAccount } from 'viem/accounts';
import {
  chainMartCatalogAbi,
  chainMartEscrowAbi,
  easAbi,
  easGateAbi,
  erc3009CollectorAbi,
  permitCollectorAbi,
  testUsdcAbi,
} from '../../web/lib/contracts/generated/abi.ts';
import type { Deployment, SchemaName } from '../deploy.ts';
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
  type CartLine,
  NO_COLLECTOR,
  type Payment,
  type PaymentMethod,
  TRUE_DATA_HASH,
  approvalPayment,
  attestationProof,
  boolAttestationData,
  cashDue,
  erc3009Payment,
  permitPayment,
  readTokenDomain,
} from './payments.ts';
import {
  type CommentDocument,
  type EvidenceDocument,
  type ListingMetadata,
  type MerchantMetadata,
  type ShippingDetails,
  ipfsUri,
} from '../../web/lib/protocol/metadata.ts';
import type { OrderTerms } from '../../web/lib/chain/order.ts';
import { ENCRYPTION_KEY_MESSAGE, encryptShipping, keyPairFromSignature } from '../../web/lib/protocol/shipping-crypto.ts';

/** Where the seed stores documents and pictures; returns the CID (v1) of the bytes. */
export interface ContentStore {
  add(bytes: Uint8Array): Promise<string>;
}

export const ACCOUNT_ROLES = { deployer: 0, attester: 0, merchants: [1, 8], arbiter: 9, courier: 10, buyers: [11, 15] } as const;
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

/** An order as the seed follows it: its terms (passed back with every call) and what changed since. */
interface TrackedOrder {
  terms: OrderTerms;
  remaining: bigint;
  status: Status;
  flags: number;
}

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

/** Where each fate leaves its order; checked at the end, so a step that silently did nothing fails the seed. */
const FINAL_STATUS: Record<Fate, Status> = {
  paid: Status.Paid,
  shipped: Status.Shipped,
  completed: Status.Completed,
  refunded: Status.Refunded,
  partial: Status.Paid,
  cancelled: Status.Cancelled,
  'disputed-paid': Status.Disputed,
  'disputed-shipped': Status.Disputed,
  'resolved-paid': Status.Resolved,
  'resolved-shipped': Status.Resolved,
  'auto-completed': Status.Completed,
};

/** [fate, merchant, product, buyer, quantity]: one-line carts on every lifecycle path, on real-looking goods. */
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

interface LinePlan {
  merchant: number;
  product: number;
  quantity: number;
  fate: Fate;
  /** Points spent on the line (settlement-token listings only). */
  points?: bigint;
}

interface CartPlan {
  buyer: number;
  lines: LinePlan[];
  /** For a settlement-token cart with cash due; ETH carts pay ETH, carts paid fully in points need nothing. */
  payment?: Exclude<PaymentMethod, 'eth'>;
}

const line = (merchant: number, product: number, quantity: number, fate: Fate): LinePlan => ({ merchant, product, quantity, fate });

/** Carts of several lines: one payment, one order per line, each with its own merchant, arbiter and windows. */
const CART_PLAN: CartPlan[] = [
  // Three merchants in one checkout, paid by one ERC-3009 authorization.
  { buyer: 3, payment: 'erc3009', lines: [line(0, 5, 2, 'completed'), line(4, 4, 1, 'shipped'), line(6, 0, 1, 'auto-completed')] },
  // Two lines of one merchant, in ETH.
  { buyer: 4, lines: [line(2, 0, 1, 'completed'), line(2, 6, 2, 'shipped')] },
  // Two lines of the crafts shop (one-day auto-release), with a permit: both released by one completeBatch.
  { buyer: 2, payment: 'permit', lines: [line(6, 2, 3, 'auto-completed'), line(6, 5, 1, 'auto-completed')] },
  // The electronics shop's one tUSD listing beside a ceramics line, after a prior approval.
  { buyer: 1, payment: 'approval', lines: [line(2, 7, 1, 'completed'), line(1, 6, 2, 'paid')] },
  { buyer: 0, payment: 'permit', lines: [line(7, 1, 2, 'completed'), line(3, 5, 1, 'partial')] },
];

/** Listings with a one-hour shipping window, so an unshipped order can be cancelled during the seed. */
const SHORT_SHIP = new Set(['0:6', '3:7']);

/** [buyer, merchant, product, fate, share]: points earned elsewhere spent here (half of them, or the whole price). */
const POINTS_PLAN: [number, number, number, 'completed' | 'paid' | 'refunded', 'half' | 'all'][] = [
  [0, 7, 6, 'completed', 'half'],
  [3, 7, 7, 'completed', 'all'],
  [3, 1, 6, 'paid', 'half'],
  [1, 3, 5, 'refunded', 'half'],
  [2, 4, 1, 'paid', 'half'],
];

/** Attestations the attester (#0) issues. Buyers are indexes into the buyers, merchants into the merchants. */
const KYC_BUYERS = [0, 1, 2];
const ADULT_BUYERS: [number, boolean][] = [[0, true], [2, true], [4, false]];
const VERIFIED_MERCHANTS = [0, 1, 3, 6];
/** Listings only buyers with a "kycPassed = true" attestation from the attester may buy. */
const KYC_GATED = ['2:4', '1:2'];

export interface SeedSummary {
  merchants: number;
  listings: number;
  provenanceSteps: number;
  attestations: number;
  gatedListings: number;
  orders: Record<string, number>;
  checkouts: number;
  /** Checkouts by how their cash came in ("points": paid fully in points). */
  payments: Record<PaymentMethod | 'points', number>;
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
  const contracts = opts.deployment.contracts;
  const escrow = contracts.ChainMartEscrow.address;
  const catalog = contracts.ChainMartCatalog.address;
  const stable = contracts.SettlementToken.address;
  const accounts = devAccounts(DEV_ACCOUNT_COUNT);
  const merchants = accounts.slice(ACCOUNT_ROLES.merchants[0], ACCOUNT_ROLES.merchants[1] + 1);
  const arbiter = accounts[ACCOUNT_ROLES.arbiter];
  const courier = accounts[ACCOUNT_ROLES.courier];
  const buyers = accounts.slice(ACCOUNT_ROLES.buyers[0], ACCOUNT_ROLES.buyers[1] + 1);
  const deployer = accounts[ACCOUNT_ROLES.deployer];
  const attester = accounts[ACCOUNT_ROLES.attester];
  const content = opts.content;
  const addJson = (value: unknown) => content.add(new TextEncoder().encode(JSON.stringify(value)));
  const addText = (text: string) => content.add(new TextEncoder().encode(text));
  const esc = { address: escrow, abi: chainMartEscrowAbi } as const;
  const cat = { address: catalog, abi: chainMartCatalogAbi } as const;
  // Reverts inside checkout come from the catalog, the gate, the collectors or the token: decode them all.
  const errorsAbi = [
    ...chainMartEscrowAbi,
    ...chainMartCatalogAbi,
    ...easGateAbi,
    ...erc3009CollectorAbi,
    ...permitCollectorAbi,
    ...testUsdcAbi,
  ] as Abi;

  const orders = new Map<bigint, TrackedOrder>();
  const pointsBalance = new Map<Address, bigint>();
  const counts: Record<string, number> = {};
  const payments: SeedSummary['payments'] = { approval: 0, permit: 0, erc3009: 0, eth: 0, points: 0 };
  let checkouts = 0;
  let reviewCount = 0;
  let provenanceSteps = 0;
  let attestationCount = 0;

  const addPoints = (account: Address, amount: bigint) => pointsBalance.set(account, (pointsBalance.get(account) ?? 0n) + amount);

  function apply(receipts: TransactionReceipt[]): void {
    const events = parseEventLogs({ abi: chainMartEscrowAbi, logs: receipts.flatMap((r) => r.logs) });
    for (const event of events) {
      if (event.address.toLowerCase() !== escrow.toLowerCase()) continue;
      switch (event.eventName) {
        case 'OrderPlaced': {
          const terms = event.args.terms as OrderTerms;
          orders.set(event.args.orderId, { terms, remaining: terms.total, status: Status.Paid, flags: 0 });
          break;
        }
        case 'OrderShipped':
          update(event.args.orderId, { status: Status.Shipped });
          break;
        case 'OrderCompleted':
          update(event.args.orderId, { status: Status.Completed, remaining: 0n });
          addPoints(get(event.args.orderId).terms.buyer, event.args.pointsMinted);
          break;
        case 'OrderRefunded':
          update(event.args.orderId, {
            remaining: event.args.remaining,
            ...(event.args.remaining === 0n ? { status: Status.Refunded } : {}),
          });
          addPoints(get(event.args.orderId).terms.buyer, event.args.points);
          break;
        case 'OrderCancelled':
          update(event.args.orderId, { status: Status.Cancelled, remaining: 0n });
          addPoints(get(event.args.orderId).terms.buyer, event.args.points);
          break;
        case 'DisputeOpened':
          update(event.args.orderId, { status: Status.Disputed });
          break;
        case 'DisputeResolved':
          update(event.args.orderId, { status: Status.Resolved, remaining: 0n });
          addPoints(get(event.args.orderId).terms.buyer, event.args.buyerPoints);
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
  function get(orderId: bigint): TrackedOrder {
    const order = orders.get(orderId);
    if (!order) throw new Error(`seed: order ${orderId} not seen in an OrderPlaced event`);
    return order;
  }
  function update(orderId: bigint, change: Partial<TrackedOrder>): void {
    orders.set(orderId, { ...get(orderId), ...change });
  }
  const terms = (orderId: bigint) => get(orderId).terms;
  async function mine(): Promise<TransactionReceipt[]> {
    const receipts = await chain.mine(errorsAbi);
    apply(receipts);
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
    const autoReleaseOf = (seedData: MerchantSeed) => (seedData.category === 'crafts' ? DAY : 7 * DAY);
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
        ...cat,
        functionName: 'registerMerchant',
        args: [
          {
            metadataURI: ipfsUri(await addJson(profile)),
            encryptionKey: bytesToHex(merchantKeys[i].publicKey),
            arbiter: arbiter.address,
            rewardBps: seedData.rewardBps,
            autoReleaseWindow: autoReleaseOf(seedData),
          },
        ],
      }, `registerMerchant ${seedData.name.en}`);
      await chain.write(merchants[i], { ...cat, functionName: 'setCourier', args: [courier.address, true] }, 'setCourier');
    }
    // Every buyer holds tUSD and has approved the ApprovalCollector once; permit and ERC-3009 carts need no approval.
    for (const buyer of buyers) {
      await chain.write(buyer, { address: stable, abi: testUsdcAbi, functionName: 'mint', args: [buyer.address, 20_000n * 10n ** 6n] }, 'mint tUSD');
      await chain.write(buyer, { address: stable, abi: testUsdcAbi, functionName: 'approve', args: [contracts.ApprovalCollector.address, maxUint256] }, 'approve tUSD');
    }
    await mine();

    // ------------------------------------------------------------ listings and provenance
    log('seed: listings');
    const listingKeyByUri = new Map<string, string>();
    const productOf = new Map<string, { merchant: MerchantSeed; index: number; token: 'stable' | 'eth'; price: bigint; shipWithin: number }>();
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
        const shipWithin = SHORT_SHIP.has(key) ? HOUR : 3 * DAY;
        productOf.set(key, { merchant: seedData, index: pi, token, price, shipWithin });
        await chain.write(merchants[mi], {
          ...cat,
          functionName: 'createListing',
          args: [
            {
              token: token === 'eth' ? zeroAddress : stable,
              price,
              stock: product.stock ?? 20 + ((mi * 7 + pi * 13) % 180),
              maxPerOrder: 5,
              shipWithin,
              title: `${product.en} · ${product.zh}`,
              category: seedData.category,
              metadataURI: uri,
            },
          ],
        }, `createListing ${product.en}`);
      }
    }
    const listingIds = new Map<string, bigint>();
    for (const event of parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: (await mine()).flatMap((r) => r.logs) })) {
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
            ...cat,
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
    await chain.write(merchants[2], { ...cat, functionName: 'restock', args: [listingIds.get('2:1')!, 50] }, 'restock');
    await chain.write(merchants[2], { ...cat, functionName: 'setListingPaused', args: [listingIds.get('2:5')!, true] }, 'pause');

    // ------------------------------------------------------------ attestations and gated listings
    log('seed: attestations');
    const attest = async (recipient: Address, schema: SchemaName, data: Hex, label: string) => {
      await chain.write(attester, {
        address: contracts.EAS.address,
        abi: easAbi,
        functionName: 'attest',
        args: [
          {
            schema: opts.deployment.schemas[schema],
            data: { recipient, expirationTime: 0n, revocable: true, refUID: zeroHash, data, value: 0n },
          },
        ],
      }, label);
      attestationCount++;
    };
    for (const mi of VERIFIED_MERCHANTS) {
      const data = encodeAbiParameters([{ type: 'string' }, { type: 'string' }], [MERCHANTS[mi].name.en ?? '', 'CN']);
      await attest(merchants[mi].address, 'verifiedMerchant', data, `attest verified merchant ${mi}`);
    }
    for (const bi of KYC_BUYERS) await attest(buyers[bi].address, 'verifiedBuyer', boolAttestationData(true), `attest KYC buyer ${bi}`);
    for (const [bi, adult] of ADULT_BUYERS) await attest(buyers[bi].address, 'adult', boolAttestationData(adult), `attest adult=${adult} buyer ${bi}`);
    const gateSchema = new Map<string, SchemaName>();
    for (const key of KYC_GATED) {
      const merchant = merchants[Number(key.split(':')[0])];
      const listingId = listingIds.get(key)!;
      await chain.write(merchant, {
        address: contracts.EasGate.address,
        abi: easGateAbi,
        functionName: 'setRequirement',
        args: [listingId, opts.deployment.schemas.verifiedBuyer, TRUE_DATA_HASH, [attester.address]],
      }, `gate requirement ${key}`);
      await chain.write(merchant, { ...cat, functionName: 'setListingGate', args: [listingId, contracts.EasGate.address] }, `gate ${key}`);
      gateSchema.set(key, 'verifiedBuyer');
    }
    const attestationUid = new Map<string, Hex>();
    for (const event of parseEventLogs({ abi: easAbi, eventName: 'Attested', logs: (await mine()).flatMap((r) => r.logs) })) {
      const schema = (Object.keys(opts.deployment.schemas) as SchemaName[]).find((name) => opts.deployment.schemas[name] === event.args.schemaUID);
      attestationUid.set(`${schema}:${event.args.recipient}`, event.args.uid);
    }
    if (attestationUid.size !== attestationCount) throw new Error(`seed: ${attestationUid.size} attestations made, expected ${attestationCount}`);
    await chain.increaseTime(2 * HOUR);

    // ------------------------------------------------------------ checkout
    log('seed: orders');
    const planned = new Map<bigint, { fate: Fate; buyer: HDAccount; merchantIndex: number }>();
    const tokenDomain = await readTokenDomain(chain.client, stable);
    const permitNonces = new Map<Address, bigint>();
    let authorizations = 0;
    let rotation = 0;
    const sentCarts = new Map<Hex, CartPlan>();

    /** The cart's lines with the listing's and the merchant's terms as the catalog has them. */
    function cartLines(plan: CartPlan): CartLine[] {
      const buyerIndex = plan.buyer;
      return plan.lines.map((l) => {
        const key = `${l.merchant}:${l.product}`;
        const product = productOf.get(key)!;
        const details: ShippingDetails = { schema: 'chainmart.shipping/1', ...BUYER_ADDRESSES[buyerIndex] };
        const schema = gateSchema.get(key);
        let proof: Hex = '0x';
        if (schema) {
          const uid = attestationUid.get(`${schema}:${buyers[buyerIndex].address}`);
          if (!uid) throw new Error(`seed: buyer ${buyerIndex} has no ${schema} attestation for gated listing ${key}`);
          proof = attestationProof(uid);
        }
        return {
          listingId: listingIds.get(key)!,
          quantity: l.quantity,
          unitPrice: product.price,
          shipWithin: product.shipWithin,
          arbiter: arbiter.address,
          rewardBps: product.merchant.rewardBps,
          autoReleaseWindow: autoReleaseOf(product.merchant),
          points: l.points ?? 0n,
          shippingInfo: bytesToHex(encryptShipping(details, merchantKeys[l.merchant].publicKey)),
          proof,
        };
      });
    }

    async function checkout(plan: CartPlan, now: number): Promise<void> {
      const buyer = buyers[plan.buyer];
      const lines = cartLines(plan);
      const tokens = new Set(plan.lines.map((l) => productOf.get(`${l.merchant}:${l.product}`)!.token));
      if (tokens.size !== 1) throw new Error(`seed: a cart of buyer ${plan.buyer} mixes tokens`);
      const inEth = tokens.has('eth');
      const cash = cashDue(lines);
      let payment: Payment = NO_COLLECTOR;
      let method: PaymentMethod | 'points';
      if (inEth) {
        method = 'eth';
      } else if (cash === 0n) {
        method = 'points';
      } else {
        method = plan.payment ?? (['approval', 'permit', 'erc3009'] as const)[rotation++ % 3];
        if (method === 'approval') {
          payment = approvalPayment(contracts.ApprovalCollector.address);
        } else if (method === 'permit') {
          let nonce = permitNonces.get(buyer.address);
          nonce ??= await chain.client.readContract({ address: stable, abi: testUsdcAbi, functionName: 'nonces', args: [buyer.address] });
          permitNonces.set(buyer.address, nonce + 1n);
          payment = await permitPayment({ account: buyer, domain: tokenDomain, permitCollector: contracts.PermitCollector.address, value: cash, nonce, deadline: BigInt(now + DAY) });
        } else {
          payment = await erc3009Payment({
            account: buyer,
            domain: tokenDomain,
            erc3009Collector: contracts.Erc3009Collector.address,
            value: cash,
            validAfter: 0n,
            validBefore: BigInt(now + DAY),
            nonce: keccak256(encodePacked(['string', 'address', 'uint256'], ['chainmart seed', buyer.address, BigInt(authorizations++)])),
          });
        }
      }
      const hash = await chain.write(buyer, {
        ...esc,
        functionName: 'checkout',
        args: [{ token: inEth ? zeroAddress : stable, lines }, payment],
        value: inEth ? cash : 0n,
        gas: 400_000n + 300_000n * BigInt(lines.length),
      }, `checkout by buyer ${plan.buyer} (${lines.length} line${lines.length > 1 ? 's' : ''}, ${method})`);
      sentCarts.set(hash, plan);
      payments[method]++;
      checkouts++;
    }
    /** Matches each mined checkout's orders (one OrderPlaced per line, in line order) to the planned lines. */
    function recordCheckouts(receipts: TransactionReceipt[]): Set<bigint> {
      const placedIds = new Set<bigint>();
      let found = 0;
      for (const receipt of receipts) {
        const plan = sentCarts.get(receipt.transactionHash);
        if (!plan) continue;
        found++;
        const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: receipt.logs });
        if (placed.length !== plan.lines.length) throw new Error(`seed: checkout ${receipt.transactionHash} placed ${placed.length} orders, expected ${plan.lines.length}`);
        for (const [i, event] of placed.entries()) {
          planned.set(event.args.orderId, { fate: plan.lines[i].fate, buyer: buyers[plan.buyer], merchantIndex: plan.lines[i].merchant });
          placedIds.add(event.args.orderId);
        }
      }
      if (found !== sentCarts.size) throw new Error(`seed: ${found} of ${sentCarts.size} checkouts were mined`);
      sentCarts.clear();
      return placedIds;
    }

    let now = await chain.latestTimestamp();
    for (const [fate, mi, pi, bi, quantity] of ORDER_PLAN) {
      await checkout({ buyer: bi, lines: [{ merchant: mi, product: pi, quantity, fate }] }, now);
    }
    for (const plan of CART_PLAN) await checkout(plan, now);
    recordCheckouts(await mine());
    const withFate = (...fates: Fate[]) =>
      [...planned.entries()].filter(([, p]) => fates.includes(p.fate)).map(([id, p]) => ({ id, ...p }));
    const merchantOf = (mi: number) => merchants[mi];
    const carriers = ['SF Express 顺丰', 'China Post EMS', 'DHL Express', 'JD Logistics 京东物流'];
    await chain.increaseTime(2 * HOUR);

    // ------------------------------------------------------------ ship, refund, cancel, early disputes
    log('seed: lifecycle');
    for (const o of withFate('cancelled')) {
      await chain.write(o.buyer, { ...esc, functionName: 'cancelUnshipped', args: [o.id, terms(o.id)] }, `cancel ${o.id}`);
    }
    // A merchant with several parcels ships them in one shipBatch; one with a single parcel calls ship.
    const parcels = new Map<number, { orderId: bigint; terms: OrderTerms; carrier: string; trackingRef: string }[]>();
    let shipIndex = 0;
    for (const o of withFate('completed', 'shipped', 'disputed-shipped', 'resolved-shipped', 'auto-completed')) {
      const carrier = carriers[shipIndex % carriers.length];
      const trackingRef = `${carrier.slice(0, 2).toUpperCase()}${(4_700_000_000 + shipIndex * 7919).toString()}`;
      shipIndex++;
      const list = parcels.get(o.merchantIndex) ?? [];
      list.push({ orderId: o.id, terms: terms(o.id), carrier, trackingRef });
      parcels.set(o.merchantIndex, list);
    }
    for (const [mi, shipments] of parcels) {
      if (shipments.length === 1) {
        const [{ orderId, carrier, trackingRef }] = shipments;
        await chain.write(merchantOf(mi), { ...esc, functionName: 'ship', args: [orderId, terms(orderId), carrier, trackingRef] }, `ship ${orderId}`);
      } else {
        await chain.write(merchantOf(mi), {
          ...esc,
          functionName: 'shipBatch',
          args: [shipments],
          gas: 100_000n + 60_000n * BigInt(shipments.length),
        }, `shipBatch of merchant ${mi} (${shipments.length} orders)`);
      }
    }
    for (const o of withFate('refunded')) {
      await chain.write(merchantOf(o.merchantIndex), { ...esc, functionName: 'refund', args: [o.id, terms(o.id), get(o.id).remaining] }, `refund ${o.id}`);
    }
    for (const o of withFate('partial')) {
      await chain.write(merchantOf(o.merchantIndex), { ...esc, functionName: 'refund', args: [o.id, terms(o.id), get(o.id).remaining / 4n] }, `partial refund ${o.id}`);
    }
    let statementIndex = 0;
    const openDispute = async (o: { id: bigint; buyer: HDAccount }) => {
      const statement = DISPUTE_STATEMENTS[statementIndex++ % DISPUTE_STATEMENTS.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', ...statement };
      await chain.write(o.buyer, { ...esc, functionName: 'openDispute', args: [o.id, terms(o.id), await addJson(doc)] }, `dispute ${o.id}`);
    };
    for (const o of withFate('disputed-paid', 'resolved-paid')) await openDispute(o);
    await mine();
    await chain.increaseTime(DAY + HOUR);

    // ------------------------------------------------------------ checkpoints, receipts, auto-release, shipped disputes
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
        await chain.write(by, { ...esc, functionName: 'addCheckpoint', args: [o.id, terms(o.id), location, note] }, `checkpoint ${o.id}`);
      }
      checkpointIndex++;
    }
    for (const o of withFate('completed')) {
      await chain.write(o.buyer, { ...esc, functionName: 'confirmReceipt', args: [o.id, terms(o.id)] }, `confirm ${o.id}`);
    }
    // The crafts shop's one-day auto-release has passed: a keeper completes all of them at once.
    const released = withFate('auto-completed').map((o) => ({ orderId: o.id, terms: terms(o.id) }));
    await chain.write(deployer, {
      ...esc,
      functionName: 'completeBatch',
      args: [released],
      gas: 100_000n + 150_000n * BigInt(released.length),
    }, `completeBatch (${released.length} orders)`);
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
      await chain.write(merchant, { ...esc, functionName: 'submitStatement', args: [o.id, terms(o.id), await addJson(doc)] }, `statement ${o.id}`);
    }
    const rulings = [2n, 1n, 0n]; // buyer gets what remains / divisor: half, all, nothing
    for (const [i, o] of withFate('resolved-shipped', 'resolved-paid').entries()) {
      const held = get(o.id).remaining;
      const divisor = rulings[i % rulings.length];
      await chain.write(arbiter, { ...esc, functionName: 'rule', args: [o.id, terms(o.id), divisor === 0n ? 0n : held / divisor] }, `rule ${o.id}`);
    }
    const reviewed: bigint[] = [];
    for (const [i, o] of withFate('completed', 'auto-completed').entries()) {
      if (i % 4 === 3) continue;
      const review = REVIEWS[i % REVIEWS.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', lang: review.lang, text: review.text };
      await chain.write(o.buyer, { ...esc, functionName: 'review', args: [o.id, terms(o.id), review.rating, await addJson(doc)] }, `review ${o.id}`);
      reviewed.push(o.id);
      reviewCount++;
    }
    await mine();

    for (const [i, o] of withFate('resolved-shipped', 'resolved-paid').entries()) {
      if (i === 2) continue;
      const doc: CommentDocument = { schema: 'chainmart.comment/1', lang: 'zh-CN', text: i === 0 ? '仲裁公正，卖家处理及时。' : '退款很快到账，谢谢仲裁。' };
      await chain.write(o.buyer, { ...esc, functionName: 'review', args: [o.id, terms(o.id), i === 0 ? 3 : 4, await addJson(doc)] }, `review resolved ${o.id}`);
      reviewCount++;
    }
    for (const [i, id] of reviewed.entries()) {
      if (i % 2 === 1) continue;
      const reply = REPLIES[i % REPLIES.length];
      const doc: CommentDocument = { schema: 'chainmart.comment/1', ...reply };
      const merchant = merchants.find((a) => a.address === terms(id).merchant)!;
      await chain.write(merchant, { ...esc, functionName: 'replyToReview', args: [id, terms(id), await addJson(doc)] }, `reply ${id}`);
    }
    // Two merchants cash out what completed orders credited them; the electronics shop both its ETH and its tUSD.
    await chain.write(merchants[0], { ...esc, functionName: 'withdraw', args: [[stable], merchants[0].address] }, 'withdraw tUSD');
    await chain.write(merchants[2], { ...esc, functionName: 'withdraw', args: [[zeroAddress, stable], merchants[2].address] }, 'withdraw ETH and tUSD');
    const withdrawn = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'Withdrawn', logs: (await mine()).flatMap((r) => r.logs) });
    if (withdrawn.filter((e) => e.args.account === merchants[2].address).length !== 2) {
      throw new Error('seed: the electronics shop should have withdrawn two tokens');
    }
    await chain.increaseTime(2 * HOUR);

    // ------------------------------------------------------------ points earned at one brand, spent at another
    log('seed: points');
    now = await chain.latestTimestamp();
    for (const [bi, mi, pi, fate, share] of POINTS_PLAN) {
      const earned = pointsBalance.get(buyers[bi].address) ?? 0n;
      const price = productOf.get(`${mi}:${pi}`)!.price;
      const points = share === 'all' ? price : earned / 2n < price ? earned / 2n : price;
      if (points === 0n || points > earned) throw new Error(`seed: buyer ${bi} has ${earned} points, not enough for ${share} of listing ${mi}:${pi}`);
      pointsBalance.set(buyers[bi].address, earned - points);
      await checkout({ buyer: bi, lines: [{ merchant: mi, product: pi, quantity: 1, fate, points }] }, now);
    }
    const pointsPlaced = recordCheckouts(await mine());
    for (const o of withFate('completed', 'refunded').filter(({ id }) => pointsPlaced.has(id))) {
      const merchant = merchantOf(o.merchantIndex);
      if (o.fate === 'completed') {
        await chain.write(merchant, { ...esc, functionName: 'ship', args: [o.id, terms(o.id), 'SF Express 顺丰', `SF${o.id}0042`] }, `ship ${o.id}`);
      } else {
        await chain.write(merchant, { ...esc, functionName: 'refund', args: [o.id, terms(o.id), get(o.id).remaining] }, `refund ${o.id}`);
      }
    }
    await mine();
    for (const o of withFate('completed').filter(({ id }) => get(id).status === Status.Shipped)) {
      await chain.write(o.buyer, { ...esc, functionName: 'confirmReceipt', args: [o.id, terms(o.id)] }, `confirm ${o.id}`);
    }
    await mine();

    for (const [id, { fate }] of planned) {
      const status = get(id).status;
      if (status !== FINAL_STATUS[fate]) throw new Error(`seed: order ${id} (${fate}) ended ${Status[status]}, expected ${Status[FINAL_STATUS[fate]]}`);
    }

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
    attestations: attestationCount,
    gatedListings: KYC_GATED.length,
    orders: counts,
    checkouts,
    payments,
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
