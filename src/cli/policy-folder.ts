import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';
import type { OrgLevel, PolicySet, PolicySource } from '../model/request.js';
import { CliError } from './errors.js';
import { pathKind, readText } from './files.js';

/** One policy file, with what its place in the layout says about it. */
export interface PolicyFile {
  readonly path: string;
  readonly policyType: PolicyType;
  /** `roleTrust` for a file under `trust/`; otherwise the policy type. */
  readonly grammar: PolicyGrammar;
  /** The file name without `.json`. */
  readonly policyId: string;
  /** For SCPs and RCPs: the level's target (`r-root`, `ou-…`, an account id). */
  readonly orgLevel?: string;
  readonly text: string;
}

/** The policies of a folder laid out by type, ready for `evaluate`, and the files they came from. */
export interface LoadedPolicies {
  readonly policies: PolicySet;
  readonly files: readonly PolicyFile[];
}

/** Folder names of the layout and the policy type (and grammar) each holds. */
const TYPE_FOLDERS: ReadonlyMap<string, { readonly type: PolicyType; readonly grammar: PolicyGrammar }> = new Map([
  ['identity', { type: 'identity', grammar: 'identity' }],
  ['resource', { type: 'resource', grammar: 'resource' }],
  ['trust', { type: 'resource', grammar: 'roleTrust' }],
  ['role-trust', { type: 'resource', grammar: 'roleTrust' }],
  ['permissions-boundary', { type: 'permissionsBoundary', grammar: 'permissionsBoundary' }],
  ['boundary', { type: 'permissionsBoundary', grammar: 'permissionsBoundary' }],
  ['session', { type: 'session', grammar: 'session' }],
  ['vpc-endpoint', { type: 'vpcEndpoint', grammar: 'vpcEndpoint' }],
  ['scp', { type: 'scp', grammar: 'scp' }],
  ['rcp', { type: 'rcp', grammar: 'rcp' }],
]);

/** The folder names `loadPolicyFolder` understands. */
export const POLICY_FOLDER_NAMES: readonly string[] = Object.freeze([...TYPE_FOLDERS.keys()]);

/** The grammar a folder name stands for, if it is one of the layout's names. */
export function grammarOfFolder(name: string): { type: PolicyType; grammar: PolicyGrammar } | undefined {
  return TYPE_FOLDERS.get(name);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('file_not_found', `cannot read \`${dir}\`: no such folder`, 2, dir);
    throw new CliError('unreadable_file', `cannot read \`${dir}\`: ${code?.toLowerCase() ?? 'unknown error'}`, 2, dir);
  }
}

function jsonFiles(dir: string): string[] {
  return listDir(dir).filter((name) => name.endsWith('.json') && pathKind(join(dir, name)) === 'file');
}

/** `N-target` level folders, ordered by N (root first, account last). */
function levelFolders(dir: string, kind: 'scp' | 'rcp'): { target: string; path: string }[] {
  const levels: { order: number; target: string; path: string }[] = [];
  for (const name of listDir(dir)) {
    const path = join(dir, name);
    if (pathKind(path) !== 'folder') {
      if (name.endsWith('.json')) {
        throw new CliError(
          'invalid_layout',
          `\`${path}\`: ${kind.toUpperCase()} files go in a level folder such as \`${kind}/0-r-root/\``,
          2,
          path,
        );
      }
      continue;
    }
    const dash = name.indexOf('-');
    const order = Number(name.slice(0, dash));
    if (dash <= 0 || !Number.isInteger(order) || dash === name.length - 1) {
      throw new CliError(
        'invalid_layout',
        `\`${path}\`: a level folder is named \`<N>-<target>\`, e.g. \`0-r-root\`, \`1-ou-abcd-11111111\`, \`2-123456789012\``,
        2,
        path,
      );
    }
    levels.push({ order, target: name.slice(dash + 1), path });
  }
  return levels.sort((a, b) => a.order - b.order || a.target.localeCompare(b.target));
}

/** Reads one policy file; its id is the file name without `.json`. */
export function readPolicyFile(path: string, type: PolicyType, grammar: PolicyGrammar, orgLevel?: string): PolicyFile {
  return {
    path,
    policyType: type,
    grammar,
    policyId: basename(path, '.json'),
    ...(orgLevel === undefined ? {} : { orgLevel }),
    text: readText(path),
  };
}

