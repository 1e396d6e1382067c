import type { IssueCode } from './issue-codes.js';

/**
 * How serious an issue is: `error` stops a policy from being evaluated (fail closed); `warning` is reported and
 * evaluation goes on.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { IssueSeverity } from 'iam-policy-evaluator';
 * const result = parsePolicy('{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}', { policyType: 'identity', policyId: 'no-version' });
 * const severities: IssueSeverity[] = result.ok ? result.warnings.map((w) => w.severity) : [];
 * severities; //=> ['warning']
 * ```
 */
export type IssueSeverity = 'error' | 'warning';

/**
 * One problem found in a policy document. Issues are data: they are returned, never thrown,
 * except inside a {@link PolicyValidationError} by the evaluation entry points.
 *
 * @example
 * ```ts
 * import type { Issue } from 'iam-policy-evaluator';
 * const issue: Issue = {
 *   code: 'invalid_effect', severity: 'error', policyId: 'bucket', line: 4, column: 17,
 *   pointer: '/Statement/0/Effect', message: 'invalid effect `deny`: use `Allow` or `Deny` (case-sensitive)',
 * };
 * ```
 */
export interface Issue {
  /** Stable snake_case code; the list is in docs/errors.md. */
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  /** Lowercase, no trailing period, user input in backticks (STYLE.md). */
  readonly message: string;
  readonly policyId: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** RFC 6901 JSON Pointer; `''` for the whole document. */
  readonly pointer: string;
  /** A hint such as the nearest valid name. */
  readonly suggestion?: string;
}
