import type { ActionPattern } from '../../src/model/normalized-policy.js';
import { compileWildcard } from '../../src/matching/wildcard.js';
import type { WildcardMatcher } from '../../src/matching/wildcard.js';

/**
 * The oracle's action matching, written plainly: one case-insensitive glob per pattern over the whole `prefix:name`
 * (src/matching/action.ts is the engine's compiled form).
 *
 * Action matching (IAM-SEMANTICS G-22, G-23, W-8): one case-insensitive glob over the whole `prefix:name`.
 * W-8 [X]: a `*` may cross the `:` (`s3*` matches `s3:GetObject`); such a match reports `choice: 'W-8'`.
 */

/**
 * Which listed action pattern matched.
 */
export interface ActionMatch {
  /** Position in the list. */
  readonly index: number;
  /** The pattern as written. */
  readonly pattern: string;
  readonly choice?: 'W-8';
}

/**
 * A compiled `Action`/`NotAction` list.
 */
export interface ActionMatcher {
  /** Whether any pattern matches the action. */
  matches(action: string): boolean;
  /** The first pattern (in list order) that matches, or `undefined`. */
  match(action: string): ActionMatch | undefined;
}

/**
 * Compiles action patterns once: exact names go into a set, `*` short-circuits, the rest become wildcard matchers.
 */
export function compileActionMatcher(patterns: readonly (string | ActionPattern)[]): ActionMatcher {
  const written = patterns.map((pattern) => (typeof pattern === 'string' ? pattern : pattern.raw));
  const matchers: readonly WildcardMatcher[] = written.map((pattern) =>
    compileWildcard(pattern, { caseInsensitive: true }),
  );
  const exact = new Set(matchers.filter((m) => !m.hasWildcards).map((m) => m.source.toLowerCase()));
  const globs = matchers.filter((m) => m.hasWildcards);
  const everything = written.includes('*');
  const match = (action: string): ActionMatch | undefined => {
    for (let index = 0; index < matchers.length; index += 1) {
      if (!(matchers[index] as WildcardMatcher).test(action)) continue;
      const pattern = written[index] as string;
      return pattern !== '*' && !pattern.includes(':') && action.includes(':')
        ? { index, pattern, choice: 'W-8' }
        : { index, pattern };
    }
    return undefined;
  };
  return Object.freeze({
    matches: (action: string): boolean =>
      everything || exact.has(action.toLowerCase()) || globs.some((matcher) => matcher.test(action)),
    match,
  });
}
