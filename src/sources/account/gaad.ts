// GAAD (`aws iam get-account-authorization-details`) pages read into an index of users, groups, roles and managed
// policies (AS-2..AS-5). Pages are merged in order; only the default version of a managed policy is kept.
import { splitArn } from '../../matching/arn.js';
import type { IssueList } from './snapshot-issues.js';
import { readPolicyDocument } from './policy-document.js';
import type { JsonObject } from './read-json.js';
import { appendPointer } from '../../model/json-pointer.js';
import { describe, isObject, optionalArray, own, requiredString } from './read-json.js';

/** An inline policy: its name, its JSON text, and where it was read. */
export interface InlinePolicy {
  readonly name: string;
  readonly document: string;
  readonly pointer: string;
}

/** A reference to a managed policy (attached, or a permissions boundary). */
export interface PolicyRef {
  readonly arn: string;
  readonly pointer: string;
}

interface Entity {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  readonly pointer: string;
  readonly inline: readonly InlinePolicy[];
  readonly attached: readonly PolicyRef[];
}

export interface GaadUser extends Entity {
  readonly groups: readonly { readonly name: string; readonly pointer: string }[];
  readonly boundary: PolicyRef | undefined;
}

export type GaadGroup = Entity;

export interface GaadRole extends Entity {
  readonly boundary: PolicyRef | undefined;
  /** The trust policy's JSON text; undefined when the entry has none. */
  readonly trust: string | undefined;
}

export interface GaadManagedPolicy {
  readonly arn: string;
  readonly name: string;
  /** The default version's JSON text. */
  readonly document: string;
  readonly pointer: string;
  readonly awsManaged: boolean;
}

export interface GaadIndex {
  readonly users: ReadonlyMap<string, GaadUser>;
  readonly groups: ReadonlyMap<string, GaadGroup>;
  readonly roles: ReadonlyMap<string, GaadRole>;
  readonly policies: ReadonlyMap<string, GaadManagedPolicy>;
  /** Users, groups and roles by `<account>|<name>`: session ARNs and group lists name them without a path. */
  readonly usersByName: ReadonlyMap<string, GaadUser>;
  readonly groupsByName: ReadonlyMap<string, GaadGroup>;
  readonly rolesByName: ReadonlyMap<string, GaadRole>;
  readonly accounts: readonly string[];
  /** The pointer of the last page when it says `IsTruncated: true` (AS-3). */
  readonly truncatedAt: string | undefined;
}

/** The `<account>|<name>` key of the by-name maps. */
export function nameKey(account: string, name: string): string {
  return `${account}|${name}`;
}

const AWS_MANAGED_ACCOUNT = 'aws';

/** Reads every GAAD page; problems go to `issues` (the caller throws when one is an error). */
export function readGaad(gaad: unknown, issues: IssueList): GaadIndex {
  const pages: { page: unknown; pointer: string }[] = Array.isArray(gaad)
    ? gaad.map((page, index) => ({ page, pointer: appendPointer('/gaad', index) }))
    : [{ page: gaad, pointer: '/gaad' }];
  const index = new Builder(issues);
  if (pages.length === 0) issues.error('missing_gaad', '/gaad', 'the GAAD list holds no page');
  let truncatedAt: string | undefined;
  for (const { page, pointer } of pages) {
    if (!isObject(page)) {
      issues.error('invalid_gaad', pointer, `a GAAD page must be an object, not ${describe(page)}`);
      continue;
    }
    index.page(page, pointer);
    const truncated = own(page, 'IsTruncated');
    if (truncated !== undefined && typeof truncated !== 'boolean') {
      issues.error('invalid_gaad', appendPointer(pointer, 'IsTruncated'), '`IsTruncated` must be a boolean');
    }
    // Only the last page's flag counts: an earlier truncated page is followed by the page it points to.
    truncatedAt = truncated === true ? pointer : undefined;
  }
  return index.finish(truncatedAt);
}

class Builder {
  readonly users = new Map<string, GaadUser>();
  readonly groups = new Map<string, GaadGroup>();
  readonly roles = new Map<string, GaadRole>();
  readonly policies = new Map<string, GaadManagedPolicy>();
  readonly usersByName = new Map<string, GaadUser>();
  readonly groupsByName = new Map<string, GaadGroup>();
  readonly rolesByName = new Map<string, GaadRole>();
  readonly accounts = new Set<string>();
  /** The raw entry behind each ARN, to tell a repeated entry from a conflicting one. */
  readonly seen = new Map<string, string>();

  constructor(readonly issues: IssueList) {}

