import { compileWildcardPieces } from './wildcard.js';
import type { WildcardMatcher, WildcardPiece } from './wildcard.js';

/**
 * ARN-aware matching (IAM-SEMANTICS W-3): pattern and value are split into the six components
 * `arn:partition:service:region:account:resource` at their first five colons (the resource part keeps any further
 * colons) and matched component by component, so a `*` never crosses a separating colon (W-4). Case-sensitive (G-28).
 *
 * [X] choices (docs/condition-operators.md):
 * - W-3: a value with fewer than six components matches no pattern except the bare `*`; a pattern with fewer than
 *   six components is refused (`parsePolicyValue` fails; compiled anyway it matches nothing).
 * - W-7: `*` matches an empty component (S3 ARNs have empty region and account), as glob semantics say.
 */

/**
 * The six components of an ARN, in order.
 *
 * @example
 * ```ts
 * import type { ArnComponents } from 'iam-policy-evaluator';
 * import { splitArn } from 'iam-policy-evaluator';
 * const parts: ArnComponents | undefined = splitArn('arn:aws:iam::111122223333:role/a');
 * parts?.[4]; //=> '111122223333'
 * ```
 */
export type ArnComponents = readonly [
  prefix: string,
  partition: string,
  service: string,
  region: string,
  account: string,
  resource: string,
];

/**
 * Splits an ARN at its first five colons; `undefined` when it has fewer than six components.
 *
 * @example
 * ```ts
 * import { splitArn } from 'iam-policy-evaluator';
 * splitArn('arn:aws:s3:::bucket/a:b'); //=> ['arn', 'aws', 's3', '', '', 'bucket/a:b']
 * splitArn('not-an-arn'); //=> undefined
 * ```
 */
export function splitArn(value: string): ArnComponents | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i += 1) {
    const colon = value.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  parts.push(value.slice(start));
  return parts as unknown as ArnComponents;
}

/**
 * The outcome of one ARN comparison, with the [X] item it relied on.
 *
 * @example
 * ```ts
 * import type { ArnMatchDetail } from 'iam-policy-evaluator';
 * import { compileArnPattern } from 'iam-policy-evaluator';
 * const r = compileArnPattern('arn:aws:s3:*:*:b');
 * const detail: ArnMatchDetail | undefined = r.ok ? r.matcher.explain('arn:aws:s3:::b') : undefined;
 * detail; //=> { matched: true, choice: 'W-7' }
 * ```
 */
export interface ArnMatchDetail {
  readonly matched: boolean;
  readonly choice?: 'W-3' | 'W-7';
}

/**
 * A compiled ARN pattern.
 *
 * @example
 * ```ts
 * import type { ArnMatcher } from 'iam-policy-evaluator';
 * import { compileArnPattern } from 'iam-policy-evaluator';
 * const r = compileArnPattern('arn:aws:sns:*:111122223333:*');
 * const m: ArnMatcher | undefined = r.ok ? r.matcher : undefined;
 * m?.test('arn:aws:sns:eu-west-1:111122223333:alerts'); //=> true
 * ```
 */
export interface ArnMatcher {
  readonly source: string;
  /** The bare `*` pattern: matches every value, ARN or not (W-6). */
  readonly matchesEverything: boolean;
  test(value: string): boolean;
  /** Like `test`, also naming the [X] rule the outcome relied on. */
  explain(value: string): ArnMatchDetail;
}

/**
 * A compiled ARN pattern, or why the pattern is not an ARN.
 *
 * @example
 * ```ts
 * import type { ArnPatternResult } from 'iam-policy-evaluator';
 * import { compileArnPattern } from 'iam-policy-evaluator';
 * const r: ArnPatternResult = compileArnPattern('bucket');
 * r.ok; //=> false
 * ```
 */
export type ArnPatternResult =
  { readonly ok: true; readonly matcher: ArnMatcher } | { readonly ok: false; readonly message: string };

