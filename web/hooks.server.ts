// Runs when the pages are prerendered at build time (the site is static files) and in the dev server. Each
// page's HTML names the network's default endpoints as origins to connect to early, and the listing page's HTML
// asks the index for its listing while the scripts load: a slow mobile network then pays for those round trips
// in parallel with the scripts, not after them. The early query is skipped for a user who chose other index
// endpoints in Settings; the preconnects (a connection, no request) are in every page's HTML regardless.
import type { Handle } from '@sveltejs/kit';
import { readSiteConfig } from '$lib/config/site.ts';
import { ListingDocument } from '$lib/data/generated/documents.ts';

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

/**
 * The listing query as web/lib/graphql/client.ts sends it (same endpoint, same body), sent by the HTML; the
 * client takes its answer (takeEarly). Skipped when the stored settings name other index endpoints, when the
 * id is malformed (the page says so), when the page's own queries have begun (then it is too late to help) or
 * when anything fails (the page then asks as usual).
 */
function earlyListingQuery(): string {
  const { subgraphUrl: url, ipfsGateway: gateway } = readSiteConfig();
  if (!url) return '';
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  // At the end of the body, after the first paint (a frame, then a task): the splash paints first, and the
  // query still leaves long before the scripts have loaded.
  return `<script>
      requestAnimationFrame(() => setTimeout(() => {
        try {
          const stored = JSON.parse(localStorage.getItem('chainmart:settings') || '{}');
          const id = new URLSearchParams(location.search).get('id') || '';
          if (window.__chainmartEarly !== undefined || stored.subgraphUrls || stored.subgraphUrl || !/^\\d{1,20}$/.test(id)) return;
          const url = ${json(url)};
          const body = JSON.stringify({ query: ${json(ListingDocument)}, variables: { id } });
          const response = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body, signal: AbortSignal.timeout(15000) });
          response.catch(() => {});
          window.__chainmartEarly = { url, body, at: performance.now(), response };
          // The product photo is the page's largest paint: from the answer, its metadata document, then the
          // photo itself into the browser's image cache, all before the scripts have run. Only plain CIDv1
          // ipfs:// URIs are followed (the page's own validated reads decide what is shown; this only warms the
          // cache), through the gateway the page will use.
          const gateway = (typeof stored.ipfsGateway === 'string' && /^https?:[/][/]/.test(stored.ipfsGateway) ? stored.ipfsGateway : ${json(gateway)}).replace(/[/]+$/, '');
          const ipfs = (uri) => { const m = /^ipfs:[/][/](b[a-z2-7]{50,100})$/.exec(typeof uri === 'string' ? uri : ''); return m ? gateway + '/ipfs/' + m[1] : null; };
          response
            .then((r) => r.clone().json())
            .then((answer) => {
              const metadata = ipfs(answer && answer.data && answer.data.listing && answer.data.listing.metadataURI);
              return metadata && fetch(metadata, { signal: AbortSignal.timeout(15000) }).then((r) => r.json());
            })
            .then((doc) => {
              const src = ipfs(doc && Array.isArray(doc.images) ? doc.images[0] : null);
              if (!src) return;
              const image = new Image();
              image.referrerPolicy = 'no-referrer';
              image.fetchPriority = 'high';
              image.src = src;
              window.__chainmartEarlyImage = image;
            })
            .catch(() => {});
        } catch {}
      }, 0));
    </script>`;
}

let head: { all: string; listing: string } | undefined;

export const handle: Handle = ({ event, resolve }) => {
  head ??= { all: preconnectLinks(), listing: earlyListingQuery() };
  const listing = event.route.id === '/product';
  return resolve(event, {
    transformPageChunk: ({ html }) => {
      const withLinks = html.replace('</title>', `</title>\n    ${head!.all}`);
      return listing ? withLinks.replace('</body>', `  ${head!.listing}\n  </body>`) : withLinks;
    },
  });
};
