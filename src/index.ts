// The main public entry point: named re-exports, grouped by pipeline layer, of what users call and the types they
// need for it (at most 45 runtime values, issue 12; test/unit/public-surface/tsdoc-coverage.test.ts counts them).
// Each group is edited only by the layer that owns it. The subpaths are ./vitest, ./vitest/setup, ./arbitraries and
// ./reporters; the operator registry, the condition engine and the matchers are internal.

// --- model ---
export type { PolicyType, PolicyGrammar } from './model/policy-type.js';
export { POLICY_TYPES, POLICY_TYPE_NAMES } from './model/policy-type.js';
export type { SourceSpan } from './model/source-span.js';
export type {
  PolicyVersion,
  Template,
  TemplatePart,
  ActionPattern,
  ActionElement,
  ResourcePattern,
  ResourceElement,
  PrincipalKind,
  PrincipalValue,
  PrincipalElement,
  SetQualifier,
  ConditionValue,
  ConditionEntry,
  NormalizedStatement,
  NormalizedPolicy,
} from './model/normalized-policy.js';
export type {
  ContextScalar,
  ContextValue,
  RequestInput,
  PolicySource,
  OrgLevel,
  PolicySet,
  EvaluationInput,
} from './model/request.js';
export type {
  Decision,
  StatementRef,
  ConditionKeyStatus,
  ConditionTrace,
  ElementTrace,
  StatementTrace,
  PolicyTrace,
  PolicyTypeOutcome,
  PolicyTypeTrace,
  DerivedContextKey,
  EvaluationTrace,
  EvaluationResultBase,
  AllowResult,
  ExplicitDenyResult,
  ImplicitDenyResult,
  ServiceRuleDenyResult,
  ServiceRuleRef,
  EvaluationResult,
} from './model/evaluation-result.js';

// --- errors ---
export type { Issue, IssueSeverity } from './errors/issue.js';
export type { IssueCode } from './errors/issue-codes.js';
export { ISSUE_CODES } from './errors/issue-codes.js';

// --- parser & normalizer ---
export { parsePolicy } from './parser/parse-policy.js';
export { validatePolicy } from './parser/validate-policy.js';
export { normalizePolicy } from './normalizer/normalize-policy.js';
export { loadPolicy } from './normalizer/load-policy.js';
export { toPolicyDocument } from './normalizer/to-policy-document.js';
export type { PolicyDocument } from './normalizer/to-policy-document.js';
export { PolicyValidationError } from './errors/policy-validation-error.js';
export { RequestValidationError, REQUEST_ISSUE_CODES } from './errors/request-validation-error.js';
export type { RequestIssue, RequestIssueCode } from './errors/request-validation-error.js';
export type {
  ParsePolicyOptions,
  ParseResult,
  ParsedPolicy,
  ParsedStatement,
  ParsedString,
  ParsedStringList,
  ParsedPrincipal,
  ParsedPrincipalElement,
  ParsedConditionBlock,
  ParsedConditionKey,
  ParsedConditionValue,
} from './parser/parsed-policy.js';

// --- condition-key catalogue (data; the operators, matchers and condition engine behind it are internal) ---
export type { GlobalConditionKey } from './conditions/context-keys.js';
export {
  GLOBAL_CONDITION_KEYS,
  MULTIVALUED_SERVICE_KEYS,
  findGlobalConditionKey,
  isMultivaluedKey,
} from './conditions/context-keys.js';
export type { ConditionChoice } from './conditions/choices.js';
export { CONDITION_CHOICES } from './conditions/choices.js';

// --- evaluator & combiner ---
export { evaluate } from './evaluator/evaluate.js';
export type { EvaluateOptions } from './model/evaluation-result.js';
export { renderAccessDeniedMessage } from './combiner/access-denied-message.js';
export type { AccessDeniedMessageInput } from './combiner/access-denied-message.js';

// --- explanation & AccessDenied messages ---
export { parseAccessDenied, ACCESS_DENIED_PARSE_ERROR_CODES } from './explain/access-denied/parse-access-denied.js';
export type {
  ParsedAccessDenied,
  ParseAccessDeniedResult,
  AccessDeniedParseError,
  AccessDeniedParseErrorCode,
  AccessDeniedResourceForm,
} from './explain/access-denied/parse-access-denied.js';
export { explain } from './explain/explain.js';
export type { ExplainOptions } from './explain/explain.js';
export { formatExplanation } from './explain/format-explanation.js';
export type { FormatExplanationOptions } from './explain/format-explanation.js';
export { explainAccessDenied } from './explain/explain-access-denied.js';
export type { ExplainAccessDeniedOptions, ExplainAccessDeniedResult } from './explain/explain-access-denied.js';
export type {
  Explanation,
  StatementExplanation,
  ConditionExplanation,
  DenyExplanation,
  LayerExplanation,
  NearMiss,
  ContextChange,
  SourceExcerpt,
  SourceLine,
  SourceMarker,
} from './explain/explanation.js';

