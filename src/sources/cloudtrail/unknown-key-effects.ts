/**
 * Which outcome each context key the event cannot show could flip (CT-10): for every condition of the policies that
 * tests such a key, the request is evaluated again with the values the explanation search already derives from the
 * condition (src/explain/context-candidates.ts), so there is one search, not two.
 */
import { evaluate } from '../../evaluator/evaluate.js';
import { candidateChanges } from '../../explain/context-candidates.js';
import { contextValueOf, withChanges } from '../../explain/what-would-change.js';
import type { ConditionTrace, Decision, EvaluateOptions } from '../../model/evaluation-result.js';
import type { ContextValue, EvaluationInput } from '../../model/request.js';

/**
 * What giving one unknown key a value does to the decision: the decision without it, and each decision a value tried
 * led to. `flips` says whether any value changes the outcome.
 *
 * @example
 * ```ts
 * import { requestFromCloudTrailEvent } from 'iam-policy-evaluator';
 * import type { UnknownKeyEffect } from 'iam-policy-evaluator';
 * const read = requestFromCloudTrailEvent({
 *   eventVersion: '1.09', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1',
 *   userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012' },
 *   requestParameters: { bucketName: 'reports', key: 'q1.csv' }, errorCode: 'AccessDenied',
 * });
 * const byTeam = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'finance' } } }] };
 * const effects: readonly UnknownKeyEffect[] = read.unknownKeyEffects({ identity: [{ id: 'by-team', document: byTeam }] });
 * effects.map((e) => [e.key, e.baseline, e.flips]); //=> [['aws:PrincipalTag/team', 'ImplicitDeny', true]]
 * ```
 */
export interface UnknownKeyEffect {
  /** The key as the policy writes it (`aws:PrincipalTag/team`, not the pattern `aws:PrincipalTag/*`). */
  readonly key: string;
  /** The decision with the key absent, as the event leaves it. */
  readonly baseline: Decision;
  /** Every distinct decision seen, the baseline first. */
  readonly decisions: readonly Decision[];
  /** Each value tried and the decision it led to. */
  readonly tried: readonly { readonly value: ContextValue; readonly decision: Decision }[];
  readonly flips: boolean;
}

/** Whether a key is one of the unknown keys: exact, or under a `…/*` or `prefix:*` pattern; case-insensitive. */
export function isUnknownKey(key: string, unknownKeys: readonly string[]): boolean {
  const lower = key.toLowerCase();
  return unknownKeys.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.endsWith('*') ? lower.startsWith(p.slice(0, -1)) : lower === p;
  });
}

/** The conditions of the trace that test an unknown key, each key once (the first condition that tests it). */
function conditionsOnUnknownKeys(
  input: EvaluationInput,
  unknownKeys: readonly string[],
  options: EvaluateOptions | undefined,
): { baseline: Decision; conditions: Map<string, ConditionTrace[]> } {
  const result = evaluate(input, options);
  const conditions = new Map<string, ConditionTrace[]>();
  for (const type of result.trace.policyTypes) {
    for (const policy of type.policies) {
      for (const statement of policy.statements) {
        for (const condition of statement.conditions) {
          if (!isUnknownKey(condition.key, unknownKeys)) continue;
          const lower = condition.key.toLowerCase();
          conditions.set(lower, [...(conditions.get(lower) ?? []), condition]);
        }
      }
    }
  }
  return { baseline: result.decision, conditions };
}

/**
 * For each unknown key a condition of the policies tests, the decisions values of it lead to (at most
 * `maxEvaluations` evaluations in all, 200 by default).
 */
export function unknownKeyEffects(
  input: EvaluationInput,
  unknownKeys: readonly string[],
  options?: EvaluateOptions & { readonly maxEvaluations?: number },
): readonly UnknownKeyEffect[] {
  const { maxEvaluations = 200, ...evaluateOptions } = options ?? {};
  const { baseline, conditions } = conditionsOnUnknownKeys(input, unknownKeys, evaluateOptions);
  let budget = maxEvaluations;
  const effects: UnknownKeyEffect[] = [];
  for (const traces of conditions.values()) {
    const first = traces[0];
    if (first === undefined) continue;
    const tried: { value: ContextValue; decision: Decision }[] = [];
    const seen = new Set<string>();
    for (const condition of traces) {
      for (const candidate of candidateChanges(condition, contextValueOf(input, condition.key))) {
        if (candidate.kind !== 'set' || candidate.value === undefined || budget <= 0) continue;
        const id = JSON.stringify(candidate.value);
        if (seen.has(id)) continue;
        seen.add(id);
        budget -= 1;
        const decision = evaluate(withChanges(input, [{ ...candidate, key: first.key }]), evaluateOptions).decision;
        tried.push({ value: candidate.value, decision });
      }
    }
    const decisions = [...new Set<Decision>([baseline, ...tried.map((t) => t.decision)])];
    effects.push(Object.freeze({ key: first.key, baseline, decisions, tried, flips: decisions.length > 1 }));
  }
  return Object.freeze(effects);
}
