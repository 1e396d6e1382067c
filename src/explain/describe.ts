import { derivationSource } from '../evaluator/derive-context.js';
import type { DerivationSource } from '../evaluator/derive-context.js';
import type { ConditionTrace, StatementRef } from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import type { ContextScalar } from '../model/request.js';

export const code = (value: ContextScalar): string => `\`${String(value)}\``;

const SOURCE_NAMES: Readonly<Record<DerivationSource, string>> = {
  principal: 'the principal',
  resource: 'the resource',
  now: 'the `now` option',
};

/** `the principal`, `the resource` or `` the `now` option ``: what a derived key's value follows from. */
export function derivedFrom(key: string): string {
  return SOURCE_NAMES[derivationSource(key)];
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
  return `request ${values}${condition.keyStatus === 'derived' ? ` (derived from ${derivedFrom(condition.key)})` : ''}`;
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
