import type { Catalogue } from './catalogue.js';
import type { RequestIssue } from '../errors/request-validation-error.js';
import type { ContextScalar } from './request.js';
import type { PolicyType } from './policy-type.js';
import type { SetQualifier } from './normalized-policy.js';
import type { SourceSpan } from './source-span.js';

/**
 * The three answers AWS gives; both denies refuse the request, but only an explicit deny cannot be overridden by
 * adding an Allow.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { Decision } from 'iam-policy-evaluator';
 * const decision: Decision = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: {} }).decision;
 * decision; //=> 'ImplicitDeny'
 * ```
 */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/**
 * Names one statement of one policy, with its position in the source, so a result can say which statement decided and
 * an editor can jump to it.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { StatementRef } from 'iam-policy-evaluator';
 * const read = { id: 'read', document: '{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}' };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [read] } });
 * const ref: StatementRef | undefined = result.allowedBy[0];
 * ref; //=> { policyType: 'identity', policyId: 'read', statementIndex: 0, sid: 'Read', line: 1, column: 41 }
 * ```
 */
export interface StatementRef {
  readonly policyType: PolicyType;
  readonly policyId: string;
  /** 0-based within its policy. */
  readonly statementIndex: number;
  /** Absent, not empty, when the statement has no Sid. */
  readonly sid?: string;
  /** 1-based line of the statement's opening brace. */
  readonly line: number;
  /** 1-based column of the statement's opening brace. */
  readonly column: number;
  /** The organization level (`r-root`, `ou-…`, account id) for SCPs and RCPs. */
  readonly orgLevel?: string;
}

/**
 * Whether a condition key was given by the caller, derived from the principal, or missing, so a trace shows why a
 * condition had nothing to compare.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ConditionKeyStatus } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const status: ConditionKeyStatus | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity')?.policies[0]?.statements[0]?.conditions[0]?.keyStatus;
 * status; //=> 'missing'
 * ```
 */
export type ConditionKeyStatus = 'supplied' | 'derived' | 'missing';

/**
 * How one (operator, key) pair of a condition evaluated: the values on both sides, which matched, and the outcome in
 * words, so a failed condition explains itself.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ConditionTrace } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const condition: ConditionTrace | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity')?.policies[0]?.statements[0]?.conditions[0];
 * condition?.key; //=> 'aws:MultiFactorAuthPresent'
 * condition?.policyValues; //=> ['true']
 * condition?.result; //=> false
 * condition?.reason; //=> 'key missing'
 * ```
 */
export interface ConditionTrace {
  /** As written, e.g. `ForAllValues:StringNotLike`. */
  readonly operator: string;
  readonly baseOperator: string;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
  /** The key as written in the policy. */
  readonly key: string;
  readonly keyStatus: ConditionKeyStatus;
  readonly requestValues: readonly ContextScalar[];
  /** Policy values after variable substitution. */
  readonly policyValues: readonly string[];
  /** The policy values that matched at least one request value. */
  readonly matchedPolicyValues: readonly string[];
  /** The request values that matched at least one policy value. */
  readonly matchedRequestValues: readonly ContextScalar[];
  readonly result: boolean;
  /** Why, in words: `key missing, IfExists makes it true`, `no value matched`. */
  readonly reason: string;
  /** The first of `choices`, kept for readers that show one. */
  readonly choice?: string;
  /** Every IAM-SEMANTICS item whose undocumented ([X]) behaviour this outcome relies on, in a stable order. */
  readonly choices: readonly string[];
  readonly span: SourceSpan;
}

/**
 * How Action, Resource or Principal matched, with the listed value that matched and where it stands in the policy.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ElementTrace } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const action: ElementTrace | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity')?.policies[0]?.statements[0]?.action;
 * action?.matched; //=> true
 * action?.matchedValue; //=> 's3:GetObject'
 * action?.reason; //=> '`s3:GetObject` matches `s3:GetObject`'
 * ```
 */
export interface ElementTrace {
  readonly element: 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';
  /** Whether the element lets the statement apply (for `Not…`, that no listed value matched). */
  readonly matched: boolean;
  /** The listed value that matched the request, if any (as written, after variable substitution for resources). */
  readonly matchedValue?: string;
  /** The span of that value, or of the whole element when none matched. */
  readonly span: SourceSpan;
  readonly reason: string;
}

/**
 * How one statement fared: each element and condition, so a statement that did not match shows which part failed.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { StatementTrace } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const statement: StatementTrace | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity')?.policies[0]?.statements[0];
 * statement?.matched; //=> false
 * statement?.conditions.map((c) => c.result); //=> [false]
 * ```
 */
