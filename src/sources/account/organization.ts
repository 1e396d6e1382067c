// AWS Organizations data (AS-13..AS-17): where each account sits (root → OUs → account) and the SCPs and RCPs
// attached at each level, from the plain data form (which the documented org/ folder maps onto) or from the JSON of
// `aws organizations list-parents`, `list-policies-for-target` and `describe-policy`.
import type { OrgLevel, PolicySource } from '../../model/request.js';
import type { IssueList } from './snapshot-issues.js';
import { readPolicyDocument } from './policy-document.js';
import type { JsonObject } from './read-json.js';
import { appendPointer } from '../../model/json-pointer.js';
import { describe, isObject, optionalArray, own, ownEntries, requiredString } from './read-json.js';

export type OrgPolicyKind = 'scp' | 'rcp';

/** One policy attached at a level: readable, or named by list-policies-for-target with no content given. */
type LevelEntry =
  | { readonly kind: 'policy'; readonly source: PolicySource }
  | { readonly kind: 'missing'; readonly id: string; readonly pointer: string };

interface Level {
  readonly scp: LevelEntry[];
  readonly rcp: LevelEntry[];
}

export interface OrgIndex {
  readonly managementAccountId: string | undefined;
  readonly paths: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlyMap<string, { readonly id: string; readonly type: string }>;
  readonly levels: ReadonlyMap<string, Level>;
}

const FIELDS = new Set([
  'managementAccountId',
  'accounts',
  'policiesByTarget',
  'listParents',
  'listPoliciesForTarget',
  'describePolicy',
]);
const ACCOUNT_ID = /^\d{12}$/u;
const POLICY_TYPES: ReadonlyMap<string, OrgPolicyKind> = new Map([
  ['SERVICE_CONTROL_POLICY', 'scp'],
  ['RESOURCE_CONTROL_POLICY', 'rcp'],
]);
/**
 * AS-16: the two AWS managed policies whose content AWS documents and never changes, so a list-policies-for-target
 * entry naming one needs no describe-policy output.
 */
