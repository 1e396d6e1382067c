import type { Issue } from '../errors/issue.js';
import type { PolicyGrammar, PolicyType } from './policy-type.js';
import type { SourceSpan } from './source-span.js';

/**
 * The two `Version` values IAM accepts (IAM-SEMANTICS G-8); the version decides whether `${…}` is a policy variable,
 * and an absent `Version` means the legacy, variable-free reading (G-9).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { PolicyVersion } from 'iam-policy-evaluator';
 * const policy = loadPolicy({ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }, { policyType: 'identity', policyId: 'legacy' });
 * const version: PolicyVersion | undefined = policy.version;
 * version; //=> '2008-10-17'
 * ```
 */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/**
 * One piece of a pre-parsed string that may hold policy variables (IAM-SEMANTICS §8), split once so that requests
 * only fill in values:
 * - `text`: literal text in which `*` and `?` keep their wildcard meaning where the operator has one;
 * - `escape`: `${*}`, `${?}` or `${$}`, always the literal character, never a wildcard (PV-7);
 * - `variable`: `${key}` or `${key, 'default'}`; `key` is lower-cased (PV-1).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { TemplatePart } from 'iam-policy-evaluator';
 * const policy = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/${*}' } },
 *   { policyType: 'identity', policyId: 'home' },
 * );
 * const parts: readonly TemplatePart[] = policy.statements[0]?.resource?.patterns[0]?.template.parts ?? [];
 * parts.map((part) => part.kind); //=> ['text', 'variable', 'text', 'escape']
 * ```
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'escape'; readonly char: '*' | '?' | '$' }
  | { readonly kind: 'variable'; readonly key: string; readonly name: string; readonly defaultValue?: string };

/**
 * A string value split into literal text, escapes and variables, once, at normalization time, so evaluation never
 * re-parses it. Under `2008-10-17` or without `Version` it is a single `text` part: `${…}` is literal (G-9).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { Template } from 'iam-policy-evaluator';
 * const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' };
 * const current = loadPolicy({ Version: '2012-10-17', Statement: statement }, { policyType: 'identity', policyId: 'home' });
 * const legacy = loadPolicy({ Version: '2008-10-17', Statement: statement }, { policyType: 'identity', policyId: 'home' });
 * const template: Template | undefined = current.statements[0]?.resource?.patterns[0]?.template;
 * template?.hasVariables; //=> true
 * legacy.statements[0]?.resource?.patterns[0]?.template.hasVariables; //=> false
 * ```
 */
export interface Template {
  readonly raw: string;
  readonly parts: readonly TemplatePart[];
  readonly hasVariables: boolean;
}

/**
 * One entry of `Action` or `NotAction`, kept as written for messages and lower-cased for matching (G-22).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { ActionPattern } from 'iam-policy-evaluator';
 * const policy = loadPolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'S3:Get*', Resource: '*' } }, { policyType: 'identity', policyId: 'read' });
 * const pattern: ActionPattern | undefined = policy.statements[0]?.action.patterns[0];
 * pattern?.raw; //=> 'S3:Get*'
 * pattern?.pattern; //=> 's3:get*'
 * ```
 */
export interface ActionPattern {
  readonly raw: string;
  /** Lower-cased: actions match case-insensitively (G-22). */
  readonly pattern: string;
  readonly span: SourceSpan;
}

/**
 * `Action` or `NotAction`, always a list (G-4), so the evaluator has one shape to match. An empty list makes the
 * statement inert (G-7).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { ActionElement } from 'iam-policy-evaluator';
 * const policy = loadPolicy({ Version: '2012-10-17', Statement: { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' } }, { policyType: 'identity', policyId: 'no-iam' });
 * const action: ActionElement | undefined = policy.statements[0]?.action;
 * action?.negated; //=> true
 * action?.patterns.map((p) => p.raw); //=> ['iam:*', 'sts:*']
 * ```
 */
export interface ActionElement {
  readonly negated: boolean;
  readonly patterns: readonly ActionPattern[];
  readonly span: SourceSpan;
}

