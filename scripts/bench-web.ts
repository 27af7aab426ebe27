// `npm run bench:web`: the site's size and speed budgets, measured on the local stack.
//   - JavaScript loaded on a first visit (gzip KB) of the home page and a listing page: every script the
//     browser fetched from the site's origin, gzipped at level 9 (what a gateway or CDN serves).
//   - Lighthouse performance score (mobile preset, the default) of the home page.
// It starts the whole platform with `npm start -- --fresh` on free ports (anvil, contracts, demo data, graph
// node, IPFS, the production build of the site), measures, and stops it. `-- --json` prints one JSON object;
// `-- --js-only` measures only the first-load JavaScript (no Lighthouse runs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { freePort } from './platform/ports.ts';
import { chromiumLaunch } from '../test/chromium.ts';

const root = join(import.meta.dirname, '..');
const json = process.argv.includes('--json');
const jsOnly = process.argv.includes('--js-only');
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
const TARGETS = { homeJsGzipKB: 100, listingJsGzipKB: 100, lighthouseHome: 95 };

async function startPlatform(work: string) {
  const ports = { anvil: await freePort(), graph: await freePort(), ipfs: await freePort(), site: await freePort() };
  const args = ['start', '--', '--fresh'];
  for (const [name, port] of Object.entries(ports)) args.push(`--${name}-port`, String(port));
  const child = spawn('npm', args, { cwd: root, detached: true, env: { ...process.env, CHAINMART_DATA_DIR: join(work, 'data') } });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 240_000;
  while (!/ChainMart is ready/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = async () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  };
  return { site: `http://127.0.0.1:${ports.site}/`, stop };
}

/** gzip KB of every script the first visit of `url` loads from the site's origin. */
async function firstLoadJs(url: string, ready: string): Promise<{ kb: number; files: number }> {
  const browser = await chromium.launch(chromiumLaunch());
  try {
    const page = await browser.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      const request = response.request();
      if (request.resourceType() === 'script' && new URL(request.url()).origin === new URL(url).origin) {
        scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
      }
    });
    await page.goto(url);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(scripts);
    return { kb: Math.round((sizes.reduce((a, b) => a + b, 0) / 1024) * 10) / 10, files: sizes.length };
  } finally {
    await browser.close();
  }
}

async function lighthouseScore(url: string): Promise<number> {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const browser = chromiumLaunch();
  const chrome = await launch({ chromePath: browser.executablePath, chromeFlags: ['--headless=new', ...browser.args], envVars: browser.env });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
    return Math.round((result?.lhr.categories.performance.score ?? 0) * 100);
  } finally {
    await chrome.kill();
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'chainmart-bench-web-'));
  log('starting the platform (npm start -- --fresh) and building the site...');
  const platform = await startPlatform(work);
  try {
    const home = await firstLoadJs(platform.site, 'article.listing');
    const listing = await firstLoadJs(new URL('product/?id=1', platform.site).toString(), '[data-testid="price"]');
    // Lighthouse takes the median of three runs: single runs on a busy 2-core machine swing by several points.
    const scores: number[] = [];
    for (let i = 0; i < (jsOnly ? 0 : 3); i++) scores.push(await lighthouseScore(platform.site));
    const lighthouseHome = jsOnly ? null : scores.sort((a, b) => a - b)[1];
    const result = { homeJsGzipKB: home.kb, listingJsGzipKB: listing.kb, lighthouseHome, lighthouseRuns: scores, targets: TARGETS };
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      console.log('\n| metric | value | target |\n|---|---|---|');
      console.log(`| homeJsGzipKB (first visit, ${home.files} scripts) | ${home.kb} | <= ${TARGETS.homeJsGzipKB} |`);
      console.log(`| listingJsGzipKB (first visit, ${listing.files} scripts) | ${listing.kb} | <= ${TARGETS.listingJsGzipKB} |`);
      if (!jsOnly) console.log(`| lighthouseHome (mobile, median of ${scores.join(', ')}) | ${lighthouseHome} | >= ${TARGETS.lighthouseHome} |`);
    }
  } finally {
    await platform.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:web failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
