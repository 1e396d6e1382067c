import type { ActionPattern } from '../model/normalized-policy.js';
import { compileWildcard } from './wildcard.js';
import type { WildcardMatcher } from './wildcard.js';

/**
 * Action matching (IAM-SEMANTICS G-22, G-23, W-8): one case-insensitive glob over the whole `prefix:name`.
 * W-8 [X]: a `*` may cross the `:` (`s3*` matches `s3:GetObject`); such a match reports `choice: 'W-8'`.
 */

/**
 * Which listed action pattern matched.
 *
 * @example
 * ```ts
 * import type { ActionMatch } from 'iam-policy-evaluator';
 * import { compileActionMatcher } from 'iam-policy-evaluator';
 * const match: ActionMatch | undefined = compileActionMatcher(['ec2:*']).match('EC2:RunInstances');
 * match; //=> { index: 0, pattern: 'ec2:*' }
 * ```
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
 *
 * @example
 * ```ts
 * import type { ActionMatcher } from 'iam-policy-evaluator';
 * import { compileActionMatcher } from 'iam-policy-evaluator';
 * const m: ActionMatcher = compileActionMatcher(['sts:AssumeRole']);
 * m.matches('sts:assumerole'); //=> true
 * ```
 */
export interface ActionMatcher {
  /** Whether any pattern matches the action. */
  matches(action: string): boolean;
  /** The first pattern (in list order) that matches, or `undefined`. */
  match(action: string): ActionMatch | undefined;
}

/**
 * Compiles action patterns once: exact names go into a set, `*` short-circuits, the rest become wildcard matchers.
 *
 * @example
 * ```ts
 * import { compileActionMatcher } from 'iam-policy-evaluator';
 * const m = compileActionMatcher(['iam:*AccessKey*', 's3:GetObject']);
 * m.matches('IAM:createaccesskey'); //=> true
 * m.match('s3:getobject'); //=> { index: 1, pattern: 's3:GetObject' }
 * compileActionMatcher(['s3*']).match('s3:ListBucket'); //=> { index: 0, pattern: 's3*', choice: 'W-8' }
 * ```
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
