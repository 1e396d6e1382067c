// End-to-end tests of the built playground in an installed headless Chromium (chromium.ts: `CHROMIUM_PATH`, else
// `chromium` and its kin on PATH). Run by `npm run test:e2e` after `npm run build` and `npm run playground:build`;
// kept apart from the unit suite (`*.e2e.ts`, not `*.test.ts`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_VARIABLE, findChromium } from './chromium.js';

// Without a browser not one test can run: say so in one line, with the fix, instead of a failure per test.
const chromium = findChromium();
if ('problem' in chromium) {
  console.error(`test:e2e: ${chromium.problem}`);
  process.exit(1);
}

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser found here, for the test files (which look it up the same way when run otherwise).
    env: { [CHROMIUM_VARIABLE]: chromium.path },
  },
});
