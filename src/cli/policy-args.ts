import { dirname, resolve, sep } from 'node:path';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';
import { CliError, usage } from './errors.js';
import { pathKind } from './files.js';
import { grammarOfFolder, loadPolicyFolder, readPolicyFile } from './policy-folder.js';
import type { PolicyFile } from './policy-folder.js';

/** What a file's folders say about it: its grammar, and for SCPs and RCPs its level. */
export interface InferredType {
  readonly type: PolicyType;
  readonly grammar: PolicyGrammar;
  readonly orgLevel?: string;
}

/** Reads a policy type from the names of a file's folders: `…/identity/x.json`, `…/scp/0-r-root/x.json`. */
export function inferType(path: string): InferredType | undefined {
  const parts = dirname(resolve(path)).split(sep);
  const parent = parts.at(-1) ?? '';
  const grand = parts.at(-2) ?? '';
  const direct = grammarOfFolder(parent);
  if (direct !== undefined) return direct;
  const org = grammarOfFolder(grand);
  if (org !== undefined && (org.type === 'scp' || org.type === 'rcp')) {
    const dash = parent.indexOf('-');
    const target = dash > 0 && Number.isInteger(Number(parent.slice(0, dash))) ? parent.slice(dash + 1) : parent;
    return { ...org, orgLevel: target };
  }
  return undefined;
}

/** The `--type` names that are not folder names: the camelCase grammar names, lower-cased. */
const CAMEL_CASE_GRAMMARS: ReadonlyMap<string, { readonly type: PolicyType; readonly grammar: PolicyGrammar }> =
  new Map([
    ['roletrust', { type: 'resource', grammar: 'roleTrust' }],
    ['permissionsboundary', { type: 'permissionsBoundary', grammar: 'permissionsBoundary' }],
    ['vpcendpoint', { type: 'vpcEndpoint', grammar: 'vpcEndpoint' }],
  ]);

/** The grammar named by `--type`: a folder name of the layout, or a grammar name in camelCase, in any case. */
export function grammarOfName(name: string): { type: PolicyType; grammar: PolicyGrammar } | undefined {
  const lower = name.toLowerCase();
  return grammarOfFolder(lower) ?? CAMEL_CASE_GRAMMARS.get(lower);
}

/** `level=file` of `--scp` and `--rcp`. */
function levelFile(flag: 'scp' | 'rcp', value: string): PolicyFile {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) {
    throw usage(`\`--${flag} ${value}\`: expected \`<level>=<file>\`, e.g. \`--${flag} r-root=${value}\``);
  }
  return readPolicyFile(value.slice(eq + 1), flag, flag, value.slice(0, eq));
}

/** The policy flags shared by `eval` and `explain`, as `parseArgs` gives them (see POLICY_OPTIONS). */
export interface PolicyFlags {
  readonly policies?: readonly string[] | undefined;
  readonly identity?: readonly string[] | undefined;
  readonly 'resource-policy'?: readonly string[] | undefined;
  readonly trust?: readonly string[] | undefined;
  readonly boundary?: readonly string[] | undefined;
  readonly session?: readonly string[] | undefined;
  readonly scp?: readonly string[] | undefined;
  readonly rcp?: readonly string[] | undefined;
  readonly 'vpc-endpoint'?: readonly string[] | undefined;
}

/**
 * Reads the policy files named by flags, in the order of the types; `resourceFiles` (the files among `--resource`
 * values) follow those of `--resource-policy`.
 */
export function filesFromFlags(flags: PolicyFlags, resourceFiles: readonly string[]): PolicyFile[] {
  const files: PolicyFile[] = [];
  for (const dir of flags.policies ?? []) files.push(...loadPolicyFolder(dir).files);
  for (const path of flags.identity ?? []) files.push(readPolicyFile(path, 'identity', 'identity'));
  for (const path of [...(flags['resource-policy'] ?? []), ...resourceFiles]) {
    files.push(readPolicyFile(path, 'resource', 'resource'));
  }
  for (const path of flags.trust ?? []) files.push(readPolicyFile(path, 'resource', 'roleTrust'));
  for (const path of flags.boundary ?? []) {
    files.push(readPolicyFile(path, 'permissionsBoundary', 'permissionsBoundary'));
  }
  for (const path of flags.session ?? []) files.push(readPolicyFile(path, 'session', 'session'));
  for (const value of flags.scp ?? []) files.push(levelFile('scp', value));
  for (const value of flags.rcp ?? []) files.push(levelFile('rcp', value));
  for (const path of flags['vpc-endpoint'] ?? []) files.push(readPolicyFile(path, 'vpcEndpoint', 'vpcEndpoint'));
  return files;
}

