// What a page of the built site loads before it can run: the scripts its HTML preloads (modulepreload) and,
// transitively, everything they import statically, with their gzip sizes, and whether any of them carries
// code that belongs behind a click (viem's clients, its ABI coder, contract ABIs). The shared-chunk setting in
// vite.config.ts once pulled all of that onto every page without anyone noticing (home: 100 KB to 285 KB):
// the platform test (test/ipfs/gateway.test.ts) and bench:web check a build with this.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Strings that only such code contains, as they survive minification (error names, client names, ABI keys). */
export const HEAVY_MARKERS: Record<string, string> = {
  stateMutability: 'a contract ABI (contracts/generated/abi.ts or one of viem’s)',
  AbiEncodingLengthMismatchError: 'viem’s ABI encoder',
  AbiDecodingZeroDataError: 'viem’s ABI decoder',
  'Public Client': 'viem’s public client',
  'Wallet Client': 'viem’s wallet client',
  'Bundler Client': 'viem’s account-abstraction bundler client',
  UserOperationExecutionError: 'viem’s account-abstraction code',
};

export interface FirstLoadFile {
  /** Path relative to the build directory. */
  file: string;
  gzipBytes: number;
  /** Keys of HEAVY_MARKERS found in the file. */
  heavy: string[];
}

const STATIC_IMPORT = /(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const EXPORT_FROM = /(?:^|[;}\n])\s*export\s*[\w*{}\s,$]+from\s*["']([^"']+\.js)["']/g;

/** The scripts `page` (an HTML file relative to `buildDir`, e.g. "index.html") loads before it runs. */
export function firstLoad(buildDir: string, page: string): FirstLoadFile[] {
  const htmlPath = join(buildDir, page);
  const html = readFileSync(htmlPath, 'utf8');
  const queue = [...html.matchAll(/<link\s+href="([^"]+\.js)"\s+rel="modulepreload"/g), ...html.matchAll(/<link\s+rel="modulepreload"\s+href="([^"]+\.js)"/g)].map((m) =>
    resolve(dirname(htmlPath), m[1]),
  );
  // The inline start script imports the entry points too (a build without preload links still counts them).
  for (const m of html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)) queue.push(resolve(dirname(htmlPath), m[1]));
  if (queue.length === 0) throw new Error(`${page} preloads no script: not a page of this build?`);
  const seen = new Set<string>();
  const files: FirstLoadFile[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    if (!existsSync(path)) throw new Error(`${relative(buildDir, path)} is preloaded or imported but missing from the build`);
    const code = readFileSync(path);
    const text = code.toString('utf8');
    for (const m of [...text.matchAll(STATIC_IMPORT), ...text.matchAll(EXPORT_FROM)]) queue.push(resolve(dirname(path), m[1]));
    files.push({
      file: relative(buildDir, path),
      gzipBytes: gzipSync(code, { level: 9 }).length,
      heavy: Object.keys(HEAVY_MARKERS).filter((marker) => text.includes(marker)),
    });
  }
  return files;
}

/** One line per first-load file that carries heavy code, naming what it carries (empty: none). */
export function heavyCode(files: FirstLoadFile[]): string[] {
  return files.filter((f) => f.heavy.length).map((f) => `${f.file}: ${f.heavy.map((marker) => HEAVY_MARKERS[marker]).join(', ')}`);
}

export const gzipKB = (files: FirstLoadFile[]) => Math.round((files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024) * 10) / 10;
