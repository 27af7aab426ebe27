// Runs a data source's compiled mapping as graph-node does: one module compiled once, every trigger on an
// instance in the state `_start` leaves (graph-node instantiates per trigger; here one instance is reused and
// put back into that state, see MappingInstance), the ethereum.Event written into its memory, and the host
// imports graph-ts declares. An import this node does not implement is refused when the module is loaded.
import { type AbiParameter, type Hex, decodeAbiParameters, encodeAbiParameters, keccak256, parseAbiParameters } from 'viem';
import { type Decoded, decodeEvent } from './abi-decode.ts';
import { AscHeap, BigDecimal, TypeId, bigIntFromLE, bigIntToLE } from './asc.ts';
import type { DataSource, EventHandler } from './manifest.ts';
import type { EntityDef, FieldDef, SubgraphSchema } from './schema.ts';
import { prepareModule } from './wasm-exports.ts';
import { type BlockPtr, type Entity, type EntityStore, type Value, bytesFromHex, hex } from './store.ts';

export interface RpcBlock {
  hash: Hex; parentHash: Hex; sha3Uncles: Hex; miner: Hex; stateRoot: Hex; transactionsRoot: Hex; receiptsRoot: Hex;
  number: Hex; gasUsed: Hex; gasLimit: Hex; timestamp: Hex; difficulty?: Hex; totalDifficulty?: Hex; size?: Hex;
  baseFeePerGas?: Hex; transactions: RpcTransaction[];
}
export interface RpcTransaction {
  hash: Hex; transactionIndex: Hex; from: Hex; to: Hex | null; value: Hex; gas: Hex; gasPrice?: Hex; input: Hex; nonce: Hex;
}
export interface RpcLog {
  address: Hex; topics: Hex[]; data: Hex; blockNumber: Hex; blockHash: Hex; transactionHash: Hex; transactionIndex: Hex; logIndex: Hex; removed?: boolean;
}

export type LogFn = (level: 'critical' | 'error' | 'warning' | 'info' | 'debug', message: string) => void;

/** A deterministic failure of a handler (abort, bad store write, failed host call). */
export class HandlerError extends Error {
  /** The block being indexed, once known. */
  block?: number;
}

const ETH_KIND = { ADDRESS: 0, FIXED_BYTES: 1, BYTES: 2, INT: 3, UINT: 4, BOOL: 5, STRING: 6, FIXED_ARRAY: 7, ARRAY: 8, TUPLE: 9 } as const;
const STORE_KIND = { String: 0, Int: 1, BigDecimal: 2, Bool: 3, Array: 4, Null: 5, Bytes: 6, BigInt: 7, Int8: 8, Timestamp: 9 } as const;
const LOG_LEVELS = ['critical', 'error', 'warning', 'info', 'debug'] as const;

type HostFn = (...args: number[]) => number | bigint | void;

/** Host functions whose effect depends on, or changes, more than their arguments. */
const STATEFUL_HOST_FUNCTIONS = /^(store\.|log\.log$|abort$)/;
/** A reused instance whose memory grew beyond this is replaced (resetting costs a pass over its memory). */
const MAX_REUSED_MEMORY = 16 * 1024 * 1024;

type MappingExports = { memory: WebAssembly.Memory; __new(s: number, c: number): number; id_of_type(t: number): number; _start(): void } & Record<string, unknown>;

/**
 * An instance kept between triggers. An AssemblyScript module's whole state is its memory and its mutable
 * globals (the stub runtime's allocator is a heap offset in a global); both are recorded after `_start`
 * and put back before each trigger, memory beyond the snapshot zeroed as a fresh instance's is. The memory
 * itself cannot shrink: a larger memory only means the runtime asks for pages less often.
 */
interface MappingInstance {
  exports: MappingExports;
  heap: AscHeap;
  globals: WebAssembly.Global[];
  globalValues: (number | bigint)[];
  memory: Uint8Array;
}

interface TriggerState {
  heap: AscHeap;
  block: BlockPtr;
  writes: Map<string, { type: string; id: string; entity: Entity | null }>;
  logs: [string, string][];
}

export class MappingRuntime {
  private readonly module: WebAssembly.Module;
  private readonly classIds = new Map<number, number>();
  private readonly imports: WebAssembly.Imports;
  private state: TriggerState | null = null;
  /** Names of the mutable globals; null when instances cannot be reused (a fresh one per trigger then). */
  private mutableGlobals: string[] | null;
  private reused: MappingInstance | null = null;
  /** Set when a stateful host function is called; `_start` calling one rules out reuse. */
  private calledStateful = false;

