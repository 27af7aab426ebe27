// Writes as ONE ERC-4337 v0.8 user operation of the connected smart account (connection.smartAccount()), gas
// paid in the settlement token by the ERC-7677 paymaster: the paymaster's own contract comes from its stub
// data, the account approves it for the gas when the allowance left is low, a 7702 account not yet delegated
// signs its authorization first. The bundle's transaction goes to the transaction list like any write.
import type { Log, TransactionReceipt } from 'viem';
import type { SmartAccount } from 'viem/account-abstraction';
import { sendPaidInToken } from '../aa/user-operation.ts';
import { settings } from '../config/settings.svelte.ts';
import { publicClientFor } from '../chain/clients.ts';
import type { Call } from './calls.ts';
import { transactions } from './store.svelte.ts';
import { WriteError } from './write-error.ts';

export interface SentUserOp {
  receipt: TransactionReceipt;
  /** The operation's own logs. */
  logs: readonly Log[];
  userOpHash: `0x${string}`;
}

/** Sends `calls` as one user operation of `account`; AaError when the bundler or the paymaster fails. */
export async function sendAsUserOperation(label: string, account: SmartAccount, calls: readonly Call[], onSent?: () => void): Promise<SentUserOp> {
  const { bundlerUrl, paymasterUrl, rpcUrls } = settings.current;
  if (!bundlerUrl || !paymasterUrl) throw new Error('no bundler or paymaster configured');
  const client = publicClientFor(settings.site, rpcUrls) as never as Parameters<typeof sendPaidInToken>[0]['client'];
  const sent = await sendPaidInToken({
    client,
    account,
    endpoints: { bundlerUrl, paymasterUrl },
    token: settings.site.contracts.settlementToken,
    tokenDecimals: settings.site.settlementToken.decimals,
    calls,
    onSent: () => onSent?.(),
  });
  const hash = sent.receipt.transactionHash;
  transactions.add({ hash, label, chainId: settings.site.chainId, account: account.address });
  const receipt = (await transactions.wait(hash, client as never)) ?? sent.receipt;
  if (receipt.status !== 'success') throw new WriteError(`the transaction ${hash} reverted`, 'reverted');
  return { receipt: sent.receipt, logs: sent.logs, userOpHash: sent.userOpHash };
}
