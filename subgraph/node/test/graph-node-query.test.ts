// graph-node's own query tests, ported with their schemas and data reduced to what each case needs:
// store/test-store/tests/graphql/query.rs (the Musician schema of `test_schema` and the entities of
// `insert_test_entities`, with String ids, without the timeseries and aggregations the local node refuses).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, queryHarness } from './query-harness.ts';

// From query.rs `test_schema`; `@entity` dropped from the interface Review, SongStat and the
// timeseries/aggregation types left out; the Author interface keeps the fields the cases use.
const MUSIC_SCHEMA = `
  type Musician @entity {
    id: ID!
    name: String!
    mainBand: Band
    bands: [Band!]!
    writtenSongs: [Song!]! @derivedFrom(field: "writtenBy")
    favoriteCount: Int8!
    birthDate: Timestamp!
  }
  type Band @entity {
    id: ID!
    name: String!
    members: [Musician!]! @derivedFrom(field: "bands")
    reviews: [BandReview!]! @derivedFrom(field: "band")
    originalSongs: [Song!]!
  }
  type Song @entity {
    id: ID!
    sid: String!
    title: String!
    writtenBy: Musician!
    publisher: Publisher!
    band: Band @derivedFrom(field: "originalSongs")
    reviews: [SongReview!]! @derivedFrom(field: "song")
    media: [Media!]!
    release: Release! @derivedFrom(field: "songs")
  }
  type Publisher @entity { id: Bytes! }
  interface Review { id: ID! body: String! author: Author! }
  type SongReview implements Review @entity { id: ID! body: String! song: Song author: Author! }
  type BandReview implements Review @entity { id: ID! body: String! band: Band author: Author! }
  interface Media { id: ID! title: String! song: Song! author: User! }
  type Photo implements Media @entity { id: ID! title: String! song: Song! @derivedFrom(field: "media") author: User! }
  type Video implements Media @entity { id: ID! title: String! song: Song! @derivedFrom(field: "media") author: User! }
  interface Release { id: ID! title: String! songs: [Song!]! }
  type Single implements Release @entity { id: ID! title: String! songs: [Song!]! }
  type Album implements Release @entity { id: ID! title: String! songs: [Song!]! }
  interface Author { id: ID! name: String! }
  type User implements Author @entity {
    id: ID!
    name: String!
    reviews: [Review!]! @derivedFrom(field: "author")
    latestSongReview: SongReview!
    latestBandReview: BandReview!
    latestReview: Review!
    medias: [Media!]! @derivedFrom(field: "author")
  }
  type AnonymousUser implements Author @entity { id: ID! name: String! }
`;