export interface StatementTrace {
  readonly ref: StatementRef;
  readonly effect: 'Allow' | 'Deny';
  /** True when every element and condition holds. */
  readonly matched: boolean;
  readonly action: ElementTrace;
  /** Absent for a trust-policy statement without Resource. */
  readonly resource?: ElementTrace;
  readonly principal?: ElementTrace;
  readonly conditions: readonly ConditionTrace[];
  readonly span: SourceSpan;
}

/**
 * How one policy fared: every statement of it, in document order.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { PolicyTrace } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const policy: PolicyTrace | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity')?.policies[0];
 * policy?.policyId; //=> 'mfa-read'
 * policy?.statements.length; //=> 1
 * ```
 */
export interface PolicyTrace {
  readonly policyId: string;
  readonly orgLevel?: string;
  readonly statements: readonly StatementTrace[];
}

/**
 * How a policy type fared as a whole: the combiner decides from these outcomes alone (docs/evaluation-logic.md).
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { PolicyTypeOutcome } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const outcome: PolicyTypeOutcome | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity')?.outcome;
 * outcome; //=> 'doesNotAllow'
 * ```
 */
export type PolicyTypeOutcome = 'allows' | 'doesNotAllow' | 'explicitlyDenies' | 'notApplicable';

/**
 * One policy type's part in the decision: its outcome, why, and the trace of each of its policies.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { PolicyTypeTrace } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * const identity: PolicyTypeTrace | undefined = result.trace.policyTypes.find((t) => t.policyType === 'identity');
 * identity?.reason; //=> 'no identity-based policy allows `s3:GetObject` on `*`'
 * result.trace.policyTypes.filter((t) => t.outcome !== 'notApplicable').map((t) => t.policyType); //=> ['identity']
 * ```
 */
export interface PolicyTypeTrace {
  readonly policyType: PolicyType;
  readonly outcome: PolicyTypeOutcome;
  /** Why, in words, e.g. `no statement at level ou-1234 allows the request`. */
  readonly reason: string;
  readonly policies: readonly PolicyTrace[];
}

/**
 * A context key derived from the principal because the caller did not supply it, as AWS derives it for each request.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { DerivedContextKey } from 'iam-policy-evaluator';
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: {} });
 * const derived: readonly DerivedContextKey[] = result.trace.derivedContext;
 * derived.find((d) => d.key === 'aws:username'); //=> { key: 'aws:username', value: 'alice' }
 * ```
 */
export interface DerivedContextKey {
  readonly key: string;
  readonly value: ContextScalar;
}

/**
 * Everything the evaluation looked at, in a stable order: accounts, derived keys, every policy type's trace, the steps
 * of the decision flow and the undocumented behaviours ([X] choices) it relied on.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { EvaluationTrace } from 'iam-policy-evaluator';
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q1.csv', resourceAccount: '444455556666' }, policies: {} });
 * const trace: EvaluationTrace = result.trace;
 * trace.sameAccount; //=> false
 * trace.policyTypes.map((t) => t.policyType); //=> ['scp', 'rcp', 'vpcEndpoint', 'resource', 'identity', 'permissionsBoundary', 'session']
 * ```
 */
export interface EvaluationTrace {
  readonly principalAccount?: string;
  readonly resourceAccount?: string;
  readonly sameAccount: boolean;
  readonly derivedContext: readonly DerivedContextKey[];
  /** Every policy type, in the stable order of docs/evaluation-logic.md. */
  readonly policyTypes: readonly PolicyTypeTrace[];
  /** The decision flow as taken, one line a step. */
  readonly steps: readonly string[];
  /** The IAM-SEMANTICS [X] items whose chosen behaviour this evaluation relied on. */
  readonly choices: readonly string[];
}

/**
 * The service rule that decided a request (docs/service-rules.md): an AWS rule of the service, not a policy
 * statement.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ServiceRuleRef } from 'iam-policy-evaluator';
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'sts:GetCallerIdentity', resource: '*' }, policies: {} });
 * const rule: ServiceRuleRef | undefined = result.serviceRule;
 * rule?.ruleId; //=> 'SR-1'
 * rule?.outcome; //=> 'alwaysAllowed'
 * ```
 */
export interface ServiceRuleRef {
  /** `SR-n`, defined in docs/service-rules.md. */
  readonly ruleId: string;
  readonly outcome: 'alwaysAllowed' | 'neverAllowed';
  /** What the rule says, in words. */
  readonly summary: string;
  /** The AWS page it rests on. */
  readonly source: string;
  /**
   * For `neverAllowed`: whether `message` is AWS's documented wording, wording observed in AWS responses, or the
   * engine's own (AWS documents none).
   */
  readonly messageWording?: 'documented' | 'observed' | 'engine';
}

