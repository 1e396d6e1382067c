import { describe, expect, it } from 'vitest';
import { loadPolicy, normalizePolicy, parsePolicy, toPolicyDocument } from '../../../src/index.js';
import type { NormalizedPolicy } from '../../../src/index.js';

const load = (document: unknown, policyType: 'identity' | 'resource' | 'roleTrust' = 'identity'): NormalizedPolicy =>
  loadPolicy(document, { policyType, policyId: 'n' });

describe('normalizePolicy', () => {
  it('makes Statement, Action, Resource and Principal lists (G-2, G-4)', () => {
    const policy = load(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' } },
      'resource',
    );
    expect(policy.statements).toHaveLength(1);
    const [statement] = policy.statements;
    expect(statement?.action).toMatchObject({
      negated: false,
      patterns: [{ raw: 's3:GetObject', pattern: 's3:getobject' }],
    });
    expect(statement?.resource).toMatchObject({ negated: false, patterns: [{ raw: '*' }] });
    expect(statement?.principal?.values).toMatchObject([{ type: '*', raw: '*', value: '*', kind: 'everyone' }]);
    expect(statement?.conditions).toEqual([]);
    expect(statement?.conditionSpan).toBeUndefined();
    expect(policy.policyType).toBe('resource');
    expect(policy.grammar).toBe('resource');
  });

  it('keeps NotAction, NotResource and NotPrincipal as negated lists (G-24, G-27, G-19)', () => {
    const policy = load(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Deny',
          NotPrincipal: { AWS: ['111122223333'] },
          NotAction: 'IAM:*',
          NotResource: ['arn:aws:s3:::b'],
        },
      },
      'resource',
    );
    const [statement] = policy.statements;
    expect(statement?.action).toMatchObject({ negated: true, patterns: [{ raw: 'IAM:*', pattern: 'iam:*' }] });
    expect(statement?.resource?.negated).toBe(true);
    expect(statement?.principal).toMatchObject({
      negated: true,
      values: [{ type: 'AWS', value: 'arn:aws:iam::111122223333:root', kind: 'account', accountId: '111122223333' }],
    });
  });

  it('classifies every principal form (G-15)', () => {
    const policy = load(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: {
            AWS: [
              '*',
              'arn:aws:iam::111122223333:root',
              'arn:aws:iam::111122223333:user/path/Alice',
              'arn:aws:iam::111122223333:role/Admin',
              'arn:aws:sts::111122223333:assumed-role/Admin/s1',
              'arn:aws:sts::111122223333:federated-user/Bob',
              'AROADBQP57FF2AEXAMPLE',
            ],
            Service: 'ec2.amazonaws.com',
            Federated: 'arn:aws:iam::111122223333:saml-provider/Okta',
            CanonicalUser: 'a'.repeat(64),
          },
          Action: 's3:*',
          Resource: '*',
        },
      },
      'resource',
    );
    expect(policy.statements[0]?.principal?.values.map((v) => [v.type, v.kind, v.accountId])).toEqual([
      ['AWS', 'everyone', undefined],
      ['AWS', 'account', '111122223333'],
      ['AWS', 'user', '111122223333'],
      ['AWS', 'role', '111122223333'],
      ['AWS', 'assumedRoleSession', '111122223333'],
      ['AWS', 'federatedUser', '111122223333'],
      ['AWS', 'uniqueId', undefined],
      ['Service', 'service', undefined],
      ['Federated', 'federated', '111122223333'],
      ['CanonicalUser', 'canonicalUser', undefined],
    ]);
  });

  it('splits conditions into operator, qualifier, IfExists, lower-cased key and values (G-5, G-30, §7)', () => {
    const policy = load({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          'ForAllValues:StringNotLikeIfExists': { 'aws:TagKeys': ['Prod*', 'team'] },
          NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
          Bool: { 'AWS:SecureTransport': false },
        },
      },
    });
    const entries = policy.statements[0]?.conditions ?? [];
    expect(entries.map((e) => [e.operator, e.baseOperator, e.qualifier, e.ifExists, e.key, e.keyAsWritten])).toEqual([
      ['ForAllValues:StringNotLikeIfExists', 'StringNotLike', 'ForAllValues', true, 'aws:tagkeys', 'aws:TagKeys'],
      ['NumericLessThan', 'NumericLessThan', undefined, false, 'aws:multifactorauthage', 'aws:MultiFactorAuthAge'],
      ['Bool', 'Bool', undefined, false, 'aws:securetransport', 'AWS:SecureTransport'],
    ]);
    expect(entries[1]?.values[0]).toMatchObject({ raw: 3600, text: '3600' });
    expect(entries[1]?.values[0]?.template).toBeUndefined();
    expect(entries[2]?.values[0]).toMatchObject({ raw: false, text: 'false' });
    expect(entries[0]?.values[0]?.template).toEqual({
      raw: 'Prod*',
      parts: [{ kind: 'text', text: 'Prod*' }],
      hasVariables: false,
    });
    expect(entries[0]?.operatorSpan.pointer).toBe('/Statement/Condition/ForAllValues:StringNotLikeIfExists');
    expect(entries[0]?.span.pointer).toBe('/Statement/Condition/ForAllValues:StringNotLikeIfExists/aws:TagKeys');
  });

  it('pre-parses variables only under 2012-10-17 and only where allowed (G-9, PV-1, PV-2, PV-7)', () => {
    const document = (version?: string): unknown => ({
      ...(version === undefined ? {} : { Version: version }),
      Statement: {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::b/${aws:username}/${*}',
        Condition: { StringLike: { 's3:prefix': "${aws:PrincipalTag/Team, 'x'}/*" } },
      },
    });
    const current = load(document('2012-10-17')).statements[0];
    expect(current?.resource?.patterns[0]?.template.parts).toEqual([
      { kind: 'text', text: 'arn:aws:s3:::b/' },
      { kind: 'variable', key: 'aws:username', name: 'aws:username' },
      { kind: 'text', text: '/' },
      { kind: 'escape', char: '*' },
    ]);
    expect(current?.conditions[0]?.values[0]?.template?.parts[0]).toEqual({
      kind: 'variable',
      key: 'aws:principaltag/team',
      name: 'aws:PrincipalTag/Team',
      defaultValue: 'x',
    });
    for (const legacy of [load(document('2008-10-17')), load(document())]) {
      const statement = legacy.statements[0];
      expect(statement?.resource?.patterns[0]?.template).toEqual({
        raw: 'arn:aws:s3:::b/${aws:username}/${*}',
        parts: [{ kind: 'text', text: 'arn:aws:s3:::b/${aws:username}/${*}' }],
        hasVariables: false,
      });
      expect(statement?.conditions[0]?.values[0]?.template).toBeUndefined();
    }
  });

  it('keeps index, Sid and spans of every statement', () => {
    const policy = load(
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},\n    {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}\n  ]\n}',
    );
    expect(policy.statements.map((s) => [s.index, s.sid, s.span.line, s.span.column, s.effectSpan.column])).toEqual([
      [0, 'A', 4, 5, 28],
      [1, undefined, 5, 5, 16],
    ]);
    expect(policy.statements[1]).not.toHaveProperty('sid');
  });

  it('is deeply frozen', () => {
    const policy = load(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"a:b":"c"}}}}',
    );
    const seen: unknown[] = [];
    const visit = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      seen.push(value);
      expect(Object.isFrozen(value)).toBe(true);
      Object.values(value).forEach(visit);
    };
    visit(policy);
    expect(seen.length).toBeGreaterThan(20);
  });

  it('leaves Resource absent in a role trust policy', () => {
    const policy = load(
      {
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      },
      'roleTrust',
    );
    expect(policy.statements[0]).not.toHaveProperty('resource');
    expect(policy.policyType).toBe('resource');
    expect(policy.grammar).toBe('roleTrust');
  });

  it('keeps the warnings of the policy', () => {
    const policy = load('{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}');
    expect(policy.warnings.map((w) => w.code)).toEqual(['missing_version']);
  });

  it('refuses a hand-made parsed policy that parsePolicy would not produce', () => {
    const parsed = parsePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}',
      {
        policyType: 'resource',
        policyId: 'x',
      },
    );
    if (!parsed.ok) throw new Error('expected a policy');
    const [statement] = parsed.policy.statements;
    const principal = statement?.principal;
    const first = principal?.values[0];
    if (statement === undefined || principal === undefined || first === undefined)
      throw new Error('expected a principal');
    const forged = {
      ...parsed.policy,
      statements: [
        { ...statement, principal: { ...principal, values: [{ ...first, type: 'AWS' as const, value: 'nobody' }] } },
      ],
    };
    expect(() => normalizePolicy(forged)).toThrow(/invalid `AWS` principal `nobody`/);
  });
});

