// graph-node's filter semantics: cases ported from store/test-store/tests/postgres/relational.rs (check_find,
// through the GraphQL API instead of EntityQuery) and graph/src/schema/api.rs (the generated filter and
// orderBy inputs), plus cases for what graph-node's source does where its tests are silent (each names
// the function it follows).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { GraphQLEnumType, GraphQLInputObjectType } from 'graphql';
import { buildApiSchema } from '../api-schema.ts';
import { parseSchema } from '../schema.ts';
import { type Harness, queryHarness } from './query-harness.ts';

const hexOf = (text: string) => `0x${Buffer.from(text).toString('hex')}`;

// relational.rs: the User type of its test schema, with the fields check_find uses.
const USER_SCHEMA = `
  type User @entity {
    id: ID!
    name: String!
    bin_name: Bytes!
    email: String!
    age: Int!
    weight: BigDecimal!
    coffee: Boolean!
    favorite_color: String
    drinks: [String!]
    visits: Int8!
  }`;
// relational.rs insert_users, then QueryChecker::new's update of user 1 ("Jono").
const USERS = {
  User: [
    { id: '1', name: 'Jono', bin_name: hexOf('Jono'), email: 'achangedemail@email.com', age: 67, weight: '184.4', coffee: false, favorite_color: 'yellow', visits: '23' },
    { id: '2', name: 'Cindini', bin_name: hexOf('Cindini'), email: 'dinici@email.com', age: 43, weight: '159.1', coffee: true, favorite_color: 'red', drinks: ['beer', 'wine'], visits: '50' },
    { id: '3', name: 'Shaqueeena', bin_name: hexOf('Shaqueeena'), email: 'teeko@email.com', age: 28, weight: '111.7', coffee: false, drinks: ['coffee', 'tea'], visits: '22' },
  ],
};

