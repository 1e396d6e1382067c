import type { Issue } from '../../errors/issue.js';
import type { Decision, EvaluationResult } from '../../model/evaluation-result.js';
import type { PolicyType } from '../../model/policy-type.js';
import type { PolicySet, RequestInput } from '../../model/request.js';

/**
 * Policy files or folders, relative to the suite file, as a suite lists them; a folder stands for its `*.json` files.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { PathList } from 'iam-policy-evaluator';
 * const text = [
 *   'policies: { identity: [policies/identity/, shared/deny-leave-org.json] }',
 *   'tests:',
 *   '  - name: nobody deletes a role',
 *   "    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: iam:DeleteRole, resource: '*' }",
 *   '    expect: ExplicitDeny',
 * ].join('\n');
 * const parsed = parseIntentSuite(text, 'intent.yaml');
 * const identity: PathList | undefined = parsed.ok ? parsed.suite.tests[0]?.policies.identity : undefined;
 * identity; //=> ['policies/identity/', 'shared/deny-leave-org.json']
 * ```
 */
export type PathList = readonly string[];

/**
 * Where a suite finds the SCPs or RCPs of an organization path: a folder of `<N>-<target>` subfolders, or the levels
 * listed root first.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { OrgPathRefs } from 'iam-policy-evaluator';
 * const text = [
 *   'policies: { identity: [admin.json], scp: [{ target: r-root, policies: [scp/full.json] }, { target: ou-1, policies: [scp/deny.json] }] }',
 *   'tests:',
 *   '  - name: nobody deletes a role',
 *   "    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: iam:DeleteRole, resource: '*' }",
 *   '    expect: ExplicitDeny',
 * ].join('\n');
 * const parsed = parseIntentSuite(text, 'intent.yaml');
 * const scp: OrgPathRefs | undefined = parsed.ok ? parsed.suite.tests[0]?.policies.scp : undefined;
 * scp; //=> [{ target: 'r-root', policies: ['scp/full.json'] }, { target: 'ou-1', policies: ['scp/deny.json'] }]
 * ```
 */
export type OrgPathRefs = string | readonly { readonly target: string; readonly policies: PathList }[];

/**
 * Which policy files a test evaluates against, by type (see schemas/intent-suite.schema.json); a suite, a group or a
 * test gives them, and paths stay as written until the caller loads the files.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { PolicyRefs } from 'iam-policy-evaluator';
 * const text = [
 *   'policies: examples/scenarios/01-identity-deny/policies',
 *   'tests:',
 *   '  - name: nobody deletes a role',
 *   "    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: iam:DeleteRole, resource: '*' }",
 *   '    expect: ExplicitDeny',
 * ].join('\n');
 * const parsed = parseIntentSuite(text, 'intent.yaml');
 * const refs: PolicyRefs | undefined = parsed.ok ? parsed.suite.tests[0]?.policies : undefined;
 * refs; //=> { folder: 'examples/scenarios/01-identity-deny/policies' }
 * ```
 */
export interface PolicyRefs {
  /** A folder laid out by type (`identity/`, `resource/`, `permissions-boundary/`, `session/`, `scp/`, `rcp/`, `vpc-endpoint/`). */
  readonly folder?: string;
  readonly identity?: PathList;
  readonly resource?: string;
  readonly permissionsBoundary?: string;
  readonly session?: PathList;
  readonly vpcEndpoint?: PathList;
  readonly scp?: OrgPathRefs;
  readonly rcp?: OrgPathRefs;
}

/**
 * Names the statement expected to decide, as loosely as a test needs: every field given must match, so a test can pin
 * the policy type alone or the exact Sid.
 *
 * @example
 * ```ts
 * import { checkExpectation, evaluate } from 'iam-policy-evaluator';
 * import type { StatementMatch } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Sid: 'NoRoleDeletion', Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' }, policies: { identity: [deny] } });
 * const bySid: StatementMatch = { policyType: 'identity', sid: 'NoRoleDeletion' };
 * checkExpectation({ decision: 'ExplicitDeny', deniedBy: bySid }, result); //=> []
 * ```
 */
export interface StatementMatch {
  readonly policyType: PolicyType;
  readonly policyId?: string;
  readonly sid?: string;
  readonly statementIndex?: number;
  readonly orgLevel?: string;
}

/**
 * What a test expects: a decision and, optionally, the statement or policy type that must decide it.
 *
 * @example
 * ```ts
 * import { checkExpectation, evaluate } from 'iam-policy-evaluator';
 * import type { IntentExpectation } from 'iam-policy-evaluator';
 * const result = evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' }, policies: { identity: [] } });
 * const expectation: IntentExpectation = { decision: 'ImplicitDeny', notAllowedBy: 'identity' };
 * checkExpectation(expectation, result); //=> []
 * ```
 */
export interface IntentExpectation {
  readonly decision: Decision;
  /** ExplicitDeny: the statement `deniedBy` must be. */
  readonly deniedBy?: StatementMatch;
  /** Allow: a statement that must be among `allowedBy`. */
  readonly allowedBy?: StatementMatch;
  /** ImplicitDeny: the policy type whose missing Allow decided. */
  readonly notAllowedBy?: PolicyType;
  /** Allow or ImplicitDeny: the service rule (`SR-n`, docs/service-rules.md) that must have decided. */
  readonly serviceRule?: string;
}

