import type { RequestContextView } from '../model/request.js';
import { compileArnPieces, splitPieces } from '../matching/arn.js';
import { templatePieces } from '../matching/policy-variables.js';
import type { ResourceMatcher } from '../matching/resource.js';
import { compileWildcardPieces } from '../matching/wildcard.js';
import type { WildcardMatcher, WildcardPiece } from '../matching/wildcard.js';
import type { ResourceElement } from '../model/normalized-policy.js';

/**
 * `Resource`/`NotResource` for the decision and result drivers, compiled from the ARN matching of
 * src/matching/arn.ts (W-1..W-7, G-28, PV-5): `*` alone matches everything, a pattern without active wildcards is a
 * string equality, and other patterns test the six components of the resource, which the request splits once instead
 * of once per pattern. Patterns with policy variables keep the detailed matcher (src/matching/resource.ts), completed
 * per request.
 */

type FastPattern =
  | { readonly kind: 'everything' }
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'components'; readonly components: readonly WildcardMatcher[] }
  | { readonly kind: 'never' };

/** What a resource test reads of a request: the resource, its six ARN components (split once), the context. */
export interface ResourceRequest {
  readonly resource: string;
  /** `undefined` when the resource is not an ARN. */
  readonly arn: readonly string[] | undefined;
  readonly context: RequestContextView;
}

/** A compiled `Resource`/`NotResource` element. */
export interface FastResourceMatcher {
  /** Whether the element lets the statement apply: for `NotResource`, no listed pattern matches. */
  test(request: ResourceRequest): boolean;
}

function compilePattern(pieces: readonly WildcardPiece[]): FastPattern {
  const compiled = compileArnPieces(pieces);
  if (!compiled.ok) return { kind: 'never' };
  if (compiled.matcher.matchesEverything) return { kind: 'everything' };
  const active = pieces.some((piece) => !piece.literal && (piece.text.includes('*') || piece.text.includes('?')));
  if (!active) return { kind: 'exact', text: compiled.matcher.source };
  return { kind: 'components', components: Object.freeze(splitPieces(pieces).map((c) => compileWildcardPieces(c))) };
}

function patternMatches(pattern: FastPattern, facts: ResourceRequest): boolean {
  switch (pattern.kind) {
    case 'everything':
      return true;
    case 'exact':
      return facts.resource === pattern.text;
    case 'never':
      return false;
    case 'components': {
      const arn = facts.arn;
      if (arn === undefined) return false;
      const components = pattern.components;
      for (let i = 0; i < 6; i += 1) {
        if (!(components[i] as WildcardMatcher).test(arn[i] as string)) return false;
      }
      return true;
    }
  }
}

/**
 * Compiles an element once. `detailed` is the statement's detailed matcher, used for patterns with variables.
 * An empty list never lets the statement apply (G-7).
 */
export function compileFastResource(element: ResourceElement, detailed: ResourceMatcher): FastResourceMatcher {
  const negated = element.negated;
  if (element.patterns.length === 0) return { test: () => false };
  if (element.patterns.some((pattern) => pattern.template.hasVariables)) {
    return { test: (facts) => detailed.matches(facts.resource, facts.context) !== negated };
  }
  const patterns = element.patterns.map((pattern) => compilePattern(templatePieces(pattern.template)));
  if (patterns.some((pattern) => pattern.kind === 'everything')) {
    const result = !negated;
    return { test: () => result };
  }
  const [only] = patterns;
  if (patterns.length === 1 && only !== undefined) {
    return { test: (facts) => patternMatches(only, facts) !== negated };
  }
  return {
    test: (facts) => {
      for (const pattern of patterns) if (patternMatches(pattern, facts)) return !negated;
      return negated;
    },
  };
}
