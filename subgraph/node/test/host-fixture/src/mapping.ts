// Calls graph-node's host exports with the inputs of graph-node's own runtime tests
// (runtime/test/src/test.rs, runtime/test/wasm_test/api_version_0_0_5/*.ts) and stores what they return as
// `Result` entities; host-exports.test.ts asserts graph-node's expected values. `which` picks the case:
// 0 runs every case that returns a value, the others each run one case that graph-node expects to fail
// (or, for 12-15, a store sequence or a large input on its own).
import { Address, BigDecimal, BigInt, ByteArray, Bytes, Entity, Value, crypto, ethereum, json, store } from '@graphprotocol/graph-ts';
import { Run } from '../generated/HostExports/HostExports';
import { Result } from '../generated/schema';

// The host functions themselves, without graph-ts's null checks in front of them.
@external('bigInt.plus')
declare function rawBigIntPlus(x: BigInt, y: BigInt): BigInt;
@external('bigInt.fromString')
declare function rawBigIntFromString(s: string): BigInt;

function put(id: string, value: string): void {
  const r = new Result(id);
  r.value = value;
  r.save();
}

// json_parsing.ts: handleJsonError
function handleJsonError(data: Bytes): string {
  const result = json.try_fromBytes(data);
  if (result.isOk) return 'OK: ' + result.value.toString() + ', ERROR: ' + (result.isError ? 'true' : 'false');
  return 'ERROR: ' + (result.error ? 'true' : 'false');
}

// big_int_size_limit.ts: bigIntWithLength
function bigIntWithLength(bytes: i32): void {
  const user = new Entity();
  user.set('id', Value.fromString('jhon'));
  const array = new Uint8Array(bytes);
  array.fill(127);
  user.set('count', Value.fromBigInt(changetype<BigInt>(array)));
  store.set('User', 'jhon', user);
}

// store.ts: loadAndSetUserName
function loadAndSetUserName(id: string, name: string): void {
  let user = store.get('User', id);
  if (user == null) {
    user = new Entity();
    user.set('id', Value.fromString(id));
  }
  user.set('name', Value.fromString(name));
  store.set('User', id, user);
}

// store.ts: getUser, stored as the name or "null"
function getUser(id: string): string {
  const user = store.get('User', id);
  if (user == null) return 'null';
  return user.getString('name');
}

function entity(fields: Array<string>, values: Array<Value>): Entity {
  const e = new Entity();
  for (let i = 0; i < fields.length; i++) e.set(fields[i], values[i]);
  return e;
}

