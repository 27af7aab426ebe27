// The shopper who holds only tUSD: three shops, one listing each, and a smart account with 0 ETH (a key's
// Simple7702Account or a passkey account) that checks the three out as ONE user operation through the bundler,
// gas charged in tUSD by the paymaster, sent the way the site sends it. Shared by the platform test
// (test/smoke/user-operation.test.ts) and the gas benchmark (cartUserOp).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  createPublicClient,
  createWalletClient,
  erc20Abi,
  http,
  parseEther,
  parseEventLogs,
  toHex,
} from 'viem';
import type { SmartAccount } from 'viem/account-abstraction';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { ANVIL_KEY_0, type Deployment, deploy } from '../deploy.ts';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import { approveAndCheckoutCalls } from '../../web/lib/checkout/batch.ts';
import { type Cart, type CartLine, cartCash } from '../../web/lib/checkout/purchase.ts';
import { type PaidUserOperation, sendPaidInToken, toChainMartAccount } from '../../web/lib/aa/user-operation.ts';
import { toPasskeySmartAccount } from '../../web/lib/aa/passkey-account.ts';
import { type AccountAbstraction, startAccountAbstraction } from './aa.ts';
import type { SoftwarePasskey } from './software-passkey.ts';
import { type Anvil, startAnvil } from './anvil.ts';
import { freePort } from './ports.ts';

const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
const TUSD_DECIMALS = 6;
const TUSD = 10n ** BigInt(TUSD_DECIMALS);

export interface AaChain {
  anvil: Anvil;
  deployment: Deployment;
  aa: AccountAbstraction;
  stop: () => Promise<void>;
}

/**
 * A throwaway chain: anvil on a free port, the protocol deployed (not written to deployments/), ERC-4337 up.
 * `stepsTracing` makes anvil keep opcode traces (for the gas benchmark's breakdown; slower).
 */
export async function startAaChain(root: string, opts: { stepsTracing?: boolean } = {}): Promise<AaChain> {
  const host = '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'chainmart-aa-'));
  const anvil = await startAnvil({ host, port: await freePort(), dataDir: join(dir, 'anvil'), accounts: 20, stepsTracing: opts.stepsTracing });
  try {
    const deployment = await deploy({ rpcUrl: anvil.url, privateKey: ANVIL_KEY_0, network: 'local', write: false });
    const aa = await startAccountAbstraction({
      root,
      rpcUrl: anvil.url,
      host,
      bundlerPort: await freePort(),
      paymasterPort: await freePort(),
      logDir: dir,
      token: deployment.contracts.SettlementToken.address,
    });
    return {
      anvil,
      deployment,
      aa,
      stop: async () => {
        await aa.stop();
        await anvil.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Three merchants (dev mnemonic #22-#24, arbiter #25), each with one tUSD listing; returns the 3-line cart. */
export async function threeShopCart(rpcUrl: string, deployment: Deployment): Promise<Cart> {
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  const client = createPublicClient({ chain, transport: http(rpcUrl) });
  const catalog = deployment.contracts.ChainMartCatalog.address;
  const token = deployment.contracts.SettlementToken.address;
  const arbiter = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 25 }).address;
  const lines: CartLine[] = [];
  for (const [i, price] of [12n * TUSD, 30n * TUSD, 7n * TUSD].entries()) {
    const merchant = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 22 + i });
    await client.request({ method: 'anvil_setBalance' as never, params: [merchant.address, toHex(parseEther('10'))] as never });
    const wallet = createWalletClient({ chain, transport: http(rpcUrl), account: merchant });
    const profile = { metadataURI: `ipfs://shop-${i}`, encryptionKey: toHex(i + 1, { size: 32 }), arbiter, rewardBps: 0, autoReleaseWindow: 7 * 24 * 3600 };
    const registered = await wallet.writeContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'registerMerchant', args: [profile] });
    await client.waitForTransactionReceipt({ hash: registered });
    const listing = { token, price, stock: 10, maxPerOrder: 5, shipWithin: 3 * 24 * 3600, title: `shop ${i} item`, category: 'test', metadataURI: `ipfs://item-${i}` };
    const created = await wallet.writeContract({ address: catalog, abi: chainMartCatalogAbi, functionName: 'createListing', args: [listing] });
    const receipt = await client.waitForTransactionReceipt({ hash: created });
    const [event] = parseEventLogs({ abi: chainMartCatalogAbi, eventName: 'ListingCreated', logs: receipt.logs });
    lines.push({
      listingId: BigInt(event.args.listingId),
      quantity: 1,
      unitPrice: price,
      shipWithin: listing.shipWithin,
      arbiter,
      rewardBps: 0,
      autoReleaseWindow: profile.autoReleaseWindow,
      points: 0n,
      shippingInfo: '0x',
      proof: '0x',
    });
  }
  return { token, lines };
}

