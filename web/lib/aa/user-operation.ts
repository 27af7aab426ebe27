// Writes as ONE ERC-4337 v0.8 user operation, gas paid in the stablecoin (`sendPaidInToken`): for a cart, the
// account approves the ApprovalCollector for the cash due and calls `ChainMartEscrow.checkout`
// (checkout/batch.ts), and approves the ERC-20 paymaster for at most GAS_ALLOWANCE_UNITS of the token when the
// allowance left is low; the paymaster pulls the gas actually used in its postOp.
// The account: Simple7702Account (EIP-7702 delegation of the owner's own address) for a key owner; the owner
// is a parameter so that a passkey (viem's `toWebAuthnAccount`) can plug in a passkey-capable account later.
// Plain TypeScript (no Svelte): the site and the Node-side tests and benchmark share it.
import {
  type Address,
  type Chain,
  type Hex,
  type Log,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  BaseError,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
  encodeFunctionData,
  erc20Abi,
  http,
  parseEventLogs,
} from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import type { SignedAuthorization } from 'viem';
import {
  type BundlerClient,
  type SmartAccount,
  type WebAuthnAccount,
  createBundlerClient,
  createPaymasterClient,
  entryPoint08Address,
  toSimple7702SmartAccount,
} from 'viem/account-abstraction';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import type { Call } from '../tx/calls.ts';
import { AaError } from './aa-error.ts';
import { sequentialNonce } from './nonce.ts';
import { type UserOperationFees, standardTier } from './token-quote.ts';

/** Simple7702Account v0.8 (eth-infinitism), the same address on every chain. */
export const SIMPLE_7702_ACCOUNT: Address = '0xe6Cae83BdE06E4c305530e199D7217f42808555B';

/** Who signs: a key (the built-in wallet) now; a passkey once the passkey account lands. */
export type SmartAccountOwner = PrivateKeyAccount | WebAuthnAccount;

export interface AaEndpoints {
  bundlerUrl: string;
  paymasterUrl: string;
}

export { AaError, type AaFailure } from './aa-error.ts';

/** The smart account of `owner`: Simple7702Account on EntryPoint v0.8 for a key owner, nonces under key 0 (./nonce.ts). */
export async function toChainMartAccount(client: PublicClient<Transport, Chain>, owner: SmartAccountOwner): Promise<SmartAccount> {
  if (owner.type !== 'local') {
    throw new AaError('unsupported-owner', 'a passkey owner needs the passkey account (not built yet); use the built-in key wallet');
  }
  return toSimple7702SmartAccount({ client, owner, implementation: SIMPLE_7702_ACCOUNT, getNonce: () => sequentialNonce(client, owner.address) });
}

/**
 * A bundler client for `account` whose operations are paid by the ERC-20 paymaster in `token`
 * (ERC-7677: pm_getPaymasterStubData for estimation, pm_getPaymasterData for the signed data).
 */
export function createStablecoinBundlerClient(opts: {
  client: PublicClient<Transport, Chain>;
  account: SmartAccount;
  endpoints: AaEndpoints;
  token: Address;
}): BundlerClient {
  const paymaster = createPaymasterClient({ transport: http(opts.endpoints.paymasterUrl, { retryCount: 0 }) });
  return createBundlerClient({
    client: opts.client,
    account: opts.account,
    chain: opts.client.chain,
    transport: http(opts.endpoints.bundlerUrl, { retryCount: 0 }),
    paymaster,
    paymasterContext: { token: opts.token },
    userOperation: { estimateFeesPerGas: ({ bundlerClient }) => userOperationFees(bundlerClient, opts.client) },
  });
}

/**
 * The fees for a user operation, as the bundler prices them: the `standard` tier of Pimlico's
 * `pimlico_getUserOperationGasPrice` (Alto and Pimlico's service answer it, and in safe mode refuse an
 * operation priced below the lowest they quoted lately). Only a bundler without that method gets viem's own
 * default, twice the chain's estimate (other bundlers refuse a tip under their own floor): on a chain whose
 * recent tips are the bundler's own bundles (anvil), each operation's doubled tip became the next estimate,
 * and the tip doubled on every checkout.
 */
