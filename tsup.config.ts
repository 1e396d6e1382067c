import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// Bundled rather than imported: as separate modules they cost 5-30 ms each to load, and importing the package
// should stay fast. No published type refers to them, so both are devDependencies. The licences are copied to
// dist/THIRD-PARTY-LICENSES.md by the build.
const BUNDLED = ['yaml', 'ipaddr.js'];

const SETUP = resolve('src/testing/vitest/setup.ts');

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The format each esbuild run writes, by its options object. tsup runs esbuild in ESM for both formats (rollup turns
 * it into CommonJS to tree-shake), so only its `esbuildOptions` hook knows the format; the ESM and CJS runs go in
 * parallel, so a single variable would race.
 */
const formats = new WeakMap<object, string>();

/**
 * `./vitest/setup` imports the matchers from `./index.js`: point that import at the built `./vitest` entry of the same
 * format, so the setup file stays a few lines and the engine ships once per format, not twice.
 */
const setupImportsVitestEntry: EsbuildPlugin = {
  name: 'setup-imports-vitest-entry',
  setup(build) {
    const entry = formats.get(build.initialOptions) === 'cjs' ? './vitest.cjs' : './vitest.js';
    build.onResolve({ filter: /^\.\/index\.js$/ }, (args) =>
      resolve(args.importer) === SETUP ? { path: entry, external: true } : undefined,
    );
  },
};

export default defineConfig([
  {
    // `./vitest` and `./arbitraries` are subpath entries (issue 6), `./vitest/setup` registers the matchers on import
    // (issue 11), `./reporters` holds the renderings of suite results (issue 12); fast-check and vitest stay external.
    entry: {
      index: 'src/index.ts',
      vitest: 'src/testing/vitest/index.ts',
      'vitest-setup': 'src/testing/vitest/setup.ts',
      arbitraries: 'src/testing/arbitraries/index.ts',
      reporters: 'src/testing/reporters.ts',
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
    // A devDependency here (an optional peer of the package): never bundled, or `./vitest/setup` would carry vitest.
    external: ['vitest'],
    esbuildOptions(options, { format }) {
      formats.set(options, format);
    },
    esbuildPlugins: [setupImportsVitestEntry],
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
