// graph-ts mappings export ~180 immutable `TypeId.*` globals that no host reads (the host asks
// `id_of_type`). V8 creates a WebAssembly.Global object for each on every instantiation, which doubles
// the cost of the fresh instance graph-node requires per trigger. This drops exported globals from the
// export section only; every other section (code, data, imports, the function and memory exports) is
// copied byte for byte, so the mapping runs exactly the code `graph build` produced.

export function withoutExportedGlobals(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const GLOBAL_EXPORT = 3;
  const EXPORT_SECTION = 7;
  const out: number[] = Array.from(wasm.subarray(0, 8));
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, bodyStart] = readLeb(wasm, pos + 1);
    const end = bodyStart + size;
    if (id !== EXPORT_SECTION) {
      for (let i = pos; i < end; i++) out.push(wasm[i]);
    } else {
      const body = wasm.subarray(bodyStart, end);
      let [count, p] = readLeb(body, 0);
      const kept: number[][] = [];
      for (; count > 0; count--) {
        const start = p;
        const [nameLength, nameStart] = readLeb(body, p);
        const kind = body[nameStart + nameLength];
        const [, next] = readLeb(body, nameStart + nameLength + 1);
        if (kind !== GLOBAL_EXPORT) kept.push(Array.from(body.subarray(start, next)));
        p = next;
      }
      const section = [...writeLeb(kept.length), ...kept.flat()];
      out.push(EXPORT_SECTION, ...writeLeb(section.length), ...section);
    }
    pos = end;
  }
  return Uint8Array.from(out);
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
