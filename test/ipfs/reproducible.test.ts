// Two clean builds of the same commit give the same root CID, and verify:site says so. When they differ,
// the failure names the files whose bytes changed between the builds (the nondeterminism to fix).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listFiles } from '../../scripts/ipfs/car.ts';
import { BUILD_DIR, buildAndPack, root } from '../../scripts/ipfs/site-build.ts';

const hasSite = Boolean(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.['build:web']);

function fileHashes(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, hash] of a) if (b.get(path) !== hash) out.push(b.has(path) ? `changed: ${path}` : `only in build 1: ${path}`);
  for (const path of b.keys()) if (!a.has(path)) out.push(`only in build 2: ${path}`);
  return out;
}

test('two clean builds of this commit have the same CID; verify:site confirms it', { skip: !hasSite && 'no build:web script: there is no site to build yet' }, async (t) => {
  const first = await buildAndPack({ network: 'local', carPath: join(root, 'dist/reproducible-1.car'), quiet: true });
  const firstFiles = fileHashes(BUILD_DIR);
  t.diagnostic(`build 1: ${first.root} (${first.files} files, commit ${first.commit.slice(0, 12)})`);

  const verify = spawnSync('npm', ['run', '--silent', 'verify:site', '--', first.root.toString(), '--network', 'local'], {
    cwd: root,
    encoding: 'utf8',
  });
  const secondFiles = fileHashes(BUILD_DIR);
  const second = /builds (\S+) for/.exec(verify.stdout)?.[1];
  t.diagnostic(`build 2: ${second}`);
  assert.deepEqual(differences(firstFiles, secondFiles), [], 'the two builds differ in these files');
  assert.equal(verify.status, 0, `verify:site exit ${verify.status}:\n${verify.stdout}\n${verify.stderr}`);
  assert.match(verify.stdout, /^MATCH: /m);
  assert.equal(second, first.root.toString());
});

test('verify:site rejects a CID it is not given properly, with a usage message', () => {
  const result = spawnSync('npm', ['run', '--silent', 'verify:site', '--', 'not-a-cid'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /"not-a-cid" is not a CID/);
});
