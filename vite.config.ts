import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext } from 'rolldown';
import { type Plugin, defineConfig } from 'vite';
import { siteConfig } from './scripts/web/site-config.ts';

/**
 * The network this build talks to (addresses from deployments/<network>.json, default endpoints), baked in:
 * the CID of the site then covers the contract addresses it writes to. A missing deployment fails the build
 * or the dev server when it starts, not tools that only resolve this config (svelte-kit sync, svelte-check).
 */
function chainmartSite(): Plugin {
  let missing: unknown;
  return {
    name: 'chainmart-site-config',
    config() {
      try {
        return { define: { __CHAINMART_SITE__: JSON.stringify(siteConfig()) } };
      } catch (error) {
        missing = error;
        return {};
      }
    },
    buildStart() {
      if (missing) throw missing;
    },
  };
}

/** Kept out of the shared chunk (with what they import): they load with the pages, or the clicks, that use them. */
const CHAIN_CODE = /node_modules[\\/](viem|ox|abitype|@noble|@scure|@simplewebauthn|@storacha)[\\/]|[\\/]contracts[\\/]generated[\\/]|[\\/]web[\\/]lib[\\/](aa|chain)[\\/]/;

/** The listing page's component: what it imports up front goes into one chunk (see `build` below). */
const LISTING_PAGE = fileURLToPath(new URL('./web/routes/product/+page.svelte', import.meta.url));

/**
 * The message modules. The messages barrel re-exports all of them, so the listing's static closure names every
 * one; they are not captured by that, only as dependencies of what the group captures, which brings exactly the
 * messages the listing uses.
 */
const MESSAGES = /[\\/]paraglide[\\/]messages[\\/]/;

const closures = new WeakMap<ChunkingContext, Set<string>>();
/** Every module the listing page imports statically, directly or not (dynamic imports stop the walk), per chunking pass. */
function listingClosure(ctx: ChunkingContext): Set<string> {
  let seen = closures.get(ctx);
  if (seen) return seen;
  seen = new Set([LISTING_PAGE]);
  const stack = [LISTING_PAGE];
  while (stack.length) {
    for (const id of ctx.getModuleInfo(stack.pop()!)?.importedIds ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(id);
      }
    }
  }
  closures.set(ctx, seen);
  return seen;
}

export default defineConfig({
  plugins: [
    chainmartSite(),
    paraglideVitePlugin({
      project: './web/project.inlang',
      outdir: './web/lib/paraglide',
      // The user's choice (stored), else the browser's languages, else Chinese: the audience reads Chinese first.
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit(),
  ],
  build: {
    reportCompressedSize: false,
    // What nearly every page imports (Svelte's runtime, the router, the messages' runtime, the layout's parts)
    // in one chunk instead of a dozen small ones: a first visit makes ten requests fewer, which is what a slow
    // mobile connection pays for. Not the chain code twenty write pages share (viem, its ABI coder, the
    // contract ABIs): in this chunk it rode onto every page with Svelte's runtime (home 285 KB gzip instead of
    // 85). scripts/web/first-load.ts checks a build for that (test/ipfs/gateway.test.ts, bench:web).
    // Second, what the listing page imports up front (its components, their messages and helpers) in one
    // chunk: automatic chunking cut it into 35 files under 1 KB, each by the set of pages sharing it, and on a
    // phone's connection (6 connections, 150 ms a round trip) their round trips, not their bytes, decided when
    // the photo painted. A first visit (bench:web): listing 52 -> 21 scripts, 96.2 -> 88.3 KB gzip; home and
    // search load this chunk too (they share the cards, the formatting, the shop names): home 39 -> 20 scripts,
    // 80.7 -> 89.8 KB.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'common', priority: 2, minShareCount: 20, test: (id) => !CHAIN_CODE.test(id) },
            { name: (id, ctx) => (listingClosure(ctx).has(id) && !CHAIN_CODE.test(id) && !MESSAGES.test(id) ? 'listing' : null), priority: 1 },
          ],
        },
      },
    },
  },
});