/**
 * Where something stands in a file, so reports and CI annotations can point at it; line and column are 1-based.
 *
 * @example
 * ```ts
 * import { githubError } from 'iam-policy-evaluator/reporters';
 * import type { FileLocation } from 'iam-policy-evaluator';
 * const at: FileLocation = { file: 'intent.yaml', line: 4, column: 5 };
 * githubError(at, 'policy intent', 'expected Allow'); //=> '::error file=intent.yaml,line=4,col=5,title=policy intent::expected Allow'
 * ```
 */
export interface FileLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One test of a suite, with the policies and options it inherits from its group and suite, and where it stands in the
 * suite file.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { IntentTest } from 'iam-policy-evaluator';
 * const text = [
 *   'policies: { identity: [policies/deny.json] }',
 *   'tests:',
 *   '  - name: nobody deletes a role',
 *   "    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: iam:DeleteRole, resource: '*' }",
 *   '    expect: ExplicitDeny',
 * ].join('\n');
 * const parsed = parseIntentSuite(text, 'intent.yaml');
 * const test: IntentTest | undefined = parsed.ok ? parsed.suite.tests[0] : undefined;
 * test?.name; //=> 'nobody deletes a role'
 * test?.expect; //=> { decision: 'ExplicitDeny' }
 * test?.location; //=> { file: 'intent.yaml', line: 3, column: 5 }
 * ```
 */
export interface IntentTest {
  /** `group › test` for tests inside a group. */
  readonly name: string;
  readonly semantics?: readonly string[];
  readonly policies: PolicyRefs;
  /** Options for `evaluate`, merged suite ⊕ group ⊕ test. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly request: RequestInput;
  readonly expect: IntentExpectation;
  readonly location: FileLocation;
}

/**
 * A suite file, parsed and checked, its paths not yet resolved: the library reads no files, so the caller loads the
 * policies it names.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { IntentSuite } from 'iam-policy-evaluator';
 * const text = [
 *   'policies: { identity: [policies/deny.json] }',
 *   'tests:',
 *   '  - name: nobody deletes a role',
 *   "    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: iam:DeleteRole, resource: '*' }",
 *   '    expect: ExplicitDeny',
 * ].join('\n');
 * const parsed = parseIntentSuite(text, 'intent.yaml');
 * const suite: IntentSuite | undefined = parsed.ok ? parsed.suite : undefined;
 * suite?.file; //=> 'intent.yaml'
 * suite?.tests.length; //=> 1
 * ```
 */
export interface IntentSuite {
  readonly file: string;
  readonly title?: string;
  readonly tests: readonly IntentTest[];
}

/**
 * A problem in a suite file itself (not in a policy), with where it stands, so an editor or CI can point at it.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { SuiteIssue } from 'iam-policy-evaluator';
 * const parsed = parseIntentSuite('tests:\n  - name: typo\n    polcies: {}\n', 'intent.yaml');
 * const issue: SuiteIssue | undefined = parsed.ok ? undefined : parsed.issues[0];
 * issue?.pointer; //=> '/tests/0/polcies'
 * issue?.location; //=> { file: 'intent.yaml', line: 3, column: 5 }
 * ```
 */
export interface SuiteIssue {
  readonly message: string;
  readonly location: FileLocation;
  /** JSON Pointer into the suite document. */
  readonly pointer: string;
}

/**
 * The answer of `parseIntentSuite`: the suite, or every problem found, never only the first.
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * import type { ParseSuiteResult } from 'iam-policy-evaluator';
 * const result: ParseSuiteResult = parseIntentSuite('tests:\n  - name: typo\n    polcies: {}\n', 'intent.yaml');
 * result.ok; //=> false
 * result.ok ? [] : result.issues.map((issue) => issue.pointer); //=> ['/tests/0/polcies', '/tests/0', '/tests/0', '/tests/0']
 * ```
 */
export type ParseSuiteResult =
  { readonly ok: true; readonly suite: IntentSuite } | { readonly ok: false; readonly issues: readonly SuiteIssue[] };

/**
 * Where one loaded policy came from, so reports can point at its file and line rather than at the test.
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import type { PolicyFileRef } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const file: PolicyFileRef = { policyType: 'identity', policyId: 'deny', file: 'policies/identity/deny.json' };
 * const result = runIntentSuite({ file: 'intent.yaml', tests: [{
 *   name: 'admins delete roles', policies: {}, policySet: { identity: [deny] }, policyFiles: [file],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'Allow' }, location: { file: 'intent.yaml', line: 3, column: 5 },
 * }] });
 * result.results[0]?.annotation; //=> { file: 'policies/identity/deny.json', line: 4, column: 5 }
 * ```
 */
export interface PolicyFileRef {
  readonly policyType: PolicyType;
  readonly policyId: string;
  readonly orgLevel?: string;
  readonly file: string;
}

