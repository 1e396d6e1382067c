import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from '../../evaluator/evaluate.js';
import {
  computeCoverage,
  coverageSamples,
  formatCoverage,
  type SuiteCoverage,
} from '../../testing/suite-coverage/coverage.js';
import { explanationLines } from '../../testing/shared/explanation-lines.js';
import {
  formatFailureLine,
  formatGitHubAnnotation,
  formatJUnit,
  formatTotals,
  githubError,
} from '../../testing/suite/report.js';
import { runIntentSuite, type EvaluateFunction } from '../../testing/suite/run-suite.js';
import type { IntentSuiteResult, SuiteIssue } from '../../testing/suite/types.js';
import { CliError, usage } from '../errors.js';
import { pathKind } from '../files.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output.js';
import { selectFiles } from '../select-files.js';
import { loadIntentSuiteFile } from '../suite-files.js';

export const TEST_HELP = `iam-policy-evaluator test: run policy intent suites (JSON or YAML, schemas/intent-suite.schema.json)

usage:
  iam-policy-evaluator test <suite files, folders or globs…> [--junit <file>] [--github] [--coverage] [--json] [--verbose]

A folder stands for the *.intent.yaml, *.intent.yml and *.intent.json files below it.
Prints one line per failing test, with why the decision differs and where the deciding statement is,
then exactly \`N passed, M failed\`.

options:
  --junit <file>     also write JUnit XML to <file>
  --github           print GitHub Actions annotations on the deciding policy lines (on by default when GITHUB_ACTIONS=true)
  --coverage         report which statements the requests matched, and the Deny statements none matched
  --json             print one JSON document: every test, the totals, and the coverage with --coverage
  --verbose          print the full explanation under each failure
  -h, --help         show this help

exit codes: 0 every test passed, 1 a test failed, 2 bad usage or an unreadable or invalid suite

examples:
  iam-policy-evaluator test examples/intent/
  iam-policy-evaluator test 'examples/intent/*.intent.yaml' --coverage --junit reports/intent.xml
`;

const SUITE_SUFFIXES = ['.intent.yaml', '.intent.yml', '.intent.json'];

function suiteFiles(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const rest: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') walk(path);
      else if (entry.isFile() && SUITE_SUFFIXES.some((s) => entry.name.endsWith(s))) out.push(relative(cwd, path));
    }
  };
  for (const arg of args) {
    const absolute = arg.startsWith('/') ? arg : join(cwd, arg);
    if (pathKind(absolute) === 'folder') {
      const before = out.length;
      walk(absolute);
      if (out.length === before)
        throw new CliError('no_files', `\`${arg}\` holds no \`*.intent.yaml\` or \`*.intent.json\` file`, 2, arg);
    } else {
      rest.push(arg);
    }
  }
  if (rest.length > 0) out.push(...selectFiles(rest, cwd));
  return [...new Set(out)];
}

/** Writes a report file, creating its folder; fails on one line naming the path. */
function writeReport(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code?.toLowerCase() ?? 'unknown error';
    throw new CliError('unreadable_file', `cannot write \`${path}\`: ${code}`, 2, path);
  }
}

/** `file:line:col message` for a problem in a suite file. */
function issueLine(issue: SuiteIssue): string {
  return `ERROR ${issue.location.file}:${issue.location.line}:${issue.location.column} ${issue.message}`;
}

function jsonReport(
  results: readonly IntentSuiteResult[],
  issues: readonly SuiteIssue[],
  coverage: SuiteCoverage | undefined,
): Record<string, unknown> {
  return {
    suites: results.map((s) => ({
      file: s.file,
      ...(s.title === undefined ? {} : { title: s.title }),
      passed: s.passed,
      failed: s.failed,
      tests: s.results.map((r) => ({
        name: r.test.name,
        status: r.status,
        location: r.test.location,
        expected: r.test.expect,
        ...(r.result
          ? {
              decision: r.result.decision,
              ...(r.result.deniedBy ? { deniedBy: r.result.deniedBy } : {}),
              ...(r.result.notAllowedBy ? { notAllowedBy: r.result.notAllowedBy } : {}),
              allowedBy: r.result.allowedBy,
            }
          : {}),
        mismatches: r.mismatches,
        summary: r.summary,
        annotation: r.annotation,
        ...(r.issues.length > 0 ? { issues: r.issues } : {}),
      })),
    })),
    suiteIssues: issues,
    passed: results.reduce((n, s) => n + s.passed, 0),
    failed: results.reduce((n, s) => n + s.failed, 0),
    ...(coverage ? { coverage } : {}),
  };
}

/**
 * `iam-policy-evaluator test`: runs intent suites and reports failures, totals, JUnit XML, GitHub
 * annotations and coverage.
 *
 * @param args - the arguments after `test`
 * @param io - the process's streams, environment and working folder
 * @param evaluateFn - the evaluation function (the library's `evaluate` unless a test swaps it)
 * @returns the exit code
 */
export function runTestCommand(args: readonly string[], io: CliIo, evaluateFn: EvaluateFunction = evaluate): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      junit: { type: 'string' },
      github: { type: 'boolean' },
      coverage: { type: 'boolean' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(TEST_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw usage('`test` needs at least one suite file, folder or glob: see `iam-policy-evaluator test --help`');
  const github = values.github === true || io.env['GITHUB_ACTIONS'] === 'true';
  const results: IntentSuiteResult[] = [];
  const issues: SuiteIssue[] = [];
  for (const file of suiteFiles(positionals, io.cwd)) {
    const loaded = loadIntentSuiteFile(file, io.cwd);
    if (!loaded.ok) {
      issues.push(...loaded.issues);
      continue;
    }
    results.push(runIntentSuite(loaded.suite, { evaluate: evaluateFn }));
  }
  const coverage = values.coverage ? computeCoverage(coverageSamples(results)) : undefined;
  if (values.junit !== undefined) writeReport(resolve(io.cwd, values.junit), formatJUnit(results));
  if (values.json) {
    printJson(io, jsonReport(results, issues, coverage));
    io.stderr(`${formatTotals(results)}\n`);
  } else {
    const out: string[] = [];
    for (const issue of issues) io.stderr(`${issueLine(issue)}\n`);
    for (const suite of results) {
      for (const r of suite.results) {
        if (r.status === 'passed') continue;
        out.push(formatFailureLine(r));
        if (values.verbose && r.result) {
          const input = { request: r.test.request, policies: r.test.policySet };
          for (const line of explanationLines(input, r.result, r.test.options))
            out.push(line === '' ? '' : `    ${line}`);
        }
      }
    }
    if (github) {
      for (const suite of results)
        for (const r of suite.results) if (r.status !== 'passed') out.push(formatGitHubAnnotation(r));
      for (const issue of issues) {
        out.push(githubError(issue.location, 'invalid intent suite', issue.message));
      }
    }
    if (coverage) out.push(...formatCoverage(coverage));
    out.push(formatTotals(results));
    io.stdout(`${out.join('\n')}\n`);
  }
  if (issues.length > 0) return 2;
  return results.some((s) => s.failed > 0) ? 1 : 0;
}