  constructor(
    readonly dataSource: DataSource,
    private readonly schema: SubgraphSchema,
    private readonly store: EntityStore,
    private readonly log: LogFn,
  ) {
    const prepared = prepareModule(dataSource.wasm);
    this.module = new WebAssembly.Module(prepared.bytes);
    this.mutableGlobals = prepared.mutableGlobals;
    const host = this.hostFunctions();
    const imports: Record<string, Record<string, HostFn>> = {};
    const missing: string[] = [];
    for (const imp of WebAssembly.Module.imports(this.module)) {
      if (imp.kind !== 'function') throw new Error(`${dataSource.wasmFile}: imports ${imp.kind} ${imp.module}.${imp.name}, which no graph node provides`);
      const fn = host[imp.name];
      if (!fn) missing.push(`${imp.module}.${imp.name}`);
      else {
        // Entered from wasm, which may have grown its memory since the host last looked.
        const stateful = STATEFUL_HOST_FUNCTIONS.test(imp.name);
        (imports[imp.module] ??= {})[imp.name] = (...args: number[]) => {
          if (stateful) this.calledStateful = true;
          this.state?.heap.refresh();
          return fn(...args);
        };
      }
    }
    if (missing.length) {
      throw new Error(`${dataSource.name} (${dataSource.wasmFile}) imports host function(s) this graph node does not implement: ${missing.join(', ')}`);
    }
    this.imports = imports;
    const exports = WebAssembly.Module.exports(this.module).map((e) => e.name);
    for (const name of ['_start', '__new', 'id_of_type', 'memory']) {
      if (!exports.includes(name)) throw new Error(`${dataSource.wasmFile}: no export ${name}; was it built by \`graph build\` (AssemblyScript stub runtime, explicit start)?`);
    }
    for (const h of dataSource.handlers) {
      if (!exports.includes(h.handler)) throw new Error(`${dataSource.wasmFile}: the manifest names handler ${h.handler}, which the mapping does not export`);
    }
  }

