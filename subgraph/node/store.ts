// The entity store: PGlite (Postgres in wasm) persisted in a data directory, one table per entity type
// generated from schema.graphql, plus an in-memory entity cache that answers most of the mappings'
// synchronous store.get (a miss reads the database synchronously). Writes are buffered and committed per
// block (or per range of blocks while catching up) in one transaction together with the block pointer, so
// a restart resumes exactly after the last committed block.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { BigDecimal } from './asc.ts';
import { Database, DatabaseError, type Statement } from './db.ts';
import type { EntityDef, FieldDef, ScalarName, SubgraphSchema } from './schema.ts';

export type Value =
  | { kind: 'String'; value: string }
  | { kind: 'Int'; value: number }
  | { kind: 'BigDecimal'; value: BigDecimal }
  | { kind: 'Bool'; value: boolean }
  | { kind: 'Array'; value: Value[] }
  | { kind: 'Null' }
  | { kind: 'Bytes'; value: Uint8Array }
  | { kind: 'BigInt'; value: bigint }
  | { kind: 'Int8'; value: bigint }
  | { kind: 'Timestamp'; value: bigint };

export type Entity = Map<string, Value>;

export interface BlockPtr {
  number: number;
  hash: string;
  timestamp: number;
  /** Kept for `_meta { block { parentHash } }` (absent in heads committed before it was recorded). */
  parentHash?: string;
}

/** Columns every entity table has besides its fields: the block that last wrote the row. */
export const BLOCK_COLUMN = '__block';

const SQL_TYPES: Record<ScalarName, string> = {
  ID: 'text', String: 'text', Bytes: 'text', BigInt: 'numeric', BigDecimal: 'numeric', Int: 'integer',
  Int8: 'int8', Boolean: 'boolean', Timestamp: 'int8',
};

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function storedFields(entity: EntityDef): FieldDef[] {
  return entity.fields.filter((f) => !f.derivedFrom);
}

export function columnSqlType(field: FieldDef): string {
  return SQL_TYPES[field.scalar] + (field.list ? '[]' : '');
}

/** Select expression giving a column as JS-safe values (int8 and numeric as text). */
export function selectColumn(field: FieldDef, alias = ''): string {
  const column = `${alias}${quoteIdent(field.name)}`;
  if (['Int8', 'Timestamp', 'BigInt', 'BigDecimal'].includes(field.scalar)) return `${column}::text${field.list ? '[]' : ''} AS ${quoteIdent(field.name)}`;
  return column;
}

export function fulltextColumn(name: string): string {
  return quoteIdent(`__fulltext_${name}`);
}

// ---------------------------------------------------------------- value conversion

export function hex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

export function bytesFromHex(text: string): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(text)) throw new Error(`not a 0x-prefixed hex string: ${JSON.stringify(text)}`);
  return Uint8Array.from(Buffer.from(text.slice(2), 'hex'));
}

/** A store value as the text Postgres parses for its column. */
function toSqlText(value: Value): string | null {
  switch (value.kind) {
    case 'Null':
      return null;
    case 'String':
      return value.value;
    case 'Bytes':
      return hex(value.value);
    case 'Bool':
      return value.value ? 'true' : 'false';
    case 'Array':
      return `{${value.value.map((v) => { const t = toSqlText(v); return t === null ? 'NULL' : `"${t.replace(/[\\"]/g, '\\$&')}"`; }).join(',')}}`;
    case 'BigDecimal':
      return value.value.toString();
    default:
      return String(value.value);
  }
}

