import { basename, join } from 'node:path';
import { validatePolicy } from '../../index.js';
import type { PolicyGrammar } from '../../index.js';
import { usage } from '../errors.js';
import { pathKind, readText } from '../files.js';
import { VALIDATE_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { issueLine, palette, printJson } from '../output.js';
import type { FileIssue } from '../output.js';
import { grammarOfName, inferType } from '../policy-args.js';
import { selectFiles } from '../select-files.js';
import { COMMON_OPTIONS, colorOf, parseCommandArgs } from './common.js';

const OPTIONS = { ...COMMON_OPTIONS, type: { type: 'string' } } as const;

/** `iam-policy-evaluator validate`: every issue of every file, with its file, line and column. */
export function runValidateCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  const json = values.json === true;
  const color = colorOf(io, values);
  if (positionals.length === 0) throw usage('give the policy files, folders or globs to validate');
  let forced: PolicyGrammar | undefined;
  if (values.type !== undefined) {
    const named = grammarOfName(values.type);
    if (named === undefined) {
      throw usage(
        `unknown policy type \`${values.type}\`: use identity, resource, roleTrust, permissionsBoundary, session, scp, rcp or vpcEndpoint`,
      );
    }
    forced = named.grammar;
  }
  const plan: { path: string; grammar: PolicyGrammar }[] = [];
  const seen = new Set<string>();
  for (const arg of positionals) {
    // In a folder, files outside the layout's type folders (a scenario.json, a package.json) are not policies.
    const walked = pathKind(arg.startsWith('/') ? arg : join(io.cwd, arg)) === 'folder' && forced === undefined;
    const paths = selectFiles([arg], io.cwd).filter((path) => !seen.has(path));
    const typed = paths.filter((path) => !walked || inferType(path) !== undefined);
    if (typed.length === 0) {
      throw usage(
        `\`${arg}\` holds no policy file in a folder named by type (identity/, scp/0-r-root/, …): pass \`--type <grammar>\``,
      );
    }
    for (const path of typed) {
      const grammar = forced ?? inferType(path)?.grammar;
      if (grammar === undefined) {
        throw usage(`cannot tell the policy type of \`${path}\` from its folder: pass \`--type <grammar>\``);
      }
      seen.add(path);
      plan.push({ path, grammar });
    }
  }
  const files = plan.map(({ path, grammar }) => {
    const policyId = basename(path, '.json');
    const issues: FileIssue[] = validatePolicy(readText(path), { policyType: grammar, policyId }).map((issue) => ({
      ...issue,
      path,
    }));
    return { path, grammar, policyId, valid: !issues.some((i) => i.severity === 'error'), issues };
  });
  const all = files.flatMap((f) => f.issues);
  const errors = all.filter((i) => i.severity === 'error').length;
  const warnings = all.length - errors;
  const invalid = files.filter((f) => !f.valid).length;
  const valid = invalid === 0;
  if (json) {
    printJson(io, {
      command: 'validate',
      ok: valid,
      valid,
      files,
      summary: { files: files.length, invalid, errors, warnings },
    });
    return valid ? 0 : 1;
  }
  const p = palette(color);
  for (const issue of all) io.stdout(`${issueLine(issue, color)}\n`);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const verdict = valid ? p.green('valid') : p.red(`${plural(invalid, 'invalid file')}`);
  io.stdout(
    `${plural(files.length, 'file')} checked: ${verdict} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})\n`,
  );
  return valid ? 0 : 1;
}
