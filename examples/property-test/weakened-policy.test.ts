// A property test that finds a real hole in a deliberately weakened policy (docs/testing-policies.md).
//
// Intent: "no request without MFA can delete an IAM role or user". The right policy denies iam:Delete*
// with `BoolIfExists aws:MultiFactorAuthPresent false`: the key is absent for long-term access keys
// (IAM-SEMANTICS §9.1), and IfExists makes the condition true then (C-6, §7.2). The weakened policy writes
// `Bool` instead: with the key absent the condition is false (§7.2), the Deny does not apply, and IamAdmin's
// Allow goes through. fast-check finds that and shrinks it to the smallest request that shows it.
//
// In a project that installs the package, the imports read:
//   import { evaluate } from 'iam-policy-evaluator';
//   import { arbActionResource, arbContext, arbPrincipal } from 'iam-policy-evaluator/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import type { PolicySet, PolicySource, RequestInput } from '../../src/index.js';
import { arbActionResource, arbContext, arbPrincipal } from '../../src/testing/arbitraries/index.js';

const iamAdmin = {
  id: 'IamAdmin',
  document: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllowIam', Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
  },
};

const requireMfa = (operator: 'BoolIfExists' | 'Bool'): PolicySource[] => [
  iamAdmin,
  {
    id: 'RequireMfaForDeletes',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyDeleteWithoutMfa',
          Effect: 'Deny',
          Action: 'iam:Delete*',
          Resource: '*',
          Condition: { [operator]: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    },
  },
];

const intended: PolicySet = { identity: requireMfa('BoolIfExists') };
const weakened: PolicySet = { identity: requireMfa('Bool') };

/**
 * Every request, from a caller of the account, to delete one of its IAM roles or users, that does not carry
 * `aws:MultiFactorAuthPresent=true`. (One account: across accounts the identity policy alone never allows, §2.)
 */
const ACCOUNT = ['123456789012'];
const deleteWithoutMfa: fc.Arbitrary<RequestInput> = fc
  .record({
    principal: arbPrincipal({ kinds: ['iamUser', 'roleSession', 'federatedUser'], accounts: ACCOUNT }),
    target: arbActionResource({ services: ['iam'], accounts: ACCOUNT }).filter((t) =>
      t.action.startsWith('iam:Delete'),
    ),
    // the MFA key absent, false, or (as a string, as some callers send it) "false"; other keys vary too
    context: arbContext({
      keys: ['aws:MultiFactorAuthPresent', 'aws:SourceIp', 'aws:RequestedRegion'],
      extra: { 'aws:MultiFactorAuthPresent': fc.constantFrom(false, 'false') },
    }),
  })
  .map(({ principal, target, context }) => ({ principal, ...target, context }));

const neverAllowed = (policies: PolicySet) =>
  fc.property(deleteWithoutMfa, (request) => evaluate({ request, policies }).decision !== 'Allow');

describe('"no request without MFA can delete an IAM role or user"', () => {
  it('holds for the intended policy (BoolIfExists)', () => {
    fc.assert(neverAllowed(intended), { numRuns: 300, seed: 20240501 });
  });

  it('fails for the weakened policy (Bool), and shrinks to the request with no MFA key at all', () => {
    const details = fc.check(neverAllowed(weakened), { numRuns: 300, seed: 20240501 });
    expect(details.failed).toBe(true);
    const [counterexample] = details.counterexample ?? [];
    // The shrunk counterexample: the simplest caller, the first delete action, and an empty context.
    expect(counterexample).toEqual({
      principal: 'arn:aws:iam::123456789012:user/app',
      action: 'iam:DeleteRole',
      resource: 'arn:aws:iam::123456789012:role/app',
      context: {},
    });
    // What allowed it: IamAdmin, because `Bool` on a missing key is false (§7.2) and the Deny did not apply.
    const result = evaluate({ request: counterexample as RequestInput, policies: weakened });
    expect(result.decision).toBe('Allow');
    expect(result.allowedBy.map((r) => r.policyId)).toEqual(['IamAdmin']);
    // The report fast-check prints when such a property fails in a test run:
    expect(fc.defaultReportMessage(details)).toMatchInlineSnapshot(`
      "Property failed after 24 tests
      { seed: 20240501, path: "23:0:0:0:0:0:0:0:0:0", endOnFailure: true }
      Counterexample: [{"principal":"arn:aws:iam::123456789012:user/app","action":"iam:DeleteRole","resource":"arn:aws:iam::123456789012:role/app","context":{}}]
      Shrunk 9 time(s)

      Hint: Enable verbose mode in order to have the list of all failing values encountered during the run"
    `);
  });
});