describe('graph-node store/test-store/tests/postgres/relational.rs (check_find)', () => {
  let h: Harness;
  const ids = async (args: string) => ((await h.data(`{ users(${args}) { id } }`)).users as { id: string }[]).map((u) => u.id);
  before(async () => {
    h = await queryHarness(USER_SCHEMA, USERS);
  });
  after(() => h?.close());

  // relational.rs check_find, "list contains"
  test('list contains', async () => {
    assert.deepEqual(await ids('where: { drinks_contains: ["beer"] }'), ['2']);
    assert.deepEqual(await ids('where: { drinks_contains: ["tea", "coffee"] }'), ['3']);
    assert.deepEqual(await ids('where: { drinks_contains: ["beer", "tea"] }'), []);
    assert.deepEqual(await ids('where: { drinks_contains: ["beer", "water"] }'), []);
    assert.deepEqual(await ids('where: { drinks_contains: ["beer", "wine", "water"] }'), []);
  });

  // relational.rs check_find, "list not contains" (`not column && value`: users without drinks are excluded)
  test('list not contains', async () => {
    assert.deepEqual(await ids('where: { drinks_not_contains: ["beer"] }'), ['3']);
    assert.deepEqual(await ids('where: { drinks_not_contains: ["tea"] }'), ['2']);
  });

  // relational.rs check_find, "string attributes"
  test('string attributes', async () => {
    assert.deepEqual(await ids('where: { name_contains: "ind" }'), ['2']);
    assert.deepEqual(await ids('where: { name: "Cindini" }'), ['2']);
    assert.deepEqual(await ids('where: { name: "Cindini" }, orderBy: id, orderDirection: desc'), ['2']);
    assert.deepEqual(await ids('where: { name_not: "Cindini" }, orderBy: name'), ['1', '3']);
    assert.deepEqual(await ids('where: { name_gt: "Kundi" }'), ['3']);
    assert.deepEqual(await ids('where: { name_lt: "Kundi" }, orderBy: name'), ['2', '1']);
    assert.deepEqual(await ids('where: { name_lt: "Kundi" }, orderBy: name, orderDirection: desc'), ['1', '2']);
    assert.deepEqual(await ids('where: { name_lt: "ZZZ" }, orderBy: name, orderDirection: desc, first: 1, skip: 1'), ['1']);
    assert.deepEqual(await ids('where: { and: [{ name_lt: "Cz" }, { name: "Cindini" }] }, orderBy: name, orderDirection: desc'), ['2']);
    assert.deepEqual(await ids('where: { name_ends_with: "ini" }, orderBy: name, orderDirection: desc'), ['2']);
    assert.deepEqual(await ids('where: { name_not_ends_with: "ini" }, orderBy: name, orderDirection: desc'), ['3', '1']);
    assert.deepEqual(await ids('where: { name_in: ["Jono", "Nobody", "Still nobody"] }, orderBy: name, orderDirection: desc'), ['1']);
    assert.deepEqual(await ids('where: { name_in: [] }'), []);
    assert.deepEqual(await ids('where: { name_not_in: ["Shaqueeena"] }, orderBy: name, orderDirection: desc'), ['1', '2']);
  });

  // relational.rs check_find, "float attributes"
  test('float attributes', async () => {
    assert.deepEqual(await ids('where: { weight: "184.4" }'), ['1']);
    assert.deepEqual(await ids('where: { weight_not: "184.4" }, orderBy: name, orderDirection: desc'), ['3', '2']);
    assert.deepEqual(await ids('where: { weight_gt: "160" }'), ['1']);
    assert.deepEqual(await ids('where: { weight_lt: "160" }, orderBy: name'), ['2', '3']);
    assert.deepEqual(await ids('where: { weight_lt: "161" }, orderBy: name, orderDirection: desc, first: 1, skip: 1'), ['2']);
    assert.deepEqual(await ids('where: { weight_in: ["184.4", "111.7"] }, orderBy: name, orderDirection: desc, first: 5'), ['3', '1']);
    assert.deepEqual(await ids('where: { weight_not_in: ["184.4", "111.7"] }, orderBy: name, orderDirection: desc, first: 5'), ['2']);
  });

  // relational.rs check_find, "int attributes" (the In/NotIn checks)
  test('int attributes', async () => {
    assert.deepEqual(await ids('where: { age_lt: 67 }, orderBy: name, orderDirection: desc, first: 1, skip: 1'), ['2']);
    assert.deepEqual(await ids('where: { age_in: [67, 43] }, orderBy: name, orderDirection: desc, first: 5'), ['1', '2']);
    assert.deepEqual(await ids('where: { age_not_in: [67, 43] }, orderBy: name, orderDirection: desc, first: 5'), ['3']);
  });

  // relational.rs check_find, "bool attributes"
  test('bool attributes', async () => {
    assert.deepEqual(await ids('where: { coffee: true }, orderBy: name, orderDirection: desc'), ['2']);
    assert.deepEqual(await ids('where: { coffee_not: true }, orderBy: name'), ['1', '3']);
    assert.deepEqual(await ids('where: { coffee_in: [true] }, orderBy: name, orderDirection: desc, first: 5'), ['2']);
    assert.deepEqual(await ids('where: { coffee_not_in: [true] }, orderBy: name, orderDirection: desc, first: 5'), ['3', '1']);
  });

  // relational.rs check_find, "misc tests"
  test('misc tests', async () => {
    assert.deepEqual(await ids(`where: { bin_name: "${hexOf('Jono')}" }, orderBy: name, orderDirection: desc`), ['1']);
    assert.deepEqual(await ids('where: { favorite_color: null }, orderBy: name, orderDirection: desc'), ['3']);
  });

  // Filter::contains in relational_queries.rs: `_contains_nocase` on a list is `exists (.. elem ilike any(values))`
  test('list contains_nocase: any element matching any value, values as ILIKE patterns', async () => {
    assert.deepEqual(await ids('where: { drinks_contains_nocase: ["BEER", "nothing"] }'), ['2']);
    assert.deepEqual(await ids('where: { drinks_contains_nocase: ["T%"] }'), ['3']);
    // `not exists (.. unnest(drinks) ..)` holds for a user without drinks.
    assert.deepEqual(await ids('where: { drinks_not_contains_nocase: ["WINE"] }, orderBy: id'), ['1', '3']);
    assert.deepEqual(await ids('where: { drinks_contains_nocase: [] }'), []);
    assert.deepEqual(await ids('where: { drinks_contains: [] }'), ['2', '3']);
  });

  // Filter::in_array in relational_queries.rs: an empty list is `false`, for `_not_in` too;
  // Filter::binary_op: an empty `and` is true, an empty `or` false.
  test('empty lists: _in, _not_in, or, and', async () => {
    assert.deepEqual(await ids('where: { name_not_in: [] }'), []);
    assert.deepEqual(await ids('where: { id_in: [] }'), []);
    assert.deepEqual(await ids('where: { or: [] }'), []);
    assert.deepEqual(await ids('where: { and: [] }'), ['1', '2', '3']);
    assert.deepEqual(await ids('where: { or: [{ and: [] }] }'), ['1', '2', '3']);
  });

  // Filter::contains and starts_or_ends_with: the value goes into LIKE as a pattern, `%`/`_` are wildcards,
  // and a `_contains` value starting or ending with `%` is the whole pattern.
  test('% and _ in contains/starts_with/ends_with are LIKE wildcards', async () => {
    assert.deepEqual(await ids('where: { name_contains: "n_i" }'), ['2']);
    assert.deepEqual(await ids('where: { name_contains: "n_n" }'), []);
    assert.deepEqual(await ids('where: { name_contains: "J%o" }'), ['1']);
    assert.deepEqual(await ids('where: { name_contains: "%een" }'), []);
    assert.deepEqual(await ids('where: { name_contains: "%eena" }'), ['3']);
    assert.deepEqual(await ids('where: { name_starts_with: "_ind" }'), ['2']);
    assert.deepEqual(await ids('where: { name_ends_with_nocase: "%NA" }'), ['3']);
    assert.deepEqual(await ids('where: { email_contains: "@email.com" }, orderBy: id'), ['1', '2', '3']);
    assert.deepEqual(await ids('where: { name_not_contains_nocase: "I_I" }, orderBy: id'), ['1', '3']);
  });

  // Postgres LIKE's default escape character is the backslash, for graph-node's patterns as for these.
  test('a backslash escapes % and _ in LIKE patterns', async () => {
    assert.deepEqual(await ids(String.raw`where: { name_contains: "n\\_i" }`), []);
    assert.deepEqual(await ids(String.raw`where: { email_contains: "\\%" }`), []);
  });

  // Filter::contains: Bytes are matched with position(); nocase only for String columns.
  test('Bytes contains by position; a nocase filter on Bytes is refused', async () => {
    assert.deepEqual(await ids(`where: { bin_name_contains: "${hexOf('ind')}" }`), ['2']);
    assert.deepEqual(await ids(`where: { bin_name_not_contains: "${hexOf('ind')}" }, orderBy: id`), ['1', '3']);
  });

  // build_range in graphql/src/store/query.rs: `first` must be > 0.
  test('first: 0 is refused, with graph-node\'s message', async () => {
    assert.equal(await h.error('{ users(first: 0) { id } }'), 'The `first` argument must be between 0 and 1000, but is 0');
    assert.equal(await h.error('{ users(first: -1) { id } }'), 'The `first` argument must be between 0 and 1000, but is -1');
    assert.equal(await h.error('{ users(skip: -1) { id } }'), 'The `skip` argument must be between 0 and 5000, but is -1');
  });

  // build_filter_from_object: `or` beside column filters is refused; `and` takes every value of the object as
  // a list of filters, so a column filter beside it is "Filter must by an object".
  test('or/and mixed with column filters at the same level', async () => {
    assert.equal(
      await h.error('{ users(where: { name: "Jono", or: [{ age: 43 }] }) { id } }'),
      "Cannot mix column filters with 'or' operator at the same level. Found column filter(s) 'name' alongside 'or' operator.\n\n" +
        "Instead of:\nwhere: { 'name', or: [...] }\n\nUse:\nwhere: { or: [{ 'name', ... }, { 'name', ... }] }",
    );
    assert.equal(await h.error('{ users(where: { name: "Jono", and: [{ age: 67 }] }) { id } }'), 'Filter must by an object');
    // `_change_block` is no column filter, but its value is no list either.
    assert.equal(await h.error('{ users(where: { _change_block: { number_gte: 0 }, or: [{ age: 43 }] }) { id } }'), 'Filter must by an object');
    // Both `or` and `and` take all three filters: (43 or 28 or not Cindini) and (43 and 28 and not Cindini).
    assert.deepEqual(await ids('where: { or: [{ age: 43 }, { age: 28 }], and: [{ name_not: "Cindini" }] }, orderBy: id'), []);
  });

  // build_order_by: only scalar fields (and `ref__field`) can be sorted on.
  test('orderBy a list field is refused', async () => {
    assert.equal(await h.error('{ users(orderBy: drinks) { id } }'), 'Ordering by `drinks` is not supported for type `User`');
  });

  // Value::from_query_value and the hex crate: graph-node's parse errors for filter values.
  test('filter value parse errors', async () => {
    assert.equal(await h.error('{ users(where: { visits: "x" }) { id } }'), 'Failed to decode `Int8` value: `x`');
    assert.equal(await h.error('{ users(where: { bin_name: "0xzz" }) { id } }'), "Failed to decode `Bytes` value: `Invalid character 'z' at position 0`");
    assert.equal(await h.error('{ users(where: { weight_gt: null }) { id } }'), 'Store error: unsupported filter `>` for value `null`');
  });

  // coerce_scalar in graph/src/data/value.rs: which literals and variables each scalar accepts.
  test('literal and variable coercion as graph-node\'s coerce_scalar', async () => {
    // Int8: an Int or a String; BigDecimal: Int, Float or String.
    assert.deepEqual(await ids('where: { visits: 23 }'), ['1']);
    assert.deepEqual(await ids('where: { visits: "23" }'), ['1']);
    assert.deepEqual(await ids('where: { visits_gt: 4294967296 }'), []);
    assert.deepEqual(await ids('where: { weight: 184.4 }'), ['1']);
    assert.deepEqual(await ids('where: { weight_gt: 160 }'), ['1']);
    assert.deepEqual((await h.data('query($v: Int8) { users(where: { visits: $v }) { id } }', { v: 50 })).users, [{ id: '2' }]);
    // Bytes: a String only.
    assert.ok((await h.query('{ users(where: { bin_name: 12 }) { id } }')).errors);
    // Int: 32 bits.
    assert.ok((await h.query('{ users(where: { age: 4294967296 }) { id } }')).errors);
    // ID: a String or an Int.
    assert.deepEqual(await ids('where: { id: 2 }'), ['2']);
  });
});