/**
 * A test with its policy files loaded: what the caller builds from an `IntentTest` after reading the files it names.
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import type { LoadedIntentTest } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role',
 *   policies: { identity: ['policies/identity/deny.json'] },
 *   policySet: { identity: [deny] },
 *   policyFiles: [{ policyType: 'identity', policyId: 'deny', file: 'policies/identity/deny.json' }],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' },
 *   location: { file: 'intent.yaml', line: 4, column: 5 },
 * };
 * runIntentSuite({ file: 'intent.yaml', tests: [test] }).results[0]?.status; //=> 'passed'
 * ```
 */
export interface LoadedIntentTest extends IntentTest {
  readonly policySet: PolicySet;
  readonly policyFiles: readonly PolicyFileRef[];
}

/**
 * A suite whose policy files are loaded: what `runIntentSuite` runs, without touching the file system.
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import type { LoadedIntentTest, LoadedIntentSuite } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role',
 *   policies: { identity: ['policies/identity/deny.json'] },
 *   policySet: { identity: [deny] },
 *   policyFiles: [{ policyType: 'identity', policyId: 'deny', file: 'policies/identity/deny.json' }],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' },
 *   location: { file: 'intent.yaml', line: 4, column: 5 },
 * };
 * const suite: LoadedIntentSuite = { file: 'intent.yaml', title: 'role deletion', tests: [test] };
 * runIntentSuite(suite).passed; //=> 1
 * ```
 */
export interface LoadedIntentSuite {
  readonly file: string;
  readonly title?: string;
  readonly tests: readonly LoadedIntentTest[];
}

/**
 * How one test fared: `passed`, `failed`, or `error` when the policies could not be evaluated (an invalid policy gives
 * no decision, so it can neither pass nor fail).
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import type { LoadedIntentTest, IntentStatus } from 'iam-policy-evaluator';
 * const broken = { id: 'broken', document: '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}' };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role',
 *   policies: { identity: ['policies/identity/broken.json'] },
 *   policySet: { identity: [broken] },
 *   policyFiles: [{ policyType: 'identity', policyId: 'broken', file: 'policies/identity/broken.json' }],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' },
 *   location: { file: 'intent.yaml', line: 4, column: 5 },
 * };
 * const status: IntentStatus | undefined = runIntentSuite({ file: 'intent.yaml', tests: [test] }).results[0]?.status;
 * status; //=> 'error'
 * ```
 */
export type IntentStatus = 'passed' | 'failed' | 'error';

/**
 * One test's outcome: its status, what differed from the expectation, the decision in one line, and where a failure
 * should be shown.
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import type { LoadedIntentTest, IntentTestResult } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role',
 *   policies: { identity: ['policies/identity/deny.json'] },
 *   policySet: { identity: [deny] },
 *   policyFiles: [{ policyType: 'identity', policyId: 'deny', file: 'policies/identity/deny.json' }],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'Allow' },
 *   location: { file: 'intent.yaml', line: 4, column: 5 },
 * };
 * const outcome: IntentTestResult | undefined = runIntentSuite({ file: 'intent.yaml', tests: [test] }).results[0];
 * outcome?.status; //=> 'failed'
 * outcome?.mismatches; //=> ['expected Allow, got ExplicitDeny']
 * outcome?.annotation; //=> { file: 'policies/identity/deny.json', line: 4, column: 5 }
 * ```
 */
export interface IntentTestResult {
  readonly test: LoadedIntentTest;
  readonly status: IntentStatus;
  /** Absent when the policies were invalid. */
  readonly result?: EvaluationResult;
  /** What did not match the expectation, one phrase each. */
  readonly mismatches: readonly string[];
  /** Policy issues when `status` is `error`. */
  readonly issues: readonly Issue[];
  /** One line: the decision and why (the deciding statement and its conditions). */
  readonly summary: string;
  /** Where a failure points: the deciding policy statement's file and line, or the test in the suite. */
  readonly annotation: FileLocation;
}

/**
 * A suite's outcome: every test's result and the counts a runner prints.
 *
 * @example
 * ```ts
 * import { runIntentSuite } from 'iam-policy-evaluator';
 * import { formatTotals } from 'iam-policy-evaluator/reporters';
 * import type { LoadedIntentTest, IntentSuiteResult } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const test: LoadedIntentTest = {
 *   name: 'nobody deletes a role',
 *   policies: { identity: ['policies/identity/deny.json'] },
 *   policySet: { identity: [deny] },
 *   policyFiles: [{ policyType: 'identity', policyId: 'deny', file: 'policies/identity/deny.json' }],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' },
 *   location: { file: 'intent.yaml', line: 4, column: 5 },
 * };
 * const result: IntentSuiteResult = runIntentSuite({ file: 'intent.yaml', tests: [test, { ...test, expect: { decision: 'Allow' } }] });
 * result.passed; //=> 1
 * result.failed; //=> 1
 * formatTotals([result]); //=> '1 passed, 1 failed'
 * ```
 */
export interface IntentSuiteResult {
  readonly file: string;
  readonly title?: string;
  readonly results: readonly IntentTestResult[];
  readonly passed: number;
  readonly failed: number;
}
