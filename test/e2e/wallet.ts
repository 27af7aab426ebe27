// A test wallet in the page: an EIP-1193 provider injected with addInitScript and announced through EIP-6963
// (like a real extension), whose requests are answered in Node by viem with one of anvil's development keys.
// Tests can make it reject the next signature, report another chain, or switch accounts.
import type { Page } from '@playwright/test';
import { type Hex, createWalletClient, defineChain, http, numberToHex } from 'viem';
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
}

const NEEDS_APPROVAL = new Set(['eth_requestAccounts', 'eth_sendTransaction', 'eth_signTypedData_v4', 'personal_sign', 'wallet_addEthereumChain']);

export async function installWallet(page: Page, rpcUrl: string, key: Hex, chainId: number = foundry.id): Promise<TestWallet> {
  let account = privateKeyToAccount(key);
  let currentChain = chainId;
  let reject = false;
  const requests: string[] = [];
  const chain = defineChain({ ...foundry, id: chainId, rpcUrls: { default: { http: [rpcUrl] } } });
  const client = () => createWalletClient({ account, chain, transport: http(rpcUrl) });

  await page.exposeFunction('__testWalletRequest', async (method: string, params: unknown[] = []) => {
    requests.push(method);
    if (NEEDS_APPROVAL.has(method) && reject) {
      reject = false;
      return { error: { code: 4001, message: 'User rejected the request.' } };
    }
    try {
      switch (method) {
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
  };
}