export function handleRun(event: Run): void {
  const which = event.params.which;
  if (which == 0) {
    // test_big_int_to_hex
    put('big_int_to_hex/zero', BigInt.zero().toHex());
    put('big_int_to_hex/one', BigInt.fromI32(1).toHex());
    const max = changetype<BigInt>(new Uint8Array(33));
    for (let i = 0; i < 32; i++) max[i] = 255;
    put('big_int_to_hex/u256_max', max.toHex());
    // test_big_int_to_string
    put('big_int_to_string', BigInt.fromString('30145144166666665000000000000000000').toString());
    // test_big_int_arithmetic
    put('big_int_arithmetic/0+1', BigInt.fromI32(0).plus(BigInt.fromI32(1)).toString());
    put('big_int_arithmetic/127+1', BigInt.fromI32(127).plus(BigInt.fromI32(1)).toString());
    put('big_int_arithmetic/5-10', BigInt.fromI32(5).minus(BigInt.fromI32(10)).toString());
    put('big_int_arithmetic/-20*5', BigInt.fromI32(-20).times(BigInt.fromI32(5)).toString());
    put('big_int_arithmetic/5/2', BigInt.fromI32(5).div(BigInt.fromI32(2)).toString());
    put('big_int_arithmetic/5%2', BigInt.fromI32(5).mod(BigInt.fromI32(2)).toString());
    // test_bytes_to_base58
    put('bytes_to_base58', Bytes.fromHexString('0x12207D5A99F603F231D53A4F39D1521F98D2E8BB279CF29BEBFD0687DC98458E7F89').toBase58());
    // test_crypto_keccak256
    put('crypto_keccak256', Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8('eth'))).toHexString());
    // test_json_conversions (string_to_number.ts); f64 as its bit pattern
    put('json_conversions/u64', json.toU64('9223372036850770800').toString());
    put('json_conversions/i64', json.toI64('-9223372036850770800').toString());
    put('json_conversions/f64_bits', reinterpret<i64>(json.toF64('-9223372036850770.92345034')).toString());
    put('json_conversions/big_int', json.toBigInt('-922337203685077092345034').toString());
    // test_json_parsing (the first two inputs; the 10 MB one is case 15)
    put('json_parsing/valid', handleJsonError(Bytes.fromUTF8('"foo"')));
    put('json_parsing/invalid', handleJsonError(Bytes.fromUTF8('foo')));
  } else if (which == 1) {
    // test_abort (abort.ts)
    assert(false, 'not true');
  } else if (which == 2) {
    // test_store_set_id: a different id
    store.set('User', 'u1', entity(['id', 'name'], [Value.fromString('ux'), Value.fromString('user1')]));
  } else if (which == 3) {
    // test_store_set_id: a Bytes id for a String-id type
    store.set('User', '0xbeef', entity(['id'], [Value.fromBytes(Bytes.fromHexString('0xbeef'))]));
  } else if (which == 4) {
    // test_store_set_id: an Int id for a String-id type
    store.set('User', 'u1', entity(['id'], [Value.fromI32(32)]));
  } else if (which == 5) {
    // test_store_set_id: a String id for a Bytes-id type
    store.set('Binary', '0xdeadbeef', entity(['id', 'name'], [Value.fromString('0xdeadbeef'), Value.fromString('user1')]));
  } else if (which == 6) {
    // test_store_set_id: a different Bytes id
    store.set('Binary', '0xdeadbeef', entity(['id'], [Value.fromBytes(Bytes.fromHexString('0xbeef'))]));
  } else if (which == 7) {
    // test_store_set_id: an Int id for a Bytes-id type
    store.set('Binary', '0xdeadbeef', entity(['id'], [Value.fromI32(32)]));
  } else if (which == 8) {
    // test_store_set_invalid_fields: two undefined fields (apiVersion >= 0.0.8)
    store.set('User', 'u1', entity(['id', 'name', 'test', 'test2'], [Value.fromString('u1'), Value.fromString('user1'), Value.fromString('invalid_field'), Value.fromString('invalid_field')]));
  } else if (which == 9) {
    // test_store_set_invalid_fields: one undefined field
    store.set('User', 'u1', entity(['id', 'name', 'test3'], [Value.fromString('u1'), Value.fromString('user1'), Value.fromString('invalid_field')]));
  } else if (which == 10) {
    // test_big_int_size_limit: MAX_BITS / 8 + 1 bytes
    bigIntWithLength(435412 / 8 + 1);
  } else if (which == 11) {
    // test_big_int_size_limit: MAX_BITS / 8 bytes is accepted
    bigIntWithLength(435412 / 8);
  } else if (which == 12) {
    // test_store_set_id: the accepted writes, in graph-node's order
    store.set('User', 'u1', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('user1')]));
    store.set('User', 'u1', entity(['name'], [Value.fromString('user2')]));
    store.set('Binary', '0xdeadbeef', entity(['id', 'name'], [Value.fromBytes(Bytes.fromHexString('0xdeadbeef')), Value.fromString('user1')]));
    store.set('Binary', '0xdeadbeef', entity(['name'], [Value.fromString('user2')]));
  } else if (which == 13) {
    // test_entity_store: alex and steve exist before the trigger
    put('entity_store/get_herobrine', getUser('herobrine'));
    put('entity_store/get_steve', getUser('steve'));
    loadAndSetUserName('steve', 'Steve-O');
    loadAndSetUserName('herobrine', 'Brine-O');
  } else if (which == 15) {
    // Not a test.rs case: EntityValidationError::invalid_field_type names the value's Value::type_name
    store.set('User', 'u1', entity(['name'], [Value.fromBoolean(true)]));
  } else if (which == 16) {
    store.set('User', 'u1', entity(['name'], [Value.fromStringArray(['a', 'b'])]));
  } else if (which == 17) {
    // Not a test.rs case: a JSON string under the 10 MB limit (9,999,002 bytes) parses
    put('json_parsing/long', handleJsonError(Bytes.fromUTF8('"' + 'o'.repeat(9_999_000) + '"')).length.toString());
  } else if (which == 18) {
    // generate_id: the data's (wrongly typed) ids are replaced by generated ones
    store.set('AutoInt8', 'auto', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('int1')]));
    store.set('AutoInt8', 'auto', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('int2')]));
    store.set('AutoBytes', 'auto', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('bin1')]));
    store.set('AutoBytes', 'auto', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('bin2')]));
  } else if (which == 19) {
    // test_store_intf: store.set of an interface
    store.set('Person', 'u1', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('user1')]));
  } else if (which == 20) {
    // test_store_intf: storing the user works, store.get of the interface does not
    store.set('User', 'u1', entity(['id', 'name'], [Value.fromString('u1'), Value.fromString('user1')]));
    store.get('Person', 'u1');
  } else if (which == 21) {
    // Not a test.rs case: IdType::generate_id refuses String ids
    store.set('User', 'auto', entity(['name'], [Value.fromString('x')]));
  } else if (which == 22) {
    // null_ptr_read (null_ptr_read.ts): the host's bigInt.plus given a null left-hand side
    put('null_ptr_read', rawBigIntPlus(changetype<BigInt>(0), BigInt.fromI32(2)).toString());
  } else if (which == 23) {
    // Not a test.rs case: a null string given to the host's bigInt.fromString
    put('null_ptr_read/string', rawBigIntFromString(changetype<string>(0)).toString());
  } else if (which == 24) {
    // safe_null_ptr_read: graph-ts's BigInt.plus asserts before calling the host
    put('safe_null_ptr_read', changetype<BigInt>(0).plus(BigInt.fromI32(2)).toString());
  } else if (which == 25) {
    // tests/integration-tests/host-exports/src/mapping.ts testBigDecimal: its assertions' operands, stored
    let small = BigDecimal.fromString('0.99999999999999999999999999999999968');
    small.exp = small.exp.minus(BigInt.fromI32(6109));
    small = small.times(new BigDecimal(BigInt.fromI32(1)));
    put('it/small.exp', small.exp.toString());
    put('it/small.digits', small.digits.toString());
    put('it/big', BigDecimal.fromString('99999999999999999999999999999999999').toString());
    put('it/big==rounded', BigDecimal.fromString('99999999999999999999999999999999999').equals(BigDecimal.fromString('100000000000000000000000000000000000')) ? 'true' : 'false');
    put('it/big2', BigDecimal.fromString('88888888888888888888888888888888888').toString());
    put('it/big2==rounded2', BigDecimal.fromString('88888888888888888888888888888888888').equals(BigDecimal.fromString('88888888888888888888888888888888890')) ? 'true' : 'false');
    put('it/1/10', BigDecimal.fromString('1').div(BigDecimal.fromString('10')).toString());
    put('it/1/10==0.1', BigDecimal.fromString('1').div(BigDecimal.fromString('10')).equals(BigDecimal.fromString('0.1')) ? 'true' : 'false');
    put('it/fromString', BigInt.fromString('8888').equals(BigInt.fromI32(8888)) ? 'true' : 'false');
    const big = BigInt.fromString('8888888888888888');
    put('it/bitOr', big.bitOr(BigInt.fromI32(42)).toString());
    put('it/bitAnd', big.bitAnd(BigInt.fromI32(42)).toString());
    put('it/leftShift', big.leftShift(6).toString());
    put('it/rightShift', big.rightShift(6).toString());
    // testEthereumAbi: ethereumAbiSimpleCase, ethereumAbiComplexCase
    const address = ethereum.Value.fromAddress(Address.fromString('0x0000000000000000000000000000000000000420'));
    const encoded = ethereum.encode(address)!;
    put('it/abi_simple/encoded', encoded.toHexString());
    put('it/abi_simple/decoded', ethereum.decode('address', encoded)!.toAddress().toHexString());
    const bigInt1 = ethereum.Value.fromUnsignedBigInt(BigInt.fromI32(62));
    const bigInt2 = ethereum.Value.fromUnsignedBigInt(BigInt.fromI32(63));
    const inner: Array<ethereum.Value> = [ethereum.Value.fromFixedSizedArray([bigInt1, bigInt2]), ethereum.Value.fromBoolean(true)];
    const token: Array<ethereum.Value> = [address, ethereum.Value.fromTuple(changetype<ethereum.Tuple>(inner))];
    const complex = ethereum.encode(ethereum.Value.fromTuple(changetype<ethereum.Tuple>(token)))!;
    put('it/abi_complex/encoded', complex.toHexString());
    const decoded = ethereum.decode('(address,(uint256[2],bool))', complex)!.toTuple();
    const decodedTuple = decoded[1].toTuple();
    const fixed = decodedTuple[0].toArray();
    put('it/abi_complex/decoded', decoded[0].toAddress().toHexString() + ' ' + fixed[0].toBigInt().toString() + ' ' + fixed[1].toBigInt().toString() + ' ' + (decodedTuple[1].toBoolean() ? 'true' : 'false'));
  } else if (which >= 100) {
    // test_recursion_limit (recursion_limit.ts): `which - 100` nested lists
    let val = Value.fromI32(7);
    for (let i = 0; i < which - 100; i++) val = Value.fromArray([val]);
    store.set('User', 'user_id', entity(['foobar'], [val]));
  } else if (which == 14) {
    // test_json_parsing: JSON that is too long (10,000,003 bytes)
    put('json_parsing/too_long', handleJsonError(Bytes.fromUTF8('"f' + 'o'.repeat(10_000_000) + '"')));
  }
}