export async function userOperationFees(bundler: Pick<BundlerClient, 'request'>, client: PublicClient<Transport, Chain>): Promise<UserOperationFees> {
  let quoted: unknown;
  // The chain's own estimate, asked beside the bundler: the fallback, and the yardstick for the bundler's price.
  const chainFees = client.estimateFeesPerGas({ type: 'eip1559' });
  chainFees.catch(() => {});
  try {
    quoted = await (bundler.request as (args: { method: string; params: unknown[] }) => Promise<unknown>)({ method: 'pimlico_getUserOperationGasPrice', params: [] });
  } catch (error) {
    // A bundler that is down fails the operation anyway, with the message that names it.
    const base = error instanceof BaseError ? error : undefined;
    const down = base?.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) && !base.walk((e) => e instanceof RpcRequestError);
    if (down || !base) throw error;
    // A bundler without Pimlico's method (an RPC error, whatever its code): viem's default below.
  }
  const tier = standardTier(quoted);
  if (tier) {
    // The shopper pays what the operation bids: a bundler (a setting anyone can change) that asks many
    // times the chain's price is refused before anything is signed. Without the chain's figure, the
    // paymaster's allowance (GAS_ALLOWANCE_UNITS) is the bound.
    const chain = await chainFees.catch(() => undefined);
    if (chain && tier.maxFeePerGas > chain.maxFeePerGas * MAX_FEE_OVER_CHAIN) {
      throw new AaError('bundler-overpriced', `the bundler asks ${tier.maxFeePerGas} wei per gas, over ${MAX_FEE_OVER_CHAIN}x the chain's ${chain.maxFeePerGas}`);
    }
    return tier;
  }
  const { maxFeePerGas, maxPriorityFeePerGas } = await chainFees;
  return { maxFeePerGas: 2n * maxFeePerGas, maxPriorityFeePerGas: 2n * maxPriorityFeePerGas };
}

/** How far above the chain's estimated max fee per gas a bundler's quote may be (bundlers add a margin, not a 5x one). */
export const MAX_FEE_OVER_CHAIN = 5n;

export interface SentUserOperation {
  userOpHash: Hex;
  /** The bundler's handleOps transaction. */
  receipt: TransactionReceipt;
  /** The operation's own logs (a bundle may carry other operations). */
  logs: readonly Log[];
  orderIds: bigint[];
  /** The EntryPoint's figure for this operation (what the paymaster charged for), not the bundle's. */
  actualGasUsed: bigint;
}

/**
 * The owner's EIP-7702 authorization to delegate its address to Simple7702Account, or undefined once it is.
 * Signed up front with the real nonce: viem would estimate with a placeholder signature, which Alto refuses.
 */
export async function delegationIfNeeded(
  client: PublicClient<Transport, Chain>,
  owner: PrivateKeyAccount,
  implementation: Address = SIMPLE_7702_ACCOUNT,
): Promise<SignedAuthorization | undefined> {
  const code = await client.getCode({ address: owner.address });
  if (code && code.toLowerCase() === `0xef0100${implementation.slice(2)}`.toLowerCase()) return undefined;
  const nonce = await client.getTransactionCount({ address: owner.address });
  return owner.signAuthorization({ address: implementation, chainId: client.chain.id, nonce });
}

/**
 * The authorization `account` needs before its first operation: only an EIP-7702 account (viem sets its
 * `authorization` to the owner and the implementation) whose owner has not delegated yet. Any other smart
 * account (a passkey account deployed by its factory) needs none.
 */
export async function authorizationFor(client: PublicClient<Transport, Chain>, account: SmartAccount): Promise<SignedAuthorization | undefined> {
  const delegation = (account as { authorization?: { account: PrivateKeyAccount; address: Address } }).authorization;
  if (!delegation?.account?.signAuthorization) return undefined;
  return delegationIfNeeded(client, delegation.account, delegation.address);
}

/**
 * The paymaster contract behind an ERC-7677 service, as the service itself names it in its stub data
 * (every ERC-7677 provider answers `pm_getPaymasterStubData` with `paymaster` for EntryPoint v0.7+).
 * Also the settings page's check: a refusal comes back as 'paymaster-refused', silence as 'paymaster-unreachable'.
 */
