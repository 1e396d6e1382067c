import { describe, expect, it } from 'vitest';
import {
  loadPolicy,
  normalizePolicy,
  parsePolicy,
  PolicyValidationError,
  toPolicyDocument,
  validatePolicy,
} from '../../../src/index.js';

const READ_ONLY = `{
  "Version": "2012-10-17",
  "Statement": {
    "Sid": "Read",
    "Effect": "Allow",
    "Action": "S3:GetObject",
    "Resource": "arn:aws:s3:::bucket/\${aws:username}/*"
  }
}`;

describe('parsePolicy happy path', () => {
  it('reads a policy with positions for every statement and element (G-2, G-4)', () => {
    const result = parsePolicy(READ_ONLY, { policyType: 'identity', policyId: 'read' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [statement] = result.policy.statements;
    expect(statement?.sid).toBe('Read');
    expect(statement?.span).toMatchObject({ pointer: '/Statement', line: 3, column: 16 });
    expect(statement?.effectSpan).toMatchObject({ pointer: '/Statement/Effect', line: 5, column: 15 });
    expect(statement?.action.values).toEqual([
      expect.objectContaining({ value: 'S3:GetObject', span: expect.objectContaining({ line: 6, column: 15 }) }),
    ]);
  });

  it('normalizes: lists, lower-cased actions, pre-parsed variables (G-22, PV-1)', () => {
    const policy = loadPolicy(READ_ONLY, { policyType: 'identity', policyId: 'read' });
    const statement = policy.statements[0];
    expect(statement?.action.patterns[0]?.pattern).toBe('s3:getobject');
    expect(statement?.resource?.patterns[0]?.template).toEqual({
      raw: 'arn:aws:s3:::bucket/${aws:username}/*',
      parts: [
        { kind: 'text', text: 'arn:aws:s3:::bucket/' },
        { kind: 'variable', key: 'aws:username', name: 'aws:username' },
        { kind: 'text', text: '/*' },
      ],
      hasVariables: true,
    });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(statement?.action.patterns[0])).toBe(true);
  });

  it('canonicalizes a 12-digit account principal (G-15)', () => {
    const policy = loadPolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }],
      },
      { policyType: 'resource', policyId: 'bucket' },
    );
    expect(policy.statements[0]?.principal?.values[0]).toMatchObject({
      type: 'AWS',
      raw: '111122223333',
      value: 'arn:aws:iam::111122223333:root',
      kind: 'account',
      accountId: '111122223333',
    });
  });

  it('throws PolicyValidationError with every issue from loadPolicy (G-13)', () => {
    const source = '{"Statement": {"Effect": "deny", "Action": "s3:*", "Resource": "*"}}';
    expect(() => loadPolicy(source, { policyType: 'identity', policyId: 'p' })).toThrow(PolicyValidationError);
    try {
      loadPolicy(source, { policyType: 'identity', policyId: 'p' });
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyValidationError);
      const e = error as PolicyValidationError;
      expect(e.code).toBe('policy_validation_error');
      expect(e.issues.map((i) => i.code)).toEqual(['missing_version', 'invalid_effect']);
      expect(e.message).toBe(
        'policy `p` has 1 error, the first at p:1:26: invalid effect `deny`: use `Allow` or `Deny` (case-sensitive)',
      );
    }
  });

  it('validatePolicy returns warnings of a valid policy (G-9)', () => {
    const issues = validatePolicy('{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}', {
      policyType: 'identity',
      policyId: 'read',
    });
    expect(issues.map((i) => i.code)).toEqual(['missing_version']);
  });

  it('round-trips through toPolicyDocument', () => {
    const policy = loadPolicy(READ_ONLY, { policyType: 'identity', policyId: 'read' });
    const again = loadPolicy(toPolicyDocument(policy), { policyType: 'identity', policyId: 'read' });
    expect(toPolicyDocument(again)).toEqual(toPolicyDocument(policy));
    expect(normalizePolicy).toBeTypeOf('function');
  });
});

describe('parsePolicy options', () => {
  it('refuses an unknown policy type and a bad maxSize as issues, not exceptions', () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';
    const unknown = parsePolicy(text, { policyType: 'bucket' as never, policyId: 'p' });
    expect(unknown.ok ? [] : unknown.issues.map((i) => i.message)).toEqual([
      'unknown policy type `bucket`: use one of `identity`, `resource`, `roleTrust`, `permissionsBoundary`, `session`, `scp`, `rcp`, `vpcEndpoint`',
    ]);
    for (const maxSize of [0, -1, 1.5, Number.NaN]) {
      const result = parsePolicy(text, { policyType: 'identity', policyId: 'p', maxSize });
      expect(result.ok).toBe(false);
    }
    expect(parsePolicy(text, { policyType: '__proto__' as never, policyId: 'p' }).ok).toBe(false);
  });
});
