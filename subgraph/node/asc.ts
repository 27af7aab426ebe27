// The AssemblyScript memory ABI of graph-ts mappings (AssemblyScript 0.19, stub runtime), as graph-node
// implements it: every managed object has a 20-byte header ending in rtId (class id) and rtSize (payload
// bytes); the pointer the wasm sees is the payload. Objects are allocated with the module's exported
// `__new(size, classId)`; class ids come from its exported `id_of_type(TypeId)`.

/** graph-ts `TypeId` values used by the host (graph-ts global/global.ts). */
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayEthereumValue: 15,
  ArrayJsonValue: 17,
  ArrayStoreValue: 16,
  ArrayString: 18,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringJsonValue: 20,
  ArrayTypedMapEntryStringStoreValue: 21,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  WrappedBool: 28,
  WrappedJsonValue: 29,
  EthereumValue: 30,
  StoreValue: 31,
  JsonValue: 32,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapEntryStringJsonValue: 35,
  TypedMapStringStoreValue: 36,
  TypedMapStringJsonValue: 37,
  ResultJsonValueBool: 40,
} as const;

export interface AscExports {
  memory: WebAssembly.Memory;
  __new(size: number, classId: number): number;
  id_of_type(typeId: number): number;
}

const SHORT_STRING_BYTES = 64;

/** Views on one instance's memory; re-created whenever the memory grew (growth detaches the old buffer). */
export class AscHeap {
  private buffer!: ArrayBuffer;
  private u8!: Uint8Array;
  private u16!: Uint16Array;
  private view!: DataView;

  constructor(
    private readonly exports: AscExports,
    private readonly classIds: Map<number, number>,
  ) {
    this.refresh();
  }

  /**
   * Re-creates the views if the memory grew: `memory.grow` detaches the previous ArrayBuffer, so a zero
   * byteLength says the views are stale (cheaper than reading `memory.buffer` on every access). Memory
   * only grows while wasm runs: this is called after every allocation and when wasm calls the host.
   */
  refresh(): void {
    if (this.buffer === undefined || this.buffer.byteLength === 0) {
      this.buffer = this.exports.memory.buffer;
      this.u8 = new Uint8Array(this.buffer);
      this.u16 = new Uint16Array(this.buffer);
      this.view = new DataView(this.buffer);
    }
  }

  classId(typeId: number): number {
    let id = this.classIds.get(typeId);
    if (id === undefined) {
      id = this.exports.id_of_type(typeId);
      this.classIds.set(typeId, id);
    }
    return id;
  }

  alloc(size: number, typeId: number): number {
    const ptr = this.exports.__new(size, this.classId(typeId));
    this.refresh();
    return ptr;
  }

  // ---------------------------------------------------------------- raw access

  private check(ptr: number, size: number, what: string): void {
    if (ptr <= 0 || ptr + size > this.u8.length) {
      if (ptr === 0) throw new Error(NULL_READ);
      throw new Error(`wasm passed an invalid ${what} pointer ${ptr} (memory is ${this.u8.length} bytes)`);
    }
  }

  u32(ptr: number): number {
    return this.view.getUint32(ptr, true);
  }

  i32(ptr: number): number {
    return this.view.getInt32(ptr, true);
  }

  i64(ptr: number): bigint {
    return this.view.getBigInt64(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    this.view.setUint32(ptr, value, true);
  }

  setU64(ptr: number, value: bigint): void {
    this.view.setBigUint64(ptr, BigInt.asUintN(64, value), true);
  }

  /** Payload size from the object header. */
  rtSize(ptr: number): number {
    this.check(ptr, 0, 'object');
    return this.view.getUint32(ptr - 4, true);
  }

  // ---------------------------------------------------------------- reading

  /**
   * A string from wasm, without NUL characters: graph-node strips them from every string it reads
   * (`FromAscObj<AscString> for String` in runtime/wasm/src/to_from/mod.rs) because Postgres text cannot hold them.
   */
  readString(ptr: number): string {
    const size = this.rtSize(ptr);
    this.check(ptr, size, 'string');
    // Most strings are short (field names, ids): char codes straight from memory beat a Buffer per string.
    let text: string;
    if (size > SHORT_STRING_BYTES || ptr & 1) {
      text = Buffer.from(this.buffer, ptr, size).toString('utf16le');
    } else {
      text = '';
      for (let i = ptr >>> 1, end = (ptr + size) >>> 1; i < end; i++) text += String.fromCharCode(this.u16[i]);
    }
    // graph-node strips NUL from every string it reads from wasm (Postgres text cannot hold it).
    return text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
  }

  readNullableString(ptr: number): string | null {
    return ptr === 0 ? null : this.readString(ptr);
  }

  /** A Uint8Array (Bytes, Address, ByteArray, BigInt): {buffer, dataStart, byteLength}. */
  readBytes(ptr: number): Uint8Array {
    this.check(ptr, 12, 'Uint8Array');
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 8);
    this.check(dataStart, length, 'Uint8Array data');
    return this.u8.slice(dataStart, dataStart + length);
  }

