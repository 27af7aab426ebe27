// A test wallet in the page: an EIP-1193 provider injected with addInitScript and announced through EIP-6963
// (like a real extension), whose requests are answered in Node by viem with one of anvil's development keys.
// Tests can make it reject the next signature, report another chain, or switch accounts.
//
// By default it is a plain wallet: no EIP-5792 (wallet_getCapabilities, wallet_sendCalls and
// wallet_getCallsStatus answer 4200, as in wallets without it). With `batches: true` it is an EIP-5792 wallet
// that reports atomic batching as "supported" on its chain and runs wallet_sendCalls the way EIP-7702 wallets
// do: the account delegates to a batch executor (OpenZeppelin's ERC-7821, contracts/test/mocks/
// TestBatchExecutor.sol, deployed on first use) and sends ONE type-4 transaction to itself that makes every
// call, so they all take effect or none does. Limits: the account keeps the delegation afterwards (it has
// code, so a permit signed by it is then checked with ERC-1271, which the executor does not implement);
// the batch is signed without asking about gas, capabilities are not honoured (paymasterService is refused
// as unsupported, like a wallet without it, unless `paymasterService: true`: then the wallet reports ERC-7677's
// paymasterService as supported and records the capabilities each wallet_sendCalls brought, but still pays
// the gas in ETH itself, never calling the paymaster), and statuses are only 100, 200 and 500.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type Address, type Hex, createPublicClient, createWalletClient, defineChain, encodeAbiParameters, encodeFunctionData, http, numberToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

export const WALLET_RDNS = 'org.chainmart.test-wallet';
export const WALLET_NAME = 'Test Wallet';

export interface TestWallet {
  address: `0x${string}`;
  /** The next request that needs the user's approval (connect, sign, send) is rejected with code 4001. */
  rejectNext(): void;
  /** Pretend the wallet is on another chain until the site asks it to switch back. */
  setChainId(chainId: number): void;
  /** Switch to another development key and tell the page (accountsChanged). */
  switchAccount(key: Hex): Promise<void>;
  /** Every method the page asked the wallet for, in order. */
  requests: string[];
  /** The `capabilities` of every wallet_sendCalls request, in order (undefined when it named none). */
  sentCapabilities: unknown[];
}

export interface WalletOptions {
  /** An EIP-5792 wallet that batches atomically (see the top of this file). */
  batches?: boolean;
  /** With `batches`: also report ERC-7677 paymasterService as supported and record what wallet_sendCalls asked (see the top). */
  paymasterService?: boolean;
}

const NEEDS_APPROVAL = new Set(['eth_requestAccounts', 'eth_sendTransaction', 'eth_signTypedData_v4', 'personal_sign', 'wallet_addEthereumChain', 'wallet_sendCalls']);
const EIP5792_METHODS = new Set(['wallet_getCapabilities', 'wallet_sendCalls', 'wallet_getCallsStatus']);

const EXECUTOR_ARTIFACT = join(import.meta.dirname, '../../contracts/out/TestBatchExecutor.sol/TestBatchExecutor.json');
const ERC7821_EXECUTE_ABI = [
  {
    type: 'function',
    name: 'execute',
    stateMutability: 'payable',
    inputs: [
      { name: 'mode', type: 'bytes32' },
      { name: 'executionData', type: 'bytes' },
    ],
    outputs: [],
  },
] as const;
/** ERC-7821's batch mode: call type 0x01 (batch), exec type 0x00 (revert on any failure), no opData. */
const BATCH_MODE = `0x01${'00'.repeat(31)}` as const;
/** One executor per chain (the chain outlives a test; every test wallet may delegate to it). */
const executors = new Map<string, Promise<Address>>();

interface SendCallsRequest {
  chainId: Hex;
  from?: Address;
  calls: { to: Address; data?: Hex; value?: Hex }[];
  capabilities?: Record<string, { optional?: boolean }>;
}

