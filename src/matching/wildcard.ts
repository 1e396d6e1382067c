/**
 * The one wildcard matcher of the engine: `*` matches any run of UTF-16 code units (including none), `?` exactly one
 * (IAM-SEMANTICS W-1, G-23, C-8). No regular expression is ever built from policy text.
 *
 * Complexity. A pattern is split on `*` into segments. The segment before the first `*` must match at the start, the
 * one after the last `*` at the end, and each middle segment is found leftmost after the previous one (leftmost
 * greedy is exact for `*`-separated segments). Segments without `?` are found with Knuth-Morris-Pratt, segments with
 * `?` with a bit-parallel Shift-And over ⌈length/32⌉ words. Searches never revisit text: matching costs
 * O(n · ⌈s/32⌉ + m) for a value of length n, a pattern of length m and a longest `?`-segment of length s,
 * and O(n + m) without `?`: linear in the value on every input.
 */

/**
 * A run of pattern text; in a `literal` piece `*` and `?` are plain characters (escapes, substituted values).
 *
 * @example
 * ```ts
 * import type { WildcardPiece } from 'iam-policy-evaluator';
 * import { compileWildcardPieces } from 'iam-policy-evaluator';
 * const pieces: WildcardPiece[] = [{ text: 'a', literal: false }, { text: '?', literal: true }];
 * compileWildcardPieces(pieces).test('a?'); //=> true
 * ```
 */
export interface WildcardPiece {
  readonly text: string;
  readonly literal: boolean;
}

/**
 * How a pattern compares.
 *
 * @example
 * ```ts
 * import type { WildcardOptions } from 'iam-policy-evaluator';
 * import { matchWildcard } from 'iam-policy-evaluator';
 * const options: WildcardOptions = { caseInsensitive: true };
 * matchWildcard('EC2:Describe*', 'ec2:describeinstances', options); //=> true
 * ```
 */
export interface WildcardOptions {
  /** Fold both sides with `toLowerCase` first (actions, G-22); `?` then matches one code unit of the folded value. */
  readonly caseInsensitive?: boolean;
}

/**
 * A compiled pattern: compile once, test many values.
 *
 * @example
 * ```ts
 * import type { WildcardMatcher } from 'iam-policy-evaluator';
 * import { compileWildcard } from 'iam-policy-evaluator';
 * const m: WildcardMatcher = compileWildcard('a*');
 * m.test('abc'); //=> true
 * ```
 */
export interface WildcardMatcher {
  /** The pattern as given (pieces joined). */
  readonly source: string;
  readonly caseInsensitive: boolean;
  /** False when the pattern holds no active `*` or `?`: it is then a plain equality. */
  readonly hasWildcards: boolean;
  /** Whether the whole value matches the pattern. */
  test(value: string): boolean;
}

const ANY = -1;

/** One `*`-free stretch of the pattern: code units, `ANY` for `?`. */
interface Segment {
  readonly units: readonly number[];
  readonly hasAny: boolean;
  /** Finds the leftmost match starting at or after `from` and ending at or before `limit`; -1 if none. */
  find(value: string, from: number, limit: number): number;
}

function matchesAt(units: readonly number[], value: string, start: number): boolean {
  for (let i = 0; i < units.length; i += 1) {
    const unit = units[i] as number;
    if (unit !== ANY && value.charCodeAt(start + i) !== unit) return false;
  }
  return true;
}

function literalSegment(units: readonly number[]): Segment {
  const failure = new Int32Array(units.length);
  let k = 0;
  for (let i = 1; i < units.length; i += 1) {
    while (k > 0 && units[i] !== units[k]) k = failure[k - 1] as number;
    if (units[i] === units[k]) k += 1;
    failure[i] = k;
  }
  return {
    units,
    hasAny: false,
    find(value, from, limit) {
      const m = units.length;
      if (m === 0) return from <= limit ? from : -1;
      let q = 0;
      for (let i = from; i < limit; i += 1) {
        const c = value.charCodeAt(i);
        while (q > 0 && units[q] !== c) q = failure[q - 1] as number;
        if (units[q] === c) q += 1;
        if (q === m) return i - m + 1;
      }
      return -1;
    },
  };
}

