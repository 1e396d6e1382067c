import { describe, expect, it } from 'vitest';
import { loadPolicySet } from '../../../src/compile/load-policy-set.js';
import { evaluateLoaded } from '../../oracle/evaluate.js';
import { loadPolicySet as oracleLoadPolicySet } from '../../oracle/load-policy-set.js';
import { evaluate, POLICY_TYPES, PolicyValidationError, RequestValidationError } from '../../../src/index.js';
import type { EvaluationInput, PolicySet } from '../../../src/index.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const MFA_INPUT: EvaluationInput = {
  request: {
    principal: ALICE,
    action: 'ec2:StopInstances',
    resource: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
  },
  policies: {
    identity: [
      {
        id: 'PowerUser',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
      },
      {
        id: 'ForceMFA',
        document:
          '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Sid": "DenyAllExceptListedIfNoMFA",\n    "Effect": "Deny",\n    "NotAction": ["iam:ListMFADevices", "sts:GetSessionToken"],\n    "Resource": "*",\n    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}\n  }]\n}',
      },
    ],
  },
};

describe('evaluate: invalid policies (fail closed)', () => {
  it('throws PolicyValidationError with the issues of every invalid policy, and returns no decision', () => {
    const input: EvaluationInput = {
      request: { principal: ALICE, action: 's3:GetObject', resource: '*' },
      policies: {
        identity: [
          {
            id: 'Good',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          },
          {
            id: 'Lowercase',
            document: '{"Version": "2012-10-17", "Statement": {"Effect": "deny", "Action": "s3:*", "Resource": "*"}}',
          },
        ],
        serviceControlPolicies: [
          {
            target: 'r-aaaa',
            policies: [
              {
                id: 'MissingComma',
                document:
                  '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Deny", "Action": "iam:DeleteRole"\n  "Resource": "*"}\n}',
              },
            ],
          },
        ],
      },
    };
    let thrown: unknown;
    try {
      evaluate(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyValidationError);
    const issues = (thrown as PolicyValidationError).issues;
    expect(new Set(issues.map((issue) => issue.policyId))).toEqual(new Set(['Lowercase', 'MissingComma']));
    const effect = issues.find((issue) => issue.policyId === 'Lowercase' && issue.code === 'invalid_effect');
    expect(effect).toMatchObject({ line: 1, pointer: '/Statement/Effect' });
    expect(issues.find((issue) => issue.policyId === 'MissingComma' && issue.code === 'missing_comma')?.line).toBe(3);
  });

  it('checks a role trust policy with the roleTrust grammar (a Resource element is refused)', () => {
    const input: EvaluationInput = {
      request: { principal: ALICE, action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/Deploy' },
      policies: {
        resource: {
          id: 'Deploy-trust',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole', Resource: '*' }],
          },
        },
      },
    };
    expect(() => evaluate(input)).toThrow(PolicyValidationError);
  });

  it('throws a RequestValidationError for a principal it cannot read, and for an unreadable `now` (RV-3)', () => {
    expect(() =>
      evaluate({ request: { principal: 'alice', action: 's3:GetObject', resource: '*' }, policies: {} }),
    ).toThrow(RequestValidationError);
    expect(() =>
      evaluate({ request: { principal: 'alice', action: 's3:GetObject', resource: '*' }, policies: {} }),
    ).toThrow(/\/request\/principal: invalid principal `alice`/);
    expect(() =>
      evaluate(
        { request: { principal: ALICE, action: 's3:GetObject', resource: '*' }, policies: {} },
        { now: 'tomorrow' },
      ),
    ).toThrow(/\/options\/now: invalid `now` option/);
  });
});

describe('evaluate: the result and its trace', () => {
  it('names the deciding statement with Sid, line and column of the text given, and renders the message', () => {
    const result = evaluate(MFA_INPUT);
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.deniedBy).toEqual({
      policyType: 'identity',
      policyId: 'ForceMFA',
      statementIndex: 0,
      sid: 'DenyAllExceptListedIfNoMFA',
      line: 3,
      column: 17,
    });
    expect(result.message).toBe(
      `User: ${ALICE} is not authorized to perform: ec2:StopInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/i-1 with an explicit deny in an identity-based policy`,
    );
  });

  it('lists every policy type once, in the stable POLICY_TYPES order, with an outcome and a reason', () => {
    const result = evaluate(MFA_INPUT);
    expect(result.trace.policyTypes.map((t) => t.policyType)).toEqual([...POLICY_TYPES]);
    for (const t of result.trace.policyTypes) expect(t.reason).toMatch(/^[a-z`]/);
  });

  it('traces every statement: the element that matched, its span, and each condition with its key status', () => {
    const result = evaluate(MFA_INPUT);
    const identity = result.trace.policyTypes.find((t) => t.policyType === 'identity');
    const forceMfa = identity?.policies.find((p) => p.policyId === 'ForceMFA')?.statements[0];
    expect(forceMfa?.matched).toBe(true);
    expect(forceMfa?.action).toMatchObject({ element: 'NotAction', matched: true });
    expect(forceMfa?.resource).toMatchObject({
      element: 'Resource',
      matched: true,
      matchedValue: '*',
      span: { line: 7 },
    });
    expect(forceMfa?.conditions).toHaveLength(1);
    expect(forceMfa?.conditions[0]).toMatchObject({ operator: 'BoolIfExists', keyStatus: 'missing', result: true });
    const powerUser = identity?.policies.find((p) => p.policyId === 'PowerUser')?.statements[0];
    expect(powerUser).toMatchObject({ matched: true, effect: 'Allow' });
  });

  it('reports the steps as taken, ending with the row that decided', () => {
    const allowed = evaluate({
      ...MFA_INPUT,
      request: { ...MFA_INPUT.request, context: { 'aws:MultiFactorAuthPresent': true } },
    });
    expect(allowed.decision).toBe('Allow');
    expect(allowed.trace.steps.at(-1)).toMatch(/allowed$/);
    expect(allowed.trace.steps.length).toBeGreaterThan(5);
    const denied = evaluate(MFA_INPUT);
    expect(denied.trace.steps).toHaveLength(1);
    expect(denied.trace.steps[0]).toMatch(/^E-4 explicit deny: statement 0/);
  });

  it('a Sid written as the empty string is absent from deniedBy', () => {
    const result = evaluate({
      request: { principal: ALICE, action: 's3:GetObject', resource: '*' },
      policies: {
        identity: [
          {
            id: 'p',
            document: { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Deny', Action: '*', Resource: '*' }] },
          },
        ],
      },
    });
    expect(result.deniedBy).toBeDefined();
    expect(result.deniedBy !== undefined && 'sid' in result.deniedBy).toBe(false);
  });

  it('lists the keys it derived, and never a key the caller supplied', () => {
    const result = evaluate({
      request: { ...MFA_INPUT.request, context: { 'AWS:PrincipalArn': ALICE } },
      policies: {},
    });
    const keys = result.trace.derivedContext.map((entry) => entry.key);
    expect(keys).toContain('aws:username');
    expect(keys).not.toContain('aws:PrincipalArn');
  });
});

describe('evaluate: purity', () => {
  it('never mutates its input (deeply frozen input works, and equals its copy afterwards)', () => {
    const input = deepFreeze(structuredClone(MFA_INPUT));
    const copy = structuredClone(input);
    evaluate(input, { now: '2024-05-01T00:00:00Z' });
    expect(input).toEqual(copy);
  });

  it('is deterministic: the same input gives deep-equal results', () => {
    expect(evaluate(MFA_INPUT)).toEqual(evaluate(MFA_INPUT));
  });
});

describe('compile once, evaluate many (internal structure for issue 7)', () => {
  const policies: PolicySet = MFA_INPUT.policies;

  it('loadPolicySet returns a frozen set whose statements are compiled and frozen', () => {
    const compiled = loadPolicySet(policies);
    expect(Object.isFrozen(compiled)).toBe(true);
    expect(Object.isFrozen(compiled.identity)).toBe(true);
    const statement = compiled.identity[1]?.statements[0];
    expect(Object.isFrozen(statement)).toBe(true);
    expect(statement?.ref).toMatchObject({ policyId: 'ForceMFA', sid: 'DenyAllExceptListedIfNoMFA' });
  });

  it('the oracle gives the same results as evaluate for many requests on one loaded set', () => {
    const compiled = oracleLoadPolicySet(policies);
    for (const action of ['ec2:StopInstances', 'iam:ListMFADevices', 'sts:GetSessionToken', 'iam:CreateUser']) {
      for (const context of [{}, { 'aws:MultiFactorAuthPresent': true }]) {
        const request = { principal: ALICE, action, resource: '*', context };
        expect(evaluateLoaded(compiled, request)).toEqual(evaluate({ request, policies }));
      }
    }
  });
});
