// Event logs straight from the RPC, the way public L2 endpoints allow: `eth_getLogs` over bounded block ranges
// (most refuse more than 10,000 blocks, some fewer), one range after the other, and a cached copy in the
// browser so a revisit asks only for the blocks added since (see LogCache). The chain reader's only source of
// history besides view functions.
import { type Address, type Hex, type PublicClient, toHex } from 'viem';

/** One log as the RPC returns it (hex quantities), which is also how it is cached. */
export interface RawLog {
  address: Address;
  blockNumber: Hex;
  logIndex: Hex;
  transactionHash: Hex;
  blockHash?: Hex;
  transactionIndex?: Hex;
  topics: Hex[];
  data: Hex;
  removed?: boolean;
}

/** The part of a viem client the reader uses: a fake in tests. */
export type LogClient = Pick<PublicClient, 'request'>;

/** Blocks per `eth_getLogs` when the deployment does not say: what most public L2 RPCs accept. */
export const DEFAULT_MAX_RANGE = 10_000;
/** Blocks near the head re-read on every sync: a reorg there replaces logs the cache holds. */
export const REORG_DEPTH = 12;

export interface ScanOptions {
  address: Address;
  fromBlock: number;
  toBlock: number;
  maxRange?: number;
  topics?: (Hex | Hex[] | null)[];
}

/** The inclusive block ranges of at most `maxRange` blocks that cover `from..to`. */
export function blockRanges(from: number, to: number, maxRange = DEFAULT_MAX_RANGE): [number, number][] {
  if (!(maxRange >= 1)) throw new RangeError(`maxRange must be at least 1, got ${maxRange}`);
  const ranges: [number, number][] = [];
  for (let start = from; start <= to; start += maxRange) ranges.push([start, Math.min(to, start + maxRange - 1)]);
  return ranges;
}

export async function scanLogs(client: LogClient, options: ScanOptions): Promise<RawLog[]> {
  const out: RawLog[] = [];
  for (const [from, to] of blockRanges(options.fromBlock, options.toBlock, options.maxRange)) {
    const logs = (await client.request({
      method: 'eth_getLogs',
      params: [{ address: options.address, fromBlock: toHex(from), toBlock: toHex(to), ...(options.topics ? { topics: options.topics } : {}) }],
    } as never)) as RawLog[];
    for (const log of logs) if (!log.removed) out.push(log);
  }
  return out;
}

export async function headBlock(client: LogClient): Promise<number> {
  return Number(BigInt((await client.request({ method: 'eth_blockNumber' } as never)) as Hex));
}

/** Where the cache keeps its copy: localStorage in the browser, a MemoryStorage in tests, none on the server. */
export type CacheStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface CacheEntry {
  v: 1;
  startBlock: number;
  scannedTo: number;
  logs: RawLog[];
}

export interface SyncOptions {
  chainId: number;
  address: Address;
  startBlock: number;
  maxRange?: number;
  storage?: CacheStorage | null;
}

/**
 * Every log of one contract from the deployment's start block to the head, keyed by chain id and address in
 * the storage with the last block scanned: a revisit scans only from there (less REORG_DEPTH) to the head.
 * A storage that is full or disabled only costs the next visit a full scan.
 */
export class LogCache {
  readonly #client: LogClient;
  readonly #options: SyncOptions;
  #memory: CacheEntry | null = null;
  #syncing: Promise<RawLog[]> | null = null;

  constructor(client: LogClient, options: SyncOptions) {
    this.#client = client;
    this.#options = options;
  }

  get key(): string {
    return `chainmart:logs:${this.#options.chainId}:${this.#options.address.toLowerCase()}`;
  }

  /** The block the cache has read up to (null: nothing cached yet). */
  get scannedTo(): number | null {
    return (this.#memory ?? this.#read())?.scannedTo ?? null;
  }

  /** Brings the copy up to the head; concurrent callers share one sync. */
  sync(): Promise<RawLog[]> {
    this.#syncing ??= this.#sync().finally(() => (this.#syncing = null));
    return this.#syncing;
  }

  async #sync(): Promise<RawLog[]> {
    const { address, startBlock, maxRange } = this.#options;
    const head = await headBlock(this.#client);
    const cached = this.#memory ?? this.#read();
    const resumeFrom = cached ? Math.max(startBlock, cached.scannedTo - REORG_DEPTH + 1) : startBlock;
    const kept = cached ? cached.logs.filter((log) => Number(BigInt(log.blockNumber)) < resumeFrom) : [];
    if (cached && head < cached.scannedTo - REORG_DEPTH) {
      // The chain is shorter than what we read (a test chain restarted): start over.
      return this.#store({ v: 1, startBlock, scannedTo: head, logs: await scanLogs(this.#client, { address, fromBlock: startBlock, toBlock: head, maxRange }) });
    }
    const fresh = resumeFrom <= head ? await scanLogs(this.#client, { address, fromBlock: resumeFrom, toBlock: head, maxRange }) : [];
    return this.#store({ v: 1, startBlock, scannedTo: Math.max(head, resumeFrom - 1), logs: [...kept, ...fresh] });
  }

  #read(): CacheEntry | null {
    try {
      const entry = JSON.parse(this.#options.storage?.getItem(this.key) ?? 'null') as CacheEntry | null;
      if (entry?.v !== 1 || entry.startBlock !== this.#options.startBlock || !Array.isArray(entry.logs)) return null;
      return entry;
    } catch {
      return null;
    }
  }

  #store(entry: CacheEntry): RawLog[] {
    this.#memory = entry;
    try {
      this.#options.storage?.setItem(this.key, JSON.stringify(entry));
    } catch {
      this.#options.storage?.removeItem(this.key);
    }
    return entry.logs;
  }
}
