import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { ValueParseResult } from '../define-operator.js';

/**
 * Reads `true`/`false` (§5.8 [X]): a JSON boolean, or the text in any letter case; anything but lower case reports
 * `choice: '§5.8'`.
 *
 * @example
 * ```ts
 * import { parseBoolValue } from 'iam-policy-evaluator';
 * parseBoolValue('true'); //=> { ok: true, value: true }
 * parseBoolValue('TRUE'); //=> { ok: true, value: true, choice: '§5.8' }
 * parseBoolValue('yes').ok; //=> false
 * ```
 */
export function parseBoolValue(raw: ContextScalar): ValueParseResult<boolean> {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const text = String(raw);
  const lower = text.toLowerCase();
  if (lower !== 'true' && lower !== 'false') return { ok: false, message: `\`${text}\` is not \`true\` or \`false\`` };
  return text === lower ? { ok: true, value: lower === 'true' } : { ok: true, value: lower === 'true', choice: '§5.8' };
}

/**
 * `Bool` (IAM-SEMANTICS §7.6). No negated form; variables refused (C-17 [X]).
 *
 * @example
 * ```ts
 * import { boolOperatorFamily } from 'iam-policy-evaluator';
 * boolOperatorFamily.operators[0]?.acceptsVariables; //=> false
 * ```
 */
export const boolOperatorFamily = defineOperatorFamily('bool', 'compare true/false flags', [
  defineOperator<boolean, boolean>({
    name: 'Bool',
    family: 'bool',
    negated: false,
    acceptsVariables: false,
    acceptsWildcards: false,
    acceptsIfExists: true,
    acceptsQualifier: true,
    comparison: 'as booleans; `true`/`false` read in any letter case',
    operand: '`true` or `false`',
    summary: 'the value is the listed boolean',
    semantics: ['C-16', 'C-17'],
    choices: ['C-17', '§5.8'],
    parsePolicyValue: parseBoolValue,
    parseRequestValue: parseBoolValue,
    test: (request, policy) => request === policy,
  }),
]);
