// The user's endpoint overrides (RPC, subgraph, IPFS gateway), persisted in this browser. This is what keeps
// the site usable when a default endpoint is blocked or down: any public or self-hosted endpoint will do.
import { readSiteConfig, type SiteConfig } from './site.ts';

const KEY = 'chainmart:settings';

export interface EndpointOverrides {
  rpcUrl?: string;
  subgraphUrl?: string;
  ipfsGateway?: string;
}

export interface Endpoints {
  rpcUrls: string[];
  subgraphUrl: string | null;
  ipfsGateway: string;
}

export function validEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function load(): EndpointOverrides {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const out: EndpointOverrides = {};
    for (const key of ['rpcUrl', 'subgraphUrl', 'ipfsGateway'] as const) {
      if (typeof stored[key] === 'string' && validEndpoint(stored[key])) out[key] = stored[key];
    }
    return out;
  } catch {
    return {};
  }
}

class Settings {
  readonly site: SiteConfig = readSiteConfig();
  overrides = $state<EndpointOverrides>(typeof localStorage === 'undefined' ? {} : load());

  get current(): Endpoints {
    return {
      rpcUrls: this.overrides.rpcUrl ? [this.overrides.rpcUrl] : this.site.rpcUrls,
      subgraphUrl: this.overrides.subgraphUrl ?? this.site.subgraphUrl,
      ipfsGateway: this.overrides.ipfsGateway ?? this.site.ipfsGateway,
    };
  }

  save(overrides: EndpointOverrides): void {
    const clean: EndpointOverrides = {};
    for (const key of ['rpcUrl', 'subgraphUrl', 'ipfsGateway'] as const) {
      const value = overrides[key]?.trim();
      if (value) {
        if (!validEndpoint(value)) throw new Error(`${key}: not an http(s) URL`);
        clean[key] = value.replace(/\/+$/, '');
      }
    }
    this.overrides = clean;
    localStorage.setItem(KEY, JSON.stringify(clean));
  }
}

export const settings = new Settings();
