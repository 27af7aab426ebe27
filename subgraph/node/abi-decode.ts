// ABI decoding of event logs straight into the values the host writes into wasm memory (bytes as
// Uint8Array, integers as bigint, tuples and arrays as arrays), without hex round trips: decoding is on
// the hot path of every trigger.
import type { AbiEvent, AbiParameter, Hex } from 'viem';

export type Decoded = Uint8Array | bigint | boolean | string | Decoded[];

/** The event's parameters in ABI order. Indexed dynamic values are their 32-byte topic (as graph-node). */
export function decodeEvent(event: AbiEvent, topics: readonly Hex[], data: Hex): Decoded[] {
  const dataBytes = Buffer.from(data.slice(2), 'hex');
  const nonIndexed = event.inputs.filter((p) => !p.indexed);
  const values = decodeTuple(nonIndexed, dataBytes, 0);
  let topic = 1;
  let next = 0;
  return event.inputs.map((input) => {
    if (!input.indexed) return values[next++];
    const word = topics[topic++];
    if (!word) throw new Error(`log has too few topics for ${event.name}`);
    const bytes = Buffer.from(word.slice(2), 'hex');
    return isDynamic(input) || input.type.startsWith('tuple') || input.type.endsWith(']') ? Uint8Array.from(bytes) : decodeStatic(input.type, bytes, 0);
  });
}

function isDynamic(param: AbiParameter): boolean {
  if (param.type === 'string' || param.type === 'bytes' || param.type.endsWith('[]')) return true;
  const fixed = /^(.*)\[(\d+)\]$/.exec(param.type);
  if (fixed) return isDynamic({ ...param, type: fixed[1] } as AbiParameter);
  if (param.type === 'tuple') return (param as { components: readonly AbiParameter[] }).components.some(isDynamic);
  return false;
}

/** Head size in bytes of a parameter inside a tuple. */
function headSize(param: AbiParameter): number {
  if (isDynamic(param)) return 32;
  const fixed = /^(.*)\[(\d+)\]$/.exec(param.type);
  if (fixed) return Number(fixed[2]) * headSize({ ...param, type: fixed[1] } as AbiParameter);
  if (param.type === 'tuple') return (param as { components: readonly AbiParameter[] }).components.reduce((n, c) => n + headSize(c), 0);
  return 32;
}

function decodeTuple(params: readonly AbiParameter[], buf: Uint8Array, base: number): Decoded[] {
  const out: Decoded[] = [];
  let head = base;
  for (const param of params) {
    if (isDynamic(param)) out.push(decodeAt(param, buf, base + readOffset(buf, head)));
    else out.push(decodeAt(param, buf, head));
    head += headSize(param);
  }
  return out;
}

function decodeAt(param: AbiParameter, buf: Uint8Array, pos: number): Decoded {
  const type = param.type;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const inner = { ...param, type: array[1] } as AbiParameter;
    let length: number;
    let start = pos;
    if (array[2] === '') {
      length = readOffset(buf, pos);
      start = pos + 32;
    } else length = Number(array[2]);
    return decodeTuple(Array.from({ length }, () => inner), buf, start);
  }
  if (type === 'tuple') return decodeTuple((param as { components: readonly AbiParameter[] }).components, buf, pos);
  if (type === 'bytes' || type === 'string') {
    const length = readOffset(buf, pos);
    check(buf, pos + 32, length);
    const bytes = buf.subarray(pos + 32, pos + 32 + length);
    return type === 'string' ? Buffer.from(bytes).toString('utf8') : Uint8Array.from(bytes);
  }
  return decodeStatic(type, buf, pos);
}

function decodeStatic(type: string, buf: Uint8Array, pos: number): Decoded {
  check(buf, pos, 32);
  if (type === 'address') return Uint8Array.from(buf.subarray(pos + 12, pos + 32));
  if (type === 'bool') return buf[pos + 31] !== 0;
  const fixedBytes = /^bytes(\d+)$/.exec(type);
  if (fixedBytes) return Uint8Array.from(buf.subarray(pos, pos + Number(fixedBytes[1])));
  const int = /^(u?)int(\d*)$/.exec(type);
  if (int) {
    const unsigned = BigInt(`0x${Buffer.from(buf.subarray(pos, pos + 32)).toString('hex')}`);
    return int[1] === 'u' ? unsigned : BigInt.asIntN(Number(int[2] || 256), unsigned);
  }
  throw new Error(`unsupported ABI type ${type}`);
}

function readOffset(buf: Uint8Array, pos: number): number {
  check(buf, pos, 32);
  for (let i = pos; i < pos + 24; i++) if (buf[i] !== 0) throw new Error('ABI offset or length out of range');
  return Buffer.from(buf.subarray(pos + 24, pos + 32)).readUIntBE(2, 6);
}

function check(buf: Uint8Array, pos: number, length: number): void {
  if (pos + length > buf.length) throw new Error(`ABI data too short: needs ${pos + length} bytes, has ${buf.length}`);
}
