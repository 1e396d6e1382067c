// From a request to the PolicySet that applies (AS-6..AS-14): the caller's identity policies and boundary, the
// resource's policy or the role's trust policy, and the SCP and RCP levels of the two accounts.
import { splitArn } from '../../matching/arn.js';
import type { EvaluateOptions } from '../../model/evaluation-result.js';
import type { OrgLevel, PolicySet, PolicySource, RequestInput } from '../../model/request.js';
import { TRUST_POLICY_ACTIONS, isRoleArn } from '../../request/request-kinds.js';
import type { GaadIndex, GaadRole, GaadUser, InlinePolicy, PolicyRef } from './gaad.js';
import { nameKey } from './gaad.js';
import type { OrgIndex } from './organization.js';
import { orgLevels } from './organization.js';
import type { ResourcePolicyIndex } from './resource-policies.js';
import { normallyHasPolicy, policyArnsFor } from './resource-policies.js';
import type { AccountSnapshotIssue } from './snapshot-issues.js';
import { IssueList } from './snapshot-issues.js';
import type { AccountResolution } from './snapshot-types.js';

export interface SnapshotData {
  readonly gaad: GaadIndex;
  readonly organization: OrgIndex | undefined;
  readonly resourcePolicies: ResourcePolicyIndex;
  /** Warnings every resolution carries (AS-3). */
  readonly sharedWarnings: readonly AccountSnapshotIssue[];
}

const ACCOUNT_ID = /^\d{12}$/u;

/** AS-5: an inline policy's id, `<PolicyName>@<ARN of the user, group or role>`. */
export function inlinePolicyId(policyName: string, entityArn: string): string {
  return `${policyName}@${entityArn}`;
}

export function resolvePolicies(data: SnapshotData, request: RequestInput): AccountResolution {
  checkRequest(request);
  const issues = new IssueList();
  issues.items.push(...data.sharedWarnings);
  const caller = findCaller(data.gaad, request.principal, issues);
  const identity: PolicySource[] = [];
  let permissionsBoundary: PolicySource | undefined;
  if (caller !== undefined) {
    const add = (source: PolicySource): void => {
      if (!identity.some((known) => known.id === source.id)) identity.push(source);
    };
    for (const policy of inlineSources(caller.inline, caller.arn)) add(policy);
    for (const ref of caller.attached) {
      const source = managed(data.gaad, ref, `\`${caller.name}\``, issues);
      if (source !== undefined) add(source);
    }
    if (caller.kind === 'user') for (const policy of groupPolicies(data.gaad, caller, issues)) add(policy);
    if (caller.boundary !== undefined) {
      permissionsBoundary = managed(data.gaad, caller.boundary, `the boundary of \`${caller.name}\``, issues);
    }
  }
  const resource = resourcePolicy(data, request, issues);
  const policies: {
    identity: readonly PolicySource[];
    permissionsBoundary?: PolicySource;
    resource?: PolicySource;
    serviceControlPolicies?: readonly OrgLevel[];
    resourceControlPolicies?: readonly OrgLevel[];
  } = { identity: Object.freeze(identity) };
  if (permissionsBoundary !== undefined) policies.permissionsBoundary = permissionsBoundary;
  if (resource !== undefined) policies.resource = resource;
  const org = data.organization;
  if (org !== undefined) {
    const principalAccount = accountOf(request.principal);
    if (principalAccount !== undefined) {
      const levels = orgLevels(org, principalAccount, 'scp', '/request/principal', issues);
      if (levels !== undefined) policies.serviceControlPolicies = Object.freeze(levels);
    }
    const resourceAccount = resourceAccountOf(request, issues);
    if (resourceAccount !== undefined) {
      const levels = orgLevels(org, resourceAccount, 'rcp', '/request/resource', issues);
      if (levels !== undefined) policies.resourceControlPolicies = Object.freeze(levels);
    }
  }
  const options: EvaluateOptions =
    org?.managementAccountId === undefined ? {} : { managementAccountId: org.managementAccountId };
  const set: PolicySet = Object.freeze(policies);
  return Object.freeze({
    input: Object.freeze({ request, policies: set }),
    options: Object.freeze(options),
    warnings: Object.freeze(dedupe(issues.items)),
  });
}

function checkRequest(request: RequestInput): void {
  const issues = new IssueList();
  const value: unknown = request;
  if (typeof value !== 'object' || value === null) {
    issues.error('invalid_request', '/request', 'the request must be an object with `principal`, `action`, `resource`');
  } else {
    for (const field of ['principal', 'action', 'resource'] as const) {
      const got: unknown = Object.hasOwn(value, field) ? (value as Record<string, unknown>)[field] : undefined;
      if (typeof got !== 'string')
        issues.error('invalid_request', `/request/${field}`, `\`${field}\` must be a string`);
    }
  }
  issues.throwIfErrors();
}

