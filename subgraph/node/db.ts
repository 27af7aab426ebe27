// The database client: PGlite running in a worker thread (db-worker.mjs). Requests are answered in the
// order they are sent, so a query sent after a commit sees the commit.
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';

/** How long a synchronous query waits for the worker (which may first finish a commit) before giving up. */
const SYNC_TIMEOUT_MS = 300_000;

export interface Statement {
  sql: string;
  params?: unknown[];
  /** COPY .. FROM '/dev/blob' input. */
  copy?: string;
}

/** A failure of the database (a statement it refused, or the worker gone): indexing stops on it. */
export class DatabaseError extends Error {}

export class Database {
  private readonly pending = new Map<number, { resolve(rows: unknown[]): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly syncReplies: MessagePort,
    private readonly syncSignal: Int32Array,
  ) {
    worker.on('message', (message: { id: number; rows?: unknown[]; error?: { message: string; detail?: string } }) => {
      const request = this.pending.get(message.id);
      if (!request) return;
      this.pending.delete(message.id);
      if (message.error) request.reject(new DatabaseError(`database: ${message.error.message}${message.error.detail ? ` (${message.error.detail})` : ''}`));
      else request.resolve(message.rows ?? []);
    });
    worker.on('error', (error) => this.fail(new DatabaseError(`database worker failed: ${error.message}`)));
    worker.on('exit', (code) => this.fail(new DatabaseError(`database worker exited (code ${code})`)));
  }

  /** Opens PGlite in `dataDir` (or in memory). */
  static async open(dataDir: string | undefined): Promise<Database> {
    const { port1, port2 } = new MessageChannel();
    const syncSignal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./db-worker.mjs', import.meta.url), { workerData: { dataDir, syncPort: port2, syncSignal }, transferList: [port2] });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`database worker exited during start (code ${code})`)));
    });
    port1.unref();
    return new Database(worker, port1, syncSignal);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  private send<T>(message: Record<string, unknown>): Promise<T[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.send<T>({ op: 'query', sql, params });
  }

  /**
   * A query answered before this returns: the calling thread blocks until the worker has handled every
   * earlier request and this one. For the mappings' store.get, which wasm calls synchronously.
   */
  querySync<T>(sql: string, params: unknown[] = []): T[] {
    if (this.failure) throw this.failure;
    const id = ++this.nextId;
    Atomics.store(this.syncSignal, 0, 0);
    this.worker.postMessage({ op: 'query', sql, params, id, sync: true });
    if (Atomics.wait(this.syncSignal, 0, 0, SYNC_TIMEOUT_MS) === 'timed-out') throw new Error(`database: no answer within ${SYNC_TIMEOUT_MS / 1000} s`);
    const message = receiveMessageOnPort(this.syncReplies)?.message as { id: number; rows?: T[]; error?: { message: string; detail?: string } } | undefined;
    if (!message || message.id !== id) throw new Error('database: the synchronous answer is missing');
    if (message.error) throw new Error(`database: ${message.error.message}${message.error.detail ? ` (${message.error.detail})` : ''}`);
    return message.rows ?? [];
  }

  async exec(sql: string): Promise<void> {
    await this.send({ op: 'exec', sql });
  }

  /** Runs the statements in one transaction. */
  async transaction(statements: Statement[]): Promise<void> {
    await this.send({ op: 'transaction', statements });
  }

  async close(): Promise<void> {
    try {
      await this.send({ op: 'close' });
    } finally {
      this.syncReplies.close();
      await this.worker.terminate();
    }
  }
}
