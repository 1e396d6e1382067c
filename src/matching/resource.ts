import type { RequestContextView } from '../model/request.js';
import type { ResourcePattern, Template } from '../model/normalized-policy.js';
import { compileArnPieces } from './arn.js';
import type { ArnMatcher, ArnPatternResult } from './arn.js';
import type { WildcardPiece } from './wildcard.js';
import { resolveTemplate, templatePieces } from './policy-variables.js';
import type { TemplateOptions } from './policy-variables.js';

/**
 * Resource matching (IAM-SEMANTICS W-1..W-3, W-6, G-28, PV-5): case-sensitive and ARN-aware, `*` alone matches every
 * resource (including the `*` of actions without resource-level permissions), and a pattern whose variable is
 * missing matches nothing. A pattern that is not an ARN (fewer than six components) matches nothing (W-3 [X]).
 * Plain strings given instead of ResourcePatterns are read without variables (`*`, `?` are wildcards).
 */

/**
 * How one `Resource`/`NotResource` list fared against one resource.
 *
 * @example
 * ```ts
 * import type { ResourceMatch } from 'iam-policy-evaluator';
 * import { compileResourceMatcher, createRequestContext } from 'iam-policy-evaluator';
 * const r: ResourceMatch = compileResourceMatcher(['arn:aws:s3:::b']).match('arn:aws:s3:::c', createRequestContext({}));
 * r; //=> { matched: false, notes: [], choices: [] }
 * ```
 */
export type ResourceMatch =
  | {
      readonly matched: true;
      readonly index: number;
      /** The pattern as written. */
      readonly pattern: string;
      /** The pattern after variable substitution. */
      readonly value: string;
      readonly choices: readonly string[];
    }
  | {
      readonly matched: false;
      /** Why some patterns could take no part, e.g. ``variable `aws:username` is missing``. */
      readonly notes: readonly string[];
      readonly choices: readonly string[];
    };

/**
 * A compiled `Resource`/`NotResource` list.
 *
 * @example
 * ```ts
 * import type { ResourceMatcher } from 'iam-policy-evaluator';
 * import { compileResourceMatcher, createRequestContext } from 'iam-policy-evaluator';
 * const m: ResourceMatcher = compileResourceMatcher(['arn:aws:s3:::b/*']);
 * m.matches('arn:aws:s3:::b/key', createRequestContext({})); //=> true
 * ```
 */
export interface ResourceMatcher {
  /** Whether any pattern matches the resource. */
  matches(resource: string, context: RequestContextView): boolean;
  /** The first pattern (in list order) that matches, with the substituted value, or why none did. */
  match(resource: string, context: RequestContextView): ResourceMatch;
}

/** How many completed patterns a matcher keeps compiled. */
const COMPLETED_PATTERNS_KEPT = 64;

type CompiledPattern =
  | { readonly kind: 'static'; readonly raw: string; readonly matcher: ArnMatcher }
  | { readonly kind: 'invalid'; readonly raw: string; readonly message: string }
  | { readonly kind: 'template'; readonly raw: string; readonly template: Template };

function compilePattern(pattern: string | ResourcePattern): CompiledPattern {
  if (typeof pattern !== 'string' && pattern.template.hasVariables) {
    return { kind: 'template', raw: pattern.raw, template: pattern.template };
  }
  const raw = typeof pattern === 'string' ? pattern : pattern.raw;
  const pieces = typeof pattern === 'string' ? [{ text: pattern, literal: false }] : templatePieces(pattern.template);
  const compiled = compileArnPieces(pieces);
  return compiled.ok
    ? { kind: 'static', raw, matcher: compiled.matcher }
    : { kind: 'invalid', raw, message: compiled.message };
}

/**
 * Compiles `Resource` patterns once; patterns with variables are completed per request.
 *
 * @example
 * ```ts
 * import { compileResourceMatcher, createRequestContext } from 'iam-policy-evaluator';
 * const m = compileResourceMatcher(['arn:aws:s3:::B/*\u002Ftest/*']);
 * const context = createRequestContext({});
 * m.matches('arn:aws:s3:::B/1/2/test/3/object.jpg', context); //=> true
 * m.matches('arn:aws:s3:::B/1-test/object.jpg', context); //=> false
 * compileResourceMatcher(['*']).matches('*', context); //=> true
 * ```
 */
export function compileResourceMatcher(
  patterns: readonly (string | ResourcePattern)[],
  options: TemplateOptions = {},
): ResourceMatcher {
  const compiled = patterns.map(compilePattern);
  const everything = compiled.some((p) => p.kind === 'static' && p.matcher.matchesEverything);
  // A pattern completed with the same values compiles to the same matcher: the last few are kept, so requests of the
  // same callers do not compile it again. Invisible in results (compiling is deterministic), bounded in size.
  const completed = new Map<string, ArnPatternResult>();
  const compileCompleted = (pieces: readonly WildcardPiece[]): ArnPatternResult => {
    let key = '';
    for (const piece of pieces) key += `${piece.literal ? 'L' : 'P'}${piece.text.length}:${piece.text}`;
    let built = completed.get(key);
    if (built === undefined) {
      built = compileArnPieces(pieces);
      if (completed.size >= COMPLETED_PATTERNS_KEPT) completed.clear();
      completed.set(key, built);
    }
    return built;
  };
  const match = (resource: string, context: RequestContextView): ResourceMatch => {
    const notes: string[] = [];
    const choices = new Set<string>();
    for (let index = 0; index < compiled.length; index += 1) {
      const pattern = compiled[index] as CompiledPattern;
      let matcher: ArnMatcher;
      let value = pattern.raw;
      if (pattern.kind === 'invalid') {
        notes.push(`resource ${pattern.message}`);
        choices.add('W-3');
        continue;
      }
      if (pattern.kind === 'template') {
        const resolution = resolveTemplate(pattern.template, context, options);
        resolution.choices.forEach((choice) => choices.add(choice));
        if (!resolution.ok) {
          notes.push(resolution.reason);
          continue;
        }
        const built = compileCompleted(resolution.pieces);
        if (!built.ok) {
          notes.push(`resource ${built.message}`);
          choices.add('W-3');
          continue;
        }
        matcher = built.matcher;
        value = resolution.text;
      } else {
        matcher = pattern.matcher;
      }
      const detail = matcher.explain(resource);
      if (detail.matched) {
        if (detail.choice !== undefined) choices.add(detail.choice);
        return { matched: true, index, pattern: pattern.raw, value, choices: [...choices].sort() };
      }
      if (detail.choice !== undefined) choices.add(detail.choice);
    }
    return { matched: false, notes, choices: [...choices].sort() };
  };
  const hasTemplates = compiled.some((p) => p.kind === 'template');
  const statics = compiled.flatMap((p) => (p.kind === 'static' ? [p.matcher] : []));
  return Object.freeze({
    matches: (resource: string, context: RequestContextView): boolean => {
      if (everything) return true;
      if (statics.some((matcher) => matcher.test(resource))) return true;
      return hasTemplates && match(resource, context).matched;
    },
    match,
  });
}
