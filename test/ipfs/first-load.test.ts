// scripts/web/first-load.ts on a small made-up build: it follows preloads and static imports (not dynamic
// ones) and names chain code, so the check in gateway.test.ts can fail. No build, no browser: milliseconds.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { firstLoad, gzipKB, heavyCode } from '../../scripts/web/first-load.ts';

const dir = mkdtempSync(join(tmpdir(), 'chainmart-first-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
write(
  'index.html',
  '<link href="./_app/immutable/entry/start.js" rel="modulepreload"><script>Promise.all([import("./_app/immutable/entry/start.js"),import("./_app/immutable/entry/app.js")])</script>',
);
write('product/index.html', '<link href="../_app/immutable/entry/start.js" rel="modulepreload"><link href="../_app/immutable/chunks/abi.js" rel="modulepreload">');
write('_app/immutable/entry/start.js', 'import{a as e}from"../chunks/runtime.js";export{e as start};');
write('_app/immutable/entry/app.js', 'import"../chunks/runtime.js";const n=()=>import("../chunks/viem.js");export{n as nodes};');
write('_app/immutable/chunks/runtime.js', 'export const a=1;');
write('_app/immutable/chunks/viem.js', 'class X extends Error{name="AbiEncodingLengthMismatchError"};export{X};');
write('_app/immutable/chunks/abi.js', 'export{b}from"./more.js";const t=[{type:"function",stateMutability:"view"}];export{t};');
write('_app/immutable/chunks/more.js', 'export const b={name:"Public Client"};');

test('follows preloads, the start script and static imports; a dynamic import is not first load', () => {
  const files = firstLoad(dir, 'index.html').map((f) => f.file);
  assert.deepEqual(files.sort(), ['_app/immutable/chunks/runtime.js', '_app/immutable/entry/app.js', '_app/immutable/entry/start.js']);
  assert.deepEqual(heavyCode(firstLoad(dir, 'index.html')), []);
  assert.ok(gzipKB(firstLoad(dir, 'index.html')) > 0);
});

test('names the chain code a page loads up front, through re-exports too', () => {
  assert.deepEqual(heavyCode(firstLoad(dir, 'product/index.html')), [
    '_app/immutable/chunks/abi.js: a contract ABI (contracts/generated/abi.ts or one of viem’s)',
    '_app/immutable/chunks/more.js: viem’s public client',
  ]);
});

test('a page that preloads nothing, or a missing chunk, is an error rather than an empty pass', () => {
  write('empty/index.html', '<p>no scripts</p>');
  assert.throws(() => firstLoad(dir, 'empty/index.html'), /preloads no script/);
  write('broken/index.html', '<link href="../_app/immutable/chunks/gone.js" rel="modulepreload">');
  assert.throws(() => firstLoad(dir, 'broken/index.html'), /missing from the build/);
});
