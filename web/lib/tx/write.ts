// Every write: check the network, simulate (a revert is caught before the wallet opens), sign and send,
// track the transaction (persisted), wait for the receipt, then for the indexer.
import type { Abi, ContractFunctionArgs, ContractFunctionName, TransactionReceipt } from 'viem';
import { publicClientFor } from '../chain/clients.ts';
import { settings } from '../config/settings.svelte.ts';
import { connection } from '../wallet/connection.svelte.ts';
import { transactions } from './store.svelte.ts';
import { WriteError } from './write-error.ts';

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

export function requireWallet() {
  if (!connection.connected) throw new WriteError('connect a wallet first', 'no-wallet');
  if (connection.wrongNetwork) throw new WriteError(`switch the wallet to ${settings.site.chainName}`, 'wrong-network');
  return connection.walletClient();
}

export async function write<abi extends Abi, functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
  label: string,
  request: WriteRequest<abi, functionName>,
  onSent?: (hash: `0x${string}`) => void,
): Promise<TransactionReceipt> {
  const wallet = requireWallet();
  const client = publicClient();
  const { request: simulated } = await client.simulateContract({ ...(request as object), account: wallet.account! } as never);
  const hash = await wallet.writeContract(simulated as never);
  transactions.add({ hash, label, chainId: settings.site.chainId, account: wallet.account!.address });
  onSent?.(hash);
  const receipt = await transactions.wait(hash, client);
  if (!receipt) throw new WriteError('the transaction is still pending; it stays in your list and is checked again on reload', 'timeout');
  if (receipt.status !== 'success') throw new WriteError(`the transaction ${hash} reverted`, 'reverted');
  return receipt;
}
