import type { ActionElement, ActionPattern } from '../model/normalized-policy.js';
import { compileWildcard } from './wildcard.js';
import type { WildcardMatcher } from './wildcard.js';

/**
 * Action matching (IAM-SEMANTICS G-22, G-23, W-8): one case-insensitive glob over the whole `prefix:name`, compiled
 * once on the lower-cased pattern and tested on the action lower-cased once per request.
 * W-8 [X]: a `*` may cross the `:` (`s3*` matches `s3:GetObject`); such a match reports `choice: 'W-8'`.
 */

/** Which listed action pattern matched. */
export interface ActionMatch {
  /** Position in the list. */
  readonly index: number;
  /** The pattern as written. */
  readonly pattern: string;
  readonly choice?: 'W-8';
}

/** Where one pattern can match: one exact action, any action of one service, or actions of any service. */
export type ActionBucket =
  | { readonly kind: 'exact'; readonly action: string }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'anyService' };

/** A compiled `Action`/`NotAction` element, on lower-cased actions. */
export interface ActionElementMatcher {
  /** Whether the element lets the statement apply to the (lower-cased) action: for `NotAction`, none listed. */
  test(action: string): boolean;
  /** The first listed pattern (in list order) that matches the (lower-cased) action, or -1. */
  find(action: string): number;
  /** Empty list: the statement never applies (G-7). */
  readonly inert: boolean;
  readonly negated: boolean;
  /** The buckets of its patterns (empty for `NotAction`, which the action index treats as any service). */
  readonly buckets: readonly ActionBucket[];
  /** Its patterns without wildcards, as written (requests often spell actions the same way). */
  readonly exactSpellings: readonly string[];
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** The bucket of one lower-cased pattern. A `*` or `?` before the first colon may cross it (W-8): any service. */
export function bucketOf(pattern: string): ActionBucket {
  if (!hasWildcard(pattern)) return { kind: 'exact', action: pattern };
  const colon = pattern.indexOf(':');
  if (colon < 0) return { kind: 'anyService' };
  const service = pattern.slice(0, colon);
  return hasWildcard(service) ? { kind: 'anyService' } : { kind: 'service', service };
}

/** Whether the pattern at `index` matched only by letting a wildcard cross the colon (W-8). */
export function crossesColon(pattern: string, action: string): boolean {
  return pattern !== '*' && !pattern.includes(':') && action.includes(':');
}

/** Compiles the patterns of an element once. */
function compilePatterns(written: readonly string[], negated: boolean): ActionElementMatcher {
  const lowered = written.map((pattern) => pattern.toLowerCase());
  // One test per pattern, in list order: equality, `*`, or a glob.
  const tests: readonly ((action: string) => boolean)[] = lowered.map((pattern) => {
    if (pattern === '*') return () => true;
    if (!hasWildcard(pattern)) return (action: string) => action === pattern;
    const glob: WildcardMatcher = compileWildcard(pattern);
    return (action: string) => glob.test(action);
  });
  const exact = new Set(lowered.filter((pattern) => !hasWildcard(pattern)));
  const globs = tests.filter((_, index) => hasWildcard(lowered[index] as string) && lowered[index] !== '*');
  const everything = lowered.includes('*');
  const anyMatches = (action: string): boolean => {
    if (everything || exact.has(action)) return true;
    for (const glob of globs) if (glob(action)) return true;
    return false;
  };
  const inert = lowered.length === 0;
  return Object.freeze({
    test: inert ? () => false : negated ? (action: string) => !anyMatches(action) : anyMatches,
    find: (action: string): number => tests.findIndex((test) => test(action)),
    inert,
    negated,
    buckets: Object.freeze(negated ? [] : lowered.map(bucketOf)),
    exactSpellings: Object.freeze(negated ? [] : written.filter((raw) => !hasWildcard(raw))),
  });
}

/** Compiles an `Action`/`NotAction` element once. */
export function compileActionElement(element: ActionElement): ActionElementMatcher {
  return compilePatterns(
    element.patterns.map((pattern) => pattern.raw),
    element.negated,
  );
}

/**
 * A compiled list of action patterns, read in any case: the matcher of {@link compileActionElement} for a list.
 */
export interface ActionMatcher {
  /** Whether any pattern matches the action. */
  matches(action: string): boolean;
  /** The first pattern (in list order) that matches, or `undefined`. */
  match(action: string): ActionMatch | undefined;
}

/** Compiles action patterns once (the element matcher of an `Action` list, read in any case). */
export function compileActionMatcher(patterns: readonly (string | ActionPattern)[]): ActionMatcher {
  const written = patterns.map((pattern) => (typeof pattern === 'string' ? pattern : pattern.raw));
  const element = compilePatterns(written, false);
  const match = (action: string): ActionMatch | undefined => {
    const index = element.find(action.toLowerCase());
    if (index < 0) return undefined;
    const pattern = written[index] as string;
    return crossesColon(pattern, action) ? { index, pattern, choice: 'W-8' } : { index, pattern };
  };
  return Object.freeze({ matches: (action: string): boolean => element.test(action.toLowerCase()), match });
}
