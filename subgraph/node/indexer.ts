// Follows the chain over JSON-RPC: fetches the data sources' logs in block order, runs their handlers,
// and commits each block (or a range of blocks while catching up) atomically with the block pointer.
// A reset chain (the stored head's hash differs from the chain's block at that height) empties the store
// and indexes again from the start blocks.
import type { Hex } from 'viem';
import { HandlerError, type LogFn, MappingRuntime, type RpcBlock, type RpcLog } from './host.ts';
import { DatabaseError } from './db.ts';
import type { EventHandler, Subgraph } from './manifest.ts';
import type { BlockPtr, EntityStore } from './store.ts';

export interface IndexerOptions {
  rpcUrl: string;
  subgraph: Subgraph;
  store: EntityStore;
  log: LogFn;
  /** How often to ask for new blocks. */
  pollMs?: number;
  /** Most blocks per eth_getLogs request. */
  rangeSize?: number;
  /** About how many logs to process per committed chunk while catching up. */
  chunkLogs?: number;
}

interface LogWindow {
  from: number;
  to: number;
  logs: RpcLog[];
}

interface ChunkData {
  logs: RpcLog[];
  blockNumbers: number[];
  blocks: Map<number, RpcBlock>;
}

export class Indexer {
  private readonly runtimes: MappingRuntime[];
  private readonly topics: Hex[];
  private readonly addresses: Hex[] | null;
  private readonly startBlock: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private rpcId = 0;
  private window: LogWindow | null = null;
  private nextChunk: { from: number; to: number; data: Promise<ChunkData> } | null = null;
  /** After a handler failed in a multi-block range: commit the blocks before the failed one first. */
  private stopBefore: number | null = null;
  failed: string | null;
  eventsProcessed = 0;
  /** Where indexing time goes, in milliseconds (for the benchmark and progress logs). */
  readonly timings = { fetch: 0, handlers: 0, commit: 0 };

  constructor(private readonly opts: IndexerOptions) {
    this.runtimes = opts.subgraph.dataSources.map((ds) => new MappingRuntime(ds, opts.subgraph.schema, opts.store, opts.log));
    this.topics = [...new Set(opts.subgraph.dataSources.flatMap((ds) => ds.handlers.map((h) => h.topic0)))];
    const addresses = opts.subgraph.dataSources.map((ds) => ds.address);
    this.addresses = addresses.includes(null) ? null : [...new Set(addresses as Hex[])];
    this.startBlock = Math.min(...opts.subgraph.dataSources.map((ds) => ds.startBlock));
    this.failed = opts.store.indexingError();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.opts.store.settle().catch((error) => this.opts.log('error', `last commit failed: ${(error as Error).message}`));
  }

