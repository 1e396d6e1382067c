// The only public entry point: named re-exports, grouped by pipeline layer.
// Each group is edited only by the layer that owns it.

// --- model ---
export type { PolicyType, PolicyGrammar } from './model/policy-type.js';
export { POLICY_TYPES } from './model/policy-type.js';
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
  ContextKeyOrigin,
  ContextEntry,
  RequestContextView,
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
  EvaluationResult,
} from './model/evaluation-result.js';

// --- errors ---
export type { Issue, IssueSeverity } from './errors/issue.js';
export type { IssueCode } from './errors/issue-codes.js';
export { ISSUE_CODES } from './errors/issue-codes.js';

// --- parser & normalizer ---

// --- conditions & matching ---

// --- evaluator & combiner ---

// --- explanation & AccessDenied messages ---
export { parseAccessDenied, ACCESS_DENIED_PARSE_ERROR_CODES } from './explain/access-denied/parse-access-denied.js';
export type {
  ParsedAccessDenied,
  ParseAccessDeniedResult,
  AccessDeniedParseError,
  AccessDeniedParseErrorCode,
  AccessDeniedResourceForm,
} from './explain/access-denied/parse-access-denied.js';

// --- compiled policy sets ---
