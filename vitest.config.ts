// Unit tests of the site's plain TypeScript modules (web/lib/<domain>/*.test.ts): no Svelte, no browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['web/lib/**/*.test.ts'],
    environment: 'node',
    // The files share one module graph: they all import viem and the generated ABIs, and importing those again
    // for every file took three quarters of the run (80 s against 20 s). So no test may rely on module state
    // that another file could have left behind: each sets up what it reads.
    isolate: false,
    // Limits for a loaded 2-core CI machine (one run was six times slower than a quiet one), not for speed: the
    // benchmarks measure speed.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
