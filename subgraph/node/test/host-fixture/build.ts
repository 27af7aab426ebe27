// Builds the host-export fixture with `graph codegen` + `graph build` (outputs gitignored, rebuilt only when a
// source changed). Its one handler, `handleRun(Run(uint8 which))`, runs graph-node test case `which`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../../..');

export const RUN_ABI = [{ type: 'event', name: 'Run', anonymous: false, inputs: [{ name: 'which', type: 'uint8', indexed: false }] }] as const;

export function buildHostFixture(): string {
  const sources = ['schema.graphql', 'subgraph.yaml', 'src/mapping.ts', 'build.ts'];
  const hash = createHash('sha256');
  for (const file of sources) hash.update(readFileSync(join(here, file)));
  const stamp = hash.digest('hex');
  const stampFile = join(here, 'build/.stamp');
  const manifest = join(here, 'build/subgraph.yaml');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return manifest;
  mkdirSync(join(here, 'abis'), { recursive: true });
  writeFileSync(join(here, 'abis/HostExports.json'), JSON.stringify(RUN_ABI, null, 2));
  runGraph(['codegen', 'subgraph.yaml', '--output-dir', 'generated']);
  runGraph(['build', 'subgraph.yaml', '--output-dir', 'build']);
  writeFileSync(stampFile, stamp);
  return manifest;
}

function runGraph(args: string[]): void {
  try {
    execFileSync(join(root, 'node_modules/.bin/graph'), args, { cwd: here, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    const lines = `${stdout}\n${stderr}`.split('\n').filter((l) => /error|\^|~/i.test(l) && !/^\s*(\x1b\[\d+m)?\s*at /.test(l));
    throw new Error(`graph ${args[0]} failed for the host-export fixture:\n${lines.slice(0, 30).join('\n')}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(buildHostFixture());