  private async run(): Promise<void> {
    let backoff = 250;
    while (this.running) {
      try {
        const progressed = this.failed ? false : await this.step();
        // Let the commit in flight finish before idling, so what is indexed is also queryable; then
        // VACUUM / ANALYZE what the catch-up changed.
        if (!progressed) await this.opts.store.maintain();
        backoff = 250;
        if (!progressed) await this.sleep(this.opts.pollMs ?? 250);
      } catch (error) {
        // A store failure is as final as a handler error: retrying the same writes fails the same way.
        if (error instanceof HandlerError || error instanceof DatabaseError) {
          const message = error instanceof DatabaseError ? `store error: ${error.message}` : error.message;
          this.forgetFetched();
          await this.opts.store.discardPending();
          await this.opts.store.recordFailure(message).catch((e) => this.opts.log('error', `could not record the indexing error: ${(e as Error).message}`));
          this.opts.log('error', `indexing stopped: ${message}`);
          // Visible only once recorded and logged, so whoever sees it also finds it stored.
          this.failed = message;
          continue;
        }
        await this.opts.store.discardPending();
        this.forgetFetched();
        this.opts.log('warning', `indexing will retry: ${(error as Error).message}`);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Indexes the next chunk of blocks; false when already at the chain head. Logs are fetched for a
   * window of up to `rangeSize` blocks at once; the window is then processed in chunks of about
   * `chunkLogs` logs, each committed atomically, with the next chunk's blocks fetched while the
   * current one runs, and its commit running in the database worker while the next one runs.
   */
  async step(): Promise<boolean> {
    const store = this.opts.store;
    const chainHead = Number(await this.rpc<Hex>('eth_blockNumber', []));
    let head = store.head();
    if (head) {
      const onChain = head.number <= chainHead ? await this.rpc<RpcBlock | null>('eth_getBlockByNumber', [toQuantity(head.number), false]) : null;
      if (!onChain || onChain.hash !== head.hash) {
        this.opts.log('warning', `chain reset detected (block ${head.number} is ${onChain?.hash ?? 'missing'}, indexed ${head.hash}); re-indexing from block ${this.startBlock}`);
        await store.reset();
        this.forgetFetched();
        this.failed = null;
        head = null;
      }
    }
    const from = head ? head.number + 1 : this.startBlock;
    if (from > chainHead) return false;

    let started = performance.now();
    if (!this.window || from < this.window.from || from > this.window.to) {
      const to = Math.min(chainHead, from + (this.opts.rangeSize ?? 2000) - 1);
      this.window = { from, to, logs: await this.logs(from, to) };
      this.nextChunk = null;
    }
    const window = this.window;
    const to = Math.min(this.chunkEnd(window, from), this.stopBefore ?? Infinity);
    this.stopBefore = null;
    const prefetched = this.nextChunk?.from === from && this.nextChunk.to === to ? this.nextChunk.data : null;
    const { logs, blockNumbers, blocks } = await (prefetched ?? this.fetchChunk(window, from, to));
    this.nextChunk = null;
    if (to < window.to) {
      const nextTo = this.chunkEnd(window, to + 1);
      const data = this.fetchChunk(window, to + 1, nextTo);
      data.catch(() => {});
      this.nextChunk = { from: to + 1, to: nextTo, data };
    }
    this.timings.fetch += performance.now() - started;

    started = performance.now();
    let index = 0;
    for (const number of blockNumbers) {
      const block = blocks.get(number)!;
      const ptr: BlockPtr = { number, hash: block.hash, timestamp: Number(block.timestamp) };
      for (; index < logs.length && Number(logs[index].blockNumber) === number; index++) {
        const log = logs[index];
        if (log.blockHash !== block.hash) throw new Error(`block ${number} changed while indexing (log in ${log.blockHash}, block is ${block.hash})`);
        for (const runtime of this.runtimes) {
          const ds = runtime.dataSource;
          if (number < ds.startBlock || (ds.address && ds.address.toLowerCase() !== log.address.toLowerCase())) continue;
          for (const handler of ds.handlers.filter((h: EventHandler) => h.topic0 === log.topics[0])) {
            try {
              runtime.handle(handler, log, block, ptr);
            } catch (error) {
              if (error instanceof HandlerError && number > from) {
                // Like graph-node, which commits block by block: keep the blocks before the failed one.
                await this.opts.store.discardPending();
                this.nextChunk = null;
                this.stopBefore = number - 1;
                return true;
              }
              throw error;
            }
            this.eventsProcessed++;
          }
        }
      }
    }
    this.timings.handlers += performance.now() - started;
    started = performance.now();
    const last = blocks.get(to)!;
    await store.commit({ number: to, hash: last.hash, timestamp: Number(last.timestamp), parentHash: last.parentHash });
    this.timings.commit += performance.now() - started;
    return true;
  }

  private forgetFetched(): void {
    this.window = null;
    this.nextChunk = null;
  }

  /** The last block of the chunk starting at `from`: about `chunkLogs` logs, whole blocks. */
  private chunkEnd(window: LogWindow, from: number): number {
    const limit = this.opts.chunkLogs ?? 4000;
    let count = 0;
    for (const log of window.logs) {
      const number = Number(log.blockNumber);
      if (number < from) continue;
      if (count >= limit && number > from) return number - 1;
      count++;
    }
    return window.to;
  }

  private async logs(from: number, to: number): Promise<RpcLog[]> {
    const filter: Record<string, unknown> = { fromBlock: toQuantity(from), toBlock: toQuantity(to), topics: [this.topics] };
    if (this.addresses) filter.address = this.addresses;
    const logs = (await this.rpc<RpcLog[]>('eth_getLogs', [filter])).filter((l) => !l.removed);
    return logs.sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex));
  }

  private async fetchChunk(window: LogWindow, from: number, to: number): Promise<ChunkData> {
    const logs = window.logs.filter((l) => Number(l.blockNumber) >= from && Number(l.blockNumber) <= to);
    const blockNumbers = [...new Set(logs.map((l) => Number(l.blockNumber)))];
    if (!blockNumbers.includes(to)) blockNumbers.push(to);
    return { logs, blockNumbers, blocks: await this.blocks(blockNumbers) };
  }

  /** Blocks with their transactions (the handlers get the event's transaction). */
  private async blocks(numbers: number[]): Promise<Map<number, RpcBlock>> {
    const out = new Map<number, RpcBlock>();
    const batchSize = 100;
    for (let i = 0; i < numbers.length; i += batchSize) {
      const batch = numbers.slice(i, i + batchSize);
      const results = await this.rpcBatch<RpcBlock | null>(batch.map((n) => ['eth_getBlockByNumber', [toQuantity(n), true]]));
      batch.forEach((n, j) => {
        const block = results[j];
        if (!block) throw new Error(`block ${n} not found`);
        out.set(n, block);
      });
    }
    return out;
  }

  private async rpc<T>(method: string, params: unknown[]): Promise<T> {
    const [result] = await this.rpcBatch<T>([[method, params]]);
    return result;
  }

  private async rpcBatch<T>(calls: [string, unknown[]][]): Promise<T[]> {
    const body = calls.map(([method, params]) => ({ jsonrpc: '2.0', id: ++this.rpcId, method, params }));
    const response = await fetch(this.opts.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`RPC ${this.opts.rpcUrl} answered HTTP ${response.status}`);
    const replies = (await response.json()) as { id: number; result?: T; error?: { message: string } }[];
    const byId = new Map(replies.map((r) => [r.id, r]));
    return body.map((call) => {
      const reply = byId.get(call.id);
      if (!reply) throw new Error(`RPC ${call.method}: no reply`);
      if (reply.error) throw new Error(`RPC ${call.method}: ${reply.error.message}`);
      return reply.result as T;
    });
  }
}

function toQuantity(n: number): Hex {
  return `0x${n.toString(16)}`;
}