export interface CartUserOpResult extends PaidUserOperation {
  buyer: Address;
  /** Whether the account had code before the operation (a passkey account: false when the operation deployed it). */
  deployedBefore: boolean;
  ethBefore: bigint;
  ethAfter: bigint;
  tusdBefore: bigint;
  tusdAfter: bigint;
  /** What the paymaster charged for gas, in tUSD units. */
  gasPaidInTusd: bigint;
}

/** The smart account of a key (the built-in wallet's): Simple7702Account through EIP-7702, as the site makes it. */
export function keyAccount(chain: AaChain, key: Hex): Promise<SmartAccount> {
  return toChainMartAccount(chainClient(chain), privateKeyToAccount(key));
}

/** The passkey account of `passkey`, as the site makes it (counterfactual until its first operation). */
export function passkeyAccount(chain: AaChain, passkey: SoftwarePasskey): Promise<SmartAccount> {
  return toPasskeySmartAccount({ client: chainClient(chain), owner: passkey.owner, factory: chain.aa.contracts.passkeyAccountFactory });
}

/**
 * `account` receives `funds` tUSD (the open mint, sent by someone else; none when 0n) and checks `cart` out as
 * ONE user operation, exactly as the site's cart page does: approve(ApprovalCollector, cash) + checkout
 * (checkout/batch.ts), sent through `sendPaidInToken` (the paymaster's approval when its allowance is low, the
 * 7702 authorization before a key's first operation). Returns the operation and what moved.
 */
export async function checkOutAsUserOp(opts: { chain: AaChain; cart: Cart; account: SmartAccount; funds?: bigint }): Promise<CartUserOpResult> {
  const { chain, cart, account } = opts;
  const { anvil, deployment, aa } = chain;
  const client = chainClient(chain);
  const buyer = account.address;
  const token = deployment.contracts.SettlementToken.address;
  const funds = opts.funds ?? 100n * TUSD;
  if (funds > 0n) {
    const faucet = createWalletClient({ chain: client.chain, transport: http(anvil.url), account: privateKeyToAccount(ANVIL_KEY_0) });
    const minted = await faucet.writeContract({ address: token, abi: testUsdcAbi, functionName: 'mint', args: [buyer, funds] });
    await client.waitForTransactionReceipt({ hash: minted });
  }
  const balance = () => client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [buyer] });
  const deployedBefore = !!(await client.getCode({ address: buyer }));
  const ethBefore = await client.getBalance({ address: buyer });
  const tusdBefore = await balance();
  const escrow = deployment.contracts.ChainMartEscrow.address;
  const cash = cartCash(cart.lines);
  const sent = await sendPaidInToken({
    client,
    account,
    endpoints: { bundlerUrl: aa.bundler.url, paymasterUrl: aa.paymaster.url },
    token,
    tokenDecimals: TUSD_DECIMALS,
    calls: approveAndCheckoutCalls({ cart, cash, escrow, approvalCollector: deployment.contracts.ApprovalCollector.address }),
    escrow,
  });
  const tusdAfter = await balance();
  return {
    ...sent,
    buyer,
    deployedBefore,
    ethBefore,
    ethAfter: await client.getBalance({ address: buyer }),
    tusdBefore,
    tusdAfter,
    gasPaidInTusd: tusdBefore - tusdAfter - cash,
  };
}

/** The escrow's record of an order: its buyer. */
export async function orderBuyer(rpcUrl: string, escrow: Address, orderId: bigint): Promise<Address> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const order = (await client.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'orderOf' as never, args: [orderId] as never })) as unknown;
  return (Array.isArray(order) ? order[0] : (order as { buyer: Address }).buyer) as Address;
}

function chainClient(chain: AaChain): PublicClient<Transport, Chain> {
  const url = chain.anvil.url;
  return createPublicClient({ chain: { ...foundry, rpcUrls: { default: { http: [url] } } }, transport: http(url) });
}
