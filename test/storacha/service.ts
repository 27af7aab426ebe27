// Storacha's own upload service logic (`@storacha/upload-api`) on 127.0.0.1, for tests of the browser uploader.
//
// Built the way Storacha's tests build it: `@storacha/upload-api/test/context` assembles the service with
// in-memory stores (provisions, delegations, uploads, blob registry, agent messages), a generated service
// signer named did:web:test.up.storacha.network, a debug mailer that keeps the login emails instead of
// sending them, and storage nodes that accept the blob PUTs. What the real deployment adds around that logic,
// this file adds too, in the same shape: the service answers UCAN invocations over HTTP (`POST /`, CAR
// encoded, as up.storacha.network does), serves receipts at `GET /receipt/<task cid>` (where the client
// polls for `blob/accept`), and the storage nodes allow the site's cross-origin PUTs (CORS). The login email
// is confirmed by the test itself (`confirmNextLogin`), the way upload-api's tests "click" the link: the
// confirmation invocation is taken from the email's URL and executed against the service.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Message } from '@ucanto/core';
import { CAR } from '@ucanto/transport';
import { parseLink } from '@ucanto/server';

export interface StorachaTestService {
  /** Where the site's client sends invocations (its `storachaService.url`). */
  url: string;
  /** The service principal (its `storachaService.did`). */
  did: string;
  /** Waits for the next login email and confirms it; resolves with the address it was sent to. */
  confirmNextLogin(timeoutMs?: number): Promise<string>;
  /** Root CIDs of the uploads the service has registered in a space (`upload/add`). */
  uploads(space: string): Promise<string[]>;
  close(): Promise<void>;
}

function cors(response: http.ServerResponse) {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
  response.setHeader('Access-Control-Allow-Headers', '*');
  response.setHeader('Access-Control-Expose-Headers', '*');
}

/**
 * The `http` module the test context's storage nodes are started with: the same servers, bound to
 * 127.0.0.1, answering CORS preflights so a page on another origin can PUT its blobs.
 */
const corsHttp = {
  ...http,
  createServer(handler: http.RequestListener) {
    const server = http.createServer((request, response) => {
      cors(response);
      if (request.method === 'OPTIONS') {
        response.writeHead(204);
        response.end();
        return;
      }
      return handler(request, response);
    });
    const listen = server.listen.bind(server);
    // The context calls `listen(callback)`: keep it off the public interfaces.
    (server as { listen: unknown }).listen = (callback: () => void) => listen(0, '127.0.0.1', callback);
    return server;
  },
} as unknown as typeof http;

async function readBody(request: http.IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The slice of upload-api's test context used here. The module is imported by a name TypeScript does not
 * follow: its types lead into @storacha/indexing-service-client's TypeScript sources, which do not compile
 * under this project's settings (verbatimModuleSyntax), and svelte-check would report them.
 */
interface TestContext {
  id: { did(): string };
  connection: { channel: unknown };
  mail: { take(): Promise<{ to: string; url: string } | undefined> };
  grantAccess(mail: { to: string; url: string }): Promise<void>;
  agentStore: { receipts: { get(task: unknown): Promise<{ ok?: unknown; error?: unknown }> } };
  uploadTable: { list(space: string): Promise<{ ok?: { results: { root: { toString(): string } }[] }; error?: Error }> };
}
interface ContextModule {
  createContext(options: { http: typeof http; requirePaymentPlan: boolean }): Promise<TestContext>;
  cleanupContext(context: TestContext): Promise<unknown>;
}
const CONTEXT_MODULE: string = '@storacha/upload-api/test/context';

export async function startStorachaService(options: { port?: number } = {}): Promise<StorachaTestService> {
  const Context = (await import(CONTEXT_MODULE)) as ContextModule;
  const context = await Context.createContext({ http: corsHttp, requirePaymentPlan: false });
  // The context's own server (`connection.channel`) is the ucanto server built with `createServer`.
  const ucanServer = context.connection.channel as unknown as {
    request(request: { headers: Record<string, string>; body: Uint8Array }): Promise<{ status?: number; headers: Record<string, string>; body: Uint8Array }>;
  };

  const server = http.createServer(async (request, response) => {
    cors(response);
    try {
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method === 'OPTIONS') {
        response.writeHead(204).end();
      } else if (request.method === 'POST' && pathname === '/') {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        const answer = await ucanServer.request({ headers, body: await readBody(request) });
        response.writeHead(answer.status ?? 200, answer.headers).end(Buffer.from(answer.body));
      } else if (request.method === 'GET' && pathname.startsWith('/receipt/')) {
        const task = parseLink(pathname.slice('/receipt/'.length));
        const found = await context.agentStore.receipts.get(task);
        if (found.error || !found.ok) {
          response.writeHead(404).end();
          return;
        }
        const message = await Message.build({ receipts: [found.ok as never] });
        const encoded = CAR.request.encode(message);
        response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.car' }).end(Buffer.from(encoded.body));
      } else {
        response.writeHead(404).end();
      }
    } catch (error) {
      console.error('storacha test service:', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    did: context.id.did(),
    async confirmNextLogin(timeoutMs = 30_000) {
      // The debug mailer's `take` waits only ~300 ms for a message: keep asking until the page's
      // `access/authorize` has reached the service.
      const deadline = Date.now() + timeoutMs;
      let mail = await context.mail.take();
      while (!mail) {
        if (Date.now() > deadline) throw new Error(`no login email reached the service within ${timeoutMs} ms`);
        mail = await context.mail.take();
      }
      await context.grantAccess(mail);
      return mail.to;
    },
    async uploads(space: string) {
      const listed = await context.uploadTable.list(space);
      if (listed.error || !listed.ok) throw listed.error ?? new Error('upload/list failed');
      return listed.ok.results.map((upload) => upload.root.toString());
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Context.cleanupContext(context);
    },
  };
}
