// Executes graph-node style GraphQL queries against the entity store. The query is parsed and validated
// with graphql-js against the generated API schema; data is then fetched level by level with SQL (one
// query per field and level, windowed per parent for nested collections), so nested lists never cost a
// query per row. Ordering is `orderBy direction, id direction`, default `id asc`, as graph-node does.
import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  execute,
  getArgumentValues,
  getDirectiveValues,
  getVariableValues,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { FILTER_SUFFIXES, queryFieldNames } from './api-schema.ts';
import { BigDecimal } from './asc.ts';
import type { EntityDef, FieldDef, FulltextDef, InterfaceDef, SubgraphSchema } from './schema.ts';
import { BLOCK_COLUMN, type EntityStore, fulltextColumn, quoteIdent, selectColumn, storedFields } from './store.ts';

export interface QueryLimits {
  maxFirst: number;
  maxSkip: number;
}

export interface QueryResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; locations?: readonly { line: number; column: number }[] }[];
}

type Row = Record<string, unknown> & { __typename: string };
type Args = Record<string, unknown>;

class QueryError extends Error {}

interface Collection {
  owner: EntityDef | InterfaceDef;
  args: Args;
  fulltext?: { def: FulltextDef; text: string };
}

/** Where child rows come from, relative to their parents. */
type ChildSource =
  | { kind: 'derived'; fk: string }
  | { kind: 'stored-list'; pairs: [unknown, unknown][] };

export class QueryEngine {
  private readonly fieldToType = new Map<string, { owner: EntityDef | InterfaceDef; list: boolean } | { fulltext: FulltextDef }>();

  constructor(
    private readonly store: EntityStore,
    private readonly schema: SubgraphSchema,
    private readonly api: GraphQLSchema,
    private readonly limits: QueryLimits,
    private readonly meta: () => { hasIndexingErrors: boolean },
  ) {
    for (const owner of [...schema.interfaces.values(), ...schema.entities.values()]) {
      const { single, plural } = queryFieldNames(owner.name);
      this.fieldToType.set(single, { owner, list: false });
      this.fieldToType.set(plural, { owner, list: true });
    }
    for (const ft of schema.fulltext) this.fieldToType.set(ft.name, { fulltext: ft });
  }

