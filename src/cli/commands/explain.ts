import { withArticle } from '../../combiner/access-denied-message.js';
import { explainAccessDenied, formatExplanation } from '../../index.js';
import { CliError, usage } from '../errors.js';
import { pathKind } from '../files.js';
import { EXPLAIN_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { issueLine, palette, printJson, reportInvalidPolicies } from '../output.js';
import { filesFromFlags, filesFromPaths } from '../policy-args.js';
import { parseContextFlags } from '../request-input.js';
import { evaluateOptionsOf } from './eval.js';
import {
  COMMON_OPTIONS,
  POLICY_OPTIONS,
  colorOf,
  locator,
  parseCommandArgs,
  policySetOrFail,
  splitResourceFlag,
  validateFiles,
} from './common.js';

const OPTIONS = { ...COMMON_OPTIONS, ...POLICY_OPTIONS, resource: { type: 'string', multiple: true } } as const;

/** The message argument, or `undefined` when it comes from stdin, and the policy paths. */
function splitPositionals(positionals: readonly string[], cwd: string): { message?: string; paths: string[] } {
  const [first, ...rest] = positionals;
  if (first === undefined) return { paths: [] };
  if (first === '-') return { paths: rest };
  const absolute = first.startsWith('/') ? first : `${cwd}/${first}`;
  if (!first.includes(' ') && pathKind(absolute) !== 'missing') return { paths: [...positionals] };
  return { message: first, paths: rest };
}

/** `iam-policy-evaluator explain`: from an AccessDenied message to the deciding statement. */
export async function runExplainCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  const json = values.json === true;
  const color = colorOf(io, values);
  const { message: argument, paths } = splitPositionals(positionals, io.cwd);
  let message = argument;
  if (message === undefined) {
    if (io.stdinIsTTY) {
      throw usage('give the AccessDenied message as the first argument, or pipe it on standard input');
    }
    message = await io.readStdin();
  }
  const resourceFlag = splitResourceFlag(values.resource);
  const files = [...filesFromPaths(paths), ...filesFromFlags(values, resourceFlag.files)];
  const policies = policySetOrFail(files);
  const validation = validateFiles(files);
  if (validation.hasErrors) return reportInvalidPolicies(io, 'explain', validation.issues, json, color);
  if (!json) for (const issue of validation.issues) io.stderr(`${issueLine(issue, color)}\n`);

  const context = parseContextFlags(values.context ?? []);
  const answer = explainAccessDenied(message, policies, Object.keys(context).length === 0 ? undefined : context, {
    ...evaluateOptionsOf(values),
    ...(resourceFlag.arns[0] === undefined ? {} : { resource: resourceFlag.arns[0] }),
    ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
  });
  if (!answer.ok) {
    const { error } = answer;
    throw new CliError(
      'invalid_message',
      `cannot read the message: ${error.message} (${error.code}, line ${error.line}, column ${error.column})`,
    );
  }
  const exitCode = answer.result.decision === 'Allow' ? 0 : 1;
  if (json) {
    printJson(io, {
      command: 'explain',
      ok: true,
      decision: answer.result.decision,
      parsed: answer.parsed,
      request: answer.input.request,
      agrees: answer.agrees,
      differences: answer.differences,
      notes: answer.notes,
      files: files.map(({ text: _text, ...file }) => file),
      warnings: validation.issues,
      result: answer.result,
      explanation: answer.explanation,
    });
    return exitCode;
  }
  const p = palette(color);
  const parsed = answer.parsed;
  const out: string[] = [];
  const claim =
    parsed.policyType === undefined
      ? 'a denial, without naming a policy type'
      : parsed.explicit === true
        ? `an explicit deny in ${parsed.trustPolicy ? 'the role trust policy' : withArticle(parsed.policyTypePhrase ?? parsed.policyType)}${
            parsed.transitivelyThrough === undefined ? '' : ` (transitively through ${parsed.transitivelyThrough})`
          }`
        : `an implicit deny: no ${parsed.trustPolicy ? 'role trust policy' : (parsed.policyTypePhrase ?? parsed.policyType)} allows the action`;
  out.push(`${p.bold('the message says')}: ${claim}`);
  out.push(`  principal ${parsed.principal}, action ${parsed.action}, resource ${answer.input.request.resource}`);
  for (const note of answer.notes) out.push(`  note: ${note}`);
  out.push('');
  out.push(
    answer.agrees
      ? `${p.bold(p.green('the engine agrees with the message'))}`
      : `${p.bold(p.red('the engine differs from the message'))}:`,
  );
  for (const difference of answer.differences) out.push(`  - ${difference}`);
  out.push('');
  out.push(formatExplanation(answer.explanation, { color, locate: locator(files) }));
  io.stdout(`${out.join('\n')}\n`);
  return exitCode;
}
