// A clean, reproducible build of the site for one network, packed into a CAR. Shared by publish:ipfs and
// verify:site, so "the same commit gives the same CID" is one code path.
//
// What makes it reproducible: the build starts from nothing (build/ and .svelte-kit/ removed), the clock the
// build may read is pinned with SOURCE_DATE_EPOCH (the commit's time), the time zone and locale are fixed,
// and the CAR holds only names and bytes (no mtimes, sorted entries, see car.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readNetworks } from '../deploy.ts';
import { type PackedCar, writeCar } from './car.ts';

export const root = join(import.meta.dirname, '../..');
export const BUILD_DIR = join(root, 'build');

export interface SiteBuild extends PackedCar {
  network: string;
  carPath: string;
  commit: string;
  sourceDateEpoch: string;
}

export function gitCommit(): { commit: string; time: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    return {
      commit: git('rev-parse', 'HEAD'),
      time: git('log', '-1', '--format=%ct'),
      dirty: git('status', '--porcelain', '--untracked-files=no', '--', 'web', 'package.json', 'package-lock.json') !== '',
    };
  } catch {
    throw new Error('not a git checkout: a reproducible build is tied to a commit (SOURCE_DATE_EPOCH is its time)');
  }
}

export function parseNetworkArg(argv: string[]): { network: string; rest: string[] } {
  let network = 'local';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--network') {
      network = argv[++i] ?? '';
      if (!network) throw new Error('--network needs a name');
    } else if (argv[i].startsWith('--network=')) network = argv[i].slice('--network='.length);
    else rest.push(argv[i]);
  }
  const networks = readNetworks();
  if (!networks[network]) throw new Error(`unknown network "${network}"; known: ${Object.keys(networks).join(', ')}`);
  return { network, rest };
}

/** Removes build/ and .svelte-kit/, builds the site for `network`, packs build/ into `carPath`. */
export async function buildAndPack(opts: {
  network: string;
  carPath: string;
  quiet?: boolean;
  /** Extra environment for the site build (tests point a local build at their own ports). */
  env?: Record<string, string>;
}): Promise<SiteBuild> {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts['build:web']) throw new Error('package.json has no build:web script: there is no site to build yet');
  const { commit, time, dirty } = gitCommit();
  if (dirty && !opts.quiet) {
    console.warn('warning: web/ or the package files have uncommitted changes; the CID will not match a clean checkout');
  }
  for (const dir of [BUILD_DIR, join(root, '.svelte-kit'), join(root, 'web/.svelte-kit')]) {
    rmSync(dir, { recursive: true, force: true });
  }
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], {
    cwd: root,
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    env: {
      ...process.env,
      CHAINMART_NETWORK: opts.network,
      PUBLIC_CHAINMART_NETWORK: opts.network,
      SOURCE_DATE_EPOCH: time,
      TZ: 'UTC',
      LC_ALL: 'C.UTF-8',
      ...opts.env,
    },
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
    throw new Error(`npm run build:web failed (exit ${result.status})${output ? `:\n${output}` : ''}`);
  }
  if (!existsSync(join(BUILD_DIR, 'index.html'))) throw new Error(`the site build produced no ${BUILD_DIR}/index.html`);
  mkdirSync(join(opts.carPath, '..'), { recursive: true });
  const packed = await writeCar(BUILD_DIR, opts.carPath);
  return { ...packed, network: opts.network, carPath: opts.carPath, commit, sourceDateEpoch: time };
}

/** Gateway URLs for a root CID: path style and subdomain style (origin isolation per site). */
export function gatewayUrls(cid: string, network: string): string[] {
  const gateway = new URL(readNetworks()[network].ipfsGateway);
  const local = gateway.hostname === '127.0.0.1' || gateway.hostname === 'localhost';
  // Browsers resolve *.localhost to the loopback address, so the local gateway has subdomains too.
  const subdomainHost = local ? `localhost${gateway.port ? `:${gateway.port}` : ''}` : gateway.host;
  const urls = [`${gateway.origin}/ipfs/${cid}/`, `${gateway.protocol}//${cid}.ipfs.${subdomainHost}/`];
  if (!local && gateway.hostname !== 'dweb.link') urls.push(`https://${cid}.ipfs.dweb.link/`);
  return urls;
}
