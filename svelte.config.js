// The site is static files only (adapter-static), prerendered page by page with relative asset paths, so
// the same build works at the root of any origin, under a gateway path (/ipfs/<cid>/) and on a subdomain
// gateway. Ids travel in the query string (/product/?id=42): every route is a real file, deep links reload.
import adapter from '@sveltejs/adapter-static';

// Two builds of one commit must be byte-identical (the CID is how anyone checks the official site), so the
// version SvelteKit stamps into the build is the commit time, never the build's own clock.
const version = process.env.SOURCE_DATE_EPOCH ?? '0';
// Where the pages go: build/ (what publish:ipfs packs), or the running platform's own copy. `npm start` builds
// into its data directory, so a second platform (the browser tests', bench:web's) never overwrites the site a
// running one serves with one wired to other ports.
const out = process.env.CHAINMART_SITE_OUT || 'build';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ pages: out, assets: out, strict: true }),
    files: {
      src: 'web',
      lib: 'web/lib',
      routes: 'web/routes',
      appTemplate: 'web/app.html',
      assets: 'web/static',
      hooks: { client: 'web/hooks.client', server: 'web/hooks.server', universal: 'web/hooks' },
      params: 'web/params',
      serviceWorker: 'web/service-worker',
    },
    paths: { relative: true },
    // The stylesheets a page starts with (a few KB in a dozen files) go inline into its HTML: no round trips
    // before the first paint (the shell's splash) on a slow connection.
    inlineStyleThreshold: 16384,
    version: { name: version, pollInterval: 0 },
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
    typescript: {
      config: (config) => ({ ...config, include: [...config.include, '../vite.config.ts', '../scripts/web/**/*.ts'] }),
    },
  },
};
