// Every write: check the network, simulate (a revert is caught before the wallet opens), sign and send,
// track the transaction (persisted), wait for the receipt, then for the indexer. A list of calls goes to a
// wallet that batches (EIP-5792) as one confirmation, followed until the wallet reports it final.
import { type Abi, type ContractFunctionArgs, type ContractFunctionName, type TransactionReceipt, encodeFunctionData, numberToHex } from 'viem';
import type { SmartAccount } from 'viem/account-abstraction';
import { AaError, GAS_ALLOWANCE_FLOOR_UNITS, GAS_ALLOWANCE_UNITS, gasApproval, paymasterOf } from '../aa/user-operation.ts';
import { publicClientFor } from '../chain/clients.ts';
import { settings } from '../config/settings.svelte.ts';
import { CapabilityCache, NO_CAPABILITIES, type WalletCapabilities } from '../wallet/capabilities.ts';
import { connection } from '../wallet/connection.svelte.ts';
import { type Call, type CallLog, type SendCallsCapabilities, batchOutcome, paymasterCapabilities } from './calls.ts';
import { transactions } from './store.svelte.ts';
import { sendAsUserOperation } from './user-op.ts';
import { WriteError } from './write-error.ts';
import { m } from '../paraglide/messages.js';
import { notices } from '../ui/notices.svelte.ts';

export type { Call };

export { WriteError };

export interface WriteRequest<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
> {
  address: `0x${string}`;
  abi: abi;
  functionName: functionName;
  args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>;
  value?: bigint;
}

export function publicClient() {
  return publicClientFor(settings.site, settings.current.rpcUrls);
}

/** The connected wallet's smart account, if writes go as user operations (connection.smartAccount()). */
export function smartAccount(): Promise<SmartAccount | undefined> {
  return connection.smartAccount();
}

export function requireWallet() {
  if (!connection.connected) throw new WriteError('connect a wallet first', 'no-wallet');
  if (connection.wrongNetwork) throw new WriteError(`switch the wallet to ${settings.site.chainName}`, 'wrong-network');
  return connection.walletClient();
}

/** requireWallet's checks; then the wallet client, or null for a passkey account (it writes only as user operations). */
export function requireConnection() {
  if (connection.source?.kind !== 'passkey') return requireWallet();
  if (connection.wrongNetwork) throw new WriteError(`switch the wallet to ${settings.site.chainName}`, 'wrong-network');
  return null;
}

export async function write<abi extends Abi, functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
  label: string,
  request: WriteRequest<abi, functionName>,
  onSent?: (hash: `0x${string}`) => void,
): Promise<TransactionReceipt> {
  const wallet = requireConnection();
  const client = publicClient();
  const smart = await connection.smartAccount();
  if (!wallet && !smart) throw new WriteError('connect a wallet first', 'no-wallet');
  // The smart account's address for the simulation (a 7702 account's is the key's own); the wallet's own
  // account, never a bare address, for a transaction the wallet signs (a local key signs it itself).
  const { request: simulated } = await client.simulateContract({ ...(request as object), account: smart?.address ?? wallet!.account! } as never);
  if (smart) {
    const call = { to: request.address, data: encodeFunctionData(request as never), value: request.value };
    const viaUserOp = await userOperationOrDirect(label, smart, [call]);
    if (viaUserOp) {
      // The bundle's hash is known once it is mined: the caller hears of it then.
      onSent?.(viaUserOp.receipt.transactionHash);
      return viaUserOp.receipt;
    }
  }
  if (!wallet) throw new WriteError('a passkey account writes only through the bundler', 'no-wallet');
  const hash = await wallet.writeContract({ ...(simulated as object), account: wallet.account! } as never);
  transactions.add({ hash, label, chainId: settings.site.chainId, account: wallet.account!.address });
  onSent?.(hash);
  const receipt = await transactions.wait(hash, client);
  if (!receipt) throw new WriteError('the transaction is still pending; it stays in your list and is checked again on reload', 'timeout');
  if (receipt.status !== 'success') throw new WriteError(`the transaction ${hash} reverted`, 'reverted');
  return receipt;
}

/**
 * Sends `calls` as one user operation of `smart`. A bundler that does not answer: null, and the caller sends
 * plain transactions, if the wallet has ETH for their gas (else the error says gas is what is missing).
 * A paymaster that refuses or does not answer: its error, nothing charged.
 */
export async function userOperationOrDirect(label: string, smart: SmartAccount, calls: readonly Call[], onSent?: () => void) {
  try {
    return await sendAsUserOperation(label, smart, calls, onSent);
  } catch (error) {
    if (!(error instanceof AaError) || error.kind !== 'bundler-unreachable') throw error;
    // A passkey account has no key to send a plain transaction with: the bundler is its only way.
    if (connection.source?.kind === 'passkey') throw error;
    const eth = await publicClient().getBalance({ address: smart.address });
    if (eth === 0n) throw new AaError('bundler-unreachable-no-gas', error.message, { cause: error });
    // The user expected gas in the stablecoin: say why the wallet now pays ETH for it.
    notices.push('info', m.tx_direct_fallback(), 12_000);
    return null;
  }
}