function shiftAndSegment(units: readonly number[]): Segment {
  const m = units.length;
  const words = Math.ceil(m / 32);
  const anyMask = new Uint32Array(words);
  units.forEach((unit, i) => {
    if (unit === ANY) anyMask[i >>> 5] = ((anyMask[i >>> 5] as number) | (1 << (i & 31))) >>> 0;
  });
  const masks = new Map<number, Uint32Array>();
  units.forEach((unit, i) => {
    if (unit === ANY) return;
    let mask = masks.get(unit);
    if (mask === undefined) {
      mask = anyMask.slice();
      masks.set(unit, mask);
    }
    mask[i >>> 5] = ((mask[i >>> 5] as number) | (1 << (i & 31))) >>> 0;
  });
  const lastWord = (m - 1) >>> 5;
  const lastBit = (1 << ((m - 1) & 31)) >>> 0;
  return {
    units,
    hasAny: true,
    find(value, from, limit) {
      const state = new Uint32Array(words);
      for (let i = from; i < limit; i += 1) {
        const mask = masks.get(value.charCodeAt(i)) ?? anyMask;
        let carry = 1;
        for (let w = 0; w < words; w += 1) {
          const word = state[w] as number;
          state[w] = (((word << 1) | carry) & (mask[w] as number)) >>> 0;
          carry = word >>> 31;
        }
        if (((state[lastWord] as number) & lastBit) !== 0) return i - m + 1;
      }
      return -1;
    },
  };
}

function makeSegment(units: readonly number[]): Segment {
  return units.includes(ANY) ? shiftAndSegment(units) : literalSegment(units);
}

function unitsToString(units: readonly number[]): string {
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

function fold(text: string, caseInsensitive: boolean): string {
  return caseInsensitive ? text.toLowerCase() : text;
}

/**
 * Compiles pattern pieces: `*` and `?` are wildcards only inside non-literal pieces (PV-7: `${*}` stays a star).
 *
 * @example
 * ```ts
 * import { compileWildcardPieces } from 'iam-policy-evaluator';
 * const m = compileWildcardPieces([{ text: 'home/', literal: false }, { text: 'a*b', literal: true }, { text: '/*', literal: false }]);
 * m.test('home/a*b/x'); //=> true
 * m.test('home/axb/x'); //=> false
 * ```
 */
export function compileWildcardPieces(
  pieces: readonly WildcardPiece[],
  options: WildcardOptions = {},
): WildcardMatcher {
  const caseInsensitive = options.caseInsensitive === true;
  const segments: number[][] = [[]];
  let hasWildcards = false;
  for (const piece of pieces) {
    const text = fold(piece.text, caseInsensitive);
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      const current = segments[segments.length - 1] as number[];
      if (!piece.literal && unit === 0x2a) {
        hasWildcards = true;
        segments.push([]);
      } else if (!piece.literal && unit === 0x3f) {
        hasWildcards = true;
        current.push(ANY);
      } else {
        current.push(unit);
      }
    }
  }
  const source = pieces.map((piece) => piece.text).join('');
  const first = segments[0] as number[];
  if (segments.length === 1) {
    const exact = unitsToString(first);
    const test = hasWildcards
      ? (value: string): boolean => {
          const v = fold(value, caseInsensitive);
          return v.length === first.length && matchesAt(first, v, 0);
        }
      : (value: string): boolean => fold(value, caseInsensitive) === exact;
    return Object.freeze({ source, caseInsensitive, hasWildcards, test });
  }
  const last = segments[segments.length - 1] as number[];
  const middle = segments
    .slice(1, -1)
    .filter((units) => units.length > 0)
    .map(makeSegment);
  const fixedLength = first.length + last.length + middle.reduce((sum, segment) => sum + segment.units.length, 0);
  const test = (value: string): boolean => {
    const v = fold(value, caseInsensitive);
    if (v.length < fixedLength) return false;
    if (!matchesAt(first, v, 0)) return false;
    const suffixStart = v.length - last.length;
    if (!matchesAt(last, v, suffixStart)) return false;
    let position = first.length;
    for (const segment of middle) {
      const start = segment.find(v, position, suffixStart);
      if (start < 0) return false;
      position = start + segment.units.length;
    }
    return true;
  };
  return Object.freeze({ source, caseInsensitive, hasWildcards: true, test });
}

/**
 * Compiles a pattern in which every `*` and `?` is a wildcard.
 *
 * @example
 * ```ts
 * import { compileWildcard } from 'iam-policy-evaluator';
 * const m = compileWildcard('iam:*AccessKey?', { caseInsensitive: true });
 * m.test('IAM:CreateAccessKeys'); //=> true
 * m.test('iam:ListAccessKey'); //=> false
 * ```
 */
export function compileWildcard(pattern: string, options: WildcardOptions = {}): WildcardMatcher {
  return compileWildcardPieces([{ text: pattern, literal: false }], options);
}

/**
 * One-off match of a `*`/`?` pattern against a value. Compile with {@link compileWildcard} to match many values.
 *
 * @example
 * ```ts
 * import { matchWildcard } from 'iam-policy-evaluator';
 * matchWildcard('arn:aws:s3:::B/*', 'arn:aws:s3:::B/1/2/test/3/object.jpg'); //=> true
 * matchWildcard('s3:Get?bject', 's3:GetObject'); //=> true
 * ```
 */
export function matchWildcard(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  return compileWildcard(pattern, options).test(value);
}
