import { describe, expect, it } from 'vitest';
import {
  GLOBAL_CONDITION_KEYS,
  loadPolicy,
  parsePolicy,
  PolicyValidationError,
  validatePolicy,
} from '../../../src/index.js';
import type { Issue, PolicyGrammar } from '../../../src/index.js';
import { isAwsManagedPolicyArn, MAX_SOURCE_LENGTH } from '../../../src/parser/policy-size.js';

/** A compact identity policy of exactly `size` characters (its Sid fills it up). */
function policyOfSize(size: number): string {
  const head = '{"Version":"2012-10-17","Statement":[{"Sid":"';
  const tail = '","Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}';
  return head + 'A'.repeat(size - head.length - tail.length) + tail;
}

const codes = (issues: readonly Issue[]): string[] => issues.map((issue) => `${issue.severity} ${issue.code}`);

function conditionPolicy(condition: unknown): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: condition }],
  };
}

describe('§12.1: AWS managed policies are exempt from the customer size quota', () => {
  const oversized = policyOfSize(6145);

  it('refuses 6,145 characters in a customer policy, as validate keeps reporting', () => {
    expect(codes(validatePolicy(oversized, { policyType: 'identity', policyId: 'mine' }))).toEqual([
      'error policy_too_large',
    ]);
    expect(() => loadPolicy(oversized, { policyType: 'identity', policyId: 'mine' })).toThrow(PolicyValidationError);
  });

  it.each([
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws-cn:iam::aws:policy/ReadOnlyAccess',
    'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
    'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  ])('accepts it when its id is the AWS managed policy ARN %s', (policyId) => {
    expect(isAwsManagedPolicyArn(policyId)).toBe(true);
    for (const grammar of ['identity', 'permissionsBoundary', 'session'] as const satisfies readonly PolicyGrammar[]) {
      expect(validatePolicy(oversized, { policyType: grammar, policyId })).toEqual([]);
    }
    expect(loadPolicy(oversized, { policyType: 'identity', policyId }).policyId).toBe(policyId);
  });

  it.each([
    'arn:aws:iam::111122223333:policy/ReadOnlyAccess',
    'arn:aws:iam::aws:role/ReadOnlyAccess',
    'arn:aws:iam::aws:policy/',
    'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    'ReadOnlyAccess',
  ])('does not take %s for an AWS managed policy ARN', (policyId) => {
    expect(isAwsManagedPolicyArn(policyId)).toBe(false);
    expect(codes(validatePolicy(oversized, { policyType: 'identity', policyId }))).toEqual(['error policy_too_large']);
  });

  it('takes the flag awsManaged: true for any id, and false over the id', () => {
    expect(validatePolicy(oversized, { policyType: 'identity', policyId: 'ReadOnlyAccess', awsManaged: true })).toEqual(
      [],
    );
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    expect(codes(validatePolicy(oversized, { policyType: 'identity', policyId: arn, awsManaged: false }))).toEqual([
      'error policy_too_large',
    ]);
  });

  it('refuses a flag that is not a boolean as an options issue', () => {
    const options = { policyType: 'identity', policyId: 'p', awsManaged: 'yes' } as unknown as Parameters<
      typeof validatePolicy
    >[1];
    const issues = validatePolicy(oversized, options);
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_type', line: 1, column: 1, pointer: '' })]);
    expect(issues[0]?.message).toBe('invalid `awsManaged` `yes`: use `true` or `false`');
  });

  it('keeps every other check for an AWS managed policy', () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}}';
    const issues = validatePolicy(text, { policyType: 'identity', policyId: 'arn:aws:iam::aws:policy/X' });
    expect(codes(issues)).toEqual(['error invalid_effect']);
  });

  it('reads twice the largest AWS managed policy rendered with 4-space indentation (about 231,000)', () => {
    expect(MAX_SOURCE_LENGTH).toBeGreaterThanOrEqual(2 * 231_000);
    const huge = policyOfSize(400_000);
    const started = performance.now();
    expect(validatePolicy(huge, { policyType: 'identity', policyId: 'arn:aws:iam::aws:policy/Big' })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('C-30: condition keys of OIDC providers whose issuer URL has a path', () => {
  const trust = (key: string): unknown => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [key]: 'x' } },
      },
    ],
  });

  it.each([
    'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub',
    'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud',
    'oidc.circleci.com/org/8d2c7b9a-0f1e-4c3b-9a8d-7e6f5a4b3c2d:aud',
    'gitlab.example.com/group/sub-group:sub',
    'token.actions.githubusercontent.com:sub',
    'accounts.google.com:aud',
  ])('accepts %s', (key) => {
    expect(validatePolicy(trust(key), { policyType: 'roleTrust', policyId: 't' })).toEqual([]);
  });

  it.each(['oidc.example.com/:sub', 'oidc.example.com/id/:sub', '/id/x:sub', 'oidc.example.com/a b:sub', 'sub'])(
    'refuses %s',
    (key) => {
      expect(codes(validatePolicy(trust(key), { policyType: 'roleTrust', policyId: 't' }))).toEqual([
        'error invalid_condition_key',
      ]);
    },
  );

  it('keeps the key, lower-cased, path included, in the normalized condition (G-30)', () => {
    const key = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub';
    const policy = loadPolicy(trust(key), { policyType: 'roleTrust', policyId: 't' });
    expect(policy.statements[0]?.conditions[0]).toMatchObject({ key: key.toLowerCase(), keyAsWritten: key });
  });
});