  /** Refuses more than graph-node's `BigInt::MAX_BITS` (Postgres numeric's 131072 digits), counting the sign bit. */
  readBigInt(ptr: number): bigint {
    const bytes = this.readBytes(ptr);
    const value = bigIntFromLE(bytes);
    if (bytes.length * 8 >= MAX_BIGINT_BITS) {
      const bits = (value < 0n ? -value : value).toString(2).length + (value === 0n ? 0 : 1);
      if (bits > MAX_BIGINT_BITS) throw new Error(`BigInt is too big, total bits ${bits} (max ${MAX_BIGINT_BITS})`);
    }
    return value;
  }

  readBigDecimal(ptr: number): BigDecimal {
    this.check(ptr, 8, 'BigDecimal');
    const digits = this.readBigInt(this.u32(ptr));
    const exp = this.readBigInt(this.u32(ptr + 4));
    return BigDecimal.from(digits, Number(exp));
  }

  /** Array<T> of pointers: {buffer, dataStart, byteLength, length}. */
  readPointerArray(ptr: number): number[] {
    this.check(ptr, 16, 'Array');
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    this.check(dataStart, length * 4, 'Array data');
    const out: number[] = [];
    for (let i = 0; i < length; i++) out.push(this.u32(dataStart + i * 4));
    return out;
  }

  // ---------------------------------------------------------------- writing

  writeString(value: string): number {
    const ptr = this.alloc(value.length * 2, TypeId.String);
    if (ptr & 1) Buffer.from(this.buffer, ptr, value.length * 2).write(value, 'utf16le');
    else for (let i = 0, at = ptr >>> 1; i < value.length; i++) this.u16[at + i] = value.charCodeAt(i);
    return ptr;
  }

  writeBytes(bytes: Uint8Array): number {
    const buffer = this.alloc(bytes.length, TypeId.ArrayBuffer);
    this.u8.set(bytes, buffer);
    const ptr = this.alloc(12, TypeId.Uint8Array);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, bytes.length);
    return ptr;
  }

  writeBigInt(value: bigint): number {
    return this.writeBytes(bigIntToLE(value));
  }

  writeBigDecimal(value: BigDecimal): number {
    const digits = this.writeBigInt(value.digits);
    const exp = this.writeBigInt(BigInt(value.exp));
    const ptr = this.alloc(8, TypeId.BigDecimal);
    this.setU32(ptr, digits);
    this.setU32(ptr + 4, exp);
    return ptr;
  }

  writePointerArray(pointers: number[], arrayTypeId: number): number {
    const buffer = this.alloc(pointers.length * 4, TypeId.ArrayBuffer);
    pointers.forEach((p, i) => this.setU32(buffer + i * 4, p));
    const ptr = this.alloc(16, arrayTypeId);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, pointers.length * 4);
    this.setU32(ptr + 12, pointers.length);
    return ptr;
  }

  /** A plain class instance whose fields are all pointers (Block, Transaction, Event, EventParam...). */
  writeStruct(fields: number[], typeId: number): number {
    const ptr = this.alloc(fields.length * 4, typeId);
    fields.forEach((p, i) => this.setU32(ptr + i * 4, p));
    return ptr;
  }

  /** An enum-with-payload (store Value, ethereum.Value): {kind: i32, pad, payload: u64}. */
  writeEnum(kind: number, payload: bigint | number, typeId: number): number {
    const ptr = this.alloc(16, typeId);
    this.setU32(ptr, kind);
    this.setU64(ptr + 8, BigInt(payload));
    return ptr;
  }
}

// ---------------------------------------------------------------- BigInt encoding

/** Little-endian two's complement, as graph-ts BigInt stores it. */
/** graph-node's error for a null pointer where a value is required (graph/src/runtime/asc_ptr.rs). */
const NULL_READ = "Tried to read AssemblyScript value that is 'null'. Suggestion: look into the function that the error happened and add 'log' calls till you find where a 'null' value is being used as non-nullable. It's likely that you're calling a 'graph-ts' function (or operator) with a 'null' value when it doesn't support it.";

