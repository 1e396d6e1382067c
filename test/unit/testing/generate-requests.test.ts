import { describe, expect, it } from 'vitest';
import type { PolicySet } from '../../../src/model/request.js';
import { generateRequests } from '../../../src/testing/diff/generate-requests.js';

const doc = (Statement: unknown[]): object => ({ Version: '2012-10-17', Statement });

const set: PolicySet = {
  identity: [
    {
      id: 'mixed',
      document: doc([
        {
          Effect: 'Deny',
          NotAction: ['iam:GetUser', 'sts:GetSessionToken'],
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 'ec2:RunInstances'],
          Resource: ['arn:aws:s3:::data/home/${aws:username}/*', 'arn:aws:ec2:*:111122223333:instance/*'],
          Condition: {
            NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
            'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
            ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Ops*' },
          },
        },
      ]),
    },
  ],
};

describe('generateRequests (requests from what the policies mention)', () => {
  const { requests, truncated, possible } = generateRequests([set]);
  const contexts = requests.map((r) => r.context ?? {});

  it('fills wildcards in actions and resources, and adds an action outside each service (G-23, G-24)', () => {
    const actions = new Set(requests.map((r) => r.action));
    expect([...actions].sort()).toEqual([
      'ec2:ExampleOtherAction',
      'ec2:RunInstances',
      'iam:ExampleOtherAction',
      'iam:GetUser',
      's3:ExampleOtherAction',
      's3:GetExample',
      'sts:ExampleOtherAction',
      'sts:GetSessionToken',
    ]);
    expect(new Set(requests.map((r) => r.resource))).toEqual(
      new Set(['*', 'arn:aws:s3:::data/home/example/example', 'arn:aws:ec2:example:111122223333:instance/example']),
    );
    // an S3 ARN carries no account: the owner is the caller's
    for (const r of requests.filter((x) => x.resource.startsWith('arn:aws:s3')))
      expect(r.resourceAccount).toMatch(/^\d{12}$/);
  });

  it('varies condition keys: absent, each value, and just outside (C-4 table, C-23, C-24)', () => {
    expect(contexts).toContainEqual({});
    for (const v of [true, false]) expect(contexts).toContainEqual({ 'aws:MultiFactorAuthPresent': v });
    for (const v of [3600, 3599, 3601]) expect(contexts).toContainEqual({ 'aws:MultiFactorAuthAge': v });
    expect(contexts).toContainEqual({ 'aws:SourceIp': '203.0.113.0' });
    expect(contexts).toContainEqual({ 'aws:SourceIp': '75.0.113.0' });
    expect(contexts).toContainEqual({ 'aws:TagKeys': [] });
    expect(contexts).toContainEqual({ 'aws:TagKeys': ['other-value'] });
    // every key at its first value (ANDed conditions all hold), then each moved out
    expect(contexts).toContainEqual({
      'aws:MultiFactorAuthPresent': true,
      'aws:MultiFactorAuthAge': 3600,
      'aws:SourceIp': '203.0.113.0',
      'aws:TagKeys': ['team'],
    });
  });

  it('turns principal conditions into callers, not context (aws:PrincipalArn is derived)', () => {
    const principals = new Set(requests.map((r) => r.principal));
    expect(principals).toEqual(
      new Set([
        'arn:aws:iam::111122223333:user/diff-user',
        'arn:aws:sts::123456789012:assumed-role/OpsExample/diff-session',
      ]),
    );
    for (const c of contexts) expect(Object.keys(c).map((k) => k.toLowerCase())).not.toContain('aws:principalarn');
  });

  it('is deterministic and bounded', () => {
    expect(generateRequests([set]).requests).toEqual(requests);
    expect(truncated).toBe(false);
    expect(possible).toBe(requests.length);
    const cut = generateRequests([set], { maxRequests: 7 });
    expect(cut.requests).toEqual(requests.slice(0, 7));
    expect(cut.truncated).toBe(true);
  });

  it('skips invalid policies instead of guessing', () => {
    const broken: PolicySet = { identity: [{ id: 'b', document: '{"Statement": {"Effect": "deny"' }] };
    expect(generateRequests([broken]).requests).toEqual([]);
  });
});
