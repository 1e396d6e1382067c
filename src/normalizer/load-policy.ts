import { PolicyValidationError } from '../errors/policy-validation-error.js';
import type { NormalizedPolicy } from '../model/normalized-policy.js';
import { parsePolicy } from '../parser/parse-policy.js';
import type { ParsePolicyOptions } from '../parser/parsed-policy.js';
import { normalizePolicy } from './normalize-policy.js';

/**
 * Parses, checks and normalizes a policy in one call: the entry point for evaluation. Warnings are kept on the
 * result (`warnings`); any error throws.
 *
 * @param source - JSON text or a parsed policy object (never mutated).
 * @param options - `policyType` (the grammar), `policyId`, and optionally `maxSize` and `awsManaged` (no size limit
 *   for an AWS managed policy; implied by a `policyId` `arn:aws:iam::aws:policy/…`).
 * @returns The normalized policy, deeply frozen.
 * @throws PolicyValidationError when the policy has at least one error; `.issues` lists every issue.
 * @example
 * ```ts
 * import { loadPolicy } from 'iam-policy-evaluator';
 * const policy = loadPolicy(
 *   { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] },
 *   { policyType: 'identity', policyId: 'no-delete-role' },
 * );
 * policy.statements[0]?.effect; //=> 'Deny'
 * policy.statements[0]?.span.line; //=> 4
 * ```
 */
export function loadPolicy(source: unknown, options: ParsePolicyOptions): NormalizedPolicy {
  const result = parsePolicy(source, options);
  if (!result.ok) throw new PolicyValidationError(String(options?.policyId ?? ''), result.issues);
  return normalizePolicy(result.policy);
}
