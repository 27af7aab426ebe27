// The connected wallet: one of the EIP-6963 wallets the browser announced (keyed by rdns), the built-in
// wallet, or a passkey account (an ERC-4337 smart account: it writes through the bundler only). Wraps the provider's own events (accountsChanged, chainChanged, disconnect) instead of polling.
import { type EIP1193Provider, type EIP6963ProviderDetail, createStore } from 'mipd';
import { type Address, type Hex, type LocalAccount, type WalletClient, numberToHex } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import type { SmartAccount } from 'viem/account-abstraction';
import type { StoredPasskey } from '../aa/passkey-account.ts';
import { chainOf } from '../chain/chain.ts';
import { WriteError } from '../tx/write-error.ts';
import { PASSKEY_SESSION_KEY, findPasskey } from './passkeys.ts';
import { settings } from '../config/settings.svelte.ts';
import { CHANNEL, broadcastLock, clearSession, loadSession, requestSession, saveSession, serveSession, sessionAllowed, storedBuiltinAddress } from './session.ts';

const LAST_WALLET = 'chainmart:last-wallet';
/** LAST_WALLET's value for the built-in wallet (injected wallets are remembered by rdns). */
const BUILTIN = 'builtin';
/** LAST_WALLET's value for a passkey account (which one: PASSKEY_SESSION_KEY in sessionStorage). */
const PASSKEY = 'passkey';

class WalletDiscovery {
  providers = $state<readonly EIP6963ProviderDetail[]>([]);
  #store = typeof window === 'undefined' ? null : createStore();

  constructor() {
    if (!this.#store) return;
    this.providers = this.#store.getProviders();
    this.#store.subscribe((providers) => (this.providers = providers));
  }

  find(rdns: string): EIP6963ProviderDetail | undefined {
    return this.providers.find((p) => p.info.rdns === rdns);
  }
}

export const discovery = new WalletDiscovery();

type Source =
  | { kind: 'injected'; detail: EIP6963ProviderDetail }
  | { kind: 'builtin'; account: LocalAccount; key: Hex }
  | { kind: 'passkey'; passkey: StoredPasskey };
type ClientFactory = typeof import('./client-factory.ts');

// Loaded on the first connection (see client-factory.ts); every connect path awaits it.
let factory: ClientFactory | undefined;
async function loadFactory(): Promise<ClientFactory> {
  factory ??= await import('./client-factory.ts');
  return factory;
}

class Connection {
  address = $state<Address | undefined>();
  chainId = $state<number | undefined>();
  source = $state.raw<Source | undefined>();
  connecting = $state(false);
  #unsubscribe: (() => void) | undefined;
  #channel: BroadcastChannel | undefined;

  constructor() {
    if (typeof BroadcastChannel === 'undefined') return;
    // Hands this tab's unlocked built-in key to a new tab of the site, and locks when another tab disconnects
    // (see session.ts for why, and where it is not done).
    this.#channel = new BroadcastChannel(CHANNEL);
    serveSession(
      this.#channel,
      () => (this.source?.kind === 'builtin' && sessionAllowed(location) ? { address: this.source.account.address, key: this.source.key } : null),
      () => {
        if (this.source?.kind !== 'builtin') return;
        clearSession(sessionStorage);
        this.#reset();
        localStorage.removeItem(LAST_WALLET);
      },
    );
  }

  get connected(): boolean {
    return this.address !== undefined;
  }

  get wrongNetwork(): boolean {
    return this.connected && this.chainId !== settings.site.chainId;
  }

  get label(): string {
    if (!this.source) return '';
    if (this.source.kind === 'builtin' || this.source.kind === 'passkey') return this.source.kind;
    return this.source.detail.info.name;
  }

  #smart: { key: string; account: Promise<SmartAccount> } | undefined;

