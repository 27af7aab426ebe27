// The query API schema graph-node derives from schema.graphql: per entity type and interface a single
// and a collection query field, `<Type>_filter` inputs with the standard suffixes, nested `<field>_`
// filters and `and`/`or`, `<Type>_orderBy` enums (with `ref__field` child sorting), OrderDirection,
// Block_height, _Meta_, and @fulltext query fields.
import { type GraphQLSchema, buildSchema } from 'graphql';
import type { EntityDef, FieldDef, InterfaceDef, SubgraphSchema } from './schema.ts';

const ORDERED_OPS = ['', '_not', '_gt', '_lt', '_gte', '_lte', '_in', '_not_in'];
const STRING_OPS = [
  ...ORDERED_OPS, '_contains', '_contains_nocase', '_not_contains', '_not_contains_nocase', '_starts_with',
  '_starts_with_nocase', '_not_starts_with', '_not_starts_with_nocase', '_ends_with', '_ends_with_nocase',
  '_not_ends_with', '_not_ends_with_nocase',
];
const BYTES_OPS = [...ORDERED_OPS, '_contains', '_not_contains'];
const EQUALITY_OPS = ['', '_not', '_in', '_not_in'];
const LIST_OPS = ['', '_not', '_contains', '_contains_nocase', '_not_contains', '_not_contains_nocase'];

/** Filter suffixes, longest first, for splitting `field_suffix` keys. */
export const FILTER_SUFFIXES = [...new Set([...STRING_OPS, ...BYTES_OPS, ...LIST_OPS])].sort((a, b) => b.length - a.length);

/** graph-node's query field names: `listing` / `listings`, `stats_collection` when plural == singular. */
export function queryFieldNames(typeName: string): { single: string; plural: string } {
  const single = typeName.charAt(0).toLowerCase() + typeName.slice(1);
  const plural = pluralize(single);
  return { single, plural: plural === single ? `${single}_collection` : plural };
}

const UNCOUNTABLE = ['equipment', 'information', 'rice', 'money', 'species', 'series', 'fish', 'sheep', 'jeans', 'police', 'data', 'metadata'];
const IRREGULAR: Record<string, string> = { person: 'people', man: 'men', child: 'children', sex: 'sexes', move: 'moves', zombie: 'zombies' };

