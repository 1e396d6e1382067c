import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // `./vitest` and `./arbitraries` are subpath entries (issue 6); fast-check and vitest stay external.
    entry: {
      index: 'src/index.ts',
      vitest: 'src/testing/vitest/index.ts',
      arbitraries: 'src/testing/arbitraries/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
  },
  {
    // The `iam-policy-evaluator` binary: one ESM file with a shebang. Dependencies stay external.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
