import type { Issue } from '../../errors/issue.js';
import type { Decision, EvaluationResult } from '../../model/evaluation-result.js';
import type { PolicyType } from '../../model/policy-type.js';
import type { PolicySet, RequestInput } from '../../model/request.js';

/** Files or folders, relative to the suite file; a folder stands for its `*.json` files. */
export type PathList = readonly string[];

/** The levels of an organization path: a folder of `<N>-<target>` subfolders, or the levels listed root first. */
export type OrgPathRefs = string | readonly { readonly target: string; readonly policies: PathList }[];

/** Which policy files a test evaluates against, by type (see schemas/intent-suite.schema.json). */
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

/** Names the deciding statement; every field given must match. */
export interface StatementMatch {
  readonly policyType: PolicyType;
  readonly policyId?: string;
  readonly sid?: string;
  readonly statementIndex?: number;
  readonly orgLevel?: string;
}

/** What a test expects. */
export interface IntentExpectation {
  readonly decision: Decision;
  /** ExplicitDeny: the statement `deniedBy` must be. */
  readonly deniedBy?: StatementMatch;
  /** Allow: a statement that must be among `allowedBy`. */
  readonly allowedBy?: StatementMatch;
  /** ImplicitDeny: the policy type whose missing Allow decided. */
  readonly notAllowedBy?: PolicyType;
}

/** Where something stands in a file; line and column are 1-based. */
export interface FileLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One test of a suite, with the policies and options it inherits from its group and suite. */
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

/** A suite file, parsed and checked, its paths not yet resolved. */
export interface IntentSuite {
  readonly file: string;
  readonly title?: string;
  readonly tests: readonly IntentTest[];
}

/** A problem in a suite file itself (not in a policy). */
export interface SuiteIssue {
  readonly message: string;
  readonly location: FileLocation;
  /** JSON Pointer into the suite document. */
  readonly pointer: string;
}

/** The answer of `parseIntentSuite`. */
export type ParseSuiteResult =
  { readonly ok: true; readonly suite: IntentSuite } | { readonly ok: false; readonly issues: readonly SuiteIssue[] };

/** Where one loaded policy came from, so reports can point at its file and line. */
export interface PolicyFileRef {
  readonly policyType: PolicyType;
  readonly policyId: string;
  readonly orgLevel?: string;
  readonly file: string;
}

/** A test with its policy files loaded. */
export interface LoadedIntentTest extends IntentTest {
  readonly policySet: PolicySet;
  readonly policyFiles: readonly PolicyFileRef[];
}

/** A suite whose policy files are loaded: what `runIntentSuite` runs. */
export interface LoadedIntentSuite {
  readonly file: string;
  readonly title?: string;
  readonly tests: readonly LoadedIntentTest[];
}

/** How one test fared. `error` means the policies could not be evaluated (invalid policy). */
export type IntentStatus = 'passed' | 'failed' | 'error';

/** One test's outcome. */
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

/** A suite's outcome. */
export interface IntentSuiteResult {
  readonly file: string;
  readonly title?: string;
  readonly results: readonly IntentTestResult[];
  readonly passed: number;
  readonly failed: number;
}