const BUILT_IN: ReadonlyMap<string, string> = new Map([
  ['p-FullAWSAccess', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'],
  [
    'p-RCPFullAWSAccess',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
  ],
]);

/** Reads the organization input; problems go to `issues`. */
export function readOrganization(value: unknown, issues: IssueList): OrgIndex {
  const at = '/organization';
  const paths = new Map<string, readonly string[]>();
  const parents = new Map<string, { id: string; type: string }>();
  const levels = new Map<string, Level>();
  const empty: OrgIndex = { managementAccountId: undefined, paths, parents, levels };
  if (!isObject(value)) {
    issues.error('invalid_organization', at, `\`organization\` must be an object, not ${describe(value)}`);
    return empty;
  }
  for (const key of Object.keys(value)) {
    if (!FIELDS.has(key)) {
      issues.error('invalid_organization', appendPointer(at, key), `unknown organization field \`${key}\``);
    }
  }
  const management = own(value, 'managementAccountId');
  let managementAccountId: string | undefined;
  if (typeof management === 'string' && ACCOUNT_ID.test(management)) managementAccountId = management;
  else if (management !== undefined) {
    issues.error(
      'invalid_organization',
      appendPointer(at, 'managementAccountId'),
      `\`managementAccountId\` must be a 12-digit account id, not ${describe(management)}`,
    );
  }
  readAccounts(own(value, 'accounts'), appendPointer(at, 'accounts'), paths, issues);
  readParents(own(value, 'listParents'), appendPointer(at, 'listParents'), parents, issues);
  const level = (target: string): Level => {
    const found = levels.get(target);
    if (found !== undefined) return found;
    const created: Level = { scp: [], rcp: [] };
    levels.set(target, created);
    return created;
  };
  readPoliciesByTarget(own(value, 'policiesByTarget'), appendPointer(at, 'policiesByTarget'), level, issues);
  const described = readDescribed(own(value, 'describePolicy'), appendPointer(at, 'describePolicy'), issues);
  readListed(own(value, 'listPoliciesForTarget'), appendPointer(at, 'listPoliciesForTarget'), described, level, issues);
  return { managementAccountId, paths, parents, levels };
}

function objectField(value: unknown, at: string, issues: IssueList): JsonObject | undefined {
  if (value === undefined) return undefined;
  if (isObject(value)) return value;
  issues.error('invalid_organization', at, `must be an object, not ${describe(value)}`);
  return undefined;
}

function readAccounts(value: unknown, at: string, paths: Map<string, readonly string[]>, issues: IssueList): void {
  const accounts = objectField(value, at, issues);
  if (accounts === undefined) return;
  for (const [account, entry] of ownEntries(accounts)) {
    const entryAt = appendPointer(at, account);
    if (!ACCOUNT_ID.test(account)) {
      issues.error('invalid_organization', entryAt, `\`${account}\` is not a 12-digit account id`);
      continue;
    }
    const path = isObject(entry) ? own(entry, 'path') : undefined;
    if (!Array.isArray(path) || path.length === 0 || !path.every((id) => typeof id === 'string' && id !== '')) {
      issues.error(
        'invalid_organization',
        appendPointer(entryAt, 'path'),
        'an account needs `path`: the root id, then each OU id, down to (not including) the account',
      );
      continue;
    }
    paths.set(account, Object.freeze([...(path as string[])]));
  }
}

function readParents(
  value: unknown,
  at: string,
  parents: Map<string, { id: string; type: string }>,
  issues: IssueList,
): void {
  const byChild = objectField(value, at, issues);
  if (byChild === undefined) return;
  for (const [child, output] of ownEntries(byChild)) {
    const outputAt = appendPointer(at, child);
    const list = isObject(output) ? own(output, 'Parents') : undefined;
    const first: unknown = Array.isArray(list) ? list[0] : undefined;
    if (!Array.isArray(list) || list.length !== 1 || !isObject(first)) {
      issues.error(
        'invalid_organization',
        outputAt,
        'expected the output of `aws organizations list-parents`: `{"Parents": [{"Id": …, "Type": …}]}` with one parent',
      );
      continue;
    }
    const parentAt = appendPointer(appendPointer(outputAt, 'Parents'), 0);
    const id = requiredString(first, 'Id', parentAt, issues, 'invalid_organization');
    const type = requiredString(first, 'Type', parentAt, issues, 'invalid_organization');
    if (id !== undefined && type !== undefined) parents.set(child, { id, type });
  }
}

function readPoliciesByTarget(value: unknown, at: string, level: (target: string) => Level, issues: IssueList): void {
  const byTarget = objectField(value, at, issues);
  if (byTarget === undefined) return;
  for (const [target, policies] of ownEntries(byTarget)) {
    const targetAt = appendPointer(at, target);
    if (!isObject(policies)) {
      issues.error('invalid_organization', targetAt, 'expected `{ "scp": [...], "rcp": [...] }`');
      continue;
    }
    for (const key of Object.keys(policies)) {
      if (key !== 'scp' && key !== 'rcp') {
        issues.error(
          'invalid_organization',
          appendPointer(targetAt, key),
          `unknown field \`${key}\`: use \`scp\` or \`rcp\``,
        );
      }
    }
    for (const kind of ['scp', 'rcp'] as const) {
      optionalArray(policies, kind, targetAt, issues, 'invalid_organization').forEach((entry, i) => {
        const source = readOrgPolicy(entry, appendPointer(appendPointer(targetAt, kind), i), issues);
        if (source !== undefined) level(target)[kind].push({ kind: 'policy', source });
      });
    }
  }
}

/** A policy of the data form: `{ id, document, awsManaged? }`, or a describe-policy output (id: its ARN). */
function readOrgPolicy(entry: unknown, at: string, issues: IssueList): PolicySource | undefined {
  if (isObject(entry) && own(entry, 'Policy') !== undefined) return readDescribeOutput(entry, at, issues)?.source;
  if (!isObject(entry)) {
    issues.error('invalid_organization', at, `an organization policy must be an object, not ${describe(entry)}`);
    return undefined;
  }
  const id = requiredString(entry, 'id', at, issues, 'invalid_organization');
  const document = readPolicyDocument(own(entry, 'document'), appendPointer(at, 'document'), issues);
  const awsManaged = own(entry, 'awsManaged');
  if (awsManaged !== undefined && typeof awsManaged !== 'boolean') {
    issues.error('invalid_organization', appendPointer(at, 'awsManaged'), '`awsManaged` must be a boolean');
  }
  if (id === undefined || document === undefined) return undefined;
  return Object.freeze(awsManaged === true ? { id, document, awsManaged } : { id, document });
}

interface Described {
  readonly policyId: string;
  readonly type: string | undefined;
  readonly source: PolicySource;
}

/** `{"Policy": {"PolicySummary": {"Id", "Arn", "Type", "AwsManaged", …}, "Content": "<JSON text>"}}`. */
function readDescribeOutput(entry: JsonObject, at: string, issues: IssueList): Described | undefined {
  const policy = own(entry, 'Policy');
  const policyAt = appendPointer(at, 'Policy');
  const summary = isObject(policy) ? own(policy, 'PolicySummary') : undefined;
  if (!isObject(policy) || !isObject(summary)) {
    issues.error(
      'invalid_organization',
      policyAt,
      'expected the output of `aws organizations describe-policy`: `{"Policy": {"PolicySummary": {…}, "Content": "…"}}`',
    );
    return undefined;
  }
  const summaryAt = appendPointer(policyAt, 'PolicySummary');
  const policyId = requiredString(summary, 'Id', summaryAt, issues, 'invalid_organization');
  const arn = own(summary, 'Arn');
  const type = own(summary, 'Type');
  const document = readPolicyDocument(own(policy, 'Content'), appendPointer(policyAt, 'Content'), issues);
  if (policyId === undefined || document === undefined) return undefined;
  const id = typeof arn === 'string' && arn !== '' ? arn : policyId;
  const source: PolicySource =
    own(summary, 'AwsManaged') === true ? { id, document, awsManaged: true } : { id, document };
  return { policyId, type: typeof type === 'string' ? type : undefined, source: Object.freeze(source) };
}

function readDescribed(value: unknown, at: string, issues: IssueList): Map<string, Described> {
  const byId = new Map<string, Described>();
  if (value === undefined) return byId;
  if (!Array.isArray(value)) {
    issues.error('invalid_organization', at, '`describePolicy` must be an array of describe-policy outputs');
    return byId;
  }
  value.forEach((entry, i) => {
    const entryAt = appendPointer(at, i);
    if (!isObject(entry)) {
      issues.error('invalid_organization', entryAt, `expected a describe-policy output, not ${describe(entry)}`);
      return;
    }
    const described = readDescribeOutput(entry, entryAt, issues);
    if (described !== undefined) byId.set(described.policyId, described);
  });
  return byId;
}

function readListed(
  value: unknown,
  at: string,
  described: ReadonlyMap<string, Described>,
  level: (target: string) => Level,
  issues: IssueList,
): void {
  const byTarget = objectField(value, at, issues);
  if (byTarget === undefined) return;
  for (const [target, outputs] of ownEntries(byTarget)) {
    const targetAt = appendPointer(at, target);
    // One output per filter (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY), or a single one.
    const list: { output: unknown; at: string }[] = Array.isArray(outputs)
      ? outputs.map((output, i) => ({ output, at: appendPointer(targetAt, i) }))
      : [{ output: outputs, at: targetAt }];
    for (const { output, at: outputAt } of list) {
      const policies = isObject(output) ? own(output, 'Policies') : undefined;
      if (!Array.isArray(policies)) {
        issues.error(
          'invalid_organization',
          outputAt,
          'expected the output of `aws organizations list-policies-for-target`: `{"Policies": [{"Id", "Arn", "Type", …}]}`',
        );
        continue;
      }
      policies.forEach((summary, i) => {
        const summaryAt = appendPointer(appendPointer(outputAt, 'Policies'), i);
        if (!isObject(summary)) {
          issues.error('invalid_organization', summaryAt, `expected a policy summary, not ${describe(summary)}`);
          return;
        }
        const policyId = requiredString(summary, 'Id', summaryAt, issues, 'invalid_organization');
        const type = requiredString(summary, 'Type', summaryAt, issues, 'invalid_organization');
        if (policyId === undefined || type === undefined) return;
        const kind = POLICY_TYPES.get(type);
        // Tag, backup and other policy types do not authorize requests.
        if (kind === undefined) return;
        const arn = own(summary, 'Arn');
        const id = typeof arn === 'string' && arn !== '' ? arn : policyId;
        const entry = listedEntry(policyId, id, own(summary, 'AwsManaged') === true, described, summaryAt);
        level(target)[kind].push(entry);
      });
    }
  }
}

function listedEntry(
  policyId: string,
  id: string,
  awsManaged: boolean,
  described: ReadonlyMap<string, Described>,
  pointer: string,
): LevelEntry {
  const found = described.get(policyId);
  if (found !== undefined) return { kind: 'policy', source: found.source };
  const builtIn = BUILT_IN.get(policyId);
  if (builtIn !== undefined) {
    return {
      kind: 'policy',
      source: Object.freeze(awsManaged ? { id, document: builtIn, awsManaged } : { id, document: builtIn }),
    };
  }
  return { kind: 'missing', id, pointer };
}

/** AS-13: an account's path, root first, from `accounts` or by walking list-parents; undefined when neither has it. */
export function accountPath(org: OrgIndex, account: string): readonly string[] | undefined {
  const given = org.paths.get(account);
  if (given !== undefined) return given;
  const path: string[] = [];
  let current = account;
  // Organizations nests OUs at most five deep; the bound also stops a cycle in bad data.
  for (let depth = 0; depth < 8; depth += 1) {
    const parent = org.parents.get(current);
    if (parent === undefined) return undefined;
    path.unshift(parent.id);
    if (parent.type === 'ROOT') return Object.freeze(path);
    current = parent.id;
  }
  return undefined;
}

/**
 * AS-14: the SCP or RCP levels of an account, root first and the account last, each with the policies attached to it;
 * warnings name an account with no path, a policy whose content is missing, and an SCP level with no policy.
 */
export function orgLevels(
  org: OrgIndex,
  account: string,
  kind: OrgPolicyKind,
  pointer: string,
  issues: IssueList,
): OrgLevel[] | undefined {
  const path = accountPath(org, account);
  const label = kind === 'scp' ? 'SCPs' : 'RCPs';
  if (path === undefined) {
    // The management account is outside SCPs and RCPs (O-1, O-5): its path does not matter.
    if (account !== org.managementAccountId) {
      issues.warning(
        'account_not_in_organization',
        pointer,
        `the organization has no path for account \`${account}\`: its ${label} are missing`,
      );
    }
    return undefined;
  }
  return [...path, account].map((target) => {
    const entries = org.levels.get(target)?.[kind] ?? [];
    const policies: PolicySource[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const id = entry.kind === 'policy' ? entry.source.id : entry.id;
      if (seen.has(id)) continue;
      seen.add(id);
      if (entry.kind === 'policy') policies.push(entry.source);
      else {
        issues.warning(
          'org_policy_not_found',
          entry.pointer,
          `${label.slice(0, 3)} \`${id}\` is attached to \`${target}\` but its content is missing: add its describe-policy output`,
        );
      }
    }
    if (kind === 'scp' && policies.length === 0 && account !== org.managementAccountId) {
      issues.warning(
        'org_level_without_scp',
        pointer,
        `no SCP is given for \`${target}\`: AWS keeps at least one attached, so the snapshot is likely missing it (every request of account \`${account}\` is denied at this level)`,
      );
    }
    return Object.freeze({ target, policies: Object.freeze(policies) });
  });
}
