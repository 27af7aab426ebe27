#!/usr/bin/env node
// Offline solc for forge: wraps the pinned npm `solc` (solc-js) behind the two CLI calls forge makes,
// `--version` and `--standard-json`, because forge cannot download a native compiler on these machines.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('this wrapper only supports --version and --standard-json\n');
  process.exit(2);
}

const allowed = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--allow-paths' || args[i] === '--base-path' || args[i] === '--include-path') {
    for (const p of args[i + 1].split(',')) allowed.push(path.resolve(p));
  }
}

function findImport(importPath) {
  const candidates = [importPath, ...allowed.map((root) => path.join(root, importPath))];
  for (const candidate of candidates) {
    try {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    } catch {}
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImport }));
