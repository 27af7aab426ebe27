// Skips a build whose inputs have not changed since the last one: a fingerprint of the input files (path,
// size, mtime) and of the settings the build reads, kept in the data directory.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const IGNORED = new Set(['node_modules', '.svelte-kit', 'build', 'generated', '.git']);

export function fingerprint(root: string, inputs: string[], settings: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  const visit = (path: string) => {
    if (!existsSync(path)) return void hash.update(`missing ${relative(root, path)}\n`);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!IGNORED.has(name)) visit(join(path, name));
    } else {
      hash.update(`${relative(root, path)} ${stat.size} ${stat.mtimeMs}\n`);
    }
  };
  for (const input of inputs) visit(join(root, input));
  return hash.digest('hex');
}

/** True when `stampFile` records `print` and every output exists. */
export function isUpToDate(stampFile: string, print: string, outputs: string[]): boolean {
  if (!existsSync(stampFile) || !outputs.every((o) => existsSync(o))) return false;
  return readFileSync(stampFile, 'utf8').trim() === print;
}

export function recordBuild(stampFile: string, print: string): void {
  writeFileSync(stampFile, `${print}\n`);
}
