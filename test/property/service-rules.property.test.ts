import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate } from '../../src/index.js';
import type { EvaluateOptions, PolicySet, PolicySource, RequestInput } from '../../src/index.js';
import { SERVICE_RULES } from '../../src/request/service-rules.js';
import { oracleEvaluate } from '../oracle/evaluate.js';

/**
 * Service rules (docs/service-rules.md, EV-17): on random requests around every rule (the actions, resources and
 * callers each rule names, and near misses of each), the decision alone (`check`), the full result and the trace agree
 * with one another and with the oracle; a rule that decides is named by the result and by the trace's last step.
 */

const A = '111122223333';
const B = '444455556666';
const doc = (...Statement: object[]): object => ({ Version: '2012-10-17', Statement });
const source = (id: string, ...statements: object[]): PolicySource => ({ id, document: doc(...statements) });

const CALLERS = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:root`,
  `arn:aws:iam::${B}:root`,
  `arn:aws:sts::${A}:assumed-role/App/s1`,
  `arn:aws:sts::${A}:federated-user/fed`,
];
const ACTIONS = [
  ...new Set(SERVICE_RULES.flatMap((rule) => rule.actions)),
  'sts:GetSessionToken',
  'iam:UpdateRoleDescription',
  'iam:TagRole',
  'iam:TagPolicy',
  'iam:DeleteServiceLinkedRole',
  's3:GetObject',
  'kms:Decrypt',
];
const RESOURCES: readonly (readonly [string, string | undefined])[] = [
  ['*', undefined],
  [`arn:aws:iam::${A}:role/Admin`, undefined],
  [`arn:aws:iam::${A}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`, undefined],
  [`arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123`, undefined],
  ['arn:aws:iam::aws:policy/AdministratorAccess', undefined],
  [`arn:aws:iam::${A}:policy/AppPolicy`, undefined],
  [`arn:aws:kms:us-east-1:${A}:alias/aws/s3`, undefined],
  [`arn:aws:kms:us-east-1:${A}:alias/app`, undefined],
  ['arn:aws:s3:::photos', A],
  ['arn:aws:s3:::photos/a.jpg', A],
];

const ADMIN = source('Admin', { Effect: 'Allow', Action: '*', Resource: '*' });
const DENY_STS = source('NoSts', { Effect: 'Deny', Action: 'sts:*', Resource: '*' });
const DENY_IAM = source('NoIamWrites', { Effect: 'Deny', Action: ['iam:Delete*', 'iam:Put*'], Resource: '*' });
const LOCKOUT = source('Lockout', { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' });
const TRUST = source('Trust', { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' });
const SCP = source(
  'Guard',
  { Effect: 'Allow', Action: '*', Resource: '*' },
  { Effect: 'Deny', Action: 's3:DeleteBucketPolicy', Resource: '*' },
);

/** A policy set for a request: a role's trust policy when the resource is a role, a bucket policy otherwise. */
function policySet(
  identity: readonly PolicySource[],
  resourcePolicy: boolean,
  scp: boolean,
  resource: string,
): PolicySet {
  const onRole = resource.includes(':role/');
  return {
    identity,
    ...(resourcePolicy ? { resource: onRole ? TRUST : LOCKOUT } : {}),
    ...(scp ? { serviceControlPolicies: [{ target: 'r-root', policies: [SCP] }] } : {}),
  };
}

const caseArb = fc.record({
  identity: fc.subarray([ADMIN, DENY_STS, DENY_IAM]),
  resourcePolicy: fc.boolean(),
  scp: fc.boolean(),
  principal: fc.constantFrom(...CALLERS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  serviceRules: fc.constantFrom(true, true, true, false),
});

describe('service rules: check, the result and the trace agree, and with the oracle (EV-17)', () => {
  it('on random requests around every rule', () => {
    const decided = new Set<string>();
    fc.assert(
      fc.property(caseArb, (drawn) => {
        const { principal, action, serviceRules } = drawn;
        const [resource, resourceAccount] = drawn.resource;
        const policies = policySet(drawn.identity, drawn.resourcePolicy, drawn.scp, resource);
        const request: RequestInput = {
          principal,
          action,
          resource,
          ...(resourceAccount === undefined ? {} : { resourceAccount }),
        };
        const options: EvaluateOptions = { serviceRules };
        const compiled = compile(policies);
        const result = compiled.evaluate(request, options);
        expect(compiled.check(request, options)).toBe(result.decision);
        expect(JSON.stringify(evaluate({ request, policies }, options))).toBe(JSON.stringify(result));
        expect(JSON.stringify(oracleEvaluate({ request, policies }, options))).toBe(JSON.stringify(result));
        const rule = result.serviceRule;
        if (rule === undefined) return;
        decided.add(rule.ruleId);
        expect(serviceRules).toBe(true);
        expect(result.trace.steps.at(-1)).toContain(rule.ruleId);
        expect(result.trace.choices).toContain('EV-17');
        expect(result.decision).toBe(rule.outcome === 'alwaysAllowed' ? 'Allow' : 'ImplicitDeny');
        if (rule.outcome === 'neverAllowed') expect(result.denies).toEqual([]);
      }),
      { numRuns: 3_000 },
    );
    // Every rule decided some request.
    expect([...decided].sort()).toEqual(SERVICE_RULES.map((rule) => rule.id).sort());
  });
});
