import { loadPlanCached } from '../compile/policy-cache.js';
import type { EvaluateOptions, EvaluationResult } from '../model/evaluation-result.js';
import type { EvaluationInput, RequestInput } from '../model/request.js';
import { readCaller } from '../request/read-caller.js';
import { readEvaluationInput } from '../request/read-evaluation-input.js';
import { isRoleArn } from '../request/request-kinds.js';
import { validateRequest } from '../request/validate-request.js';
import { resultOf } from './trace.js';

/**
 * Decides a request exactly as AWS does: every policy type (SCPs and RCPs by organization level, VPC endpoint,
 * resource-based or role trust policy, identity-based, permissions boundary, session policies), the first deciding
 * statement named by type, policy, index, Sid, line and column, and a trace of every element and condition.
 * Synchronous and pure: no clock (time keys come from the context or `options.now`), no I/O, inputs never mutated.
 *
 * @param input - the request (`principal`, `action`, `resource`, optional `resourceAccount` and `context`) and the
 *   policies by type.
 * @param options - facts the request cannot carry: `now`, `managementAccountId`, `rcpSupportedServices`,
 *   `implicitRcpFullAccess`, `federatedUserIssuerArn`; and `messagePolicyArn` (M-5, default true).
 * @returns the decision, `deniedBy` (ExplicitDeny), `notAllowedBy` (ImplicitDeny), `allowedBy` (Allow), the AWS
 *   AccessDenied `message`, `missingContextKeys` and the `trace`.
 * @throws PolicyValidationError when any policy is invalid; its `issues` hold every issue of every policy, each with
 *   its policy id, line, column and JSON pointer. No decision is returned then.
 * @throws RequestValidationError when the request or the options cannot be read (not an object, a missing or
 *   non-string `principal`, `action` or `resource`, a principal that names no caller, a context value that is not a
 *   scalar or a list of scalars, a global key's value of the wrong type, an unreadable `options.now`); its `issues`
 *   hold every problem with a JSON Pointer. No decision is returned then.
 * @example
 * ```ts
 * import { evaluate } from 'iam-policy-evaluator';
 * const result = evaluate({
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   policies: {
 *     identity: [
 *       { id: 'IamAdmin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } },
 *       { id: 'DenyDeleteRole', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } },
 *     ],
 *   },
 * });
 * result.decision; //=> 'ExplicitDeny'
 * result.deniedBy; //=> { policyType: 'identity', policyId: 'DenyDeleteRole', statementIndex: 0, line: 4, column: 5 }
 * result.message; //=> 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:DeleteRole with an explicit deny in an identity-based policy'
 * ```
 */
export function evaluate(input: EvaluationInput, options: EvaluateOptions = {}): EvaluationResult {
  const read = readEvaluationInput(input);
  const { caller, warnings } = validateRequest(read.request, options, readCaller, read.issues);
  const request = read.request as RequestInput;
  const grammar = isRoleArn(request.resource) ? 'roleTrust' : 'resource';
  // Policy sources and sets seen before are not compiled or planned again (src/compile/policy-cache.ts: weak caches,
  // invisible in results).
  return resultOf(loadPlanCached(read.policies, grammar), grammar, request, caller, warnings, options);
}