const BIRTH = '1710837304040956';
// From query.rs `insert_test_entities` (blocks 0 and 1 together; User u1 as finally written).
const MUSIC_DATA = {
  Musician: [
    { id: 'm1', name: 'John', mainBand: 'b1', bands: ['b1', 'b2'], favoriteCount: '10', birthDate: BIRTH },
    { id: 'm2', name: 'Lisa', mainBand: 'b1', bands: ['b1'], favoriteCount: '100', birthDate: BIRTH },
    { id: 'm3', name: 'Tom', mainBand: 'b2', bands: ['b1', 'b2'], favoriteCount: '5', birthDate: BIRTH },
    { id: 'm4', name: 'Valerie', bands: [], favoriteCount: '20', birthDate: BIRTH },
    { id: 'm5', name: 'Paul', mainBand: 'b2', bands: ['b2'], favoriteCount: '2', birthDate: BIRTH },
  ],
  Publisher: [{ id: '0xb1' }],
  Band: [
    { id: 'b1', name: 'The Musicians', originalSongs: ['s1', 's2'] },
    { id: 'b2', name: 'The Amateurs', originalSongs: ['s1', 's3', 's4'] },
  ],
  Song: [
    { id: 's1', sid: 's1', title: 'Cheesy Tune', publisher: '0xb1', writtenBy: 'm1', media: ['md1', 'md2'] },
    { id: 's2', sid: 's2', title: 'Rock Tune', publisher: '0xb1', writtenBy: 'm2', media: ['md3', 'md4'] },
    { id: 's3', sid: 's3', title: 'Pop Tune', publisher: '0xb1', writtenBy: 'm1', media: ['md5'] },
    { id: 's4', sid: 's4', title: 'Folk Tune', publisher: '0xb1', writtenBy: 'm3', media: ['md6'] },
  ],
  BandReview: [
    { id: 'r1', body: 'Bad musicians', band: 'b1', author: 'u1' },
    { id: 'r2', body: 'Good amateurs', band: 'b2', author: 'u2' },
    { id: 'r5', body: 'Very Bad musicians', band: 'b1', author: 'u3' },
  ],
  SongReview: [
    { id: 'r3', body: 'Bad', song: 's2', author: 'u1' },
    { id: 'r4', body: 'Good', song: 's3', author: 'u2' },
    { id: 'r6', body: 'Very Bad', song: 's2', author: 'u3' },
  ],
  User: [
    { id: 'u1', name: 'Baden', latestSongReview: 'r3', latestBandReview: 'r1', latestReview: 'r1' },
    { id: 'u2', name: 'Goodwill', latestSongReview: 'r4', latestBandReview: 'r2', latestReview: 'r2' },
  ],
  AnonymousUser: [{ id: 'u3', name: 'Anonymous 3' }],
  Photo: [
    { id: 'md1', title: 'Cheesy Tune Single Cover', author: 'u1' },
    { id: 'md3', title: 'Rock Tune Single Cover', author: 'u1' },
    { id: 'md5', title: 'Pop Tune Single Cover', author: 'u1' },
  ],
  Video: [
    { id: 'md2', title: 'Cheesy Tune Music Video', author: 'u2' },
    { id: 'md4', title: 'Rock Tune Music Video', author: 'u2' },
    { id: 'md6', title: 'Folk Tune Music Video', author: 'u2' },
  ],
  Album: [{ id: 'rl1', title: 'Pop and Folk', songs: ['s3', 's4'] }],
  Single: [
    { id: 'rl2', title: 'Rock', songs: ['s2'] },
    { id: 'rl3', title: 'Cheesy', songs: ['s1'] },
    { id: 'rl4', title: 'Silence', songs: [] },
  ],
};

const names = (...n: string[]) => n.map((name) => ({ name }));