/** Splits pieces at the first five colons: the resource component keeps later colons (shared with src/compile). */
export function splitPieces(pieces: readonly WildcardPiece[]): WildcardPiece[][] {
  const components: WildcardPiece[][] = [[]];
  for (const piece of pieces) {
    let rest = piece.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && components.length < 6) {
      (components[components.length - 1] as WildcardPiece[]).push({
        text: rest.slice(0, colon),
        literal: piece.literal,
      });
      components.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    (components[components.length - 1] as WildcardPiece[]).push({ text: rest, literal: piece.literal });
  }
  return components;
}

const EVERYTHING: ArnMatcher = Object.freeze({
  source: '*',
  matchesEverything: true,
  test: () => true,
  explain: () => ({ matched: true }),
});

/**
 * Compiles an ARN pattern given as pieces (variables already substituted; literal pieces never act as wildcards).
 *
 * @example
 * ```ts
 * import { compileArnPieces } from 'iam-policy-evaluator';
 * const r = compileArnPieces([{ text: 'arn:aws:iam::*:role/', literal: false }, { text: 'a*', literal: true }]);
 * r.ok && r.matcher.test('arn:aws:iam::111122223333:role/a*'); //=> true
 * ```
 */
export function compileArnPieces(pieces: readonly WildcardPiece[]): ArnPatternResult {
  const source = pieces.map((piece) => piece.text).join('');
  if (pieces.every((piece) => !piece.literal) && source === '*') return { ok: true, matcher: EVERYTHING };
  const components = splitPieces(pieces);
  if (components.length < 6) {
    return {
      ok: false,
      message: `\`${source}\` is not an arn: expected 6 components separated by \`:\`, found ${components.length}`,
    };
  }
  const matchers: readonly WildcardMatcher[] = components.map((component) => compileWildcardPieces(component));
  const explain = (value: string): ArnMatchDetail => {
    const parts = splitArn(value);
    if (parts === undefined) return { matched: false, choice: 'W-3' };
    let emptyByWildcard = false;
    for (let i = 0; i < 6; i += 1) {
      const matcher = matchers[i] as WildcardMatcher;
      const part = parts[i] as string;
      if (!matcher.test(part)) return { matched: false };
      if (part === '' && matcher.source !== '') emptyByWildcard = true;
    }
    return emptyByWildcard ? { matched: true, choice: 'W-7' } : { matched: true };
  };
  const test = (value: string): boolean => {
    const parts = splitArn(value);
    if (parts === undefined) return false;
    for (let i = 0; i < 6; i += 1) if (!(matchers[i] as WildcardMatcher).test(parts[i] as string)) return false;
    return true;
  };
  return { ok: true, matcher: Object.freeze({ source, matchesEverything: false, test, explain }) };
}

/**
 * Compiles an ARN pattern in which every `*` and `?` is a wildcard.
 *
 * @example
 * ```ts
 * import { compileArnPattern } from 'iam-policy-evaluator';
 * const r = compileArnPattern('arn:aws:s3:::my-bucket/*');
 * r.ok && r.matcher.test('arn:aws:s3:::my-bucket/a/b.txt'); //=> true
 * ```
 */
export function compileArnPattern(pattern: string): ArnPatternResult {
  return compileArnPieces([{ text: pattern, literal: false }]);
}

/**
 * One-off ARN-aware match (W-3, W-4): `*` never crosses the colons between components. False for a malformed pattern.
 *
 * @example
 * ```ts
 * import { matchArn } from 'iam-policy-evaluator';
 * const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
 * // StringLike would say true (W-4):
 * matchArn('arn:aws:someservice:*:111122223333:finance/*', value); //=> false
 * ```
 */
export function matchArn(pattern: string, value: string): boolean {
  const compiled = compileArnPattern(pattern);
  return compiled.ok && compiled.matcher.test(value);
}