export async function paymasterOf(opts: { paymasterUrl: string; chainId: number; sender: Address; token: Address }): Promise<Address> {
  const paymaster = createPaymasterClient({ transport: http(opts.paymasterUrl, { retryCount: 0 }) });
  try {
    const stub = await paymaster.getPaymasterStubData({
      sender: opts.sender,
      nonce: 0n,
      callData: '0x',
      callGasLimit: 0n,
      verificationGasLimit: 0n,
      preVerificationGas: 0n,
      maxFeePerGas: 0n,
      maxPriorityFeePerGas: 0n,
      chainId: opts.chainId,
      entryPointAddress: entryPoint08Address,
      context: { token: opts.token },
    });
    if (!('paymaster' in stub) || !stub.paymaster) throw new AaError('paymaster-refused', 'the paymaster named no paymaster contract for EntryPoint v0.8');
    return stub.paymaster;
  } catch (error) {
    if (error instanceof AaError) throw error;
    const base = error instanceof BaseError ? error : undefined;
    if (base?.walk((e) => e instanceof HttpRequestError) && !base.walk((e) => e instanceof RpcRequestError)) {
      throw new AaError('paymaster-unreachable', `the paymaster at ${opts.paymasterUrl} does not answer`, { cause: error });
    }
    const rpc = base?.walk((e) => e instanceof RpcRequestError) as RpcRequestError | undefined;
    throw new AaError('paymaster-refused', `the paymaster refused: ${rpc?.details || base?.shortMessage || String(error)}`, { cause: error });
  }
}

/** What the shopper lets the paymaster take for gas at most (it takes only what the gas cost), and below which it is topped up. */
export const GAS_ALLOWANCE_UNITS = 20n;
export const GAS_ALLOWANCE_FLOOR_UNITS = 5n;

/**
 * approve(paymaster, allowance) when the allowance left to the paymaster is below `floor`: an account that
 * approved once pays no approval on the next operations until the paymaster has taken most of it.
 */
export async function gasApproval(
  client: PublicClient<Transport, Chain>,
  opts: { token: Address; owner: Address; paymaster: Address; allowance: bigint; floor: bigint },
): Promise<Call[]> {
  const left = await client.readContract({ address: opts.token, abi: erc20Abi, functionName: 'allowance', args: [opts.owner, opts.paymaster] });
  if (left >= opts.floor) return [];
  return [{ to: opts.token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [opts.paymaster, opts.allowance] }) }];
}

/**
 * Sends `calls` as one user operation and waits for it; failures come back as AaError. `onSent` gets the
 * user operation's hash once the bundler took it. The orders are decoded when `escrow` is given.
 */
export async function sendUserOperation(
  bundler: BundlerClient,
  calls: Call[],
  escrow?: Address,
  authorization?: SignedAuthorization,
  onSent?: (userOpHash: Hex) => void,
): Promise<SentUserOperation> {
  let userOpHash: Hex;
  try {
    userOpHash = await bundler.sendUserOperation({ account: bundler.account!, calls, ...(authorization ? { authorization } : {}) });
  } catch (error) {
    throw classify(error, bundler.transport.url as string | undefined);
  }
  onSent?.(userOpHash);
  let result;
  try {
    result = await bundler.waitForUserOperationReceipt({ hash: userOpHash, timeout: 60_000 });
  } catch (error) {
    throw classify(error, bundler.transport.url as string | undefined);
  }
  if (!result.success) throw new AaError('operation-reverted', `the user operation ${userOpHash} reverted (${result.reason ?? 'no reason given'})`);
  const orderIds = escrow
    ? parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: result.logs })
        .filter((log) => log.address.toLowerCase() === escrow.toLowerCase())
        .map((log) => (log.args as { orderId: bigint }).orderId)
    : [];
  return { userOpHash, receipt: result.receipt, logs: result.logs, orderIds, actualGasUsed: result.actualGasUsed };
}

export interface PaidUserOperation extends SentUserOperation {
  /** Whether the operation carried approve(paymaster) (the allowance left was below the floor). */
  approvedPaymaster: boolean;
  /** Whether it carried the owner's EIP-7702 authorization (a key's first operation). */
  delegated: boolean;
}

