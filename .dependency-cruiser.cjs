/**
 * Layer lint (`npm run lint:layers`, part of `npm run lint` and so of `npm test`): layers import only downward, with
 * no import circles. docs/architecture.md explains the stack.
 *
 * The stack is written once, in LAYERS, bottom to top: a module in src/<layer>/ may import from its own folder and
 * from the folders below it only. The entry files directly in src/ (src/index.ts) sit on top and may import anything;
 * nothing in a layer folder imports them. Type-only imports count like any other (tsPreCompilationDeps): a type
 * imported upward is still an upward dependency.
 */

/** The folders under src/, bottom to top. */
const LAYERS = [
  'errors',
  'model',
  'matching',
  'conditions',
  'catalogue',
  'parser',
  'normalizer',
  'combiner',
  'compile',
  'request',
  'evaluator',
  'explain',
  'sources',
  'testing',
  'cli',
];

/** The entry files directly in src/ (src/index.ts): the top of the stack. */
const ENTRY_FILES = '^src/[^/]+$';
const IN_A_LAYER = `^src/(?:${LAYERS.join('|')})/`;
const ORDER = `Layers, bottom to top: ${LAYERS.join(' < ')} < src/*.ts entry files`;

/** One rule for each layer: nothing it imports lies above it. */
const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1);
  // The CLI is a consumer of the package: it may use the public entry, as a user's tool would.
  const entry = layer === 'cli' ? [] : [ENTRY_FILES];
  const forbidden = [...above.map((upper) => `^src/${upper}/`), ...entry];
  // The top layer may import every layer below it and the entry: nothing to forbid.
  if (forbidden.length === 0) return [];
  return {
    name: `layer-${layer}`,
    severity: 'error',
    comment:
      `src/${layer}/ is layer ${index + 1} of ${LAYERS.length}: it imports only from its own folder and the layers ` +
      `below it (not from ${[...above, 'the src/*.ts entry files'].join(', ')}). ` +
      `${ORDER}.`,
    from: { path: `^src/${layer}/` },
    to: { path: forbidden },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circles, type-only imports included: no module of src/ reaches itself through a chain of imports.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'layer-unlisted-folder',
      severity: 'error',
      comment: `Every folder of src/ takes its place in the stack: add it to LAYERS in .dependency-cruiser.cjs (and to docs/architecture.md). ${ORDER}.`,
      from: { path: '^src/[^/]+/', pathNot: IN_A_LAYER },
      to: {},
    },
    {
      name: 'layer-unlisted-folder-imported',
      severity: 'error',
      comment: `Every folder of src/ takes its place in the stack: add it to LAYERS in .dependency-cruiser.cjs (and to docs/architecture.md). ${ORDER}.`,
      from: { path: '^src/' },
      to: { path: '^src/[^/]+/', pathNot: IN_A_LAYER },
    },
    {
      name: 'no-test-or-scripts',
      severity: 'error',
      comment: 'The source imports nothing from test/ or scripts/: they build on src/, never the other way round.',
      from: { path: '^src/' },
      to: { path: '^(?:test|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import of src/ resolves (to a module or an installed package): an import the lint cannot resolve is one whose layer it cannot check.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports (`import type`, `export type … from`) are dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules', '^test/', '^scripts/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
