import { compileArnPattern } from '../matching/arn.js';
import type { ArnMatcher } from '../matching/arn.js';
import type { PolicyType } from '../model/policy-type.js';
import type { Caller } from './principal.js';

/**
 * AWS's service rules (docs/service-rules.md): requests a service decides by a documented rule of its own, whatever
 * the policies say. One data table, read at one point of the pipeline (the request model finds the rule of a
 * request, the per-type rules and the decision table of every driver read it).
 *
 * - `neverAllowed`: the request fails whatever the policies allow (the result is an ImplicitDeny naming the rule). A
 *   matching Deny still decides first (E-4 holds for every request).
 * - `alwaysAllowed`: the policy types in `overrides` take no part (their Deny statements do not count); every other
 *   type still decides as usual, so an SCP, RCP or VPC endpoint policy can still deny where the docs say it can.
 */

/** What a rule decides. */
export type ServiceRuleOutcome = 'alwaysAllowed' | 'neverAllowed';

/** Who a rule applies to: any caller, callers with an identity side, the root user, or the resource owner's root. */
export type ServiceRuleCaller = 'anyone' | 'identity' | 'root' | 'resourceOwnerRoot';

/** One service rule, as data. */
export interface ServiceRule {
  /** Stable id, `SR-n`, defined in docs/service-rules.md. */
  readonly id: string;
  /** What the rule says, in words. */
  readonly summary: string;
  /** The actions it applies to, as AWS spells them (compared case-insensitively). */
  readonly actions: readonly string[];
  /** The resource ARNs it applies to, as ARN patterns (`*` within a component); absent: any resource. */
  readonly resources?: readonly string[];
  readonly caller: ServiceRuleCaller;
  readonly outcome: ServiceRuleOutcome;
  /** For `alwaysAllowed`: the policy types the rule takes the place of. */
  readonly overrides: readonly PolicyType[];
  /** The AWS page the rule rests on. */
  readonly source: string;
  /** The sentence of that page it rests on. */
  readonly quote: string;
  /**
   * What AWS answers for a `neverAllowed` rule, `{role}` standing for the role's name. `wording` says whether AWS
   * documents it, it is observed in AWS responses, or it is the engine's own (AWS documents none).
   */
  readonly message?: { readonly text: string; readonly wording: 'documented' | 'observed' | 'engine' };
}

const IAM_ROLE_CHANGES = [
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRole',
];