describe('G-15: the legacy CloudFront origin access identity principal', () => {
  const oai = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE';
  const bucket = (principal: string): unknown => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ],
  });

  it('is a user of no account', () => {
    const policy = loadPolicy(bucket(oai), { policyType: 'resource', policyId: 'b' });
    const value = policy.statements[0]?.principal?.values[0];
    expect(value).toMatchObject({ type: 'AWS', kind: 'user', value: oai, raw: oai });
    expect(value !== undefined && 'accountId' in value).toBe(false);
  });

  it.each([
    'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity',
    'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity e2example',
    'arn:aws:iam::cloudfront:user/Someone',
    'arn:aws:iam::cloudfront:role/CloudFront Origin Access Identity E2EXAMPLE',
    'arn:aws:sts::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE',
  ])('refuses the look-alike %s', (principal) => {
    expect(codes(validatePolicy(bucket(principal), { policyType: 'resource', policyId: 'b' }))).toEqual([
      'error invalid_principal',
    ]);
  });
});

describe('W-11: a policy variable in the account field of a Resource ARN', () => {
  const identity = (resource: string): unknown => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource }],
  });

  it('is a warning, once per ARN, and the template keeps the variable for substitution', () => {
    const resource = 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*';
    const result = parsePolicy(identity(resource), { policyType: 'identity', policyId: 'p' });
    expect(result.ok).toBe(true);
    expect(codes(result.ok ? result.warnings : [])).toEqual(['warning variable_in_arn_account']);
    const policy = loadPolicy(identity(resource), { policyType: 'identity', policyId: 'p' });
    expect(policy.statements[0]?.resource?.patterns[0]?.template.parts).toContainEqual({
      kind: 'variable',
      key: 'aws:principalaccount',
      name: 'aws:PrincipalAccount',
    });
  });

  it.each([
    ['partition', 'arn:${aws:PrincipalTag/partition}:kms:*:*:key/*'],
    ['service', 'arn:aws:${aws:PrincipalTag/service}:*:*:key/*'],
    ['region', 'arn:aws:kms:${aws:RequestedRegion}:*:key/*'],
  ])('stays an error in the %s field', (_field, resource) => {
    expect(codes(validatePolicy(identity(resource), { policyType: 'identity', policyId: 'p' }))).toEqual([
      'error variable_not_allowed',
    ]);
  });

  it('is read literally without Version 2012-10-17 (G-9): no account-field warning then', () => {
    const document = {
      Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*' }],
    };
    expect(codes(validatePolicy(document, { policyType: 'identity', policyId: 'p' }))).toEqual([
      'warning missing_version',
      'warning variable_not_allowed',
    ]);
  });
});