/**
 * One entry of `Resource` or `NotResource`: the text as written, its template for variable substitution, and where it
 * stands, so a trace can point at it.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { ResourcePattern } from 'iam-policy-evaluator';
 * const policy = loadPolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' } }, { policyType: 'identity', policyId: 'logs' });
 * const resource: ResourcePattern | undefined = policy.statements[0]?.resource?.patterns[0];
 * resource?.raw; //=> 'arn:aws:s3:::logs/*'
 * resource?.span.pointer; //=> '/Statement/Resource'
 * ```
 */
export interface ResourcePattern {
  readonly raw: string;
  readonly template: Template;
  readonly span: SourceSpan;
}

/**
 * `Resource` or `NotResource`, always a list, so a single string and an array match the same way (G-4).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { ResourceElement } from 'iam-policy-evaluator';
 * const policy = loadPolicy({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::public/*' } }, { policyType: 'identity', policyId: 'private' });
 * const resource: ResourceElement | undefined = policy.statements[0]?.resource;
 * resource?.negated; //=> true
 * resource?.patterns.length; //=> 1
 * ```
 */
export interface ResourceElement {
  readonly negated: boolean;
  readonly patterns: readonly ResourcePattern[];
  readonly span: SourceSpan;
}

/**
 * What a principal value names (IAM-SEMANTICS G-15), decided once when the policy is read, so matching a caller needs
 * no ARN parsing.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { PrincipalKind } from 'iam-policy-evaluator';
 * const trust = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: ['111122223333', 'arn:aws:iam::444455556666:role/ci'], Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' } },
 *   { policyType: 'roleTrust', policyId: 'trust' },
 * );
 * const kinds: PrincipalKind[] = trust.statements[0]?.principal?.values.map((v) => v.kind) ?? [];
 * kinds; //=> ['account', 'role', 'service']
 * ```
 */
export type PrincipalKind =
  | 'everyone'
  | 'account'
  | 'user'
  | 'role'
  | 'assumedRoleSession'
  | 'federatedUser'
  | 'uniqueId'
  | 'service'
  | 'federated'
  | 'canonicalUser';

/**
 * One principal named by `Principal` or `NotPrincipal`, in canonical form (an account id becomes its root ARN) so that
 * equal principals compare equal.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { PrincipalValue } from 'iam-policy-evaluator';
 * const trust = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' } },
 *   { policyType: 'roleTrust', policyId: 'trust' },
 * );
 * const principal: PrincipalValue | undefined = trust.statements[0]?.principal?.values[0];
 * principal?.raw; //=> '111122223333'
 * principal?.value; //=> 'arn:aws:iam::111122223333:root'
 * principal?.accountId; //=> '111122223333'
 * ```
 */
export interface PrincipalValue {
  /** The map key it was listed under; `*` for the bare `"Principal": "*"`. */
  readonly type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  readonly raw: string;
  /** Canonical form: a 12-digit account becomes `arn:aws:iam::ID:root`; `*` stays `*`. */
  readonly value: string;
  readonly kind: PrincipalKind;
  /** The account the value belongs to, when it names one. */
  readonly accountId?: string;
  readonly span: SourceSpan;
}

/**
 * `Principal` or `NotPrincipal`, always a list, whatever map keys (`AWS`, `Service`, …) the document used.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { PrincipalElement } from 'iam-policy-evaluator';
 * const bucket = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: '111122223333', Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' } },
 *   { policyType: 'resource', policyId: 'logs-bucket' },
 * );
 * const principal: PrincipalElement | undefined = bucket.statements[0]?.principal;
 * principal?.negated; //=> false
 * principal?.values.map((v) => v.type); //=> ['AWS', 'Service']
 * ```
 */
export interface PrincipalElement {
  readonly negated: boolean;
  readonly values: readonly PrincipalValue[];
  readonly span: SourceSpan;
}

/**
 * `ForAllValues` or `ForAnyValue` (IAM-SEMANTICS §7.11): how a condition compares a multivalued key, split off the
 * operator name.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { SetQualifier } from 'iam-policy-evaluator';
 * const policy = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } } } },
 *   { policyType: 'identity', policyId: 'tags' },
 * );
 * const qualifier: SetQualifier | undefined = policy.statements[0]?.conditions[0]?.qualifier;
 * qualifier; //=> 'ForAllValues'
 * ```
 */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/**
 * One value listed for a condition key, kept as written and as text, since bare numbers and booleans compare as their
 * text (G-5).
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { ConditionValue } from 'iam-policy-evaluator';
 * const policy = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } } },
 *   { policyType: 'identity', policyId: 'tls-only' },
 * );
 * const value: ConditionValue | undefined = policy.statements[0]?.conditions[0]?.values[0];
 * value?.raw; //=> false
 * value?.text; //=> 'false'
 * ```
 */