/** A value in COPY's text format. */
function copyText(text: string | null): string {
  if (text === null) return '\\N';
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** A column value read back (see selectColumn) as a store value. */
export function fromSql(field: FieldDef, raw: unknown): Value {
  if (raw === null || raw === undefined) return { kind: 'Null' };
  if (field.list) return { kind: 'Array', value: (raw as unknown[]).map((r) => fromSql({ ...field, list: false }, r)) };
  switch (field.scalar) {
    case 'String':
    case 'ID':
      return { kind: 'String', value: raw as string };
    case 'Bytes':
      return { kind: 'Bytes', value: bytesFromHex(raw as string) };
    case 'BigInt':
      return { kind: 'BigInt', value: BigInt(raw as string) };
    case 'BigDecimal':
      return { kind: 'BigDecimal', value: BigDecimal.parse(raw as string) };
    case 'Int':
      return { kind: 'Int', value: raw as number };
    case 'Int8':
      return { kind: 'Int8', value: BigInt(raw as string) };
    case 'Timestamp':
      return { kind: 'Timestamp', value: BigInt(raw as string) };
    case 'Boolean':
      return { kind: 'Bool', value: raw as boolean };
  }
}

/** The id of an entity as the text stored in its `id` column. */
export function idText(entity: EntityDef, id: Value): string {
  const text = toSqlText(id);
  if (text === null) throw new Error(`${entity.name} id must not be null`);
  return text;
}

// ---------------------------------------------------------------- the store

interface PendingWrite {
  entity: Entity | null;
  block: number;
  /** Whether the row exists in the database before this batch; undefined when the cache cannot tell. */
  existed: boolean | undefined;
}

/** Postgres' autovacuum_naptime default: how often the daemon looks at a database. */
const AUTOVACUUM_NAPTIME_MS = 60_000;

interface TableStats {
  /** Live rows, as far as the store's writes tell. */
  rows: number;
  modifiedSinceAnalyze: number;
  deadSinceVacuum: number;
}

export interface StoreOptions {
  dataDir?: string;
  schema: SubgraphSchema;
  /** Identifies the build; a different one starts from an empty store. */
  deployment: string;
  /** Most entities kept in memory; beyond it, types lose "fully cached" status and misses go to the database. */
  cacheLimit?: number;
}

export class EntityStore {
  private readonly cache = new Map<string, Map<string, Entity | null>>();
  /** Types whose every row is in the cache, so a miss means "does not exist". */
  private readonly complete = new Set<string>();
  private pending = new Map<string, Map<string, PendingWrite>>();
  private related = new Map<string, string[]>();
  private idSeq = { block: -1, next: 0 };
  private cached = 0;
  /** Row counts and changes per table since its last ANALYZE / VACUUM, for the autovacuum rules. */
  private readonly tableStats = new Map<string, TableStats>();
  private lastMaintenance = performance.now();
  /** The head after the last commit was scheduled (handlers run on top of it). */
  private headPtr: BlockPtr | null = null;
  /** The head the database holds (what queries see). */
  private committedPtr: BlockPtr | null = null;
  private inFlight: Promise<void> | null = null;
  private failure: string | null = null;

  private constructor(
    readonly db: Database,
    readonly schema: SubgraphSchema,
    readonly deployment: string,
    private readonly cacheLimit: number,
  ) {}

  static async open(opts: StoreOptions): Promise<EntityStore> {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const db = await Database.open(opts.dataDir);
    const store = new EntityStore(db, opts.schema, opts.deployment, opts.cacheLimit ?? 500_000);
    await store.migrate();
    await store.createStagingTables();
    await store.warmCache();
    return store;
  }

  private async migrate(): Promise<void> {
    await this.db.exec('CREATE TABLE IF NOT EXISTS __meta (key text PRIMARY KEY, value text NOT NULL)');
    const layout = this.layoutHash();
    const meta = await this.meta();
    if (meta.deployment !== this.deployment || meta.layout !== layout) {
      const tables = await this.db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__meta'");
      await this.db.transaction([
        ...tables.map(({ tablename }) => ({ sql: `DROP TABLE ${quoteIdent(tablename)}` })),
        { sql: 'DELETE FROM __meta' },
        ...this.ddl().map((sql) => ({ sql })),
        { sql: 'INSERT INTO __meta (key, value) VALUES ($1, $2), ($3, $4)', params: ['deployment', this.deployment, 'layout', layout] },
      ]);
      return;
    }
    if (meta.block) this.headPtr = this.committedPtr = JSON.parse(meta.block);
    if (meta.failure) this.failure = meta.failure;
  }

  private async createStagingTables(): Promise<void> {
    for (const entity of this.schema.entities.values()) {
      const columns = [...storedFields(entity).map((f) => `${quoteIdent(f.name)} ${columnSqlType(f)}`), `${BLOCK_COLUMN} integer`];
      await this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${quoteIdent(`__stage_${entity.name}`)} (${columns.join(', ')})`);
    }
  }

  private ddl(): string[] {
    const statements: string[] = [];
    for (const entity of this.schema.entities.values()) {
      const table = quoteIdent(entity.name);
      const columns = storedFields(entity).map((f) => `${quoteIdent(f.name)} ${columnSqlType(f)}${f.name === 'id' ? ' PRIMARY KEY' : ''}`);
      columns.push(`${BLOCK_COLUMN} integer NOT NULL`);
      for (const ft of this.schema.fulltext.filter((f) => f.entity === entity.name)) {
        const doc = ft.fields.map((f) => `coalesce(${quoteIdent(f)}, '')`).join(` || ' ' || `);
        columns.push(`${fulltextColumn(ft.name)} tsvector GENERATED ALWAYS AS (to_tsvector('${ft.language}', ${doc})) STORED`);
      }
      statements.push(`CREATE TABLE ${table} (${columns.join(', ')})`);
      // graph-node indexes every attribute. Here only references are indexed (they serve @derivedFrom
      // lists, nested filters and `where: { ref: .. }`): maintaining an index per attribute made commits
      // three times slower in PGlite, while scans of the other attributes stay fast at a local chain's scale.
      for (const field of storedFields(entity)) {
        if (field.name === 'id' || (field.kind !== 'entity' && field.kind !== 'interface')) continue;
        const index = quoteIdent(`${entity.name}_${field.name}_idx`);
        if (field.list) statements.push(`CREATE INDEX ${index} ON ${table} USING gin (${quoteIdent(field.name)})`);
        else statements.push(`CREATE INDEX ${index} ON ${table} (${quoteIdent(field.name)}, id)`);
      }
      for (const ft of this.schema.fulltext.filter((f) => f.entity === entity.name)) {
        statements.push(`CREATE INDEX ${quoteIdent(`${entity.name}_${ft.name}_idx`)} ON ${table} USING gin (${fulltextColumn(ft.name)})`);
      }
    }
    return statements;
  }

  private layoutHash(): string {
    return createHash('sha256').update(this.ddl().join(';\n')).digest('hex').slice(0, 16);
  }

  private async meta(): Promise<Record<string, string>> {
    const rows = await this.db.query<{ key: string; value: string }>('SELECT key, value FROM __meta');
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Loads small tables whole, so most store.get misses are answered from memory. */
  private async warmCache(): Promise<void> {
    for (const entity of this.schema.entities.values()) {
      const count = Number((await this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(entity.name)}`))[0].n);
      this.tableStats.set(entity.name, { rows: count, modifiedSinceAnalyze: 0, deadSinceVacuum: 0 });
      if (this.cached + count > this.cacheLimit / 2) continue;
      const rows = await this.db.query<Record<string, unknown>>(`SELECT ${storedFields(entity).map((f) => selectColumn(f)).join(', ')} FROM ${quoteIdent(entity.name)}`);
      const map = this.typeCache(entity.name);
      for (const row of rows) map.set(String(row.id), rowToEntity(entity, row));
      this.cached += rows.length;
      this.complete.add(entity.name);
    }
  }

  /** The block indexing continues after (its commit may still be in flight). */
  head(): BlockPtr | null {
    return this.headPtr;
  }

  /** The last block whose commit finished: what queries see. */
  committedHead(): BlockPtr | null {
    return this.committedPtr;
  }

  /** The deterministic handler error that stopped indexing, if any (kept across restarts). */
  indexingError(): string | null {
    return this.failure;
  }

  private typeCache(type: string): Map<string, Entity | null> {
    let map = this.cache.get(type);
    if (!map) this.cache.set(type, (map = new Map()));
    return map;
  }

  /**
   * The entity as the handlers see it (the batch's writes on top of the database), null if it does not
   * exist. A miss of the cache reads the database synchronously, as graph-node's store does for a mapping.
   */
  get(type: string, id: string): Entity | null {
    const hit = this.cache.get(type)?.get(id);
    if (hit !== undefined) return hit;
    if (this.complete.has(type)) return null;
    const entity = this.schema.entities.get(type)!;
    const rows = this.db.querySync<Record<string, unknown>>(`SELECT ${storedFields(entity).map((f) => selectColumn(f)).join(', ')} FROM ${quoteIdent(type)} WHERE id = $1`, [id]);
    const found = rows[0] ? rowToEntity(entity, rows[0]) : null;
    this.remember(type, id, found);
    return found;
  }

  /** Whether the entity was written in the given (uncommitted) block. */
  writtenInBlock(type: string, id: string, block: number): Entity | null | undefined {
    const write = this.pending.get(type)?.get(id);
    return write && write.block === block ? write.entity : undefined;
  }

  /** The block an entity was last written in, if it is in the uncommitted batch. */
  pendingBlock(type: string, id: string): number | undefined {
    return this.pending.get(type)?.get(id)?.block;
  }

  /**
   * Ids of committed `childType` rows whose `fk` field references `id` (for store.loadRelated), read
   * synchronously the first time; the rows are cached. Valid until the next commit, which is when the
   * database changes.
   */
  committedRelated(childType: string, fk: string, id: string): string[] {
    const key = `${childType}\u0000${fk}\u0000${id}`;
    const known = this.related.get(key);
    if (known) return known;
    const entity = this.schema.entities.get(childType)!;
    const field = entity.field.get(fk)!;
    const idCast = field.scalar === 'Int8' ? 'int8' : 'text';
    const condition = field.list ? `$1::${idCast} = ANY(${quoteIdent(fk)})` : `${quoteIdent(fk)} = $1::${idCast}`;
    const rows = this.db.querySync<Record<string, unknown>>(
      `SELECT ${storedFields(entity).map((f) => selectColumn(f)).join(', ')} FROM ${quoteIdent(childType)} WHERE ${condition} ORDER BY id`,
      [id],
    );
    const ids: string[] = [];
    for (const row of rows) {
      const childId = String(row.id);
      ids.push(childId);
      // The cache may hold a newer, uncommitted version: keep it.
      if (this.cache.get(childType)?.get(childId) === undefined) this.remember(childType, childId, rowToEntity(entity, row));
    }
    this.related.set(key, ids);
    return ids;
  }

  /** Uncommitted writes of one type (for store.loadRelated). */
  pendingOf(type: string): Iterable<[string, Entity | null]> {
    return [...(this.pending.get(type) ?? [])].map(([id, w]) => [id, w.entity]);
  }

  private remember(type: string, id: string, entity: Entity | null): void {
    const map = this.typeCache(type);
    if (!map.has(id)) this.cached++;
    map.set(id, entity);
    if (this.cached > this.cacheLimit) this.evict();
  }

  private evict(): void {
    for (const [type, map] of this.cache) {
      const drop = Math.ceil(map.size / 4);
      let n = 0;
      for (const id of map.keys()) {
        if (n++ >= drop) break;
        if (this.pending.get(type)?.has(id)) continue;
        map.delete(id);
        this.cached--;
      }
      this.complete.delete(type);
    }
  }

  /**
   * The next sequence number for a generated (`"auto"`) id in `block`: graph-node's SeqGenerator id sequence,
   * from 0 in every block and shared by all of the block's triggers.
   */
  nextGeneratedIdSeq(block: number): number {
    if (this.idSeq.block !== block) this.idSeq = { block, next: 0 };
    return this.idSeq.next++;
  }

  /** Records a write (already merged with the previous version) for the batch being built. */
  write(type: string, id: string, entity: Entity | null, block: number): void {
    let map = this.pending.get(type);
    if (!map) this.pending.set(type, (map = new Map()));
    const earlier = map.get(id);
    // Before this batch's first write of the entity, the cache holds what the database will hold once
    // the commits sent so far are done.
    const cached = this.cache.get(type)?.get(id);
    const existed = earlier ? earlier.existed : cached !== undefined ? cached !== null : this.complete.has(type) ? false : undefined;
    this.remember(type, id, entity);
    map.set(id, { entity, block, existed });
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Writes the batch and moves the head to `ptr`, atomically, in the database worker. Returns once the
   * commit is scheduled; `settle()` waits for it. Only one commit is in flight at a time.
   */
  async commit(ptr: BlockPtr): Promise<void> {
    await this.settle();
    const pending = this.pending;
    this.pending = new Map();
    this.related.clear();
    const statements: Statement[] = [];
    for (const [type, writes] of pending) {
      const entity = this.schema.entities.get(type)!;
      const fields = storedFields(entity);
      const removed = [...writes].filter(([, w]) => w.entity === null).map(([id]) => id);
      if (removed.length) statements.push({ sql: `DELETE FROM ${quoteIdent(type)} WHERE id::text = ANY($1::text[])`, params: [removed] });
      const written = [...writes.values()].filter((w) => w.entity !== null);
      const created = written.filter((w) => w.existed === false);
      const changed = written.filter((w) => w.existed !== false);
      const stats = this.statsOf(type);
      stats.rows = Math.max(0, stats.rows + created.length - removed.length);
      stats.modifiedSinceAnalyze += written.length + removed.length;
      // An update or delete leaves a dead row version behind (counted for rows that may be new, too).
      stats.deadSinceVacuum += changed.length + removed.length;
      const columnList = [...fields.map((f) => quoteIdent(f.name)), BLOCK_COLUMN].join(', ');
      const copyInput = (rows: PendingWrite[]) => `${rows.map((w) => [...fields.map((f) => copyText(toSqlText(w.entity!.get(f.name) ?? { kind: 'Null' }))), String(w.block)].join('\t')).join('\n')}\n`;
      // COPY is PGlite's fast path (several times faster than binding parameters for multi-row INSERTs).
      // New rows go straight into the table; rows that exist (or may) go through a staging table and one
      // INSERT .. ON CONFLICT.
      if (created.length) statements.push({ sql: `COPY ${quoteIdent(type)} (${columnList}) FROM '/dev/blob'`, copy: copyInput(created) });
      if (!changed.length) continue;
      const updates = [...fields.filter((f) => f.name !== 'id').map((f) => `${quoteIdent(f.name)} = EXCLUDED.${quoteIdent(f.name)}`), `${BLOCK_COLUMN} = EXCLUDED.${BLOCK_COLUMN}`].join(', ');
      const stage = quoteIdent(`__stage_${type}`);
      statements.push({ sql: `COPY ${stage} (${columnList}) FROM '/dev/blob'`, copy: copyInput(changed) });
      statements.push({ sql: `INSERT INTO ${quoteIdent(type)} (${columnList}) SELECT ${columnList} FROM ${stage} ON CONFLICT (id) DO UPDATE SET ${updates}; TRUNCATE ${stage}` });
    }
    statements.push({ sql: "INSERT INTO __meta (key, value) VALUES ('block', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", params: [JSON.stringify(ptr)] });
    this.headPtr = ptr;
    // While catching up, maintenance runs at most once per autovacuum naptime; when idle, see maintain().
    const maintenance = performance.now() - this.lastMaintenance >= AUTOVACUUM_NAPTIME_MS ? this.autovacuum() : [];
    this.inFlight = this.db
      .transaction(statements)
      .then(
        () => {
          this.committedPtr = ptr;
        },
        (error: Error) => {
          // The cache holds writes the database never got: forget them and continue from what it has.
          this.headPtr = this.committedPtr;
          this.dropCache();
          throw new DatabaseError(`committing blocks up to ${ptr.number} failed: ${error.message}`);
        },
      )
      .then(async () => {
        for (const sql of maintenance) await this.db.exec(sql);
      });
    this.inFlight.catch(() => {});
  }

  /** Runs the autovacuum work that is due (the indexer calls this when it has caught up with the chain). */
  async maintain(): Promise<void> {
    await this.settle();
    for (const sql of this.autovacuum()) await this.db.exec(sql);
  }

  private statsOf(type: string): TableStats {
    let stats = this.tableStats.get(type);
    if (!stats) this.tableStats.set(type, (stats = { rows: 0, modifiedSinceAnalyze: 0, deadSinceVacuum: 0 }));
    return stats;
  }

  /**
   * VACUUM and ANALYZE statements for the tables that Postgres' autovacuum daemon would process now, with
   * its default thresholds (50 rows plus 20% of the table dead, or 10% changed). PGlite runs no autovacuum,
   * and graph-node relies on it: without statistics the planner guesses row counts (and scans a 10,000-row
   * table for 20 ids); without vacuum every update leaves a dead row version that scans keep reading.
   */
  private autovacuum(): string[] {
    this.lastMaintenance = performance.now();
    const vacuum: string[] = [];
    const analyze: string[] = [];
    for (const [type, stats] of this.tableStats) {
      if (stats.deadSinceVacuum > 50 + 0.2 * stats.rows) {
        vacuum.push(quoteIdent(type));
        stats.deadSinceVacuum = stats.modifiedSinceAnalyze = 0;
      } else if (stats.modifiedSinceAnalyze > 50 + 0.1 * stats.rows) {
        analyze.push(quoteIdent(type));
        stats.modifiedSinceAnalyze = 0;
      }
    }
    return [...(vacuum.length ? [`VACUUM (ANALYZE) ${vacuum.join(', ')}`] : []), ...(analyze.length ? [`ANALYZE ${analyze.join(', ')}`] : [])];
  }

  /** Waits for the commit in flight, if any; throws if it failed. */
  async settle(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) await inFlight;
  }

  /** Forgets the uncommitted batch (a failed block); the cache may hold its writes, so it is dropped too. */
  async discardPending(): Promise<void> {
    await this.settle().catch(() => {});
    this.pending = new Map();
    this.headPtr = this.committedPtr;
    this.dropCache();
  }

  private dropCache(): void {
    this.related.clear();
    this.cache.clear();
    this.complete.clear();
    this.cached = 0;
  }

  async recordFailure(message: string): Promise<void> {
    this.failure = message;
    await this.settle().catch(() => {});
    await this.db.query("INSERT INTO __meta (key, value) VALUES ('failure', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [message]);
  }

  /** Empties every table (the chain was reset): indexing starts again from the start blocks. */
  async reset(): Promise<void> {
    await this.settle().catch(() => {});
    this.pending = new Map();
    await this.db.transaction([
      ...[...this.schema.entities.values()].map((entity) => ({ sql: `TRUNCATE ${quoteIdent(entity.name)}` })),
      { sql: "DELETE FROM __meta WHERE key IN ('block', 'failure')" },
    ]);
    this.headPtr = this.committedPtr = null;
    this.failure = null;
    this.dropCache();
    for (const entity of this.schema.entities.values()) {
      this.complete.add(entity.name);
      this.tableStats.set(entity.name, { rows: 0, modifiedSinceAnalyze: 0, deadSinceVacuum: 0 });
    }
  }

  async close(): Promise<void> {
    await this.settle().catch(() => {});
    await this.db.close();
  }
}

export function rowToEntity(entity: EntityDef, row: Record<string, unknown>): Entity {
  const out: Entity = new Map();
  for (const field of storedFields(entity)) {
    const value = fromSql(field, row[field.name]);
    if (value.kind !== 'Null') out.set(field.name, value);
  }
  return out;
}