  page(page: JsonObject, pointer: string): void {
    this.list(page, 'UserDetailList', pointer, (entry, at) => this.user(entry, at));
    this.list(page, 'GroupDetailList', pointer, (entry, at) => this.group(entry, at));
    this.list(page, 'RoleDetailList', pointer, (entry, at) => this.role(entry, at));
    this.list(page, 'Policies', pointer, (entry, at) => this.policy(entry, at));
  }

  finish(truncatedAt: string | undefined): GaadIndex {
    return {
      users: this.users,
      groups: this.groups,
      roles: this.roles,
      policies: this.policies,
      usersByName: this.usersByName,
      groupsByName: this.groupsByName,
      rolesByName: this.rolesByName,
      accounts: Object.freeze([...this.accounts].sort()),
      truncatedAt,
    };
  }

  private list(page: JsonObject, key: string, pointer: string, read: (entry: JsonObject, at: string) => void): void {
    const at = appendPointer(pointer, key);
    optionalArray(page, key, pointer, this.issues, 'invalid_gaad').forEach((entry, i) => {
      if (isObject(entry)) read(entry, appendPointer(at, i));
      else
        this.issues.error(
          'invalid_gaad',
          appendPointer(at, i),
          `a GAAD entry must be an object, not ${describe(entry)}`,
        );
    });
  }

  /** The ARN, name and account of an entry, or undefined after an error. */
  private identity(entry: JsonObject, nameField: string, at: string): Omit<Entity, 'inline' | 'attached'> | undefined {
    const arn = requiredString(entry, 'Arn', at, this.issues, 'missing_gaad_field');
    const name = requiredString(entry, nameField, at, this.issues, 'missing_gaad_field');
    if (arn === undefined || name === undefined) return undefined;
    const account = splitArn(arn)?.[4];
    if (account === undefined || account === '') {
      this.issues.error('invalid_gaad', appendPointer(at, 'Arn'), `\`${arn}\` is not an IAM ARN with an account`);
      return undefined;
    }
    return { arn, name, account, pointer: at };
  }

  /** Whether this ARN is new; a repeat of the same entry is skipped, a different entry under it is an error. */
  private first(arn: string, entry: JsonObject, at: string): boolean {
    const text = JSON.stringify(entry);
    const before = this.seen.get(arn);
    if (before === undefined) {
      this.seen.set(arn, text);
      return true;
    }
    if (before !== text) {
      this.issues.error('duplicate_gaad_entry', at, `\`${arn}\` appears twice in the GAAD with different content`);
    }
    return false;
  }

  private inline(entry: JsonObject, key: string, at: string): InlinePolicy[] {
    const list = appendPointer(at, key);
    return optionalArray(entry, key, at, this.issues, 'invalid_gaad').flatMap((item, i) => {
      const itemAt = appendPointer(list, i);
      if (!isObject(item)) {
        this.issues.error('invalid_gaad', itemAt, `an inline policy must be an object, not ${describe(item)}`);
        return [];
      }
      const name = requiredString(item, 'PolicyName', itemAt, this.issues, 'missing_gaad_field');
      const document = readPolicyDocument(
        own(item, 'PolicyDocument'),
        appendPointer(itemAt, 'PolicyDocument'),
        this.issues,
      );
      return name === undefined || document === undefined ? [] : [{ name, document, pointer: itemAt }];
    });
  }

  private attached(entry: JsonObject, at: string): PolicyRef[] {
    const list = appendPointer(at, 'AttachedManagedPolicies');
    return optionalArray(entry, 'AttachedManagedPolicies', at, this.issues, 'invalid_gaad').flatMap((item, i) => {
      const itemAt = appendPointer(list, i);
      if (!isObject(item)) {
        this.issues.error('invalid_gaad', itemAt, `an attached policy must be an object, not ${describe(item)}`);
        return [];
      }
      const arn = requiredString(item, 'PolicyArn', itemAt, this.issues, 'missing_gaad_field');
      return arn === undefined ? [] : [{ arn, pointer: appendPointer(itemAt, 'PolicyArn') }];
    });
  }

  private boundary(entry: JsonObject, at: string): PolicyRef | undefined {
    const value = own(entry, 'PermissionsBoundary');
    if (value === undefined || value === null) return undefined;
    const boundaryAt = appendPointer(at, 'PermissionsBoundary');
    if (!isObject(value)) {
      this.issues.error(
        'invalid_gaad',
        boundaryAt,
        `\`PermissionsBoundary\` must be an object, not ${describe(value)}`,
      );
      return undefined;
    }
    const arn = requiredString(value, 'PermissionsBoundaryArn', boundaryAt, this.issues, 'missing_gaad_field');
    return arn === undefined ? undefined : { arn, pointer: appendPointer(boundaryAt, 'PermissionsBoundaryArn') };
  }

