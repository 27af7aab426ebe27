// What differs between two builds of the site: the files whose bytes changed (the nondeterminism to fix).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../scripts/ipfs/car.ts';

export function fileHashes(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

export function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, hash] of a) if (b.get(path) !== hash) out.push(b.has(path) ? `changed: ${path}` : `only in build 1: ${path}`);
  for (const path of b.keys()) if (!a.has(path)) out.push(`only in build 2: ${path}`);
  return out;
}
