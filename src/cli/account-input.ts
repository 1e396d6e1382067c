// Reads an account from files (docs/aws-inputs.md, AS-19) into the input of `loadAccountSnapshot`: the library
// reads no files, so the folder layout lives here, shared by the CLI and the tests.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AccountSnapshotError, loadAccountSnapshot } from '../index.js';
import type {
  AccountResolution,
  AccountSnapshot,
  AccountSnapshotInput,
  AccountSnapshotIssue,
  OrganizationSnapshotInput,
  RequestInput,
} from '../index.js';
import { CliError, usage } from './errors.js';
import { parseJsonFile, pathKind, readText } from './files.js';
import type { CliIo } from './io.js';
import { palette } from './output.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
interface Level {
  scp?: object[];
  rcp?: object[];
}

const TARGET = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/u;

const readJson = (path: string): unknown => parseJsonFile(path, readText(path));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function folderOrFail(dir: string, what: string): void {
  const kind = pathKind(dir);
  if (kind === 'missing') throw new CliError('file_not_found', `cannot read \`${dir}\`: no such folder`, 2, dir);
  if (kind === 'file') throw new CliError('invalid_layout', `\`${dir}\` is a file, not ${what}`, 2, dir);
}

/** `org/`: `organization.json`, then one folder per root, OU and account, nested as the organization is. */
export function readOrgFolder(dir: string): OrganizationSnapshotInput {
  folderOrFail(dir, 'an organization folder (AS-19)');
  const accounts: Record<string, { path: string[] }> = {};
  const policiesByTarget: Record<string, Level> = {};
  const visit = (folder: string, path: readonly string[]): void => {
    const target = path[path.length - 1];
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (!statSync(full).isDirectory()) continue;
      if ((name === 'scp' || name === 'rcp') && target !== undefined) {
        const level = (policiesByTarget[target] ??= {});
        const list = (level[name] ??= []);
        for (const file of readdirSync(full).sort()) {
          if (!file.endsWith('.json')) continue;
          const content = readJson(join(full, file));
          // A describe-policy output names itself (its ARN); a bare document is named by its file.
          list.push(
            isObject(content) && 'Policy' in content
              ? content
              : { id: file.slice(0, -'.json'.length), document: content },
          );
        }
      } else if (TARGET.test(name)) {
        if (/^\d{12}$/u.test(name)) accounts[name] = { path: [...path] };
        visit(full, [...path, name]);
      } else {
        throw new CliError(
          'invalid_layout',
          `\`${full}\` is not a root (\`r-…\`), OU (\`ou-…\`) or account (12 digits) folder, nor \`scp/\` or \`rcp/\``,
          2,
          full,
        );
      }
    }
  };
  visit(dir, []);
  const settings = join(dir, 'organization.json');
  const org: Mutable<OrganizationSnapshotInput> = { accounts, policiesByTarget };
  if (pathKind(settings) === 'file') {
    const content = readJson(settings);
    const managementAccountId = isObject(content) ? content['managementAccountId'] : undefined;
    if (typeof managementAccountId === 'string') org.managementAccountId = managementAccountId;
  }
  return org;
}

/** `resource-policies/index.json`: `{ "<ARN>": "<file in the folder>" }`, each file a CLI output or a document. */
export function readResourcePolicyFolder(dir: string): Record<string, unknown> {
  folderOrFail(dir, 'a resource-policy folder (AS-19)');
  const indexPath = join(dir, 'index.json');
  const index = readJson(indexPath);
  if (!isObject(index)) {
    throw new CliError('invalid_layout', `\`${indexPath}\` should map resource ARNs to file names`, 2, indexPath);
  }
  return Object.fromEntries(
    Object.entries(index).map(([arn, file]) => {
      if (typeof file !== 'string') {
        throw new CliError('invalid_layout', `\`${indexPath}\`: \`${arn}\` should name a file`, 2, indexPath);
      }
      return [arn, readJson(join(dir, file))];
    }),
  );
}

/** An account folder (examples/account/): `gaad.json`, `org/` and `resource-policies/`, the last two optional. */
export function readAccountFolder(dir: string): AccountSnapshotInput {
  const org = join(dir, 'org');
  const resources = join(dir, 'resource-policies');
  return {
    gaad: readGaadFile(join(dir, 'gaad.json')),
    ...(pathKind(org) === 'folder' ? { organization: readOrgFolder(org) } : {}),
    ...(pathKind(resources) === 'folder' ? { resourcePolicies: readResourcePolicyFolder(resources) } : {}),
  };
}

