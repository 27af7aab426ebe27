// Runs only when the pages are prerendered at build time (the site is static files). Each page's HTML names the
// network's default endpoints as origins to connect to early: the page's first reads (the index, the chain,
// IPFS) then skip the connection setup once its scripts have run, which a slow mobile network pays dearly for.
import type { Handle } from '@sveltejs/kit';
import { readSiteConfig } from '$lib/config/site.ts';

function originOf(url: string | null | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

function preconnectLinks(): string {
  const site = readSiteConfig();
  // Reads are CORS fetches (crossorigin); images come from the gateway without CORS (their own connections).
  const cors = new Set([site.subgraphUrl, site.ipfsGateway, site.rpcUrls[0]].map(originOf).filter((o) => o !== null));
  const links = [...cors].map((origin) => `<link rel="preconnect" href="${origin}" crossorigin>`);
  const images = originOf(site.ipfsGateway);
  if (images) links.push(`<link rel="preconnect" href="${images}">`);
  return links.join('\n    ');
}

let links: string | undefined;

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, { transformPageChunk: ({ html }) => html.replace('</title>', `</title>\n    ${(links ??= preconnectLinks())}`) });
