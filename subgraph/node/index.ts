// The local graph node: indexes a built subgraph (the real mapping wasm from `graph build`) from a JSON-RPC
// endpoint into PGlite and serves graph-node's GraphQL query API over HTTP.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { buildApiSchema } from './api-schema.ts';
import { deploymentId } from './deployment-id.ts';
import type { LogFn } from './host.ts';
import { Indexer } from './indexer.ts';
import { loadSubgraph } from './manifest.ts';
import { QueryEngine } from './query.ts';
import { EntityStore } from './store.ts';

export interface GraphNodeOptions {
  /** Path to build/subgraph.yaml. */
  subgraph?: string;
  /** Alternatively the subgraph folder; its build/subgraph.yaml is used. */
  root?: string;
  rpcUrl: string;
  host?: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** PGlite data directory; omitted keeps the store in memory. */
  dataDir?: string;
  /** Subgraph name served at /subgraphs/name/<name>. */
  name?: string;
  pollMs?: number;
  maxFirst?: number;
  maxSkip?: number;
  log?: LogFn;
  /** Accepted for the orchestrator's convenience; the manifest's data sources name their own network. */
  network?: string;
}

export interface GraphNode {
  /** The subgraph's query URL. */
  url: string;
  indexedBlock(): Promise<number>;
  /** The handler error that stopped indexing, if any. */
  indexingError(): string | null;
  eventsProcessed(): number;
  /** Milliseconds spent fetching from the RPC (not overlapped by prefetch), in handlers, and committing. */
  timings(): { fetch: number; handlers: number; commit: number };
  stop(): Promise<void>;
}

export async function startGraphNode(opts: GraphNodeOptions): Promise<GraphNode> {
  const manifest = opts.subgraph ?? (opts.root ? join(opts.root, 'build/subgraph.yaml') : undefined);
  if (!manifest) throw new Error('startGraphNode: pass subgraph (path to build/subgraph.yaml) or root (the subgraph folder)');
  if (!existsSync(manifest)) throw new Error(`startGraphNode: ${manifest} does not exist; build the subgraph first (graph build)`);
  const log: LogFn = opts.log ?? ((level, message) => console.log(`${new Date().toISOString()} ${level.toUpperCase()} ${message}`));
  const subgraph = loadSubgraph(manifest);
  const api = buildApiSchema(subgraph.schema);
  const deployment = await deploymentId(manifest);
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  let store: EntityStore;
  try {
    store = await EntityStore.open({ dataDir: opts.dataDir, schema: subgraph.schema, deployment: subgraph.deployment });
  } catch (error) {
    unlock();
    throw error;
  }
  const indexer = new Indexer({ rpcUrl: opts.rpcUrl, subgraph, store, log, pollMs: opts.pollMs });
  const engine = new QueryEngine(store, subgraph.schema, api, { maxFirst: opts.maxFirst ?? 1000, maxSkip: opts.maxSkip ?? 5000 }, () => ({
    hasIndexingErrors: indexer.failed !== null,
    deployment,
  }));
  const name = opts.name ?? 'chainmart';
  const server = createServer((req, res) => {
    void handleHttp(engine, name, req, res).catch((error) => {
      log('error', `query failed: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) send(res, 500, { errors: [{ message: `internal error: ${(error as Error).message}` }] });
    });
  });
  const host = opts.host ?? '127.0.0.1';
  try {
    await listen(server, host, opts.port ?? 8000);
  } catch (error) {
    await store.close();
    unlock();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  log('info', `graph node: ${subgraph.dataSources.length} data source(s), resuming after block ${store.committedHead()?.number ?? 'none'}; serving http://${host}:${port}/subgraphs/name/${name}`);
  indexer.start();
  let stopped = false;
  return {
    url: `http://${host}:${port}/subgraphs/name/${name}`,
    indexedBlock: async () => store.committedHead()?.number ?? -1,
    indexingError: () => indexer.failed,
    eventsProcessed: () => indexer.eventsProcessed,
    timings: () => ({ ...indexer.timings }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await indexer.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      unlock();
    },
  };
}

/** One graph node per data directory: PGlite's files are not safe to share between processes. */
const lockedHere = new Set<string>();

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(resolve(dataDir), 'graph-node.pid');
  if (lockedHere.has(lock)) throw new Error(`graph node: data directory ${dataDir} is in use by another graph node in this process`);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) throw new Error(`graph node: data directory ${dataDir} is in use by process ${pid}`);
  }
  writeFileSync(lock, String(process.pid));
  lockedHere.add(lock);
  return () => {
    lockedHere.delete(lock);
    rmSync(lock, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`graph node: port ${port} on ${host} is already in use`) : error),
    );
    server.listen(port, host, () => resolve());
  });
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
};

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...CORS });
  res.end(JSON.stringify(body));
}

async function handleHttp(engine: QueryEngine, name: string, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const paths = ['/', '/graphql', `/subgraphs/name/${name}`, `/subgraphs/name/${name}/graphql`];
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS);
    res.end();
    return;
  }
  if (!paths.includes(url.pathname.replace(/\/$/, '') || '/')) {
    send(res, 404, { errors: [{ message: `No subgraph at ${url.pathname}; query /subgraphs/name/${name}` }] });
    return;
  }
  let query: string | undefined;
  let variables: Record<string, unknown> | undefined;
  let operationName: string | undefined;
  if (req.method === 'GET') {
    query = url.searchParams.get('query') ?? undefined;
    const vars = url.searchParams.get('variables');
    try {
      variables = vars ? JSON.parse(vars) : undefined;
    } catch {
      send(res, 400, { errors: [{ message: 'variables is not valid JSON' }] });
      return;
    }
    operationName = url.searchParams.get('operationName') ?? undefined;
  } else if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      query = body.query;
      variables = body.variables ?? undefined;
      operationName = body.operationName ?? undefined;
    } catch {
      send(res, 400, { errors: [{ message: 'The request body is not valid JSON' }] });
      return;
    }
  } else {
    send(res, 405, { errors: [{ message: `${req.method} is not supported; POST a GraphQL query` }] });
    return;
  }
  if (typeof query !== 'string' || !query.trim()) {
    send(res, 400, { errors: [{ message: 'The request has no `query` string' }] });
    return;
  }
  const result = await engine.run(query, variables, operationName);
  send(res, 200, result);
}
