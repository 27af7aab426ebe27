// What one build of the site knows about its network: chain, contract addresses, default endpoints. Baked in
// at build time by vite.config.ts from deployments/ (see scripts/web/site-config.ts); the user may override
// the endpoints (never the addresses) in settings.
import type { Address, Hex } from 'viem';

export interface SiteConfig {
  network: string;
  chainId: number;
  chainName: string;
  rpcUrls: string[];
  subgraphUrl: string | null;
  ipfsGateway: string;
  /** Kubo-compatible upload API (`POST /api/v0/add`); only the local platform has one. */
  ipfsApi: string | null;
  /**
   * The Storacha upload service merchants upload to when there is no `ipfsApi` (UCAN over HTTP: its URL and
   * principal); null means Storacha's own (up.storacha.network). Users may point it elsewhere in Settings.
   */
  storachaService: { url: string; did: string } | null;
  explorer: string | null;
  /** ERC-4337 v0.8 bundler and the ERC-7677 paymaster that takes the stablecoin for gas (null: not on this network). */
  bundlerUrl?: string | null;
  paymasterUrl?: string | null;
  /** PasskeyAccountFactory (web/lib/aa/passkey-account.ts); null: passkey accounts are not offered on this network. */
  passkeyAccountFactory?: Address | null;
  contracts: {
    /** ChainMartEscrow: checkout, orders, disputes, reviews, payouts, fees. */
    escrow: Address;
    /** ChainMartCatalog: merchants, listings, stock, provenance. */
    catalog: Address;
    points: Address;
    settlementToken: Address;
    /** Token collectors the checkout names in its `Payment`: prior approval, EIP-2612 permit, ERC-3009. */
    approvalCollector: Address;
    permitCollector: Address;
    erc3009Collector: Address;
    /** The platform's attestation gate (EasGate). */
    easGate: Address;
    eas: Address;
    schemaRegistry: Address;
  };
  /** Block of the first contract deployment: where chain reads of events start. */
  startBlock: number;
  /** Most blocks one `eth_getLogs` may span on this network's public RPCs (default 10,000, see chain-read/logs.ts). */
  logRange?: number;
  settlementToken: { symbol: string; decimals: number };
  schemas: Record<'verifiedMerchant' | 'verifiedBuyer' | 'adult', Hex>;
  trustedAttesters: Address[];
  /** Source commit and time the site was built from (SOURCE_DATE_EPOCH), for the verify page. */
  build: { commit: string | null; time: number };
}

declare const __CHAINMART_SITE__: SiteConfig | null;

export function readSiteConfig(): SiteConfig {
  if (typeof __CHAINMART_SITE__ === 'undefined' || !__CHAINMART_SITE__) {
    throw new Error('this build has no network configuration (built in test mode?)');
  }
  return __CHAINMART_SITE__;
}
