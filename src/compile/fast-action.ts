import { compileWildcard } from '../matching/wildcard.js';
import type { WildcardMatcher } from '../matching/wildcard.js';
import type { ActionElement } from '../model/normalized-policy.js';

/**
 * `Action`/`NotAction` for the fast path: the same case-insensitive globs as src/matching/action.ts (G-22, G-23, W-8),
 * compiled on lower-cased patterns and tested on the action lower-cased once per request, and the patterns sorted
 * into the buckets the action index (action-index.ts) files the statement under.
 */

/** Where one pattern can match: one exact action, any action of one service, or actions of any service. */
export type ActionBucket =
  | { readonly kind: 'exact'; readonly action: string }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'anyService' };

/** A compiled `Action`/`NotAction` element on lower-cased actions. */
export interface FastActionMatcher {
  /** Whether the element lets the statement apply to the (lower-cased) action: for `NotAction`, none listed. */
  test(action: string): boolean;
  /** Empty list: the statement never applies (G-7). */
  readonly inert: boolean;
  readonly negated: boolean;
  /** The buckets of its patterns (empty for `NotAction`, which the index treats as any service). */
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

/** Compiles an element once. */
export function compileFastAction(element: ActionElement): FastActionMatcher {
  const lowered = element.patterns.map((pattern) => pattern.raw.toLowerCase());
  const exact = new Set<string>();
  const globs: WildcardMatcher[] = [];
  let everything = false;
  for (const pattern of lowered) {
    if (pattern === '*') everything = true;
    else if (hasWildcard(pattern)) globs.push(compileWildcard(pattern));
    else exact.add(pattern);
  }
  const anyMatches = (action: string): boolean => {
    if (everything || exact.has(action)) return true;
    for (const glob of globs) if (glob.test(action)) return true;
    return false;
  };
  const negated = element.negated;
  const inert = lowered.length === 0;
  return Object.freeze({
    test: inert ? () => false : negated ? (action: string) => !anyMatches(action) : anyMatches,
    inert,
    negated,
    buckets: Object.freeze(negated ? [] : lowered.map(bucketOf)),
    exactSpellings: Object.freeze(
      negated ? [] : element.patterns.map((pattern) => pattern.raw).filter((raw) => !hasWildcard(raw)),
    ),
  });
}
