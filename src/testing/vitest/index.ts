// Public entry of `iam-policy-evaluator/vitest`: decision matchers for vitest and jest.
// Registration is explicit (`expect.extend(iamMatchers)`, or importing `iam-policy-evaluator/vitest/setup`, see
// setup.ts): importing this module has no side effect.
// Types only, erased from the output: it lets the `declare module 'vitest'` below augment vitest's types.
import type {} from 'vitest';
import { evaluate } from '../../evaluator/evaluate.js';
import type { EvaluateOptions, EvaluationResult } from '../../model/evaluation-result.js';
import type { PolicyType } from '../../model/policy-type.js';
import type { PolicySet, RequestInput } from '../../model/request.js';
import { describeRef } from '../shared/describe.js';
import { explanationLines } from '../shared/explanation-lines.js';
import { decisionFailureMessage } from '../shared/failure-message.js';
import { describeStatementMatch, matchesStatement } from '../suite/expectation.js';
import type { StatementMatch } from '../suite/types.js';

export { assertDecision, DecisionAssertionError } from '../assert/assert-decision.js';
export type { IntentExpectation, StatementMatch } from '../suite/types.js';

/**
 * Options of `toAllow`: the statement that must be among those that allowed, and options for `evaluate`.
 *
 * @example
 * ```ts
 * import { expect, test } from 'vitest';
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * import type { AllowExpectation } from 'iam-policy-evaluator/vitest';
 * expect.extend(iamMatchers);
 * const policies = {
 *   identity: [{ id: 'iam-admin', document: { Version: '2012-10-17', Statement: [{ Sid: 'IamAdmin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } }],
 *   permissionsBoundary: { id: 'no-users', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*Role*', Resource: '*' }] } },
 * };
 * const alice = 'arn:aws:iam::123456789012:user/alice';
 * const byIamAdmin: AllowExpectation = { by: { policyType: 'identity', sid: 'IamAdmin' } };
 * test('admins manage roles', () => {
 *   expect(policies).toAllow({ principal: alice, action: 'iam:CreateRole', resource: '*' }, byIamAdmin);
 * });
 * ```
 */
export interface AllowExpectation {
  /** A statement that must be among those that allowed the request. */
  readonly by?: StatementMatch;
  /** The service rule (`SR-n`, docs/service-rules.md) that must be what allowed it. */
  readonly serviceRule?: string;
  /** Options for `evaluate`, e.g. `now` or `managementAccountId`. */
  readonly options?: EvaluateOptions;
}

/**
 * Options of `toExplicitlyDeny`: the Deny statement that must decide, and options for `evaluate`.
 *
 * @example
 * ```ts
 * import { expect, test } from 'vitest';
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * import type { ExplicitDenyExpectation } from 'iam-policy-evaluator/vitest';
 * expect.extend(iamMatchers);
 * const policies = {
 *   identity: [{ id: 'ops', document: { Version: '2012-10-17', Statement: [
 *     { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
 *     { Sid: 'NoTerminateWithoutMfa', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
 *   ] } }],
 * };
 * const byMfaRule: ExplicitDenyExpectation = { by: { policyType: 'identity', sid: 'NoTerminateWithoutMfa' } };
 * test('no termination without MFA', () => {
 *   expect(policies).toExplicitlyDeny({ principal: 'arn:aws:iam::123456789012:user/alice', action: 'ec2:TerminateInstances', resource: '*' }, byMfaRule);
 * });
 * ```
 */
export interface ExplicitDenyExpectation {
  /** The deciding Deny: its policy type, and optionally its policy id, Sid, index or org level. */
  readonly by?: StatementMatch;
  readonly options?: EvaluateOptions;
}

/**
 * Options of `toImplicitlyDeny`: the policy type whose missing Allow must decide, and options for `evaluate`.
 *
 * @example
 * ```ts
 * import { expect, test } from 'vitest';
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * import type { ImplicitDenyExpectation } from 'iam-policy-evaluator/vitest';
 * expect.extend(iamMatchers);
 * const policies = {
 *   identity: [{ id: 'iam-admin', document: { Version: '2012-10-17', Statement: [{ Sid: 'IamAdmin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } }],
 *   permissionsBoundary: { id: 'no-users', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*Role*', Resource: '*' }] } },
 * };
 * const alice = 'arn:aws:iam::123456789012:user/alice';
 * const outsideBoundary: ImplicitDenyExpectation = { notAllowedBy: 'permissionsBoundary' };
 * test('the boundary keeps alice from creating users', () => {
 *   expect(policies).toImplicitlyDeny({ principal: alice, action: 'iam:CreateUser', resource: '*' }, outsideBoundary);
 * });
 * ```
 */
