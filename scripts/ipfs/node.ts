// The local IPFS node for development: a Helia node (createHeliaLight: no libp2p, no routers, no block
// brokers, so it never dials out) over a file-system blockstore that verifies every block it reads, with
//   - a path gateway:       GET/HEAD /ipfs/<cid>[/path]       (index.html for directories, content types,
//                            Range, ?format=raw / Accept: application/vnd.ipld.raw for the verified block)
//   - a subdomain gateway:  GET http://<cid>.ipfs.localhost:<port>/[path]
//   - a kubo-compatible API subset: POST /api/v0/add, /api/v0/dag/import (a CAR), /api/v0/cat,
//     /api/v0/block/get, /api/v0/version
//     (CORS only for the allowed origins, like kubo's API.HTTPHeaders).
import './polyfill.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { join } from 'node:path';
import { unixfs, type UnixFS } from '@helia/unixfs';
import { FsDatastore } from 'datastore-fs';
import { createHeliaLight } from 'helia';
import type { Helia } from '@helia/interface';
import { CID } from 'multiformats/cid';
import { importCar } from './car.ts';
import { contentTypeForName, sniffContentType } from './content-type.ts';
import { BlockVerificationError, VerifyingFsBlockstore } from './verifying-blockstore.ts';

export interface IpfsNodeOptions {
  /** Blocks and datastore live here (created if missing); content survives restarts. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Origins allowed to call /api/v0 from a browser (the site's origin). */
  apiOrigins?: string[];
  /** Largest upload accepted by /api/v0/add, in bytes. */
  maxUploadBytes?: number;
}

export interface IpfsNode {
  /** Gateway and API base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  helia: Helia;
  fs: UnixFS;
  addBytes(bytes: Uint8Array): Promise<CID>;
  addJson(value: unknown): Promise<CID>;
  /** Adds files under one directory (paths relative to it); returns the directory's CID. */
  addDirectory(files: { path: string; content: Uint8Array }[]): Promise<CID>;
  catBytes(cid: CID | string, path?: string): Promise<Uint8Array>;
  stop(): Promise<void>;
}

/** The import settings ipfs-car and w3up use, so the same bytes get the same CID everywhere. */
export const IMPORT_OPTIONS = { cidVersion: 1, rawLeaves: true } as const;

