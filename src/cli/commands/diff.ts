import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from '../../evaluator/evaluate.js';
import type { EvaluationResult } from '../../model/evaluation-result.js';
import type { RequestInput } from '../../model/request.js';
import { diffDecisions, formatDiff } from '../../testing/diff/diff-decisions.js';
import { generateRequests } from '../../testing/diff/generate-requests.js';
import { parseIntentSuite } from '../../testing/suite/parse-suite.js';
import type { EvaluateFunction } from '../../testing/suite/run-suite.js';
import { CliError, usage } from '../errors.js';
import { parseJsonFile, readText } from '../files.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output.js';
import { loadPolicyFolder } from '../policy-folder.js';
import { selectFiles } from '../select-files.js';

export const DIFF_HELP = `iam-policy-evaluator diff: list every request whose decision a policy change alters

usage:
  iam-policy-evaluator diff --before <folder> --after <folder> [requests or suite files…]

Both folders are laid out by type (identity/ resource/ permissions-boundary/ session/ scp/<N>-<target>/ …).
Requests come from intent suites (*.intent.yaml/json: their tests' requests), JSON files holding a request,
a list of requests or a scenario.json (request and variants). Without any, they are generated from the actions,
resources, principals and condition values the policies mention, with values just outside each condition.

options:
  --before <folder>            the policies as they are
  --after <folder>             the policies as proposed
  --principal <arn>            a caller to use for generated requests (repeatable; default: the ones the policies name)
  --max <n>                    the most generated requests (default 5000)
  --now <time>                 the request time (aws:CurrentTime), ISO 8601
  --management-account <id>    the organization's management account
  --json                       print one JSON document
  -h, --help                   show this help

exit codes: 0 no decision changed, 1 some decision changed, 2 bad usage or unreadable input

examples:
  iam-policy-evaluator diff --before examples/diff/before --after examples/diff/after
  iam-policy-evaluator diff --before examples/diff/before --after examples/diff/after examples/intent/scenarios.intent.yaml
`;

interface Named {
  readonly name: string;
  readonly request: RequestInput;
}

function isRequest(value: unknown): value is RequestInput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['principal'] === 'string' && typeof v['action'] === 'string' && typeof v['resource'] === 'string';
}

/** Requests from one file: an intent suite, a list of requests, a scenario.json, or one request. */
function requestsFrom(path: string, cwd: string): Named[] {
  const text = readText(resolve(cwd, path));
  if (/\.ya?ml$/.test(path) || /\.intent\.json$/.test(path)) {
    const parsed = parseIntentSuite(text, path);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      const where = first ? `${first.location.line}:${first.location.column}` : '1:1';
      throw new CliError('invalid_request', `\`${path}\`:${where}: ${first?.message ?? 'invalid suite'}`, 2, path);
    }
    return parsed.suite.tests.map((t) => ({ name: t.name, request: t.request }));
  }
  const value = parseJsonFile(path, text);
  const invalid = (): CliError =>
    new CliError(
      'invalid_request',
      `\`${path}\`: expected a request, a list of requests, or a scenario with \`request\``,
      2,
      path,
    );
  if (Array.isArray(value)) {
    return value.map((r, i) => {
      if (!isRequest(r)) throw invalid();
      return { name: `${path}#${i}`, request: r };
    });
  }
  if (isRequest(value)) return [{ name: path, request: value }];
  if (typeof value === 'object' && value !== null && isRequest((value as Record<string, unknown>)['request'])) {
    const scenario = value as {
      title?: string;
      request: RequestInput;
      variants?: { title?: string; request?: unknown }[];
    };
    const out: Named[] = [{ name: scenario.title ?? path, request: scenario.request }];
    for (const [i, v] of (scenario.variants ?? []).entries())
      if (isRequest(v.request)) out.push({ name: v.title ?? `${path} variant ${i}`, request: v.request });
    return out;
  }
  throw invalid();
}

/**
 * `iam-policy-evaluator diff`: evaluates requests against two policy folders and lists every request
 * whose decision changed, with both short traces.
 *
 * @param args - the arguments after `diff`
 * @param io - the process's streams, environment and working folder
 * @param evaluateFn - the evaluation function (the library's `evaluate` unless a test swaps it)
 * @returns the exit code
 */
export function runDiffCommand(args: readonly string[], io: CliIo, evaluateFn: EvaluateFunction = evaluate): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      before: { type: 'string' },
      after: { type: 'string' },
      principal: { type: 'string', multiple: true },
      max: { type: 'string' },
      now: { type: 'string' },
      'management-account': { type: 'string' },
      json: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  if (values.before === undefined || values.after === undefined)
    throw usage('`diff` needs `--before <folder>` and `--after <folder>`');
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && (!Number.isInteger(max) || max < 1))
    throw usage(`\`--max\` takes a positive whole number: got \`${values.max}\``);
  const before = loadPolicyFolder(resolve(io.cwd, values.before)).policies;
  const after = loadPolicyFolder(resolve(io.cwd, values.after)).policies;
  const options = {
    ...(values.now === undefined ? {} : { now: values.now }),
    ...(values['management-account'] === undefined ? {} : { managementAccountId: values['management-account'] }),
  };
  let requests: (RequestInput | Named)[];
  let note: string;
  if (positionals.length > 0) {
    requests = selectFiles(positionals, io.cwd).flatMap((f) => requestsFrom(f, io.cwd));
    note = `${requests.length} requests from ${positionals.join(', ')}`;
  } else {
    const generated = generateRequests([before, after], {
      ...(values.principal ? { principals: values.principal } : {}),
      ...(max === undefined ? {} : { maxRequests: max }),
    });
    requests = [...generated.requests];
    note = generated.truncated
      ? `${requests.length} requests generated from the policies (the first of ${generated.possible}: raise --max for more)`
      : `${requests.length} requests generated from the policies`;
  }
  const diff = diffDecisions(before, after, requests, { evaluate: evaluateFn, evaluateOptions: options });
  if (values.json) {
    printJson(io, {
      note,
      total: diff.total,
      unchanged: diff.unchanged,
      changed: diff.changed.map((c) => ({
        ...(c.name === undefined ? {} : { name: c.name }),
        request: c.request,
        before: c.before.ok
          ? { decision: c.before.result.decision, ...pick(c.before.result) }
          : { error: c.before.error },
        after: c.after.ok ? { decision: c.after.result.decision, ...pick(c.after.result) } : { error: c.after.error },
      })),
    });
  } else {
    io.stdout(`${[note, ...formatDiff(diff)].join('\n')}\n`);
  }
  return diff.changed.length > 0 ? 1 : 0;
}

function pick(r: EvaluationResult): Record<string, unknown> {
  return {
    ...(r.deniedBy ? { deniedBy: r.deniedBy } : {}),
    ...(r.notAllowedBy ? { notAllowedBy: r.notAllowedBy } : {}),
    allowedBy: r.allowedBy,
    ...(r.message === undefined ? {} : { message: r.message }),
  };
}