  async run(source: string, variables: Record<string, unknown> | undefined, operationName?: string): Promise<QueryResult> {
    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (error) {
      return { errors: [toError(error)] };
    }
    const validationErrors = validate(this.api, document);
    if (validationErrors.length) return { errors: validationErrors.map(toError) };
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) return { errors: [{ message: operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.' }] };
    if (operation.operation !== 'query') return { errors: [{ message: `Only queries are supported, not ${operation.operation}s` }] };
    const coerced = getVariableValues(this.api, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return { errors: coerced.errors.map(toError) };
    const ctx = new Context(document, coerced.coerced);

    const data: Record<string, unknown> = {};
    let introspection: Record<string, unknown> | null = null;
    try {
      for (const [key, fields] of ctx.collect([operation.selectionSet], 'Query')) {
        const name = fields[0].name.value;
        if (name === '__schema' || name === '__type') {
          introspection ??= ((await execute({ schema: this.api, document, variableValues: variables, operationName })).data ?? {}) as Record<string, unknown>;
          data[key] = introspection[key];
        } else if (name === '__typename') data[key] = 'Query';
        else if (name === '_meta') data[key] = this.metaField(fields, ctx);
        else data[key] = await this.rootField(fields, ctx);
      }
    } catch (error) {
      if (error instanceof QueryError || error instanceof GraphQLError) return { data: null, errors: [toError(error)] };
      throw error;
    }
    return { data };
  }

  private checkBlock(args: Args): void {
    const block = args.block as { number?: number; number_gte?: number; hash?: string } | undefined;
    const head = this.store.committedHead();
    if (!block) return;
    if (block.number !== undefined) {
      if (!head || block.number > head.number) throw new QueryError(`Failed to decode \`block.number\` value: \`subgraph has only indexed up to block number ${head?.number ?? -1} and data for block number ${block.number} is therefore not yet available\``);
      if (block.number !== head.number) throw new QueryError(`this local graph node keeps no history: only the latest block (${head.number}) can be queried, not block ${block.number}`);
    }
    if (block.number_gte !== undefined && (!head || head.number < block.number_gte)) {
      throw new QueryError(`subgraph has only indexed up to block number ${head?.number ?? -1} and data for block number ${block.number_gte} is therefore not yet available`);
    }
    if (block.hash !== undefined && block.hash.toLowerCase() !== head?.hash.toLowerCase()) {
      throw new QueryError(`this local graph node keeps no history: only the latest block hash (${head?.hash}) can be queried`);
    }
  }

  private metaField(nodes: FieldNode[], ctx: Context): unknown {
    const head = this.store.committedHead();
    this.checkBlock(ctx.args(this.api.getQueryType()!.getFields()._meta, nodes[0]));
    const out: Record<string, unknown> = {};
    for (const [key, fields] of ctx.collect(subSelections(nodes), '_Meta_')) {
      const name = fields[0].name.value;
      if (name === '__typename') out[key] = '_Meta_';
      else if (name === 'deployment') out[key] = this.store.deployment;
      else if (name === 'hasIndexingErrors') out[key] = this.meta().hasIndexingErrors;
      else if (name === 'block') {
        const block: Record<string, unknown> = {};
        for (const [bkey, [b]] of ctx.collect(subSelections(fields), '_Block_')) {
          const field = b.name.value;
          block[bkey] = field === '__typename' ? '_Block_' : field === 'number' ? (head?.number ?? 0) : field === 'hash' ? (head?.hash ?? null) : field === 'timestamp' ? (head?.timestamp ?? null) : null;
        }
        out[key] = block;
      }
    }
    return out;
  }

  /** A root field; `nodes` are all selections of its response key (same name and arguments, by validation). */
  private async rootField(nodes: FieldNode[], ctx: Context): Promise<unknown> {
    const node = nodes[0];
    const target = this.fieldToType.get(node.name.value);
    if (!target) throw new QueryError(`Type \`Query\` has no field \`${node.name.value}\``);
    const args = ctx.args(this.api.getQueryType()!.getFields()[node.name.value], node);
    this.checkBlock(args);
    if ('fulltext' in target) {
      const owner = this.schema.entities.get(target.fulltext.entity)!;
      const rows = await this.fetchCollection({ owner, args, fulltext: { def: target.fulltext, text: String(args.text) } }, null);
      return this.complete(rows.get(null) ?? [], nodes, ctx);
    }
    if (!target.list) {
      const rows = await this.fetchByIds(target.owner, [this.idParam(target.owner, args.id as string)]);
      const row = rows.get(String(this.idParam(target.owner, args.id as string)));
      return row ? (await this.complete([row], nodes, ctx))[0] : null;
    }
    const rows = await this.fetchCollection({ owner: target.owner, args }, null);
    return this.complete(rows.get(null) ?? [], nodes, ctx);
  }

  /**
   * Builds the response objects for rows of one field, resolving nested fields with one query each.
   * `nodes` are all the selections merged under the field's response key: their sub-selections are
   * collected together per concrete type (GraphQL CollectSubfields), so `merchant { id } merchant { arbiter }`
   * answers both.
   */
  private async complete(rows: Row[], nodes: FieldNode[], ctx: Context): Promise<Record<string, unknown>[]> {
    const out = rows.map(() => ({}) as Record<string, unknown>);
    const byType = new Map<string, number[]>();
    rows.forEach((row, i) => byType.set(row.__typename, [...(byType.get(row.__typename) ?? []), i]));
    for (const [typeName, indexes] of byType) {
      const entity = this.schema.entities.get(typeName)!;
      const typeRows = indexes.map((i) => rows[i]);
      const apiType = this.api.getType(typeName);
      if (!isObjectType(apiType)) throw new QueryError(`unknown type ${typeName}`);
      for (const [key, fields] of ctx.collect(subSelections(nodes), typeName, this.schema)) {
        // Validation (OverlappingFieldsCanBeMerged) guarantees that fields of one response key collected for
        // one object type have the same name and arguments; only their sub-selections differ.
        const f = fields[0];
        if (f.name.value === '__typename') {
          for (const i of indexes) out[i][key] = typeName;
          continue;
        }
        const field = entity.field.get(f.name.value);
        if (!field) throw new QueryError(`Type \`${typeName}\` has no field \`${f.name.value}\``);
        if (field.kind === 'scalar' || field.kind === 'enum') {
          indexes.forEach((i, j) => (out[i][key] = formatValue(field, typeRows[j][field.name])));
          continue;
        }
        const child = this.schema.types(field.typeName)!;
        const args = ctx.args(apiType.getFields()[field.name], f);
        if (field.derivedFrom || field.list) {
          const source: ChildSource = field.derivedFrom
            ? { kind: 'derived', fk: field.derivedFrom }
            : { kind: 'stored-list', pairs: typeRows.flatMap((r) => ((r[field.name] as unknown[]) ?? []).map((c) => [r.id, c] as [unknown, unknown])) };
          const parents = typeRows.map((r) => r.id);
          const fetched = await this.fetchCollection({ owner: child, args }, { parents, source });
          const all = [...fetched.values()].flat();
          const completed = await this.complete(all, fields, ctx);
          const byRow = new Map(all.map((r, i) => [r, completed[i]]));
          indexes.forEach((i, j) => {
            const children = (fetched.get(String(typeRows[j].id)) ?? []).map((r) => byRow.get(r));
            // A one-to-one @derivedFrom field (`dispute: Dispute @derivedFrom(...)`) is a single object.
            out[i][key] = field.list ? children : (children[0] ?? null);
          });
          continue;
        }
        const ids = [...new Set(typeRows.map((r) => r[field.name]).filter((v) => v !== null && v !== undefined))];
        const fetched = await this.fetchByIds(child, ids);
        const children = [...fetched.values()];
        const completed = await this.complete(children, fields, ctx);
        const byId = new Map(children.map((r, i) => [String(r.id), completed[i]]));
        indexes.forEach((i, j) => {
          const id = typeRows[j][field.name];
          out[i][key] = id === null || id === undefined ? null : (byId.get(String(id)) ?? null);
        });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- SQL

  private idParam(owner: EntityDef | InterfaceDef, id: string): unknown {
    if (owner.idScalar === 'Bytes') return id.toLowerCase();
    return id;
  }

  private async fetchByIds(owner: EntityDef | InterfaceDef, ids: unknown[]): Promise<Map<string, Row>> {
    const out = new Map<string, Row>();
    if (!ids.length) return out;
    for (const entity of this.schema.concrete(owner.name)) {
      const result = await this.store.db.query<Row>(
        `SELECT ${selectList(entity, 't.')} FROM ${quoteIdent(entity.name)} t WHERE t.id = ANY($1::${idArrayType(entity)})`,
        [ids.map(String)],
      );
      for (const row of result) out.set(String(row.id), { ...row, __typename: entity.name });
    }
    return out;
  }

  /**
   * A collection, either top-level (parent null: all rows under key null) or for many parents at once
   * (rows grouped by parent id, each group windowed to first/skip).
   */
  private async fetchCollection(c: Collection, nested: { parents: unknown[]; source: ChildSource } | null): Promise<Map<string | null, Row[]>> {
    const first = (c.args.first as number | undefined) ?? 100;
    const skip = (c.args.skip as number | undefined) ?? 0;
    if (first < 0 || first > this.limits.maxFirst) throw new QueryError(`The \`first\` argument must be between 0 and ${this.limits.maxFirst}, but is ${first}`);
    if (skip < 0 || skip > this.limits.maxSkip) throw new QueryError(`The \`skip\` argument must be between 0 and ${this.limits.maxSkip}, but is ${skip}`);
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const direction = c.args.orderDirection === 'desc' ? 'DESC' : 'ASC';
    const orderBy = c.args.orderBy as string | undefined;
    const entities = this.schema.concrete(c.owner.name);
    const selects = entities.map((entity) => {
      let from = `${quoteIdent(entity.name)} t`;
      let parentExpr = 'NULL::text';
      const conditions: string[] = [];
      if (nested) {
        const src = nested.source;
        if (src.kind === 'derived') {
          const fk = entity.field.get(src.fk)!;
          if (fk.list) {
            from += ` CROSS JOIN LATERAL unnest(t.${quoteIdent(src.fk)}) AS p(v)`;
            parentExpr = 'p.v::text';
            conditions.push(`p.v = ANY(${bind(nested.parents.map(String))}::${sqlArrayType(fk.scalar)})`);
          } else {
            parentExpr = `t.${quoteIdent(src.fk)}::text`;
            conditions.push(`t.${quoteIdent(src.fk)} = ANY(${bind(nested.parents.map(String))}::${sqlArrayType(fk.scalar)})`);
          }
        } else {
          from = `unnest(${bind(src.pairs.map((p) => String(p[0])))}::text[], ${bind(src.pairs.map((p) => String(p[1])))}::text[]) AS m(parent, child) JOIN ${quoteIdent(entity.name)} t ON t.id::text = m.child`;
          parentExpr = 'm.parent';
        }
      }
      if (c.args.where) conditions.push(this.filterSql(entity, c.args.where as Args, 't', bind));
      let sortExpr = 'NULL';
      if (c.fulltext) {
        const query = bind(c.fulltext.text);
        conditions.push(`t.${fulltextColumn(c.fulltext.def.name)} @@ to_tsquery('${c.fulltext.def.language}', ${query})`);
        sortExpr = `${c.fulltext.def.algorithm === 'rank' ? 'ts_rank' : 'ts_rank_cd'}(t.${fulltextColumn(c.fulltext.def.name)}, to_tsquery('${c.fulltext.def.language}', ${query}))`;
      } else if (orderBy) sortExpr = this.sortExpr(entity, orderBy);
      return `SELECT '${entity.name}' AS __typename, t.id::text AS __id, ${parentExpr} AS __parent, ${sortExpr} AS __sort FROM ${from}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
    });
    const sortDirection = c.fulltext ? 'DESC' : direction;
    const order = `${c.fulltext || orderBy ? `__sort ${sortDirection}, ` : ''}__id ${c.fulltext ? 'ASC' : direction}`;
    const union = selects.join(' UNION ALL ');
    const sql = nested
      ? `SELECT __typename, __id, __parent FROM (SELECT *, row_number() OVER (PARTITION BY __parent ORDER BY ${order}) AS __rn FROM (${union}) u) w WHERE __rn > ${skip} AND __rn <= ${skip + first} ORDER BY __parent, __rn`
      : `SELECT __typename, __id, __parent FROM (${union}) u ORDER BY ${order} LIMIT ${first} OFFSET ${skip}`;
    const keys = await this.store.db.query<{ __typename: string; __id: string; __parent: string | null }>(sql, params);
    const rowsByType = new Map<string, Map<string, Row>>();
    for (const entity of entities) {
      const ids = keys.filter((k) => k.__typename === entity.name).map((k) => k.__id);
      if (ids.length) rowsByType.set(entity.name, await this.fetchByIds(entity, ids));
    }
    const out = new Map<string | null, Row[]>();
    for (const key of keys) {
      const row = rowsByType.get(key.__typename)?.get(key.__id);
      if (!row) continue;
      const group = nested ? key.__parent : null;
      out.set(group, [...(out.get(group) ?? []), row]);
    }
    return out;
  }

  private sortExpr(entity: EntityDef, orderBy: string): string {
    const [name, childName] = orderBy.split('__');
    const field = entity.field.get(name);
    if (!field) throw new QueryError(`Cannot order by \`${orderBy}\`: ${entity.name} has no field \`${name}\``);
    if (!childName) {
      if (field.derivedFrom || field.list || field.kind === 'interface' || field.kind === 'entity') {
        if (!field.list && !field.derivedFrom) return `t.${quoteIdent(name)}`;
        throw new QueryError(`Cannot order by \`${orderBy}\`: sorting on lists is not supported`);
      }
      return `t.${quoteIdent(name)}`;
    }
    const child = this.schema.entities.get(field.typeName);
    if (!child || field.list) throw new QueryError(`Cannot order by \`${orderBy}\`: only single references to entity types can be used for child sorting`);
    const cf = child.field.get(childName);
    if (!cf) throw new QueryError(`Cannot order by \`${orderBy}\`: ${child.name} has no field \`${childName}\``);
    if (field.derivedFrom) {
      return `(SELECT c.${quoteIdent(childName)} FROM ${quoteIdent(child.name)} c WHERE c.${quoteIdent(field.derivedFrom)} = t.id ORDER BY c.id LIMIT 1)`;
    }
    return `(SELECT c.${quoteIdent(childName)} FROM ${quoteIdent(child.name)} c WHERE c.id = t.${quoteIdent(name)})`;
  }

  private filterSql(entity: EntityDef, filter: Args, alias: string, bind: (v: unknown) => string): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (key === 'and' || key === 'or') {
        const subs = (value as Args[]).map((f) => `(${this.filterSql(entity, f, alias, bind)})`);
        parts.push(subs.length ? `(${subs.join(key === 'and' ? ' AND ' : ' OR ')})` : 'TRUE');
        continue;
      }
      if (key === '_change_block') {
        parts.push(`${alias}.${BLOCK_COLUMN} >= ${bind((value as { number_gte: number }).number_gte)}`);
        continue;
      }
      if (key.endsWith('_') && entity.field.has(key.slice(0, -1))) {
        parts.push(this.nestedFilter(entity.field.get(key.slice(0, -1))!, value as Args, alias, bind));
        continue;
      }
      const suffix = FILTER_SUFFIXES.find((s) => key.endsWith(s) && entity.field.has(key.slice(0, key.length - s.length)));
      if (suffix === undefined) throw new QueryError(`Unknown filter \`${key}\` for ${entity.name}`);
      const field = entity.field.get(key.slice(0, key.length - suffix.length))!;
      parts.push(this.condition(field, suffix, value, `${alias}.${quoteIdent(field.name)}`, bind));
    }
    return parts.length ? parts.join(' AND ') : 'TRUE';
  }

  private nestedFilter(field: FieldDef, filter: Args, alias: string, bind: (v: unknown) => string): string {
    const inner = `${alias}_${field.name}`.replace(/[^A-Za-z0-9_]/g, '');
    const alternatives = this.schema.concrete(field.typeName).map((child) => {
      let link: string;
      if (field.derivedFrom) {
        const fk = child.field.get(field.derivedFrom)!;
        link = fk.list ? `${alias}.id = ANY(${inner}.${quoteIdent(fk.name)})` : `${inner}.${quoteIdent(fk.name)} = ${alias}.id`;
      } else if (field.list) link = `${inner}.id = ANY(${alias}.${quoteIdent(field.name)})`;
      else link = `${inner}.id = ${alias}.${quoteIdent(field.name)}`;
      return `EXISTS (SELECT 1 FROM ${quoteIdent(child.name)} ${inner} WHERE ${link} AND ${this.filterSql(child, filter, inner, bind)})`;
    });
    return alternatives.length ? `(${alternatives.join(' OR ')})` : 'FALSE';
  }

  private condition(field: FieldDef, op: string, value: unknown, column: string, bind: (v: unknown) => string): string {
    const sqlType = sqlScalarType(field.scalar);
    const one = (v: unknown) => `${bind(toParam(field, v))}::${sqlType}`;
    const many = (v: unknown) => `${bind((v as unknown[]).map((x) => toParam(field, x)))}::${sqlType}[]`;
    if (field.list) {
      switch (op) {
        case '':
          return value === null ? `${column} IS NULL` : `${column} = ${many(value)}`;
        case '_not':
          return value === null ? `${column} IS NOT NULL` : `${column} <> ${many(value)}`;
        case '_contains':
          return `${column} @> ${many(value)}`;
        case '_not_contains':
          return `NOT (${column} @> ${many(value)})`;
        case '_contains_nocase':
        case '_not_contains_nocase': {
          const test = `(SELECT bool_and(EXISTS (SELECT 1 FROM unnest(${column}) x WHERE lower(x::text) = lower(v))) FROM unnest(${many(value)}::text[]) v)`;
          return op === '_contains_nocase' ? `coalesce(${test}, TRUE)` : `NOT coalesce(${test}, TRUE)`;
        }
      }
    }
    if (value === null && op !== '' && op !== '_not') throw new QueryError(`Filter \`${field.name}${op}\` does not accept null`);
    const isBytes = field.scalar === 'Bytes';
    const text = (v: unknown) => `${bind(toParam(field, v))}::text`;
    switch (op) {
      case '':
        return value === null ? `${column} IS NULL` : `${column} = ${one(value)}`;
      case '_not':
        return value === null ? `${column} IS NOT NULL` : `${column} <> ${one(value)}`;
      case '_gt':
        return `${column} > ${one(value)}`;
      case '_lt':
        return `${column} < ${one(value)}`;
      case '_gte':
        return `${column} >= ${one(value)}`;
      case '_lte':
        return `${column} <= ${one(value)}`;
      case '_in':
        return `${column} = ANY(${many(value)})`;
      case '_not_in':
        return `NOT (${column} = ANY(${many(value)}))`;
      case '_contains':
      case '_not_contains': {
        const test = isBytes ? `position(decode(substr(${text(value)}, 3), 'hex') IN decode(substr(${column}, 3), 'hex')) > 0` : `strpos(${column}, ${text(value)}) > 0`;
        return op === '_contains' ? test : `NOT (${test})`;
      }
      case '_contains_nocase':
        return `strpos(lower(${column}), lower(${text(value)})) > 0`;
      case '_not_contains_nocase':
        return `NOT (strpos(lower(${column}), lower(${text(value)})) > 0)`;
      case '_starts_with':
        return `starts_with(${column}, ${text(value)})`;
      case '_not_starts_with':
        return `NOT starts_with(${column}, ${text(value)})`;
      case '_starts_with_nocase':
        return `starts_with(lower(${column}), lower(${text(value)}))`;
      case '_not_starts_with_nocase':
        return `NOT starts_with(lower(${column}), lower(${text(value)}))`;
      case '_ends_with':
        return `right(${column}, length(${text(value)})) = ${text(value)}`;
      case '_not_ends_with':
        return `right(${column}, length(${text(value)})) <> ${text(value)}`;
      case '_ends_with_nocase':
        return `lower(right(${column}, length(${text(value)}))) = lower(${text(value)})`;
      case '_not_ends_with_nocase':
        return `lower(right(${column}, length(${text(value)}))) <> lower(${text(value)})`;
    }
    throw new QueryError(`Unsupported filter \`${field.name}${op}\``);
  }
}

// ---------------------------------------------------------------- helpers

class Context {
  private readonly fragments: Map<string, { typeCondition: string; selectionSet: SelectionSetNode }>;

  constructor(
    document: DocumentNode,
    readonly variables: Record<string, unknown>,
  ) {
    this.fragments = new Map(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, { typeCondition: d.typeCondition.name.value, selectionSet: d.selectionSet }]] : [])),
    );
  }

  args(def: Parameters<typeof getArgumentValues>[0], node: FieldNode): Args {
    return getArgumentValues(def, node, this.variables);
  }

  /**
   * GraphQL CollectFields for a concrete object type over one or more selection sets (several when a field
   * is selected more than once: CollectSubfields): the fields grouped by response key (alias or name) in
   * order of first appearance, with fragments expanded when their type condition applies (each named
   * fragment once per selection set) and @skip/@include applied.
   */
  collect(sets: readonly SelectionSetNode[], typeName: string, schema?: SubgraphSchema): Map<string, FieldNode[]> {
    const out = new Map<string, FieldNode[]>();
    const applies = (condition: string | undefined) =>
      !condition || condition === typeName || Boolean(schema?.entities.get(typeName)?.interfaces.includes(condition));
    const visit = (set: SelectionSetNode, visited: Set<string>) => {
      for (const selection of set.selections) {
        if (getDirectiveValues(GraphQLSkipDirective, selection, this.variables)?.if === true) continue;
        if (getDirectiveValues(GraphQLIncludeDirective, selection, this.variables)?.if === false) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const group = out.get(key);
          if (group) group.push(selection);
          else out.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet, visited);
        } else {
          if (visited.has(selection.name.value)) continue;
          visited.add(selection.name.value);
          const fragment = this.fragments.get(selection.name.value);
          if (fragment && applies(fragment.typeCondition)) visit(fragment.selectionSet, visited);
        }
      }
    };
    for (const set of sets) visit(set, new Set());
    return out;
  }
}