describe('toPolicyDocument', () => {
  it('writes the canonical document, and reading it back gives the same policy', () => {
    const policy = load(
      {
        Version: '2012-10-17',
        Id: 'x',
        Statement: {
          Sid: 'S',
          Effect: 'Deny',
          NotPrincipal: { AWS: '111122223333', Service: ['a.amazonaws.com'] },
          Action: 'S3:Get*',
          Resource: 'arn:aws:s3:::b/${aws:username}',
          Condition: {
            StringEquals: { 'aws:SourceVpce': ['v1'], 'AWS:SourceAccount': '1' },
            Bool: { 'aws:SecureTransport': true },
          },
        },
      },
      'resource',
    );
    const document = toPolicyDocument(policy);
    expect(document).toEqual({
      Version: '2012-10-17',
      Id: 'x',
      Statement: [
        {
          Sid: 'S',
          Effect: 'Deny',
          NotPrincipal: { AWS: ['111122223333'], Service: ['a.amazonaws.com'] },
          Action: ['S3:Get*'],
          Resource: ['arn:aws:s3:::b/${aws:username}'],
          Condition: {
            StringEquals: { 'aws:SourceVpce': ['v1'], 'AWS:SourceAccount': ['1'] },
            Bool: { 'aws:SecureTransport': [true] },
          },
        },
      ],
    });
    expect(toPolicyDocument(load(document, 'resource'))).toEqual(document);
  });
});
