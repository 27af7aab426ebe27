// Test data made from Node, as merchants and buyers would: documents added to the local IPFS node, merchants
// registered and listings created in the catalog, carts checked out at the escrow (paid with ETH, a prior
// approval, an EIP-2612 permit or an ERC-3009 authorization), all with anvil's development keys through viem.
import { randomBytes } from 'node:crypto';
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type TransactionReceipt,
  bytesToHex,
  parseEventLogs,
  zeroAddress,
} from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import type { OrderTerms } from '../../web/lib/chain/order.ts';
import {
  type CartLine,
  NO_COLLECTOR,
  type Payment,
  type PaymentMethod,
  approvalPayment,
  cashDue,
  erc3009Payment,
  permitPayment,
  readTokenDomain,
} from '../../scripts/seed/payments.ts';
import { KEYS, type Platform, clients, platform } from './platform.ts';

export type { CartLine, PaymentMethod };

/** The escrow's address and ABI, to spread into `send`: `send(p, key, { ...escrow(p), functionName: 'ship', args })`. */
export const escrow = (p: Platform = platform()) => ({ address: p.deployment.contracts.ChainMartEscrow.address, abi: chainMartEscrowAbi }) as const;
/** The catalog's address and ABI (merchants, listings, gates, provenance). */
export const catalog = (p: Platform = platform()) => ({ address: p.deployment.contracts.ChainMartCatalog.address, abi: chainMartCatalogAbi }) as const;
/** The settlement token (TestUsdc, 6 decimals, open mint). */
export const usdc = (p: Platform = platform()) => ({ address: p.deployment.contracts.SettlementToken.address, abi: testUsdcAbi }) as const;

export async function ipfsAdd(content: string | Uint8Array, p: Platform = platform()): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content)]), 'file');
  const response = await fetch(`${p.ipfs}/api/v0/add?cid-version=1`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`IPFS add failed: ${response.status} ${await response.text()}`);
  return (JSON.parse((await response.text()).trim().split('\n').at(-1)!) as { Hash: string }).Hash;
}

/** One contract write from `key`, waited for; throws (naming the function) unless it succeeded. */
export async function send<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  p: Platform,
  key: Hex,
  request: { address: Address; abi: abi; functionName: functionName; args: args; value?: bigint },
): Promise<TransactionReceipt> {
  const { public: client, wallet } = clients(p);
  const account = wallet(key);
  const hash = await account.writeContract({ ...request, account: account.account, chain: account.chain } as never);
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`${request.functionName} from ${account.account.address} reverted (${hash})`);
  return receipt;
}

/** Mints test tUSD (6 decimals) to `to`; anyone may mint TestUsdc. */
export async function mintUsdc(p: Platform, to: Address, amount: bigint): Promise<void> {
  await send(p, KEYS.deployer, { ...usdc(p), functionName: 'mint', args: [to, amount] });
}

export async function registerMerchant(
  key: Hex,
  metadataURI: string,
  arbiter: Hex,
  p: Platform = platform(),
  terms: { rewardBps?: number; autoReleaseWindow?: number; encryptionKey?: Hex } = {},
): Promise<void> {
  await send(p, key, {
    ...catalog(p),
    functionName: 'registerMerchant',
    args: [
      {
        metadataURI,
        encryptionKey: terms.encryptionKey ?? `0x${'11'.repeat(32)}`,
        arbiter,
        rewardBps: terms.rewardBps ?? 100,
        autoReleaseWindow: terms.autoReleaseWindow ?? 7 * 86400,
      },
    ],
  });
}

export async function createListing(
  key: Hex,
  params: {
    title: string;
    category: string;
    metadataURI: string;
    price?: bigint;
    stock?: number;
    token?: Hex;
    maxPerOrder?: number;
    shipWithin?: number;
  },
  p: Platform = platform(),
): Promise<bigint> {
  const receipt = await send(p, key, {
    ...catalog(p),
    functionName: 'createListing',
    args: [
      {
        token: params.token ?? zeroAddress,
        price: params.price ?? 10n ** 15n,
        stock: params.stock ?? 10,
        maxPerOrder: params.maxPerOrder ?? 5,
        shipWithin: params.shipWithin ?? 3 * 86400,
        title: params.title,
        category: params.category,
        metadataURI: params.metadataURI,
      },
    ],
  });
  const [created] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
  if (!created) throw new Error('no ListingCreated event');
  return created.args.listingId;
}

/** A tUSD listing by `key` (stock 10, at most 3 an order, no metadata), once the indexer has seen it: its id. */
export async function createTusdListing(p: Platform, key: Hex, title: string, price: bigint): Promise<string> {
  const id = await createListing(key, { title, category: 'tea', metadataURI: '', token: p.deployment.contracts.SettlementToken.address, price, maxPerOrder: 3 }, p);
  await waitForIndexer(p);
  return id.toString();
}

/** An order as `OrderPlaced` announced it: the terms every later escrow call on it takes. */
export interface PlacedOrder {
  orderId: bigint;
  terms: OrderTerms;
  shippingInfo: Hex;
}

/** Every order a checkout placed, in line order. */
export function ordersPlaced(receipt: TransactionReceipt): PlacedOrder[] {
  return parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: receipt.logs }).map((event) => ({
    orderId: event.args.orderId,
    terms: event.args.terms as OrderTerms,
    shippingInfo: event.args.shippingInfo,
  }));
}