function dedupe(issues: readonly AccountSnapshotIssue[]): AccountSnapshotIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.code}\n${issue.pointer}\n${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Caller = (GaadUser & { readonly kind: 'user' }) | (GaadRole & { readonly kind: 'role' });

/**
 * AS-6, AS-7: the user or role behind a principal ARN: a user by ARN (or by account and name, for an ARN written
 * without its path), a role by ARN or name, a role session `assumed-role/<RoleName>/<session>` by the role's name,
 * which is how the session ARN names it whatever the role's path.
 */
function findCaller(gaad: GaadIndex, principal: string, issues: IssueList): Caller | undefined {
  const parts = splitArn(principal);
  const notFound = (what: string): undefined => {
    issues.warning(
      'principal_not_found',
      '/request/principal',
      `${what} is not in the snapshot: its identity policies and permissions boundary are missing`,
    );
    return undefined;
  };
  if (parts === undefined || parts[0] !== 'arn') return undefined;
  const [, , service, , account, resource] = parts;
  const lastName = resource.slice(resource.lastIndexOf('/') + 1);
  if (service === 'iam' && resource.startsWith('user/')) {
    const user = gaad.users.get(principal) ?? gaad.usersByName.get(nameKey(account, lastName));
    return user === undefined ? notFound(`user \`${principal}\``) : { ...user, kind: 'user' };
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    const role = gaad.roles.get(principal) ?? gaad.rolesByName.get(nameKey(account, lastName));
    return role === undefined ? notFound(`role \`${principal}\``) : { ...role, kind: 'role' };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const roleName = resource.slice('assumed-role/'.length).split('/')[0] ?? '';
    const role = gaad.rolesByName.get(nameKey(account, roleName));
    return role === undefined
      ? notFound(`role \`${roleName}\` of account \`${account}\`, whose session is the caller,`)
      : { ...role, kind: 'role' };
  }
  // The root user has no identity policies to miss; other callers have policies GAAD does not list.
  if (service === 'iam' && resource === 'root') return undefined;
  issues.warning(
    'principal_not_covered',
    '/request/principal',
    `\`${principal}\` is neither an IAM user, a role nor a role session: the snapshot holds no identity policies for it`,
  );
  return undefined;
}

function inlineSources(inline: readonly InlinePolicy[], entityArn: string): PolicySource[] {
  return inline.map((policy) =>
    Object.freeze({ id: inlinePolicyId(policy.name, entityArn), document: policy.document }),
  );
}

/** AS-4, AS-5: a managed policy at its default version, id its ARN; a warning when the snapshot lacks it (AS-8). */
function managed(gaad: GaadIndex, ref: PolicyRef, owner: string, issues: IssueList): PolicySource | undefined {
  const policy = gaad.policies.get(ref.arn);
  if (policy === undefined) {
    issues.warning(
      'managed_policy_not_found',
      ref.pointer,
      `${owner} attaches managed policy \`${ref.arn}\`, which the snapshot does not hold: its statements are missing`,
    );
    return undefined;
  }
  return Object.freeze(
    policy.awsManaged
      ? { id: policy.arn, document: policy.document, awsManaged: true }
      : { id: policy.arn, document: policy.document },
  );
}

/** AS-6: each group's inline and attached policies, in the order of the user's GroupList. */
function groupPolicies(gaad: GaadIndex, user: GaadUser, issues: IssueList): PolicySource[] {
  const found: PolicySource[] = [];
  for (const { name, pointer } of user.groups) {
    const group = gaad.groupsByName.get(nameKey(user.account, name));
    if (group === undefined) {
      issues.warning(
        'group_not_found',
        pointer,
        `user \`${user.name}\` is in group \`${name}\`, which the snapshot does not hold: its policies are missing`,
      );
      continue;
    }
    found.push(...inlineSources(group.inline, group.arn));
    for (const ref of group.attached) {
      const source = managed(gaad, ref, `group \`${group.name}\``, issues);
      if (source !== undefined) found.push(source);
    }
  }
  return found;
}

/** AS-9..AS-12: the role's trust policy for the trust actions, else the resource's policy by ARN. */
function resourcePolicy(data: SnapshotData, request: RequestInput, issues: IssueList): PolicySource | undefined {
  const { resource } = request;
  if (TRUST_POLICY_ACTIONS.has(request.action.toLowerCase()) && isRoleArn(resource)) {
    const parts = splitArn(resource);
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    const role = data.gaad.roles.get(resource) ?? data.gaad.rolesByName.get(nameKey(parts?.[4] ?? '', name));
    if (role?.trust === undefined) {
      issues.warning(
        'role_not_found',
        '/request/resource',
        `role \`${resource}\` is not in the snapshot${role === undefined ? '' : ' with a trust policy'}: its trust policy is missing`,
      );
      return undefined;
    }
    return Object.freeze({ id: role.arn, document: role.trust });
  }
  if (resource === '*') return undefined;
  for (const arn of policyArnsFor(resource)) {
    if (!data.resourcePolicies.has(arn)) continue;
    // `null`: the snapshot says the resource has no policy.
    return data.resourcePolicies.get(arn)?.source;
  }
  if (normallyHasPolicy(resource)) {
    issues.warning(
      'resource_policy_not_found',
      '/request/resource',
      `the snapshot has no resource-based policy for \`${resource}\`: add it to \`resourcePolicies\`, or \`null\` if it has none`,
    );
  }
  return undefined;
}

/** The account of a principal ARN (or a bare account id); none for `*` and service principals. */
function accountOf(principal: string): string | undefined {
  if (ACCOUNT_ID.test(principal)) return principal;
  const account = splitArn(principal)?.[4];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

/** AS-14: the resource's account, from `resourceAccount` or its ARN; a warning when an ARN names none (S3). */
function resourceAccountOf(request: RequestInput, issues: IssueList): string | undefined {
  if (request.resourceAccount !== undefined) return request.resourceAccount;
  if (request.resource === '*') return undefined;
  const account = accountOf(request.resource);
  if (account === undefined && splitArn(request.resource) !== undefined) {
    issues.warning(
      'resource_account_unknown',
      '/request/resourceAccount',
      `\`${request.resource}\` names no account: give \`resourceAccount\` to resolve its RCPs`,
    );
  }
  return account;
}
