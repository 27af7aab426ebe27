// A query engine over an in-memory store filled directly with entities (no chain, no wasm), for porting
// graph-node's query tests with their schemas and data.
import { buildApiSchema } from '../api-schema.ts';
import { QueryEngine, type QueryResult } from '../query.ts';
import { BigDecimal } from '../asc.ts';
import { type SubgraphSchema, parseSchema } from '../schema.ts';
import { type Entity, EntityStore, type Value, bytesFromHex } from '../store.ts';
import type { FieldDef } from '../schema.ts';

export type Row = Record<string, unknown>;

export interface Harness {
  schema: SubgraphSchema;
  query(source: string, variables?: Record<string, unknown>): Promise<QueryResult>;
  /** The data of a query that must succeed. */
  data(source: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The first error message of a query that must fail. */
  error(source: string, variables?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

function toValue(field: FieldDef, raw: unknown): Value {
  if (raw === null || raw === undefined) return { kind: 'Null' };
  if (field.list) return { kind: 'Array', value: (raw as unknown[]).map((r) => toValue({ ...field, list: false }, r)) };
  switch (field.scalar) {
    case 'Bytes':
      return { kind: 'Bytes', value: bytesFromHex(String(raw)) };
    case 'BigInt':
      return { kind: 'BigInt', value: BigInt(raw as string) };
    case 'Int8':
      return { kind: 'Int8', value: BigInt(raw as string) };
    case 'Timestamp':
      return { kind: 'Timestamp', value: BigInt(raw as string) };
    case 'BigDecimal':
      return { kind: 'BigDecimal', value: BigDecimal.parse(String(raw)) };
    case 'Int':
      return { kind: 'Int', value: raw as number };
    case 'Boolean':
      return { kind: 'Bool', value: raw as boolean };
    default:
      return { kind: 'String', value: String(raw) };
  }
}

/** Opens a store for `schemaSource`, writes `entities` (per type, plain values) at block 1 and commits. */
export async function queryHarness(schemaSource: string, entities: Record<string, Row[]>, opts: { parentHash?: string } = {}): Promise<Harness> {
  const schema = parseSchema(schemaSource);
  const store = await EntityStore.open({ schema, deployment: 'harness' });
  for (const [type, rows] of Object.entries(entities)) {
    const def = schema.entities.get(type);
    if (!def) throw new Error(`harness: no entity type ${type}`);
    for (const row of rows) {
      const entity: Entity = new Map();
      for (const [name, raw] of Object.entries(row)) {
        const field = def.field.get(name);
        if (!field) throw new Error(`harness: ${type} has no field ${name}`);
        const value = toValue(field, raw);
        if (value.kind !== 'Null') entity.set(name, value);
      }
      const id = def.idScalar === 'Bytes' ? String(row.id).toLowerCase() : String(row.id);
      store.write(type, id, entity, 1);
    }
  }
  await store.commit({ number: 1, hash: `0x${'11'.repeat(32)}`, timestamp: 1_700_000_000, parentHash: opts.parentHash });
  await store.settle();
  const engine = new QueryEngine(store, schema, buildApiSchema(schema), { maxFirst: 1000, maxSkip: 5000 }, () => ({
    hasIndexingErrors: false,
    deployment: 'QmHarness',
  }));
  const query = (source: string, variables?: Record<string, unknown>) => engine.run(source, variables);
  return {
    schema,
    query,
    async data(source, variables) {
      const result = await query(source, variables);
      if (result.errors) throw new Error(`query failed: ${JSON.stringify(result.errors)}\n${source}`);
      return result.data as Record<string, unknown>;
    },
    async error(source, variables) {
      const result = await query(source, variables);
      if (!result.errors?.length) throw new Error(`query should fail: ${source}\ngot ${JSON.stringify(result.data)}`);
      return result.errors[0].message;
    },
    close: () => store.close(),
  };
}