/** graph-node's `BigInt::MAX_BITS`: `(131072.0 * LOG2_10) as u32 + 1`. */
export const MAX_BIGINT_BITS = 435_412;

export function bigIntFromLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** Minimal little-endian two's complement (positive values get a 0x00 byte if their top bit is set). */
export function bigIntToLE(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    out.push(byte);
    v >>= 8n;
    const signBit = byte & 0x80;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------- BigDecimal

/**
 * graph-node's BigDecimal: value = digits * 10^exp, normalized after every operation to at most 34
 * significant digits with trailing zeros stripped. Division keeps about 100 significant digits before
 * normalizing (bigdecimal 0.1.2 computes 100 and rounds the last; this truncates, which differs only when
 * digits 35 to 100 are all nines).
 */
export class BigDecimal {
  static readonly MAX_SIGNIFICANT_DIGITS = 34;
  static readonly MIN_EXP = -6143;
  static readonly MAX_EXP = 6144;

  private constructor(
    readonly digits: bigint,
    readonly exp: number,
  ) {}

  static from(digits: bigint, exp: number): BigDecimal {
    return new BigDecimal(digits, exp).normalized();
  }

  static parse(text: string): BigDecimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`invalid BigDecimal: ${JSON.stringify(text)}`);
    const fraction = match[3] ?? '';
    const digits = BigInt(`${match[1]}${match[2] || '0'}${fraction}`);
    return BigDecimal.from(digits, Number(match[4] ?? 0) - fraction.length);
  }

  static fromBigInt(value: bigint): BigDecimal {
    return BigDecimal.from(value, 0);
  }

  private normalized(): BigDecimal {
    if (this.digits === 0n) return new BigDecimal(0n, 0);
    let digits = this.digits;
    let exp = this.exp;
    const negative = digits < 0n;
    let magnitude = negative ? -digits : digits;
    const length = magnitude.toString().length;
    if (length > BigDecimal.MAX_SIGNIFICANT_DIGITS) {
      const drop = BigInt(length - BigDecimal.MAX_SIGNIFICANT_DIGITS);
      const divisor = 10n ** drop;
      const remainder = magnitude % divisor;
      magnitude /= divisor;
      // bigdecimal 0.1.2 (graph-node's) rounds half up on the first dropped digit, and only for
      // positive values: a negative remainder never passes its `p < 10 * r` check, so negatives truncate.
      if (!negative && remainder * 2n >= divisor) magnitude += 1n;
      exp += Number(drop);
    }
    while (magnitude !== 0n && magnitude % 10n === 0n) {
      magnitude /= 10n;
      exp += 1;
    }
    digits = negative ? -magnitude : magnitude;
    return new BigDecimal(digits, exp);
  }

  private static align(a: BigDecimal, b: BigDecimal): [bigint, bigint, number] {
    const exp = Math.min(a.exp, b.exp);
    return [a.digits * 10n ** BigInt(a.exp - exp), b.digits * 10n ** BigInt(b.exp - exp), exp];
  }

  plus(other: BigDecimal): BigDecimal {
    const [x, y, exp] = BigDecimal.align(this, other);
    return BigDecimal.from(x + y, exp);
  }

  minus(other: BigDecimal): BigDecimal {
    const [x, y, exp] = BigDecimal.align(this, other);
    return BigDecimal.from(x - y, exp);
  }

  times(other: BigDecimal): BigDecimal {
    return BigDecimal.from(this.digits * other.digits, this.exp + other.exp);
  }

  dividedBy(other: BigDecimal): BigDecimal {
    if (other.digits === 0n) throw new Error('Division by zero');
    if (this.digits === 0n) return BigDecimal.from(0n, 0);
    const precision = 100;
    const scaleUp = precision + other.digits.toString().length;
    const quotient = (this.digits * 10n ** BigInt(scaleUp)) / other.digits;
    return BigDecimal.from(quotient, this.exp - other.exp - scaleUp);
  }

  equals(other: BigDecimal): boolean {
    return this.digits === other.digits && this.exp === other.exp;
  }

  /** Plain decimal notation, never scientific (as graph-node prints BigDecimal). */
  toString(): string {
    if (this.exp >= 0) return (this.digits * 10n ** BigInt(this.exp)).toString();
    const negative = this.digits < 0n;
    const text = (negative ? -this.digits : this.digits).toString().padStart(-this.exp + 1, '0');
    const point = text.length + this.exp;
    return `${negative ? '-' : ''}${text.slice(0, point)}.${text.slice(point)}`;
  }
}