/** The table. */
export const SERVICE_RULES: readonly ServiceRule[] = Object.freeze([
  {
    id: 'SR-1',
    summary: '`sts:GetCallerIdentity` needs no permission, and a policy attached to the identity cannot deny it',
    actions: ['sts:GetCallerIdentity'],
    caller: 'identity',
    outcome: 'alwaysAllowed',
    overrides: ['identity', 'permissionsBoundary', 'session'],
    source: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
    quote:
      'No permissions are required to perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation.',
  },
  {
    id: 'SR-2',
    summary: 'the account root user cannot assume a role',
    actions: ['sts:AssumeRole'],
    caller: 'root',
    outcome: 'neverAllowed',
    overrides: [],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-api.html',
    quote: 'You cannot assume a role when you are signed in as the AWS account root user.',
    message: { text: 'Roles may not be assumed by root accounts.', wording: 'observed' },
  },
  {
    id: 'SR-3',
    summary: 'AWS managed policies cannot be changed or deleted by customers',
    actions: ['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'],
    resources: ['arn:*:iam::aws:policy/*'],
    caller: 'anyone',
    outcome: 'neverAllowed',
    overrides: [],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
    quote: 'You cannot change the permissions defined in AWS managed policies.',
    message: { text: 'AWS managed policies cannot be changed or deleted by customers.', wording: 'engine' },
  },
  {
    id: 'SR-4',
    summary:
      'the permissions, trust policy and boundary of a service-linked role cannot be changed through IAM, and it is deleted only through `iam:DeleteServiceLinkedRole`',
    actions: IAM_ROLE_CHANGES,
    resources: ['arn:*:iam::*:role/aws-service-role/*'],
    caller: 'anyone',
    outcome: 'neverAllowed',
    overrides: [],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html',
    quote:
      'You cannot delete or edit the permissions for a service-linked role in IAM. […] You can use the IAM console, AWS CLI, or API to edit only the description of a service-linked role.',
    message: {
      text: "Cannot perform the operation on the protected role '{role}' - this role is only modifiable by AWS",
      wording: 'observed',
    },
  },
  {
    id: 'SR-5',
    summary: 'roles IAM Identity Center created (`/aws-reserved/sso.amazonaws.com/`) cannot be changed through IAM',
    actions: IAM_ROLE_CHANGES,
    resources: ['arn:*:iam::*:role/aws-reserved/sso.amazonaws.com/*'],
    caller: 'anyone',
    outcome: 'neverAllowed',
    overrides: [],
    source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/troubleshooting.html',
    quote:
      "Attempting to modify these roles from within the IAM console will result in the following error: 'Cannot perform the operation on the protected role 'AWSReservedSSO_RoleName_Here' - this role is only modifiable by AWS' These roles can only be modified from the IAM Identity Center Administrator console",
    message: {
      text: "Cannot perform the operation on the protected role '{role}' - this role is only modifiable by AWS",
      wording: 'documented',
    },
  },
  {
    id: 'SR-6',
    summary: 'alias names under `alias/aws/` are reserved for AWS managed keys',
    actions: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'],
    resources: ['arn:*:kms:*:*:alias/aws/*'],
    caller: 'anyone',
    outcome: 'neverAllowed',
    overrides: [],
    source: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html',
    quote:
      'The alias name cannot begin with alias/aws/. The alias/aws/ prefix is reserved for Amazon Web Services managed keys.',
    message: { text: 'The alias/aws/ prefix is reserved for AWS managed keys.', wording: 'engine' },
  },
  {
    id: 'SR-7',
    summary:
      "the root user of the bucket owner's account can always get, put and delete the bucket policy; only VPC endpoint policies and Organizations policies can stop it",
    actions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
    resources: ['arn:*:s3:::*'],
    caller: 'resourceOwnerRoot',
    outcome: 'alwaysAllowed',
    overrides: ['resource'],
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html',
    quote:
      "the root principal in a bucket owner's Amazon Web Services account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the root principal's access. Bucket owner root principals can only be blocked from performing these API actions by VPC endpoint policies and Amazon Web Services Organizations policies.",
  },
] satisfies ServiceRule[]);

/** A rule compiled for lookups: its lower-cased actions and ARN matchers. */
interface CompiledRule {
  readonly rule: ServiceRule;
  readonly resources: readonly ArnMatcher[] | undefined;
}

/** The rules by lower-cased action. */
const BY_ACTION: ReadonlyMap<string, readonly CompiledRule[]> = (() => {
  const map = new Map<string, CompiledRule[]>();
  for (const rule of SERVICE_RULES) {
    const resources = rule.resources?.map((pattern) => {
      const compiled = compileArnPattern(pattern);
      if (!compiled.ok) throw new Error(`service rule ${rule.id}: ${compiled.message}`);
      return compiled.matcher;
    });
    for (const action of rule.actions) {
      const key = action.toLowerCase();
      map.set(key, [...(map.get(key) ?? []), { rule, resources }]);
    }
  }
  return map;
})();

/** What a rule reads of a request. */
export interface ServiceRuleRequest {
  /** The action, lower-cased. */
  readonly action: string;
  readonly resource: string;
  readonly caller: Caller;
  /** The caller has an identity side and the resource is in its account. */
  readonly sameAccount: boolean;
}

function callerMatches(who: ServiceRuleCaller, request: ServiceRuleRequest): boolean {
  switch (who) {
    case 'anyone':
      return true;
    case 'identity':
      return request.caller.hasIdentitySide;
    case 'root':
      return request.caller.kind === 'root';
    case 'resourceOwnerRoot':
      return request.caller.kind === 'root' && request.sameAccount;
  }
}

/** The service rule that decides a request, if one does (the first in table order). */
export function serviceRuleOf(request: ServiceRuleRequest): ServiceRule | undefined {
  const candidates = BY_ACTION.get(request.action);
  if (candidates === undefined) return undefined;
  for (const { rule, resources } of candidates) {
    if (resources !== undefined && !resources.some((matcher) => matcher.test(request.resource))) continue;
    if (callerMatches(rule.caller, request)) return rule;
  }
  return undefined;
}

/** The message of a `neverAllowed` rule for a request, `{role}` filled in with the role named by the resource. */
export function serviceRuleMessage(rule: ServiceRule, resource: string): string | undefined {
  const message = rule.message;
  if (message === undefined) return undefined;
  const role = resource.slice(resource.lastIndexOf('/') + 1);
  return message.text.replace('{role}', role);
}
