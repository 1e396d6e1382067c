import { derivationSource } from '../request/derive-context.js';
import type { DerivationSource } from '../request/derive-context.js';
import type { ConditionTrace, StatementRef } from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import type { ContextScalar } from '../model/request.js';

export const code = (value: ContextScalar): string => `\`${String(value)}\``;

/** What a derived key follows from, in words, and what changing its value would mean. */
export interface DerivationWords {
  /** `the principal`, `the resource`, `` the `now` option ``. */
  readonly from: string;
  /** `principal`, `resource`, `time`: the change means another one of these. */
  readonly another: string;
}

const SOURCE_WORDS: Readonly<Record<DerivationSource, DerivationWords>> = {
  principal: { from: 'the principal', another: 'principal' },
  resource: { from: 'the resource', another: 'resource' },
  now: { from: 'the `now` option', another: 'time' },
};

/** The words for what a derived key's value follows from. */
export function derivationWords(key: string): DerivationWords {
  return SOURCE_WORDS[derivationSource(key)];
}

function valuesText(values: readonly ContextScalar[]): string {
  return values.length === 1 ? code(values[0] ?? '') : `[${values.map(code).join(', ')}]`;
}

function requestSide(condition: ConditionTrace): string {
  if (condition.keyStatus === 'missing') return 'request has no value';
  const values =
    condition.qualifier === undefined
      ? valuesText(condition.requestValues)
      : `[${condition.requestValues.map(code).join(', ')}]`;
  return `request ${values}${condition.keyStatus === 'derived' ? ` (derived from ${derivationWords(condition.key).from})` : ''}`;
}

/** `` `aws:SourceVpce` StringNotEqualsIfExists `vpce-11111`: request `vpce-22222`: true, no value matched ``. */
export function conditionText(condition: ConditionTrace): string {
  const reason = condition.reason === '' ? '' : `, ${condition.reason}`;
  return `${conditionHead(condition)}: ${requestSide(condition)}: ${condition.result ? 'true' : 'false'}${reason}`;
}

/** The same without the outcome word, for lists that show it apart: `` …: request `vpce-22222`: no value matched ``. */
export function conditionLine(condition: ConditionTrace): string {
  const reason = condition.reason === '' ? '' : `: ${condition.reason}`;
  return `${conditionHead(condition)}: ${requestSide(condition)}${reason}`;
}

function conditionHead(condition: ConditionTrace): string {
  return `\`${condition.key}\` ${condition.operator} ${valuesText(condition.policyValues)}`;
}

/** `identity-based policy \`DenyDeleteRole\` statement 0 (Sid \`X\`) at line 4, column 5`, with the SCP/RCP level. */
export function describeRef(ref: StatementRef): string {
  const level = ref.orgLevel === undefined ? '' : ` at level \`${ref.orgLevel}\``;
  const sid = ref.sid === undefined ? '' : ` (Sid \`${ref.sid}\`)`;
  return `${POLICY_TYPE_NAMES[ref.policyType]} \`${ref.policyId}\`${level}, statement ${ref.statementIndex}${sid}, line ${ref.line}, column ${ref.column}`;
}
