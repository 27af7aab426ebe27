import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { siteConfig } from './scripts/web/site-config.ts';

export default defineConfig(() => ({
  plugins: [
    paraglideVitePlugin({
      project: './web/project.inlang',
      outdir: './web/lib/paraglide',
      // The user's choice (stored), else the browser's languages, else Chinese: the audience reads Chinese first.
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit(),
  ],
  // The network this build talks to (addresses from deployments/<network>.json, default endpoints), baked in:
  // the CID of the site then covers the contract addresses it writes to.
  define: { __CHAINMART_SITE__: JSON.stringify(siteConfig()) },
  build: { reportCompressedSize: false },
}));
