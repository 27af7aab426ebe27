// verify:site's command line. That two clean builds of one commit give the same root CID (and verify:site says
// MATCH) is checked in gateway.test.ts, on the build that test publishes: one clean build fewer in CI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { root } from '../../scripts/ipfs/site-build.ts';

test('verify:site rejects a CID it is not given properly, with a usage message', () => {
  const result = spawnSync('npm', ['run', '--silent', 'verify:site', '--', 'not-a-cid'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /"not-a-cid" is not a CID/);
});
