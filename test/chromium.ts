// The Chromium that every browser test and benchmark launches (Playwright, the IPFS and smoke tests, Lighthouse).
// By default it is the build inside the npm package @sparticuz/chromium, so `npm ci && npm test` needs no apt
// package: unpacked once into node_modules/.cache/, with the NSS/NSPR/expat libraries the package ships for
// Amazon Linux (the binary's only libraries beyond glibc) and a font setup of its own (the package's Open Sans,
// plus the machine's fonts where it has any, so screenshots show Chinese when fonts-noto-cjk is installed), so no
// test depends on the machine's libraries or fonts. CHROMIUM_PATH=/usr/bin/chromium (or any other
// Chromium) launches that one instead, with the machine's own libraries and fonts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Our flags, not the package's `chromium.args`: those are tuned for AWS Lambda and would change what the tests
 * see (`--disable-web-security` and `--allow-running-insecure-content` switch off CORS and mixed-content
 * checks the site relies on; `--single-process`, which Playwright does not support, makes a crash in one page
 * take the whole browser and every other context down). The binary is a headless shell, so the headless
 * flag is Playwright's or chrome-launcher's to pass, and it needs no sandbox helper with `--no-sandbox`.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  /** The browser's whole environment (Playwright and chrome-launcher replace, not merge, the parent's). */
  env: Record<string, string>;
}

const root = join(import.meta.dirname, '..');
const packageDir = join(root, 'node_modules/@sparticuz/chromium');

/** How to launch the tests' Chromium; unpacks the packaged one on first use (about 5 s, 210 MB). */
export function chromiumLaunch(): ChromiumLaunch {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH=${chosen}: no such file`);
    return { executablePath: chosen, args: CHROMIUM_ARGS, env };
  }
  const dir = unpackedChromium();
  writeFontConfig(dir);
  return {
    executablePath: join(dir, 'chromium'),
    args: CHROMIUM_ARGS,
    env: { ...env, LD_LIBRARY_PATH: join(dir, 'al2023/lib'), FONTCONFIG_PATH: join(dir, 'fontconfig') },
  };
}

function unpackedChromium(): string {
  if (!existsSync(packageDir)) {
    throw new Error('@sparticuz/chromium is not installed: run `npm ci` (or set CHROMIUM_PATH to a Chromium binary)');
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(root, 'node_modules/.cache', `chromium-${version}`);
  if (existsSync(dir)) return dir;
  // Unpack beside the final folder and rename it into place (atomic): a test process that starts meanwhile
  // never sees half a binary, and of two that unpack at once, the first rename wins.
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // The package unpacks into os.tmpdir(): a child process with TMPDIR set keeps it out of the shared /tmp.
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import chromium, { inflate } from '@sparticuz/chromium';
       await chromium.executablePath(${JSON.stringify(join(packageDir, 'bin'))});
       await inflate(${JSON.stringify(join(packageDir, 'bin/al2023.tar.br'))});`,
    ],
    { cwd: root, env: { ...process.env, TMPDIR: staging }, stdio: 'inherit' },
  );
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

/** Where Debian puts fonts installed by packages and by hand. */
const MACHINE_FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];

/**
 * The font setup names absolute paths, so it is written for the path the project is reached by now: the same
 * node_modules can be reached through another path (a worktree's symlink, a moved checkout), and a stale file
 * leaves Chromium with no font at all (it then aborts in Skia's font manager).
 */
function writeFontConfig(dir: string): void {
  const path = join(dir, 'fontconfig/fonts.conf');
  // The package ships only Open Sans, so Chinese text renders blank in screenshots unless the machine has CJK
  // fonts (Debian: fonts-noto-cjk) and they are listed too. No test asserts glyphs: this is for the eyes.
  const machineFonts = MACHINE_FONT_DIRS.filter((d) => existsSync(d)).map((d) => `  <dir>${d}</dir>\n`).join('');
  const config = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts')}</dir>\n${machineFonts}  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`;
  if (existsSync(path) && readFileSync(path, 'utf8') === config) return;
  mkdirSync(join(dir, 'fontconfig'), { recursive: true });
  // Written beside and renamed into place: a browser starting meanwhile reads the old file or the new, never half.
  const staging = `${path}.${process.pid}`;
  writeFileSync(staging, config);
  renameSync(staging, path);
}
