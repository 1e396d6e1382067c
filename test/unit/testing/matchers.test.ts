import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicySet, PolicySource, RequestInput } from '../../../src/model/request.js';
import { assertDecision, DecisionAssertionError, iamMatchers } from '../../../src/testing/vitest/index.js';

expect.extend(iamMatchers);

const SCENARIOS = new URL('../../../examples/scenarios/', import.meta.url).pathname;
const read = (dir: string): PolicySource[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ id: f.slice(0, -5), document: readFileSync(join(dir, f), 'utf8') }));

/** Scenario 8 (SCENARIOS.md §8): an SCP on the OU denies ec2:RunInstances except to CloudOps. */
const scp: PolicySet = {
  identity: read(join(SCENARIOS, '08-scp-deny/policies/identity')),
  serviceControlPolicies: [
    { target: 'r-root', policies: read(join(SCENARIOS, '08-scp-deny/policies/scp/0-r-root')) },
    { target: 'ou-abcd-11111111', policies: read(join(SCENARIOS, '08-scp-deny/policies/scp/1-ou-abcd-11111111')) },
    { target: '123456789012', policies: read(join(SCENARIOS, '08-scp-deny/policies/scp/2-123456789012')) },
  ],
};

/** Scenario 7 (§7): a boundary that denies ec2:* and does not allow iam:GetUser. */
const boundary: PolicySet = {
  identity: read(join(SCENARIOS, '07-boundary-deny/policies/identity')),
  permissionsBoundary: read(join(SCENARIOS, '07-boundary-deny/policies/permissions-boundary'))[0] as PolicySource,
};

const tester: RequestInput = {
  principal: 'arn:aws:iam::123456789012:user/tester',
  action: 'ec2:RunInstances',
  resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
};
const cloudOps: RequestInput = { ...tester, principal: 'arn:aws:sts::123456789012:assumed-role/CloudOps/ops' };
const developer = (action: string, resource = '*'): RequestInput => ({
  principal: 'arn:aws:sts::123456789012:assumed-role/Developer/dev-session',
  action,
  resource,
});

/** The message a failing matcher produces, as vitest would show it. */
function failure(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion did not fail');
}

describe('vitest matchers: passing assertions', () => {
  it('toAllow, optionally naming an allowing statement (O-10)', () => {
    expect(scp).toAllow(cloudOps);
    expect(scp).toAllow(cloudOps, { by: { policyType: 'identity', policyId: 'Ec2Admin' } });
    expect(scp).not.toAllow(tester);
  });

  it('toExplicitlyDeny, optionally naming the deciding statement (O-11, E-4)', () => {
    expect(scp).toExplicitlyDeny(tester);
    expect(scp).toExplicitlyDeny(tester, { by: { policyType: 'scp' } });
    expect(scp).toExplicitlyDeny(tester, {
      by: {
        policyType: 'scp',
        policyId: 'DenyRunInstancesExceptCloudOps',
        sid: 'DenyRunInstances',
        orgLevel: 'ou-abcd-11111111',
      },
    });
    expect(scp).not.toExplicitlyDeny(cloudOps);
    expect(boundary).toExplicitlyDeny(developer('ec2:RunInstances'), {
      by: { policyType: 'permissionsBoundary', sid: 'DenyAllEc2' },
    });
  });

  it('toImplicitlyDeny, optionally naming the policy type that failed to allow (E-5 boundary)', () => {
    expect(boundary).toImplicitlyDeny(developer('iam:GetUser'));
    expect(boundary).toImplicitlyDeny(developer('iam:GetUser'), { notAllowedBy: 'permissionsBoundary' });
    expect(boundary).toImplicitlyDeny(developer('s3:PutObject', 'arn:aws:s3:::team-bucket/notes.txt'), {
      notAllowedBy: 'identity',
    });
    expect(boundary).not.toImplicitlyDeny(developer('ec2:RunInstances'));
  });

  it('works as an asymmetric matcher inside objects', () => {
    expect({ name: 'org', policies: scp }).toEqual({ name: 'org', policies: expect.toAllow(cloudOps) });
    expect({ policies: scp }).not.toEqual({ policies: expect.toAllow(tester) });
  });

  it('passes evaluate options through', () => {
    // With the principal's account as the management account, SCPs do not apply (O-1).
    expect(scp).toAllow({ ...tester }, { options: { managementAccountId: '123456789012' } });
  });
});

