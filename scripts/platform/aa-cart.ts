// The shopper who holds only tUSD: three shops, one listing each, and a fresh key with 0 ETH that checks the
// three out as ONE user operation through the bundler, gas charged in tUSD by the paymaster. Shared by the
// platform test (test/smoke/user-operation.test.ts) and the gas benchmark (cartUserOp).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Address, type Hex, createPublicClient, createWalletClient, erc20Abi, http, parseEther, parseEventLogs, toHex } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { ANVIL_KEY_0, type Deployment, deploy } from '../deploy.ts';
import { chainMartCatalogAbi, chainMartEscrowAbi, testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';
import type { Cart, CartLine } from '../../web/lib/checkout/purchase.ts';
import {
  type SentUserOperation,
  authorizationFor,
  cartCheckoutCalls,
  createStablecoinBundlerClient,
  gasApproval,
  sendUserOperation,
  toChainMartAccount,
} from '../../web/lib/aa/user-operation.ts';
import { toPasskeySmartAccount } from '../../web/lib/aa/passkey-account.ts';
import { type AccountAbstraction, startAccountAbstraction } from './aa.ts';
import { type SoftwarePasskey, softwarePasskey } from './software-passkey.ts';
import { type Anvil, startAnvil } from './anvil.ts';
import { freePort } from './ports.ts';

const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
const TUSD = 10n ** 6n;
/** What the shopper lets the paymaster take for gas at most; it takes only the gas used. */
export const GAS_ALLOWANCE = 20n * TUSD;

export interface AaChain {
  anvil: Anvil;
  deployment: Deployment;
  aa: AccountAbstraction;
  stop: () => Promise<void>;
}

/** A throwaway chain: anvil on a free port, the protocol deployed (not written to deployments/), ERC-4337 up. */
export async function startAaChain(root: string): Promise<AaChain> {
  const host = '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'chainmart-aa-'));
  const anvil = await startAnvil({ host, port: await freePort(), dataDir: join(dir, 'anvil'), accounts: 20 });
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

export interface CartUserOpResult extends SentUserOperation {
  buyer: Address;
  /** The buyer's key (a throwaway test key), for a second cart from the same account. */
  buyerKey: Hex;
  ethBefore: bigint;
  ethAfter: bigint;
  tusdBefore: bigint;
  tusdAfter: bigint;
  /** What the paymaster charged for gas, in tUSD units. */
  gasPaidInTusd: bigint;
  /** Whether this operation carried the 7702 authorization and the paymaster approval. */
  delegated: boolean;
  approvedPaymaster: boolean;
}

/** A fresh key with 0 ETH receives `funds` tUSD (the open mint, sent by someone else) and checks `cart` out as one user op. */
export async function checkOutAsUserOp(opts: { chain: AaChain; cart: Cart; funds?: bigint; buyerKey?: Hex }): Promise<CartUserOpResult> {
  const { anvil, deployment, aa } = opts.chain;
  const chain = { ...foundry, rpcUrls: { default: { http: [anvil.url] } } };
  const client = createPublicClient({ chain, transport: http(anvil.url) });
  const buyerKey = opts.buyerKey ?? generatePrivateKey();
  const owner = privateKeyToAccount(buyerKey);
  const token = deployment.contracts.SettlementToken.address;
  const faucet = createWalletClient({ chain, transport: http(anvil.url), account: privateKeyToAccount(ANVIL_KEY_0) });
  const minted = await faucet.writeContract({ address: token, abi: testUsdcAbi, functionName: 'mint', args: [owner.address, opts.funds ?? 100n * TUSD] });
  await client.waitForTransactionReceipt({ hash: minted });
  const balance = () => client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner.address] });
  const ethBefore = await client.getBalance({ address: owner.address });
  const tusdBefore = await balance();

  const account = await toChainMartAccount(client, owner);
  const bundler = createStablecoinBundlerClient({ client, account, endpoints: { bundlerUrl: aa.bundler.url, paymasterUrl: aa.paymaster.url }, token });
  // As the site does: the paymaster's approval only when the allowance left is below the floor, the 7702
  // authorization only before the first operation (a second cart from the same key needs neither).
  const calls = cartCheckoutCalls({
    cart: opts.cart,
    escrow: deployment.contracts.ChainMartEscrow.address,
    approvalCollector: deployment.contracts.ApprovalCollector.address,
    paymaster: aa.contracts.paymaster,
    gasAllowance: GAS_ALLOWANCE,
  }).slice(0, -1);
  const approval = await gasApproval(client, { token, owner: owner.address, paymaster: aa.contracts.paymaster, allowance: GAS_ALLOWANCE, floor: GAS_ALLOWANCE / 4n });
  calls.push(...approval);
  const authorization = await authorizationFor(client, account);
  const sent = await sendUserOperation(bundler, calls, deployment.contracts.ChainMartEscrow.address, authorization);
  const tusdAfter = await balance();
  const cash = opts.cart.lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.quantity) - line.points, 0n);
  return {
    ...sent,
    buyer: owner.address,
    buyerKey,
    ethBefore,
    ethAfter: await client.getBalance({ address: owner.address }),
    tusdBefore,
    tusdAfter,
    gasPaidInTusd: tusdBefore - tusdAfter - cash,
    delegated: authorization !== undefined,
    approvedPaymaster: approval.length > 0,
  };
}