describe('graph-node coercion of Timestamp and BigInt (graph/src/data/value.rs coerce_scalar)', () => {
  let h: Harness;
  before(async () => {
    h = await queryHarness('type Event @entity { id: ID! at: Timestamp! amount: BigInt! }', {
      Event: [{ id: 'e1', at: '1710837304040956', amount: '100' }, { id: 'e2', at: '1710837304040957', amount: '200' }],
    });
  });
  after(() => h?.close());

  test('Timestamp takes a String of microseconds; an Int is refused', async () => {
    assert.deepEqual((await h.data('{ events(where: { at_gt: "1710837304040956" }) { id at } }')).events, [{ id: 'e2', at: '1710837304040957' }]);
    assert.ok((await h.query('{ events(where: { at_gt: 1710837304 }) { id } }')).errors);
    assert.ok((await h.query('{ events(where: { at: "yesterday" }) { id } }')).errors);
    assert.ok((await h.query('query($t: Timestamp) { events(where: { at: $t }) { id } }', { t: 1 })).errors);
  });

  test('BigInt takes a String or an Int; a Float is refused; a bad String fails in the filter', async () => {
    assert.deepEqual((await h.data('{ events(where: { amount: 200 }) { id } }')).events, [{ id: 'e2' }]);
    assert.deepEqual((await h.data('{ events(where: { amount_lt: "200" }) { id } }')).events, [{ id: 'e1' }]);
    assert.ok((await h.query('{ events(where: { amount: 1.5 }) { id } }')).errors);
    assert.equal(await h.error('{ events(where: { amount: "1e3" }) { id } }'), 'Failed to decode `BigInt` value: `invalid digit found in string`');
  });
});