export interface ConditionValue {
  /** As written in the JSON: numbers and booleans may be unquoted (G-5). */
  readonly raw: string | number | boolean;
  /** `String(raw)`: bare numbers and booleans are read as their text (G-5 [X], docs/evaluation-logic.md). */
  readonly text: string;
  /** Present when the operator accepts variables and the version enables them (PV-2, G-9). */
  readonly template?: Template;
  readonly span: SourceSpan;
}

/**
 * One (operator, key) pair of a `Condition` block, with its modifiers split off once, so that the registry looks up the
 * base operator only.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { ConditionEntry } from 'iam-policy-evaluator';
 * const policy = loadPolicy(
 *   { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { 'ForAnyValue:StringNotLikeIfExists': { 'aws:TagKeys': 'tmp-*' } } } },
 *   { policyType: 'identity', policyId: 'tags' },
 * );
 * const entry: ConditionEntry | undefined = policy.statements[0]?.conditions[0];
 * entry?.baseOperator; //=> 'StringNotLike'
 * entry?.ifExists; //=> true
 * entry?.key; //=> 'aws:tagkeys'
 * entry?.values.map((v) => v.text); //=> ['tmp-*']
 * ```
 */
export interface ConditionEntry {
  /** As written, e.g. `ForAllValues:StringNotLikeIfExists`. */
  readonly operator: string;
  /** The registry name, e.g. `StringNotLike`. */
  readonly baseOperator: string;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
  /** Lower-cased: keys are case-insensitive (G-30). */
  readonly key: string;
  readonly keyAsWritten: string;
  /** Always a list; may be empty (C-27). */
  readonly values: readonly ConditionValue[];
  /** The span of the operator's member (`"StringEquals": {…}`). */
  readonly operatorSpan: SourceSpan;
  /** The span of the key's member (`"aws:SourceVpce": …`). */
  readonly span: SourceSpan;
}

/**
 * One statement in canonical form: every element a list, every condition split into (operator, key) pairs, every part
 * with its source span, so the evaluator reads no raw JSON.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { NormalizedStatement } from 'iam-policy-evaluator';
 * const policy = loadPolicy(
 *   { Version: '2012-10-17', Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
 *   { policyType: 'identity', policyId: 'reports' },
 * );
 * const statement: NormalizedStatement | undefined = policy.statements[0];
 * statement?.sid; //=> 'ReadReports'
 * statement?.effect; //=> 'Allow'
 * statement?.conditions; //=> []
 * ```
 */
export interface NormalizedStatement {
  /** 0-based position within its policy. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action: ActionElement;
  /** Absent only in role trust policies, where it means the role itself. */
  readonly resource?: ResourceElement;
  readonly principal?: PrincipalElement;
  /** Every (operator, key) pair, in document order. Empty when the statement has no `Condition`. */
  readonly conditions: readonly ConditionEntry[];
  readonly span: SourceSpan;
  readonly effectSpan: SourceSpan;
  readonly conditionSpan?: SourceSpan;
}

/**
 * A policy after parsing and normalization: frozen, built once, consumed by the evaluator without re-parsing.
 *
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import type { NormalizedPolicy } from 'iam-policy-evaluator';
 * const policy: NormalizedPolicy = loadPolicy(
 *   '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}}',
 *   { policyType: 'identity', policyId: 'send' },
 * );
 * policy.policyId; //=> 'send'
 * policy.statements.length; //=> 1
 * policy.warnings; //=> []
 * Object.isFrozen(policy); //=> true
 * ```
 */
export interface NormalizedPolicy {
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly grammar: PolicyGrammar;
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly NormalizedStatement[];
  /** The text every span refers to: the user's text, or the 2-space rendering of an object. */
  readonly source: string;
  /** Warnings found while parsing; a policy with errors is never normalized. */
  readonly warnings: readonly Issue[];
}