describe('O-18: Allow in an RCP only as RCPFullAWSAccess', () => {
  const FULL = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  const rcp = (...statements: unknown[]): unknown => ({ Version: '2012-10-17', Statement: statements });

  it.each([
    'RCPFullAWSAccess',
    'p-RCPFullAWSAccess',
    'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess',
    'baseline',
  ])('accepts the AWS managed RCPFullAWSAccess document under the id %s', (policyId) => {
    expect(validatePolicy(rcp(FULL), { policyType: 'rcp', policyId })).toEqual([]);
  });

  it.each([
    ['a narrower action', { ...FULL, Action: 's3:GetObject' }],
    ['a narrower resource', { ...FULL, Resource: 'arn:aws:s3:::b/*' }],
    ['a condition', { ...FULL, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
    ['NotResource', { Effect: 'Allow', Principal: '*', Action: '*', NotResource: 'arn:aws:s3:::b/*' }],
    ['an AWS principal map', { ...FULL, Principal: { AWS: '*' } }],
    ['two actions', { ...FULL, Action: ['*', 's3:*'] }],
  ])('refuses an Allow with %s, even named RCPFullAWSAccess', (_what, statement) => {
    const issues = validatePolicy(rcp(statement), { policyType: 'rcp', policyId: 'RCPFullAWSAccess' });
    expect(codes(issues).filter((code) => code.startsWith('error'))).toEqual(['error rcp_allow_not_supported']);
    expect(issues.find((issue) => issue.code === 'rcp_allow_not_supported')).toMatchObject({
      pointer: '/Statement/0/Effect',
    });
  });

  it('accepts Deny statements, and the RCPFullAWSAccess statement beside them', () => {
    const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' };
    expect(validatePolicy(rcp(deny, { Sid: 'Full', ...FULL }), { policyType: 'rcp', policyId: 'r' })).toEqual([]);
  });

  it.each(['scp', 'resource', 'vpcEndpoint'] as const)('leaves Allow alone in the %s grammar', (grammar) => {
    const statement =
      grammar === 'scp'
        ? { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }
        : { ...FULL, Action: 's3:GetObject' };
    expect(validatePolicy(rcp(statement), { policyType: grammar, policyId: 'p' })).toEqual([]);
  });
});

describe('C-30: an aws: key that is no global condition key draws a "did you mean" warning', () => {
  const warnings = (key: string): Issue[] =>
    validatePolicy(conditionPolicy({ StringEquals: { [key]: 'x' } }), { policyType: 'identity', policyId: 'p' }).filter(
      (issue) => issue.code === 'unknown_global_condition_key',
    );

  it.each([
    ['aws:RequestRegion', 'aws:RequestedRegion'],
    ['aws:SourceIP4', 'aws:SourceIp'],
    ['aws:PrincipalOrgId2', 'aws:PrincipalOrgID'],
    ['aws:principaltags/team', 'aws:PrincipalTag/team'],
    ['AWS:ResourceTags/Owner', 'aws:ResourceTag/Owner'],
    ['aws:ViaAWSServices', 'aws:ViaAWSService'],
  ])('%s: did you mean %s', (key, suggestion) => {
    expect(warnings(key)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        suggestion,
        message: `unknown global condition key \`${key}\`: did you mean \`${suggestion}\``,
      }),
    ]);
  });

  it('names no suggestion when nothing is near', () => {
    const [issue] = warnings('aws:CompletelyMadeUp');
    expect(issue?.suggestion).toBeUndefined();
    expect(issue?.message).toBe(
      'unknown global condition key `aws:CompletelyMadeUp`: no request carries it, so conditions see it missing',
    );
  });

  it.each(['aws:PrincipalTag', 'aws:PrincipalTag/', 'aws:RequestTag'])('%s names no tag', (key) => {
    expect(warnings(key)).toEqual([expect.objectContaining({ message: expect.stringContaining('names no tag') })]);
  });

  it('never flags a catalogued global key, in any case, nor a tag key', () => {
    for (const { key } of GLOBAL_CONDITION_KEYS) {
      const name = key.endsWith('/') ? `${key}Team` : key;
      expect(warnings(name), name).toEqual([]);
      expect(warnings(name.toUpperCase()), name).toEqual([]);
    }
  });

  it.each([
    'aws:AssumedRoot',
    'aws:SignInSessionArn',
    'aws:ChatbotSourceArn',
    'aws:CalledViaAWSMCP',
    'aws:ViaAWSMCPService',
    'aws:IsMcpServiceAction',
    'aws:SourceOwner',
    'AWS:SourceOwner',
    'aws:PrincipalOrgMasterAccountId',
    'aws:ARN',
  ])('does not flag %s, which AWS documents or writes itself', (key) => {
    expect(warnings(key)).toEqual([]);
  });

  it.each(['s3:prefx', 'ec2:ResourceTags/x', 'kms:ViaServices'])('does not check the service key %s', (key) => {
    expect(warnings(key)).toEqual([]);
  });
});
