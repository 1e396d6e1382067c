// Renderings of suite results: one line per failure, JUnit XML, GitHub Actions annotations.
import type { FileLocation, IntentSuiteResult, IntentTestResult } from './types.js';

const at = (l: FileLocation): string => `${l.file}:${l.line}:${l.column}`;

/**
 * One line for a test that did not pass: where the test is, what differed, the decision and why,
 * and where the deciding statement is.
 *
 * @param r - a failed or errored test result
 * @returns the line, without a newline
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import { formatFailureLine } from 'iam-policy-evaluator/reporters';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const suite = runIntentSuite({ file: 'intent.yaml', tests: [{
 *   name: 'admins delete roles', policies: {}, policySet: { identity: [deny] }, policyFiles: [],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'Allow' }, location: { file: 'intent.yaml', line: 3, column: 5 },
 * }] });
 * formatFailureLine(suite.results[0]!); //=> 'FAIL intent.yaml:3:5 admins delete roles: expected Allow, got ExplicitDeny: ExplicitDeny by identity `deny` statement 0 at line 4: Action `iam:DeleteRole`; Resource `*`'
 * ```
 */
export function formatFailureLine(r: IntentTestResult): string {
  const where = r.annotation === r.test.location ? '' : ` (${at(r.annotation)})`;
  return `FAIL ${at(r.test.location)} ${r.test.name}: ${r.mismatches.join('; ')}: ${r.summary}${where}`;
}

/**
 * The closing line every runner prints: `N passed, M failed`.
 *
 * @param results - the suites' results
 * @returns the line, without a newline
 *
 * @example
 * ```ts
 * import { formatTotals } from 'iam-policy-evaluator/reporters';
 * formatTotals([{ file: 'a.yaml', results: [], passed: 37, failed: 1 }]); //=> '37 passed, 1 failed'
 * ```
 */
export function formatTotals(results: readonly IntentSuiteResult[]): string {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  return `${passed} passed, ${failed} failed`;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/**
 * JUnit XML for CI dashboards: one `<testsuite>` per suite file, one `<testcase>` per test, a
 * `<failure>` for a decision that differs and an `<error>` for invalid policies.
 *
 * @param results - the suites' results
 * @returns the XML document
 *
 * @example
 * ```ts
 * import { formatJUnit } from 'iam-policy-evaluator/reporters';
 * formatJUnit([{ file: 'a.yaml', results: [], passed: 0, failed: 0 }]).split('\n')[1]; //=> '<testsuites name="iam-policy-evaluator" tests="0" failures="0" errors="0">'
 * ```
 */
export function formatJUnit(results: readonly IntentSuiteResult[]): string {
  const total = results.reduce((n, r) => n + r.results.length, 0);
  const failures = results.reduce((n, r) => n + r.results.filter((t) => t.status === 'failed').length, 0);
  const errors = results.reduce((n, r) => n + r.results.filter((t) => t.status === 'error').length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iam-policy-evaluator" tests="${total}" failures="${failures}" errors="${errors}">`,
  ];
  for (const suite of results) {
    const f = suite.results.filter((t) => t.status === 'failed').length;
    const e = suite.results.filter((t) => t.status === 'error').length;
    const name = escapeXml(suite.title ?? suite.file);
    lines.push(
      `  <testsuite name="${name}" file="${escapeXml(suite.file)}" tests="${suite.results.length}" failures="${f}" errors="${e}">`,
    );
    for (const r of suite.results) {
      const open = `    <testcase name="${escapeXml(r.test.name)}" classname="${escapeXml(suite.file)}" file="${escapeXml(r.test.location.file)}" line="${r.test.location.line}"`;
      if (r.status === 'passed') {
        lines.push(`${open}/>`);
        continue;
      }
      const tag = r.status === 'failed' ? 'failure' : 'error';
      const body = [...r.mismatches, r.summary, `at ${at(r.annotation)}`].join('\n');
      lines.push(`${open}>`);
      lines.push(
        `      <${tag} message="${escapeXml(r.mismatches.join('; '))}" type="${r.status === 'failed' ? 'DecisionMismatch' : 'InvalidPolicy'}">${escapeXml(body)}</${tag}>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

const escapeData = (s: string): string => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (s: string): string => escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');

/**
 * A GitHub Actions workflow command that puts the failure on the deciding policy line (or on the test):
 * `::error file=…,line=…,col=…,title=…::…`.
 *
 * @param r - a failed or errored test result
 * @returns the workflow command line
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import { formatGitHubAnnotation } from 'iam-policy-evaluator/reporters';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const suite = runIntentSuite({ file: 'intent.yaml', tests: [{
 *   name: 'admins delete roles', policies: {}, policySet: { identity: [deny] }, policyFiles: [{ policyType: 'identity', policyId: 'deny', file: 'policies/identity/deny.json' }],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'Allow' }, location: { file: 'intent.yaml', line: 3, column: 5 },
 * }] });
 * formatGitHubAnnotation(suite.results[0]!).slice(0, 60); //=> '::error file=policies/identity/deny.json,line=4,col=5,title='
 * ```
 */
export function formatGitHubAnnotation(r: IntentTestResult): string {
  return githubError(
    r.annotation,
    `intent: ${r.test.name}`,
    `${r.mismatches.join('; ')}: ${r.summary} (test at ${at(r.test.location)})`,
  );
}

/**
 * A GitHub Actions `::error` workflow command at a file location, escaped as the runner expects.
 *
 * @param location - the file, line and column
 * @param title - the annotation's title
 * @param message - the annotation's text
 * @returns the workflow command line
 *
 * @example
 * ```ts
 * import { githubError } from 'iam-policy-evaluator/reporters';
 * githubError({ file: 'suite.yaml', line: 4, column: 5 }, 'invalid suite', 'unknown member `polcies`'); //=> '::error file=suite.yaml,line=4,col=5,title=invalid suite::unknown member `polcies`'
 * ```
 */
export function githubError(location: FileLocation, title: string, message: string): string {
  const { file, line, column } = location;
  return `::error file=${escapeProperty(file)},line=${line},col=${column},title=${escapeProperty(title)}::${escapeData(message)}`;
}
