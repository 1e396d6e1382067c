import { evaluate, explain, formatExplanation } from '../../index.js';
import type { EvaluateOptions, RequestInput } from '../../index.js';
import { usage } from '../errors.js';
import { EVAL_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { issueLine, printJson, reportInvalidPolicies } from '../output.js';
import { filesFromFlags } from '../policy-args.js';
import { parseContextFlags, readRequestFile, withContext } from '../request-input.js';
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

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...POLICY_OPTIONS,
  principal: { type: 'string' },
  action: { type: 'string' },
  resource: { type: 'string', multiple: true },
  request: { type: 'string' },
} as const;

/** The options of `evaluate` given on the command line. */
export function evaluateOptionsOf(values: { now?: string; 'management-account'?: string }): EvaluateOptions {
  return {
    ...(values.now === undefined ? {} : { now: values.now }),
    ...(values['management-account'] === undefined ? {} : { managementAccountId: values['management-account'] }),
  };
}

/** `iam-policy-evaluator eval`: decides one request, prints the decision and its explanation. */
export function runEvalCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    io.stdout(EVAL_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw usage(
      `unexpected argument \`${positionals[0] ?? ''}\`: give policies with \`--policies <folder>\` or flags such as \`--identity <file>\``,
    );
  }
  const json = values.json === true;
  const color = colorOf(io, values);
  const resourceFlag = splitResourceFlag(values.resource);

  let request: RequestInput;
  if (values.request !== undefined) {
    const fromFile = readRequestFile(values.request);
    request = {
      ...fromFile,
      ...(values.principal === undefined ? {} : { principal: values.principal }),
      ...(values.action === undefined ? {} : { action: values.action }),
      ...(resourceFlag.arns[0] === undefined ? {} : { resource: resourceFlag.arns[0] }),
      ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
    };
  } else {
    if (values.principal === undefined || values.action === undefined) {
      throw usage('give the request: `--principal <arn> --action <service:Action>` or `--request <file.json>`');
    }
    request = {
      principal: values.principal,
      action: values.action,
      resource: resourceFlag.arns[0] ?? '*',
      ...(values['resource-account'] === undefined ? {} : { resourceAccount: values['resource-account'] }),
    };
  }
  request = withContext(request, parseContextFlags(values.context ?? []));

  const files = filesFromFlags(values, resourceFlag.files);
  const policies = policySetOrFail(files);
  const validation = validateFiles(files);
  if (validation.hasErrors) return reportInvalidPolicies(io, 'eval', validation.issues, json, color);
  if (!json) for (const issue of validation.issues) io.stderr(`${issueLine(issue, color)}\n`);

  const options = evaluateOptionsOf(values);
  const input = { request, policies };
  const result = evaluate(input, options);
  const explanation = explain(input, result, options);
  const exitCode = result.decision === 'Allow' ? 0 : 1;
  if (json) {
    printJson(io, {
      command: 'eval',
      ok: true,
      decision: result.decision,
      request,
      files: files.map(({ text: _text, ...file }) => file),
      warnings: validation.issues,
      result,
      explanation,
    });
    return exitCode;
  }
  io.stdout(`${formatExplanation(explanation, { color, locate: locator(files) })}\n`);
  return exitCode;
}
