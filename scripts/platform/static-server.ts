// Serves the built site (build/) the way an IPFS gateway does, so what works here works on IPFS:
// a directory answers with its index.html, a directory without a trailing slash redirects to one (the
// prerendered pages use trailingSlash 'always' and relative asset paths), and an unknown path gets the
// site's 404.html (or its SPA fallback 200.html, when the build has one) rather than a bare error.
// Optionally also serves the same files under /ipfs/<cid>/ to mimic a path gateway.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypeForName } from '../ipfs/content-type.ts';

export interface StaticSite {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

export async function serveStatic(opts: {
  root: string;
  host: string;
  port: number;
  /** Serve under /ipfs/<pathPrefixCid>/ only (a path-gateway imitation); default: at the root. */
  pathPrefix?: string;
}): Promise<StaticSite> {
  const root = normalize(opts.root);
  const prefix = opts.pathPrefix ? `/${opts.pathPrefix.replace(/^\/+|\/+$/g, '')}` : '';
  const fallback = ['200.html', '404.html'].map((name) => join(root, name)).find((file) => existsSync(file));
  // Text assets are served gzipped when the browser accepts it, as public gateways and CDNs do.
  const gzipped = new Map<string, Buffer>();
  const compressible = /\.(html|js|css|json|svg|txt|xml|webmanifest)$/;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    if (prefix) {
      if (pathname === prefix) {
        res.writeHead(301, { Location: `${prefix}/${url.search}` }).end();
        return;
      }
      if (!pathname.startsWith(`${prefix}/`)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found (the site lives under ${prefix}/)`);
        return;
      }
      pathname = pathname.slice(prefix.length);
    }
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    const stat = existsSync(file) ? statSync(file) : null;
    if (stat?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const index = join(file, 'index.html');
      if (existsSync(index)) return send(index, 200);
    } else if (stat?.isFile()) {
      return send(file, 200);
    } else if (existsSync(`${file}.html`)) {
      return send(`${file}.html`, 200);
    }
    if (fallback) return send(fallback, fallback.endsWith('200.html') ? 200 : 404);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);

    function send(path: string, status: number) {
      const immutable = path.includes(`${sep}_app${sep}immutable${sep}`);
      const headers: Record<string, string | number> = {
        'Content-Type': contentTypeForName(path) ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept-Encoding',
      };
      if (compressible.test(path) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        let body = immutable ? gzipped.get(path) : undefined;
        if (!body) {
          body = gzipSync(readFileSync(path), { level: 9 });
          if (immutable) gzipped.set(path, body);
        }
        res.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(status, { ...headers, 'Content-Length': statSync(path).size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(path).pipe(res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${opts.host}:${port}${prefix}/`,
    port,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
