// What the user pasted on the verify page (an order or listing id, a merchant address, a transaction hash),
// and which build of the site is running: its IPFS CID when served from a gateway, the source commit, and
// the command that rebuilds it to check the CID.
import { type Address, type Hash, getAddress } from 'viem';

export type VerifyQuery = { kind: 'order'; id: bigint } | { kind: 'listing'; id: bigint } | { kind: 'merchant'; address: Address } | { kind: 'tx'; hash: Hash };

/**
 * "12" is an order id unless `numberIs` says listing; "order 12", "listing:12", "#12" name the kind. A 40-hex
 * address is a merchant, a 64-hex value a transaction hash.
 */
export function parseQuery(text: string, numberIs: 'order' | 'listing' = 'order'): VerifyQuery | null {
  const value = text.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return { kind: 'tx', hash: value.toLowerCase() as Hash };
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return { kind: 'merchant', address: getAddress(value.toLowerCase()) };
  const named = /^(order|listing)\s*[:#]?\s*(\d{1,20})$/i.exec(value);
  if (named) return { kind: named[1].toLowerCase() as 'order' | 'listing', id: BigInt(named[2]) };
  const bare = /^#?(\d{1,20})$/.exec(value);
  if (bare) return { kind: numberIs, id: BigInt(bare[1]) };
  return null;
}

/** The text that puts a query back in the page's URL (?q=...). */
export function queryText(q: VerifyQuery): string {
  switch (q.kind) {
    case 'order':
      return `order:${q.id}`;
    case 'listing':
      return `listing:${q.id}`;
    case 'merchant':
      return q.address;
    case 'tx':
      return q.hash;
  }
}

const CID = /^(Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{50,})$/;

/** The site's root CID from a gateway URL: path style /ipfs/<cid>/... or subdomain style <cid>.ipfs.<host>. */
export function siteCid(location: { hostname: string; pathname: string }): string | null {
  const path = /^\/ipfs\/([^/]+)/.exec(location.pathname);
  if (path && CID.test(path[1])) return path[1];
  const sub = /^([^.]+)\.ipfs\./i.exec(location.hostname);
  if (sub && CID.test(sub[1].toLowerCase())) return sub[1].toLowerCase();
  return null;
}

/** The commands that rebuild this site from source and compare the result with the CID it is served under. */
export function rebuildCommand(commit: string | null, cid: string | null, network: string): string {
  return `git checkout ${commit ?? '<commit>'} && npm ci && npm run verify:site -- ${cid ?? '<cid>'} --network ${network}`;
}