const DEFAULT_MAX_UPLOAD = 64 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startIpfsNode(options: IpfsNodeOptions): Promise<IpfsNode> {
  const host = options.host ?? '127.0.0.1';
  const apiOrigins = new Set(options.apiOrigins ?? []);
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  const blockstore = new VerifyingFsBlockstore(join(options.dataDir, 'blocks'));
  const datastore = new FsDatastore(join(options.dataDir, 'datastore'));
  await blockstore.open();
  await datastore.open();
  const helia = createHeliaLight({ blockstore, datastore, routers: [], blockBrokers: [] });
  await helia.start();
  const fs = unixfs(helia);

  async function catBytes(cid: CID | string, path?: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of fs.cat(typeof cid === 'string' ? CID.parse(cid) : cid, { path, offline: true })) {
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async function addDirectory(files: { path: string; content: Uint8Array }[]): Promise<CID> {
    let root: CID | undefined;
    const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for await (const entry of fs.addAll(sorted, { ...IMPORT_OPTIONS, wrapWithDirectory: true })) {
      if (entry.path === '') root = entry.cid;
    }
    if (!root) throw new Error('addDirectory: the importer returned no root directory');
    return root;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    if (url.pathname.startsWith('/api/v0/')) return handleApi(req, res, url);
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Range, Accept');
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `method ${req.method} not allowed`);
    const subdomain = /^([a-z0-9]+)\.ipfs\.localhost(:\d+)?$/i.exec(req.headers.host ?? '');
    if (subdomain) return serveContent(req, res, url, subdomain[1], url.pathname, '');
    const match = /^\/ipfs\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (match) return serveContent(req, res, url, match[1], match[2] ?? '', `/ipfs/${match[1]}`);
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ChainMart local IPFS node (Helia). Content: /ipfs/<cid>[/path]. Uploads: POST /api/v0/add\n');
      return;
    }
    throw new HttpError(404, `not found: ${url.pathname} (content lives under /ipfs/<cid>/)`);
  }

  async function serveContent(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    cidText: string,
    rawPath: string,
    prefix: string,
  ): Promise<void> {
    const cid = parseCid(cidText);
    const path = decodeURIComponent(rawPath).replace(/^\/+/, '');
    const wantsRaw =
      url.searchParams.get('format') === 'raw' || (req.headers.accept ?? '').includes('application/vnd.ipld.raw');
    if (wantsRaw && path === '') {
      const chunks: Uint8Array[] = [];
      for await (const chunk of helia.blockstore.get(cid, { offline: true })) chunks.push(chunk);
      const block = Buffer.concat(chunks);
      res.writeHead(200, {
        'Content-Type': 'application/vnd.ipld.raw',
        'Content-Length': block.length,
        ETag: `"${cid}.raw"`,
        'Cache-Control': 'public, max-age=29030400, immutable',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : block);
      return;
    }
    const stat = await statOrNotFound(cid, path);
    if (stat.type === 'directory') {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const index = await statOrNull(cid, join(path, 'index.html'));
      if (index && index.type !== 'directory') {
        return serveFile(req, res, cid, index.cid, 'index.html', index.size, `${prefix}/${path}`);
      }
      return serveListing(req, res, cid, path, url.pathname);
    }
    const name = path.split('/').pop() ?? '';
    return serveFile(req, res, cid, stat.cid, name, stat.size, `${prefix}/${path}`);
  }

  async function serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    root: CID,
    file: CID,
    name: string,
    size: bigint,
    ipfsPath: string,
  ): Promise<void> {
    const total = Number(size);
    const range = parseRange(req.headers.range, total);
    const offset = range?.start ?? 0;
    const length = range ? range.end - range.start + 1 : total;
    const source = fs.cat(file, { offset, length, offline: true })[Symbol.asyncIterator]();
    // The first chunk is read (and its block verified) before any header goes out, so a corrupt block
    // gives an error status instead of a truncated 200.
    const first = length > 0 ? await source.next() : { done: true as const, value: undefined };
    const head = first.done ? new Uint8Array() : first.value;
    const headers: Record<string, string | number> = {
      'Content-Type': contentTypeForName(name) ?? sniffContentType(head),
      'Content-Length': length,
      ETag: `"${file}"`,
      'Cache-Control': 'public, max-age=29030400, immutable',
      'Accept-Ranges': 'bytes',
      'X-Ipfs-Path': ipfsPath,
      'X-Ipfs-Roots': root.toString(),
    };
    if (req.headers['if-none-match'] === headers.ETag) {
      res.writeHead(304, { ETag: headers.ETag }).end();
      return;
    }
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${total}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (!first.done) res.write(head);
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) {
        if (!res.write(next.value)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      // Headers are gone: the only honest signal left is an aborted response.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async function serveListing(
    req: IncomingMessage,
    res: ServerResponse,
    root: CID,
    path: string,
    urlPath: string,
  ): Promise<void> {
    const rows: string[] = [];
    for await (const entry of fs.ls(root, { path, offline: true })) {
      // A directory entry without its slash is redirected to it, like any directory path.
      const href = `${urlPath}${encodeURIComponent(entry.name)}`;
      rows.push(`<li><a href="${escapeHtml(href)}">${escapeHtml(entry.name)}</a> <code>${entry.cid}</code></li>`);
    }
    const html = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(urlPath)}</title><h1>Index of ${escapeHtml(urlPath)}</h1><ul>${rows.join('')}</ul>\n`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'X-Ipfs-Roots': root.toString() });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  async function statOrNull(cid: CID, path: string) {
    try {
      return await fs.stat(cid, { path, offline: true });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function statOrNotFound(cid: CID, path: string) {
    const stat = await statOrNull(cid, path);
    if (!stat) throw new HttpError(404, `not found: ${cid}${path ? `/${path}` : ''} is not in this node`);
    return stat;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!apiOrigins.has(origin)) {
        throw new HttpError(
          403,
          `origin ${origin} may not use this node's API; allowed: ${[...apiOrigins].join(', ') || 'none'} (set IPFS_API_ORIGINS)`,
        );
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Requested-With');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return;
    }
    // kubo answers every API call only to POST (so a cross-site <img> cannot trigger it).
    if (req.method !== 'POST') throw new HttpError(405, `${url.pathname} takes POST`);
    const command = url.pathname.slice('/api/v0/'.length);
    if (command === 'add') return apiAdd(req, res, url);
    if (command === 'dag/import') {
      const files = await readMultipart(req, maxUpload);
      const lines: string[] = [];
      for (const file of files) {
        let roots: CID[];
        try {
          roots = await importCar(helia.blockstore, file.content);
        } catch (error) {
          throw new HttpError(400, `${file.path} is not a valid CAR: ${error instanceof Error ? error.message : error}`);
        }
        for (const cid of roots) lines.push(JSON.stringify({ Root: { Cid: { '/': cid.toString() } } }));
      }
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      res.end(`${lines.join('\n')}\n`);
      return;
    }
    if (command === 'cat') {
      const bytes = await catBytes(parseCid(requiredArg(url)), undefined);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
      res.end(bytes);
      return;
    }
    if (command === 'block/get') {
      const chunks: Uint8Array[] = [];
      for await (const chunk of helia.blockstore.get(parseCid(requiredArg(url)), { offline: true })) chunks.push(chunk);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.concat(chunks));
      return;
    }
    if (command === 'version') {
      sendJson(res, 200, { Version: 'chainmart-helia', System: `node/${process.versions.node}` });
      return;
    }
    throw new HttpError(404, `unsupported API command ${command} (supported: add, dag/import, cat, block/get, version)`);
  }

  async function apiAdd(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cidVersion = Number(url.searchParams.get('cid-version') ?? '1');
    if (cidVersion !== 1) throw new HttpError(400, 'only cid-version=1 is supported (content is addressed by CIDv1)');
    if (url.searchParams.get('only-hash') === 'true') throw new HttpError(400, 'only-hash is not supported');
    const rawLeaves = url.searchParams.get('raw-leaves') !== 'false';
    const wrap = url.searchParams.get('wrap-with-directory') === 'true';
    const files = await readMultipart(req, maxUpload);
    const lines: string[] = [];
    const importOptions = { cidVersion: 1, rawLeaves, wrapWithDirectory: wrap } as const;
    for await (const entry of fs.addAll(files, importOptions)) {
      lines.push(JSON.stringify({ Name: entry.path ?? '', Hash: entry.cid.toString(), Size: String(entry.size) }));
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'X-Chunked-Output': '1' });
    res.end(`${lines.join('\n')}\n`);
  }

  function sendError(res: ServerResponse, error: unknown): void {
    const status =
      error instanceof HttpError ? error.status : error instanceof BlockVerificationError ? 502 : isNotFound(error) ? 404 : 500;
    const message = error instanceof Error ? error.message : String(error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (status >= 500) console.error(`ipfs: ${message}`);
    sendJson(res, status, { Message: message, Code: 0, Type: 'error' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://${host}:${port}`,
    port,
    helia,
    fs,
    addBytes: (bytes) => fs.addBytes(bytes, IMPORT_OPTIONS),
    addJson: (value) => fs.addBytes(new TextEncoder().encode(JSON.stringify(value)), IMPORT_OPTIONS),
    addDirectory,
    catBytes,
    async stop() {
      await closeServer(server);
      await helia.stop();
      await blockstore.close();
      await datastore.close();
    },
  };
}

async function readMultipart(req: IncomingMessage, maxUpload: number): Promise<{ path: string; content: Uint8Array }[]> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    throw new HttpError(400, `${req.url?.split('?')[0]} expects multipart/form-data with one or more files`);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxUpload) throw new HttpError(413, `upload of ${declared} bytes exceeds ${maxUpload} bytes`);
  const body = Readable.toWeb(limitStream(req, maxUpload)) as ReadableStream<Uint8Array>;
  const form = await new Request('http://local/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit).formData();
  const files: { path: string; content: Uint8Array }[] = [];
  for (const value of form.values()) {
    if (typeof value === 'string') continue;
    files.push({ path: value.name || 'file', content: new Uint8Array(await value.arrayBuffer()) });
  }
  if (files.length === 0) throw new HttpError(400, 'no file in the upload (send a multipart part with a filename)');
  return files;
}

function parseCid(text: string): CID {
  try {
    return CID.parse(text);
  } catch {
    throw new HttpError(400, `invalid CID: ${text}`);
  }
}

function requiredArg(url: URL): string {
  const arg = url.searchParams.get('arg');
  if (!arg) throw new HttpError(400, 'missing ?arg=<cid>');
  return arg.replace(/^\/ipfs\//, '');
}

function parseRange(header: string | undefined, total: number): { start: number; end: number } | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, total - Number(match[2]));
    end = total - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? total - 1 : Math.min(Number(match[2]), total - 1);
  }
  if (start > end || start >= total) throw new HttpError(416, `range ${header} not satisfiable for ${total} bytes`);
  return { start, end };
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  return name === 'NotFoundError' || name === 'DoesNotExistError' || name === 'NoContentError';
}

function limitStream(req: IncomingMessage, max: number): Transform {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(new HttpError(413, `upload exceeds ${max} bytes`));
      else callback(null, chunk);
    },
  });
  req.on('error', (error) => limiter.destroy(error));
  return req.pipe(limiter);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
