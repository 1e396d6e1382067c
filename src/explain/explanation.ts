import type {
  Decision,
  ConditionTrace,
  ElementTrace,
  StatementRef,
  PolicyTypeOutcome,
  ServiceRuleRef,
} from '../model/evaluation-result.js';
import type { PolicyType } from '../model/policy-type.js';
import type { ContextValue, RequestInput } from '../model/request.js';

/**
 * One line of a policy's source text, 1-based.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { SourceLine } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const line: SourceLine | undefined = e.deciding?.source?.lines[0];
 * line?.number; //=> 1
 * ```
 */
export interface SourceLine {
  readonly number: number;
  readonly text: string;
}

/**
 * A mark under part of a source line: `^^^^` under the element that matched (or failed).
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { SourceMarker } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const marks: readonly SourceMarker[] = e.deciding?.source?.markers ?? [];
 * marks.map((m) => m.label); //=> ['`s3:*` matches action `s3:GetObject`', '`*` matches resource `*`', 'true: the request has `false`']
 * ```
 */
export interface SourceMarker {
  readonly line: number;
  /** 1-based, inclusive. */
  readonly column: number;
  /** 1-based, exclusive. */
  readonly endColumn: number;
  /** What the mark shows, e.g. `action matches \`iam:DeleteRole\``. */
  readonly label: string;
  /** Whether the marked element let the statement apply. */
  readonly matched: boolean;
}

/**
 * The lines of one statement, with marks.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { SourceExcerpt } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const excerpt: SourceExcerpt | undefined = e.deciding?.source;
 * excerpt?.lines.length; //=> 1
 * ```
 */
export interface SourceExcerpt {
  readonly lines: readonly SourceLine[];
  readonly markers: readonly SourceMarker[];
}

/**
 * A change of one context key, as the search found it and re-evaluation verified it.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { ContextChange } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const change: ContextChange | undefined = e.denies[0]?.changes[0];
 * [change?.key, change?.value, change?.derived, change?.decisionAfter]; //=> ['aws:SecureTransport', true, false, 'ImplicitDeny']
 * ```
 */
export interface ContextChange {
  /** The key as written in the policy. */
  readonly key: string;
  /**
   * - `set`: the key carries `value` (a scalar or a list);
   * - `remove`: the request carries no value for the key.
   */
  readonly kind: 'set' | 'remove';
  readonly value?: ContextValue;
  /** In words: `` `aws:MultiFactorAuthPresent` = `true` ``, `` `aws:TagKeys` including `Production` ``. */
  readonly description: string;
  /** The key is derived (from the principal, the resource or `now`): the change means a different request, not a different context. */
  readonly derived: boolean;
  /** The decision of the whole request with this change alone. */
  readonly decisionAfter: Decision;
}

/**
 * One condition, with the request's values against the policy's.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { ConditionExplanation } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const condition: ConditionExplanation | undefined = e.deciding?.conditions[0];
 * condition?.text; //=> '`aws:SecureTransport` Bool `false`: request `false`: true, a value matched'
 * ```
 */
export interface ConditionExplanation {
  readonly trace: ConditionTrace;
  /** In words: `` `aws:SourceVpce` StringNotEqualsIfExists `vpce-11111`: request has `vpce-22222`: true (no value matched) ``. */
  readonly text: string;
}

/**
 * What a statement did with the request, with its source.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { StatementExplanation } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const statement: StatementExplanation | undefined = e.deciding;
 * [statement?.ref.sid, statement?.effect, statement?.matched]; //=> ['TlsOnly', 'Deny', true]
 * ```
 */
export interface StatementExplanation {
  readonly ref: StatementRef;
  readonly effect: 'Allow' | 'Deny';
  readonly matched: boolean;
  readonly elements: readonly ElementTrace[];
  readonly conditions: readonly ConditionExplanation[];
  /** Absent when the source text was not available. */
  readonly source?: SourceExcerpt;
}

/**
 * A Deny that matched, and the smallest context changes that make it stop applying.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { DenyExplanation } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const deny: DenyExplanation | undefined = e.denies[0];
 * deny?.changes.map((c) => c.description); //=> ['`aws:SecureTransport` = `true`']
 * ```
 */
export interface DenyExplanation {
  readonly statement: StatementExplanation;
  /** Verified single-key changes; empty when none exists. */
  readonly changes: readonly ContextChange[];
  /** Why no change of context helps, when `changes` is empty. */
  readonly noChangeReason?: string;
}

