// Rewrites a mapping's export section for instance reuse; every other section (code, data, imports, the
// function and memory exports) is copied byte for byte, so the mapping runs exactly the code `graph build`
// produced.
//
// - graph-ts mappings export ~180 immutable `TypeId.*` globals that no host reads (the host asks
//   `id_of_type`). V8 creates a WebAssembly.Global object for each on every instantiation; they are dropped.
// - An AssemblyScript module's whole state is its linear memory and its mutable globals (the stub runtime's
//   heap offset, module-level variables). Those globals are not exported by the compiler; they are exported
//   here as `__mutable_global_<index>` so the host can snapshot them after `_start` and put them back before
//   each trigger, which is what makes a reused instance indistinguishable from a fresh one.

export interface PreparedModule {
  bytes: Uint8Array<ArrayBuffer>;
  /** Export names of the module's mutable globals; null if a section could not be parsed (no reuse then). */
  mutableGlobals: string[] | null;
}

const IMPORT_SECTION = 2;
const GLOBAL_SECTION = 6;
const EXPORT_SECTION = 7;
const GLOBAL_KIND = 3;

export function prepareModule(wasm: Uint8Array): PreparedModule {
  const out: number[] = Array.from(wasm.subarray(0, 8));
  let importedGlobals = 0;
  let mutable: number[] | null = [];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, bodyStart] = readLeb(wasm, pos + 1);
    const end = bodyStart + size;
    const body = wasm.subarray(bodyStart, end);
    if (id === IMPORT_SECTION) importedGlobals = countGlobalImports(body);
    if (id === GLOBAL_SECTION) mutable = mutableGlobals(body, importedGlobals);
    if (id !== EXPORT_SECTION) {
      for (let i = pos; i < end; i++) out.push(wasm[i]);
    } else {
      let [count, p] = readLeb(body, 0);
      const kept: number[][] = [];
      for (; count > 0; count--) {
        const start = p;
        const [nameLength, nameStart] = readLeb(body, p);
        const kind = body[nameStart + nameLength];
        const [, next] = readLeb(body, nameStart + nameLength + 1);
        if (kind !== GLOBAL_KIND) kept.push(Array.from(body.subarray(start, next)));
        p = next;
      }
      for (const index of mutable ?? []) {
        const name = Buffer.from(globalExportName(index));
        kept.push([...writeLeb(name.length), ...name, GLOBAL_KIND, ...writeLeb(index)]);
      }
      const section = [...writeLeb(kept.length), ...kept.flat()];
      out.push(EXPORT_SECTION, ...writeLeb(section.length), ...section);
    }
    pos = end;
  }
  return { bytes: Uint8Array.from(out), mutableGlobals: mutable && mutable.map(globalExportName) };
}

function globalExportName(index: number): string {
  return `__mutable_global_${index}`;
}

/** Imported globals come first in the global index space. */
function countGlobalImports(body: Uint8Array): number {
  let [count, p] = readLeb(body, 0);
  let globals = 0;
  const skipName = () => {
    const [length, start] = readLeb(body, p);
    p = start + length;
  };
  const skipLimits = () => {
    const flags = body[p++];
    p = readLeb(body, p)[1];
    if (flags & 1) p = readLeb(body, p)[1];
  };
  for (; count > 0; count--) {
    skipName();
    skipName();
    const kind = body[p++];
    if (kind === 0) p = readLeb(body, p)[1];
    else if (kind === 1) {
      p++;
      skipLimits();
    } else if (kind === 2) skipLimits();
    else {
      globals++;
      p += 2;
    }
  }
  return globals;
}

/** Indexes of the mutable globals the module defines, or null for an init expression this does not know. */
function mutableGlobals(body: Uint8Array, firstIndex: number): number[] | null {
  let [count, p] = readLeb(body, 0);
  const out: number[] = [];
  for (let index = firstIndex; count > 0; count--, index++) {
    const isMutable = body[p + 1] === 1;
    p += 2;
    // A constant expression: one instruction, then `end`.
    const opcode = body[p++];
    if (opcode === 0x41 || opcode === 0x42 || opcode === 0x23 || opcode === 0xd2) p = readLeb(body, p)[1];
    else if (opcode === 0x43) p += 4;
    else if (opcode === 0x44) p += 8;
    else if (opcode === 0xd0) p += 1;
    else return null;
    if (body[p++] !== 0x0b) return null;
    if (isMutable) out.push(index);
  }
  return out;
}

function readLeb(bytes: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

function writeLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}