/** `--account <gaad.json>`: one page, or an array of pages (AS-2); the library checks the pages themselves. */
export function readGaadFile(path: string): object {
  const content = readJson(path);
  if (typeof content !== 'object' || content === null) {
    throw new CliError(
      'invalid_account',
      `\`${path}\` should hold \`aws iam get-account-authorization-details\` output (an object or an array of pages)`,
      2,
      path,
    );
  }
  return content;
}

/** `--resource-policy <ARN>=<file>`, repeated: the policy stored under each ARN (AS-10). */
export function readResourcePolicyFlags(values: readonly string[]): Record<string, unknown> {
  const policies: Record<string, unknown> = {};
  for (const value of values) {
    // Split at the first `=`: ARNs hold none, while a file path may.
    const at = value.indexOf('=');
    const arn = at < 0 ? '' : value.slice(0, at);
    const file = at < 0 ? '' : value.slice(at + 1);
    if (!arn.startsWith('arn:') || file === '') {
      throw usage(`with --account, --resource-policy takes \`<resource ARN>=<file>\`: got \`${value}\``);
    }
    policies[arn] = readJson(file);
  }
  return policies;
}

/** The account flags of `eval` and `explain`. */
export interface AccountFlags {
  readonly account?: string;
  readonly org?: string;
  readonly 'resource-policy'?: readonly string[];
}

/** The snapshot input of `--account`, `--org` and `--resource-policy`. */
export function accountInputOf(values: AccountFlags & { readonly account: string }): AccountSnapshotInput {
  const resourcePolicies = readResourcePolicyFlags(values['resource-policy'] ?? []);
  return {
    gaad: readGaadFile(values.account),
    ...(values.org === undefined ? {} : { organization: readOrgFolder(values.org) }),
    ...(Object.keys(resourcePolicies).length === 0 ? {} : { resourcePolicies }),
  };
}

/** One line for an AccountSnapshotError: its summary, with the count of further issues. */
export function snapshotErrorOf(error: AccountSnapshotError, path: string | undefined): CliError {
  const errors = error.issues.filter((issue) => issue.severity === 'error');
  const first = errors[0] ?? error.issues[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const where = first.pointer === '' ? '/' : first.pointer;
  return new CliError(
    'invalid_account',
    `the account snapshot is invalid at ${where}: ${first.message}${more}`,
    2,
    path,
  );
}

/** Loads the snapshot of the account flags, turning an AccountSnapshotError into a one-line CLI failure. */
export function loadSnapshotOrFail(values: AccountFlags & { readonly account: string }): AccountSnapshot {
  const input = accountInputOf(values);
  try {
    return loadAccountSnapshot(input);
  } catch (error) {
    if (error instanceof AccountSnapshotError) throw snapshotErrorOf(error, values.account);
    throw error;
  }
}

/** `resolve`, with an AccountSnapshotError (a request that is not text) as a CLI failure. */
export function resolveOrFail(snapshot: AccountSnapshot, request: RequestInput): AccountResolution {
  try {
    return snapshot.resolve(request);
  } catch (error) {
    if (error instanceof AccountSnapshotError) throw snapshotErrorOf(error, undefined);
    throw error;
  }
}

/** The account flags given without `--account`, or policy files given with it: both are usage errors. */
export function checkAccountFlags(values: AccountFlags, policyFileCount: number): boolean {
  if (values.account === undefined) {
    if (values.org !== undefined)
      throw usage('`--org` describes the organization of `--account <gaad.json>`: give both');
    return false;
  }
  if (policyFileCount > 0) {
    throw usage('`--account` gives the policies: drop the policy folders and files, or drop `--account`');
  }
  return true;
}

/** Prints what the snapshot lacks for the request (AS-8), one warning a line on stderr, with where it was read. */
export function printSnapshotWarnings(io: CliIo, warnings: readonly AccountSnapshotIssue[], color: boolean): void {
  const p = palette(color);
  for (const warning of warnings) {
    const where = warning.pointer === '' ? '' : ` (at ${warning.pointer})`;
    io.stderr(`iam-policy-evaluator: ${p.yellow('warning')} ${warning.code}: ${warning.message}${where}\n`);
  }
}
