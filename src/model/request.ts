/**
 * One value a request context key can carry: condition operators read strings, numbers and booleans alike, each by
 * its own rules.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ContextScalar } from 'iam-policy-evaluator';
 * const condition = { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' }, Bool: { 'aws:SecureTransport': 'true' } };
 * const policy = { id: 'mfa', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] } };
 * const age: ContextScalar = 300;
 * const secure: ContextScalar = true;
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*', context: { 'aws:MultiFactorAuthAge': age, 'aws:SecureTransport': secure } };
 * evaluate({ request, policies: { identity: [policy] } }).decision; //=> 'Allow'
 * ```
 */
export type ContextScalar = string | number | boolean;

/**
 * A context value: a scalar, or an array, which always makes the key multivalued (IAM-SEMANTICS C-29) so that
 * `ForAllValues`/`ForAnyValue` conditions compare it as a set.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { ContextValue } from 'iam-policy-evaluator';
 * const condition = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } };
 * const policy = { id: 'tags', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:TagRole', Resource: '*', Condition: condition }] } };
 * const decide = (tagKeys: ContextValue) =>
 *   evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:TagRole', resource: '*', context: { 'aws:TagKeys': tagKeys } }, policies: { identity: [policy] } }).decision;
 * decide(['team', 'env']); //=> 'Allow'
 * decide(['team', 'owner']); //=> 'ImplicitDeny'
 * ```
 */
export type ContextValue = ContextScalar | readonly ContextScalar[];

/**
 * The request being authorized: who asks, for which action on which resource, with which context (one action and one
 * resource, as AWS authorizes them: IAM-SEMANTICS E-2).
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { RequestInput } from 'iam-policy-evaluator';
 * const request: RequestInput = {
 *   principal: 'arn:aws:iam::123456789012:user/alice',
 *   action: 's3:GetObject',
 *   resource: 'arn:aws:s3:::reports/q1.csv',
 *   resourceAccount: '123456789012',
 *   context: { 'aws:SecureTransport': true },
 * };
 * const read = { id: 'read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] } };
 * evaluate({ request, policies: { identity: [read] } }).decision; //=> 'Allow'
 * ```
 */