describe('graph-node references with Bytes ids: String filter ops, refused by the store where Postgres cannot run them', () => {
  let h: Harness;
  before(async () => {
    h = await queryHarness(
      `type Account @entity { id: Bytes! name: String! transfers: [Transfer!]! @derivedFrom(field: "from") }
       type Transfer @entity { id: ID! from: Account! tags: [Account!]! }`,
      { Account: [{ id: '0xaa01', name: 'a' }, { id: '0xbb02', name: 'b' }], Transfer: [{ id: 't1', from: '0xaa01', tags: ['0xbb02'] }] },
    );
  });
  after(() => h?.close());

  // SqlValue::new: a String for a Bytes column is decoded as hex; Filter::contains matches bytes by position.
  test('from: "0x.." and from_contains match the bytes', async () => {
    assert.deepEqual((await h.data('{ transfers(where: { from: "0xAA01" }) { id } }')).transfers, [{ id: 't1' }]);
    assert.deepEqual((await h.data('{ transfers(where: { from_contains: "0xaa" }) { id } }')).transfers, [{ id: 't1' }]);
    assert.deepEqual((await h.data('{ transfers(where: { tags_contains: ["0xbb02"] }) { id } }')).transfers, [{ id: 't1' }]);
  });

  // graph-node runs no validation by default (ENABLE_GRAPHQL_VALIDATIONS off): a Bytes variable in a String
  // position is coerced for the argument, as the site's merchant queries rely on.
  test('a Bytes! variable passed to a reference filter is accepted', async () => {
    assert.deepEqual((await h.data('query($a: Bytes!) { transfers(where: { from: $a }) { id } }', { a: '0xaa01' })).transfers, [{ id: 't1' }]);
  });

  // Filter::contains refuses ILIKE on a non-String column; starts_or_ends_with binds text against bytea.
  test('from_contains_nocase and from_starts_with are offered by the API but fail in the store', async () => {
    assert.equal(await h.error('{ transfers(where: { from_contains_nocase: "0xaa" }) { id } }'), 'Store error: unsupported filter `contains_nocase` for value `0xaa`');
    assert.match(await h.error('{ transfers(where: { from_starts_with: "0xaa" }) { id } }'), /^Store error: operator does not exist: bytea ~~ text$/);
  });

  // Filter::new in relational_queries.rs: a child filter inside a child filter is refused (qual.allow_child()).
  test('child filters do not nest', async () => {
    assert.deepEqual((await h.data('{ transfers(where: { from_: { name: "a" } }) { id } }')).transfers, [{ id: 't1' }]);
    assert.match(await h.error('{ transfers(where: { from_: { transfers_: { id: "t1" } } }) { id } }'), /^Child filter nesting not supported by value `from`: /);
  });
});

