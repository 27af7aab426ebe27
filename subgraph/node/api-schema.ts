// The query API schema graph-node derives from schema.graphql: per entity type and interface a single
// and a collection query field, `<Type>_filter` inputs with the standard suffixes, nested `<field>_`
// filters and `and`/`or`, `<Type>_orderBy` enums (with `ref__field` child sorting), OrderDirection,
// Block_height, _Meta_, and @fulltext query fields.
import { GraphQLError, type GraphQLScalarType, type GraphQLSchema, Kind, type ValueNode, buildSchema, print } from 'graphql';
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
/** Lists of types without case (graph-node's field_list_supports_nocase is false): no `_nocase` filters. */
const CASELESS_LIST_OPS = ['', '_not', '_contains', '_not_contains'];

/** Filter suffixes, longest first, for splitting `field_suffix` keys. */
export const FILTER_SUFFIXES = [...new Set([...STRING_OPS, ...BYTES_OPS, ...LIST_OPS])].sort((a, b) => b.length - a.length);

/**
 * graph-node's query field names (`camel_cased_names` in graph/src/data/graphql/ext.rs): the singular is the
 * type name in camelCase, the plural is the type name pluralized by the Inflector crate (0.11) and then
 * camel-cased; when the two are equal the plural gets `_collection` (`Stats` -> `stats` / `stats_collection`).
 * Both Inflector steps are case-sensitive, so `PlatformDayData` -> `platformDayDatas`.
 */
export function queryFieldNames(typeName: string): { single: string; plural: string } {
  const single = toCamelCase(typeName);
  const plural = toCamelCase(toPlural(typeName));
  return { single, plural: plural === single ? `${single}_collection` : plural };
}

// Inflector's uncountable words and special cases: matched against the whole (case-sensitive) name, so they
// only apply to all-lowercase type names.
const UNCOUNTABLE = new Set(`accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause
  arithmetic assistance athletics bacon baggage beef biology blood botany bread butter carbon cardboard cash chalk chaos
  chess crossroads countryside dancing deer dignity dirt dust economics education electricity engineering enjoyment envy
  equipment ethics evidence evolution fame fiction flour flu food fuel fun furniture gallows garbage garlic genetics gold
  golf gossip grammar gratitude grief guilt gymnastics happiness hardware harm hate hatred health heat help homework
  honesty honey hospitality housework humour hunger hydrogen ice importance inflation information innocence iron irony jam
  jewelry judo karate knowledge lack laughter lava leather leisure lightning linguine linguini linguistics literature
  litter livestock logic loneliness luck luggage macaroni machinery magic management mankind marble mathematics mayonnaise
  measles methane milk money mud music mumps nature news nitrogen nonsense nurture nutrition obedience obesity oxygen pasta
  patience physics poetry pollution poverty pride psychology publicity punctuation quartz racism relaxation reliability
  research respect revenge rice rubbish rum safety scenery seafood seaside series shame sheep shopping sleep smoke smoking
  snow soap software soil spaghetti species steam stuff stupidity sunshine symmetry tennis thirst thunder timber traffic
  transportation trust underwear unemployment unity validity veal vegetation vegetarianism vengeance violence vitality
  warmth wealth weather welfare wheat wildlife wisdom yoga zinc zoology`.split(/\s+/));
