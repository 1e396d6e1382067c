/**
 * One undocumented ([X]) behaviour of IAM-SEMANTICS, and what the engine does.
 *
 * @example
 * ```ts
 * import type { ConditionChoice } from 'iam-policy-evaluator';
 * import { CONDITION_CHOICES } from 'iam-policy-evaluator';
 * const pv8: ConditionChoice | undefined = CONDITION_CHOICES.find((c) => c.id === 'PV-8');
 * pv8?.choice.startsWith('substituted values and defaults are literal'); //=> true
 * ```
 */
export interface ConditionChoice {
  /** The IAM-SEMANTICS item, as traces report it in `choice`/`choices`. */
  readonly id: string;
  /** What the documentation leaves open, in words. */
  readonly question: string;
  /** What the engine does. */
  readonly choice: string;
  /** How to get the other behaviour, when there is an option. */
  readonly option?: string;
}

const choice = (id: string, question: string, chosen: string, option?: string): ConditionChoice =>
  Object.freeze(option === undefined ? { id, question, choice: chosen } : { id, question, choice: chosen, option });

/**
 * Every [X] choice the condition and matching layers make; docs/condition-operators.md is generated from it and
 * traces name these ids when an outcome relied on one.
 *
 * @example
 * ```ts
 * import { CONDITION_CHOICES } from 'iam-policy-evaluator';
 * CONDITION_CHOICES.find((c) => c.id === 'C-28')?.choice.startsWith('like ForAnyValue'); //=> true
 * ```
 */
export const CONDITION_CHOICES: readonly ConditionChoice[] = Object.freeze([
  choice(
    '§5.8',
    'letter case of `true`/`false` in `Bool` and `Null` values',
    'read in any letter case, in policies and in requests; JSON booleans too',
  ),
  choice(
    '§7.2',
    'a key present with an empty list or `null`',
    'the key is present without values: positive operators (with or without `IfExists`) are false, negated ones true, `ForAllValues` true, `ForAnyValue` false; `Null` counts it as absent',
  ),
  choice(
    'G-5',
    'bare JSON numbers and booleans under string and ARN operators',
    'compared as their JSON text (`10` is `"10"`, not `"10.0"`); the same for request values',
  ),
  choice(
    'G-32',
    'two request keys differing only in letter case (tag keys)',
    'merged into one key holding both values; a positive operator holds if either value matches, a negated one only if neither does',
  ),
  choice(
    'C-10',
    'case folding of the `…IgnoreCase` operators',
    'both sides lower-cased with `String.prototype.toLowerCase` (Unicode default mapping, no locale); traces name C-10 when a value holds non-ASCII characters',
  ),
  choice(
    'C-11',
    'a policy value that is not a number under a numeric operator',
    'it matches no request value (so a negated operator can still hold); validation reports it first',
  ),
  choice(
    'C-15',
    'date forms: mixed ISO/epoch, partial dates, epoch milliseconds',
    'everything compares as an instant; `YYYY`, `YYYY-MM`, `YYYY-MM-DD` are the start of that period in UTC; a time without zone is UTC; a JSON number or a string of digits other than exactly four is epoch seconds (milliseconds are not recognised and read as seconds)',
  ),
  choice(
    'C-17',
    'policy variables in `Bool` values',
    'refused: `Bool` values are read literally, so `${…}` is not a boolean and matches nothing',
  ),
  choice(
    'C-21',
    'bare IPv6 addresses, IPv4-mapped IPv6, zone ids',
    'a bare IPv6 address is `/128`; IPv4-mapped IPv6 addresses (and mapped ranges of prefix ≥ 96) are read as IPv4; IPv4 and IPv6 never match each other; zone ids are refused; IPv4 must be four-part decimal',
  ),
  choice(
    'C-26',
    'negated operators under `ForAllValues:`/`ForAnyValue:`',
    'each request value holds when it matches no policy value; then every (`ForAllValues`) or some (`ForAnyValue`) request value must hold',
  ),
  choice(
    'C-28',
    'an operator without qualifier on a multivalued key',
    'like ForAnyValue for a positive operator (some request value matches some policy value); a negated operator is its negation (no request value matches any policy value)',
  ),
  choice(
    'C-30',
    'a malformed policy value (date, IP, base64, ARN, boolean) evaluated anyway',
    'it matches no request value; validation reports it as an error first, so validated policies never hold one',
  ),
  choice(
    'PV-4',
    'a multivalued key used as a policy variable at run time',
    'the value is unresolved, as for a missing key without default (the default is not used)',
  ),
  choice(
    'PV-6',
    'a present key whose value is the empty string, in a variable with a default',
    'the empty string is substituted; only a missing key (or one without value) takes the default',
  ),
  choice(
    'PV-8',
    'wildcards inside substituted variable values',
    'substituted values and defaults are literal: a `*` or `?` in a tag value never acts as a wildcard; the trace names PV-8 where a substituted value held one',
  ),
  choice(
    'W-3',
    'ARNs with fewer than six components',
    'a pattern that is not an ARN is refused by validation and, compiled anyway, matches nothing; a request value that is not an ARN matches no ARN pattern except the bare `*`',
  ),
  choice(
    'W-7',
    'a `*` component against an empty component (S3 ARNs)',
    'glob semantics: `*` matches the empty component',
  ),
  choice(
    'W-8',
    'whether `*` in an action pattern may cross the `:`',
    'yes: actions are one case-insensitive glob over `prefix:name`, so `s3*` matches `s3:GetObject` and `s3control:CreateJob`',
  ),
]);