/** The Rails inflector rules graph-node's `Inflector::to_plural` implements, for the common cases. */
function pluralize(word: string): string {
  const lower = word.toLowerCase();
  if (UNCOUNTABLE.some((u) => lower.endsWith(u))) return word;
  for (const [singular, plural] of Object.entries(IRREGULAR)) {
    if (lower.endsWith(singular)) return word.slice(0, word.length - singular.length) + (word.slice(-singular.length)[0] === singular[0] ? plural : plural[0].toUpperCase() + plural.slice(1));
  }
  const rules: [RegExp, string][] = [
    [/(quiz)$/i, '$1zes'], [/^(oxen)$/i, '$1'], [/^(ox)$/i, '$1en'], [/(m|l)ice$/i, '$1ice'], [/(m|l)ouse$/i, '$1ice'],
    [/(matr|vert|ind)(?:ix|ex)$/i, '$1ices'], [/(x|ch|ss|sh)$/i, '$1es'], [/([^aeiouy]|qu)y$/i, '$1ies'],
    [/(hive)$/i, '$1s'], [/(?:([^f])fe|([lr])f)$/i, '$1$2ves'], [/sis$/i, 'ses'], [/([ti])a$/i, '$1a'], [/([ti])um$/i, '$1a'],
    [/(buffal|tomat)o$/i, '$1oes'], [/(bu)s$/i, '$1ses'], [/(alias|status)$/i, '$1es'], [/(octop|vir)i$/i, '$1i'],
    [/(octop|vir)us$/i, '$1i'], [/^(ax|test)is$/i, '$1es'], [/s$/i, 's'], [/$/, 's'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}

/** The GraphQL type used for a field's filter values. */
function filterScalar(field: FieldDef): string {
  if (field.kind === 'enum') return field.typeName;
  if (field.kind === 'entity' || field.kind === 'interface') return field.scalar === 'Bytes' ? 'Bytes' : field.scalar === 'Int8' ? 'Int8' : 'String';
  return field.typeName;
}

function filterFields(owner: EntityDef | InterfaceDef, schema: SubgraphSchema): string[] {
  const out: string[] = [];
  for (const field of owner.fields) {
    const isRef = field.kind === 'entity' || field.kind === 'interface';
    if (!field.derivedFrom) {
      const scalar = filterScalar(field);
      let ops: string[];
      if (field.list) ops = LIST_OPS;
      else if (field.kind === 'enum' || field.scalar === 'Boolean') ops = EQUALITY_OPS;
      else if (scalar === 'String') ops = field.name === 'id' && field.typeName === 'ID' ? ORDERED_OPS : STRING_OPS;
      else if (scalar === 'Bytes') ops = BYTES_OPS;
      else ops = ORDERED_OPS;
      const valueType = field.name === 'id' && field.typeName === 'ID' ? 'ID' : scalar;
      for (const op of ops) {
        const type = field.list || op === '_in' || op === '_not_in' ? `[${valueType}!]` : valueType;
        out.push(`${field.name}${op}: ${type}`);
      }
    }
    if (isRef && schema.types(field.typeName)) out.push(`${field.name}_: ${field.typeName}_filter`);
  }
  out.push('_change_block: BlockChangedFilter', `and: [${owner.name}_filter]`, `or: [${owner.name}_filter]`);
  return out;
}

function orderByValues(owner: EntityDef | InterfaceDef, schema: SubgraphSchema): string[] {
  const out: string[] = [];
  for (const field of owner.fields) {
    out.push(field.name);
    const child = (field.kind === 'entity' || field.kind === 'interface') && !field.list ? schema.types(field.typeName) : undefined;
    if (child) for (const cf of child.fields) if (!cf.list && cf.kind !== 'entity' && cf.kind !== 'interface') out.push(`${field.name}__${cf.name}`);
  }
  return out;
}

const COLLECTION_ARGS = (type: string) =>
  `skip: Int = 0, first: Int = 100, orderBy: ${type}_orderBy, orderDirection: OrderDirection, where: ${type}_filter`;

function objectField(field: FieldDef): string {
  if ((field.kind === 'entity' || field.kind === 'interface') && field.list) return `${field.name}(${COLLECTION_ARGS(field.typeName)}): ${field.typeText}`;
  return `${field.name}: ${field.typeText}`;
}

export function buildApiSchema(schema: SubgraphSchema): GraphQLSchema {
  const parts: string[] = [
    'scalar BigInt', 'scalar BigDecimal', 'scalar Bytes', 'scalar Int8', 'scalar Timestamp',
    'enum OrderDirection { asc desc }',
    'enum _SubgraphErrorPolicy_ { allow deny }',
    'input Block_height { hash: Bytes number: Int number_gte: Int }',
    'input BlockChangedFilter { number_gte: Int! }',
    'type _Block_ { hash: Bytes number: Int! timestamp: Int parentHash: Bytes }',
    'type _Meta_ { block: _Block_! deployment: String! hasIndexingErrors: Boolean! }',
  ];
  for (const [name, values] of schema.enums) parts.push(`enum ${name} { ${values.join(' ')} }`);
  const query: string[] = [];
  const owners: (EntityDef | InterfaceDef)[] = [...schema.interfaces.values(), ...schema.entities.values()];
  for (const owner of owners) {
    const isInterface = schema.interfaces.has(owner.name);
    const implementsClause = !isInterface && (owner as EntityDef).interfaces.length ? ` implements ${(owner as EntityDef).interfaces.join(' & ')}` : '';
    parts.push(`${isInterface ? 'interface' : 'type'} ${owner.name}${implementsClause} { ${owner.fields.map(objectField).join('\n')} }`);
    parts.push(`input ${owner.name}_filter { ${filterFields(owner, schema).join('\n')} }`);
    parts.push(`enum ${owner.name}_orderBy { ${orderByValues(owner, schema).join(' ')} }`);
    const { single, plural } = queryFieldNames(owner.name);
    const policy = 'block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny';
    query.push(`${single}(id: ID!, ${policy}): ${owner.name}`);
    query.push(`${plural}(${COLLECTION_ARGS(owner.name)}, ${policy}): [${owner.name}!]!`);
  }
  for (const ft of schema.fulltext) {
    query.push(`${ft.name}(text: String!, first: Int = 100, skip: Int = 0, block: Block_height, where: ${ft.entity}_filter, subgraphError: _SubgraphErrorPolicy_! = deny): [${ft.entity}!]!`);
  }
  query.push('_meta(block: Block_height): _Meta_');
  parts.push(`type Query { ${query.join('\n')} }`);
  return buildSchema(parts.join('\n\n'));
}