describe('vitest matchers: failure messages show the decision, the deciding statement and the explanation', () => {
  it('toAllow on an explicit deny from an SCP', () => {
    expect(failure(() => expect(scp).toAllow(tester))).toMatchSnapshot();
  });

  it('toExplicitlyDeny naming the wrong statement', () => {
    expect(
      failure(() => expect(scp).toExplicitlyDeny(tester, { by: { policyType: 'scp', orgLevel: 'r-root' } })),
    ).toMatchSnapshot();
  });

  it('toImplicitlyDeny naming the wrong policy type', () => {
    expect(
      failure(() => expect(boundary).toImplicitlyDeny(developer('iam:GetUser'), { notAllowedBy: 'identity' })),
    ).toMatchSnapshot();
  });

  it('.not.toAllow on an allow', () => {
    expect(failure(() => expect(scp).not.toAllow(cloudOps))).toMatchSnapshot();
  });

  it('a value that is not a policy set', () => {
    expect(failure(() => expect('policies.json').toAllow(tester))).toMatchInlineSnapshot(
      `"expected a policy set ({ identity, resource, permissionsBoundary, … }), got string"`,
    );
  });
});

describe('assertDecision (for node:test and other runners)', () => {
  it('returns the result when the decision is as expected', () => {
    const result = assertDecision(scp, tester, {
      decision: 'ExplicitDeny',
      deniedBy: { policyType: 'scp', sid: 'DenyRunInstances' },
    });
    expect(result.deniedBy?.orgLevel).toBe('ou-abcd-11111111');
    expect(assertDecision(scp, cloudOps, 'Allow').decision).toBe('Allow');
  });

  it("throws an error shaped like node's AssertionError", () => {
    let caught: unknown;
    try {
      assertDecision(boundary, developer('iam:GetUser'), 'Allow');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DecisionAssertionError);
    const e = caught as DecisionAssertionError;
    expect({ name: e.name, code: e.code, actual: e.actual, expected: e.expected, operator: e.operator }).toEqual({
      name: 'AssertionError',
      code: 'ERR_ASSERTION',
      actual: 'ImplicitDeny',
      expected: 'Allow',
      operator: 'assertDecision',
    });
    expect(e.result.notAllowedBy).toBe('permissionsBoundary');
    expect(e.message).toMatchSnapshot();
    // node:assert accepts it as an assertion failure
    assert.throws(() => assertDecision(boundary, developer('iam:GetUser'), 'Allow'), {
      name: 'AssertionError',
      code: 'ERR_ASSERTION',
    });
  });

  it('checks the deciding statement, not only the decision', () => {
    expect(() =>
      assertDecision(scp, tester, {
        decision: 'ExplicitDeny',
        deniedBy: { policyType: 'scp', policyId: 'FullAWSAccess' },
      }),
    ).toThrow(
      /^expected the deny from scp `FullAWSAccess`, got it from scp `DenyRunInstancesExceptCloudOps` \(ou-abcd-11111111\)/,
    );
  });
});

describe('matchers name a service rule as the decider (docs/service-rules.md)', () => {
  const alice = 'arn:aws:iam::111122223333:user/alice';
  const noSts = {
    identity: [
      {
        id: 'NoSts',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] },
      },
    ],
  };
  it('toAllow with serviceRule passes when the rule allowed (SR-1)', () => {
    const request = { principal: alice, action: 'sts:GetCallerIdentity', resource: '*' };
    expect(iamMatchers.toAllow.call({ isNot: false }, noSts, request, { serviceRule: 'SR-1' }).pass).toBe(true);
    expect(iamMatchers.toAllow.call({ isNot: false }, noSts, request, { serviceRule: 'SR-7' }).pass).toBe(false);
  });
  it('toImplicitlyDeny with serviceRule passes when the rule refused (SR-2)', () => {
    const trust = {
      resource: {
        id: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }],
        },
      },
    };
    const request = {
      principal: 'arn:aws:iam::111122223333:root',
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::111122223333:role/Admin',
    };
    const result = iamMatchers.toImplicitlyDeny.call({ isNot: false }, trust, request, { serviceRule: 'SR-2' });
    expect(result.pass).toBe(true);
    const negated = iamMatchers.toImplicitlyDeny.call({ isNot: true }, trust, request, { serviceRule: 'SR-2' });
    expect(negated.message()).toContain('ImplicitDeny by the service rule SR-2');
  });
});
