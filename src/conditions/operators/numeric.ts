import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { OperatorDefinition, ValueParseResult } from '../define-operator.js';

// Decimal notation with an optional exponent; no hex, no `Infinity`, no surrounding space.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a number as the numeric operators do (C-11): a finite JSON number, or a string in decimal notation.
 *
 * @example
 * ```ts
 * import { parseNumericValue } from 'iam-policy-evaluator';
 * parseNumericValue('3600'); //=> { ok: true, value: 3600 }
 * parseNumericValue('1h').ok; //=> false
 * ```
 */
export function parseNumericValue(raw: ContextScalar): ValueParseResult<number> {
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { ok: true, value: raw }
      : { ok: false, message: `\`${raw}\` is not a finite number` };
  }
  if (typeof raw === 'string' && DECIMAL.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return { ok: true, value };
  }
  return { ok: false, message: `\`${String(raw)}\` is not a number` };
}

const COMPARATORS = {
  NumericEquals: (a: number, b: number) => a === b,
  NumericLessThan: (a: number, b: number) => a < b,
  NumericLessThanEquals: (a: number, b: number) => a <= b,
  NumericGreaterThan: (a: number, b: number) => a > b,
  NumericGreaterThanEquals: (a: number, b: number) => a >= b,
} as const;

const SUMMARIES: Readonly<Record<keyof typeof COMPARATORS | 'NumericNotEquals', string>> = {
  NumericEquals: 'the value equals one listed number',
  NumericNotEquals: 'the value differs from every listed number',
  NumericLessThan: 'the value is less than one listed number',
  NumericLessThanEquals: 'the value is less than or equal to one listed number',
  NumericGreaterThan: 'the value is greater than one listed number',
  NumericGreaterThanEquals: 'the value is greater than or equal to one listed number',
};

const numeric = (
  name: keyof typeof SUMMARIES,
  compare: (request: number, policy: number) => boolean,
  positiveTwin?: string,
): OperatorDefinition<number, number> =>
  defineOperator<number, number>({
    name,
    family: 'numeric',
    negated: positiveTwin !== undefined,
    ...(positiveTwin !== undefined ? { positiveTwin } : {}),
    acceptsVariables: false,
    acceptsWildcards: false,
    acceptsIfExists: true,
    acceptsQualifier: true,
    comparison: 'numerically, request value on the left',
    operand: 'an integer or decimal number',
    summary: SUMMARIES[name],
    semantics: positiveTwin !== undefined ? ['C-2', 'C-4', 'C-11'] : ['C-1', 'C-4', 'C-11'],
    choices: ['C-11'],
    parsePolicyValue: parseNumericValue,
    parseRequestValue: parseNumericValue,
    test: compare,
  });

/**
 * The numeric operators (IAM-SEMANTICS §7.4): `NumericEquals`, `NumericNotEquals`, `NumericLessThan`,
 * `NumericLessThanEquals`, `NumericGreaterThan`, `NumericGreaterThanEquals`.
 *
 * @example
 * ```ts
 * import { numericOperatorFamily } from 'iam-policy-evaluator';
 * numericOperatorFamily.operators.length; //=> 6
 * ```
 */
export const numericOperatorFamily = defineOperatorFamily('numeric', 'compare integers and decimals', [
  numeric('NumericEquals', COMPARATORS.NumericEquals),
  numeric('NumericNotEquals', COMPARATORS.NumericEquals, 'NumericEquals'),
  numeric('NumericLessThan', COMPARATORS.NumericLessThan),
  numeric('NumericLessThanEquals', COMPARATORS.NumericLessThanEquals),
  numeric('NumericGreaterThan', COMPARATORS.NumericGreaterThan),
  numeric('NumericGreaterThanEquals', COMPARATORS.NumericGreaterThanEquals),
]);