  /**
   * The smart account writes go through as ERC-4337 user operations (gas paid in the stablecoin), or
   * undefined: plain transactions. The built-in wallet's is the Simple7702Account of its own key (same
   * address), on a network with a bundler and a paymaster (the settings' or the network's); a passkey
   * account's is always its smart account (it has no other way to write). Consumers depend on this method
   * only, whatever the wallet kind.
   */
  async smartAccount(): Promise<SmartAccount | undefined> {
    const source = this.source;
    const { bundlerUrl, paymasterUrl, rpcUrls } = settings.current;
    if (source?.kind === 'passkey') {
      const key = `passkey|${source.passkey.id}|${rpcUrls.join(',')}`;
      if (this.#smart?.key !== key) {
        const account = Promise.all([import('viem/account-abstraction'), import('../aa/passkey-account.ts'), import('../chain/clients.ts')]).then(([{ toWebAuthnAccount }, { toPasskeySmartAccount }, { publicClientFor }]) =>
          toPasskeySmartAccount({
            client: publicClientFor(settings.site, rpcUrls),
            owner: toWebAuthnAccount({ credential: source.passkey }),
            factory: settings.site.passkeyAccountFactory ?? undefined,
          }),
        );
        this.#smart = { key, account };
      }
      return this.#smart.account;
    }
    if (source?.kind !== 'builtin' || !bundlerUrl || !paymasterUrl) return undefined;
    const key = `${source.account.address}|${rpcUrls.join(',')}`;
    if (this.#smart?.key !== key) {
      // Loaded on first use, with viem's client: a page that never writes keeps them off its first load.
      const account = Promise.all([import('../aa/user-operation.ts'), import('../chain/clients.ts')]).then(([{ toChainMartAccount }, { publicClientFor }]) =>
        toChainMartAccount(publicClientFor(settings.site, rpcUrls) as never, source.account as PrivateKeyAccount),
      );
      this.#smart = { key, account };
    }
    return this.#smart.account;
  }

  /** A wallet client bound to the site's chain and the connected account. */
  walletClient(): WalletClient {
    const source = this.source;
    if (!source || !this.address || !factory) throw new Error('no wallet connected');
    if (source.kind === 'passkey') {
      throw new WriteError('a passkey account has no wallet client: its writes go as user operations through the bundler', 'no-wallet');
    }
    const chain = chainOf(settings.site, settings.current.rpcUrls);
    if (source.kind === 'builtin') return factory.localWalletClient(source.account, chain, settings.current.rpcUrls[0]);
    return factory.injectedWalletClient(this.address, chain, source.detail.provider);
  }

  /** Connects the passkey account of a passkey this browser knows (no prompt: the device is asked only to sign). */
  async connectPasskey(passkey: StoredPasskey): Promise<void> {
    const { passkeyAccountAddress } = await import('../aa/passkey-account.ts');
    const address = passkeyAccountAddress(passkey.publicKey, { factory: settings.site.passkeyAccountFactory ?? undefined });
    if (this.source?.kind === 'builtin') clearSession(sessionStorage);
    this.#reset();
    this.source = { kind: 'passkey', passkey };
    this.address = address;
    this.chainId = settings.site.chainId;
    localStorage.setItem(LAST_WALLET, PASSKEY);
    sessionStorage.setItem(PASSKEY_SESSION_KEY, passkey.id);
  }

  async connectInjected(detail: EIP6963ProviderDetail): Promise<void> {
    this.connecting = true;
    try {
      const accounts = (await detail.provider.request({ method: 'eth_requestAccounts' })) as Address[];
      await this.#attach(detail, accounts);
      localStorage.setItem(LAST_WALLET, detail.info.rdns);
    } finally {
      this.connecting = false;
    }
  }

  /**
   * Reconnects silently to the wallet used last time: an injected wallet if it still grants this site its
   * accounts; the built-in wallet if this tab, or another open tab, holds its unlocked key.
   */
  async restore(): Promise<void> {
    const rdns = localStorage.getItem(LAST_WALLET);
    if (!rdns || this.connected) return;
    if (rdns === BUILTIN) return this.#restoreBuiltin();
    if (rdns === PASSKEY) return this.#restorePasskey();
    // Wallets announce themselves right after load; give them a moment.
    for (let i = 0; i < 10 && !discovery.find(rdns); i++) await new Promise((r) => setTimeout(r, 100));
    const detail = discovery.find(rdns);
    if (!detail) return;
    const accounts = (await detail.provider.request({ method: 'eth_accounts' })) as Address[];
    if (accounts.length) await this.#attach(detail, accounts);
  }