/** The sub-selection sets of the fields merged under one response key. */
function subSelections(fields: readonly FieldNode[]): SelectionSetNode[] {
  return fields.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
}

function selectList(entity: EntityDef, alias: string): string {
  return storedFields(entity)
    .map((f) => selectColumn(f, alias))
    .join(', ');
}

function sqlScalarType(scalar: string): string {
  return { BigInt: 'numeric', BigDecimal: 'numeric', Int: 'integer', Int8: 'int8', Timestamp: 'int8', Boolean: 'boolean' }[scalar] ?? 'text';
}

function sqlArrayType(scalar: string): string {
  return `${sqlScalarType(scalar)}[]`;
}

function idArrayType(entity: EntityDef): string {
  return sqlArrayType(entity.idScalar);
}

/** A filter value as a query parameter, validated for the field's type. */
function toParam(field: FieldDef, value: unknown): unknown {
  if (value === null) return null;
  switch (field.scalar) {
    case 'Bytes': {
      const text = String(value);
      if (!/^0x([0-9a-fA-F]{2})*$/.test(text)) throw new QueryError(`Invalid value for \`${field.name}\`: \`${text}\` is not a 0x-prefixed hex string`);
      return text.toLowerCase();
    }
    case 'BigInt':
    case 'Int8':
    case 'Timestamp': {
      const text = String(value);
      if (!/^-?\d+$/.test(text)) throw new QueryError(`Invalid value for \`${field.name}\`: \`${text}\` is not an integer`);
      return text;
    }
    case 'BigDecimal':
      try {
        return BigDecimal.parse(String(value)).toString();
      } catch {
        throw new QueryError(`Invalid value for \`${field.name}\`: \`${String(value)}\` is not a decimal number`);
      }
    default:
      return value;
  }
}

/** A column value as graph-node serializes it: BigInt, BigDecimal and Int8 as strings, Bytes as hex. */
function formatValue(field: FieldDef, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (Array.isArray(raw)) return raw.map((r) => formatValue({ ...field, list: false }, r));
  switch (field.scalar) {
    case 'BigDecimal':
      return BigDecimal.parse(String(raw)).toString();
    case 'BigInt':
    case 'Int8':
    case 'Timestamp':
      return String(raw);
    default:
      return raw;
  }
}

function toError(error: unknown): { message: string; locations?: readonly { line: number; column: number }[] } {
  if (error instanceof GraphQLError) return error.locations ? { message: error.message, locations: error.locations } : { message: error.message };
  return { message: (error as Error).message };
}
