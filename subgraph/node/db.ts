// The database client: PGlite running in a worker thread (db-worker.mjs). Requests are answered in the
// order they are sent, so a query sent after a commit sees the commit.
import { Worker } from 'node:worker_threads';

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

  private constructor(private readonly worker: Worker) {
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
    const worker = new Worker(new URL('./db-worker.mjs', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`database worker exited during start (code ${code})`)));
    });
    return new Database(worker);
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
      await this.worker.terminate();
    }
  }
}
