import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicyFolder } from '../../../src/cli/policy-folder.js';
import { evaluateLoaded } from '../../oracle/evaluate.js';
import { loadPolicySet } from '../../oracle/load-policy-set.js';
import { isRoleArn } from '../../oracle/request-environment.js';
import { compile, evaluate, PolicyValidationError, RequestValidationError } from '../../../src/index.js';
import type { EvaluateOptions, EvaluationInput, PolicySet, PolicySource, RequestInput } from '../../../src/index.js';

/**
 * `compile` (issue 7): the fast `check` and the full `evaluate` of a compiled set agree with the oracle (test/oracle)
 * on every data-driven evaluation case and every scenario, and fail exactly where it fails.
 */

const A = '111122223333';
const doc = (...Statement: object[]): object => ({ Version: '2012-10-17', Statement });
const alice = `arn:aws:iam::${A}:user/alice`;

/** The oracle (test/oracle): loadPolicySet + evaluateLoaded with the grammar `evaluate` picks. */
function reference(input: EvaluationInput, options: EvaluateOptions = {}) {
  const grammar = isRoleArn(input.request.resource) ? 'roleTrust' : 'resource';
  return evaluateLoaded(loadPolicySet(input.policies, { resourceGrammar: grammar }), input.request, options);
}

interface EvaluationCase {
  readonly description: string;
  readonly semantics: readonly string[];
  readonly request: RequestInput;
  readonly policies: PolicySet;
  readonly options?: EvaluateOptions;
}

const casesDir = new URL('../../cases/evaluation/', import.meta.url);
const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((name) =>
    (JSON.parse(readFileSync(new URL(name, casesDir), 'utf8')) as { cases: EvaluationCase[] }).cases.map(
      (c) => [`${name} ${c.semantics.join(' ')}: ${c.description}`, c] as const,
    ),
  );

describe('compile agrees with the reference evaluator on every evaluation case', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases)('%s', (_title, c) => {
    const expected = reference({ request: c.request, policies: c.policies }, c.options);
    const compiled = compile(c.policies);
    expect(compiled.check(c.request, c.options)).toBe(expected.decision);
    expect(compiled.evaluate(c.request, c.options)).toEqual(expected);
    expect(evaluate({ request: c.request, policies: c.policies }, c.options)).toEqual(expected);
  });
});

