// Unit tests of the site's plain TypeScript modules (web/lib/<domain>/*.test.ts): no Svelte, no browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['web/lib/**/*.test.ts'],
    environment: 'node',
  },
});