  /** Connects the built-in wallet with its unlocked key (the wallet page decrypts it with the passphrase). */
  async connectBuiltin(key: Hex): Promise<void> {
    const [, { privateKeyToAccount }] = await Promise.all([loadFactory(), import('viem/accounts')]);
    const account = privateKeyToAccount(key);
    this.#reset();
    this.source = { kind: 'builtin', account, key };
    this.address = account.address;
    this.chainId = settings.site.chainId;
    localStorage.setItem(LAST_WALLET, BUILTIN);
    if (sessionAllowed(location)) saveSession(sessionStorage, account.address, key);
  }

  disconnect(): void {
    if (this.source?.kind === 'builtin') {
      clearSession(sessionStorage);
      if (this.#channel) broadcastLock(this.#channel);
    }
    if (this.source?.kind === 'passkey') sessionStorage.removeItem(PASSKEY_SESSION_KEY);
    this.#reset();
    localStorage.removeItem(LAST_WALLET);
  }

  async #restorePasskey(): Promise<void> {
    const id = sessionStorage.getItem(PASSKEY_SESSION_KEY);
    const passkey = id ? findPasskey(localStorage, id) : undefined;
    if (passkey && !this.connected) await this.connectPasskey(passkey);
  }

  #reset(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.source = undefined;
    this.address = undefined;
    this.chainId = undefined;
  }

  async #restoreBuiltin(): Promise<void> {
    const address = storedBuiltinAddress(localStorage);
    if (!address || !sessionAllowed(location)) return;
    const key = loadSession(sessionStorage, address) ?? (this.#channel ? await requestSession(this.#channel, address) : null);
    if (!key || this.connected) return;
    await this.connectBuiltin(key);
    // The key came from another tab: make sure it is the stored wallet's before keeping it.
    if (this.address?.toLowerCase() !== address.toLowerCase()) {
      clearSession(sessionStorage);
      this.#reset();
    }
  }

  /** Asks the wallet to switch to the site's chain, adding it first if the wallet does not know it (4902). */
  async switchChain(): Promise<void> {
    const source = this.source;
    if (source?.kind !== 'injected') return;
    const site = settings.site;
    const chainId = numberToHex(site.chainId);
    try {
      await source.detail.provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
    } catch (error) {
      if ((error as { code?: number }).code !== 4902) throw error;
      await source.detail.provider.request({
        method: 'wallet_addEthereumChain',
        params: [
          {
            chainId,
            chainName: site.chainName,
            nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
            rpcUrls: settings.current.rpcUrls,
            blockExplorerUrls: site.explorer ? [site.explorer] : undefined,
          },
        ],
      });
    }
    this.chainId = Number(await source.detail.provider.request({ method: 'eth_chainId' }));
  }

  async #attach(detail: EIP6963ProviderDetail, accounts: Address[]): Promise<void> {
    await loadFactory();
    if (this.source?.kind === 'builtin') clearSession(sessionStorage);
    this.#unsubscribe?.();
    const provider: EIP1193Provider = detail.provider;
    this.source = { kind: 'injected', detail };
    this.address = accounts[0];
    this.chainId = Number(await provider.request({ method: 'eth_chainId' }));
    const onAccounts = (next: readonly Address[]) => {
      if (next.length) this.address = next[0];
      else this.disconnect();
    };
    const onChain = (id: string) => (this.chainId = Number(id));
    const onDisconnect = () => this.disconnect();
    provider.on('accountsChanged', onAccounts as never);
    provider.on('chainChanged', onChain as never);
    provider.on('disconnect', onDisconnect as never);
    this.#unsubscribe = () => {
      provider.removeListener('accountsChanged', onAccounts as never);
      provider.removeListener('chainChanged', onChain as never);
      provider.removeListener('disconnect', onDisconnect as never);
    };
  }
}

export const connection = new Connection();
