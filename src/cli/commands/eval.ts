import { evaluate, explain, formatExplanation } from '../../index.js';
import type { AccountSnapshotIssue, EvaluateOptions, EvaluationInput, Issue, RequestInput } from '../../index.js';
import { checkAccountFlags, loadSnapshotOrFail, printSnapshotWarnings, resolveOrFail } from '../account-input.js';
import { usage } from '../errors.js';
import { EVAL_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { issueLine, printJson, printRequestWarnings, reportInvalidPolicies } from '../output.js';
import { filesFromFlags, filesFromPaths, typedArguments } from '../policy-args.js';
import { parseContextFlags, readRequestFile, withContext } from '../request-input.js';
import { flagSource, RequestSources, withRequestSources } from '../request-sources.js';
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
  principal: { type: 'string' },
  action: { type: 'string' },
  resource: { type: 'string', multiple: true },
  request: { type: 'string' },
  type: { type: 'string', multiple: true },
  ...ACCOUNT_OPTIONS,
} as const;

/** The options of `evaluate` given on the command line. */
export function evaluateOptionsOf(values: {
  now?: string;
  'management-account'?: string;
  'no-service-rules'?: boolean;
  'no-catalogue'?: boolean;
}): EvaluateOptions {
  return {
    ...(values.now === undefined ? {} : { now: values.now }),
    ...(values['management-account'] === undefined ? {} : { managementAccountId: values['management-account'] }),
    ...(values['no-service-rules'] === true ? { serviceRules: false } : {}),
    ...catalogueOptionOf(values),
  };
}

/** Records the flags that set the options and the context, which win over a request file. */
export function recordFlagSources(
  sources: RequestSources,
  values: { now?: string; 'management-account'?: string; 'resource-account'?: string },
  context: Readonly<Record<string, unknown>>,
): RequestSources {
  if (values.now !== undefined) sources.set('/options/now', flagSource('--now'));
  if (values['management-account'] !== undefined) {
    sources.set('/options/managementAccountId', flagSource('--management-account'));
  }
  if (values['resource-account'] !== undefined)
    sources.set('/request/resourceAccount', flagSource('--resource-account'));
  for (const key of Object.keys(context)) sources.setContextKey(key, flagSource(`--context ${key}`));
  return sources;
}

/** `iam-policy-evaluator eval`: decides one request, prints the decision and its explanation. */
export function runEvalCommand(args: readonly string[], io: CliIo): number {
  const { values, tokens } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    io.stdout(EVAL_HELP);
    return 0;
  }
  const json = values.json === true;
  const color = colorOf(io, values);
  const resourceFlag = splitResourceFlag(values.resource);
  const paths = typedArguments(tokens);

  let request: RequestInput;
  let sources: RequestSources;
  if (values.request !== undefined) {
    const fromFile = readRequestFile(values.request);
    sources = fromFile.sources;
    request = {
      ...fromFile.request,
      ...(values.principal === undefined ? {} : { principal: values.principal }),
      ...(values.action === undefined ? {} : { action: values.action }),
      ...(resourceFlag.arns[0] === undefined ? {} : { resource: resourceFlag.arns[0] }),
      ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
    };
  } else {
    if (values.principal === undefined || values.action === undefined) {
      throw usage('give the request: `--principal <arn> --action <service:Action>` or `--request <file.json>`');
    }
    sources = new RequestSources();
    request = {
      principal: values.principal,
      action: values.action,
      resource: resourceFlag.arns[0] ?? '*',
      ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
    };
  }
  if (values.principal !== undefined) sources.set('/request/principal', flagSource('--principal'));
  if (values.action !== undefined) sources.set('/request/action', flagSource('--action'));
  if (resourceFlag.arns[0] !== undefined) sources.set('/request/resource', flagSource('--resource'));
  const context = parseContextFlags(values.context ?? []);
  recordFlagSources(sources, values, context);
  request = withContext(request, context);

  // With --account, --resource-policy stores a policy under an ARN (`<ARN>=<file>`) rather than naming a file.
  const withAccount = values.account !== undefined;
  const files = [
    ...filesFromPaths(paths),
    ...filesFromFlags(withAccount ? { ...values, 'resource-policy': undefined } : values, resourceFlag.files),
  ];
  // The policies come from the account snapshot or from the files; evaluating and reporting is the same for both.
  let evaluation: {
    readonly input: EvaluationInput;
    readonly options: EvaluateOptions;
    readonly validationIssues: readonly Issue[];
    readonly snapshotWarnings?: readonly AccountSnapshotIssue[];
  };
  if (checkAccountFlags(values, files.length)) {
    const snapshot = loadSnapshotOrFail({ ...values, account: values.account as string });
    const resolved = resolveOrFail(snapshot, request);
    evaluation = {
      input: resolved.input,
      options: { ...resolved.options, ...evaluateOptionsOf(values) },
      validationIssues: [],
      snapshotWarnings: resolved.warnings,
    };
  } else {
    const policies = policySetOrFail(files);
    const validation = validateFiles(files, catalogueOptionOf(values));
    if (validation.hasErrors) {
      return reportInvalidPolicies(io, 'eval', validation.issues, json, color, typeHints(paths, validation.issues));
    }
    if (!json) for (const issue of validation.issues) io.stderr(`${issueLine(issue, color)}\n`);
    evaluation = {
      input: { request, policies },
      options: evaluateOptionsOf(values),
      validationIssues: validation.issues,
    };
  }

  const { input, options, validationIssues, snapshotWarnings } = evaluation;
  const result = withRequestSources(sources, () => evaluate(input, options));
  const explanation = explain(input, result, options);
  const requestWarnings = result.warnings ?? [];
  const exitCode = result.decision === 'Allow' ? 0 : 1;
  if (json) {
    printJson(io, {
      command: 'eval',
      ok: true,
      decision: result.decision,
      request,
      files: files.map(({ text: _text, ...file }) => file),
      warnings: validationIssues,
      ...(snapshotWarnings === undefined ? {} : { snapshotWarnings }),
      requestWarnings: requestWarnings.map((w) => sources.sourced(w)),
      result,
      explanation,
    });
    return exitCode;
  }
  if (snapshotWarnings !== undefined) printSnapshotWarnings(io, snapshotWarnings, color);
  printRequestWarnings(io, requestWarnings, sources, color);
  io.stdout(`${formatExplanation(explanation, { color, locate: locator(files) })}\n`);
  return exitCode;
}