export interface RequestInput {
  /** Caller ARN: IAM user, role session (`arn:aws:sts::A:assumed-role/R/S`), federated user, account root, `*` for anonymous, or a service principal name. */
  readonly principal: string;
  /** `service:Action`. */
  readonly action: string;
  /** The resource ARN, or `*`. */
  readonly resource: string;
  /** The owning account when the ARN has none (S3 buckets). */
  readonly resourceAccount?: string;
  /** Context keys, case-insensitive; a supplied value always wins over a derived one. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/**
 * A policy document as the caller gives it, with the id that traces and messages name it by. Give JSON text to get
 * line and column numbers of that text.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { PolicySource } from 'iam-policy-evaluator';
 * const source: PolicySource = {
 *   id: 'read-reports',
 *   document: '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n}',
 * };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }, policies: { identity: [source] } });
 * result.allowedBy[0]?.line; //=> 3
 * ```
 */
export interface PolicySource {
  readonly id: string;
  /** JSON text (positions come from it) or a parsed object (positions refer to its 2-space rendering). */
  readonly document: string | object;
  /**
   * The policy is an AWS managed policy, so the size limit of customer managed policies does not bind it (§12.1,
   * docs/policy-grammar.md). Absent: an id that is an AWS managed policy ARN (`arn:aws:iam::aws:policy/…`) says so;
   * `false` checks the size even then.
   */
  readonly awsManaged?: boolean;
}

/**
 * The policies attached at one level of an organization path (root, an OU, the account): SCPs and RCPs must allow at
 * every level, so each level is kept apart.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { OrgLevel } from 'iam-policy-evaluator';
 * const fullAccess = { id: 'FullAWSAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
 * const stay = { id: 'DenyLeaveOrg', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] } };
 * const levels: OrgLevel[] = [
 *   { target: 'r-root', policies: [fullAccess] },
 *   { target: '123456789012', policies: [fullAccess, stay] },
 * ];
 * const result = evaluate({
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'organizations:LeaveOrganization', resource: '*' },
 *   policies: { identity: [fullAccess], serviceControlPolicies: levels },
 * });
 * result.deniedBy?.orgLevel; //=> '123456789012'
 * ```
 */
export interface OrgLevel {
  /** `r-root`, `ou-…` or the account id; the list runs root first, account last. */
  readonly target: string;
  readonly policies: readonly PolicySource[];
}

/**
 * Every policy that applies to one request, by type: the evaluator needs them all at once, since a Deny anywhere wins
 * and some types must each allow.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { PolicySet } from 'iam-policy-evaluator';
 * const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
 * const s3Only = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
 * const policies: PolicySet = {
 *   identity: [{ id: 'admin', document: allowAll }],
 *   permissionsBoundary: { id: 's3-only', document: s3Only },
 * };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:CreateUser', resource: '*' }, policies });
 * result.decision; //=> 'ImplicitDeny'
 * result.notAllowedBy; //=> 'permissionsBoundary'
 * ```
 */
export interface PolicySet {
  readonly identity?: readonly PolicySource[];
  /** The target's resource-based policy; for `sts:AssumeRole*` on a role: its trust policy. */
  readonly resource?: PolicySource;
  readonly permissionsBoundary?: PolicySource;
  readonly session?: readonly PolicySource[];
  /** The principal's account path. */
  readonly serviceControlPolicies?: readonly OrgLevel[];
  /** The resource's account path. */
  readonly resourceControlPolicies?: readonly OrgLevel[];
  /** The endpoint the request came through. */
  readonly vpcEndpoint?: readonly PolicySource[];
}

/**
 * The input of `evaluate`: one request and the policies that apply to it.
 *
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * import type { EvaluationInput } from 'iam-policy-evaluator';
 * const input: EvaluationInput = {
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: 'arn:aws:iam::123456789012:role/ci' },
 *   policies: { identity: [] },
 * };
 * evaluate(input).decision; //=> 'ImplicitDeny'
 * ```
 */
export interface EvaluationInput {
  readonly request: RequestInput;
  readonly policies: PolicySet;
}

/**
 * Where a context value came from, so a trace can tell a value the caller supplied from one derived from the principal.
 *
 * @example
 * ```ts
 * import { createRequestContext } from 'iam-policy-evaluator';
 * import type { ContextKeyOrigin } from 'iam-policy-evaluator';
 * const context = createRequestContext({ 'aws:SourceIp': '203.0.113.7' }, { 'aws:username': 'alice' });
 * const origin: ContextKeyOrigin | undefined = context.get('aws:username')?.origin;
 * origin; //=> 'derived'
 * context.get('aws:SourceIp')?.origin; //=> 'supplied'
 * ```
 */
export type ContextKeyOrigin = 'supplied' | 'derived';

/**
 * A key as looked up in the request context: its values as a list (one for a single-valued key), whether it is
 * multivalued, and where it came from.
 *
 * @example
 * ```ts
 * import { createRequestContext } from 'iam-policy-evaluator';
 * import type { ContextEntry } from 'iam-policy-evaluator';
 * const entry: ContextEntry | undefined = createRequestContext({ 'aws:TagKeys': ['team'] }).get('AWS:TAGKEYS');
 * entry; //=> { key: 'aws:TagKeys', values: ['team'], multivalued: true, origin: 'supplied' }
 * ```
 */
export interface ContextEntry {
  /** The key as supplied or derived (original case). */
  readonly key: string;
  readonly values: readonly ContextScalar[];
  readonly multivalued: boolean;
  readonly origin: ContextKeyOrigin;
}

/**
 * Read-only, case-insensitive view of a request context, safe for any key (`__proto__`, `constructor`), built once per
 * request so conditions look keys up without copying.
 *
 * @example
 * ```ts
 * import { createRequestContext } from 'iam-policy-evaluator';
 * import type { RequestContextView } from 'iam-policy-evaluator';
 * const context: RequestContextView = createRequestContext({ 'aws:PrincipalTag/Team': 'platform', 'aws:SecureTransport': true });
 * context.get('aws:principaltag/team')?.values; //=> ['platform']
 * context.get('__proto__'); //=> undefined
 * context.entries().map((entry) => entry.key); //=> ['aws:PrincipalTag/Team', 'aws:SecureTransport']
 * ```
 */
export interface RequestContextView {
  /** Looks a key up case-insensitively, including the tag-key part of `…Tag/<key>` (G-30, G-32). */
  get(key: string): ContextEntry | undefined;
  /** Every key, in a stable order. */
  entries(): readonly ContextEntry[];
  /**
   * Reads the value at `index` of one of its entries with `read`, once per request: a view may keep what `read`
   * returned, so a value several conditions compare is parsed once (an IP address, a date). Absent: read each time.
   */
  readValue?<R>(entry: ContextEntry, index: number, read: (raw: ContextScalar) => R): R;
}
