import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
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
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'common', minShareCount: 20, test: (id) => !CHAIN_CODE.test(id) }] } } },
  },
});
