import { closestName } from '../errors/closest-name.js';
import type { OperatorFamily } from './define-operator.js';

/**
 * One global condition key of IAM-SEMANTICS §9.1.
 *
 * @example
 * ```ts
 * import type { GlobalConditionKey } from 'iam-policy-evaluator';
 * import { findGlobalConditionKey } from 'iam-policy-evaluator';
 * const key: GlobalConditionKey | undefined = findGlobalConditionKey('aws:SourceIp');
 * key?.families; //=> ['ip']
 * ```
 */
export interface GlobalConditionKey {
  /** Documented spelling; keys ending in `/` are prefixes followed by a tag key (`aws:PrincipalTag/`). */
  readonly key: string;
  /** The operator families the key is meant for. */
  readonly families: readonly OperatorFamily[];
  /** Multivalued keys need `ForAllValues:`/`ForAnyValue:` (C-28) and may not be policy variables (PV-4). */
  readonly multivalued: boolean;
  /** When the request carries it, in words. */
  readonly presence: string;
}

const key = (
  name: string,
  families: readonly OperatorFamily[],
  multivalued: boolean,
  presence: string,
): GlobalConditionKey => Object.freeze({ key: name, families: Object.freeze([...families]), multivalued, presence });

/**
 * The global condition keys (IAM-SEMANTICS §9.1), in the order of that table.
 *
 * @example
 * ```ts
 * import { GLOBAL_CONDITION_KEYS } from 'iam-policy-evaluator';
 * GLOBAL_CONDITION_KEYS.find((k) => k.key === 'aws:TagKeys')?.multivalued; //=> true
 * ```
 */
export const GLOBAL_CONDITION_KEYS: readonly GlobalConditionKey[] = Object.freeze([
  key('aws:CalledVia', ['string'], true, 'a supporting service used the principal credentials to call another service'),
  key('aws:CalledViaFirst', ['string'], false, 'as aws:CalledVia, with at least one hop'),
  key('aws:CalledViaLast', ['string'], false, 'as aws:CalledVia, with at least one hop'),
  key('aws:CurrentTime', ['date'], false, 'always'),
  key('aws:EpochTime', ['date', 'numeric'], false, 'always'),
  key('aws:TokenIssueTime', ['date'], false, 'temporary credentials only'),
  key('aws:MultiFactorAuthPresent', ['bool'], false, 'temporary credentials only'),
  key('aws:MultiFactorAuthAge', ['numeric'], false, 'only if MFA was used'),
  key('aws:PrincipalArn', ['arn', 'string'], false, 'all signed requests'),
  key('aws:PrincipalAccount', ['string'], false, 'all requests'),
  key('aws:PrincipalOrgID', ['string'], false, 'the principal account is in an organization'),
  key('aws:PrincipalOrgPaths', ['string'], true, 'the principal account is in an organization'),
  key('aws:PrincipalTag/', ['string'], false, 'the principal or session has the tag'),
  key('aws:PrincipalType', ['string'], false, 'always'),
  key('aws:PrincipalIsAWSService', ['bool'], false, 'all signed requests'),
  key('aws:PrincipalServiceName', ['string'], false, 'a service principal calls directly'),
  key('aws:PrincipalServiceNamesList', ['string'], true, 'a service principal calls directly'),
  key('aws:FederatedProvider', ['string'], false, 'web identity and SAML role sessions'),
  key('aws:SourceIdentity', ['string'], false, 'a source identity was set'),
  key('aws:userid', ['string'], false, 'always'),
  key('aws:username', ['string'], false, 'IAM users only'),
  key('aws:RequestedRegion', ['string'], false, 'always'),
  key('aws:RequestTag/', ['string'], false, 'the request passes the tag'),
  key('aws:TagKeys', ['string'], true, 'the operation accepts tags'),
  key('aws:ResourceTag/', ['string'], false, 'the resource has the tag'),
  key('aws:ResourceAccount', ['string'], false, 'most actions'),
  key('aws:ResourceOrgID', ['string'], false, 'the resource owner is in an organization'),
  key('aws:ResourceOrgPaths', ['string'], true, 'the resource owner is in an organization'),
  key('aws:SecureTransport', ['bool'], false, 'always'),
  key('aws:SourceArn', ['arn', 'string'], false, 'a service acts on behalf of a resource owner'),
  key('aws:SourceAccount', ['string'], false, 'a service principal calls your resource'),
  key('aws:SourceIp', ['ip'], false, 'all requests except via a VPC endpoint'),
  key('aws:SourceVpc', ['string'], false, 'via a VPC endpoint'),
  key('aws:SourceVpce', ['string'], false, 'via a VPC endpoint'),
  key('aws:VpcSourceIp', ['ip'], false, 'via a VPC endpoint'),
  key('aws:Ec2InstanceSourceVpc', ['string'], false, 'EC2 instance-role credentials'),
  key('aws:Ec2InstanceSourcePrivateIPv4', ['ip'], false, 'EC2 instance-role credentials'),
  key('aws:UserAgent', ['string'], false, 'always'),
  key('aws:referer', ['string'], false, 'browser requests with a Referer header'),
  key('aws:ViaAWSService', ['bool'], false, 'always'),
  key('aws:SourceOrgID', ['string'], false, 'a service acts on behalf of a resource owner in an organization'),
  key('aws:SourceOrgPaths', ['string'], true, 'a service acts on behalf of a resource owner in an organization'),
  key('aws:SourceVpcArn', ['arn', 'string'], false, 'via a VPC endpoint'),
  key('aws:VpceAccount', ['string'], false, 'via a VPC endpoint'),
  key('aws:VpceOrgID', ['string'], false, 'via a VPC endpoint'),
  key('aws:VpceOrgPaths', ['string'], true, 'via a VPC endpoint'),
  key('aws:AssumedRoot', ['bool'], false, 'a session from sts:AssumeRoot (centralized root access)'),
  key('aws:SignInSessionArn', ['arn', 'string'], false, 'console sign-in sessions'),
  key('aws:ChatbotSourceArn', ['arn', 'string'], false, 'requests made through AWS Chatbot channels'),
  key('aws:ViaAWSMCPService', ['bool'], false, 'always'),
  key('aws:CalledViaAWSMCP', ['string'], false, 'an AWS managed MCP server made the request'),
  key('aws:IsMcpServiceAction', ['bool'], false, 'always'),
]);

