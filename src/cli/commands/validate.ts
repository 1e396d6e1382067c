import { basename, dirname, resolve, sep } from 'node:path';
import { withArticle } from '../../combiner/access-denied-message.js';
import { POLICY_TYPE_NAMES, validatePolicy } from '../../index.js';
import type { PolicyGrammar } from '../../index.js';
import { CliError, usage } from '../errors.js';
import { readText } from '../files.js';
import { VALIDATE_HELP } from '../help.js';
import { inferGrammarFromText } from '../infer-grammar.js';
import type { CliIo } from '../io.js';
import { issueLine, palette, printJson } from '../output.js';
import type { FileIssue } from '../output.js';
import { grammarOfFolder } from '../policy-folder.js';
import { inferType, typedArguments } from '../policy-args.js';
import type { TypedArgument } from '../policy-args.js';
import { selectArgument } from '../select-files.js';
import type { SkippedFile } from '../select-files.js';
import { COMMON_OPTIONS, catalogueOptionOf, colorOf, parseCommandArgs } from './common.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  type: { type: 'string', multiple: true },
  'no-catalogue': { type: 'boolean' },
} as const;

/** Where a file's grammar came from: the `--type` before it, the name of its folder, or its content. */
type GrammarSource = 'type' | 'folder' | 'content';

interface PlannedFile {
  readonly path: string;
  readonly text: string;
  readonly grammar: PolicyGrammar;
  readonly grammarSource: GrammarSource;
  /** Why this grammar, in words. */
  readonly grammarReason: string;
  /** The JSON has errors that leave its meaning unsure: only its syntax is checked. */
  readonly syntaxOnly?: boolean;
}

const OVERRIDE = 'put `--type <grammar>` before the file to check it with another grammar';

/** `a role trust policy`, `an identity-based policy`. */
function grammarPhrase(grammar: PolicyGrammar): string {
  return grammar === 'roleTrust' ? 'a role trust policy' : withArticle(POLICY_TYPE_NAMES[grammar]);
}

/** The folder of the layout a file is under: `identity/`, or `scp/` for `scp/0-r-root/x.json`. */
function typeFolderOf(path: string): string {
  const parts = dirname(resolve(path)).split(sep);
  const parent = parts.at(-1) ?? '';
  return `${grammarOfFolder(parent) === undefined ? (parts.at(-2) ?? '') : parent}/`;
}

/** Decides what to check, and what to skip and why, for each file argument. */
function planFiles(args: readonly TypedArgument[], cwd: string): { plan: PlannedFile[]; skipped: SkippedFile[] } {
  const plan: PlannedFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const { value: arg, type } of args) {
    const selected = selectArgument(arg, cwd);
    const before = plan.length;
    const skippedHere: SkippedFile[] = [];
    for (const path of selected.files) {
      if (seen.has(path)) continue;
      seen.add(path);
      const text = readText(path);
      if (type !== undefined) {
        plan.push({
          path,
          text,
          grammar: type.grammar,
          grammarSource: 'type',
          grammarReason: `\`--type ${type.name}\``,
        });
        continue;
      }
      const byFolder = inferType(path);
      if (byFolder !== undefined) {
        const reason = `its folder is \`${typeFolderOf(path)}\``;
        plan.push({ path, text, grammar: byFolder.grammar, grammarSource: 'folder', grammarReason: reason });
        continue;
      }
      const content = inferGrammarFromText(text);
      // A folder or a glob may hold JSON that is no policy (a scenario.json, a package.json): skip it, and say so.
      if (selected.walked && !content.looksLikePolicy) {
        skippedHere.push({
          path,
          reason: `not a policy (${content.reason}): name it to check it anyway`,
        });
        continue;
      }
      plan.push({
        path,
        text,
        grammar: content.grammar,
        grammarSource: 'content',
        grammarReason: content.reason,
        syntaxOnly: content.syntaxOnly,
      });
    }
    for (const file of selected.skipped) {
      if (!seen.has(file.path)) {
        seen.add(file.path);
        skippedHere.push(file);
      }
    }
    const first = skippedHere.find((f) => f.path.endsWith('.json'));
    if (plan.length === before && first !== undefined) {
      throw new CliError('no_files', `\`${arg}\` holds no policy: \`${first.path}\` is ${first.reason}`, 2, arg);
    }
    skipped.push(...skippedHere);
  }
  return { plan, skipped };
}

/** `iam-policy-evaluator validate`: every issue of every file, with its file, line and column. */
export function runValidateCommand(args: readonly string[], io: CliIo): number {
  const { values, tokens } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  const json = values.json === true;
  const color = colorOf(io, values);
  const typed = typedArguments(tokens);
  if (typed.length === 0) throw usage('give the policy files, folders or globs to validate');
  const { plan, skipped } = planFiles(typed, io.cwd);
  const catalogue = catalogueOptionOf(values);
  const files = plan.map(({ path, text, grammar, grammarSource, grammarReason, syntaxOnly }) => {
    const policyId = basename(path, '.json');
    const issues: FileIssue[] = validatePolicy(text, { policyType: grammar, policyId, ...catalogue }).map((issue) => ({
      ...issue,
      path,
    }));
    const valid = !issues.some((i) => i.severity === 'error');
    const override = grammarSource === 'type' ? {} : { grammarOverride: OVERRIDE };
    return { path, grammar, grammarSource, grammarReason, ...override, policyId, valid, issues, syntaxOnly };
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
      files: files.map(({ syntaxOnly, ...file }) => (syntaxOnly === true ? { ...file, syntaxOnly } : file)),
      skipped,
      summary: { files: files.length, invalid, errors, warnings, skipped: skipped.length },
    });
    return valid ? 0 : 1;
  }
  const p = palette(color);
  for (const file of files) {
    // A grammar read from the content is a guess: say which, why, and how to choose another.
    if (file.grammarSource === 'content' && file.syntaxOnly === true) {
      io.stdout(
        `${file.path}: only its syntax is checked, as its JSON has errors: fix them to have its grammar checked\n`,
      );
    } else if (file.grammarSource === 'content') {
      io.stdout(
        `${file.path}: checked as ${grammarPhrase(file.grammar)} (${file.grammar}): ${file.grammarReason}; ${OVERRIDE}\n`,
      );
    }
    for (const issue of file.issues) io.stdout(`${issueLine(issue, color)}\n`);
  }
  for (const file of skipped) io.stdout(`${file.path}: ${p.dim('skipped')}, ${file.reason}\n`);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const verdict = valid ? p.green('valid') : p.red(`${plural(invalid, 'invalid file')}`);
  const skips = skipped.length === 0 ? '' : `; ${plural(skipped.length, 'file')} skipped`;
  io.stdout(
    `${plural(files.length, 'file')} checked: ${verdict} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})${skips}\n`,
  );
  return valid ? 0 : 1;
}
