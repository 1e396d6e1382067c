import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import { parseBoolValue } from './bool.js';

/**
 * `Null` (IAM-SEMANTICS §7.10): `true` holds when the key is absent or has no value, `false` when it is present with
 * at least one value. It reads presence, not values: the central evaluation gives `test` whether the key is absent.
 * No `…IfExists` (C-7); under `ForAllValues:`/`ForAnyValue:` it is always true/false (C-22).
 *
 * @example
 * ```ts
 * import { nullOperatorFamily } from 'iam-policy-evaluator';
 * const op = nullOperatorFamily.operators[0];
 * // the key is absent and the policy says `true`:
 * op?.test(true, true); //=> true
 * ```
 */
export const nullOperatorFamily = defineOperatorFamily('null', 'test whether a key is absent', [
  defineOperator<boolean, boolean>({
    name: 'Null',
    family: 'null',
    negated: false,
    acceptsVariables: false,
    acceptsWildcards: false,
    acceptsIfExists: false,
    acceptsQualifier: false,
    comparison: 'presence: `true` means absent (or empty), `false` means present',
    operand: '`true` or `false`',
    summary: 'the key is absent (`true`) or present (`false`)',
    semantics: ['C-7', 'C-22'],
    choices: ['§5.8', '§7.2'],
    parsePolicyValue: parseBoolValue,
    parseRequestValue: () => ({
      ok: false,
      message: 'the null operator reads whether a key is present, not its values',
    }),
    test: (absent, expectAbsent) => absent === expectAbsent,
  }),
]);