/**
 * `aws:` keys that AWS itself writes in policies although the global keys page does not describe them, so IAM
 * accepts them: `aws:SourceOwner` (the default SNS topic policy), `aws:PrincipalOrgMasterAccountId` (the AWS managed
 * AWSSSOServiceRolePolicy) and the deprecated `aws:ARN` (Access Analyzer: "Deprecated global condition key"). Neither
 * policies nor requests naming them draw an unknown-key warning.
 */
export const UNDOCUMENTED_AWS_KEYS: readonly string[] = Object.freeze([
  'aws:SourceOwner',
  'aws:PrincipalOrgMasterAccountId',
  'aws:ARN',
]);

/**
 * Service keys known to be multivalued (`ArrayOf…` in the Service Authorization Reference), so that a policy testing
 * one without `ForAllValues`/`ForAnyValue` draws a warning. The list is short and deliberate: any key given as an array
 * in the request context is multivalued anyway (C-29).
 *
 * @example
 * ```ts
 * import { MULTIVALUED_SERVICE_KEYS, isMultivaluedKey } from 'iam-policy-evaluator';
 * MULTIVALUED_SERVICE_KEYS.includes('kms:EncryptionContextKeys'); //=> true
 * isMultivaluedKey('KMS:EncryptionContextKeys'); //=> true
 * ```
 */
export const MULTIVALUED_SERVICE_KEYS: readonly string[] = Object.freeze([
  'cloudformation:ImportResourceTypes',
  'cloudformation:ResourceTypes',
  'dynamodb:Attributes',
  'dynamodb:LeadingKeys',
  'kms:EncryptionContextKeys',
  'kms:GrantOperations',
  'sts:TransitiveTagKeys',
]);

