// `npm run bench:web`: the site's size and speed budgets, measured on the local stack.
//   - JavaScript loaded on a first visit (gzip KB) of the home page and a listing page: every script the
//     browser fetched from the site's origin, gzipped at level 9 (what a gateway or CDN serves).
//   - Lighthouse performance score (mobile preset, the default) of the home page and a listing page, the median
//     of five runs (BENCH_LIGHTHOUSE_RUNS), with what the median run blames (LCP element and its phases, TBT,
//     render-blocking and unused scripts, fonts) and the load average, since other work on the machine moves it.
//     BENCH_LIGHTHOUSE_REPORTS=<dir> keeps every run's full Lighthouse report there.
// It starts the whole platform with `npm start -- --fresh` on free ports (anvil, contracts, demo data, graph
// node, IPFS, the production build of the site), measures, and stops it. `-- --json` prints one JSON object;
// `-- --js-only` measures only the first-load JavaScript (no Lighthouse runs). It also reads the build for what
// home and a listing import up front and fails (exit 1) when chain code is among it (scripts/web/first-load.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { freePort } from './platform/ports.ts';
import { chromiumLaunch } from '../test/chromium.ts';
import { firstLoad, gzipKB, heavyCode } from './web/first-load.ts';

const root = join(import.meta.dirname, '..');
const json = process.argv.includes('--json');
const jsOnly = process.argv.includes('--js-only');
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
const TARGETS = { homeJsGzipKB: 100, listingJsGzipKB: 100, lighthouseHome: 95 };
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);

