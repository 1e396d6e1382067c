import type { SetQualifier } from '../model/normalized-policy.js';

/**
 * The one place where negation, `…IfExists`, `ForAllValues:` and `ForAnyValue:` are applied (IAM-SEMANTICS §7.1,
 * §7.2, §7.11). Operators only say whether one request value matches one policy value; everything else is here.
 *
 * [X] choices (docs/condition-operators.md):
 * - §7.2: a key present with no value (empty list or `null`) is present: positive operators (with or without
 *   `IfExists`) are false, negated ones true; `ForAllValues` true, `ForAnyValue` false.
 * - C-26: a negated operator under a qualifier tests each request value for "matches no policy value", then ∀ / ∃.
 * - C-28: an unqualified operator on a multivalued key (or a key holding several values) holds, for a positive
 *   operator, when any request value matches any policy value; a negated operator is its negation (NOR over all).
 * - G-32: a single-valued key that holds several values (tag keys differing only in case) is read the same way.
 */

/**
 * The modifiers of one condition.
 *
 * @example
 * ```ts
 * import type { ConditionForm } from 'iam-policy-evaluator';
 * import { applyModifiers } from 'iam-policy-evaluator';
 * const form: ConditionForm = { negated: false, ifExists: true };
 * applyModifiers(form, { present: false, count: 0, multivalued: false }, 1, () => false).result; //=> true
 * ```
 */
export interface ConditionForm {
  readonly negated: boolean;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
}

/**
 * What the request holds for the key.
 *
 * @example
 * ```ts
 * import type { RequestSide } from 'iam-policy-evaluator';
 * import { applyModifiers } from 'iam-policy-evaluator';
 * const empty: RequestSide = { present: true, count: 0, multivalued: true };
 * applyModifiers({ negated: false, qualifier: 'ForAllValues', ifExists: false }, empty, 1, () => false).result; //=> true
 * ```
 */
export interface RequestSide {
  readonly present: boolean;
  readonly count: number;
  readonly multivalued: boolean;
}

/**
 * Why a condition came out as it did; `conditionReason` gives the words.
 *
 * @example
 * ```ts
 * import type { OutcomeCode } from 'iam-policy-evaluator';
 * import { conditionReason } from 'iam-policy-evaluator';
 * const code: OutcomeCode = 'not-matched';
 * conditionReason(code); //=> 'no value matched'
 * ```
 */
export type OutcomeCode =
  | 'missing'
  | 'missing-negated'
  | 'missing-if-exists'
  | 'missing-for-all'
  | 'missing-for-any'
  | 'empty'
  | 'empty-negated'
  | 'empty-for-all'
  | 'empty-for-any'
  | 'no-policy-values'
  | 'matched'
  | 'not-matched'
  | 'negated-not-matched'
  | 'negated-matched'
  | 'for-all-matched'
  | 'for-all-not-matched'
  | 'for-all-negated-none-matched'
  | 'for-all-negated-some-matched'
  | 'for-any-matched'
  | 'for-any-not-matched'
  | 'for-any-negated-some-unmatched'
  | 'for-any-negated-all-matched'
  | 'null-qualified-for-all'
  | 'null-qualified-for-any'
  | 'null-absent-matched'
  | 'null-absent-not-matched'
  | 'null-present-matched'
  | 'null-present-not-matched';

/**
 * The result of the modifiers, with the [X] item it relied on. Instances are shared constants.
 *
 * @example
 * ```ts
 * import type { ModifierOutcome } from 'iam-policy-evaluator';
 * import { applyModifiers } from 'iam-policy-evaluator';
 * const outcome: ModifierOutcome = applyModifiers({ negated: true, ifExists: false }, { present: false, count: 0, multivalued: false }, 1, () => false);
 * outcome; //=> { result: true, code: 'missing-negated' }
 * ```
 */
export interface ModifierOutcome {
  readonly result: boolean;
  readonly code: OutcomeCode;
  readonly choice?: string;
}

