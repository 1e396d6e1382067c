import { RequestValidationError } from '../../errors/request-validation-error.js';
import type { Issue } from '../../errors/issue.js';
import { evaluate as libraryEvaluate } from '../../evaluator/evaluate.js';
import type { EvaluationResult, StatementRef } from '../../model/evaluation-result.js';
import type { EvaluationInput } from '../../model/request.js';
import { describeDecision } from '../shared/describe.js';
import { checkExpectation } from './expectation.js';
import type {
  FileLocation,
  IntentSuiteResult,
  IntentTestResult,
  LoadedIntentSuite,
  LoadedIntentTest,
  PolicyFileRef,
} from './types.js';

/**
 * The evaluation function a suite, a coverage run or a diff runs on: the library's `evaluate` by default; pass another
 * to run the same tests on a compiled set, or on an engine under test.
 *
 * @example
 * ```ts
 * import { compile, runIntentSuite } from 'iam-policy-evaluator';
 * import type { EvaluateFunction, LoadedIntentTest } from 'iam-policy-evaluator';
 * const onCompiledSet: EvaluateFunction = (input, options) => compile(input.policies).evaluate(input.request, options);
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role', policies: {}, policySet: { identity: [deny] }, policyFiles: [],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' }, location: { file: 'intent.yaml', line: 3, column: 5 },
 * };
 * runIntentSuite({ file: 'intent.yaml', tests: [test] }, { evaluate: onCompiledSet }).passed; //=> 1
 * ```
 */
export type EvaluateFunction = (
  input: EvaluationInput,
  options?: Readonly<Record<string, unknown>>,
) => EvaluationResult;

/** The issues of a `PolicyValidationError` (or anything carrying `issues`), read without depending on its class. */
export function issuesOf(error: unknown): Issue[] | undefined {
  if (typeof error !== 'object' || error === null || !('issues' in error)) return undefined;
  const issues = (error as { issues: unknown }).issues;
  return Array.isArray(issues) ? (issues as Issue[]) : undefined;
}

/** The file a statement's policy came from. */
export function fileOf(
  files: readonly PolicyFileRef[],
  ref: Pick<StatementRef, 'policyType' | 'policyId' | 'orgLevel'>,
): string | undefined {
  return files.find(
    (f) =>
      f.policyType === ref.policyType &&
      f.policyId === ref.policyId &&
      (ref.orgLevel === undefined || f.orgLevel === ref.orgLevel),
  )?.file;
}

/** The statement a failure is best shown on: the one that decided, or failing that the test itself. */
function annotationFor(test: LoadedIntentTest, result: EvaluationResult): FileLocation {
  const ref = result.deniedBy ?? result.allowedBy[0];
  const file = ref ? fileOf(test.policyFiles, ref) : undefined;
  return ref && file ? { file, line: ref.line, column: ref.column } : test.location;
}

function runOne(test: LoadedIntentTest, evaluate: EvaluateFunction): IntentTestResult {
  let result: EvaluationResult;
  try {
    result = evaluate({ request: test.request, policies: test.policySet }, test.options);
  } catch (error) {
    if (error instanceof RequestValidationError) {
      const errors = error.issues.filter((issue) => issue.severity === 'error');
      return {
        test,
        status: 'error',
        mismatches: errors.map((issue) => `invalid request at \`${issue.pointer}\`: ${issue.message}`),
        issues: [],
        summary: `the request has ${errors.length} error${errors.length === 1 ? '' : 's'}, so no decision is made`,
        annotation: test.location,
      };
    }
    const issues = issuesOf(error);
    const errors = issues?.filter((i) => i.severity === 'error') ?? [];
    const first = errors[0];
    const file = first ? test.policyFiles.find((f) => f.policyId === first.policyId)?.file : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return {
      test,
      status: 'error',
      mismatches:
        errors.length > 0
          ? errors.map((i) => `invalid policy \`${i.policyId}\` at ${i.line}:${i.column}: ${i.message}`)
          : [`evaluation failed: ${message}`],
      issues: issues ?? [],
      summary:
        errors.length > 0
          ? `the policies have ${errors.length} error${errors.length === 1 ? '' : 's'}, so no decision is made`
          : message,
      annotation: first && file ? { file, line: first.line, column: first.column } : test.location,
    };
  }
  const mismatches = checkExpectation(test.expect, result);
  return {
    test,
    status: mismatches.length === 0 ? 'passed' : 'failed',
    result,
    mismatches,
    issues: [],
    summary: describeDecision(result),
    annotation: annotationFor(test, result),
  };
}

/**
 * Options of {@link runIntentSuite}: which evaluation function decides each test.
 *
 * @example
 * ```ts
 * import { evaluate, runIntentSuite } from 'iam-policy-evaluator';
 * import type { LoadedIntentTest, RunIntentSuiteOptions } from 'iam-policy-evaluator';
 * const seen: string[] = [];
 * const options: RunIntentSuiteOptions = {
 *   evaluate: (input, evaluateOptions) => {
 *     seen.push(input.request.action);
 *     return evaluate(input, evaluateOptions);
 *   },
 * };
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role', policies: {}, policySet: { identity: [deny] }, policyFiles: [],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' }, location: { file: 'intent.yaml', line: 3, column: 5 },
 * };
 * runIntentSuite({ file: 'intent.yaml', tests: [test] }, options).passed; //=> 1
 * seen; //=> ['iam:DeleteRole']
 * ```
 */
export interface RunIntentSuiteOptions {
  /** The evaluation function; the library's `evaluate` by default. */
  readonly evaluate?: EvaluateFunction;
}

/**
 * Runs every test of a loaded suite and compares each decision with its expectation. Pure: the
 * policies are already loaded (the CLI's `test` command reads the files). A test whose policies are
 * invalid is reported with status `error` and its issues, never with a decision.
 *
 * @param suite - the suite, its policies loaded: `{ file, tests: [{ name, request, expect, policySet, policyFiles, location, policies }] }`
 * @param options - the evaluation function to use
 * @returns every test's outcome and the pass and fail counts
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const r = runIntentSuite({
 *   file: 'inline',
 *   tests: [{
 *     name: 'no role deletion', policies: {}, policySet: { identity: [deny] }, policyFiles: [],
 *     request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *     expect: { decision: 'ExplicitDeny' }, location: { file: 'inline', line: 1, column: 1 },
 *   }],
 * });
 * r.passed; //=> 1
 * r.failed; //=> 0
 * ```
 */
export function runIntentSuite(suite: LoadedIntentSuite, options: RunIntentSuiteOptions = {}): IntentSuiteResult {
  const evaluate = options.evaluate ?? libraryEvaluate;
  const results = suite.tests.map((t) => runOne(t, evaluate));
  const passed = results.filter((r) => r.status === 'passed').length;
  return {
    file: suite.file,
    ...(suite.title === undefined ? {} : { title: suite.title }),
    results,
    passed,
    failed: results.length - passed,
  };
}