/** The (first) order a checkout placed: its id and terms. */
export function termsFromPlaced(receipt: TransactionReceipt): { orderId: bigint; terms: OrderTerms } {
  const [placed] = ordersPlaced(receipt);
  if (!placed) throw new Error(`no OrderPlaced event in ${receipt.transactionHash}`);
  return { orderId: placed.orderId, terms: placed.terms };
}

/** A cart line for `quantity` of a listing, with the listing's and its merchant's terms as the catalog has them now. */
export async function cartLine(
  p: Platform,
  listingId: bigint,
  quantity: number,
  opts: { points?: bigint; shippingInfo?: Hex; proof?: Hex } = {},
): Promise<{ token: Address; line: CartLine }> {
  const client = clients(p).public;
  const [merchant, token, price, , , shipWithin] = await client.readContract({ ...catalog(p), functionName: 'listingOf', args: [listingId] });
  if (merchant === zeroAddress) throw new Error(`no listing ${listingId}`);
  const [, arbiter, rewardBps, autoReleaseWindow] = await client.readContract({ ...catalog(p), functionName: 'merchantOf', args: [merchant] });
  return {
    token,
    line: {
      listingId,
      quantity,
      unitPrice: price,
      shipWithin,
      arbiter,
      rewardBps,
      autoReleaseWindow,
      points: opts.points ?? 0n,
      shippingInfo: opts.shippingInfo ?? '0x',
      proof: opts.proof ?? '0x',
    },
  };
}

/**
 * Checks out a cart from `buyerKey`, paying its cash with `payment` (ignored, and no collector named, when
 * points cover everything): 'eth' sends msg.value; 'approval' first approves the ApprovalCollector for exactly
 * the cash; 'permit' and 'erc3009' sign for the PermitCollector / Erc3009Collector. The buyer needs the funds.
 */
export async function checkoutCart(
  p: Platform,
  buyerKey: Hex,
  token: Address,
  lines: CartLine[],
  payment: PaymentMethod,
): Promise<{ receipt: TransactionReceipt; orders: PlacedOrder[] }> {
  const c = clients(p);
  const contracts = p.deployment.contracts;
  const buyer = c.wallet(buyerKey).account;
  const cash = cashDue(lines);
  let paid: Payment = NO_COLLECTOR;
  if (payment === 'eth') {
    if (token !== zeroAddress) throw new Error(`a cart in ${token} cannot be paid in ETH`);
  } else if (cash !== 0n) {
    const deadline = BigInt((await c.public.getBlock()).timestamp) + 3600n;
    if (payment === 'approval') {
      await send(p, buyerKey, { address: token, abi: testUsdcAbi, functionName: 'approve', args: [contracts.ApprovalCollector.address, cash] });
      paid = approvalPayment(contracts.ApprovalCollector.address);
    } else if (payment === 'permit') {
      const nonce = await c.public.readContract({ address: token, abi: testUsdcAbi, functionName: 'nonces', args: [buyer.address] });
      paid = await permitPayment({ account: buyer, domain: await readTokenDomain(c.public, token), permitCollector: contracts.PermitCollector.address, value: cash, nonce, deadline });
    } else {
      paid = await erc3009Payment({
        account: buyer,
        domain: await readTokenDomain(c.public, token),
        erc3009Collector: contracts.Erc3009Collector.address,
        value: cash,
        validAfter: 0n,
        validBefore: deadline,
        nonce: bytesToHex(randomBytes(32)),
      });
    }
  }
  const receipt = await send(p, buyerKey, {
    ...escrow(p),
    functionName: 'checkout',
    args: [{ token, lines }, paid],
    value: payment === 'eth' ? cash : 0n,
  });
  return { receipt, orders: ordersPlaced(receipt) };
}

/**
 * Buys `quantity` of one listing in a one-line cart with the terms the catalog shows now. Pays in ETH for an
 * ETH listing and by prior approval for a token listing unless `payment` says otherwise.
 */
export async function buyListing(
  p: Platform,
  buyerKey: Hex,
  listingId: bigint,
  quantity = 1,
  opts: { points?: bigint; shippingInfo?: Hex; proof?: Hex; payment?: PaymentMethod } = {},
): Promise<{ orderId: bigint; terms: OrderTerms; receipt: TransactionReceipt }> {
  const { token, line } = await cartLine(p, listingId, quantity, opts);
  const payment = opts.payment ?? (token === zeroAddress ? 'eth' : 'approval');
  const { receipt, orders } = await checkoutCart(p, buyerKey, token, [line], payment);
  return { orderId: orders[0].orderId, terms: orders[0].terms, receipt };
}

/** An order's current state on chain (`stateOf` checks the terms against the stored hash). */
export async function orderState(p: Platform, orderId: bigint, terms: OrderTerms) {
  return clients(p).public.readContract({ ...escrow(p), functionName: 'stateOf', args: [orderId, terms] });
}

/** Waits until the graph node has indexed the chain's latest block. */
export async function waitForIndexer(p: Platform = platform()): Promise<void> {
  const target = await clients(p).public.getBlockNumber();
  for (let i = 0; i < 100; i++) {
    const response = await fetch(p.subgraph, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _meta { block { number } } }' }),
    });
    const body = (await response.json()) as { data?: { _meta: { block: { number: number } } } };
    if ((body.data?._meta.block.number ?? 0) >= Number(target)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the indexer did not reach block ${target}`);
}
