/**
 * The requests some rules single out, by action and resource (docs/evaluation-logic.md):
 * - EV-2: for these actions on an IAM role ARN the resource-based policy is the role's trust policy, which must allow
 *   by itself (E-8): `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`,
 *   `sts:SetSourceIdentity`, `sts:SetContext`.
 * - EV-11: a `kms:` action on `arn:<p>:kms:<r>:<a>:key/<id>` needs the key policy's Allow (E-8).
 * - O-7: the services RCPs constrain by default.
 */

/** The default list of services RCPs constrain (O-7, docs/evaluation-logic.md). */
export const DEFAULT_RCP_SUPPORTED_SERVICES: readonly string[] = Object.freeze([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'ecr',
  'aoss',
  'cognito-idp',
  'logs',
  'dynamodb',
]);

/** Actions on an IAM role that its trust policy governs (EV-2), lower-cased. */
export const TRUST_POLICY_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** The AssumeRole calls among them, lower-cased. */
export const ASSUME_ROLE_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
]);

/** Whether a resource is an IAM role ARN (`arn:p:iam::A:role/...`), as `isRoleArn` says, without splitting it. */
export function isRoleArn(resource: string): boolean {
  if (!resource.startsWith('arn:')) return false;
  const second = resource.indexOf(':', 4);
  if (second < 0 || !resource.startsWith('iam:', second + 1)) return false;
  const fourth = resource.indexOf(':', second + 5);
  const fifth = fourth < 0 ? -1 : resource.indexOf(':', fourth + 1);
  return fifth >= 0 && resource.startsWith('role/', fifth + 1);
}