describe('compiled sets', () => {
  const policies: PolicySet = {
    identity: [{ id: 'Run', document: doc({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }) }],
    permissionsBoundary: { id: 'NoEc2', document: doc({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }) },
  };
  const request: RequestInput = { principal: alice, action: 'ec2:RunInstances', resource: '*' };

  it('are frozen, and their methods work detached from the object', () => {
    const compiled = compile(policies);
    expect(Object.isFrozen(compiled)).toBe(true);
    const { check, evaluate: full } = compiled;
    expect(check(request)).toBe('ExplicitDeny');
    expect(full(request).deniedBy).toMatchObject({ policyType: 'permissionsBoundary', policyId: 'NoEc2' });
    expect(compiled.statementCount).toBe(2);
  });

  it('match actions case-insensitively, exact or by wildcard, and skip statements of other actions (G-22)', () => {
    const compiled = compile({
      identity: [
        {
          id: 'p',
          document: doc(
            { Effect: 'Allow', Action: ['S3:GETOBJECT', 'ec2:Describe*'], Resource: '*' },
            { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:sqs:*:*:*' },
            { Effect: 'Deny', Action: '*:Delete*', Resource: '*' },
          ),
        },
      ],
    });
    const ask = (action: string, resource = '*'): string => compiled.check({ principal: alice, action, resource });
    expect(ask('s3:getobject')).toBe('Allow');
    expect(ask('ec2:DescribeVolumes')).toBe('Allow');
    expect(ask('ec2:RunInstances')).toBe('ImplicitDeny');
    expect(ask('sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`)).toBe('Allow');
    expect(ask('iam:ListRoles', `arn:aws:sqs:us-east-1:${A}:q`)).toBe('ImplicitDeny');
    expect(ask('sqs:DeleteQueue', `arn:aws:sqs:us-east-1:${A}:q`)).toBe('ExplicitDeny');
    expect(ask('lambda:InvokeFunction')).toBe('ImplicitDeny');
  });

  it('throw the PolicyValidationError evaluate throws, with every issue of every policy', () => {
    const broken: PolicySet = {
      identity: [{ id: 'bad', document: '{"Version": "2012-10-17", "Statement": {"Effect": "deny"}}' }],
      permissionsBoundary: { id: 'worse', document: doc({ Effect: 'Allow', Action: 's3', Resource: '*' }) },
    };
    const fromEvaluate = (() => {
      try {
        evaluate({ request, policies: broken });
      } catch (error) {
        return error as PolicyValidationError;
      }
      throw new Error('evaluate did not throw');
    })();
    expect(fromEvaluate).toBeInstanceOf(PolicyValidationError);
    expect(() => compile(broken)).toThrow(PolicyValidationError);
    try {
      compile(broken);
    } catch (error) {
      expect((error as PolicyValidationError).message).toBe(fromEvaluate.message);
      expect((error as PolicyValidationError).issues).toEqual(fromEvaluate.issues);
      expect(new Set((error as PolicyValidationError).issues.map((issue) => issue.policyId))).toEqual(
        new Set(['bad', 'worse']),
      );
    }
  });

  it('read the resource policy with the grammar of each request, as evaluate does (E-8, EV-2)', () => {
    const trust: PolicySource = {
      id: 'trust',
      document: doc({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole' }),
    };
    const compiled = compile({ identity: [], resource: trust });
    const assume: RequestInput = { principal: alice, action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/App` };
    expect(compiled.check(assume)).toBe('Allow');
    expect(compiled.evaluate(assume)).toEqual(
      reference({ request: assume, policies: { identity: [], resource: trust } }),
    );
    // A trust policy has no Resource: read as a bucket policy it is invalid, for compile as for evaluate.
    const onBucket: RequestInput = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
    expect(() => evaluate({ request: onBucket, policies: { identity: [], resource: trust } })).toThrow(
      PolicyValidationError,
    );
    expect(() => compiled.check(onBucket)).toThrow(PolicyValidationError);
    expect(() => compiled.evaluate(onBucket)).toThrow(PolicyValidationError);
    // With the grammar fixed, only that reading is compiled.
    expect(() => compile({ identity: [], resource: trust }, { resourceGrammar: 'resource' })).toThrow(
      PolicyValidationError,
    );
    expect(compile({ identity: [], resource: trust }, { resourceGrammar: 'roleTrust' }).check(assume)).toBe('Allow');
  });

  it('throw the RequestValidationError evaluate throws for an unreadable principal or `now`, even without conditions (RV-3)', () => {
    const compiled = compile(policies);
    const bad = { ...request, principal: 'alice' };
    expect(() => compiled.check(bad)).toThrow(RequestValidationError);
    expect(() => compiled.check(bad)).toThrow(/invalid principal `alice`/);
    expect(() => compiled.check(request, { now: 'yesterday' })).toThrow(/invalid `now` option `yesterday`/);
    expect(() => evaluate({ request, policies }, { now: 'yesterday' })).toThrow(/invalid `now` option `yesterday`/);
  });

  it('build the trace from the request as it was: a multivalued context list mutated later is not seen', () => {
    const policies: PolicySet = {
      identity: [
        {
          id: 'Tags',
          document: doc({
            Effect: 'Allow',
            Action: 'ec2:CreateTags',
            Resource: '*',
            Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
          }),
        },
      ],
    };
    const tagKeys = ['env'];
    const request: RequestInput = {
      principal: alice,
      action: 'ec2:CreateTags',
      resource: '*',
      context: { 'aws:TagKeys': tagKeys },
    };
    for (const result of [compile(policies).evaluate(request), evaluate({ request, policies })]) {
      tagKeys.push('owner');
      const [condition] =
        result.trace.policyTypes.find((type) => type.policyType === 'identity')?.policies[0]?.statements[0]
          ?.conditions ?? [];
      expect(condition?.requestValues).toEqual(['env']);
      expect(condition?.result).toBe(true);
      tagKeys.length = 1;
    }
  });

  it('never mutate the policies or the request', () => {
    const frozenPolicies = JSON.parse(JSON.stringify(policies)) as PolicySet;
    const snapshot = JSON.stringify(frozenPolicies);
    const compiled = compile(frozenPolicies);
    const ask = { ...request, context: { 'aws:SecureTransport': true } };
    compiled.check(ask);
    compiled.evaluate(ask);
    expect(JSON.stringify(frozenPolicies)).toBe(snapshot);
    expect(ask).toEqual({ ...request, context: { 'aws:SecureTransport': true } });
  });
});

describe('scenarios of SCENARIOS.md through compile', () => {
  const root = fileURLToPath(new URL('../../../examples/scenarios/', import.meta.url));
  const scenarios = readdirSync(root).filter((name) => /^\d\d-/.test(name));

  it('are all there', () => {
    expect(scenarios).toHaveLength(10);
  });

  it.each(scenarios)('%s: every request and variant', (name) => {
    const scenario = JSON.parse(readFileSync(join(root, name, 'scenario.json'), 'utf8')) as {
      request: RequestInput;
      variants?: { request: RequestInput }[];
    };
    const { policies } = loadPolicyFolder(join(root, name, 'policies'));
    const compiled = compile(policies);
    for (const ask of [scenario.request, ...(scenario.variants ?? []).map((v) => v.request)]) {
      const expected = reference({ request: ask, policies });
      expect(compiled.check(ask)).toBe(expected.decision);
      expect(compiled.evaluate(ask)).toEqual(expected);
    }
  });
});
