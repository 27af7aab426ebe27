// The local IPFS node: uploads through the kubo-compatible API, reads through the gateway, CIDs that agree
// with ipfs-car, and blocks checked against their CID on every read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importCar, packDirectory } from '../../scripts/ipfs/car.ts';
import { type IpfsNode, startIpfsNode } from '../../scripts/ipfs/node.ts';

const SITE_ORIGIN = 'http://127.0.0.1:5999';
let dir: string;
let node: IpfsNode;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainmart-ipfs-'));
  node = await startIpfsNode({ dataDir: join(dir, 'node'), port: 0, apiOrigins: [SITE_ORIGIN], maxUploadBytes: 1024 * 1024 });
});
after(async () => {
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function apiAdd(files: { name: string; body: BlobPart }[], query = '', origin = SITE_ORIGIN) {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([file.body]), file.name);
  return fetch(`${node.url}/api/v0/add${query}`, { method: 'POST', body: form, headers: { Origin: origin } });
}

describe('upload API (POST /api/v0/add)', () => {
  test('stores a file and answers like kubo, with CORS for the site origin', async () => {
    const response = await apiAdd([{ name: 'photo.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) }]);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), SITE_ORIGIN);
    const line = JSON.parse((await response.text()).trim()) as { Name: string; Hash: string; Size: string };
    assert.equal(line.Name, 'photo.png');
    assert.match(line.Hash, /^bafkrei[a-z2-7]{52}$/, 'CIDv1, raw leaf, base32');
    const read = await fetch(`${node.url}/ipfs/${line.Hash}`);
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('content-type'), 'image/png', 'sniffed: a bare CID has no file name');
    assert.deepEqual(new Uint8Array(await read.arrayBuffer()), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  });

  test('answers a CORS preflight from the site and refuses other origins', async () => {
    const preflight = await fetch(`${node.url}/api/v0/add`, {
      method: 'OPTIONS',
      headers: { Origin: SITE_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    const denied = await apiAdd([{ name: 'x.txt', body: 'x' }], '', 'http://evil.example');
    assert.equal(denied.status, 403);
    assert.match(await denied.text(), /IPFS_API_ORIGINS/);
  });

  test('rejects what it cannot honour, with a reason', async () => {
    const v0 = await apiAdd([{ name: 'a.txt', body: 'a' }], '?cid-version=0');
    assert.equal(v0.status, 400);
    assert.match(await v0.text(), /cid-version=1/);
    const tooBig = await apiAdd([{ name: 'big.bin', body: new Uint8Array(2 * 1024 * 1024) }]);
    assert.equal(tooBig.status, 413);
    const get = await fetch(`${node.url}/api/v0/add`);
    assert.equal(get.status, 405);
    const notMultipart = await fetch(`${node.url}/api/v0/add`, { method: 'POST', body: 'hello' });
    assert.equal(notMultipart.status, 400);
  });
});

describe('gateway (/ipfs/<cid>/path)', () => {
  let root: string;
  before(async () => {
    const cid = await node.addDirectory([
      { path: 'index.html', content: new TextEncoder().encode('<!doctype html><title>home</title>') },
      { path: 'product/index.html', content: new TextEncoder().encode('<!doctype html><title>product</title>') },
      { path: '_app/immutable/app.js', content: new TextEncoder().encode('export const x = 1;\n') },
      { path: 'data.json', content: new TextEncoder().encode('{"a":1}') },
    ]);
    root = cid.toString();
  });

  test('serves a directory index and content types by extension', async () => {
    const home = await fetch(`${node.url}/ipfs/${root}/`);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await home.text(), /<title>home/);
    const js = await fetch(`${node.url}/ipfs/${root}/_app/immutable/app.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('x-ipfs-roots'), root);
    const deep = await fetch(`${node.url}/ipfs/${root}/product/?id=7`);
    assert.match(await deep.text(), /<title>product/);
  });

  test('redirects a directory without its trailing slash, keeping the query', async () => {
    const response = await fetch(`${node.url}/ipfs/${root}/product?id=7`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), `/ipfs/${root}/product/?id=7`);
  });

  test('404 for a missing path, 400 for a malformed CID', async () => {
    assert.equal((await fetch(`${node.url}/ipfs/${root}/nope.html`)).status, 404);
    assert.equal((await fetch(`${node.url}/ipfs/not-a-cid/`)).status, 400);
  });

  test('honours byte ranges and serves verified raw blocks', async () => {
    const ranged = await fetch(`${node.url}/ipfs/${root}/data.json`, { headers: { Range: 'bytes=1-4' } });
    assert.equal(ranged.status, 206);
    assert.equal(await ranged.text(), '"a":');
    const raw = await fetch(`${node.url}/ipfs/${root}?format=raw`);
    assert.equal(raw.headers.get('content-type'), 'application/vnd.ipld.raw');
  });
});

test('a block altered on disk is refused, not served', async () => {
  const cid = (await node.addBytes(new TextEncoder().encode('genuine content'))).toString();
  assert.equal(await (await fetch(`${node.url}/ipfs/${cid}`)).text(), 'genuine content');
  const blocks = join(dir, 'node', 'blocks');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(blocks);
  const target = files.find((file) => execFileSync('cat', [file]).toString() === 'genuine content');
  assert.ok(target, 'block file of the content found on disk');
  writeFileSync(target, 'forged content!');
  const response = await fetch(`${node.url}/ipfs/${cid}`);
  assert.equal(response.status, 502);
  assert.match(await response.text(), /failed verification/);
});

test('a directory gets the same root CID from ipfs-car, from the node, and from the ipfs-car CLI', async () => {
  const site = join(dir, 'site');
  mkdirSync(join(site, 'b/c'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  writeFileSync(join(site, 'b/c/z.js'), 'z');
  writeFileSync(join(site, 'b/a.css'), 'a{}');
  const packed = await packDirectory(site);
  // Different mtimes must not change the CID.
  utimesSync(join(site, 'b/a.css'), new Date(0), new Date(0));
  assert.equal((await packDirectory(site)).root.toString(), packed.root.toString());
  const viaNode = await node.addDirectory([
    { path: 'b/c/z.js', content: new TextEncoder().encode('z') },
    { path: 'index.html', content: new TextEncoder().encode('<!doctype html>') },
    { path: 'b/a.css', content: new TextEncoder().encode('a{}') },
  ]);
  assert.equal(viaNode.toString(), packed.root.toString());
  const cli = execFileSync(join(import.meta.dirname, '../../node_modules/.bin/ipfs-car'), ['pack', site, '--output', join(dir, 'cli.car')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  assert.equal(cli, packed.root.toString());
  // The CAR goes into a running node through the API (what publish:ipfs does for the local network)...
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(packed.car)]), 'site.car');
  const imported = await fetch(`${node.url}/api/v0/dag/import`, { method: 'POST', body: form });
  assert.equal(imported.status, 200);
  assert.deepEqual(JSON.parse((await imported.text()).trim()), { Root: { Cid: { '/': packed.root.toString() } } });
  const forged = new FormData();
  forged.append('file', new Blob(['not a car']), 'x.car');
  const refused = await fetch(`${node.url}/api/v0/dag/import`, { method: 'POST', body: forged });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /not a valid CAR/);
  // ...and into a fresh node directly, which then serves it.
  const fresh = await startIpfsNode({ dataDir: join(dir, 'fresh'), port: 0 });
  try {
    const roots = await importCar(fresh.helia.blockstore, packed.car);
    assert.deepEqual(roots.map(String), [packed.root.toString()]);
    assert.equal(await (await fetch(`${fresh.url}/ipfs/${packed.root}/b/c/z.js`)).text(), 'z');
  } finally {
    await fresh.stop();
  }
});
