import { evaluate } from '../evaluator/evaluate.js';
import type { EvaluationResult, StatementTrace } from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import type { PolicyType } from '../model/policy-type.js';
import type { ContextValue, EvaluationInput, PolicySet, RequestInput } from '../model/request.js';
import { parseAccessDenied } from './access-denied/parse-access-denied.js';
import type { AccessDeniedParseError, ParsedAccessDenied } from './access-denied/parse-access-denied.js';
import { describeRef } from './describe.js';
import { explain } from './explain.js';
import type { ExplainOptions } from './explain.js';
import type { Explanation } from './explanation.js';
import { changesToApply } from './what-would-change.js';
import type { SearchBudget } from './what-would-change.js';

/**
 * Options of `explainAccessDenied`: those of `explain`, and the request facts a message does not carry.
 *
 * @example
 * ```ts
 * import { explainAccessDenied } from 'iam-policy-evaluator';
 * import type { ExplainAccessDeniedOptions } from 'iam-policy-evaluator';
 * const options: ExplainAccessDeniedOptions = { resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*', resourceAccount: '123456789012' };
 * const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:*:instance/*' }] };
 * const r = explainAccessDenied('User: arn:aws:iam::123456789012:user/u is not authorized to perform: ec2:RunInstances with an explicit deny in an identity-based policy', { identity: [{ id: 'NoRun', document: deny }] }, undefined, options);
 * r.ok && [r.input.request.resource, r.agrees]; //=> ['arn:aws:ec2:us-east-1:123456789012:instance/*', true]
 * ```
 */
export interface ExplainAccessDeniedOptions extends ExplainOptions {
  /** The resource to evaluate on when the message names none (default `*`). */
  readonly resource?: string;
  /** The account owning the resource when its ARN names none (S3 buckets). */
  readonly resourceAccount?: string;
}

/**
 * The answer of `explainAccessDenied`.
 *
 * @example
 * ```ts
 * import { explainAccessDenied } from 'iam-policy-evaluator';
 * import type { ExplainAccessDeniedResult } from 'iam-policy-evaluator';
 * const r: ExplainAccessDeniedResult = explainAccessDenied('Access Denied', {});
 * r.ok ? r.agrees : r.error.code; //=> 'not_an_access_denied_message'
 * ```
 */