/**
 * Reads a folder laid out by policy type, as the scenarios under `examples/scenarios/NN-name/policies` are:
 * `identity/*.json`, `resource/<one>.json` (or `trust/<one>.json` for a role trust policy),
 * `permissions-boundary/<one>.json`, `session/*.json`, `vpc-endpoint/*.json`, and `scp/<N>-<target>/*.json`,
 * `rcp/<N>-<target>/*.json` with levels ordered by N (root first, account last). A policy's id is its file name
 * without `.json`. Given a scenario folder that holds `policies/`, it reads that. Files are read as text so that
 * issues and traces point at their lines. Throws a `CliError` naming the path for a missing folder or a layout it
 * does not understand.
 *
 * @param dir - the folder
 * @returns the policy set and the files it came from, in a stable order
 *
 * @example
 * ```ts
 * import { loadPolicyFolder } from './src/cli/policy-folder.js';
 * const { policies, files } = loadPolicyFolder('examples/scenarios/08-scp-deny/policies');
 * console.log(policies.serviceControlPolicies?.map((level) => level.target), files.length);
 * //=> [ 'r-root', 'ou-abcd-11111111', '123456789012' ] 5
 * ```
 */
export function loadPolicyFolder(dir: string): LoadedPolicies {
  const kind = pathKind(dir);
  if (kind === 'missing') throw new CliError('file_not_found', `cannot read \`${dir}\`: no such folder`, 2, dir);
  if (kind === 'file') throw new CliError('invalid_layout', `\`${dir}\` is a file, not a folder of policies`, 2, dir);
  const names = listDir(dir);
  if (!names.some((name) => TYPE_FOLDERS.has(name)) && names.includes('policies')) {
    return loadPolicyFolder(join(dir, 'policies'));
  }
  const files: PolicyFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const folder = TYPE_FOLDERS.get(name);
    if (folder === undefined) {
      if (pathKind(path) === 'folder' || name.endsWith('.json')) {
        throw new CliError(
          'invalid_layout',
          `\`${path}\`: expected a folder named ${POLICY_FOLDER_NAMES.map((n) => `\`${n}\``).join(', ')}`,
          2,
          path,
        );
      }
      continue;
    }
    if (pathKind(path) !== 'folder') {
      throw new CliError('invalid_layout', `\`${path}\` should be a folder of policy files`, 2, path);
    }
    if (folder.type === 'scp' || folder.type === 'rcp') {
      for (const level of levelFolders(path, folder.type)) {
        for (const file of jsonFiles(level.path)) {
          files.push(readPolicyFile(join(level.path, file), folder.type, folder.grammar, level.target));
        }
      }
    } else {
      for (const file of jsonFiles(path)) files.push(readPolicyFile(join(path, file), folder.type, folder.grammar));
    }
  }
  return { policies: policySetOf(files), files };
}

/**
 * Groups policy files into the `PolicySet` that `evaluate` takes. SCP and RCP levels keep the order in which they
 * first appear. Throws a `CliError` when two files claim the one resource policy or permissions boundary.
 */
export function policySetOf(files: readonly PolicyFile[]): PolicySet {
  const source = (file: PolicyFile): PolicySource => ({ id: file.policyId, document: file.text });
  const ofType = (type: PolicyType): PolicyFile[] => files.filter((f) => f.policyType === type);
  const single = (type: PolicyType): PolicySource | undefined => {
    const found = ofType(type);
    if (found.length > 1) {
      const paths = found.map((f) => `\`${f.path}\``).join(' and ');
      throw new CliError(
        'invalid_layout',
        `only one ${POLICY_TYPE_NAMES[type]} applies to a request: got ${paths}`,
        2,
        found[1]?.path,
      );
    }
    return found[0] === undefined ? undefined : source(found[0]);
  };
  const levels = (type: 'scp' | 'rcp'): OrgLevel[] => {
    const byTarget = new Map<string, PolicySource[]>();
    for (const file of ofType(type)) {
      const target = file.orgLevel ?? '';
      const list = byTarget.get(target) ?? [];
      list.push(source(file));
      byTarget.set(target, list);
    }
    return [...byTarget].map(([target, policies]) => ({ target, policies }));
  };
  const identity = ofType('identity').map(source);
  const session = ofType('session').map(source);
  const vpcEndpoint = ofType('vpcEndpoint').map(source);
  const resource = single('resource');
  const permissionsBoundary = single('permissionsBoundary');
  const scps = levels('scp');
  const rcps = levels('rcp');
  return {
    ...(identity.length > 0 ? { identity } : {}),
    ...(resource === undefined ? {} : { resource }),
    ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
    ...(session.length > 0 ? { session } : {}),
    ...(scps.length > 0 ? { serviceControlPolicies: scps } : {}),
    ...(rcps.length > 0 ? { resourceControlPolicies: rcps } : {}),
    ...(vpcEndpoint.length > 0 ? { vpcEndpoint } : {}),
  };
}
