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
    // in shared chunks instead of a dozen small ones per page. entriesAware: modules go together only with
    // modules used by the same pages, so what twenty write pages share (viem's clients, the ABI coder, the
    // contract ABIs) stays in their own chunk instead of riding along with Svelte's runtime onto the home page
    // (it did: home 285 KB gzip). scripts/web/first-load.ts checks a build for that (test/ipfs/gateway.test.ts).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'common', minShareCount: 20, entriesAware: true, entriesAwareMergeThreshold: 16000 }] } } },
  },
});