export type ExplainAccessDeniedResult =
  | {
      readonly ok: true;
      /** What the message says. */
      readonly parsed: ParsedAccessDenied;
      /** The request and policies as evaluated. */
      readonly input: EvaluationInput;
      readonly result: EvaluationResult;
      readonly explanation: Explanation;
      /** Whether the engine's verdict matches what the message claims (decision, policy type, explicit or not). */
      readonly agrees: boolean;
      /** Where the engine's verdict differs from the message, and what may be missing; empty when it agrees. */
      readonly differences: readonly string[];
      /** What was assumed for facts the message does not carry, and other remarks. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly error: AccessDeniedParseError };

function article(type: PolicyType, trust: boolean): string {
  if (trust) return 'the role trust policy';
  const name = POLICY_TYPE_NAMES[type];
  return `${name.startsWith('identity') ? 'an' : 'a'} ${name}`;
}

function given(policies: PolicySet, type: PolicyType): boolean {
  switch (type) {
    case 'identity':
      return (policies.identity?.length ?? 0) > 0;
    case 'resource':
      return policies.resource !== undefined;
    case 'permissionsBoundary':
      return policies.permissionsBoundary !== undefined;
    case 'session':
      return (policies.session?.length ?? 0) > 0;
    case 'scp':
      return (policies.serviceControlPolicies ?? []).some((l) => l.policies.length > 0);
    case 'rcp':
      return (policies.resourceControlPolicies ?? []).some((l) => l.policies.length > 0);
    case 'vpcEndpoint':
      return (policies.vpcEndpoint?.length ?? 0) > 0;
  }
}

/**
 * Deny statements that failed only on conditions: the context changes that would make them deny, verified by
 * re-evaluation, as hints of what the real request carried. Statements of `prefer` come first.
 */
function wouldDenyHints(
  input: EvaluationInput,
  result: EvaluationResult,
  prefer: PolicyType | undefined,
  options: ExplainOptions | undefined,
): string[] {
  const budget: SearchBudget = { remaining: options?.maxEvaluations ?? 200 };
  const candidates: StatementTrace[] = [];
  for (const type of result.trace.policyTypes) {
    for (const policy of type.policies) {
      for (const s of policy.statements) {
        const elementsMatch = s.action.matched && (s.resource?.matched ?? true) && (s.principal?.matched ?? true);
        if (s.effect === 'Deny' && !s.matched && elementsMatch && s.conditions.some((c) => !c.result))
          candidates.push(s);
      }
    }
  }
  candidates.sort((a, b) => Number(b.ref.policyType === prefer) - Number(a.ref.policyType === prefer));
  const hints: string[] = [];
  for (const s of candidates.slice(0, 3)) {
    const { changes, allRequired } = changesToApply(input, s, evaluate, options, budget);
    if (changes.length === 0) continue;
    const joined = changes.map((c) => c.description).join(allRequired ? ' and ' : ' or ');
    hints.push(`${describeRef(s.ref)} denies the request when it carries ${joined}: did the request carry that?`);
  }
  return hints;
}

/**
 * Whether an evaluation agrees with what an AccessDenied message claims (decision, policy type, explicit or not;
 * M-2), and where it differs. src/sources/ compares CloudTrail events through it too, so the rule is written once.
 */
export function compareWithMessage(
  parsed: ParsedAccessDenied,
  input: EvaluationInput,
  result: EvaluationResult,
  options: ExplainOptions | undefined,
): { agrees: boolean; differences: string[]; notes: string[] } {
  const differences: string[] = [];
  const notes: string[] = [];
  const type = parsed.policyType;
  const policies = input.policies;
  const deniedTypes = new Set(result.denies.map((d) => d.policyType));
  const missingType = type !== undefined && !given(policies, type);
  const named = type === undefined ? undefined : article(type, parsed.trustPolicy);

  if (result.decision === 'Allow') {
    differences.push(
      'the message says the request was denied, but with the policies and context given the engine allows it',
    );
    if (missingType && named !== undefined)
      differences.push(`the message names ${named}, but none was given: is it missing?`);
    differences.push(...wouldDenyHints(input, result, type, options));
    return { agrees: false, differences, notes };
  }
  if (type === undefined || parsed.explicit === undefined) {
    notes.push('the message names no policy type: only the decision can be compared');
    return { agrees: true, differences, notes };
  }
  const typeName = POLICY_TYPE_NAMES[type];
  if (parsed.explicit) {
    const through = parsed.transitivelyThrough;
    if (result.decision === 'ExplicitDeny') {
      if (deniedTypes.has(type) || (through !== undefined && deniedTypes.has(through)))
        return { agrees: true, differences, notes };
      differences.push(
        missingType
          ? `the message names ${named}, but none was given: is it missing?`
          : `the message names ${named}, but no ${typeName} given denies this request: is one missing?`,
      );
      if (result.deniedBy !== undefined)
        differences.push(`the engine finds the deny in ${describeRef(result.deniedBy)}`);
      differences.push(...wouldDenyHints(input, result, type, options));
      return { agrees: false, differences, notes };
    }
    // ImplicitDeny. AWS reports an SCP (or RCP) level without an Allow as an explicit deny (M-2, §1.3 step 3).
    if ((type === 'scp' || type === 'rcp') && result.notAllowedBy === type) {
      notes.push(
        `no ${typeName} statement denies the request, but a level allows nothing that matches it: AWS reports that as an explicit deny in ${named}`,
      );
      return { agrees: true, differences, notes };
    }
    differences.push(
      missingType
        ? `the message names ${named}, but none was given: is it missing?`
        : `the message says an explicit deny in ${named}, but no ${typeName} given denies this request: is one missing?`,
    );
    if (result.notAllowedBy !== undefined) {
      differences.push(
        `the engine finds no matching Deny: it denies implicitly, because no ${POLICY_TYPE_NAMES[result.notAllowedBy]} allows the request`,
      );
    }
    differences.push(...wouldDenyHints(input, result, type, options));
    return { agrees: false, differences, notes };
  }
  // The message says: because no <type> allows the action.
  if (result.decision === 'ImplicitDeny' && result.notAllowedBy === type) return { agrees: true, differences, notes };
  if (missingType)
    differences.push(`the message says no ${typeName} allows the request, but none was given: is it missing?`);
  if (result.decision === 'ExplicitDeny' && result.deniedBy !== undefined) {
    differences.push(
      `the message says no ${typeName} allows the request, but the engine finds an explicit deny in ${describeRef(result.deniedBy)}`,
    );
  } else if (result.notAllowedBy !== undefined && result.notAllowedBy !== type) {
    differences.push(
      `the message says no ${typeName} allows the request, but the engine finds that no ${POLICY_TYPE_NAMES[result.notAllowedBy]} allows it`,
    );
  }
  return { agrees: false, differences, notes };
}

/**
 * Reads an AccessDenied message, evaluates the request it describes against the policies given, explains the
 * engine's decision, and says where the engine's verdict differs from the message's claim, for example `the message
 * names a service control policy, but no service control policy given denies this request: is one missing?`. When
 * a Deny statement would have matched with some context the message does not show, it says which.
 *
 * @param message - the AccessDenied text, as pasted
 * @param policies - the policies that apply to the request, by type
 * @param context - the request's context keys, which messages never carry
 * @param options - `resource` and `resourceAccount` when the message lacks them, and the options of `explain`
 * @returns the parsed message, the evaluation, its explanation and the comparison; or why the message is unreadable
 * @throws PolicyValidationError when a policy has errors (from `evaluate`)
 *
 * @example
 * ```ts
 * import { explainAccessDenied } from 'iam-policy-evaluator';
 * const message = 'User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances with an explicit deny in a service control policy';
 * const ec2Admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] };
 * const r = explainAccessDenied(message, { identity: [{ id: 'Ec2Admin', document: ec2Admin }] });
 * r.ok && [r.result.decision, r.agrees]; //=> ['Allow', false]
 * r.ok && r.differences; //=> ['the message says the request was denied, but with the policies and context given the engine allows it', 'the message names a service control policy, but none was given: is it missing?']
 * ```
 */
export function explainAccessDenied(
  message: string,
  policies: PolicySet,
  context?: Readonly<Record<string, ContextValue>>,
  options?: ExplainAccessDeniedOptions,
): ExplainAccessDeniedResult {
  const parsed = parseAccessDenied(message);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const notes: string[] = [];
  const resource = value.resource ?? options?.resource ?? '*';
  if (value.resource === undefined) {
    notes.push(
      options?.resource === undefined
        ? `the message names no resource${value.resourceForm === 'thisResource' ? ' (it says `on this resource`)' : ''}: evaluated on \`*\``
        : `the message names no resource: evaluated on \`${resource}\` as given`,
    );
  }
  const request: RequestInput = {
    principal: value.principal === 'anonymous' ? '*' : value.principal,
    action: value.action,
    resource,
    ...(options?.resourceAccount === undefined ? {} : { resourceAccount: options.resourceAccount }),
    ...(context === undefined ? {} : { context }),
  };
  const input: EvaluationInput = { request, policies };
  const result = evaluate(input, options);
  const explanation = explain(input, result, options);
  const verdict = compareWithMessage(value, input, result, options);
  if (value.policyArn !== undefined) notes.push(`the message names the denying policy \`${value.policyArn}\``);
  if (value.encodedAuthorizationMessage) {
    notes.push(
      'the message carries an encoded authorization failure message: `aws sts decode-authorization-message` shows the statement AWS matched',
    );
  }
  return {
    ok: true,
    parsed: value,
    input,
    result,
    explanation,
    agrees: verdict.agrees,
    differences: verdict.differences,
    notes: [...notes, ...verdict.notes],
  };
}
