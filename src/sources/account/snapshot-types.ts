// The public shapes of an account snapshot: what loadAccountSnapshot reads and what it gives back (docs/aws-inputs.md).
import type { EvaluateOptions } from '../../model/evaluation-result.js';
import type { EvaluationInput, PolicySource, RequestInput } from '../../model/request.js';
import type { AccountSnapshotIssue } from './snapshot-issues.js';

/**
 * The organization part of a snapshot (AS-13, AS-16): where each account sits and what is attached at each level.
 * Give the plain data form (`accounts`, `policiesByTarget`; the documented `org/` folder maps onto it), the JSON the
 * AWS CLI prints (`listParents`, `listPoliciesForTarget`, `describePolicy`), or both: an account's `accounts` path
 * wins over list-parents, and the policies of both forms add up per level.
 *
 * @example
 * ```ts
 * import type { OrganizationSnapshotInput } from 'iam-policy-evaluator';
 * const fullAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
 * const organization: OrganizationSnapshotInput = {
 *   managementAccountId: '999988887777',
 *   accounts: { '111122223333': { path: ['r-ex12', 'ou-ex12-aaaaaaaa'] } },
 *   policiesByTarget: {
 *     'r-ex12': { scp: [{ id: 'FullAWSAccess', document: fullAccess }] },
 *     'ou-ex12-aaaaaaaa': { scp: [{ id: 'FullAWSAccess', document: fullAccess }] },
 *     '111122223333': { scp: [{ id: 'FullAWSAccess', document: fullAccess }] },
 *   },
 * };
 * ```
 */
export interface OrganizationSnapshotInput {
  /** The management account: SCPs do not apply to its principals, RCPs not to its resources (O-1, O-5). */
  readonly managementAccountId?: string;
  /** By account id: its `path`, the root id then each OU id, down to (not including) the account. */
  readonly accounts?: Readonly<Record<string, { readonly path: readonly string[] }>>;
  /**
   * By target (root, OU or account id): the SCPs and RCPs attached there, each `{ id, document, awsManaged? }` or an
   * `aws organizations describe-policy` output (its id is then the policy ARN).
   */
  readonly policiesByTarget?: Readonly<
    Record<
      string,
      { readonly scp?: readonly (PolicySource | object)[]; readonly rcp?: readonly (PolicySource | object)[] }
    >
  >;
  /** By child id (account or OU): the output of `aws organizations list-parents --child-id <id>`. */
  readonly listParents?: Readonly<Record<string, object>>;
  /**
   * By target id: the output of `aws organizations list-policies-for-target --target-id <id> --filter …`, or a list of
   * them (one per filter).
   */
  readonly listPoliciesForTarget?: Readonly<Record<string, object | readonly object[]>>;
  /** Outputs of `aws organizations describe-policy --policy-id <id>`: the content of the listed policies. */
  readonly describePolicy?: readonly object[];
}

/**
 * What `loadAccountSnapshot` reads (AS-1), as parsed JSON: the GAAD of one or more accounts, optionally the
 * organization, and the resource-based policies by ARN.
 *
 * @example
 * ```ts
 * import { loadAccountSnapshot } from 'iam-policy-evaluator';
 * import type { AccountSnapshotInput } from 'iam-policy-evaluator';
 * const input: AccountSnapshotInput = {
 *   gaad: [{ UserDetailList: [], IsTruncated: true, Marker: 'm1' }, { RoleDetailList: [], IsTruncated: false }],
 *   resourcePolicies: { 'arn:aws:s3:::example-bucket': { Policy: '{"Version":"2012-10-17","Statement":[]}' } },
 * };
 * loadAccountSnapshot(input).warnings; //=> []
 * ```
 */
export interface AccountSnapshotInput {
  /**
   * One page of `aws iam get-account-authorization-details`, or the pages of a paginated call in order; documents as
   * the CLI prints them (objects) or as the API returns them (URL-encoded JSON text).
   */
  readonly gaad: object | readonly object[];
  readonly organization?: OrganizationSnapshotInput;
  /**
   * By resource ARN: the output of the CLI command that prints its policy (`s3api get-bucket-policy`, `kms
   * get-key-policy`, `lambda get-policy`, `sqs get-queue-attributes`, `sns get-topic-attributes`, `secretsmanager
   * get-resource-policy`, `ecr get-repository-policy`), the document itself, or `null` for a resource that has none.
   */
  readonly resourcePolicies?: Readonly<Record<string, unknown>>;
}

/**
 * The policies that apply to one request, resolved from a snapshot: `input` goes to `evaluate` as it is, with
 * `options` (the management account, when the snapshot knows it); `warnings` name every piece the snapshot lacks
 * (AS-8), so a decision from an incomplete snapshot is never taken for a complete one.
 *
 * @example
 * ```ts
 * import { evaluate, loadAccountSnapshot } from 'iam-policy-evaluator';
 * import type { AccountResolution } from 'iam-policy-evaluator';
 * const snapshot = loadAccountSnapshot({ gaad: { UserDetailList: [] } });
 * const resolution: AccountResolution = snapshot.resolve({ principal: 'arn:aws:iam::111122223333:user/nobody', action: 's3:ListAllMyBuckets', resource: '*' });
 * resolution.warnings.map((warning) => warning.code); //=> ['principal_not_found']
 * evaluate(resolution.input, resolution.options).decision; //=> 'ImplicitDeny'
 * ```
 */
export interface AccountResolution {
  /** The request as given and the `PolicySet` that applies to it. */
  readonly input: EvaluationInput;
  /** Options for `evaluate` the snapshot knows: `managementAccountId`. */
  readonly options: EvaluateOptions;
  /** What is missing for this request, the snapshot's own warnings (a truncated GAAD) first. */
  readonly warnings: readonly AccountSnapshotIssue[];
}

/**
 * A loaded account snapshot: frozen, safe to share, and pure to query. `resolve(request)` gives the policies that
 * apply to one request (AS-6..AS-14).
 *
 * @example
 * ```ts
 * import { evaluate, loadAccountSnapshot } from 'iam-policy-evaluator';
 * import type { AccountSnapshot } from 'iam-policy-evaluator';
 * const allowS3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
 * const snapshot: AccountSnapshot = loadAccountSnapshot({
 *   gaad: { UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice', UserPolicyList: [{ PolicyName: 'S3', PolicyDocument: allowS3 }] }] },
 * });
 * snapshot.users; //=> ['arn:aws:iam::111122223333:user/alice']
 * const { input, options } = snapshot.resolve({ principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:ListAllMyBuckets', resource: '*' });
 * evaluate(input, options).allowedBy[0]?.policyId; //=> 'S3@arn:aws:iam::111122223333:user/alice'
 * ```
 */
export interface AccountSnapshot {
  /** The account ids the GAAD covers, sorted. */
  readonly accounts: readonly string[];
  /** The ARNs of the users and roles, in GAAD order. */
  readonly users: readonly string[];
  readonly roles: readonly string[];
  /** The organization's management account, when the snapshot gives it: pass it as `EvaluateOptions`. */
  readonly managementAccountId?: string;
  /** What the snapshot lacks as a whole: a truncated GAAD, references to groups or managed policies it does not hold. */
  readonly warnings: readonly AccountSnapshotIssue[];
  /**
   * The policies that apply to a request, with the warnings that name what is missing for it.
   *
   * @throws AccountSnapshotError (`invalid_request`) when `principal`, `action` or `resource` is not a string.
   */
  resolve(request: RequestInput): AccountResolution;
}
