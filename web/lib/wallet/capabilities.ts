// What an injected wallet can do beyond eth_sendTransaction, from its EIP-5792 `wallet_getCapabilities`: today
// whether it runs a list of calls atomically (one confirmation for approve + checkout). Asked once per wallet,
// account and chain; a wallet that does not implement the method, refuses it or does not answer in time
// simply has no capabilities. ERC-7677's `paymasterService`: the wallet lets a paymaster web service named in
// wallet_sendCalls pay (here: take in the stablecoin) the batch's gas.
import { type Hex, numberToHex } from 'viem';

export interface WalletCapabilities {
  /** `wallet_sendCalls` with `atomicRequired: true` is worth asking for: all calls succeed or none do. */
  atomic: boolean;
  /** ERC-7677: `capabilities.paymasterService.url` in wallet_sendCalls is honoured (`paymasterService.supported`). */
  paymasterService: boolean;
}

export const NO_CAPABILITIES: WalletCapabilities = Object.freeze({ atomic: false, paymasterService: false });

/** How long a wallet gets to answer wallet_getCapabilities before the site goes on without batching. */
export const CAPABILITIES_TIMEOUT_MS = 3_000;

type ChainCapabilities = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one chain's capabilities from a wallet_getCapabilities answer (keyed by hex chain id; "0x0" lists
 * what holds on every chain). Atomic batching: EIP-5792's `atomic.status` "supported", or "ready" (the wallet
 * upgrades the account when asked); wallets built on earlier drafts say `atomicBatch.supported: true`.
 * Anything malformed counts as nothing supported.
 */
export function parseCapabilities(answer: unknown, chainId: number): WalletCapabilities {
  if (!isObject(answer)) return NO_CAPABILITIES;
  const chainOf = (key: string): bigint | null => {
    try {
      return BigInt(key);
    } catch {
      return null;
    }
  };
  const entries = Object.entries(answer).filter((entry): entry is [string, ChainCapabilities] => isObject(entry[1]));
  // Every-chain entries first, so the chain's own answer wins where both speak.
  const merged: ChainCapabilities = Object.assign(
    {},
    ...entries.filter(([key]) => chainOf(key) === 0n).map(([, value]) => value),
    ...entries.filter(([key]) => chainOf(key) === BigInt(chainId)).map(([, value]) => value),
  );
  const atomic = merged.atomic;
  const legacy = merged.atomicBatch;
  const paymaster = merged.paymasterService;
  return {
    atomic: (isObject(atomic) && (atomic.status === 'supported' || atomic.status === 'ready')) || (isObject(legacy) && legacy.supported === true),
    paymasterService: isObject(paymaster) && paymaster.supported === true,
  };
}

export type AskCapabilities = (chainIdHex: Hex) => Promise<unknown>;

/** One answer per wallet + account + chain, kept for the page's lifetime (a reload asks again). */
export class CapabilityCache {
  #entries = new Map<string, Promise<WalletCapabilities>>();

  constructor(readonly timeoutMs = CAPABILITIES_TIMEOUT_MS) {}

  static key(wallet: string, account: string, chainId: number): string {
    return `${wallet}|${account.toLowerCase()}|${chainId}`;
  }

  get(wallet: string, account: string, chainId: number, ask: AskCapabilities): Promise<WalletCapabilities> {
    const key = CapabilityCache.key(wallet, account, chainId);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = this.#ask(ask, chainId);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** The wallet claimed a capability and then refused it: stop offering it for this wallet, account and chain. */
  revoke(wallet: string, account: string, chainId: number): void {
    this.#entries.set(CapabilityCache.key(wallet, account, chainId), Promise.resolve(NO_CAPABILITIES));
  }

  async #ask(ask: AskCapabilities, chainId: number): Promise<WalletCapabilities> {
    let timer: number | ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, this.timeoutMs)));
    try {
      // Unsupported method (4200, -32601), a refusal or no answer in time: no batching, the usual path.
      return parseCapabilities(await Promise.race([ask(numberToHex(chainId)), timeout]), chainId);
    } catch {
      return NO_CAPABILITIES;
    } finally {
      clearTimeout(timer);
    }
  }
}