async function startPlatform(work: string) {
  const ports = { anvil: await freePort(), graph: await freePort(), ipfs: await freePort(), site: await freePort(), bundler: await freePort(), paymaster: await freePort() };
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

interface LighthouseRun {
  score: number;
  /** What Lighthouse blames: the LCP element and its phases, blocking time, render-blocking and unused bytes. */
  audits: Record<string, string>;
}

type Audit = { displayValue?: string; numericValue?: number; errorMessage?: string; details?: { type?: string; items?: unknown[] } };

/** The LCP element's label and its phases (TTFB, load delay, load time, render delay) from a Lighthouse report. */
function lcpElement(audit: Audit | undefined): string {
  // Lighthouse 12.2 with this Chromium can fail to gather it ("RootCauses ... frame_sequence"): say so.
  if (!audit?.details) return `not reported (${audit?.errorMessage?.slice(0, 80) ?? 'no audit'})`;
  const [node, phases] = (audit?.details?.items ?? []) as { items?: Record<string, unknown>[] }[];
  const element = node?.items?.[0]?.node as { nodeLabel?: string; snippet?: string } | undefined;
  const parts = (phases?.items ?? []).map((phase) => `${phase.phase} ${Math.round(Number(phase.timing))} ms`);
  return `${element?.snippet ?? '?'} "${(element?.nodeLabel ?? '').slice(0, 40)}"${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

function listed(audit: Audit | undefined): string {
  const items = (audit?.details?.items ?? []) as { url?: string; wastedBytes?: number; wastedMs?: number }[];
  const files = items.map((item) => `${(item.url ?? '').replace(/^https?:\/\/[^/]+/, '')}${item.wastedBytes ? ` ${Math.round(item.wastedBytes / 1024)} KB` : ''}${item.wastedMs ? ` ${Math.round(item.wastedMs)} ms` : ''}`);
  return [audit?.displayValue ?? '', ...files].filter(Boolean).join('; ') || 'none';
}

let reportCount = 0;

async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const browser = chromiumLaunch();
  const chrome = await launch({ chromePath: browser.executablePath, chromeFlags: ['--headless=new', ...browser.args], envVars: browser.env });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
    // BENCH_LIGHTHOUSE_REPORTS=<dir> keeps each run's full report (lhr JSON) there, to read what the score hides.
    const reports = process.env.BENCH_LIGHTHOUSE_REPORTS;
    if (reports && result) {
      mkdirSync(reports, { recursive: true });
      writeFileSync(join(reports, `${new URL(url).pathname.replace(/\W+/g, '_')}-${++reportCount}.json`), JSON.stringify(result.lhr));
    }
    const audits = (result?.lhr.audits ?? {}) as Record<string, Audit>;
    const value = (id: string) => audits[id]?.displayValue ?? '?';
    return {
      score: Math.round((result?.lhr.categories.performance.score ?? 0) * 100),
      audits: {
        FCP: value('first-contentful-paint'),
        LCP: value('largest-contentful-paint'),
        TBT: value('total-blocking-time'),
        CLS: value('cumulative-layout-shift'),
        SI: value('speed-index'),
        'LCP element': lcpElement(audits['largest-contentful-paint-element']),
        'render-blocking': listed(audits['render-blocking-resources']),
        'unused JS': listed(audits['unused-javascript']),
        'font-display': listed(audits['font-display']),
        'main thread': value('mainthread-work-breakdown'),
      },
    };
  } finally {
    await chrome.kill();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const loadAverage = () => (existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown');

/** Lighthouse's median of `runs` runs of `url`, and the audit items of the run that scored the median. */
async function lighthouse(url: string, runs: number) {
  const results: LighthouseRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await lighthouseRun(url));
  const score = median(results.map((run) => run.score));
  return { score, scores: results.map((run) => run.score), audits: results.find((run) => run.score === score)!.audits };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'chainmart-bench-web-'));
  log('starting the platform (npm start -- --fresh) and building the site...');
  const platform = await startPlatform(work);
  try {
    // The build npm start serves: what each page imports up front, and any chain code among it.
    const upFront = Object.fromEntries(['index.html', 'product/index.html'].map((page) => {
      const files = firstLoad(join(work, 'data', 'site'), page);
      return [page, { kb: gzipKB(files), files: files.length, heavy: heavyCode(files) }];
    }));
    const home = await firstLoadJs(platform.site, 'article.listing');
    const listing = await firstLoadJs(new URL('product/?id=1', platform.site).toString(), '[data-testid="price"]');
    // Lighthouse takes the median of five runs: single runs on a busy 2-core machine swing by several points.
    const loadBefore = loadAverage();
    const homeLighthouse = jsOnly ? null : await lighthouse(platform.site, RUNS);
    const listingLighthouse = jsOnly ? null : await lighthouse(new URL('product/?id=1', platform.site).toString(), RUNS);
    const result = {
      homeJsGzipKB: home.kb,
      listingJsGzipKB: listing.kb,
      lighthouseHome: homeLighthouse?.score,
      lighthouseHomeRuns: homeLighthouse?.scores,
      lighthouseListing: listingLighthouse?.score,
      lighthouseListingRuns: listingLighthouse?.scores,
      audits: { home: homeLighthouse?.audits ?? {}, listing: listingLighthouse?.audits ?? {} },
      upFront,
      loadAverage: { before: loadBefore, after: loadAverage() },
      targets: TARGETS,
    };
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      console.log('\n| metric | value | target |\n|---|---|---|');
      console.log(`| homeJsGzipKB (first visit, ${home.files} scripts) | ${home.kb} | <= ${TARGETS.homeJsGzipKB} |`);
      console.log(`| listingJsGzipKB (first visit, ${listing.files} scripts) | ${listing.kb} | <= ${TARGETS.listingJsGzipKB} |`);
      if (homeLighthouse && listingLighthouse) {
        console.log(`| lighthouseHome (mobile, median of ${homeLighthouse.scores.join(', ')}) | ${homeLighthouse.score} | >= ${TARGETS.lighthouseHome} |`);
        console.log(`| lighthouseListing (mobile, median of ${listingLighthouse.scores.join(', ')}) | ${listingLighthouse.score} | >= ${TARGETS.lighthouseHome} |`);
        console.log(`\nload average (1, 5, 15 min): ${result.loadAverage.before} before Lighthouse, ${result.loadAverage.after} after`);
        for (const [page, audits] of Object.entries(result.audits)) {
          console.log(`\nLighthouse audits, ${page} (the median run):`);
          for (const [name, value] of Object.entries(audits)) console.log(`  ${name}: ${value}`);
        }
      }
      console.log('');
      for (const [page, info] of Object.entries(upFront)) {
        console.log(`${page} imports ${info.kb} KB gzip up front (${info.files} scripts, static imports only); chain code: ${info.heavy.length ? info.heavy.join('; ') : 'none'}`);
      }
    }
    if (Object.values(upFront).some((info) => info.heavy.length)) process.exitCode = 1;
  } finally {
    await platform.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:web failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