describe('graph-node store/test-store/tests/graphql/query.rs', () => {
  let h: Harness;
  before(async () => {
    h = await queryHarness(MUSIC_SCHEMA, MUSIC_DATA);
  });
  after(() => h?.close());

  // query.rs can_filter_by_timestamp
  test('can_filter_by_timestamp', async () => {
    assert.deepEqual(await h.data(`{ musicians(first: 100, orderBy: id, where: { birthDate_gt: "1710837304040955" }) { name } }`), {
      musicians: names('John', 'Lisa', 'Tom', 'Valerie', 'Paul'),
    });
    assert.deepEqual(await h.data(`{ musicians(first: 100, orderBy: id, where: { birthDate_lt: "1710837304040955" }) { name } }`), { musicians: [] });
  });

  // query.rs can_query_with_sorting_by_child_entity
  test('can_query_with_sorting_by_child_entity', async () => {
    const data = await h.data(`{
      desc: musicians(first: 100, orderBy: mainBand__name, orderDirection: desc) { name mainBand { name } }
      asc: musicians(first: 100, orderBy: mainBand__name, orderDirection: asc) { name mainBand { name } } }`);
    const M = { name: 'The Musicians' };
    const A = { name: 'The Amateurs' };
    assert.deepEqual(data.desc, [
      { name: 'Valerie', mainBand: null }, { name: 'Lisa', mainBand: M }, { name: 'John', mainBand: M }, { name: 'Paul', mainBand: A }, { name: 'Tom', mainBand: A },
    ]);
    assert.deepEqual(data.asc, [
      { name: 'Tom', mainBand: A }, { name: 'Paul', mainBand: A }, { name: 'John', mainBand: M }, { name: 'Lisa', mainBand: M }, { name: 'Valerie', mainBand: null },
    ]);
  });

  // query.rs can_query_with_sorting_by_child_entity_id
  test('can_query_with_sorting_by_child_entity_id', async () => {
    const data = await h.data(`{
      desc: bandReviews(first: 100, orderBy: author__id, orderDirection: desc) { body author { name } }
      asc: bandReviews(first: 100, orderBy: author__id, orderDirection: asc) { body author { name } } }`);
    const asc = [
      { body: 'Bad musicians', author: { name: 'Baden' } },
      { body: 'Good amateurs', author: { name: 'Goodwill' } },
      { body: 'Very Bad musicians', author: { name: 'Anonymous 3' } },
    ];
    assert.deepEqual(data.asc, asc);
    assert.deepEqual(data.desc, [...asc].reverse());
  });

  // query.rs can_query_with_sorting_by_child_interface
  test('can_query_with_sorting_by_child_interface', async () => {
    const data = await h.data(`{
      desc: songReviews(first: 100, orderBy: author__name, orderDirection: desc) { body author { name } }
      asc: songReviews(first: 100, orderBy: author__name, orderDirection: asc) { body author { name } } }`);
    const desc = [
      { body: 'Good', author: { name: 'Goodwill' } },
      { body: 'Bad', author: { name: 'Baden' } },
      { body: 'Very Bad', author: { name: 'Anonymous 3' } },
    ];
    assert.deepEqual(data.desc, desc);
    assert.deepEqual(data.asc, [...desc].reverse());
  });

  // query.rs can_query_interface_with_sorting_by_child_entity
  test('can_query_interface_with_sorting_by_child_entity', async () => {
    const data = await h.data(`{
      desc: medias(first: 100, orderBy: author__name, orderDirection: desc) { title author { name } }
      asc: medias(first: 100, orderBy: author__name, orderDirection: asc) { title author { name } } }`);
    const a1 = { name: 'Baden' };
    const a2 = { name: 'Goodwill' };
    const desc = [
      { title: 'Folk Tune Music Video', author: a2 }, { title: 'Rock Tune Music Video', author: a2 }, { title: 'Cheesy Tune Music Video', author: a2 },
      { title: 'Pop Tune Single Cover', author: a1 }, { title: 'Rock Tune Single Cover', author: a1 }, { title: 'Cheesy Tune Single Cover', author: a1 },
    ];
    assert.deepEqual(data.desc, desc);
    assert.deepEqual(data.asc, [...desc].reverse());
  });

  // query.rs can_query_interface_with_sorting_by_derived_child_entity
  test('can_query_interface_with_sorting_by_derived_child_entity', async () => {
    const data = await h.data(`{
      desc: medias(first: 100, orderBy: song__title, orderDirection: desc) { title song { title } }
      asc: medias(first: 100, orderBy: song__title, orderDirection: asc) { title song { title } } }`);
    const row = (title: string, song: string) => ({ title, song: { title: song } });
    assert.deepEqual(data.desc, [
      row('Rock Tune Music Video', 'Rock Tune'), row('Rock Tune Single Cover', 'Rock Tune'), row('Pop Tune Single Cover', 'Pop Tune'),
      row('Folk Tune Music Video', 'Folk Tune'), row('Cheesy Tune Music Video', 'Cheesy Tune'), row('Cheesy Tune Single Cover', 'Cheesy Tune'),
    ]);
    assert.deepEqual(data.asc, [
      row('Cheesy Tune Single Cover', 'Cheesy Tune'), row('Cheesy Tune Music Video', 'Cheesy Tune'), row('Folk Tune Music Video', 'Folk Tune'),
      row('Pop Tune Single Cover', 'Pop Tune'), row('Rock Tune Single Cover', 'Rock Tune'), row('Rock Tune Music Video', 'Rock Tune'),
    ]);
  });

  // query.rs can_query_with_child_filter_on_list_type_field
  test('can_query_with_child_filter_on_list_type_field', async () => {
    const data = await h.data(`{ musicians(first: 100, orderBy: id, where: { bands_: { name: "The Amateurs" } }) { name bands(first: 100, orderBy: id) { name } } }`);
    const M = { name: 'The Musicians' };
    const A = { name: 'The Amateurs' };
    assert.deepEqual(data.musicians, [{ name: 'John', bands: [M, A] }, { name: 'Tom', bands: [M, A] }, { name: 'Paul', bands: [A] }]);
  });

  // query.rs can_query_with_child_filter_on_derived_list_type_field
  test('can_query_with_child_filter_on_derived_list_type_field', async () => {
    assert.deepEqual(await h.data(`{ musicians(first: 100, orderBy: id, where: { writtenSongs_: { title_contains: "Rock" } }) { name } }`), { musicians: names('Lisa') });
  });

  // query.rs can_query_with_child_filter_on_named_type_field
  test('can_query_with_child_filter_on_named_type_field', async () => {
    const data = await h.data(`{ musicians(first: 100, orderBy: id, where: { mainBand_: { name_contains: "The Amateurs" } }) { name mainBand { id } } }`);
    assert.deepEqual(data.musicians, [{ name: 'Tom', mainBand: { id: 'b2' } }, { name: 'Paul', mainBand: { id: 'b2' } }]);
  });

  // query.rs can_query_with_child_filter_on_derived_named_type_field
  test('can_query_with_child_filter_on_derived_named_type_field', async () => {
    // Song.band is derived from Band.originalSongs; s1 is in both bands, so `band` itself would be ambiguous.
    const data = await h.data(`{ songs(first: 100, orderBy: id, where: { band_: { name_contains: "The Musicians" } }) { title } }`);
    assert.deepEqual(data.songs, [{ title: 'Cheesy Tune' }, { title: 'Rock Tune' }]);
  });

  // query.rs can_query_an_interface_with_child_filter_on_named_type_field
  test('can_query_an_interface_with_child_filter_on_named_type_field', async () => {
    const data = await h.data(`{ reviews(first: 100, orderBy: id, where: { author_: { name_starts_with: "Good" } }) { body author { name } } }`);
    assert.deepEqual(data.reviews, [{ body: 'Good amateurs', author: { name: 'Goodwill' } }, { body: 'Good', author: { name: 'Goodwill' } }]);
  });

  // query.rs can_query_with_child_filter_on_derived_interface_list_field
  test('can_query_with_child_filter_on_derived_interface_list_field', async () => {
    const data = await h.data(`{ users(first: 100, orderBy: id, where: { reviews_: { body_starts_with: "Good" } }) { name reviews { body } } }`);
    assert.deepEqual(data.users, [{ name: 'Goodwill', reviews: [{ body: 'Good amateurs' }, { body: 'Good' }] }]);
  });

  // query.rs can_query_entity_by_child_entity_field
  test('can_query_entity_by_child_entity_field', async () => {
    const data = await h.data(`{ users(first: 100, orderBy: id, where: { latestSongReview_: { body_starts_with: "Good" } }) { name latestSongReview { body } } }`);
    assert.deepEqual(data.users, [{ name: 'Goodwill', latestSongReview: { body: 'Good' } }]);
  });

  // query.rs can_query_entity_by_child_interface_field
  test('can_query_entity_by_child_interface_field', async () => {
    const data = await h.data(`{ users(first: 100, orderBy: id, where: { latestReview_: { body_starts_with: "Good" } }) { name latestReview { body } } }`);
    assert.deepEqual(data.users, [{ name: 'Goodwill', latestReview: { body: 'Good amateurs' } }]);
  });

  // query.rs can_query_entity_by_child_interface_derived_field
  test('can_query_entity_by_child_interface_derived_field', async () => {
    const data = await h.data(`{ songs(first: 100, orderBy: id, where: { release_: { title_starts_with: "Pop" } }) { title release { title } } }`);
    assert.deepEqual(data.songs, [{ title: 'Pop Tune', release: { title: 'Pop and Folk' } }, { title: 'Folk Tune', release: { title: 'Pop and Folk' } }]);
  });

  // query.rs can_query_interface_by_child_entity_derived_field
  test('can_query_interface_by_child_entity_derived_field', async () => {
    const data = await h.data(`{ medias(first: 100, orderBy: id, where: { song_: { title_starts_with: "Folk" } }) { title song { title } } }`);
    assert.deepEqual(data.medias, [{ title: 'Folk Tune Music Video', song: { title: 'Folk Tune' } }]);
  });

  // query.rs can_query_entity_by_child_interface_list_field
  test('can_query_entity_by_child_interface_list_field', async () => {
    const data = await h.data(`{ songs(first: 100, orderBy: id, where: { media_: { title_starts_with: "Cheesy Tune" } }) { title media { title } } }`);
    assert.deepEqual(data.songs, [{ title: 'Cheesy Tune', media: [{ title: 'Cheesy Tune Single Cover' }, { title: 'Cheesy Tune Music Video' }] }]);
  });

  // query.rs can_query_entity_by_child_interface_list_derived_field
  test('can_query_entity_by_child_interface_list_derived_field', async () => {
    const data = await h.data(`{ songs(first: 100, orderBy: id, where: { reviews_: { body_starts_with: "Good" } }) { title reviews { body } } }`);
    assert.deepEqual(data.songs, [{ title: 'Pop Tune', reviews: [{ body: 'Good' }] }]);
  });

  // query.rs skip_is_nullable
  test('skip_is_nullable', async () => {
    assert.deepEqual(await h.data(`query musicians { musicians(orderBy: id, skip: null) { name } }`), { musicians: names('John', 'Lisa', 'Tom', 'Valerie', 'Paul') });
  });

  // query.rs first_is_nullable
  test('first_is_nullable', async () => {
    assert.deepEqual(await h.data(`query musicians { musicians(first: null, orderBy: id) { name } }`), { musicians: names('John', 'Lisa', 'Tom', 'Valerie', 'Paul') });
  });

  // query.rs ambiguous_derived_from_result
  test('ambiguous_derived_from_result', async () => {
    const result = await h.query('{ songs(first: 100, orderBy: id) { id band { id } } }');
    assert.equal(result.data, undefined);
    assert.deepEqual(result.errors, [
      { message: 'Ambiguous result for derived field `band`: Multiple `Band` entities refer back via `originalSongs`', locations: [{ line: 1, column: 39 }] },
    ]);
  });

  // query.rs can_filter_by_relationship_fields
  test('can_filter_by_relationship_fields', async () => {
    const data = await h.data(`{
      musicians(orderBy: id, where: { mainBand: "b2" }) { id name mainBand { id } }
      bands(orderBy: id, where: { originalSongs: ["s1", "s3", "s4"] }) { id name originalSongs { id } } }`);
    assert.deepEqual(data, {
      musicians: [{ id: 'm3', name: 'Tom', mainBand: { id: 'b2' } }, { id: 'm5', name: 'Paul', mainBand: { id: 'b2' } }],
      bands: [{ id: 'b2', name: 'The Amateurs', originalSongs: [{ id: 's1' }, { id: 's3' }, { id: 's4' }] }],
    });
  });

  // query.rs cannot_filter_by_derved_relationship_fields (the "with validations" message)
  test('cannot_filter_by_derved_relationship_fields', async () => {
    const message = await h.error(`{ musicians(orderBy: id, where: { writtenSongs: ["s1"] }) { id name mainBand { id } } }`);
    assert.equal(message, 'Field "writtenSongs" is not defined by type "Musician_filter".');
  });

  // query.rs can_use_nested_filter
  test('can_use_nested_filter', async () => {
    const data = await h.data(`{ musicians(orderBy: id) { name bands(where: { originalSongs: ["s1", "s3", "s4"] }) { id } } }`);
    assert.deepEqual(data.musicians, [
      { name: 'John', bands: [{ id: 'b2' }] }, { name: 'Lisa', bands: [] }, { name: 'Tom', bands: [{ id: 'b2' }] }, { name: 'Valerie', bands: [] }, { name: 'Paul', bands: [{ id: 'b2' }] },
    ]);
  });

  // query.rs can_query_with_or_filter
  test('can_query_with_or_filter', async () => {
    const data = await h.data(`{ musicians(where: { or: [{ name: "John" }, { id: "m2" }] }) { name id } }`);
    assert.deepEqual(data.musicians, [{ name: 'John', id: 'm1' }, { name: 'Lisa', id: 'm2' }]);
  });

  // query.rs can_query_with_or_filter_fields_always_and
  test('can_query_with_or_filter_fields_always_and', async () => {
    assert.deepEqual(await h.data(`{ musicians(where: { or: [{ name: "John", id: "m2" }] }) { name id } }`), { musicians: [] });
  });

  // query.rs can_query_with_and_filter
  test('can_query_with_and_filter', async () => {
    assert.deepEqual(await h.data(`{ musicians(where: { and: [{ name: "John", id: "m2" }] }) { name id } }`), { musicians: [] });
  });

  // query.rs can_query_with_or_and_filter
  test('can_query_with_or_and_filter', async () => {
    const data = await h.data(`{ musicians(where: { or: [{ name: "John", id: "m1" }, { mainBand: "b2" }] }) { name id } }`);
    assert.deepEqual(data.musicians, [{ name: 'John', id: 'm1' }, { name: 'Tom', id: 'm3' }, { name: 'Paul', id: 'm5' }]);
  });

  // query.rs can_query_with_or_explicit_and_filter
  test('can_query_with_or_explicit_and_filter', async () => {
    const data = await h.data(`{ musicians(where: { or: [{ and: [{ name: "John", id: "m1" }] }, { mainBand: "b2" }] }) { name id } }`);
    assert.deepEqual(data.musicians, [{ name: 'John', id: 'm1' }, { name: 'Tom', id: 'm3' }, { name: 'Paul', id: 'm5' }]);
  });

  // query.rs can_query_array_contains_nocase
  test('can_query_array_contains_nocase', async () => {
    const data = await h.data(`{ musicians(where: { bands_contains_nocase: ["B1", "B2"] }) { name bands { id } } }`);
    assert.deepEqual(data.musicians, [
      { name: 'John', bands: [{ id: 'b1' }, { id: 'b2' }] }, { name: 'Lisa', bands: [{ id: 'b1' }] },
      { name: 'Tom', bands: [{ id: 'b1' }, { id: 'b2' }] }, { name: 'Paul', bands: [{ id: 'b2' }] },
    ]);
  });

  // query.rs can_query_with_or_implicit_and_filter
  test('can_query_with_or_implicit_and_filter', async () => {
    const data = await h.data(`{ musicians(where: { or: [{ name: "John", id: "m1" }, { name: "Lisa", id: "m2" }] }) { name id } }`);
    assert.deepEqual(data.musicians, [{ name: 'John', id: 'm1' }, { name: 'Lisa', id: 'm2' }]);
  });

  // query.rs can_compare_id
  test('can_compare_id', async () => {
    const checks: [string, string[]][] = [
      ['id_gt:  "s2"', ['s3', 's4']],
      ['id_gte: "s2"', ['s2', 's3', 's4']],
      ['id_lt:  "s2"', ['s1']],
      ['id_lte: "s2"', ['s1', 's2']],
      ['id_not: "s2"', ['s1', 's3', 's4']],
    ];
    for (const [cond, sids] of checks) {
      assert.deepEqual(await h.data(`query { songs(where: { ${cond} }) { sid } }`), { songs: sids.map((sid) => ({ sid })) }, cond);
    }
  });

  // query.rs empty_type_c
  test('empty_type_c', async () => {
    assert.deepEqual(await h.data(`{ single(id: "rl4") { songs { id } } }`), { single: { songs: [] } });
  });
});
