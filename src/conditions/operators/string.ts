import { compileWildcard, compileWildcardPieces } from '../../matching/wildcard.js';
import type { WildcardMatcher, WildcardPiece } from '../../matching/wildcard.js';
import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { OperatorDefinition, ValueParseResult } from '../define-operator.js';

/**
 * Case folding for the `…IgnoreCase` operators (C-10 [X]): `String.prototype.toLowerCase`, the locale-independent
 * Unicode default lower-case mapping, on both sides; exported so that tools compare values exactly as the operators do.
 *
 * @example
 * ```ts
 * import { foldStringCase } from 'iam-policy-evaluator';
 * foldStringCase('Prod-EU'); //=> 'prod-eu'
 * foldStringCase('PROD') === foldStringCase('prod'); //=> true
 * ```
 */
export function foldStringCase(text: string): string {
  return text.toLowerCase();
}

/** Bare numbers and booleans are read as their text (G-5 [X]). */
function asText(raw: string | number | boolean): string {
  return String(raw);
}

const readText = (raw: ContextScalar): ValueParseResult<string> => ({ ok: true, value: asText(raw) });

// ASCII-only and Unicode folding differ only outside printable ASCII: only then is C-10 relied on.
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;
function folded(text: string): ValueParseResult<string> {
  const value = foldStringCase(text);
  return NON_ASCII.test(text) ? { ok: true, value, choice: 'C-10' } : { ok: true, value };
}
const readFolded = (raw: ContextScalar): ValueParseResult<string> => folded(asText(raw));
const joinPieces = (pieces: readonly WildcardPiece[]): string => pieces.map((piece) => piece.text).join('');

const COMMON = {
  family: 'string',
  acceptsVariables: true,
  acceptsIfExists: true,
  acceptsQualifier: true,
  operand: 'a string',
} as const;

const exact = (name: string, negated: boolean): OperatorDefinition<string, string> =>
  defineOperator<string, string>({
    ...COMMON,
    name,
    negated,
    ...(negated ? { positiveTwin: 'StringEquals' } : {}),
    acceptsWildcards: false,
    comparison: 'exact, case-sensitive; `*` and `?` are literal',
    summary: negated ? 'the value differs from every listed string' : 'the value equals one listed string',
    semantics: negated ? ['C-2', 'C-4', 'C-8', 'C-9', 'G-5'] : ['C-1', 'C-4', 'C-8', 'C-9', 'G-5'],
    choices: ['G-5'],
    parsePolicyValue: (raw) => ({ ok: true, value: asText(raw) }),
    parsePolicyPieces: (pieces) => ({ ok: true, value: joinPieces(pieces) }),
    parseRequestValue: readText,
    test: (request, policy) => request === policy,
  });

const ignoreCase = (name: string, negated: boolean): OperatorDefinition<string, string> =>
  defineOperator<string, string>({
    ...COMMON,
    name,
    negated,
    ...(negated ? { positiveTwin: 'StringEqualsIgnoreCase' } : {}),
    acceptsWildcards: false,
    comparison: 'exact after lower-casing both sides (`toLowerCase`)',
    summary: negated
      ? 'the value differs from every listed string, ignoring case'
      : 'the value equals one listed string, ignoring case',
    semantics: negated ? ['C-2', 'C-4', 'C-8', 'C-10'] : ['C-1', 'C-4', 'C-8', 'C-10'],
    choices: ['C-10', 'G-5'],
    parsePolicyValue: (raw) => folded(asText(raw)),
    parsePolicyPieces: (pieces) => folded(joinPieces(pieces)),
    parseRequestValue: readFolded,
    test: (request, policy) => request === policy,
  });

const like = (name: string, negated: boolean): OperatorDefinition<WildcardMatcher, string> =>
  defineOperator<WildcardMatcher, string>({
    ...COMMON,
    name,
    negated,
    ...(negated ? { positiveTwin: 'StringLike' } : {}),
    acceptsWildcards: true,
    comparison: 'case-sensitive; `*` any run, `?` one character, anywhere (`*` crosses `:`)',
    summary: negated ? 'the value matches none of the listed patterns' : 'the value matches one listed pattern',
    semantics: negated ? ['C-2', 'C-4', 'W-4', 'PV-7', 'PV-8'] : ['C-1', 'C-4', 'W-4', 'PV-7', 'PV-8'],
    choices: ['PV-8', 'G-5'],
    parsePolicyValue: (raw) => ({ ok: true, value: compileWildcard(asText(raw)) }),
    parsePolicyPieces: (pieces) => ({ ok: true, value: compileWildcardPieces(pieces) }),
    parseRequestValue: readText,
    test: (request, policy) => policy.test(request),
  });

/**
 * The string operators (IAM-SEMANTICS §7.3): `StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase`,
 * `StringNotEqualsIgnoreCase`, `StringLike`, `StringNotLike`.
 *
 * @example
 * ```ts
 * import { stringOperatorFamily } from 'iam-policy-evaluator';
 * stringOperatorFamily.operators.map((op) => op.name).includes('StringLike'); //=> true
 * ```
 */
export const stringOperatorFamily = defineOperatorFamily(
  'string',
  'compare text exactly, ignoring case, or by pattern',
  [
    exact('StringEquals', false),
    exact('StringNotEquals', true),
    ignoreCase('StringEqualsIgnoreCase', false),
    ignoreCase('StringNotEqualsIgnoreCase', true),
    like('StringLike', false),
    like('StringNotLike', true),
  ],
);