  /** Runs a handler for one log; its store writes are applied only if it succeeds. */
  handle(handler: EventHandler, log: RpcLog, block: RpcBlock, blockPtr: BlockPtr): void {
    const state: TriggerState = { heap: undefined as unknown as AscHeap, block: blockPtr, writes: new Map(), logs: [] };
    this.state = state;
    try {
      const exports = this.readyInstance(state);
      const event = this.writeEvent(state.heap, handler, log, block);
      (exports[handler.handler] as (event: number) => void)(event);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const [level, line] of state.logs) this.log(level as 'info', line);
      const failure = new HandlerError(`${this.dataSource.name}.${handler.handler} failed at block ${blockPtr.number} (tx ${log.transactionHash}, log ${Number(log.logIndex)}): ${message}`);
      failure.block = blockPtr.number;
      throw failure;
    } finally {
      this.state = null;
    }
    for (const [level, line] of state.logs) this.log(level as 'info', line);
    for (const w of state.writes.values()) this.store.write(w.type, w.id, w.entity, blockPtr.number);
  }

  /** An instance in the state `_start` leaves, with `state.heap` on its memory. */
  private readyInstance(state: TriggerState): MappingExports {
    const kept = this.reused;
    if (kept && kept.exports.memory.buffer.byteLength <= MAX_REUSED_MEMORY) {
      const memory = new Uint8Array(kept.exports.memory.buffer);
      memory.set(kept.memory);
      memory.fill(0, kept.memory.length);
      kept.globals.forEach((global, i) => {
        global.value = kept.globalValues[i];
      });
      state.heap = kept.heap;
      kept.heap.refresh();
      return kept.exports;
    }
    this.reused = null;
    const exports = new WebAssembly.Instance(this.module, this.imports).exports as unknown as MappingExports;
    state.heap = new AscHeap(exports, this.classIds);
    this.calledStateful = false;
    exports._start();
    // A `_start` that reads the store or logs must run for every trigger, as graph-node runs it.
    if (this.calledStateful) this.mutableGlobals = null;
    if (this.mutableGlobals) {
      const globals = this.mutableGlobals.map((name) => exports[name] as WebAssembly.Global);
      this.reused = { exports, heap: state.heap, globals, globalValues: globals.map((g) => g.value), memory: new Uint8Array(exports.memory.buffer).slice() };
    }
    return exports;
  }

  // ---------------------------------------------------------------- the event

  private writeEvent(heap: AscHeap, handler: EventHandler, log: RpcLog, block: RpcBlock): number {
    let values: Decoded[];
    try {
      values = decodeEvent(handler.abiEvent, log.topics, log.data);
    } catch (error) {
      throw new Error(`cannot decode ${handler.signature} from log ${Number(log.logIndex)} of tx ${log.transactionHash}: ${(error as Error).message}`);
    }
    const params = handler.abiEvent.inputs.map((input, i) => {
      const dynamicIndexed = input.indexed && (input.type === 'string' || input.type === 'bytes' || input.type.endsWith(']') || input.type.startsWith('tuple'));
      const valuePtr = dynamicIndexed ? heap.writeEnum(ETH_KIND.FIXED_BYTES, heap.writeBytes(values[i] as Uint8Array), TypeId.EthereumValue) : writeEthValue(heap, input, values[i]);
      return heap.writeStruct([heap.writeString(input.name ?? ''), valuePtr], TypeId.EventParam);
    });
    const parameters = heap.writePointerArray(params, TypeId.ArrayEventParam);
    const fields = (bytes: (Uint8Array | null)[]) => bytes.map((b) => (b ? heap.writeBytes(b) : 0));
    const blockPtr = heap.writeStruct(fields(preparedBlock(block)), TypeId.EthereumBlock);
    const txPtr = heap.writeStruct(fields(preparedTransaction(block, log.transactionHash)), TypeId.EthereumTransaction);
    const index = bigIntToLE(BigInt(log.logIndex));
    return heap.writeStruct([heap.writeBytes(hexToBytes(log.address)), heap.writeBytes(index), heap.writeBytes(index), 0, blockPtr, txPtr, parameters, 0], TypeId.EthereumEvent);
  }

  // ---------------------------------------------------------------- host functions

  private heap(): AscHeap {
    if (!this.state) throw new Error('host function called outside a trigger');
    return this.state.heap;
  }



  private hostFunctions(): Record<string, HostFn> {
    const h = () => this.heap();
    const str = (p: number) => h().readString(p);
    const big = (p: number) => h().readBigInt(p);
    const dec = (p: number) => h().readBigDecimal(p);
    const fail = (message: string): never => {
      throw new HandlerError(message);
    };
    const bigOp = (op: (x: bigint, y: bigint) => bigint) => (x: number, y: number) => h().writeBigInt(op(big(x), big(y)));
    const decOp = (op: (x: BigDecimal, y: BigDecimal) => BigDecimal) => (x: number, y: number) => h().writeBigDecimal(op(dec(x), dec(y)));
    return {
      abort: (message: number, file: number, line: number, column: number) => {
        const text = message ? str(message) : 'abort';
        fail(`Mapping aborted at ${file ? str(file) : '?'}, line ${line}, column ${column}, with message: ${text}`);
      },
      'store.get': (type: number, id: number) => this.storeGet(str(type), str(id), false),
      'store.get_in_block': (type: number, id: number) => this.storeGet(str(type), str(id), true),
      'store.loadRelated': (type: number, id: number, field: number) => this.loadRelated(str(type), str(id), str(field)),
      'store.set': (type: number, id: number, data: number) => this.storeSet(str(type), str(id), data),
      'store.remove': (type: number, id: number) => {
        const entityType = this.entityType(str(type), 'remove');
        const key = str(id);
        this.state!.writes.set(`${entityType.name}\u0000${key}`, { type: entityType.name, id: key, entity: null });
      },
      'log.log': (level: number, message: number) => {
        const name = LOG_LEVELS[level] ?? 'info';
        const text = str(message);
        this.state!.logs.push([name, `${this.dataSource.name}: ${text}`]);
        if (level === 0) fail(`Critical error logged in mapping: ${text}`);
      },
      'crypto.keccak256': (input: number) => h().writeBytes(keccak256(h().readBytes(input), 'bytes')),
      // graph-node trims trailing NULs only (fixed-size buffers); the rest go when the string is read back.
      'typeConversion.bytesToString': (p: number) => h().writeString(Buffer.from(h().readBytes(p)).toString('utf8').replace(/\u0000+$/, '')),
      'typeConversion.bytesToHex': (p: number) => h().writeString(hex(h().readBytes(p))),
      'typeConversion.bigIntToString': (p: number) => h().writeString(big(p).toString()),
      'typeConversion.bigIntToHex': (p: number) => {
        const v = big(p);
        return h().writeString(v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
      },
      'typeConversion.stringToH160': (p: number) => {
        const text = str(p);
        if (!/^(0x)?[0-9a-fA-F]{40}$/.test(text)) fail(`Failed to convert string to Address/H160: '${text}'`);
        return h().writeBytes(bytesFromHex(text.startsWith('0x') ? text : `0x${text}`));
      },
      'typeConversion.bytesToBase58': (p: number) => h().writeString(base58(h().readBytes(p))),
      'bigInt.plus': bigOp((x, y) => x + y),
      'bigInt.minus': bigOp((x, y) => x - y),
      'bigInt.times': bigOp((x, y) => x * y),
      'bigInt.dividedBy': bigOp((x, y) => (y === 0n ? fail('Division by zero') : x / y)),
      'bigInt.mod': bigOp((x, y) => (y === 0n ? fail('Mod by zero') : x % y)),
      'bigInt.bitOr': bigOp((x, y) => x | y),
      'bigInt.bitAnd': bigOp((x, y) => x & y),
      'bigInt.pow': (x: number, exp: number) => h().writeBigInt(big(x) ** BigInt(exp & 0xff)),
      'bigInt.leftShift': (x: number, bits: number) => h().writeBigInt(big(x) << BigInt(bits & 0xff)),
      'bigInt.rightShift': (x: number, bits: number) => h().writeBigInt(big(x) >> BigInt(bits & 0xff)),
      'bigInt.fromString': (p: number) => {
        const text = str(p);
        if (!/^-?\d+$/.test(text)) fail(`Failed to parse BigInt from string: '${text}'`);
        return h().writeBigInt(BigInt(text));
      },
      'bigInt.dividedByDecimal': (x: number, y: number) => h().writeBigDecimal(BigDecimal.fromBigInt(big(x)).dividedBy(dec(y))),
      'bigDecimal.plus': decOp((x, y) => x.plus(y)),
      'bigDecimal.minus': decOp((x, y) => x.minus(y)),
      'bigDecimal.times': decOp((x, y) => x.times(y)),
      'bigDecimal.dividedBy': decOp((x, y) => {
        try {
          return x.dividedBy(y);
        } catch (error) {
          return fail((error as Error).message);
        }
      }),
      'bigDecimal.equals': (x: number, y: number) => (dec(x).equals(dec(y)) ? 1 : 0),
      'bigDecimal.toString': (p: number) => h().writeString(dec(p).toString()),
      'bigDecimal.fromString': (p: number) => {
        const text = str(p);
        try {
          return h().writeBigDecimal(BigDecimal.parse(text));
        } catch {
          return fail(`Failed to parse BigDecimal from string: '${text}'`);
        }
      },
      'json.fromBytes': (p: number) => {
        const bytes = h().readBytes(p);
        if (bytes.length > MAX_JSON_SIZE) fail(`JSON size exceeds max size of ${MAX_JSON_SIZE}`);
        const text = Buffer.from(bytes).toString('utf8');
        let value: Json;
        try {
          value = parseJson(text);
        } catch (error) {
          return fail(`Failed to parse JSON: ${(error as Error).message}`);
        }
        return writeJson(h(), value);
      },
      'json.try_fromBytes': (p: number) => {
        const heap = h();
        const bytes = heap.readBytes(p);
        let value: Json;
        try {
          if (bytes.length > MAX_JSON_SIZE) throw new Error('too long');
          value = parseJson(Buffer.from(bytes).toString('utf8'));
        } catch {
          const error = heap.writeStruct([1], TypeId.WrappedBool);
          return heap.writeStruct([0, error], TypeId.ResultJsonValueBool);
        }
        const wrapped = heap.writeStruct([writeJson(heap, value)], TypeId.WrappedJsonValue);
        return heap.writeStruct([wrapped, 0], TypeId.ResultJsonValueBool);
      },
      'json.toI64': (p: number) => BigInt.asIntN(64, parseInteger(str(p))),
      'json.toU64': (p: number) => BigInt.asUintN(64, parseInteger(str(p))),
      'json.toF64': (p: number) => Number(str(p)) as unknown as number,
      'json.toBigInt': (p: number) => h().writeBigInt(parseInteger(str(p))),
      'ethereum.encode': (p: number) => {
        const [param, value] = readEthValue(h(), p);
        return h().writeBytes(hexToBytes(encodeAbiParameters([param], [value])));
      },
      'ethereum.decode': (types: number, data: number) => {
        try {
          const params = parseAbiParameters(str(types));
          const [value] = decodeAbiParameters(params, h().readBytes(data));
          return writeEthValue(h(), params[0], value);
        } catch {
          return 0;
        }
      },
      'dataSource.address': () => h().writeBytes(this.dataSource.address ? hexToBytes(this.dataSource.address) : new Uint8Array(20)),
      'dataSource.network': () => h().writeString(this.dataSource.network),
      'dataSource.context': () => this.writeEntity(new Map()),
    };
  }

  private entityType(name: string, op: string): EntityDef {
    const entity = this.schema.entities.get(name);
    // graph-node's expect_object_type (host_exports.rs): an interface is a type, but not one to get/set/remove.
    if (!entity && this.schema.interfaces.has(name) && op !== 'loadRelated') {
      throw new HandlerError(`Cannot ${op === 'get_in_block' ? 'get' : op} entity of type \`${name}\`. The type must be an @entity type`);
    }
    if (!entity) throw new HandlerError(`store.${op}: entity type \`${name}\` is not defined in the schema`);
    return entity;
  }

  private storeGet(typeName: string, id: string, inBlock: boolean): number {
    const type = this.entityType(typeName, inBlock ? 'get_in_block' : 'get');
    const state = this.state!;
    const own = state.writes.get(`${type.name}\u0000${id}`);
    let entity: Entity | null | undefined;
    if (own) entity = own.entity;
    else if (inBlock) entity = this.store.writtenInBlock(type.name, id, state.block.number) ?? null;
    else entity = this.store.get(type.name, id);
    return entity ? this.writeEntity(entity) : 0;
  }

  /** The entities whose @derivedFrom field points at `id`: committed rows, then this batch's and trigger's writes. */
  private loadRelated(typeName: string, id: string, fieldName: string): number {
    const type = this.entityType(typeName, 'loadRelated');
    const field = type.field.get(fieldName);
    if (!field?.derivedFrom) throw new HandlerError(`store.loadRelated: ${typeName}.${fieldName} is not a @derivedFrom field`);
    const state = this.state!;
    const found: Entity[] = [];
    for (const child of this.schema.concrete(field.typeName)) {
      const fk = child.field.get(field.derivedFrom)!;
      const committed = this.store.committedRelated(child.name, fk.name, id);
      const current = new Map<string, Entity | null>();
      for (const childId of committed) current.set(childId, this.store.get(child.name, childId));
      for (const [childId, entity] of this.store.pendingOf(child.name)) current.set(childId, entity);
      for (const w of state.writes.values()) if (w.type === child.name) current.set(w.id, w.entity);
      const ids = [...current.keys()].sort();
      for (const childId of ids) {
        const entity = current.get(childId);
        if (entity && references(entity.get(fk.name), id)) found.push(entity);
      }
    }
    // graph-ts maps TypeId.ArrayTypedMapEntryStringStoreValue to idof<Array<Entity>>.
    return this.heap().writePointerArray(found.map((e) => this.writeEntity(e)), TypeId.ArrayTypedMapEntryStringStoreValue);
  }

  private storeSet(typeName: string, id: string, dataPtr: number): void {
    const type = this.entityType(typeName, 'set');
    const data = this.readEntity(dataPtr);
    if (id === 'auto') {
      // graph-node's generated ids (IdType::generate_id): [block:4, seq:4], seq counting every id generated in
      // the block; the data's own id is replaced.
      if (type.idScalar === 'String') throw new HandlerError('String does not support generating ids');
      const block = this.state!.block.number;
      const seq = this.store.nextGeneratedIdSeq(block);
      const generated: Value = type.idScalar === 'Int8'
        ? { kind: 'Int8', value: (BigInt(block) << 32n) | BigInt(seq) }
        : { kind: 'Bytes', value: Uint8Array.from([block >>> 24, block >>> 16, block >>> 8, block, seq >>> 24, seq >>> 16, seq >>> 8, seq], (b) => b & 0xff) };
      data.set('id', generated);
      id = describe(generated);
    }
    const key = `${type.name}\u0000${id}`;
    const idValue = data.get('id');
    const expectedId = idValueFor(type, id);
    if (idValue) {
      // graph-node (host_exports.rs store_set): a different type first, then a different value.
      if (idValue.kind !== expectedId.kind) {
        throw new HandlerError(`Attribute \`${type.name}.id\` has wrong type: expected ${expectedId.kind} but got ${valueTypeName(idValue)}`);
      }
      if (!valuesEqual(idValue, expectedId)) {
        throw new HandlerError(`Value of ${type.name} attribute 'id' conflicts with ID passed to \`store.set()\`: ${describe(idValue)} != ${describe(expectedId)}`);
      }
    } else data.set('id', expectedId);
    const unknown = [...data.keys()].filter((k) => !type.field.has(k));
    if (unknown.length) {
      throw new HandlerError(`Attempted to set undefined fields [${unknown.join(', ')}] for the entity type \`${type.name}\`. Make sure those fields are defined in the schema.`);
    }
    const state = this.state!;
    const own = state.writes.get(key);
    const previous = own ? own.entity : this.store.get(type.name, id);
    if (type.immutable && previous && !own) {
      const writtenAt = this.store.pendingBlock(type.name, id);
      if (writtenAt !== state.block.number) throw new HandlerError(`Entity ${type.name}[${id}]: entity is immutable and can not be updated`);
    }
    const merged: Entity = new Map(previous ?? []);
    for (const [field, value] of data) {
      if (value.kind === 'Null') merged.delete(field);
      else merged.set(field, value);
    }
    for (const field of type.fields) {
      const value = merged.get(field.name);
      if (field.derivedFrom) {
        if (value) throw new HandlerError(`Entity ${type.name}[${id}]: field \`${field.name}\` is derived and cannot be set`);
        continue;
      }
      if (!value) {
        if (field.nonNull) throw new HandlerError(`Entity ${type.name}[${id}]: missing value for non-nullable field \`${field.name}\``);
        continue;
      }
      if (!valueFits(field, value, this.schema)) {
        throw new HandlerError(`Entity ${type.name}[${id}]: the value \`${describe(value)}\` for field \`${field.name}\` must have type ${field.typeText} but has type ${valueTypeName(value)}`);
      }
    }
    state.writes.set(key, { type: type.name, id, entity: merged });
  }

  // ---------------------------------------------------------------- entities in wasm memory

  private readEntity(ptr: number): Entity {
    const heap = this.heap();
    const entries = heap.readPointerArray(heap.u32(ptr));
    const out: Entity = new Map();
    for (const entry of entries) out.set(heap.readString(heap.u32(entry)), readStoreValue(heap, heap.u32(entry + 4)));
    return out;
  }

  private writeEntity(entity: Entity): number {
    const heap = this.heap();
    const entries = [...entity].map(([key, value]) => heap.writeStruct([heap.writeString(key), writeStoreValue(heap, value)], TypeId.TypedMapEntryStringStoreValue));
    const array = heap.writePointerArray(entries, TypeId.ArrayTypedMapEntryStringStoreValue);
    return heap.writeStruct([array], TypeId.TypedMapStringStoreValue);
  }
}