const capabilities = new CapabilityCache();

/** The connected injected wallet's capabilities on the site's chain (the built-in wallet has none of these). */
export async function walletCapabilities(): Promise<WalletCapabilities> {
  const source = connection.source;
  if (source?.kind !== 'injected' || !connection.address || connection.wrongNetwork) return NO_CAPABILITIES;
  const { provider, info } = source.detail;
  const account = connection.address;
  return capabilities.get(info.rdns, account, settings.site.chainId, (chainId) => provider.request({ method: 'wallet_getCapabilities', params: [account, [chainId]] } as never));
}

/**
 * ERC-7677 for a wallet that batches: when it supports paymasterService and a paymaster is configured, the
 * capabilities naming it for wallet_sendCalls and the approval its ERC-20 paymaster needs to take the gas in
 * the stablecoin (none while the allowance left covers it). Null otherwise, or when the paymaster does not
 * name its contract (it refuses or does not answer): the batch then goes without it, the wallet paying gas.
 */
export async function walletPaymaster(capabilities: WalletCapabilities): Promise<{ capabilities: SendCallsCapabilities; calls: Call[] } | null> {
  const token = settings.site.contracts.settlementToken;
  const wanted = paymasterCapabilities({ supported: capabilities.paymasterService, paymasterUrl: settings.current.paymasterUrl, token });
  const owner = connection.address;
  if (!wanted?.paymasterService || !owner) return null;
  const unit = 10n ** BigInt(settings.site.settlementToken.decimals);
  try {
    const paymaster = await paymasterOf({ paymasterUrl: wanted.paymasterService.url, chainId: settings.site.chainId, sender: owner, token });
    const calls = await gasApproval(publicClient() as never, { token, owner, paymaster, allowance: GAS_ALLOWANCE_UNITS * unit, floor: GAS_ALLOWANCE_FLOOR_UNITS * unit });
    return { capabilities: wanted, calls };
  } catch (error) {
    if (error instanceof AaError) return null;
    throw error;
  }
}

/** The wallet said it batches and then refused to: no more batches from it on this chain until a reload. */
export function forgetBatching(): void {
  const source = connection.source;
  if (source?.kind === 'injected' && connection.address) capabilities.revoke(source.detail.info.rdns, connection.address, settings.site.chainId);
}

/** How long the wallet may take to report a batch final: as long as a single transaction's receipt. */
const CALLS_TIMEOUT_MS = 10 * 60_000;

export interface SentCalls {
  /** Every log of the batch's receipts, in order. */
  logs: CallLog[];
  /** The receipt of the batch's last transaction (an atomic batch usually is one). */
  receipt: TransactionReceipt;
}

/**
 * Sends `calls` with wallet_sendCalls, all or none (atomicRequired), as one confirmation, and follows
 * wallet_getCallsStatus until final; the transactions then go to the transaction list and wait for the
 * indexer like any write. The caller simulates first. A refusal for want of support propagates as the
 * wallet's error (see calls.ts isBatchUnsupported), so the caller can pay another way. `capabilities`: ERC-7677's
 * paymasterService when the wallet supports it (walletPaymaster).
 */
export async function sendCallsAtomically(label: string, calls: readonly Call[], onSent?: () => void, capabilities?: SendCallsCapabilities): Promise<SentCalls> {
  const wallet = requireWallet();
  const client = publicClient();
  const account = wallet.account!.address;
  const { id } = await wallet.sendCalls({
    account: wallet.account!,
    chain: wallet.chain,
    calls: calls.map((call) => ({ ...call })),
    forceAtomic: true,
    ...(capabilities ? { capabilities } : {}),
  });
  onSent?.();
  let status;
  try {
    status = await wallet.waitForCallsStatus({ id, timeout: CALLS_TIMEOUT_MS, pollingInterval: Math.min(client.pollingInterval, 1_000) });
  } catch (error) {
    if ((error as Error).name === 'WaitForCallsStatusTimeoutError') throw new WriteError(`the wallet has not reported the batch ${id} final`, 'batch-timeout');
    throw error;
  }
  const outcome = batchOutcome(status);
  if (outcome.kind === 'failed') throw new WriteError(`the wallet could not send the batch ${id} (${numberToHex(status.statusCode)})`, 'batch-failed');
  if (outcome.kind !== 'confirmed') throw new WriteError(`the batch ${id} reverted (status ${status.statusCode})`, 'reverted');
  let receipt: TransactionReceipt | null = null;
  for (const hash of outcome.hashes) {
    transactions.add({ hash, label, chainId: settings.site.chainId, account });
    receipt = await transactions.wait(hash, client);
  }
  if (!receipt) throw new WriteError(`the batch ${id} is final but its receipt is not on ${settings.site.chainName} yet`, 'timeout');
  return { logs: outcome.logs, receipt };
}
