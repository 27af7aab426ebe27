// Checks the compiled subgraph (npm run build:subgraph) against the contracts' ABI: every ChainMart event the
// site needs has a handler in the manifest, and every handler named in the manifest is exported by its wasm.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IGNORED_EVENTS as IGNORED } from '../scripts/render.mjs';

const root = join(import.meta.dirname, '..');
const manifest = readFileSync(join(root, 'build/subgraph.yaml'), 'utf8');

test('every ChainMart event has a handler in the built manifest', () => {
  const abi = JSON.parse(readFileSync(join(root, '../contracts/out/ChainMart.sol/ChainMart.json'), 'utf8')).abi;
  const events: string[] = abi.filter((i: { type: string }) => i.type === 'event').map((e: { name: string }) => e.name);
  assert.ok(events.length >= 20, `only ${events.length} events in the ABI`);
  for (const name of events) {
    if (IGNORED.has(name)) continue;
    assert.match(manifest, new RegExp(`event: ${name}\\(`), `no handler for ${name}`);
    assert.match(manifest, new RegExp(`handler: handle${name}\\b`), `handler name for ${name}`);
  }
});

test('every handler in the manifest is exported by its data source wasm, with the runtime exports', async () => {
  for (const source of ['ChainMart', 'ChainMartPoints', 'EAS']) {
    const wasm = readFileSync(join(root, 'build', source, `${source}.wasm`));
    const exports = new Set(WebAssembly.Module.exports(await WebAssembly.compile(wasm)).map((e) => e.name));
    for (const runtime of ['_start', '__new', 'id_of_type', 'memory']) {
      assert.ok(exports.has(runtime), `${source}.wasm does not export ${runtime}`);
    }
    const section = manifest.split('- kind: ethereum').find((block) => block.includes(`name: ${source}\n`)) ?? '';
    const handlers = [...section.matchAll(/handler: (\w+)/g)].map((m) => m[1]);
    assert.ok(handlers.length > 0, `no handlers for ${source}`);
    for (const handler of handlers) assert.ok(exports.has(handler), `${source}.wasm does not export ${handler}`);
  }
});