// ---------------------------------------------------------------- values

function hexToBytes(value: Hex): Uint8Array {
  return Buffer.from(value.slice(2), 'hex');
}

const preparedBlocks = new WeakMap<RpcBlock, (Uint8Array | null)[]>();
const transactionsByHash = new WeakMap<RpcBlock, Map<Hex, RpcTransaction>>();
const preparedTransactions = new WeakMap<RpcTransaction, (Uint8Array | null)[]>();
const quantity = (h: Hex | undefined | null) => bigIntToLE(BigInt(h ?? 0));

/** ethereum.Block's fields in order, as bytes (BigInts little-endian), computed once per block. */
function preparedBlock(block: RpcBlock): (Uint8Array | null)[] {
  let fields = preparedBlocks.get(block);
  if (!fields) {
    fields = [
      hexToBytes(block.hash), hexToBytes(block.parentHash), hexToBytes(block.sha3Uncles), hexToBytes(block.miner),
      hexToBytes(block.stateRoot), hexToBytes(block.transactionsRoot), hexToBytes(block.receiptsRoot), quantity(block.number),
      quantity(block.gasUsed), quantity(block.gasLimit), quantity(block.timestamp), quantity(block.difficulty),
      quantity(block.totalDifficulty), block.size ? quantity(block.size) : null, block.baseFeePerGas ? quantity(block.baseFeePerGas) : null,
    ];
    preparedBlocks.set(block, fields);
  }
  return fields;
}