export async function installWallet(page: Page, rpcUrl: string, key: Hex, chainId: number = foundry.id, options: WalletOptions = {}): Promise<TestWallet> {
  let account = privateKeyToAccount(key);
  let currentChain = chainId;
  let reject = false;
  const requests: string[] = [];
  const sentCapabilities: unknown[] = [];
  const chain = defineChain({ ...foundry, id: chainId, rpcUrls: { default: { http: [rpcUrl] } } });
  const client = () => createWalletClient({ account, chain, transport: http(rpcUrl) });
  const reader = createPublicClient({ chain, transport: http(rpcUrl) });
  /** wallet_sendCalls ids -> the transaction that carries the batch. */
  const batches = new Map<string, Hex>();

  const executor = (): Promise<Address> => {
    let deployed = executors.get(rpcUrl);
    if (!deployed) {
      deployed = (async () => {
        const artifact = JSON.parse(readFileSync(EXECUTOR_ARTIFACT, 'utf8')) as { bytecode: { object: Hex } };
        const hash = await client().deployContract({ abi: [], bytecode: artifact.bytecode.object });
        const { contractAddress, status } = await reader.waitForTransactionReceipt({ hash });
        if (status !== 'success' || !contractAddress) throw new Error('the batch executor did not deploy');
        return contractAddress;
      })();
      deployed.catch(() => executors.delete(rpcUrl));
      executors.set(rpcUrl, deployed);
    }
    return deployed;
  };

  const sendCalls = async (request: SendCallsRequest) => {
    if (Number(request.chainId) !== currentChain || currentChain !== chainId) return { error: { code: 5710, message: `unsupported chain ${request.chainId}` } };
    if (request.from && request.from.toLowerCase() !== account.address.toLowerCase()) return { error: { code: 4100, message: 'unknown account' } };
    sentCapabilities.push(request.capabilities);
    const honoured = new Set(options.paymasterService ? ['paymasterService'] : []);
    const required = Object.entries(request.capabilities ?? {}).find(([name, capability]) => !capability.optional && !honoured.has(name));
    if (required) return { error: { code: 5700, message: `unsupported capability ${required[0]}` } };
    const calls = request.calls.map((call) => ({ target: call.to, value: BigInt(call.value ?? 0), callData: call.data ?? '0x' }));
    const executionData = encodeAbiParameters(
      [{ type: 'tuple[]', components: [{ name: 'target', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'callData', type: 'bytes' }] }],
      [calls],
    );
    const wallet = client();
    const authorization = await wallet.signAuthorization({ account, contractAddress: await executor(), executor: 'self' });
    const data = encodeFunctionData({ abi: ERC7821_EXECUTE_ABI, functionName: 'execute', args: [BATCH_MODE, executionData] });
    const value = calls.reduce((sum, call) => sum + call.value, 0n);
    const transaction = { to: account.address, data, value, authorizationList: [authorization] };
    // A batch that would revert is still sent (with a fixed gas limit), as wallets do: it lands and reverts (500).
    const gas = await reader.estimateGas({ account, ...transaction }).catch(() => 3_000_000n);
    const hash = await wallet.sendTransaction({ ...transaction, gas });
    const id = `0x${crypto.randomUUID().replaceAll('-', '')}`;
    batches.set(id, hash);
    return { result: { id } };
  };

  const callsStatus = async (id: string) => {
    const hash = batches.get(id);
    if (!hash) return { error: { code: 5730, message: `unknown bundle id ${id}` } };
    const receipt = await reader.getTransactionReceipt({ hash }).catch(() => null);
    const base = { version: '2.0.0', id, chainId: numberToHex(chainId), atomic: true };
    if (!receipt) return { result: { ...base, status: 100 } };
    const success = receipt.status === 'success';
    return {
      result: {
        ...base,
        status: success ? 200 : 500,
        receipts: [
          {
            logs: success ? receipt.logs.map(({ address, data, topics }) => ({ address, data, topics })) : [],
            status: success ? '0x1' : '0x0',
            blockHash: receipt.blockHash,
            blockNumber: numberToHex(receipt.blockNumber),
            gasUsed: numberToHex(receipt.gasUsed),
            transactionHash: receipt.transactionHash,
          },
        ],
      },
    };
  };

  await page.exposeFunction('__testWalletRequest', async (method: string, params: unknown[] = []) => {
    requests.push(method);
    if (NEEDS_APPROVAL.has(method) && reject) {
      reject = false;
      return { error: { code: 4001, message: 'User rejected the request.' } };
    }
    if (EIP5792_METHODS.has(method) && !options.batches) return { error: { code: 4200, message: `${method} is not supported` } };
    try {
      switch (method) {
        case 'wallet_getCapabilities':
          return { result: { [numberToHex(chainId)]: { atomic: { status: 'supported' }, ...(options.paymasterService ? { paymasterService: { supported: true } } : {}) } } };
        case 'wallet_sendCalls':
          return await sendCalls(params[0] as SendCallsRequest);
        case 'wallet_getCallsStatus':
          return await callsStatus(params[0] as string);
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return { result: [account.address] };
        case 'eth_chainId':
          return { result: numberToHex(currentChain) };
        case 'wallet_switchEthereumChain': {
          const wanted = Number((params[0] as { chainId: string }).chainId);
          if (wanted !== chainId) return { error: { code: 4902, message: `Unrecognized chain ID ${wanted}` } };
          currentChain = wanted;
          return { result: null, event: { name: 'chainChanged', data: numberToHex(wanted) } };
        }
        case 'wallet_addEthereumChain':
          return { result: null };
        case 'personal_sign':
          return { result: await account.signMessage({ message: { raw: params[0] as Hex } }) };
        case 'eth_signTypedData_v4': {
          const typed = JSON.parse(params[1] as string);
          delete typed.types.EIP712Domain;
          return { result: await account.signTypedData(typed) };
        }
        case 'eth_sendTransaction': {
          if (currentChain !== chainId) return { error: { code: 4901, message: 'wallet is on another chain' } };
          const tx = params[0] as { to: Hex; data?: Hex; value?: Hex; gas?: Hex };
          const hash = await client().sendTransaction({
            to: tx.to,
            data: tx.data,
            value: tx.value ? BigInt(tx.value) : undefined,
            gas: tx.gas ? BigInt(tx.gas) : undefined,
          });
          return { result: hash };
        }
        default: {
          const response = await fetch(rpcUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
          });
          const body = await response.json();
          return body.error ? { error: body.error } : { result: body.result };
        }
      }
    } catch (error) {
      return { error: { code: -32603, message: (error as Error).message } };
    }
  });

  // Run under tsx (the node:test suites), esbuild's keepNames wraps the init script's functions in `__name(...)`,
  // a helper that exists only in Node: give the page a no-op one first (Playwright's own runner does not need it).
  await page.addInitScript('globalThis.__name ??= (fn) => fn;');
  await page.addInitScript(
    ({ rdns, name }) => {
      const listeners = new Map<string, Set<(data: unknown) => void>>();
      const emit = (event: string, data: unknown) => listeners.get(event)?.forEach((fn) => fn(data));
      const provider = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = await (window as unknown as { __testWalletRequest: (m: string, p?: unknown[]) => Promise<{ result?: unknown; error?: { code: number; message: string }; event?: { name: string; data: unknown } }> }).__testWalletRequest(method, params);
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          if (answer.event) setTimeout(() => emit(answer.event!.name, answer.event!.data));
          return answer.result;
        },
        on(event: string, fn: (data: unknown) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(fn);
        },
        removeListener(event: string, fn: (data: unknown) => void) {
          listeners.get(event)?.delete(fn);
        },
      };
      (window as unknown as { __testWalletEmit: typeof emit }).__testWalletEmit = emit;
      const icon = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"%3E%3Crect width="8" height="8" fill="%23888"/%3E%3C/svg%3E';
      const detail = Object.freeze({ info: { uuid: crypto.randomUUID(), name, icon, rdns }, provider });
      const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
      window.addEventListener('eip6963:requestProvider', announce);
      announce();
    },
    { rdns: WALLET_RDNS, name: WALLET_NAME },
  );

  return {
    get address() {
      return account.address;
    },
    rejectNext() {
      reject = true;
    },
    setChainId(id: number) {
      currentChain = id;
    },
    async switchAccount(next: Hex) {
      account = privateKeyToAccount(next);
      await page.evaluate((address) => (window as unknown as { __testWalletEmit: (e: string, d: unknown) => void }).__testWalletEmit('accountsChanged', [address]), account.address);
    },
    requests,
    sentCapabilities,
  };
}