/** The escrow's record of an order: its buyer. */
export async function orderBuyer(rpcUrl: string, escrow: Address, orderId: bigint): Promise<Address> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const order = (await client.readContract({ address: escrow, abi: chainMartEscrowAbi, functionName: 'orderOf' as never, args: [orderId] as never })) as unknown;
  return (Array.isArray(order) ? order[0] : (order as { buyer: Address }).buyer) as Address;
}

export interface PasskeyCartUserOpResult extends Omit<CartUserOpResult, 'buyerKey'> {
  /** Whether the account's code existed before the operation (false: the operation deployed it). */
  deployedBefore: boolean;
  /** Device prompts the checkout took. */
  prompts: number;
}

/** A fresh software passkey's counterfactual account receives tUSD and checks `cart` out as its first user op. */
export async function checkOutAsPasskeyUserOp(opts: { chain: AaChain; cart: Cart; funds?: bigint; passkey?: SoftwarePasskey }): Promise<PasskeyCartUserOpResult> {
  const { anvil, deployment, aa } = opts.chain;
  const chain = { ...foundry, rpcUrls: { default: { http: [anvil.url] } } };
  const client = createPublicClient({ chain, transport: http(anvil.url) });
  const passkey = opts.passkey ?? softwarePasskey();
  const promptsBefore = passkey.prompts();
  const account = await toPasskeySmartAccount({ client, owner: passkey.owner, factory: aa.contracts.passkeyAccountFactory });
  const buyer = await account.getAddress();
  const token = deployment.contracts.SettlementToken.address;
  const faucet = createWalletClient({ chain, transport: http(anvil.url), account: privateKeyToAccount(ANVIL_KEY_0) });
  const funds = opts.funds ?? 100n * TUSD;
  if (funds > 0n) {
    const minted = await faucet.writeContract({ address: token, abi: testUsdcAbi, functionName: 'mint', args: [buyer, funds] });
    await client.waitForTransactionReceipt({ hash: minted });
  }
  const balance = () => client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [buyer] });
  const deployedBefore = !!(await client.getCode({ address: buyer }));
  const ethBefore = await client.getBalance({ address: buyer });
  const tusdBefore = await balance();
  const bundler = createStablecoinBundlerClient({ client, account, endpoints: { bundlerUrl: aa.bundler.url, paymasterUrl: aa.paymaster.url }, token });
  const calls = cartCheckoutCalls({
    cart: opts.cart,
    escrow: deployment.contracts.ChainMartEscrow.address,
    approvalCollector: deployment.contracts.ApprovalCollector.address,
    paymaster: aa.contracts.paymaster,
    gasAllowance: GAS_ALLOWANCE,
  });
  const sent = await sendUserOperation(bundler, calls, deployment.contracts.ChainMartEscrow.address);
  const tusdAfter = await balance();
  const cash = opts.cart.lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.quantity) - line.points, 0n);
  return {
    ...sent,
    buyer,
    deployedBefore,
    prompts: passkey.prompts() - promptsBefore,
    ethBefore,
    ethAfter: await client.getBalance({ address: buyer }),
    tusdBefore,
    tusdAfter,
    gasPaidInTusd: tusdBefore - tusdAfter - cash,
    delegated: false,
    approvedPaymaster: true,
  };
}