/** ethereum.Transaction's fields in order, as bytes, computed once per transaction. */
function preparedTransaction(block: RpcBlock, hash: Hex): (Uint8Array | null)[] {
  let byHash = transactionsByHash.get(block);
  if (!byHash) transactionsByHash.set(block, (byHash = new Map(block.transactions.map((t) => [t.hash, t]))));
  const tx = byHash.get(hash);
  if (!tx) throw new Error(`transaction ${hash} is not in block ${block.hash}`);
  let fields = preparedTransactions.get(tx);
  if (!fields) {
    fields = [
      hexToBytes(tx.hash), quantity(tx.transactionIndex), hexToBytes(tx.from), tx.to ? hexToBytes(tx.to) : null, quantity(tx.value),
      quantity(tx.gas), quantity(tx.gasPrice), hexToBytes(tx.input), quantity(tx.nonce),
    ];
    preparedTransactions.set(tx, fields);
  }
  return fields;
}

/** graph-node's `MAX_RECURSION_DEPTH` for objects read from wasm (graph/src/runtime/asc_heap.rs). */
const MAX_RECURSION_DEPTH = 128;
const reach = (depth: number) => {
  if (depth > MAX_RECURSION_DEPTH) throw new HandlerError('recursion limit reached');
};

/**
 * A store value at graph-node's `asc_get` depth `depth`: an entity is read at 1, its entry array at 2, each
 * entry at 3 and its value at 4; a list is one deeper than its value and its elements two; a string, bytes or
 * BigInt payload one deeper, a BigDecimal's digits two.
 */