const SPECIAL: Record<string, string> = {
  ox: 'oxen', man: 'men', woman: 'women', die: 'dice', yes: 'yeses', foot: 'feet', eave: 'eaves', goose: 'geese',
  tooth: 'teeth', quiz: 'quizzes',
};
// Inflector's plural rules in the order it tries them (the crate lists them the other way round and walks the
// list backwards): the first whose pattern matches the end of the name wins, keeping the prefix it captured.
// Case-sensitive, as Rust's regex.
const PLURAL_RULES: [RegExp, string][] = ([
  [/^(\w*eaux)$/, ''],
  [/^(\w*(pe)(?:rson|ople))$/, 'ople'],
  [/^(\w*(child))(?:ren)?$/, 'ren'],
  [/^(\w*(m|l)(?:ice|ouse))$/, 'ice'],
  [/^(\w*(matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$/, 'ices'],
  [/^(\w*(x|ch|ss|sh|zz))$/, 'es'],
  [/^(\w*(x|ch|ss|sh|zz)es)$/, ''],
  [/^(\w*([^ch][ieo][ln]))ey$/, 'ies'],
  [/^(\w*([^aeiouy]|qu))y$/, 'ies'],
  [/^(\w*(ar|l|ea|eo|oa|hoo))f$/, 'ves'],
  [/^(\w*(kni|wi|li))fe$/, 'ves'],
  [/^(\w*)sis$/, 'ses'],
  [/^(\w*(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat))(?:a|on)$/, 'a'],
  [/^(\w*(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor))(?:a|um)$/, 'a'],
  [/^(\w*(her|at|gr))o$/, 'oes'],
  [/^(\w*(seraph|cherub))(?:im)?$/, 'im'],
  [/^(\w*(alumn|alg|vertebr))(?:a|ae)$/, 'ae'],
  [/^(\w*(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat))(?:us|i)$/, 'i'],
  [/^(\w*([^l]ias|[aeiou]las|[emjzr]as|[iu]am))$/, ''],
  [/^(\w*(e[mn]u))s?$/, 's'],
  [/^(\w*(alias|[^aou]us|tlas|gas|ris))$/, 'es'],
  [/^(\w*(ax|test))is$/, 'es'],
  [/^(\w*([^aeiou]ese))$/, ''],
  [/^(\w*)s$/, 's'],
] as [RegExp, string][]);

/** Inflector's `to_plural` (GraphQL names are ASCII word characters, so anchoring at the start is equivalent). */
export function toPlural(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  if (Object.hasOwn(SPECIAL, word)) return SPECIAL[word];
  for (const [pattern, suffix] of PLURAL_RULES) {
    const m = pattern.exec(word);
    if (m) return m[1] + suffix;
  }
  return `${word}s`;
}

const isAlnum = (c: string) => /^[\p{L}\p{N}]$/u.test(c);
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

/**
 * Inflector's `to_camel_case`: separators (`_`) are dropped and start a new word, a digit starts a new word,
 * an upper-case letter after a lower-case one starts a new word (upper-cased), everything else is lower-cased;
 * the first word is lower case (`ERC20Token` -> `erc20Token`, `Order_Event` -> `orderEvent`).
 */
export function toCamelCase(name: string): string {
  const trimmed = name.replace(/[^\p{L}\p{N}]+$/u, '');
  let newWord = false;
  let lastChar = ' ';
  let started = false;
  let out = '';
  for (const c of trimmed) {
    if (!isAlnum(c)) {
      if (started) newWord = true;
    } else if (/^\p{N}$/u.test(c)) {
      started = true;
      newWord = true;
      out += c;
    } else if (newWord || (isLower(lastChar) && isUpper(c))) {
      // Inflector does not update its last character here, so a run of capitals after a word stays upper case.
      started = true;
      newWord = false;
      out += c.toUpperCase();
    } else {
      started = true;
      lastChar = c;
      out += c.toLowerCase();
    }
  }
  return out;
}

/**
 * The scalar graph-node filters a reference by (id_type_as_scalar in graph/src/schema/api.rs): `String` for
 * String and Bytes ids, `Int` for Int8 ids; an interface takes the id type of its first implementation.
 */
function referenceScalar(typeName: string, schema: SubgraphSchema): { scalar: 'String' | 'Int'; stringId: boolean } {
  const target = schema.entities.get(typeName) ?? schema.concrete(typeName)[0];
  const idScalar = target?.idScalar ?? 'String';
  return { scalar: idScalar === 'Int8' ? 'Int' : 'String', stringId: idScalar === 'String' };
}

/** The filter inputs of one field, as graph-node's field_filter_input_values (graph/src/schema/api.rs). */
function fieldFilters(field: FieldDef, schema: SubgraphSchema): string[] {
  const isRef = field.kind === 'entity' || field.kind === 'interface';
  const out: string[] = [];
  if (!field.derivedFrom) {
    let valueType: string;
    let ops: string[];
    if (field.list) {
      if (isRef) {
        const ref = referenceScalar(field.typeName, schema);
        valueType = ref.scalar;
        ops = ref.stringId ? LIST_OPS : CASELESS_LIST_OPS;
      } else {
        valueType = field.typeName;
        ops = field.typeName === 'String' ? LIST_OPS : CASELESS_LIST_OPS;
      }
    } else if (isRef) {
      valueType = referenceScalar(field.typeName, schema).scalar;
      ops = valueType === 'String' ? STRING_OPS : ORDERED_OPS;
    } else if (field.kind === 'enum' || field.typeName === 'Boolean') {
      valueType = field.typeName;
      ops = EQUALITY_OPS;
    } else {
      valueType = field.typeName;
      ops = { String: STRING_OPS, Bytes: BYTES_OPS }[field.typeName] ?? ORDERED_OPS;
    }
    for (const op of ops) {
      const type = field.list || op === '_in' || op === '_not_in' ? `[${valueType}!]` : valueType;
      out.push(`${field.name}${op}: ${type}`);
    }
  }
  if (isRef && schema.types(field.typeName)) out.push(`${field.name}_: ${field.typeName}_filter`);
  return out;
}

function filterFields(owner: EntityDef | InterfaceDef, schema: SubgraphSchema): string[] {
  const out = owner.fields.flatMap((field) => fieldFilters(field, schema));
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
  const api = buildSchema(parts.join('\n\n'));
  for (const [name, coerce] of Object.entries(SCALAR_COERCION)) {
    const type = api.getType(name) as GraphQLScalarType;
    const fail = (shown: string): never => {
      throw new GraphQLError(`graph-node does not accept ${shown} as ${name}`);
    };
    type.parseValue = (value: unknown) => {
      const input: Input | undefined =
        typeof value === 'string' ? { kind: 'string', value } : typeof value === 'number' ? (Number.isInteger(value) ? { kind: 'int', value: String(value) } : { kind: 'float', value: String(value) }) : undefined;
      const out = input && coerce(input);
      return out ?? fail(JSON.stringify(value));
    };
    type.parseLiteral = (node: ValueNode) => {
      const input: Input | undefined =
        node.kind === Kind.STRING ? { kind: 'string', value: node.value } : node.kind === Kind.INT ? { kind: 'int', value: node.value } : node.kind === Kind.FLOAT ? { kind: 'float', value: node.value } : undefined;
      const out = input && coerce(input);
      return out ?? fail(print(node));
    };
  }
  return api;
}

type Input = { kind: 'string' | 'int' | 'float'; value: string };

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const isI64 = (text: string) => /^[+-]?\d+$/.test(text) && BigInt(text) >= I64_MIN && BigInt(text) <= I64_MAX;

/**
 * What graph-node's `coerce_scalar` (graph/src/data/value.rs) accepts for its own scalars, literal or variable,
 * and the value it passes on (undefined: refused). Parse errors of accepted strings (`"abc"` for a BigInt)
 * come later, from the filter (query.ts), as in graph-node.
 */
const SCALAR_COERCION: Record<string, (input: Input) => string | undefined> = {
  BigInt: (i) => (i.kind === 'float' ? undefined : i.value),
  BigDecimal: (i) => (i.kind === 'float' ? String(Number(i.value)) : i.value),
  Bytes: (i) => (i.kind === 'string' ? i.value : undefined),
  Int8: (i) => (i.kind === 'string' || (i.kind === 'int' && isI64(i.value)) ? i.value : undefined),
  // Microseconds since the epoch, as a string only (an Int is refused), within chrono's range.
  Timestamp: (i) => {
    if (i.kind !== 'string' || !isI64(i.value)) return undefined;
    const micros = BigInt(i.value);
    if (micros < 0n && micros % 1_000_000n !== 0n) return undefined;
    return micros / 1_000_000n <= 8_210_266_876_799n && micros / 1_000_000n >= -8_334_601_228_800n ? micros.toString() : undefined;
  },
};