/**
 * `calls` as ONE user operation of `account`, its gas paid in `token` through the ERC-7677 paymaster service:
 * the paymaster contract as the service names it, approve(paymaster, GAS_ALLOWANCE_UNITS) appended when the
 * allowance left is below GAS_ALLOWANCE_FLOOR_UNITS, the EIP-7702 authorization before a key's first
 * operation. The site (web/lib/tx/user-op.ts) and the gas benchmark (scripts/platform/aa-cart.ts) both send
 * through here, so the benchmark measures the operation the site sends.
 */
export async function sendPaidInToken(opts: {
  client: PublicClient<Transport, Chain>;
  account: SmartAccount;
  endpoints: AaEndpoints;
  token: Address;
  tokenDecimals: number;
  calls: readonly Call[];
  /** Decode the orders this escrow placed. */
  escrow?: Address;
  onSent?: (userOpHash: Hex) => void;
}): Promise<PaidUserOperation> {
  const { client, account, endpoints, token } = opts;
  const unit = 10n ** BigInt(opts.tokenDecimals);
  const paymaster = await paymasterOf({ paymasterUrl: endpoints.paymasterUrl, chainId: client.chain.id, sender: account.address, token });
  const approval = await gasApproval(client, {
    token,
    owner: account.address,
    paymaster,
    allowance: GAS_ALLOWANCE_UNITS * unit,
    floor: GAS_ALLOWANCE_FLOOR_UNITS * unit,
  });
  const bundler = createStablecoinBundlerClient({ client, account, endpoints, token });
  const authorization = await authorizationFor(client, account);
  const sent = await sendUserOperation(bundler, [...opts.calls.map((call) => ({ ...call })), ...approval], opts.escrow, authorization, opts.onSent);
  return { ...sent, approvedPaymaster: approval.length > 0, delegated: authorization !== undefined };
}

/** Which service failed: a dead bundler, a dead paymaster, or a paymaster that said no. */
export function classify(error: unknown, bundlerUrl: string | undefined): AaError {
  if (error instanceof AaError) return error;
  // One of ours thrown inside viem's preparation (the fee hook), wrapped in its UserOperationExecutionError.
  const ours = error instanceof BaseError ? error.walk((e) => e instanceof AaError) : undefined;
  if (ours instanceof AaError) return ours;
  if (isWebAuthnRefusal(error)) return new AaError('passkey-refused', 'the passkey prompt was closed or did not verify the user', { cause: error });
  const base = error instanceof BaseError ? error : undefined;
  const http = base?.walk((e) => e instanceof HttpRequestError) as HttpRequestError | undefined;
  const rpc = base?.walk((e) => e instanceof RpcRequestError) as RpcRequestError | undefined;
  const same = (a: string | undefined, b: string | undefined) => !!a && !!b && normalizeUrl(a) === normalizeUrl(b);
  const message = base?.shortMessage ?? (error instanceof Error ? error.message : String(error));
  if (http || (!rpc && /fetch failed|ECONNREFUSED/i.test(String((error as Error)?.message)))) {
    const url = http?.url;
    if (url && bundlerUrl && !same(url, bundlerUrl)) return new AaError('paymaster-unreachable', `the paymaster at ${url} does not answer`, { cause: error });
    return new AaError('bundler-unreachable', `the bundler at ${url ?? bundlerUrl} does not answer`, { cause: error });
  }
  if (rpc && !same(rpc.url, bundlerUrl)) return new AaError('paymaster-refused', `the paymaster refused: ${rpc.details || message}`, { cause: error });
  return new AaError('operation-reverted', message, { cause: error });
}

/**
 * WebAuthn's refusal somewhere in the cause chain: the browser's NotAllowedError (prompt closed, timed out, or
 * user verification failed) or AbortError, as ox's WebAuthnP256.sign wraps it (SignFailedError) inside viem's
 * UserOperationExecutionError. Checked before the network classification: nothing reached the bundler.
 */
export function isWebAuthnRefusal(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error as { name?: unknown; cause?: unknown } | undefined; e && typeof e === 'object' && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e);
    if (e.name === 'NotAllowedError' || e.name === 'AbortError' || e.name === 'WebAuthnP256.SignFailedError' || e.name === 'Authentication.SignFailedError') return true;
  }
  return false;
}

function normalizeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
