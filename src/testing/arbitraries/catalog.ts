// Real-looking identifiers the arbitraries draw from. The first entry of every list is the simplest,
// because fast-check's `constantFrom` shrinks towards it.

/**
 * Account ids the arbitraries draw from; the first one is the "home" account, towards which values shrink. Pass a
 * subset to keep callers and resources in one account.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { ACCOUNTS, arbPrincipal } from 'iam-policy-evaluator/arbitraries';
 * ACCOUNTS; //=> ['111122223333', '444455556666', '123456789012']
 * const home = arbPrincipal({ accounts: [ACCOUNTS[0]], kinds: ['iamUser'] });
 * fc.sample(home, { numRuns: 10, seed: 1 }).every((arn) => arn.startsWith('arn:aws:iam::111122223333:user/')); //=> true
 * ```
 */
export const ACCOUNTS = Object.freeze(['111122223333', '444455556666', '123456789012'] as const);

/**
 * Regions used in regional ARNs, so that conditions on `aws:RequestedRegion` and region wildcards meet real values.
 *
 * @example
 * ```ts
 * import { REGIONS } from 'iam-policy-evaluator/arbitraries';
 * REGIONS; //=> ['us-east-1', 'eu-west-1', 'ap-southeast-2']
 * ```
 */
export const REGIONS = Object.freeze(['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const);

/**
 * AWS service principals (IAM-SEMANTICS G-15) the arbitraries use as callers and in `Principal` elements of resource
 * policies.
 *
 * @example
 * ```ts
 * import { SERVICE_PRINCIPALS } from 'iam-policy-evaluator/arbitraries';
 * SERVICE_PRINCIPALS.includes('lambda.amazonaws.com'); //=> true
 * ```
 */
export const SERVICE_PRINCIPALS = Object.freeze([
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  's3.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'events.amazonaws.com',
] as const);

/**
 * Service-linked roles, as `[service principal, role name]`, for callers that are sessions of such roles; their path is
 * `aws-service-role/<service>/`.
 *
 * @example
 * ```ts
 * import { SERVICE_LINKED_ROLES } from 'iam-policy-evaluator/arbitraries';
 * SERVICE_LINKED_ROLES[0]; //=> ['elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing']
 * ```
 */
export const SERVICE_LINKED_ROLES = Object.freeze([
  ['elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing'],
  ['autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling'],
  ['organizations.amazonaws.com', 'AWSServiceRoleForOrganizations'],
] as const);

/**
 * One kind of resource of a service, with the actions that act on it, so that generated requests pair an action with a
 * resource it really takes.
 *
 * @example
 * ```ts
 * import { RESOURCE_KINDS } from 'iam-policy-evaluator/arbitraries';
 * import type { ResourceKind } from 'iam-policy-evaluator/arbitraries';
 * const actionsOf = (kind: ResourceKind): string[] => kind.actions.map((action) => `${kind.service}:${action}`);
 * const objects = RESOURCE_KINDS.find((kind) => kind.service === 's3' && kind.kind === 'object');
 * objects ? actionsOf(objects) : []; //=> ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging']
 * ```
 */
export interface ResourceKind {
  readonly service: string;
  /** Short name, e.g. `bucket`, `object`, `instance`. */
  readonly kind: string;
  /** Action names (without the service prefix) that take this resource. */
  readonly actions: readonly string[];
  /** Whether the ARN carries region and account (S3 and IAM ARNs do not carry both). */
  readonly regional: boolean;
  readonly global: boolean;
}

/**
 * The services the arbitraries know, with their resource kinds and the actions on each; the service names are what
 * `services` options accept. Actions that take no resource (`Resource: "*"` only) are listed under the kind `*`.
 *
 * @example
 * ```ts
 * import { RESOURCE_KINDS } from 'iam-policy-evaluator/arbitraries';
 * [...new Set(RESOURCE_KINDS.map((kind) => kind.service))]; //=> ['s3', 'ec2', 'iam', 'kms', 'sqs', 'dynamodb', 'lambda', 'sns', 'secretsmanager', 'sts']
 * RESOURCE_KINDS.filter((kind) => kind.service === 's3').map((kind) => kind.kind); //=> ['object', 'bucket', '*']
 * ```
 */
export const RESOURCE_KINDS: readonly ResourceKind[] = Object.freeze([
  {
    service: 's3',
    kind: 'object',
    actions: ['GetObject', 'PutObject', 'DeleteObject', 'GetObjectTagging'],
    regional: false,
    global: true,
  },
  {
    service: 's3',
    kind: 'bucket',
    actions: ['ListBucket', 'DeleteBucket', 'GetBucketPolicy', 'PutBucketPolicy'],
    regional: false,
    global: true,
  },
  { service: 's3', kind: '*', actions: ['ListAllMyBuckets'], regional: false, global: true },
  {
    service: 'ec2',
    kind: 'instance',
    actions: ['RunInstances', 'TerminateInstances', 'StartInstances', 'StopInstances'],
    regional: true,
    global: false,
  },
  {
    service: 'ec2',
    kind: 'volume',
    actions: ['CreateVolume', 'AttachVolume', 'DeleteVolume'],
    regional: true,
    global: false,
  },
  { service: 'ec2', kind: '*', actions: ['DescribeInstances', 'DescribeVolumes'], regional: true, global: false },
  {
    service: 'iam',
    kind: 'role',
    actions: ['DeleteRole', 'CreateRole', 'PassRole', 'GetRole', 'AttachRolePolicy'],
    regional: false,
    global: false,
  },
  {
    service: 'iam',
    kind: 'user',
    actions: ['DeleteUser', 'CreateUser', 'GetUser', 'CreateAccessKey'],
    regional: false,
    global: false,
  },
  {
    service: 'iam',
    kind: '*',
    actions: ['ListRoles', 'ListUsers', 'CreateVirtualMFADevice'],
    regional: false,
    global: false,
  },
  {
    service: 'kms',
    kind: 'key',
    actions: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'ScheduleKeyDeletion'],
    regional: true,
    global: false,
  },
  {
    service: 'sqs',
    kind: 'queue',
    actions: ['SendMessage', 'ReceiveMessage', 'DeleteQueue'],
    regional: true,
    global: false,
  },
  {
    service: 'dynamodb',
    kind: 'table',
    actions: ['GetItem', 'PutItem', 'Query', 'DeleteTable'],
    regional: true,
    global: false,
  },
  {
    service: 'lambda',
    kind: 'function',
    actions: ['InvokeFunction', 'UpdateFunctionCode', 'DeleteFunction'],
    regional: true,
    global: false,
  },
  { service: 'sns', kind: 'topic', actions: ['Publish', 'Subscribe', 'DeleteTopic'], regional: true, global: false },
  {
    service: 'secretsmanager',
    kind: 'secret',
    actions: ['GetSecretValue', 'PutSecretValue'],
    regional: true,
    global: false,
  },
  { service: 'sts', kind: 'role', actions: ['AssumeRole', 'TagSession'], regional: false, global: false },
  { service: 'sts', kind: '*', actions: ['GetCallerIdentity', 'GetSessionToken'], regional: false, global: false },
] satisfies ResourceKind[]);

/** Names that read like real resource names; short first. */
export const NAMES = Object.freeze(['app', 'logs', 'billing', 'CloudOps', 'data-lake', 'build_01'] as const);

/** IAM paths; `/` first. */
export const IAM_PATHS = Object.freeze([
  '/',
  '/engineering/',
  '/division_abc/subdivision_xyz/',
  '/service-role/',
] as const);

/** Object keys inside a bucket. */
export const OBJECT_KEYS = Object.freeze([
  'a.txt',
  'reports/2024/q1.csv',
  'home/alice/notes.md',
  'logs/app.log',
] as const);