/**
 * What every result holds, whatever the decision.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { EvaluationResultBase } from 'iam-policy-evaluator';
 * const result: EvaluationResultBase = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: {} });
 * result.missingContextKeys; //=> []
 * ```
 */
export interface EvaluationResultBase {
  readonly decision: Decision;
  /** Every Deny that matched. */
  readonly denies: readonly StatementRef[];
  /** Allow: the statements that granted it. */
  readonly allowedBy: readonly StatementRef[];
  /** Keys the policies test that the request did not carry, sorted. */
  readonly missingContextKeys: readonly string[];
  readonly trace: EvaluationTrace;
  /**
   * Problems of the request that did not stop it (RV-4, RV-5): an `aws:` context key that is no global key, or, with
   * `contextTypeMismatch: 'warning'`, a value of the wrong type. Present only when there is one.
   */
  readonly warnings?: readonly RequestIssue[];
}

/**
 * An `Allow`: `allowedBy` names the statements that granted it; there is no deciding Deny and no message.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { AllowResult } from 'iam-policy-evaluator';
 * const read = { id: 'read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [read] } });
 * const allowed: AllowResult | undefined = result.decision === 'Allow' ? result : undefined;
 * allowed?.allowedBy[0]?.policyId; //=> 'read'
 * ```
 */
export interface AllowResult extends EvaluationResultBase {
  readonly decision: 'Allow';
  readonly deniedBy?: undefined;
  readonly notAllowedBy?: undefined;
  readonly message?: undefined;
  /** An `alwaysAllowed` service rule allowed it (docs/service-rules.md); `allowedBy` is then empty. */
  readonly serviceRule?: ServiceRuleRef;
}

/**
 * An `ExplicitDeny`: `deniedBy` is the deciding Deny (the first in the stable order of docs/evaluation-logic.md) and
 * `message` the AWS AccessDenied wording (IAM-SEMANTICS §10).
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ExplicitDenyResult } from 'iam-policy-evaluator';
 * const deny = { id: 'no-delete', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:DeleteObject', resource: '*' }, policies: { identity: [deny] } });
 * const denied: ExplicitDenyResult | undefined = result.decision === 'ExplicitDeny' ? result : undefined;
 * denied?.deniedBy.policyId; //=> 'no-delete'
 * ```
 */
export interface ExplicitDenyResult extends EvaluationResultBase {
  readonly decision: 'ExplicitDeny';
  /** The deciding Deny, the first in the stable order of docs/evaluation-logic.md. */
  readonly deniedBy: StatementRef;
  readonly notAllowedBy?: undefined;
  /** The AWS AccessDenied wording (IAM-SEMANTICS §10). */
  readonly message: string;
  readonly serviceRule?: undefined;
}

/**
 * An `ImplicitDeny`: `notAllowedBy` is the policy type whose missing Allow decided, and `message` the AWS
 * AccessDenied wording (IAM-SEMANTICS §10).
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ImplicitDenyResult } from 'iam-policy-evaluator';
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: {} });
 * const notAllowed: ImplicitDenyResult | undefined =
 *   result.decision === 'ImplicitDeny' && result.serviceRule === undefined ? result : undefined;
 * notAllowed?.notAllowedBy; //=> 'identity'
 * ```
 */
export interface ImplicitDenyResult extends EvaluationResultBase {
  readonly decision: 'ImplicitDeny';
  readonly deniedBy?: undefined;
  /** The policy type whose missing Allow decided. */
  readonly notAllowedBy: PolicyType;
  /** The AWS AccessDenied wording (IAM-SEMANTICS §10). */
  readonly message: string;
  /** No service rule decided (that is a {@link ServiceRuleDenyResult}). */
  readonly serviceRule?: undefined;
}

/**
 * An `ImplicitDeny` decided by a `neverAllowed` service rule (docs/service-rules.md): no policy type is named, and
 * `message` is what AWS answers (see `serviceRule.messageWording`).
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ServiceRuleDenyResult } from 'iam-policy-evaluator';
 * const trust = { id: 'trust', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:root', action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/Admin' }, policies: { resource: trust } });
 * const refused: ServiceRuleDenyResult | undefined = result.serviceRule?.outcome === 'neverAllowed' ? (result as ServiceRuleDenyResult) : undefined;
 * refused?.message; //=> 'Roles may not be assumed by root accounts.'
 * ```
 */