function readStoreValue(heap: AscHeap, ptr: number, depth = 4): Value {
  const kind = heap.i32(ptr);
  const payload = ptr + 8;
  switch (kind) {
    case STORE_KIND.String:
      reach(depth + 1);
      return { kind: 'String', value: heap.readString(heap.u32(payload)) };
    case STORE_KIND.Int:
      return { kind: 'Int', value: heap.i32(payload) };
    case STORE_KIND.BigDecimal:
      reach(depth + 2);
      return { kind: 'BigDecimal', value: heap.readBigDecimal(heap.u32(payload)) };
    case STORE_KIND.Bool:
      return { kind: 'Bool', value: heap.i32(payload) !== 0 };
    case STORE_KIND.Array: {
      reach(depth + 1);
      const items = heap.readPointerArray(heap.u32(payload));
      if (items.length) reach(depth + 2);
      return { kind: 'Array', value: items.map((p) => readStoreValue(heap, p, depth + 2)) };
    }
    case STORE_KIND.Null:
      return { kind: 'Null' };
    case STORE_KIND.Bytes:
      reach(depth + 1);
      return { kind: 'Bytes', value: heap.readBytes(heap.u32(payload)) };
    case STORE_KIND.BigInt:
      reach(depth + 1);
      return { kind: 'BigInt', value: heap.readBigInt(heap.u32(payload)) };
    case STORE_KIND.Int8:
      return { kind: 'Int8', value: heap.i64(payload) };
    case STORE_KIND.Timestamp:
      return { kind: 'Timestamp', value: heap.i64(payload) };
    default:
      throw new HandlerError(`unknown store value kind ${kind}`);
  }
}

