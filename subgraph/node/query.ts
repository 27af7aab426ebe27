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
  specifiedRules,
  validate,
  VariablesInAllowedPositionRule,
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

/**
 * graphql-js's rules except the check that a variable's type fits where it is used: graph-node validates
 * nothing by default (ENABLE_GRAPHQL_VALIDATIONS off) and coerces the variable's value for the argument, so
 * `$merchant: Bytes!` passed to a reference filter (typed String in graph-node's API schema) works there.
 */
const VALIDATION_RULES = specifiedRules.filter((rule) => rule !== VariablesInAllowedPositionRule);
type Args = Record<string, unknown>;

class QueryError extends Error {
  constructor(
    message: string,
    readonly locations?: { line: number; column: number }[],
  ) {
    super(message);
  }
}

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
    private readonly meta: () => { hasIndexingErrors: boolean; deployment: string },
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
    const validationErrors = validate(this.api, document, VALIDATION_RULES);
    // graph-node's validation (the graphql-tools crate) words its messages as graphql-js without suggestions.
    if (validationErrors.length) return { errors: validationErrors.map(toError).map((e) => ({ ...e, message: e.message.replace(/ Did you mean .*\?$/, '') })) };
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
      // graph-node answers a failed execution with errors and no `data` key.
      if (error instanceof QueryError || error instanceof GraphQLError) return { errors: [toError(error)] };
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
      else if (name === 'deployment') out[key] = this.meta().deployment;
      else if (name === 'hasIndexingErrors') out[key] = this.meta().hasIndexingErrors;
      else if (name === 'block') {
        const block: Record<string, unknown> = {};
        for (const [bkey, [b]] of ctx.collect(subSelections(fields), '_Block_')) {
          const field = b.name.value;
          const values: Record<string, unknown> = { __typename: '_Block_', number: head?.number ?? 0, hash: head?.hash ?? null, timestamp: head?.timestamp ?? null, parentHash: head?.parentHash ?? null };
          block[bkey] = values[field] ?? null;
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
            // A one-to-one @derivedFrom field (`dispute: Dispute @derivedFrom(...)`) is a single object; several
            // entities pointing back is an error in graph-node (resolve_object in graphql/src/store/resolver.rs).
            if (!field.list && children.length > 1) {
              throw new QueryError(
                `Ambiguous result for derived field \`${f.name.value}\`: Multiple \`${child.name}\` entities refer back via \`${field.derivedFrom}\``,
                f.loc ? [{ line: f.loc.startToken.line, column: f.loc.startToken.column }] : undefined,
              );
            }
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
    // graph-node's build_range: `first` must be positive (0 is refused, with this message).
    if (first <= 0 || first > this.limits.maxFirst) throw new QueryError(`The \`first\` argument must be between 0 and ${this.limits.maxFirst}, but is ${first}`);
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
      } else if (orderBy) sortExpr = this.sortExpr(entity, orderBy, c.owner);
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

  /**
   * The sort expression for `orderBy`, as graph-node's build_order_by (graphql/src/store/query.rs): scalar
   * fields directly, `ref__field` through the child (entity or interface, stored or @derivedFrom); lists and
   * references themselves cannot be sorted on.
   */
  private sortExpr(entity: EntityDef, orderBy: string, owner: EntityDef | InterfaceDef): string {
    const [name, childName] = orderBy.split('__');
    const field = owner.field.get(name) ?? entity.field.get(name);
    if (!field) throw new QueryError(`Entity \`${owner.name}\` has no attribute \`${name}\``);
    if (childName === undefined) {
      if (field.list || field.kind === 'entity' || field.kind === 'interface') throw new QueryError(`Ordering by \`${name}\` is not supported for type \`${owner.name}\``);
      return `t.${quoteIdent(name)}`;
    }
    const own = entity.field.get(name) ?? field;
    const child = this.schema.types(own.typeName);
    if (!child) throw new QueryError(`Failed to resolve named type \`${own.typeName}\``);
    const cf = child.field.get(childName);
    if (!cf) throw new QueryError(`Entity \`${child.name}\` has no attribute \`${childName}\``);
    if (cf.list || cf.kind === 'entity' || cf.kind === 'interface') throw new QueryError(`Ordering by \`${childName}\` is not supported for type \`${child.name}\``);
    // An interface child is looked up in each of its entity tables (ids are unique across them).
    const lookups = this.schema.concrete(child.name).map((c) => {
      if (!own.derivedFrom) return `(SELECT c.${quoteIdent(childName)} FROM ${quoteIdent(c.name)} c WHERE c.id = t.${quoteIdent(name)})`;
      const fk = c.field.get(own.derivedFrom)!;
      const link = fk.list ? `t.id = ANY(c.${quoteIdent(fk.name)})` : `c.${quoteIdent(fk.name)} = t.id`;
      return `(SELECT c.${quoteIdent(childName)} FROM ${quoteIdent(c.name)} c WHERE ${link} ORDER BY c.id LIMIT 1)`;
    });
    return lookups.length === 1 ? lookups[0] : `COALESCE(${lookups.join(', ')})`;
  }

  /**
   * A `where` object as SQL, following graph-node's build_filter_from_object (graphql/src/store/query.rs) and
   * the SQL of store/postgres/src/relational_queries.rs. `inChild` is set inside a `field_` filter, where
   * graph-node allows no further child filters.
   */
  private filterSql(entity: EntityDef, filter: Args, alias: string, bind: (v: unknown) => string, inChild = false): string {
    const keys = Object.keys(filter);
    if (keys.includes('or')) {
      const columns = keys.filter((k) => k !== 'or' && k !== 'and' && k !== '_change_block').map((k) => `'${k}'`);
      if (columns.length) {
        const list = columns.join(', ');
        throw new QueryError(
          `Cannot mix column filters with 'or' operator at the same level. Found column filter(s) ${list} alongside 'or' operator.\n\n` +
            `Instead of:\nwhere: { ${list}, or: [...] }\n\nUse:\nwhere: { or: [{ ${list}, ... }, { ${list}, ... }] }`,
        );
      }
    }
    const parts: string[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (key === '_change_block') {
        const gte = (value as { number_gte?: unknown } | null)?.number_gte;
        if (typeof gte !== 'number') throw new QueryError('Filter must by an object');
        parts.push(`${alias}.${BLOCK_COLUMN} >= ${bind(gte)}`);
        continue;
      }
      if (key === 'and' || key === 'or') {
        // graph-node builds the operands from every value of this object (build_list_filter_from_object), so
        // each sibling must be a list of filter objects as well.
        const operands = Object.values(filter).flatMap((v) => {
          if (!Array.isArray(v)) throw new QueryError('Filter must by an object');
          return v.map((item) => {
            if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new QueryError('Filter must by an object');
            return this.filterSql(entity, item as Args, alias, bind, inChild);
          });
        });
        parts.push(binaryOp(operands, key));
        continue;
      }
      if (key.endsWith('_')) {
        const field = entity.field.get(key.slice(0, -1));
        if (!field) throw new QueryError(`Entity \`${entity.name}\` has no attribute \`${key.slice(0, -1)}\``);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new QueryError(`Query contains value with invalid type \`${field.typeText}\`: \`${JSON.stringify(value)}\``);
        if (inChild) throw new QueryError(`Child filter nesting not supported by value \`${field.derivedFrom ?? field.name}\`: \`${key}: ${JSON.stringify(value)}\``);
        parts.push(this.nestedFilter(field, value as Args, alias, bind));
        continue;
      }
      const suffix = FILTER_SUFFIXES.find((s) => key.endsWith(s) && entity.field.has(key.slice(0, key.length - s.length)));
      if (suffix === undefined) throw new QueryError(`Entity \`${entity.name}\` has no attribute \`${key}\``);
      const field = entity.field.get(key.slice(0, key.length - suffix.length))!;
      parts.push(this.condition(field, suffix, value, `${alias}.${quoteIdent(field.name)}`, bind));
    }
    return binaryOp(parts, 'and');
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
      return `EXISTS (SELECT 1 FROM ${quoteIdent(child.name)} ${inner} WHERE ${link} AND ${this.filterSql(child, filter, inner, bind, true)})`;
    });
    return binaryOp(alternatives, 'or');
  }

  /** One column filter: graph-node's Filter::new and its walk_ast (store/postgres/src/relational_queries.rs). */
  private condition(field: FieldDef, op: string, raw: unknown, column: string, bind: (v: unknown) => string): string {
    const value = fromQueryValue(field, raw);
    const sqlType = columnType(field);
    const param = (v: unknown) => `${bind(v)}::${sqlType}`;
    const params = (vs: unknown[]) => `${bind(vs)}::${sqlType}[]`;
    const unsupported = (name: string) => new QueryError(`Store error: unsupported filter \`${name}\` for value \`${displayValue(value)}\``);
    const isText = !field.list && sqlType === 'text' && field.scalar !== 'Bytes';
    switch (op) {
      case '':
      case '_not': {
        if (value === null) return `${column} ${op === '' ? 'IS NULL' : 'IS NOT NULL'}`;
        const rhs = Array.isArray(value) ? params(value) : param(value);
        return `${column} ${op === '' ? '=' : '<>'} ${rhs}`;
      }
      case '_gt':
      case '_lt':
      case '_gte':
      case '_lte': {
        const sql = { _gt: '>', _lt: '<', _gte: '>=', _lte: '<=' }[op];
        if (value === null || Array.isArray(value) || typeof value === 'boolean') throw unsupported(sql);
        return `${column} ${sql} ${param(value)}`;
      }
      case '_in':
      case '_not_in': {
        if (!Array.isArray(value)) throw new QueryError(`Non-list value passed to \`${op}\` filter`);
        // An empty list matches nothing, for `_not_in` as well (in_array pushes `false`).
        if (!value.length) return 'FALSE';
        const values = value.filter((v) => v !== null);
        const nulls = values.length < value.length;
        const clauses = [];
        if (nulls) clauses.push(`${column} ${op === '_in' ? 'IS NULL' : 'IS NOT NULL'}`);
        if (values.length) clauses.push(op === '_in' ? `${column} = ANY(${params(values)})` : `NOT (${column} = ANY(${params(values)}))`);
        return clauses.length === 1 ? clauses[0] : `(${clauses.join(' OR ')})`;
      }
      case '_contains':
      case '_not_contains':
      case '_contains_nocase':
      case '_not_contains_nocase': {
        const negated = op.startsWith('_not');
        const nocase = op.endsWith('_nocase');
        const name = op.slice(1);
        if (field.list) {
          if (!Array.isArray(value)) throw unsupported(name);
          if (nocase) {
            // Any element matching any of the values as an ILIKE pattern.
            if (field.scalar !== 'String') throw unsupported(name);
            return `${negated ? 'NOT ' : ''}EXISTS (SELECT 1 FROM unnest(${column}) AS elem WHERE elem ILIKE ANY(${params(value)}))`;
          }
          // `_contains`: every value is an element; `_not_contains`: none is (no overlap).
          return negated ? `NOT (${column} && ${params(value)})` : `${column} @> ${params(value)}`;
        }
        if (field.scalar === 'Bytes') {
          if (nocase || typeof value !== 'string') throw unsupported(name);
          return `position(decode(substr(${bind(value)}::text, 3), 'hex') IN decode(substr(${column}, 3), 'hex')) ${negated ? '= 0' : '> 0'}`;
        }
        if (!isText || typeof value !== 'string') throw unsupported(name);
        // graph-node passes the value into LIKE: `%` and `_` are wildcards, and a value that starts or ends
        // with `%` is used as the whole pattern.
        const pattern = value.startsWith('%') || value.endsWith('%') ? value : `%${value}%`;
        return `${column} ${negated ? 'NOT ' : ''}${nocase ? 'ILIKE' : 'LIKE'} ${bind(pattern)}::text`;
      }
      default: {
        const match = /^_(not_)?(starts|ends)_with(_nocase)?$/.exec(op);
        if (!match) throw new QueryError(`Unsupported filter \`${field.name}${op}\``);
        const [, not, which, nocase] = match;
        const sqlOp = `${not ? 'NOT ' : ''}${nocase ? 'ILIKE' : 'LIKE'}`;
        if (typeof value !== 'string') throw new QueryError(`Store error: unsupported filter \` ${sqlOp.toLowerCase()} \` for value \`${displayValue(value)}\``);
        // graph-node binds the pattern as text; Postgres has no `bytea LIKE text`.
        if (!isText) throw new QueryError(`Store error: operator does not exist: bytea ${nocase ? '~~*' : '~~'} text`);
        return `${column} ${sqlOp} ${bind(which === 'starts' ? `${value}%` : `%${value}`)}::text`;
      }
    }
  }
}

