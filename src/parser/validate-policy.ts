import type { Issue } from '../errors/issue.js';
import { parsePolicy } from './parse-policy.js';
import type { ParsePolicyOptions } from './parsed-policy.js';

/**
 * Every issue of a policy, errors and warnings, in text order; empty when the policy is clean. Never throws.
 *
 * @param source - JSON text or a parsed policy object (never mutated).
 * @param options - `policyType` (the grammar), `policyId`, and optionally `maxSize` and `awsManaged` (no size limit
 *   for an AWS managed policy; implied by a `policyId` `arn:aws:iam::aws:policy/…`).
 * @returns The issues, frozen.
 * @example
 * ```ts
 * import { validatePolicy } from 'iam-policy-evaluator';
 * const text = '{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}';
 * validatePolicy(text, { policyType: 'identity', policyId: 'read' }).map((issue) => issue.code); //=> ['missing_version']
 * ```
 */
export function validatePolicy(source: unknown, options: ParsePolicyOptions): readonly Issue[] {
  const result = parsePolicy(source, options);
  return result.ok ? result.warnings : result.issues;
}
