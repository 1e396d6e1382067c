import { defineConfig } from 'tsup';

// Bundled rather than imported: as separate modules they cost 5-30 ms each to load, and importing the package
// should stay fast. ipaddr.js also stays a dependency, for the types `IpRange` exposes. The licences are copied to
// dist/THIRD-PARTY-LICENSES.md by the build.
const BUNDLED = ['yaml', 'date-fns', 'ipaddr.js'];

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
    noExternal: BUNDLED,
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
    // Bundled CommonJS dependencies (yaml's Node build) call `require`, which ESM lacks: give them one.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    noExternal: BUNDLED,
  },
]);
