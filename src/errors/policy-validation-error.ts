import type { Issue } from './issue.js';

function summarise(policyId: string, issues: readonly Issue[]): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const first = errors[0] ?? issues[0];
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  if (first === undefined) return `policy \`${policyId}\` is invalid`;
  return `policy \`${policyId}\` has ${count}, the first at ${first.policyId}:${first.line}:${first.column}: ${first.message}`;
}

/**
 * Thrown by the entry points that need a valid policy ({@link loadPolicy} and the evaluation functions) when a
 * policy has errors. `.issues` holds every issue found, errors and warnings, in text order; a policy with errors
 * is never evaluated.
 *
 * @example
 * ```ts
 * import { loadPolicy, PolicyValidationError } from 'iam-policy-evaluator';
 * let caught: unknown;
 * try {
 *   loadPolicy('{"Statement": {"Effect": "deny", "Action": "s3:*", "Resource": "*"}}', { policyType: 'identity', policyId: 'p' });
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof PolicyValidationError; //=> true
 * (caught as PolicyValidationError).code; //=> 'policy_validation_error'
 * (caught as PolicyValidationError).issues.map((issue) => issue.code); //=> ['missing_version', 'invalid_effect']
 * (caught as PolicyValidationError).message; //=> 'policy `p` has 1 error, the first at p:1:26: invalid effect `deny`: use `Allow` or `Deny` (case-sensitive)'
 * ```
 */
export class PolicyValidationError extends Error {
  /** Stable code of this error class, for callers that match on codes rather than classes. */
  readonly code = 'policy_validation_error' as const;
  /** The id of the policy that failed. */
  readonly policyId: string;
  /** Every issue, errors and warnings, in text order; at least one is an error. */
  readonly issues: readonly [Issue, ...Issue[]];

  constructor(policyId: string, issues: readonly [Issue, ...Issue[]]) {
    super(summarise(policyId, issues));
    this.name = 'PolicyValidationError';
    this.policyId = policyId;
    this.issues = Object.freeze([...issues]) as readonly Issue[] as readonly [Issue, ...Issue[]];
  }
}
