// The user's endpoint overrides (RPC, subgraph endpoints, IPFS gateway), persisted in this browser. This is
// what keeps the site usable when a default endpoint is blocked or down: any public or self-hosted endpoint
// will do. Subgraph endpoints are a list tried in order (see web/lib/data/endpoints.ts).
import { EndpointSelector } from '../data/endpoints.ts';
import { setSubgraphRouter } from '../graphql/client.ts';
import { readSiteConfig, type SiteConfig } from './site.ts';

const KEY = 'chainmart:settings';

export interface EndpointOverrides {
  rpcUrl?: string;
  /** The whole ordered list, the build's endpoint included wherever the user put it (or removed). */
  subgraphUrls?: string[];
  ipfsGateway?: string;
  /** ERC-4337 bundler and ERC-7677 paymaster service instead of the network's (user operations, gas in the stablecoin). */
  bundlerUrl?: string;
  paymasterUrl?: string;
  /** Another deployment of Storacha's upload service (URL + principal) instead of the build's. */
  storachaService?: { url: string; did: string };
  /** Upload with Storacha even where the network has an IPFS node that takes uploads. */
  preferStoracha?: boolean;
}

export interface Endpoints {
  rpcUrls: string[];
  /** Subgraph endpoints in the order they are tried. */
  subgraphUrls: string[];
  /** The first of them, which pages pass to the data layer: its router picks the endpoint that answers. */
  subgraphUrl: string | null;
  ipfsGateway: string;
  storachaService: { url: string; did: string } | null;
  /** null: this network has no bundler/paymaster, writes are plain transactions. */
  bundlerUrl: string | null;
  paymasterUrl: string | null;
}

/** A DID as a service principal is named: `did:web:up.storacha.network`, `did:key:z6Mk…`. */
export function validDid(value: string): boolean {
  return /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/.test(value) && value.length <= 200;
}

export function validEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Trimmed, without trailing slashes; null when not an http(s) URL. */
export function normalizeEndpoint(value: string): string | null {
  const trimmed = value.trim().replace(/\/+$/, '');
  return validEndpoint(trimmed) ? trimmed : null;
}

function load(site: SiteConfig): EndpointOverrides {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const out: EndpointOverrides = {};
    for (const key of ['rpcUrl', 'ipfsGateway', 'bundlerUrl', 'paymasterUrl'] as const) {
      if (typeof stored[key] === 'string' && validEndpoint(stored[key])) out[key] = stored[key];
    }
    const service = stored.storachaService;
    if (service && typeof service.url === 'string' && validEndpoint(service.url) && typeof service.did === 'string' && validDid(service.did)) {
      out.storachaService = { url: service.url, did: service.did };
    }
    if (stored.preferStoracha === true) out.preferStoracha = true;
    if (Array.isArray(stored.subgraphUrls)) {
      const urls = stored.subgraphUrls.filter((url: unknown): url is string => typeof url === 'string' && validEndpoint(url));
      if (urls.length) out.subgraphUrls = urls;
    } else if (typeof stored.subgraphUrl === 'string' && validEndpoint(stored.subgraphUrl)) {
      // Saved before endpoints were a list: the user's endpoint first, the build's after it as a fallback.
      out.subgraphUrls = [...new Set([stored.subgraphUrl, ...(site.subgraphUrl ? [site.subgraphUrl] : [])])];
    }
    return out;
  } catch {
    return {};
  }
}

class Settings {
  readonly site: SiteConfig = readSiteConfig();
  overrides = $state<EndpointOverrides>(typeof localStorage === 'undefined' ? {} : load(this.site));

  get defaultSubgraphUrls(): string[] {
    return this.site.subgraphUrl ? [this.site.subgraphUrl] : [];
  }

  get current(): Endpoints {
    const subgraphUrls = this.overrides.subgraphUrls ?? this.defaultSubgraphUrls;
    return {
      rpcUrls: this.overrides.rpcUrl ? [this.overrides.rpcUrl] : this.site.rpcUrls,
      subgraphUrls,
      subgraphUrl: subgraphUrls[0] ?? null,
      ipfsGateway: this.overrides.ipfsGateway ?? this.site.ipfsGateway,
      storachaService: this.overrides.storachaService ?? this.site.storachaService,
      bundlerUrl: this.overrides.bundlerUrl ?? this.site.bundlerUrl ?? null,
      paymasterUrl: this.overrides.paymasterUrl ?? this.site.paymasterUrl ?? null,
    };
  }

  /** An empty subgraph list, or the build's own, stores nothing: a later build's default then applies. */
  save(overrides: EndpointOverrides): void {
    const clean: EndpointOverrides = {};
    for (const key of ['rpcUrl', 'ipfsGateway', 'bundlerUrl', 'paymasterUrl'] as const) {
      const value = overrides[key]?.trim();
      if (value) {
        const url = normalizeEndpoint(value);
        if (!url) throw new Error(`${key}: not an http(s) URL`);
        clean[key] = url;
      }
    }
    const urls: string[] = [];
    for (const value of overrides.subgraphUrls ?? []) {
      const url = normalizeEndpoint(value);
      if (!url) throw new Error(`subgraph: ${value} is not an http(s) URL`);
      if (!urls.includes(url)) urls.push(url);
    }
    if (urls.length && urls.join('\n') !== this.defaultSubgraphUrls.join('\n')) clean.subgraphUrls = urls;
    const service = overrides.storachaService;
    if (service && (service.url.trim() || service.did.trim())) {
      const url = normalizeEndpoint(service.url);
      if (!url) throw new Error(`storacha: ${service.url} is not an http(s) URL`);
      if (!validDid(service.did.trim())) throw new Error(`storacha: ${service.did} is not a DID`);
      clean.storachaService = { url, did: service.did.trim() };
    }
    if (overrides.preferStoracha) clean.preferStoracha = true;
    this.overrides = clean;
    localStorage.setItem(KEY, JSON.stringify(clean));
  }
}

export const settings = new Settings();

setSubgraphRouter(new EndpointSelector({ endpoints: () => settings.current.subgraphUrls, rpcUrl: () => settings.current.rpcUrls[0] }));