export interface ServiceRuleDenyResult extends EvaluationResultBase {
  readonly decision: 'ImplicitDeny';
  readonly deniedBy?: undefined;
  readonly notAllowedBy?: undefined;
  readonly message: string;
  readonly serviceRule: ServiceRuleRef;
}

/**
 * The answer of `evaluate`: the decision, the statements that made it, the AWS AccessDenied message for a deny, the
 * context keys the request lacked, and the full trace. A union on `decision`: narrowing on it makes `deniedBy`
 * (ExplicitDeny), `notAllowedBy` (ImplicitDeny) and `message` (both denies) present.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { EvaluationResult } from 'iam-policy-evaluator';
 * const mfaRead = { id: 'mfa-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } };
 * const result: EvaluationResult = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [mfaRead] } });
 * result.decision; //=> 'ImplicitDeny'
 * result.notAllowedBy; //=> 'identity'
 * result.missingContextKeys; //=> ['aws:MultiFactorAuthPresent']
 * ```
 */
export type EvaluationResult = AllowResult | ExplicitDenyResult | ImplicitDenyResult | ServiceRuleDenyResult;

/**
 * How `evaluate` reads facts the request cannot carry. Every field is optional; the defaults are documented in
 * docs/evaluation-logic.md.
 *
 * @example
 * ```ts
 * import type { EvaluateOptions } from 'iam-policy-evaluator';
 * const options: EvaluateOptions = { now: '2024-05-01T12:00:00Z', managementAccountId: '999999999999' };
 * ```
 */
export interface EvaluateOptions {
  /**
   * The time of the request, giving `aws:CurrentTime` and `aws:EpochTime` unless the context supplies them: ISO 8601
   * text with a zone (or a date alone, midnight UTC), epoch milliseconds, or a `Date`. Without it (and without the
   * keys in the context) time keys are missing: the engine never reads the clock.
   */
  readonly now?: string | number | { getTime(): number };
  /**
   * The organization's management account: SCPs do not apply to its principals and RCPs do not apply to its
   * resources (IAM-SEMANTICS O-1, O-5).
   */
  readonly managementAccountId?: string;
  /**
   * Service prefixes RCPs constrain (O-7); an RCP never applies to an action of another service. Default:
   * `s3`, `sts`, `kms`, `sqs`, `secretsmanager`, `ecr`, `aoss`, `cognito-idp`, `logs`, `dynamodb`.
   */
  readonly rcpSupportedServices?: readonly string[];
  /**
   * `RCPFullAWSAccess` is attached to every root, OU and account and cannot be detached (O-14): when true (the
   * default) every RCP level allows and only RCP Deny statements count, as in AWS. When false every level is
   * evaluated strictly as given and needs a matching Allow of its own (O-10).
   */
  readonly implicitRcpFullAccess?: boolean;
  /**
   * For a federated-user caller (`arn:aws:sts::A:federated-user/N`): the ARN of the IAM user that called
   * GetFederationToken, so a resource policy naming that user applies to the session (§1.4 R2).
   */
  readonly federatedUserIssuerArn?: string;
  /**
   * M-5: when a policy's `id` is its ARN (starts with `arn:`), an explicit deny in an SCP, RCP, permissions boundary,
   * session or identity-based policy ends the `message` with `: <that ARN>`, as AWS does for same-account requests
   * (EV-15). Default `true`; `false` gives the message without it.
   */
  readonly messagePolicyArn?: boolean;
  /**
   * RV-4: what a context value of a global key of known type (IP address, date, boolean, number, ARN) that cannot be
   * read as that type is, such as `aws:SourceIp: '10.0.0.300'`. `error` (the default) refuses the request with a
   * `RequestValidationError`; `warning` decides it (the operator then finds no readable value, as a condition with an
   * unreadable value does) and lists the problem in `result.warnings`.
   */
  readonly contextTypeMismatch?: 'error' | 'warning';
  /**
   * Whether AWS's service rules decide the requests they cover (docs/service-rules.md): `sts:GetCallerIdentity`
   * cannot be denied, the root user cannot assume a role, AWS managed policies and service-linked roles cannot be
   * changed, and more. Default `true`; `false` models policy logic alone.
   */
  readonly serviceRules?: boolean;
  /**
   * The service catalogue results are checked against (docs/catalogue.md, CAT-10): an unknown action, a resource of a
   * type the action does not act on, or `*` for an action with resource types gives a warning in `result.warnings`.
   * Default: the bundled AWS catalogue (`awsCatalogue()`); `false` for none. It never changes a decision.
   */
  readonly catalogue?: Catalogue | false;
}
