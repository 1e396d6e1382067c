/**
 * Every stable code of a problem in a request (or in the options that describe it), so that tools can branch on codes
 * rather than on wording. Codes are never renamed; new ones are added at the end. docs/errors.md lists them.
 *
 * @example
 * ```ts
 * import { REQUEST_ISSUE_CODES } from 'iam-policy-evaluator';
 * REQUEST_ISSUE_CODES.includes('missing_request_field'); //=> true
 * ```
 */
export const REQUEST_ISSUE_CODES = Object.freeze([
  'invalid_input',
  'request_not_an_object',
  'missing_request_field',
  'invalid_request_field',
  'unknown_request_field',
  'invalid_principal',
  'invalid_request_action',
  'invalid_request_resource',
  'invalid_resource_account',
  'context_not_an_object',
  'invalid_context_key',
  'invalid_context_value',
  'context_value_type_mismatch',
  'duplicate_context_key',
  'unknown_global_context_key',
  'invalid_option',
  // the service catalogue (docs/catalogue.md)
  'unknown_request_action',
  'request_resource_type_mismatch',
  'request_resource_not_real',
] as const);

/**
 * One stable request issue code.
 *
 * @example
 * ```ts
 * import type { RequestIssueCode } from 'iam-policy-evaluator';
 * const code: RequestIssueCode = 'context_value_type_mismatch';
 * ```
 */
export type RequestIssueCode = (typeof REQUEST_ISSUE_CODES)[number];

/**
 * One problem found in a request: where it is (an RFC 6901 JSON Pointer from the evaluation input, such as
 * `/request/resource` or `/request/context/aws:SourceIp`), what is wrong, and how serious it is. An `error` means no
 * decision is returned; a `warning` is carried on the result (`EvaluationResult.warnings`).
 *
 * @example
 * ```ts
 * import type { RequestIssue } from 'iam-policy-evaluator';
 * const issue: RequestIssue = {
 *   code: 'missing_request_field',
 *   severity: 'error',
 *   pointer: '/request/resource',
 *   message: 'the request has no `resource`: give the resource ARN, or `*`',
 * };
 * ```
 */
export interface RequestIssue {
  readonly code: RequestIssueCode;
  readonly severity: 'error' | 'warning';
  /** Lowercase, no trailing period, user input in backticks, like policy issues. */
  readonly message: string;
  /** RFC 6901 JSON Pointer into the evaluation input (`/request/...`, `/options/...`). */
  readonly pointer: string;
  /** A hint such as the nearest documented key name. */
  readonly suggestion?: string;
}

function summarise(issues: readonly RequestIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const first = errors[0] ?? issues[0];
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  if (first === undefined) return 'the request is invalid';
  return `the request has ${count}, the first at ${first.pointer === '' ? '/' : first.pointer}: ${first.message}`;
}

/**
 * Thrown by every entry point that decides a request (`evaluate`, a compiled set's `check` and `evaluate`, `explain`,
 * intent suites and the matchers) when the request cannot be read: it is not an object, a required field is missing
 * or is not a string, the principal names no caller, a context value is neither a scalar nor a list of scalars, or a
 * value of a global key of known type cannot be read as that type. `.issues` lists every problem, each with its
 * stable code and JSON Pointer. No decision is returned from a malformed request.
 *
 * @example
 * ```ts
 * import { evaluate, RequestValidationError } from 'iam-policy-evaluator';
 * let caught: unknown;
 * try {
 *   evaluate({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject' } as never, policies: {} });
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof RequestValidationError; //=> true
 * (caught as RequestValidationError).issues.map((issue) => issue.pointer); //=> ['/request/resource']
 * ```
 */
export class RequestValidationError extends Error {
  /** Stable code of this error class, for callers that match on codes rather than classes. */
  readonly code = 'request_validation_error' as const;
  /** Every issue, errors first in the order found, then warnings; at least one is an error. */
  readonly issues: readonly [RequestIssue, ...RequestIssue[]];

  constructor(issues: readonly [RequestIssue, ...RequestIssue[]]) {
    super(summarise(issues));
    this.name = 'RequestValidationError';
    this.issues = Object.freeze([...issues]) as readonly RequestIssue[] as readonly [RequestIssue, ...RequestIssue[]];
  }
}