const REASONS: Readonly<Record<OutcomeCode, string>> = {
  missing: 'key missing',
  'missing-negated': 'key missing, a negated operator holds',
  'missing-if-exists': 'key missing, IfExists makes it true',
  'missing-for-all': 'key missing, ForAllValues holds for a missing key',
  'missing-for-any': 'key missing, ForAnyValue needs a value',
  empty: 'key has no value',
  'empty-negated': 'key has no value, a negated operator holds',
  'empty-for-all': 'key has no value, ForAllValues holds for an empty set',
  'empty-for-any': 'key has no value, ForAnyValue needs a value',
  'no-policy-values': 'no policy value listed, the condition is inert',
  matched: 'a value matched',
  'not-matched': 'no value matched',
  'negated-not-matched': 'no value matched, the negated operator holds',
  'negated-matched': 'a value matched, the negated operator fails',
  'for-all-matched': 'every request value matched a policy value',
  'for-all-not-matched': 'a request value matched no policy value',
  'for-all-negated-none-matched': 'no request value matched a policy value',
  'for-all-negated-some-matched': 'a request value matched a policy value',
  'for-any-matched': 'a request value matched a policy value',
  'for-any-not-matched': 'no request value matched a policy value',
  'for-any-negated-some-unmatched': 'a request value matched no policy value',
  'for-any-negated-all-matched': 'every request value matched a policy value',
  'null-qualified-for-all': 'Null under ForAllValues always holds',
  'null-qualified-for-any': 'Null under ForAnyValue never holds',
  'null-absent-matched': 'key missing or without value, as Null `true` requires',
  'null-absent-not-matched': 'key missing or without value, but Null `false` requires it present',
  'null-present-matched': 'key present, as Null `false` requires',
  'null-present-not-matched': 'key present, but Null `true` requires it missing',
};

/**
 * The words for an outcome, as traces show them.
 *
 * @example
 * ```ts
 * import { conditionReason } from 'iam-policy-evaluator';
 * conditionReason('missing-if-exists'); //=> 'key missing, IfExists makes it true'
 * ```
 */
export function conditionReason(code: OutcomeCode): string {
  return REASONS[code];
}

const TABLE = new Map<string, ModifierOutcome>();
function outcome(result: boolean, code: OutcomeCode, choice?: string): ModifierOutcome {
  const id = choice === undefined ? code : `${code} ${choice}`;
  let found = TABLE.get(id);
  if (found === undefined) {
    found = Object.freeze(choice === undefined ? { result, code } : { result, code, choice });
    TABLE.set(id, found);
  }
  return found;
}
// Every outcome is built once here, so evaluation never allocates one.
const O = {
  missing: outcome(false, 'missing'),
  missingNegated: outcome(true, 'missing-negated'),
  missingIfExists: outcome(true, 'missing-if-exists'),
  missingForAll: outcome(true, 'missing-for-all'),
  missingForAny: outcome(false, 'missing-for-any'),
  empty: outcome(false, 'empty', '§7.2'),
  emptyNegated: outcome(true, 'empty-negated', '§7.2'),
  emptyForAll: outcome(true, 'empty-for-all'),
  emptyForAny: outcome(false, 'empty-for-any'),
  noPolicyValues: outcome(false, 'no-policy-values'),
  forAllMatched: outcome(true, 'for-all-matched'),
  forAllNotMatched: outcome(false, 'for-all-not-matched'),
  forAllNegatedNone: outcome(true, 'for-all-negated-none-matched', 'C-26'),
  forAllNegatedSome: outcome(false, 'for-all-negated-some-matched', 'C-26'),
  forAnyMatched: outcome(true, 'for-any-matched'),
  forAnyNotMatched: outcome(false, 'for-any-not-matched'),
  forAnyNegatedSome: outcome(true, 'for-any-negated-some-unmatched', 'C-26'),
  forAnyNegatedAll: outcome(false, 'for-any-negated-all-matched', 'C-26'),
  nullForAll: outcome(true, 'null-qualified-for-all'),
  nullForAny: outcome(false, 'null-qualified-for-any'),
  nullAbsentMatched: outcome(true, 'null-absent-matched'),
  nullAbsentNotMatched: outcome(false, 'null-absent-not-matched'),
  nullPresentMatched: outcome(true, 'null-present-matched'),
  nullPresentNotMatched: outcome(false, 'null-present-not-matched'),
} as const;
const SINGLE = {
  none: [
    outcome(true, 'matched'),
    outcome(false, 'not-matched'),
    outcome(false, 'negated-matched'),
    outcome(true, 'negated-not-matched'),
  ],
  'C-28': [
    outcome(true, 'matched', 'C-28'),
    outcome(false, 'not-matched', 'C-28'),
    outcome(false, 'negated-matched', 'C-28'),
    outcome(true, 'negated-not-matched', 'C-28'),
  ],
  'G-32': [
    outcome(true, 'matched', 'G-32'),
    outcome(false, 'not-matched', 'G-32'),
    outcome(false, 'negated-matched', 'G-32'),
    outcome(true, 'negated-not-matched', 'G-32'),
  ],
} as const;

