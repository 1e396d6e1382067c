/**
 * One problem in a catalogue's JSON: where (an RFC 6901 JSON Pointer into it) and what.
 *
 * @example
 * ```ts
 * import type { CatalogueIssue } from 'iam-policy-evaluator';
 * const issue: CatalogueIssue = { code: 'invalid_catalogue', pointer: '/format', message: 'the format is `v0`' };
 * ```
 */
export interface CatalogueIssue {
  readonly code: 'invalid_catalogue';
  readonly pointer: string;
  /** Lowercase, no trailing period, user input in backticks. */
  readonly message: string;
}

/**
 * Thrown by `readCatalogue` (and by every entry point given such a catalogue as `options.catalogue`) when the JSON is
 * not a catalogue of the format `iam-policy-evaluator-catalogue/1`. `.issues` lists every problem found, at most 100.
 *
 * @example
 * ```ts
 * import { readCatalogue, CatalogueError } from 'iam-policy-evaluator';
 * let caught: unknown;
 * try {
 *   readCatalogue({ format: 'v0' });
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof CatalogueError; //=> true
 * (caught as CatalogueError).issues[0]?.pointer; //=> '/format'
 * ```
 */
export class CatalogueError extends Error {
  /** Stable code of this error class. */
  readonly code = 'catalogue_error' as const;
  readonly issues: readonly [CatalogueIssue, ...CatalogueIssue[]];

  constructor(issues: readonly [CatalogueIssue, ...CatalogueIssue[]]) {
    const [first] = issues;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`the catalogue has ${count}, the first at ${first.pointer === '' ? '/' : first.pointer}: ${first.message}`);
    this.name = 'CatalogueError';
    this.issues = Object.freeze([...issues]) as readonly CatalogueIssue[] as readonly [
      CatalogueIssue,
      ...CatalogueIssue[],
    ];
  }
}