export interface ImplicitDenyExpectation {
  /** The policy type whose missing Allow decided. */
  readonly notAllowedBy?: PolicyType;
  /** The service rule (`SR-n`, docs/service-rules.md) that must be what refused it. */
  readonly serviceRule?: string;
  readonly options?: EvaluateOptions;
}

/**
 * The matchers, as they appear on `expect(policies)` once registered: jest's `Matchers` (and through them vitest's
 * `Assertion`) and vitest's asymmetric matchers extend this interface, and it names the matchers for table-driven tests.
 *
 * @example
 * ```ts
 * import { expect, test } from 'vitest';
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * import type { IamMatchers } from 'iam-policy-evaluator/vitest';
 * expect.extend(iamMatchers);
 * const policies = {
 *   identity: [{ id: 'iam-admin', document: { Version: '2012-10-17', Statement: [{ Sid: 'IamAdmin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } }],
 *   permissionsBoundary: { id: 'no-users', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*Role*', Resource: '*' }] } },
 * };
 * const alice = 'arn:aws:iam::123456789012:user/alice';
 * const cases: [keyof IamMatchers, string][] = [
 *   ['toAllow', 'iam:PassRole'],
 *   ['toImplicitlyDeny', 'iam:CreateAccessKey'],
 * ];
 * for (const [matcher, action] of cases) {
 *   test(`${action}: ${matcher}`, () => {
 *     expect(policies)[matcher]({ principal: alice, action, resource: '*' });
 *   });
 * }
 * ```
 */
export interface IamMatchers<R = unknown> {
  /** Passes when the policies allow the request (and, with `by`, when that statement is among the allowing ones). */
  toAllow(request: RequestInput, expectation?: AllowExpectation): R;
  /** Passes when the policies explicitly deny the request (and, with `by`, when that statement decides). */
  toExplicitlyDeny(request: RequestInput, expectation?: ExplicitDenyExpectation): R;
  /** Passes when no Deny matches and an Allow is missing (with `notAllowedBy`, in that policy type). */
  toImplicitlyDeny(request: RequestInput, expectation?: ImplicitDenyExpectation): R;
}

/**
 * The part of vitest's and jest's matcher context the matchers read: whether the assertion is negated (`.not`), which
 * changes the failure message.
 *
 * @example
 * ```ts
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * import type { MatcherContext } from 'iam-policy-evaluator/vitest';
 * const policies = { identity: [] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };
 * const negated: MatcherContext = { isNot: true };
 * iamMatchers.toImplicitlyDeny.call(negated, policies, request).message().split('\n')[0]; //=> 'expected the request not to be implicitly denied, but it was ImplicitDeny (no allow in identity)'
 * ```
 */
export interface MatcherContext {
  readonly isNot?: boolean;
}

/**
 * What a matcher returns to vitest or jest: whether it passed and a message built only when the runner asks for it. Call
 * a matcher directly to build a custom matcher on top of it.
 *
 * @example
 * ```ts
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * import type { MatcherResult } from 'iam-policy-evaluator/vitest';
 * const policies = { identity: [{ id: 'no-delete', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' };
 * const outcome: MatcherResult = iamMatchers.toAllow.call({}, policies, request);
 * outcome.pass; //=> false
 * outcome.actual; //=> 'ExplicitDeny'
 * outcome.message().split('\n')[0]; //=> 'expected the request to be allowed, but it was ExplicitDeny by identity `no-delete` statement 0'
 * ```
 */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