/**
 * Applies negation and the modifiers, exactly per IAM-SEMANTICS §7: the §7.2 missing-key table, NOR for negated
 * operators (C-2, C-4), the set qualifiers on missing keys and empty sets (C-23, C-24), negated operators under a
 * qualifier (C-26), an empty policy value list (C-27) and unqualified operators on multivalued keys (C-28).
 * `matches(i)` says whether request value `i` matches at least one policy value; it is called lazily.
 *
 * @example
 * ```ts
 * import { applyModifiers } from 'iam-policy-evaluator';
 * const form = { negated: true, qualifier: 'ForAllValues', ifExists: false } as const;
 * applyModifiers(form, { present: false, count: 0, multivalued: true }, 1, () => false).result; //=> true
 * applyModifiers(form, { present: true, count: 2, multivalued: true }, 1, (i) => i === 1).code; //=> 'for-all-negated-some-matched'
 * ```
 */
export function applyModifiers(
  form: ConditionForm,
  request: RequestSide,
  policyCount: number,
  matches: (index: number) => boolean,
): ModifierOutcome {
  // C-27: a plain operator with `[]` is inert, whatever the request holds.
  if (policyCount === 0 && form.qualifier === undefined && !form.ifExists) return O.noPolicyValues;
  if (!request.present) {
    if (form.qualifier === 'ForAllValues') return O.missingForAll;
    if (form.qualifier === 'ForAnyValue') return O.missingForAny;
    if (form.ifExists) return O.missingIfExists;
    return form.negated ? O.missingNegated : O.missing;
  }
  // C-27: with `[]`, `ForAllValues` and `…IfExists` hold only for a missing key, `ForAnyValue` never.
  if (policyCount === 0) return O.noPolicyValues;
  if (request.count === 0) {
    if (form.qualifier === 'ForAllValues') return O.emptyForAll;
    if (form.qualifier === 'ForAnyValue') return O.emptyForAny;
    return form.negated ? O.emptyNegated : O.empty;
  }
  if (form.qualifier === 'ForAllValues') {
    for (let i = 0; i < request.count; i += 1) {
      if (matches(i) === form.negated) return form.negated ? O.forAllNegatedSome : O.forAllNotMatched;
    }
    return form.negated ? O.forAllNegatedNone : O.forAllMatched;
  }
  if (form.qualifier === 'ForAnyValue') {
    for (let i = 0; i < request.count; i += 1) {
      if (matches(i) !== form.negated) return form.negated ? O.forAnyNegatedSome : O.forAnyMatched;
    }
    return form.negated ? O.forAnyNegatedAll : O.forAnyNotMatched;
  }
  const row = request.multivalued ? SINGLE['C-28'] : request.count > 1 ? SINGLE['G-32'] : SINGLE.none;
  let any = false;
  for (let i = 0; i < request.count && !any; i += 1) any = matches(i);
  if (form.negated) return any ? row[2] : row[3];
  return any ? row[0] : row[1];
}

/**
 * `Null` (§7.10, C-22): reads presence. A key without values counts as absent (§7.2). Under a qualifier it is always
 * true (`ForAllValues`) or false (`ForAnyValue`). `IfExists` does not apply (C-7).
 *
 * @example
 * ```ts
 * import { applyNull } from 'iam-policy-evaluator';
 * applyNull(undefined, true, [true]).result; //=> true
 * applyNull('ForAnyValue', true, [true]).result; //=> false
 * ```
 */
export function applyNull(
  qualifier: SetQualifier | undefined,
  absent: boolean,
  expectAbsent: readonly boolean[],
): ModifierOutcome {
  if (qualifier === 'ForAllValues') return O.nullForAll;
  if (qualifier === 'ForAnyValue') return O.nullForAny;
  if (expectAbsent.length === 0) return O.noPolicyValues;
  const holds = expectAbsent.includes(absent);
  if (absent) return holds ? O.nullAbsentMatched : O.nullAbsentNotMatched;
  return holds ? O.nullPresentMatched : O.nullPresentNotMatched;
}