const API_SCHEMA_USER = `
  enum FurType { NONE FLUFFY BRISTLY }
  type Pet @entity { id: ID! name: String! mostHatedBy: [User!]! mostLovedBy: [User!]! }
  type User @entity {
    id: ID!
    name: String!
    favoritePetNames: [String!]
    pets: [Pet!]!
    favoriteFurType: FurType!
    favoritePet: Pet!
    leastFavoritePet: Pet @derivedFrom(field: "mostHatedBy")
    mostFavoritePets: [Pet!] @derivedFrom(field: "mostLovedBy")
  }`;

const inputNames = (schema: string, type: string) => Object.keys((buildApiSchema(parseSchema(schema)).getType(type) as GraphQLInputObjectType).getFields());

describe('graph-node graph/src/schema/api.rs', () => {
  // api.rs api_schema_contains_object_type_filter_enum
  test('api_schema_contains_object_type_filter_enum', () => {
    const ordered = (f: string) => [f, `${f}_not`, `${f}_gt`, `${f}_lt`, `${f}_gte`, `${f}_lte`, `${f}_in`, `${f}_not_in`];
    const text = (f: string) => [
      ...ordered(f), `${f}_contains`, `${f}_contains_nocase`, `${f}_not_contains`, `${f}_not_contains_nocase`, `${f}_starts_with`, `${f}_starts_with_nocase`,
      `${f}_not_starts_with`, `${f}_not_starts_with_nocase`, `${f}_ends_with`, `${f}_ends_with_nocase`, `${f}_not_ends_with`, `${f}_not_ends_with_nocase`,
    ];
    const list = (f: string) => [f, `${f}_not`, `${f}_contains`, `${f}_contains_nocase`, `${f}_not_contains`, `${f}_not_contains_nocase`];
    assert.deepEqual(inputNames(API_SCHEMA_USER, 'User_filter'), [
      ...ordered('id'), ...text('name'), ...list('favoritePetNames'), ...list('pets'), 'pets_',
      'favoriteFurType', 'favoriteFurType_not', 'favoriteFurType_in', 'favoriteFurType_not_in',
      ...text('favoritePet'), 'favoritePet_', 'leastFavoritePet_', 'mostFavoritePets_', '_change_block', 'and', 'or',
    ]);
  });

  // api.rs api_schema_contains_field_order_by_enum_for_child_entity (User_orderBy, without the interfaces)
  test('api_schema_contains_field_order_by_enum_for_child_entity', () => {
    const api = buildApiSchema(parseSchema(API_SCHEMA_USER));
    assert.deepEqual((api.getType('User_orderBy') as GraphQLEnumType).getValues().map((v) => v.name), [
      'id', 'name', 'favoritePetNames', 'pets', 'favoriteFurType', 'favoritePet', 'favoritePet__id', 'favoritePet__name',
      'leastFavoritePet', 'leastFavoritePet__id', 'leastFavoritePet__name', 'mostFavoritePets',
    ]);
  });

  // api.rs no_extra_filters_for_interface_children
  test('no_extra_filters_for_interface_children', () => {
    const schema = `
      type DexProtocol implements Protocol @entity { id: Bytes! metrics: [Metric!]! @derivedFrom(field: "protocol") pools: [Pool!]! }
      type Metric @entity { id: Bytes! protocol: DexProtocol! }
      type Pool @entity { id: Bytes! }
      interface Protocol { id: Bytes! metrics: [Metric!]! @derivedFrom(field: "protocol") pools: [Pool!]! }`;
    for (const type of ['DexProtocol_filter', 'Protocol_filter']) {
      const fields = inputNames(schema, type);
      assert.deepEqual(fields.filter((f) => f.startsWith('metrics')), ['metrics_'], type);
      assert.deepEqual(fields.filter((f) => f.startsWith('pools')).sort(), ['pools', 'pools_', 'pools_contains', 'pools_not', 'pools_not_contains'], type);
    }
  });

  // api.rs nested_filters
  test('nested_filters', () => {
    const api = buildApiSchema(parseSchema(`
      type Musician @entity { id: Bytes! bands: [Band!]! }
      type Band @entity { id: Bytes! name: String! musicians: [Musician!]! }`));
    const bands = (api.getType('Musician') as unknown as { getFields(): Record<string, { args: { name: string; type: { toString(): string } }[] }> }).getFields().bands;
    assert.equal(bands.args.find((a) => a.name === 'where')!.type.toString(), 'Band_filter');
    assert.ok(api.getQueryType()!.getFields().bands);
  });

  // field_list_filter_input_values: lists of Bytes, BigInt or enums get no nocase filters.
  test('lists of non-String scalars and enums get no nocase filters', () => {
    const fields = inputNames('enum Kind { A B } type T @entity { id: ID! hashes: [Bytes!]! amounts: [BigInt!]! kinds: [Kind!]! }', 'T_filter');
    for (const f of ['hashes', 'amounts', 'kinds']) assert.deepEqual(fields.filter((n) => n.startsWith(f)), [f, `${f}_not`, `${f}_contains`, `${f}_not_contains`], f);
  });
});