function isPolicySet(value: unknown): value is PolicySet {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function run(
  context: MatcherContext,
  received: unknown,
  request: RequestInput,
  options: EvaluateOptions | undefined,
  verb: string,
  check: (result: EvaluationResult) => { pass: boolean; expected: string },
): MatcherResult {
  if (!isPolicySet(received)) {
    return {
      pass: false,
      message: () =>
        `expected a policy set ({ identity, resource, permissionsBoundary, … }), got ${received === null ? 'null' : typeof received}`,
    };
  }
  const result = evaluate({ request, policies: received }, options);
  const { pass, expected } = check(result);
  return {
    pass,
    actual: result.decision,
    expected,
    message: () => {
      const headline = context.isNot
        ? `expected the request not to be ${verb}, but it was ${describeOutcome(result)}`
        : `expected the request to be ${expected}, but it was ${describeOutcome(result)}`;
      return decisionFailureMessage(
        headline,
        received,
        request,
        result,
        explanationLines({ request, policies: received }, result, options),
      );
    },
  };
}

function describeOutcome(result: EvaluationResult): string {
  if (result.serviceRule !== undefined) return `${result.decision} by the service rule ${result.serviceRule.ruleId}`;
  if (result.decision === 'ExplicitDeny' && result.deniedBy) return `ExplicitDeny by ${describeRef(result.deniedBy)}`;
  if (result.decision === 'ImplicitDeny' && result.notAllowedBy)
    return `ImplicitDeny (no allow in ${result.notAllowedBy})`;
  if (result.decision === 'Allow' && result.allowedBy[0]) return `Allow by ${describeRef(result.allowedBy[0])}`;
  return result.decision;
}

function toAllow(
  this: MatcherContext,
  received: unknown,
  request: RequestInput,
  expectation: AllowExpectation = {},
): MatcherResult {
  const { by, serviceRule } = expectation;
  return run(this, received, request, expectation.options, 'allowed', (r) => ({
    pass:
      r.decision === 'Allow' &&
      (by === undefined || r.allowedBy.some((ref) => matchesStatement(ref, by))) &&
      (serviceRule === undefined || r.serviceRule?.ruleId === serviceRule),
    expected:
      serviceRule !== undefined
        ? `allowed by the service rule ${serviceRule}`
        : by === undefined
          ? 'allowed'
          : `allowed by ${describeStatementMatch(by)}`,
  }));
}

function toExplicitlyDeny(
  this: MatcherContext,
  received: unknown,
  request: RequestInput,
  expectation: ExplicitDenyExpectation = {},
): MatcherResult {
  const { by } = expectation;
  return run(this, received, request, expectation.options, 'explicitly denied', (r) => ({
    pass:
      r.decision === 'ExplicitDeny' &&
      (by === undefined || (r.deniedBy !== undefined && matchesStatement(r.deniedBy, by))),
    expected: by === undefined ? 'explicitly denied' : `explicitly denied by ${describeStatementMatch(by)}`,
  }));
}

function toImplicitlyDeny(
  this: MatcherContext,
  received: unknown,
  request: RequestInput,
  expectation: ImplicitDenyExpectation = {},
): MatcherResult {
  const { notAllowedBy, serviceRule } = expectation;
  return run(this, received, request, expectation.options, 'implicitly denied', (r) => ({
    pass:
      r.decision === 'ImplicitDeny' &&
      (notAllowedBy === undefined || r.notAllowedBy === notAllowedBy) &&
      (serviceRule === undefined || r.serviceRule?.ruleId === serviceRule),
    expected:
      serviceRule !== undefined
        ? `refused by the service rule ${serviceRule}`
        : notAllowedBy === undefined
          ? 'implicitly denied'
          : `implicitly denied for want of an allow in ${notAllowedBy}`,
  }));
}

/**
 * The decision matchers for vitest and jest. Register them once, e.g. in a setup file:
 * `expect.extend(iamMatchers)`, or import `iam-policy-evaluator/vitest/setup`, which does that with vitest's `expect`.
 * Nothing is registered on importing this module.
 *
 * @example
 * ```ts
 * import { expect, test } from 'vitest';
 * import { iamMatchers } from 'iam-policy-evaluator/vitest';
 * expect.extend(iamMatchers);
 *
 * const policies = {
 *   identity: [{ id: 'ec2', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] } }],
 *   permissionsBoundary: { id: 'boundary', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] } },
 * };
 * test('the boundary wins', () => {
 *   expect(policies).toExplicitlyDeny(
 *     { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ec2:RunInstances', resource: '*' },
 *     { by: { policyType: 'permissionsBoundary', policyId: 'boundary' } },
 *   );
 * });
 * Object.keys(iamMatchers); //=> ['toAllow', 'toExplicitlyDeny', 'toImplicitlyDeny']
 * ```
 */
export const iamMatchers = Object.freeze({ toAllow, toExplicitlyDeny, toImplicitlyDeny });

// Types only: these augmentations add no import at run time. `expect(policies).toAllow(…)` comes from `jest.Matchers`
// below, which vitest's `Assertion` extends (as `JestAssertion`, with `R = void`); augmenting `Assertion` too would
// give it `toAllow` twice with different return types, which TypeScript 7 rejects (TS2320).
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends IamMatchers {}
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // Same type parameters as @types/jest's declaration, which declaration merging requires.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R = void, T = {}> extends IamMatchers<R> {}
  }
}
