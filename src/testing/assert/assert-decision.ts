import { evaluate } from '../../evaluator/evaluate.js';
import type { Decision, EvaluateOptions, EvaluationResult } from '../../model/evaluation-result.js';
import type { PolicySet, RequestInput } from '../../model/request.js';
import { explanationLines } from '../shared/explanation-lines.js';
import { decisionFailureMessage } from '../shared/failure-message.js';
import { checkExpectation, describeExpectation } from '../suite/expectation.js';
import type { IntentExpectation } from '../suite/types.js';

/**
 * Thrown by {@link assertDecision}. Shaped like Node's `assert.AssertionError` (`name`, `code`
 * `ERR_ASSERTION`, `actual`, `expected`, `operator`, `generatedMessage`) so `node:test`, mocha and
 * other runners report it as an assertion failure, without the library importing `node:assert`
 * (the core stays free of Node built-ins and runs in browsers).
 *
 * @example
 * ```ts
 * import { assertDecision, DecisionAssertionError } from 'iam-policy-evaluator';
 * try {
 *   assertDecision({ identity: [] }, { principal: 'arn:aws:iam::123456789012:user/a', action: 's3:GetObject', resource: '*' }, 'Allow');
 * } catch (e) {
 *   e instanceof DecisionAssertionError; //=> true
 *   (e as DecisionAssertionError).actual; //=> 'ImplicitDeny'
 * }
 * ```
 */
export class DecisionAssertionError extends Error {
  override readonly name = 'AssertionError';
  readonly code = 'ERR_ASSERTION' as const;
  /** The decision `evaluate` gave. */
  readonly actual: Decision;
  /** The expectation, in words. */
  readonly expected: string;
  readonly operator = 'assertDecision' as const;
  readonly generatedMessage = false;
  /** The full result, for callers that want the trace. */
  readonly result: EvaluationResult;

  constructor(message: string, result: EvaluationResult, expected: string) {
    super(message);
    this.actual = result.decision;
    this.expected = expected;
    this.result = result;
  }
}

/**
 * Evaluates one request and throws a {@link DecisionAssertionError} unless the decision (and, when
 * given, the deciding statement or policy type) is as expected. The message shows the decision, the
 * deciding statement with its source lines, and the explanation. For `node:test` and any runner
 * without matchers; vitest and jest users have `iam-policy-evaluator/vitest`.
 *
 * @param policies - the policies by type
 * @param request - the request
 * @param expected - a decision, or `{ decision, deniedBy?, allowedBy?, notAllowedBy? }`
 * @param options - options for `evaluate`
 * @returns the result, when the assertion holds
 * @throws DecisionAssertionError when the decision differs
 * @throws PolicyValidationError when a policy has errors
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { assertDecision } from 'iam-policy-evaluator';
 * test('no role deletion', () => {
 *   const result = assertDecision(
 *     { identity: [{ id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } }] },
 *     { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *     { decision: 'ExplicitDeny', deniedBy: { policyType: 'identity', policyId: 'deny' } },
 *   );
 *   result.message; //=> 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:DeleteRole with an explicit deny in an identity-based policy'
 * });
 * ```
 */
export function assertDecision(
  policies: PolicySet,
  request: RequestInput,
  expected: Decision | IntentExpectation,
  options?: EvaluateOptions,
): EvaluationResult {
  const expectation: IntentExpectation = typeof expected === 'string' ? { decision: expected } : expected;
  const result = evaluate({ request, policies }, options);
  const mismatches = checkExpectation(expectation, result);
  if (mismatches.length === 0) return result;
  const message = decisionFailureMessage(
    mismatches.join('; '),
    policies,
    request,
    result,
    explanationLines({ request, policies }, result, options),
  );
  throw new DecisionAssertionError(message, result, describeExpectation(expectation));
}
