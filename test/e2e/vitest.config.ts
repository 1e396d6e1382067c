// End-to-end tests of the built playground in Debian's Chromium. Run by `npm run test:e2e` after
// `npm run build` and `npm run playground:build`; kept apart from the unit suite (`*.e2e.ts`, not `*.test.ts`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
