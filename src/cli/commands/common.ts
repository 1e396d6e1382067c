import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { validatePolicy } from '../../index.js';
import type { PolicySet } from '../../model/request.js';
import { usage } from '../errors.js';
import { pathKind, readText } from '../files.js';
import { inferGrammarFromText } from '../infer-grammar.js';
import type { CliIo } from '../io.js';
import { wantsColor } from '../io.js';
import type { FileIssue } from '../output.js';
import { inferType } from '../policy-args.js';
import type { TypedArgument } from '../policy-args.js';
import type { PolicyFile } from '../policy-folder.js';
import { policySetOf } from '../policy-folder.js';

/** Options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The request and policy options of `eval` and `explain`. */
export const POLICY_OPTIONS = {
  policies: { type: 'string', multiple: true },
  identity: { type: 'string', multiple: true },
  'resource-policy': { type: 'string', multiple: true },
  trust: { type: 'string', multiple: true },
  boundary: { type: 'string', multiple: true },
  session: { type: 'string', multiple: true },
  scp: { type: 'string', multiple: true },
  rcp: { type: 'string', multiple: true },
  'vpc-endpoint': { type: 'string', multiple: true },
  context: { type: 'string', multiple: true },
  'resource-account': { type: 'string' },
  now: { type: 'string' },
  'management-account': { type: 'string' },
  'no-service-rules': { type: 'boolean' },
  'no-catalogue': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The account snapshot options of `eval` and `explain` (AS-19); `--resource-policy` then takes `<ARN>=<file>`. */
export const ACCOUNT_OPTIONS = {
  account: { type: 'string' },
  org: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs, with its errors turned into usage errors in the house grammar. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true; tokens: true }>> {
  try {
    // Tokens keep the order of the arguments, which `--type` needs: it applies to the files after it.
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usage(
      message
        .replace(/^./, (c) => c.toLowerCase())
        .replace(/\.$/, '')
        .replace(/'/g, '`'),
    );
  }
}

/** Whether to colour, from `--color`/`--no-color` and the environment. */
export function colorOf(io: CliIo, values: { color?: boolean; 'no-color'?: boolean }): boolean {
  const flag = values['no-color'] === true ? false : values.color === true ? true : undefined;
  return wantsColor(io, flag);
}

/** `--no-catalogue`: `catalogue: false` for the library's options, nothing otherwise (the bundled catalogue). */
export function catalogueOptionOf(values: { 'no-catalogue'?: boolean }): { catalogue?: false } {
  return values['no-catalogue'] === true ? { catalogue: false } : {};
}

/** Validates every file with the library, collecting every issue with its path. */
export function validateFiles(
  files: readonly PolicyFile[],
  options: { catalogue?: false } = {},
): { issues: FileIssue[]; hasErrors: boolean } {
  const issues: FileIssue[] = [];
  for (const file of files) {
    for (const issue of validatePolicy(file.text, { policyType: file.grammar, policyId: file.policyId, ...options })) {
      issues.push({ ...issue, path: file.path });
    }
  }
  return { issues, hasErrors: issues.some((i) => i.severity === 'error') };
}

/** The policy set of the files, refusing an empty one. */
export function policySetOrFail(files: readonly PolicyFile[]): PolicySet {
  if (files.length === 0) {
    throw usage(
      'no policy given: pass a folder laid out by type, `--policies <folder>`, or files such as `--identity <file>`',
    );
  }
  return policySetOf(files);
}

/** Finds the file of a statement's policy, for `path:line:column` in the output. */
export function locator(
  files: readonly PolicyFile[],
): (ref: { policyType: string; policyId: string; orgLevel?: string }) => string | undefined {
  return (ref) =>
    files.find(
      (f) =>
        f.policyType === ref.policyType && f.policyId === ref.policyId && (f.orgLevel ?? '') === (ref.orgLevel ?? ''),
    )?.path;
}

/** Splits repeated `--resource` values: an ARN or `*` is the request's resource, anything else a resource policy file. */
export function splitResourceFlag(values: readonly string[] | undefined): { arns: string[]; files: string[] } {
  const arns: string[] = [];
  const files: string[] = [];
  for (const value of values ?? []) (value === '*' || value.startsWith('arn:') ? arns : files).push(value);
  if (arns.length > 1) throw usage(`one request, one resource: got ${arns.map((a) => `\`${a}\``).join(' and ')}`);
  return { arns, files };
}

/**
 * For each file argument read as identity-based only because it is in no folder named by type, and invalid as such:
 * the `--type` its content suggests (a `Principal` means a resource-based or role trust policy).
 */
export function typeHints(paths: readonly TypedArgument[], issues: readonly FileIssue[]): string[] {
  const failing = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.path));
  const hints: string[] = [];
  for (const { value: path, type } of paths) {
    if (type !== undefined || !failing.has(path) || pathKind(path) !== 'file' || inferType(path) !== undefined)
      continue;
    const content = inferGrammarFromText(readText(path));
    if (content.grammar === 'identity') continue;
    hints.push(
      `\`${path}\` was read as an identity-based policy, being in no folder named by type, but ${content.reason}: give \`--type ${content.grammar} ${path}\``,
    );
  }
  return hints;
}
