// npm start's options: defaults, flags over environment, and clear errors for bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../scripts/platform/config.ts';

test('defaults: anvil 8545, graph node 8000, IPFS 8080, site 4173, bundler 4337, paymaster 4338, data in .data', () => {
  const config = parseConfig([], {}, '/repo/.data');
  assert.deepEqual(config.ports, { anvil: 8545, graph: 8000, ipfs: 8080, site: 4173, bundler: 4337, paymaster: 4338 });
  assert.equal(config.dataDir, '/repo/.data');
  assert.equal(config.fresh, false);
  assert.equal(config.host, '127.0.0.1');
});

test('flags win over environment variables; both forms of flags work', () => {
  const config = parseConfig(['--fresh', '--anvil-port', '9545', '--site-port=4000', '--bundler-port', '5337'], { ANVIL_PORT: '7000', IPFS_PORT: '5001', PAYMASTER_PORT: '5338', CHAINMART_DATA_DIR: '/tmp/x' }, '/repo/.data');
  assert.deepEqual(config.ports, { anvil: 9545, graph: 8000, ipfs: 5001, site: 4000, bundler: 5337, paymaster: 5338 });
  assert.equal(config.fresh, true);
  assert.equal(config.dataDir, '/tmp/x');
});

test('bad input is refused with a message that says what is wrong', () => {
  assert.throws(() => parseConfig(['--anvil-port', 'abc'], {}, '/d'), /--anvil-port \/ ANVIL_PORT: "abc" is not a port number/);
  assert.throws(() => parseConfig([], { GRAPH_PORT: '70000' }, '/d'), /GRAPH_PORT: "70000"/);
  assert.throws(() => parseConfig(['--anvil-port'], {}, '/d'), /--anvil-port needs a value/);
  assert.throws(() => parseConfig(['--frsh'], {}, '/d'), /unknown option --frsh\nusage:/);
  assert.throws(() => parseConfig(['--help'], {}, '/d'), /^Error: usage: npm start/);
});
