// Renderings of suite results: one line per failure, JUnit XML, GitHub Actions annotations.
import type { FileLocation, IntentSuiteResult, IntentTestResult } from './types.js';

const at = (l: FileLocation): string => `${l.file}:${l.line}:${l.column}`;

/**
 * One line for a test that did not pass: where the test is, what differed, the decision and why,
 * and where the deciding statement is.
 *
 * @param r - a failed or errored test result
 * @returns the line, without a newline
 */
export function formatFailureLine(r: IntentTestResult): string {
  const where = r.annotation === r.test.location ? '' : ` (${at(r.annotation)})`;
  return `FAIL ${at(r.test.location)} ${r.test.name}: ${r.mismatches.join('; ')}: ${r.summary}${where}`;
}

/** The closing line every runner prints: `N passed, M failed`. */
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
 */
export function githubError(location: FileLocation, title: string, message: string): string {
  const { file, line, column } = location;
  return `::error file=${escapeProperty(file)},line=${line},col=${column},title=${escapeProperty(title)}::${escapeData(message)}`;
}