/**
 * Why one Allow statement of a layer that failed to allow did not apply.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { NearMiss } from 'iam-policy-evaluator';
 * const readOnly = '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 'ec2:RunInstances', resource: '*' };
 * const e = explain({ request, policies: { identity: [{ id: 'ReadOnly', document: readOnly }] } });
 * const miss: NearMiss | undefined = e.notAllowed[0]?.closest[0];
 * [miss?.failedElement, miss?.reason]; //=> ['Action', 'action `ec2:RunInstances` does not match Action `"ec2:Describe*"`']
 * ```
 */
export interface NearMiss {
  readonly statement: StatementExplanation;
  /** The first thing that failed: `Action`, `Resource`, `Principal` (or their `Not…` forms), or `Condition`. */
  readonly failedElement: ElementTrace['element'] | 'Condition';
  /** The conditions that failed, when `failedElement` is `Condition`. */
  readonly failedConditions: readonly ConditionTrace[];
  /** In words: `` action `ec2:RunInstances` is not in `ec2:Describe*` ``. */
  readonly reason: string;
  /** Verified context changes that make this statement apply: alternatives, or all together when `allChangesRequired`. */
  readonly changes: readonly ContextChange[];
  /** Several conditions failed: only every change of `changes` together makes the statement apply. */
  readonly allChangesRequired: boolean;
}

/**
 * A policy type that failed to allow, with its closest statements.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { LayerExplanation } from 'iam-policy-evaluator';
 * const readOnly = '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 'ec2:RunInstances', resource: '*' };
 * const e = explain({ request, policies: { identity: [{ id: 'ReadOnly', document: readOnly }] } });
 * const layer: LayerExplanation | undefined = e.notAllowed[0];
 * [layer?.policyType, layer?.outcome, layer?.closest.length]; //=> ['identity', 'doesNotAllow', 1]
 * ```
 */
export interface LayerExplanation {
  readonly policyType: PolicyType;
  readonly outcome: PolicyTypeOutcome;
  readonly reason: string;
  /** The Allow statements that came closest to applying, closest first; empty when the layer has none. */
  readonly closest: readonly NearMiss[];
}

/**
 * The structured answer of `explain`. `formatExplanation` turns it into text.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { Explanation } from 'iam-policy-evaluator';
 * const tlsOnly = '{"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } };
 * const e = explain({ request, policies: { identity: [{ id: 'TlsOnly', document: tlsOnly }] } });
 * const explanation: Explanation = e;
 * explanation.summary; //=> 'explicit deny in an identity-based policy: identity-based policy `TlsOnly`, statement 0 (Sid `TlsOnly`), line 1, column 40'
 * ```
 */
export interface Explanation {
  readonly decision: Decision;
  readonly request: RequestInput;
  /** One line: `explicit deny in an identity-based policy: \`DenyDeleteRole\` statement 0 (Sid \`…\`) line 4`. */
  readonly summary: string;
  /** For a deny: the AWS AccessDenied wording. */
  readonly message?: string;
  /** The service rule that decided, when one did (docs/service-rules.md). */
  readonly serviceRule?: ServiceRuleRef;
  /** The deciding statement: the deciding Deny, or the first statement that allowed. */
  readonly deciding?: StatementExplanation;
  /** ExplicitDeny: every Deny that matched, with what would make each stop applying. */
  readonly denies: readonly DenyExplanation[];
  /** ImplicitDeny: each layer that failed to allow. */
  readonly notAllowed: readonly LayerExplanation[];
  /** Allow: every statement that granted it. */
  readonly allows: readonly StatementExplanation[];
  /** Keys the policies test that the request did not carry, sorted. */
  readonly missingContextKeys: readonly string[];
  /**
   * What the service catalogue adds (docs/catalogue.md, CAT-10): what a deciding wildcard covered (`` `s3:Get*`
   * matched `s3:GetObject` (one of 63 actions it covers) ``), the request's catalogue warnings, and missing keys the
   * action never carries. Empty without a catalogue.
   */
  readonly catalogueNotes: readonly string[];
  /** Context keys the engine derived from the principal, the resource (EV-16) or `now`, as `key=value`. */
  readonly derivedContext: readonly string[];
  /** The decision flow, one line a step, from the trace. */
  readonly steps: readonly string[];
  /** The IAM-SEMANTICS [X] items this decision relied on. */
  readonly choices: readonly string[];
}