/** A `--type` value: the grammar and policy type it names. */
export interface TypeFlag {
  /** As written after `--type`. */
  readonly name: string;
  readonly type: PolicyType;
  readonly grammar: PolicyGrammar;
}

/** The `--type` values, for messages. */
const TYPE_NAMES = 'identity, resource, roleTrust, permissionsBoundary, session, scp, rcp or vpcEndpoint';

/** Reads one `--type` value, refusing a name it does not know. */
export function typeFlag(name: string): TypeFlag {
  const named = grammarOfName(name);
  if (named === undefined) throw usage(`unknown policy type \`${name}\`: use ${TYPE_NAMES}`);
  return { name, ...named };
}

const TYPE_ORDER = 'a `--type` applies to the files after it, so put it first: `--type resource bucket.json`';

/** A positional argument, with the `--type` in force where it stands. */
export interface TypedArgument {
  readonly value: string;
  readonly type?: TypeFlag;
}

/** The tokens of `parseArgs` that place `--type` among the positional arguments. */
type ArgToken =
  | { readonly kind: 'option'; readonly name: string; readonly value?: string | undefined }
  | { readonly kind: 'positional'; readonly value: string }
  | { readonly kind: 'option-terminator' };

/**
 * Pairs each positional argument with the `--type` before it: a `--type` applies to every argument after it, up to
 * the next `--type`. A `--type` with no argument after it is refused rather than ignored.
 */
export function typedArguments(tokens: readonly ArgToken[]): TypedArgument[] {
  const out: TypedArgument[] = [];
  let current: TypeFlag | undefined;
  let used = true;
  const refuseUnused = (): void => {
    if (!used && current !== undefined) throw usage(`\`--type ${current.name}\` is followed by no file: ${TYPE_ORDER}`);
  };
  for (const token of tokens) {
    if (token.kind === 'option' && token.name === 'type' && token.value !== undefined) {
      refuseUnused();
      current = typeFlag(token.value);
      used = false;
    } else if (token.kind === 'positional') {
      out.push(current === undefined ? { value: token.value } : { value: token.value, type: current });
      used = true;
    }
  }
  refuseUnused();
  return out;
}

/**
 * Reads policy paths given as arguments: a folder is laid out by type; a file's type comes from the `--type` before
 * it, else from its folder's name, else it is an identity-based policy.
 */
export function filesFromPaths(paths: readonly TypedArgument[]): PolicyFile[] {
  const files: PolicyFile[] = [];
  for (const { value: path, type } of paths) {
    const kind = pathKind(path);
    if (kind === 'missing')
      throw new CliError('file_not_found', `cannot read \`${path}\`: no such file or folder`, 2, path);
    if (kind === 'folder') {
      if (type !== undefined) {
        throw usage(
          `\`--type ${type.name}\` cannot apply to the folder \`${path}\`: a folder is laid out by type (identity/, resource/, …)`,
        );
      }
      files.push(...loadPolicyFolder(path).files);
      continue;
    }
    // Outside a folder named by type, a file is what most policies are: identity-based.
    const inferred: InferredType = type ?? inferType(path) ?? { type: 'identity', grammar: 'identity' };
    const orgLevel = inferred.orgLevel;
    if ((inferred.type === 'scp' || inferred.type === 'rcp') && orgLevel === undefined) {
      throw usage(
        `\`${path}\`: give the level of the ${inferred.type.toUpperCase()} with \`--${inferred.type} r-root=${path}\``,
      );
    }
    files.push(readPolicyFile(path, inferred.type, inferred.grammar, orgLevel));
  }
  return files;
}
