import { appendPointer } from '../../model/json-pointer.js';
import type { RequestInput } from '../../model/request.js';
import type { GaadIndex, PolicyRef } from './gaad.js';
import { nameKey, readGaad } from './gaad.js';
import type { OrgIndex } from './organization.js';
import { readOrganization } from './organization.js';
import { isObject, own } from './read-json.js';
import type { ResourcePolicyIndex } from './resource-policies.js';
import { readResourcePolicies } from './resource-policies.js';
import { resolvePolicies } from './resolve-policies.js';
import type { SnapshotData } from './resolve-policies.js';
import { IssueList } from './snapshot-issues.js';
import type { AccountSnapshot, AccountSnapshotInput } from './snapshot-types.js';

const FIELDS = new Set(['gaad', 'organization', 'resourcePolicies']);

/**
 * Reads an account snapshot (docs/aws-inputs.md, AS-1): the GAAD pages of `aws iam get-account-authorization-details`
 * (CLI or raw API form), optionally the organization's paths, SCPs and RCPs, and resource-based policies by ARN, all
 * as parsed JSON. Pure: it reads no file, keeps no reference to `input` and never changes it. The snapshot's
 * `resolve(request)` gives the `PolicySet` that applies to a request, ready for `evaluate`, with a warning for each
 * piece the snapshot lacks.
 *
 * @param input - `{ gaad, organization?, resourcePolicies? }`, see `AccountSnapshotInput`.
 * @returns the frozen snapshot.
 * @throws AccountSnapshotError when the snapshot cannot be read; `.issues` lists every problem with its JSON Pointer.
 *
 * @example
 * ```ts
 * import { evaluate, loadAccountSnapshot } from 'iam-policy-evaluator';
 * const readOnly = encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}');
 * const snapshot = loadAccountSnapshot({
 *   gaad: {
 *     RoleDetailList: [{
 *       RoleName: 'reader', Path: '/app/', Arn: 'arn:aws:iam::111122223333:role/app/reader',
 *       AttachedManagedPolicies: [{ PolicyName: 'Read', PolicyArn: 'arn:aws:iam::111122223333:policy/Read' }],
 *     }],
 *     Policies: [{
 *       PolicyName: 'Read', Arn: 'arn:aws:iam::111122223333:policy/Read', DefaultVersionId: 'v1',
 *       PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: readOnly }],
 *     }],
 *   },
 * });
 * const resolved = snapshot.resolve({ principal: 'arn:aws:sts::111122223333:assumed-role/reader/job-42', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q1.csv' });
 * resolved.input.policies.identity?.map((policy) => policy.id); //=> ['arn:aws:iam::111122223333:policy/Read']
 * resolved.warnings.map((warning) => warning.code); //=> ['resource_policy_not_found']
 * evaluate(resolved.input, resolved.options).decision; //=> 'Allow'
 * ```
 */
export function loadAccountSnapshot(input: AccountSnapshotInput): AccountSnapshot {
  const issues = new IssueList();
  const value: unknown = input;
  if (!isObject(value)) {
    issues.error('invalid_snapshot', '', 'the snapshot must be an object `{ gaad, organization?, resourcePolicies? }`');
    issues.throwIfErrors();
    throw new Error('unreachable');
  }
  for (const key of Object.keys(value)) {
    if (!FIELDS.has(key)) {
      issues.error(
        'unknown_snapshot_field',
        appendPointer('', key),
        `unknown snapshot field \`${key}\`: use \`gaad\`, \`organization\` or \`resourcePolicies\``,
      );
    }
  }
  const gaadInput = own(value, 'gaad');
  let gaad: GaadIndex | undefined;
  if (gaadInput === undefined) issues.error('missing_gaad', '/gaad', 'the snapshot has no `gaad`');
  else gaad = readGaad(gaadInput, issues);
  const orgInput = own(value, 'organization');
  const organization: OrgIndex | undefined = orgInput === undefined ? undefined : readOrganization(orgInput, issues);
  const policiesInput = own(value, 'resourcePolicies');
  const resourcePolicies: ResourcePolicyIndex =
    policiesInput === undefined ? new Map() : readResourcePolicies(policiesInput, issues);
  issues.throwIfErrors();
  if (gaad === undefined) throw new Error('unreachable: a missing GAAD is an error');

  const shared = new IssueList();
  if (gaad.truncatedAt !== undefined) {
    shared.warning(
      'gaad_truncated',
      `${gaad.truncatedAt}/IsTruncated`,
      'the last GAAD page says `IsTruncated: true`: the pages after it are missing, so users, groups, roles or policies may be too',
    );
  }
  const data: SnapshotData = { gaad, organization, resourcePolicies, sharedWarnings: Object.freeze([...shared.items]) };
  const warnings = new IssueList();
  warnings.items.push(...shared.items);
  danglingReferences(gaad, warnings);
  const snapshot: AccountSnapshot = {
    accounts: gaad.accounts,
    users: Object.freeze([...gaad.users.keys()]),
    roles: Object.freeze([...gaad.roles.keys()]),
    ...(organization?.managementAccountId === undefined
      ? {}
      : { managementAccountId: organization.managementAccountId }),
    warnings: Object.freeze(warnings.items),
    resolve: (request: RequestInput) => resolvePolicies(data, request),
  };
  return Object.freeze(snapshot);
}

/** AS-8: every group and managed policy a user, group or role names that the snapshot does not hold. */
function danglingReferences(gaad: GaadIndex, issues: IssueList): void {
  const entities: { readonly name: string; readonly refs: readonly PolicyRef[] }[] = [
    ...[...gaad.users.values(), ...gaad.roles.values()].map((entity) => ({
      name: entity.name,
      refs: entity.boundary === undefined ? entity.attached : [...entity.attached, entity.boundary],
    })),
    ...[...gaad.groups.values()].map((group) => ({ name: group.name, refs: group.attached })),
  ];
  for (const entity of entities) {
    for (const ref of entity.refs) {
      if (!gaad.policies.has(ref.arn)) {
        issues.warning(
          'managed_policy_not_found',
          ref.pointer,
          `\`${entity.name}\` attaches managed policy \`${ref.arn}\`, which the snapshot does not hold: its statements are missing`,
        );
      }
    }
  }
  for (const user of gaad.users.values()) {
    for (const { name, pointer } of user.groups) {
      if (!gaad.groupsByName.has(nameKey(user.account, name))) {
        issues.warning(
          'group_not_found',
          pointer,
          `user \`${user.name}\` is in group \`${name}\`, which the snapshot does not hold: its policies are missing`,
        );
      }
    }
  }
}