  private user(entry: JsonObject, at: string): void {
    const id = this.identity(entry, 'UserName', at);
    const inline = this.inline(entry, 'UserPolicyList', at);
    const attached = this.attached(entry, at);
    const boundary = this.boundary(entry, at);
    const groupsAt = appendPointer(at, 'GroupList');
    const groups = optionalArray(entry, 'GroupList', at, this.issues, 'invalid_gaad').flatMap((name, i) => {
      if (typeof name === 'string' && name !== '') return [{ name, pointer: appendPointer(groupsAt, i) }];
      this.issues.error(
        'invalid_gaad',
        appendPointer(groupsAt, i),
        `a group name must be a string, not ${describe(name)}`,
      );
      return [];
    });
    if (id === undefined || !this.first(id.arn, entry, at)) return;
    const user: GaadUser = { ...id, inline, attached, groups, boundary };
    this.users.set(id.arn, user);
    this.usersByName.set(nameKey(id.account, id.name), user);
    this.accounts.add(id.account);
  }

  private group(entry: JsonObject, at: string): void {
    const id = this.identity(entry, 'GroupName', at);
    const inline = this.inline(entry, 'GroupPolicyList', at);
    const attached = this.attached(entry, at);
    if (id === undefined || !this.first(id.arn, entry, at)) return;
    const group: GaadGroup = { ...id, inline, attached };
    this.groups.set(id.arn, group);
    this.groupsByName.set(nameKey(id.account, id.name), group);
    this.accounts.add(id.account);
  }

  private role(entry: JsonObject, at: string): void {
    const id = this.identity(entry, 'RoleName', at);
    const inline = this.inline(entry, 'RolePolicyList', at);
    const attached = this.attached(entry, at);
    const boundary = this.boundary(entry, at);
    const trustValue = own(entry, 'AssumeRolePolicyDocument');
    const trust =
      trustValue === undefined || trustValue === null
        ? undefined
        : readPolicyDocument(trustValue, appendPointer(at, 'AssumeRolePolicyDocument'), this.issues);
    if (id === undefined || !this.first(id.arn, entry, at)) return;
    const role: GaadRole = { ...id, inline, attached, boundary, trust };
    this.roles.set(id.arn, role);
    this.rolesByName.set(nameKey(id.account, id.name), role);
    this.accounts.add(id.account);
  }

  private policy(entry: JsonObject, at: string): void {
    const arn = requiredString(entry, 'Arn', at, this.issues, 'missing_gaad_field');
    const name = requiredString(entry, 'PolicyName', at, this.issues, 'missing_gaad_field');
    const document = this.defaultVersion(entry, at);
    if (arn === undefined || name === undefined || document === undefined || !this.first(arn, entry, at)) return;
    const awsManaged = splitArn(arn)?.[4] === AWS_MANAGED_ACCOUNT;
    this.policies.set(arn, { arn, name, document, pointer: at, awsManaged });
  }

  /** AS-4: the document of the version marked `IsDefaultVersion`, else the one `DefaultVersionId` names. */
  private defaultVersion(entry: JsonObject, at: string): string | undefined {
    const listAt = appendPointer(at, 'PolicyVersionList');
    const versions = optionalArray(entry, 'PolicyVersionList', at, this.issues, 'invalid_gaad');
    const defaultId = own(entry, 'DefaultVersionId');
    let chosen: { version: JsonObject; at: string } | undefined;
    let byId: { version: JsonObject; at: string } | undefined;
    versions.forEach((version, i) => {
      if (!isObject(version)) {
        this.issues.error('invalid_gaad', appendPointer(listAt, i), `a policy version must be an object`);
        return;
      }
      if (own(version, 'IsDefaultVersion') === true && chosen === undefined)
        chosen = { version, at: appendPointer(listAt, i) };
      if (typeof defaultId === 'string' && own(version, 'VersionId') === defaultId) {
        byId = { version, at: appendPointer(listAt, i) };
      }
    });
    const picked = chosen ?? byId;
    if (picked === undefined) {
      this.issues.error(
        'missing_default_version',
        listAt,
        'the managed policy has no default version in `PolicyVersionList` (`IsDefaultVersion: true` or `DefaultVersionId`)',
      );
      return undefined;
    }
    return readPolicyDocument(own(picked.version, 'Document'), appendPointer(picked.at, 'Document'), this.issues);
  }
}
