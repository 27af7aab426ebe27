// Batched transactions for seeding a local anvil chain: automine off, every transaction signed locally with
// a tracked nonce and a fixed gas limit (no estimate against a state that is still pending), then blocks
// are mined until the pool is empty and every receipt is checked. A few hundred transactions take a few
// blocks instead of a few hundred.
import {
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  createPublicClient,
  decodeErrorResult,
  encodeFunctionData,
  http,
} from 'viem';
import { type HDAccount, mnemonicToAccount } from 'viem/accounts';

/** Anvil's default mnemonic. Its keys are public: local development only. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export function devAccounts(count: number): HDAccount[] {
  return Array.from({ length: count }, (_, i) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i }));
}

export function privateKeyOf(account: HDAccount): Hex {
  const key = account.getHdKey().privateKey;
  if (!key) throw new Error(`no private key for ${account.address}`);
  return `0x${Buffer.from(key).toString('hex')}`;
}

interface Pending {
  hash: Hex;
  label: string;
  from: Address;
  to: Address;
  data: Hex;
  value: bigint;
}

export class LocalChain {
  readonly client: PublicClient;
  private readonly nonces = new Map<Address, number>();
  private pending: Pending[] = [];
  private chainId = 0;
  blocksMined = 0;
  transactions = 0;

  constructor(readonly rpcUrl: string) {
    this.client = createPublicClient({ transport: http(rpcUrl, { batch: { batchSize: 200, wait: 0 } }) });
  }

  rpc<T>(method: string, params: unknown[] = []): Promise<T> {
    return this.client.request({ method: method as never, params: params as never }) as Promise<T>;
  }

  async begin(): Promise<void> {
    this.chainId = await this.client.getChainId();
    await this.rpc('evm_setAutomine', [false]);
  }

  /** Always call, also after a failure: the site's own transactions need automine back. */
  async end(): Promise<void> {
    await this.rpc('evm_setAutomine', [true]);
  }

  async increaseTime(seconds: number): Promise<void> {
    await this.rpc('evm_increaseTime', [seconds]);
  }

  async latestTimestamp(): Promise<number> {
    const block = await this.client.getBlock({ blockTag: 'latest' });
    return Number(block.timestamp);
  }

  private async nextNonce(account: Account): Promise<number> {
    let nonce = this.nonces.get(account.address);
    if (nonce === undefined) {
      nonce = await this.client.getTransactionCount({ address: account.address, blockTag: 'pending' });
    }
    this.nonces.set(account.address, nonce + 1);
    return nonce;
  }

  /** Signs and sends one transaction into the pool; returns its hash, to find its receipt among `mine`'s. */
  async write<
    const abi extends Abi,
    functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
    args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
  >(
    account: HDAccount,
    call: { address: Address; abi: abi; functionName: functionName; args: args; value?: bigint; gas?: bigint },
    label: string,
  ): Promise<Hex> {
    const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as never);
    const value = call.value ?? 0n;
    const serialized = await account.signTransaction({
      chainId: this.chainId,
      type: 'eip1559',
      to: call.address,
      data,
      value,
      nonce: await this.nextNonce(account),
      gas: call.gas ?? 600_000n,
      maxFeePerGas: 50_000_000_000n,
      maxPriorityFeePerGas: 1n,
    });
    const hash = await this.rpc<Hex>('eth_sendRawTransaction', [serialized]);
    this.pending.push({ hash, label, from: account.address, to: call.address, data, value });
    this.transactions++;
    return hash;
  }

  /** Mines until every sent transaction is in a block; throws naming each one that reverted, and why. */
  async mine(abiForErrors: Abi): Promise<TransactionReceipt[]> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return [];
    for (let round = 0; ; round++) {
      await this.rpc('evm_mine');
      this.blocksMined++;
      const status = await this.rpc<{ pending: Hex; queued: Hex }>('txpool_status');
      if (Number(status.pending) === 0 && Number(status.queued) === 0) break;
      if (round > 200) throw new Error(`transactions stuck in the pool: ${JSON.stringify(status)}`);
    }
    const receipts = await Promise.all(batch.map(({ hash }) => this.client.getTransactionReceipt({ hash })));
    const failures: string[] = [];
    for (const [i, receipt] of receipts.entries()) {
      if (receipt.status === 'success') continue;
      const tx = batch[i];
      failures.push(`${tx.label} (${tx.hash}, gas used ${receipt.gasUsed}): ${await this.revertReason(tx, receipt, abiForErrors)}`);
    }
    if (failures.length) throw new Error(`seeding transactions reverted:\n  ${failures.join('\n  ')}`);
    return receipts;
  }

  private async revertReason(tx: Pending, receipt: TransactionReceipt, abi: Abi): Promise<string> {
    try {
      await this.client.call({
        account: tx.from,
        to: tx.to,
        data: tx.data,
        value: tx.value,
        blockNumber: receipt.blockNumber - 1n,
      });
      return 'reverted in its block (out of gas, or an earlier transaction of the block changed the state)';
    } catch (error) {
      const data = findRevertData(error);
      if (data) {
        try {
          const decoded = decodeErrorResult({ abi, data });
          return `${decoded.errorName}(${(decoded.args ?? []).map(String).join(', ')})`;
        } catch {
          return `revert data ${data}`;
        }
      }
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
  }
}

function findRevertData(error: unknown): Hex | undefined {
  let current = error as { data?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 8; depth++) {
    if (typeof current.data === 'string' && current.data.startsWith('0x')) return current.data as Hex;
    if (current.data && typeof (current.data as { data?: unknown }).data === 'string') {
      return (current.data as { data: Hex }).data;
    }
    current = current.cause as typeof current;
  }
  return undefined;
}