function writeStoreValue(heap: AscHeap, value: Value): number {
  const kind = STORE_KIND[value.kind];
  switch (value.kind) {
    case 'String':
      return heap.writeEnum(kind, heap.writeString(value.value), TypeId.StoreValue);
    case 'Int':
      return heap.writeEnum(kind, BigInt.asUintN(32, BigInt(value.value)), TypeId.StoreValue);
    case 'BigDecimal':
      return heap.writeEnum(kind, heap.writeBigDecimal(value.value), TypeId.StoreValue);
    case 'Bool':
      return heap.writeEnum(kind, value.value ? 1 : 0, TypeId.StoreValue);
    case 'Array':
      return heap.writeEnum(kind, heap.writePointerArray(value.value.map((v) => writeStoreValue(heap, v)), TypeId.ArrayStoreValue), TypeId.StoreValue);
    case 'Null':
      return heap.writeEnum(kind, 0, TypeId.StoreValue);
    case 'Bytes':
      return heap.writeEnum(kind, heap.writeBytes(value.value), TypeId.StoreValue);
    case 'BigInt':
      return heap.writeEnum(kind, heap.writeBigInt(value.value), TypeId.StoreValue);
    case 'Int8':
    case 'Timestamp':
      return heap.writeEnum(kind, value.value, TypeId.StoreValue);
  }
}

function writeEthValue(heap: AscHeap, param: AbiParameter, value: unknown): number {
  const type = param.type;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const inner = { ...param, type: array[1] } as AbiParameter;
    const items = (value as unknown[]).map((v) => writeEthValue(heap, inner, v));
    return heap.writeEnum(array[2] ? ETH_KIND.FIXED_ARRAY : ETH_KIND.ARRAY, heap.writePointerArray(items, TypeId.ArrayEthereumValue), TypeId.EthereumValue);
  }
  if (type === 'tuple') {
    const components = (param as { components: readonly AbiParameter[] }).components;
    const items = components.map((c, i) => writeEthValue(heap, c, Array.isArray(value) ? value[i] : (value as Record<string, unknown>)[c.name ?? '']));
    return heap.writeEnum(ETH_KIND.TUPLE, heap.writePointerArray(items, TypeId.ArrayEthereumValue), TypeId.EthereumValue);
  }
  const bytes = () => (value instanceof Uint8Array ? value : hexToBytes(value as Hex));
  if (type === 'address') return heap.writeEnum(ETH_KIND.ADDRESS, heap.writeBytes(bytes()), TypeId.EthereumValue);
  if (type === 'bytes') return heap.writeEnum(ETH_KIND.BYTES, heap.writeBytes(bytes()), TypeId.EthereumValue);
  if (type.startsWith('bytes')) return heap.writeEnum(ETH_KIND.FIXED_BYTES, heap.writeBytes(bytes()), TypeId.EthereumValue);
  if (type.startsWith('uint')) return heap.writeEnum(ETH_KIND.UINT, heap.writeBigInt(BigInt(value as bigint)), TypeId.EthereumValue);
  if (type.startsWith('int')) return heap.writeEnum(ETH_KIND.INT, heap.writeBigInt(BigInt(value as bigint)), TypeId.EthereumValue);
  if (type === 'bool') return heap.writeEnum(ETH_KIND.BOOL, value ? 1 : 0, TypeId.EthereumValue);
  if (type === 'string') return heap.writeEnum(ETH_KIND.STRING, heap.writeString(value as string), TypeId.EthereumValue);
  throw new HandlerError(`unsupported ABI type ${type}`);
}

/** An ethereum.Value from wasm memory as a viem ABI parameter and value (for ethereum.encode). */
function readEthValue(heap: AscHeap, ptr: number): [AbiParameter, unknown] {
  const kind = heap.i32(ptr);
  const payload = heap.u32(ptr + 8);
  const bytesHex = () => hex(heap.readBytes(payload)) as Hex;
  switch (kind) {
    case ETH_KIND.ADDRESS:
      return [{ type: 'address' }, bytesHex()];
    case ETH_KIND.FIXED_BYTES:
      return [{ type: `bytes${heap.readBytes(payload).length}` }, bytesHex()];
    case ETH_KIND.BYTES:
      return [{ type: 'bytes' }, bytesHex()];
    case ETH_KIND.INT:
      return [{ type: 'int256' }, heap.readBigInt(payload)];
    case ETH_KIND.UINT:
      return [{ type: 'uint256' }, heap.readBigInt(payload)];
    case ETH_KIND.BOOL:
      return [{ type: 'bool' }, payload !== 0];
    case ETH_KIND.STRING:
      return [{ type: 'string' }, heap.readString(payload)];
    case ETH_KIND.TUPLE: {
      const items = heap.readPointerArray(payload).map((p) => readEthValue(heap, p));
      return [{ type: 'tuple', components: items.map(([p]) => p) } as AbiParameter, items.map(([, v]) => v)];
    }
    default: {
      const items = heap.readPointerArray(payload).map((p) => readEthValue(heap, p));
      if (!items.length) throw new HandlerError('ethereum.encode: cannot encode an empty array (element type unknown)');
      const suffix = kind === ETH_KIND.FIXED_ARRAY ? `[${items.length}]` : '[]';
      return [{ ...items[0][0], type: `${items[0][0].type}${suffix}` } as AbiParameter, items.map(([, v]) => v)];
    }
  }
}

/** Whether a reference field (single or list) points at `id`. */
function references(value: Value | undefined, id: string): boolean {
  if (!value) return false;
  if (value.kind === 'Array') return value.value.some((v) => references(v, id));
  return describe(value) === id;
}