// --- sources: account snapshots (GAAD, organization, resource policies) ---
export { loadAccountSnapshot } from './sources/account/load-account-snapshot.js';
export { AccountSnapshotError, ACCOUNT_SNAPSHOT_ISSUE_CODES } from './sources/account/snapshot-issues.js';
export type { AccountSnapshotIssue, AccountSnapshotIssueCode } from './sources/account/snapshot-issues.js';
export type {
  AccountSnapshot,
  AccountSnapshotInput,
  AccountResolution,
  OrganizationSnapshotInput,
} from './sources/account/snapshot-types.js';
// --- AWS artefacts: CloudTrail events and logs, decoded authorization messages (docs/aws-inputs.md) ---
export { requestFromCloudTrailEvent } from './sources/cloudtrail/cloudtrail-event.js';
export type { CloudTrailRequest, CloudTrailEventSummary } from './sources/cloudtrail/cloudtrail-event.js';
export type { EventContextKey } from './sources/cloudtrail/event-context.js';
export type { UnknownKeyEffect } from './sources/cloudtrail/unknown-key-effects.js';
export { readCloudTrailRecords } from './sources/cloudtrail/cloudtrail-log.js';
export type {
  CloudTrailRecord,
  CloudTrailRecords,
  CloudTrailReplay,
  ReplayedEvent,
  ReplayAgreement,
  ReplayCloudTrailOptions,
} from './sources/cloudtrail/cloudtrail-log.js';
export { requestFromAuthorizationMessage } from './sources/cloudtrail/authorization-message.js';
export type { AuthorizationMessageRequest } from './sources/cloudtrail/authorization-message.js';
export type {
  CloudTrailEventError,
  CloudTrailIssue,
  CloudTrailIssueCode,
} from './sources/cloudtrail/cloudtrail-error.js';

// --- compiled policy sets ---
export { awsCatalogue } from './catalogue/bundled-catalogue.js';
export { readCatalogue } from './catalogue/read-catalogue.js';
export { CatalogueError } from './errors/catalogue-error.js';
export type { CatalogueIssue } from './errors/catalogue-error.js';
export type {
  Catalogue,
  CatalogueAction,
  CatalogueActionResource,
  CatalogueConditionKey,
  CatalogueSource,
} from './model/catalogue.js';
export { compile } from './evaluator/compile.js';
export type { CompileOptions, CompiledPolicySet } from './evaluator/compile.js';

// --- testing toolkit (matchers and arbitraries are the subpaths ./vitest and ./arbitraries) ---
export { assertDecision, DecisionAssertionError } from './testing/assert/assert-decision.js';
export { parseIntentSuite } from './testing/suite/parse-suite.js';
export { runIntentSuite } from './testing/suite/run-suite.js';
export type { EvaluateFunction, RunIntentSuiteOptions } from './testing/suite/run-suite.js';
export { checkExpectation } from './testing/suite/expectation.js';
export type {
  IntentSuite,
  IntentTest,
  IntentExpectation,
  StatementMatch,
  PolicyRefs,
  PathList,
  OrgPathRefs,
  FileLocation,
  SuiteIssue,
  ParseSuiteResult,
  PolicyFileRef,
  LoadedIntentSuite,
  LoadedIntentTest,
  IntentStatus,
  IntentTestResult,
  IntentSuiteResult,
} from './testing/suite/types.js';
export { computeCoverage, coverageSamples } from './testing/suite-coverage/coverage.js';
export type {
  StatementCoverage,
  SuiteCoverage,
  CoverageSample,
  LoadPolicyFunction,
} from './testing/suite-coverage/coverage.js';
export { generateRequests } from './testing/diff/generate-requests.js';
export type { GenerateRequestsOptions, GeneratedRequests } from './testing/diff/generate-requests.js';
export { diffDecisions, formatDiff, describeRequest } from './testing/diff/diff-decisions.js';
export type { DiffDecisionsOptions, DecisionDiff, DecisionChange, DiffSide } from './testing/diff/diff-decisions.js';
