// The fixtures' shared build step: `graph codegen` + `graph build` in a fixture directory, skipped when none of its
// sources changed since the last build (a sha256 of them in build/.stamp). Outputs are gitignored.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

export interface StampedBuild {
  /** The fixture's directory (holding subgraph.yaml). */
  dir: string;
  /** Paths relative to `dir` whose contents decide whether to rebuild. */
  sources: string[];
  /** Named in the error when graph-cli fails. */
  name: string;
  /** Runs before graph-cli on a rebuild (writing the ABIs the manifest names, say). */
  prepare?: () => void;
  /** Runs after graph-cli and before the stamp is written (files that must sit beside the build). */
  finish?: () => void;
}

/** Builds the fixture if its sources changed; returns whether it rebuilt. Either way build/subgraph.yaml is current. */
export function stampedGraphBuild({ dir, sources, name, prepare, finish }: StampedBuild): boolean {
  const hash = createHash('sha256');
  for (const file of sources) hash.update(readFileSync(join(dir, file)));
  const stamp = hash.digest('hex');
  const stampFile = join(dir, 'build/.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return false;
  prepare?.();
  runGraph(dir, name, ['codegen', 'subgraph.yaml', '--output-dir', 'generated']);
  runGraph(dir, name, ['build', 'subgraph.yaml', '--output-dir', 'build']);
  finish?.();
  writeFileSync(stampFile, stamp);
  return true;
}

function runGraph(dir: string, name: string, args: string[]): void {
  try {
    execFileSync(join(root, 'node_modules/.bin/graph'), args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    const lines = `${stdout}\n${stderr}`.split('\n').filter((l) => /error|\^|~/i.test(l) && !/^\s*(\x1b\[\d+m)?\s*at /.test(l));
    throw new Error(`graph ${args[0]} failed for ${name}:\n${lines.slice(0, 30).join('\n')}`);
  }
}