/** graph-node's Filter::binary_op: an empty `and` is true, an empty `or` is false. */
function binaryOp(parts: string[], op: 'and' | 'or'): string {
  if (!parts.length) return op === 'and' ? 'TRUE' : 'FALSE';
  return parts.length === 1 ? parts[0] : `(${parts.map((p) => `(${p})`).join(op === 'and' ? ' AND ' : ' OR ')})`;
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

/** The SQL type of one element of a field's column. */
function columnType(field: FieldDef): string {
  return sqlScalarType(field.scalar);
}

/**
 * A filter value as the store value graph-node compares with (Value::from_query_value in
 * graph/src/data/store/mod.rs, then SqlValue::new for reference columns), with its parse errors.
 */
function fromQueryValue(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => fromQueryValue(field, v));
  if (typeof value !== 'string') return value;
  switch (field.scalar) {
    case 'Bytes': {
      const digits = value.replace(/^(0x)+/, '');
      // The hex crate checks the length before the digits.
      if (digits.length % 2) throw new QueryError('Failed to decode `Bytes` value: `Odd number of digits`');
      const bad = /[^0-9a-fA-F]/.exec(digits);
      if (bad) throw new QueryError(`Failed to decode \`Bytes\` value: \`Invalid character '${bad[0]}' at position ${bad.index}\``);
      return `0x${digits.toLowerCase()}`;
    }
    case 'BigInt':
      if (!/^[+-]?\d+$/.test(value)) throw new QueryError(`Failed to decode \`BigInt\` value: \`${value ? 'invalid digit found in string' : 'cannot parse integer from empty string'}\``);
      return value;
    case 'Int8':
      if (!/^[+-]?\d+$/.test(value) || BigInt(value) > 2n ** 63n - 1n || BigInt(value) < -(2n ** 63n)) throw new QueryError(`Failed to decode \`Int8\` value: \`${value}\``);
      return value;
    case 'BigDecimal':
      try {
        return BigDecimal.parse(value).toString();
      } catch {
        throw new QueryError(`Failed to decode \`BigDecimal\` value: \`${value}\``);
      }
    default:
      return value;
  }
}

/** A value as graph-node's `Value` displays it in error messages. */
function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(displayValue).join(', ')}]`;
  return String(value);
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
  if (error instanceof QueryError && error.locations) return { message: error.message, locations: error.locations };
  if (error instanceof GraphQLError) return error.locations ? { message: error.message, locations: error.locations } : { message: error.message };
  return { message: (error as Error).message };
}
