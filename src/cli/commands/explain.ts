import { withArticle } from '../../combiner/access-denied-message.js';
import { explainAccessDenied, formatExplanation, parseAccessDenied } from '../../index.js';
import type { AccountSnapshotIssue, PolicySet } from '../../index.js';
import { checkAccountFlags, loadSnapshotOrFail, printSnapshotWarnings, resolveOrFail } from '../account-input.js';
import { CliError, usage } from '../errors.js';
import { pathKind } from '../files.js';
import { EXPLAIN_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { issueLine, palette, printJson, printRequestWarnings, reportInvalidPolicies } from '../output.js';
import { filesFromFlags, filesFromPaths, typedArguments } from '../policy-args.js';
import type { TypedArgument } from '../policy-args.js';
import { parseContextFlags } from '../request-input.js';
import { flagSource, RequestSources, withRequestSources } from '../request-sources.js';
import { evaluateOptionsOf, recordFlagSources } from './eval.js';
import { runExplainCloudTrail } from './explain-cloudtrail.js';
import {
  ACCOUNT_OPTIONS,
  COMMON_OPTIONS,
  catalogueOptionOf,
  POLICY_OPTIONS,
  colorOf,
  locator,
  parseCommandArgs,
  policySetOrFail,
  splitResourceFlag,
  typeHints,
  validateFiles,
} from './common.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...POLICY_OPTIONS,
  resource: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  ...ACCOUNT_OPTIONS,
  cloudtrail: { type: 'string' },
} as const;

/** The message argument, or `undefined` when it comes from stdin, and the policy paths. */
function splitPositionals(
  positionals: readonly TypedArgument[],
  cwd: string,
): { message?: string; paths: TypedArgument[] } {
  const [first, ...rest] = positionals;
  if (first === undefined) return { paths: [] };
  if (first.value === '-') return { paths: rest };
  const absolute = first.value.startsWith('/') ? first.value : `${cwd}/${first.value}`;
  if (!first.value.includes(' ') && pathKind(absolute) !== 'missing') return { paths: [...positionals] };
  return { message: first.value, paths: rest };
}

/** `iam-policy-evaluator explain`: from an AccessDenied message to the deciding statement. */
export async function runExplainCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, tokens } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  const json = values.json === true;
  const color = colorOf(io, values);
  const { message: argument, paths } = splitPositionals(typedArguments(tokens), io.cwd);
  const resourceFlag = splitResourceFlag(values.resource);
  // With --account, --resource-policy stores a policy under an ARN (`<ARN>=<file>`) rather than naming a file.
  const withAccount = values.account !== undefined;
  const files = [
    ...filesFromPaths(paths),
    ...filesFromFlags(withAccount ? { ...values, 'resource-policy': undefined } : values, resourceFlag.files),
  ];
  const snapshot = checkAccountFlags(values, files.length)
    ? loadSnapshotOrFail({ ...values, account: values.account as string })
    : undefined;
  if (values.cloudtrail !== undefined) {
    if (snapshot === undefined)
      throw usage('`--cloudtrail` decides the events against an account: give `--account <gaad.json>`');
    if (argument !== undefined) throw usage('give either an AccessDenied message or `--cloudtrail <file>`, not both');
    return runExplainCloudTrail(io, values.cloudtrail, snapshot, evaluateOptionsOf(values), json, color);
  }
  let message = argument;
  if (message === undefined) {
    if (io.stdinIsTTY) {
      throw usage('give the AccessDenied message as the first argument, or pipe it on standard input');
    }
    message = await io.readStdin();
  }
  let policies: PolicySet;
  let snapshotWarnings: readonly AccountSnapshotIssue[] | undefined;
  let snapshotOptions = {};
  const validation =
    snapshot === undefined ? validateFiles(files, catalogueOptionOf(values)) : { issues: [], hasErrors: false };
  if (snapshot === undefined) {
    policies = policySetOrFail(files);
    if (validation.hasErrors) {
      return reportInvalidPolicies(io, 'explain', validation.issues, json, color, typeHints(paths, validation.issues));
    }
    if (!json) for (const issue of validation.issues) io.stderr(`${issueLine(issue, color)}\n`);
  } else {
    // The policies depend on the request, which the message names: parse it first (a bad message fails below).
    const parsed = parseAccessDenied(message);
    const fromMessage = parsed.ok
      ? {
          principal: parsed.value.principal === 'anonymous' ? '*' : parsed.value.principal,
          action: parsed.value.action,
          resource: resourceFlag.arns[0] ?? parsed.value.resource ?? '*',
          ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
        }
      : { principal: '*', action: '*', resource: '*' };
    const resolved = resolveOrFail(snapshot, fromMessage);
    policies = resolved.input.policies;
    snapshotWarnings = resolved.warnings;
    snapshotOptions = resolved.options;
  }

  const context = parseContextFlags(values.context ?? []);
  // The message gives the principal, the action and (unless --resource does) the resource.
  const sources = new RequestSources()
    .set('/request/principal', { label: 'the principal of the message' })
    .set('/request/action', { label: 'the action of the message' })
    .set(
      '/request/resource',
      resourceFlag.arns[0] === undefined ? { label: 'the resource of the message' } : flagSource('--resource'),
    );
  recordFlagSources(sources, values, context);
  const answer = withRequestSources(sources, () =>
    explainAccessDenied(message, policies, Object.keys(context).length === 0 ? undefined : context, {
      ...snapshotOptions,
      ...evaluateOptionsOf(values),
      ...(resourceFlag.arns[0] === undefined ? {} : { resource: resourceFlag.arns[0] }),
      ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
    }),
  );
  if (!answer.ok) {
    const { error } = answer;
    throw new CliError(
      'invalid_message',
      `cannot read the message: ${error.message} (${error.code}, line ${error.line}, column ${error.column})`,
    );
  }
  const requestWarnings = answer.result.warnings ?? [];
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
      ...(snapshotWarnings === undefined ? {} : { snapshotWarnings }),
      requestWarnings: requestWarnings.map((w) => sources.sourced(w)),
      result: answer.result,
      explanation: answer.explanation,
    });
    return exitCode;
  }
  if (snapshotWarnings !== undefined) printSnapshotWarnings(io, snapshotWarnings, color);
  printRequestWarnings(io, requestWarnings, sources, color);
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