const EXACT = new Map(GLOBAL_CONDITION_KEYS.filter((k) => !k.key.endsWith('/')).map((k) => [k.key.toLowerCase(), k]));
const PREFIXES = GLOBAL_CONDITION_KEYS.filter((k) => k.key.endsWith('/'));
const MULTIVALUED = new Set([
  ...GLOBAL_CONDITION_KEYS.filter((k) => k.multivalued).map((k) => k.key.toLowerCase()),
  ...MULTIVALUED_SERVICE_KEYS.map((k) => k.toLowerCase()),
]);

/**
 * Finds a global key case-insensitively (G-30); `aws:ResourceTag/anything` finds the `aws:ResourceTag/` entry.
 *
 * @example
 * ```ts
 * import { findGlobalConditionKey } from 'iam-policy-evaluator';
 * findGlobalConditionKey('AWS:SourceIP')?.key; //=> 'aws:SourceIp'
 * findGlobalConditionKey('aws:PrincipalTag/team')?.key; //=> 'aws:PrincipalTag/'
 * findGlobalConditionKey('aws:NoSuchKey'); //=> undefined
 * ```
 */
export function findGlobalConditionKey(name: string): GlobalConditionKey | undefined {
  const lower = name.toLowerCase();
  const exact = EXACT.get(lower);
  if (exact !== undefined) return exact;
  return PREFIXES.find((k) => lower.startsWith(k.key.toLowerCase()) && lower.length > k.key.length);
}

/**
 * Whether a key is multivalued by definition: the multivalued global keys of §9.1 (`aws:CalledVia`, `aws:TagKeys`,
 * `aws:PrincipalOrgPaths`, `aws:ResourceOrgPaths`, `aws:PrincipalServiceNamesList`, `aws:SourceOrgPaths`,
 * `aws:VpceOrgPaths`) and {@link MULTIVALUED_SERVICE_KEYS}. Case-insensitive.
 *
 * @example
 * ```ts
 * import { isMultivaluedKey } from 'iam-policy-evaluator';
 * isMultivaluedKey('aws:tagkeys'); //=> true
 * isMultivaluedKey('aws:SourceIp'); //=> false
 * ```
 */
export function isMultivaluedKey(name: string): boolean {
  return MULTIVALUED.has(name.toLowerCase());
}

const EXACT_NAMES: readonly string[] = GLOBAL_CONDITION_KEYS.filter((k) => !k.key.endsWith('/')).map((k) => k.key);
const PREFIX_NAMES: readonly string[] = PREFIXES.map((k) => k.key);
const UNDOCUMENTED: ReadonlySet<string> = new Set(UNDOCUMENTED_AWS_KEYS.map((k) => k.toLowerCase()));

/** What an `aws:` key that is no global key most likely meant: a tag prefix without its tag key, or a misspelling. */
export type UnknownGlobalKey =
  | { readonly kind: 'tagKeyMissing'; readonly prefix: string }
  | { readonly kind: 'unknown'; readonly suggestion: string | undefined };

/**
 * Reads an `aws:` key that names no global key, for the policy check (`unknown_global_condition_key`) and the request
 * check (`unknown_global_context_key`, RV-5) alike: `undefined` for a global key, a key AWS writes undocumented, or a
 * key of another prefix. A misspelt tag prefix is repaired with its tag key kept (`aws:PrincipleTag/team` →
 * `aws:PrincipalTag/team`); any other key gets the nearest global key, if one is near.
 */
export function unknownGlobalKey(key: string): UnknownGlobalKey | undefined {
  const lower = key.toLowerCase();
  if (!lower.startsWith('aws:') || findGlobalConditionKey(key) !== undefined || UNDOCUMENTED.has(lower))
    return undefined;
  // `aws:PrincipalTag` or `aws:PrincipalTag/` alone: the tag key is missing.
  const prefix = PREFIX_NAMES.find((name) => lower === name.toLowerCase() || lower === name.slice(0, -1).toLowerCase());
  if (prefix !== undefined) return { kind: 'tagKeyMissing', prefix };
  const slash = key.indexOf('/');
  if (slash > 0) {
    const repaired = closestName(key.slice(0, slash + 1), PREFIX_NAMES);
    return { kind: 'unknown', suggestion: repaired === undefined ? undefined : `${repaired}${key.slice(slash + 1)}` };
  }
  return { kind: 'unknown', suggestion: closestName(key, EXACT_NAMES) };
}