function idValueFor(type: EntityDef, id: string): Value {
  if (type.idScalar === 'Bytes') return { kind: 'Bytes', value: bytesFromHex(id) };
  if (type.idScalar === 'Int8') return { kind: 'Int8', value: BigInt(id) };
  return { kind: 'String', value: id };
}

function valuesEqual(a: Value, b: Value): boolean {
  return a.kind === b.kind && describe(a) === describe(b);
}

/** graph-node's `Value::type_name`: `Boolean`, `[String]` (`[Any]` for an empty list), else the kind. */
function valueTypeName(value: Value): string {
  if (value.kind === 'Bool') return 'Boolean';
  if (value.kind === 'Array') return value.value.length ? `[${valueTypeName(value.value[0])}]` : '[Any]';
  return value.kind;
}

function describe(value: Value): string {
  switch (value.kind) {
    case 'Null':
      return 'null';
    case 'Bytes':
      return hex(value.value);
    case 'Array':
      return `[${value.value.map(describe).join(', ')}]`;
    default:
      return String(value.value);
  }
}

const SCALAR_KINDS: Record<string, Value['kind']> = {
  String: 'String', Bytes: 'Bytes', BigInt: 'BigInt', BigDecimal: 'BigDecimal', Int: 'Int', Int8: 'Int8', Boolean: 'Bool', Timestamp: 'Timestamp',
};

function valueFits(field: FieldDef, value: Value, schema: SubgraphSchema): boolean {
  if (field.list) return value.kind === 'Array' && value.value.every((v) => v.kind !== 'Null' && valueFits({ ...field, list: false }, v, schema));
  if (field.kind === 'enum') return value.kind === 'String' && schema.enums.get(field.typeName)!.includes(value.value);
  return value.kind === SCALAR_KINDS[field.scalar];
}

/** graph-node's `json_from_bytes` limit: longer input is an error (`try_fromBytes`: an error result). */
const MAX_JSON_SIZE = 10_000_000;

/** JSON with numbers kept as their source text (graph-ts JSONValue numbers are strings). */
type Json = null | boolean | { number: string } | string | Json[] | { object: [string, Json][] };

function writeJson(heap: AscHeap, value: Json): number {
  if (value === null) return heap.writeEnum(0, 0, TypeId.JsonValue);
  if (typeof value === 'boolean') return heap.writeEnum(1, value ? 1 : 0, TypeId.JsonValue);
  if (typeof value === 'string') return heap.writeEnum(3, heap.writeString(value), TypeId.JsonValue);
  if (Array.isArray(value)) return heap.writeEnum(4, heap.writePointerArray(value.map((v) => writeJson(heap, v)), TypeId.ArrayJsonValue), TypeId.JsonValue);
  if ('number' in value) return heap.writeEnum(2, heap.writeString(value.number), TypeId.JsonValue);
  const entries = value.object.map(([k, v]) => heap.writeStruct([heap.writeString(k), writeJson(heap, v)], TypeId.TypedMapEntryStringJsonValue));
  const map = heap.writeStruct([heap.writePointerArray(entries, TypeId.ArrayTypedMapEntryStringJsonValue)], TypeId.TypedMapStringJsonValue);
  return heap.writeEnum(5, map, TypeId.JsonValue);
}

function parseJson(text: string): Json {
  let pos = 0;
  const ws = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at position ${pos}`);
  };
  const value = (): Json => {
    ws();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const object: [string, Json][] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return { object };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[pos++] !== ':') fail('expected :');
        object.push([key, value()]);
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return { object };
        } else fail('expected , or }');
      }
    }
    if (ch === '[') {
      pos++;
      const items: Json[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return items;
        } else fail('expected , or ]');
      }
    }
    if (ch === '"') return string();
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return result;
      }
    }
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) return fail('unexpected character');
    pos += match[0].length;
    return { number: match[0] };
  };
  // A loop, not a regex: a repeated group over a multi-megabyte string overflows V8's regex stack.
  const string = (): string => {
    const start = pos++;
    let escaped = false;
    for (;;) {
      if (pos >= text.length) return fail('malformed string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) return fail('malformed string');
      if (c === 0x5c) {
        escaped = true;
        const e = text[pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) return fail('malformed string');
          pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) pos += 2;
        else return fail('malformed string');
      } else pos++;
    }
    pos++;
    return escaped ? (JSON.parse(text.slice(start, pos)) as string) : text.slice(start + 1, pos - 1);
  };
  const result = value();
  ws();
  if (pos !== text.length) fail('trailing characters');
  return result;
}

function parseInteger(text: string): bigint {
  if (!/^-?\d+$/.test(text)) throw new HandlerError(`JSON value is not an integer: '${text}'`);
  return BigInt(text);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes: Uint8Array): string {
  let n = bigIntFromLE(Uint8Array.from([...bytes].reverse(), (b) => b)) & ((1n << BigInt(bytes.length * 8)) - 1n);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

