// Checks the compiled subgraph (npm run build:subgraph) against the contracts' ABIs: every catalog and escrow event
// the site needs has a handler in the manifest, and every handler named in the manifest is exported by its wasm.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IGNORED_EVENTS as IGNORED } from '../scripts/render.mjs';

const root = join(import.meta.dirname, '..');
const manifest = readFileSync(join(root, 'build/subgraph.yaml'), 'utf8');

const section = (source: string) => manifest.split('- kind: ethereum').find((block) => block.includes(`name: ${source}\n`)) ?? '';

test('every catalog and escrow event has a handler in its data source of the built manifest', () => {
  for (const [source, minimum] of [['ChainMartCatalog', 10], ['ChainMartEscrow', 18]] as const) {
    const abi = JSON.parse(readFileSync(join(root, `../contracts/out/${source}.sol/${source}.json`), 'utf8')).abi;
    const events: string[] = abi.filter((i: { type: string }) => i.type === 'event').map((e: { name: string }) => e.name);
    assert.ok(events.length >= minimum, `only ${events.length} events in the ${source} ABI`);
    const yaml = section(source);
    for (const name of events) {
      if (IGNORED.has(name)) continue;
      assert.match(yaml, new RegExp(`event: ${name}\\(`), `${source}: no handler for ${name}`);
      assert.match(yaml, new RegExp(`handler: handle${name}\\b`), `${source}: handler name for ${name}`);
    }
  }
  assert.doesNotMatch(manifest, /name: ChainMart\n|ChainMart\.json|FeeUpdated/, 'nothing of v1 left');
});

test('every handler in the manifest is exported by its data source wasm, with the runtime exports', async () => {
  for (const source of ['ChainMartCatalog', 'ChainMartEscrow', 'ChainMartPoints', 'EAS']) {
    const wasm = readFileSync(join(root, 'build', source, `${source}.wasm`));
    const exports = new Set(WebAssembly.Module.exports(await WebAssembly.compile(wasm)).map((e) => e.name));
    for (const runtime of ['_start', '__new', 'id_of_type', 'memory']) {
      assert.ok(exports.has(runtime), `${source}.wasm does not export ${runtime}`);
    }
    const handlers = [...section(source).matchAll(/handler: (\w+)/g)].map((m) => m[1]);
    assert.ok(handlers.length > 0, `no handlers for ${source}`);
    for (const handler of handlers) assert.ok(exports.has(handler), `${source}.wasm does not export ${handler}`);
  }
});
