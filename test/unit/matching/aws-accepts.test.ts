import { describe, expect, it } from 'vitest';
import { createRequestContext } from '../../../src/conditions/request-context.js';
import { matchPrincipalElement, matchPrincipalValue } from '../../../src/evaluator/match-principal.js';
import { preparePrincipalValue } from '../../../src/compile/prepare-principal.js';
import type { PrincipalFacts } from '../../../src/evaluator/match-principal.js';
import { parseCaller } from '../../../src/request/principal.js';
import { compileResourceMatcher } from '../../../src/matching/resource.js';
import type { PrincipalElement, PrincipalValue } from '../../../src/model/normalized-policy.js';
import { loadPolicy } from '../../../src/normalizer/load-policy.js';

const OAI = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE';

describe('W-11: a variable in the account field of a Resource ARN is substituted, then matched by component', () => {
  const policy = loadPolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:*:kms:*:${aws:PrincipalAccount}:key/*' }],
    },
    {
      policyType: 'identity',
      policyId: 'arn:aws:iam::aws:policy/aws-service-role/AmazonTimestreamInfluxDBServiceRolePolicy',
    },
  );
  const matcher = compileResourceMatcher(policy.statements[0]?.resource?.patterns ?? []);
  const key = (account: string): string => `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

  it('matches a key of the account the variable names', () => {
    const context = createRequestContext({ 'aws:PrincipalAccount': '111122223333' });
    expect(matcher.match(key('111122223333'), context)).toEqual({
      matched: true,
      index: 0,
      pattern: 'arn:*:kms:*:${aws:PrincipalAccount}:key/*',
      value: 'arn:*:kms:*:111122223333:key/*',
      choices: [],
    });
  });

  it('matches no key of another account', () => {
    const context = createRequestContext({ 'aws:PrincipalAccount': '111122223333' });
    expect(matcher.matches(key('444455556666'), context)).toBe(false);
  });

  it('matches nothing while the variable is missing (PV-5)', () => {
    expect(matcher.match(key('111122223333'), createRequestContext({}))).toEqual({
      matched: false,
      notes: ['variable `aws:PrincipalAccount` is missing'],
      choices: [],
    });
  });

  it('takes the substituted value literally: a `*` in it is no wildcard (PV-8)', () => {
    const context = createRequestContext({ 'aws:PrincipalAccount': '*' });
    expect(matcher.matches(key('111122223333'), context)).toBe(false);
  });
});

describe('G-15: the CloudFront origin access identity as caller and as principal', () => {
  it('is a user of no account, with no identity side (X-6)', () => {
    const caller = parseCaller(OAI);
    expect(caller).toMatchObject({
      kind: 'user',
      arn: OAI,
      partition: 'aws',
      hasIdentitySide: false,
      isSession: false,
    });
    expect(caller.accountId).toBeUndefined();
    expect(caller.userName).toBeUndefined();
  });

  it('still refuses other callers of the pseudo-account', () => {
    expect(() => parseCaller('arn:aws:iam::cloudfront:user/someone')).toThrow(TypeError);
  });

  const bucket = loadPolicy(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', NotPrincipal: { AWS: OAI }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: { AWS: OAI }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    },
    { policyType: 'resource', policyId: 'b' },
  );
  const notPrincipal = bucket.statements[0]?.principal as PrincipalElement;
  const principal = bucket.statements[1]?.principal as PrincipalElement;
  const facts = (arn: string): PrincipalFacts => ({ caller: parseCaller(arn), hasPermissionsBoundary: false });

  it('is named by its exact ARN only', () => {
    const value = preparePrincipalValue(principal.values[0] as PrincipalValue);
    expect(matchPrincipalValue(value, facts(OAI), false)).toEqual({ form: 'user' });
    const other = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E3OTHER';
    expect(matchPrincipalValue(value, facts(other), false)).toBeUndefined();
    expect(matchPrincipalValue(value, facts('arn:aws:iam::111122223333:user/alice'), false)).toBeUndefined();
  });

  it('is exempt from a NotPrincipal that lists it: it is the only identity evaluated (G-21)', () => {
    expect(
      matchPrincipalElement(notPrincipal, notPrincipal.values.map(preparePrincipalValue), facts(OAI), false).trace
        .matched,
    ).toBe(false);
    const other = matchPrincipalElement(
      notPrincipal,
      notPrincipal.values.map(preparePrincipalValue),
      facts('arn:aws:iam::111122223333:user/alice'),
      false,
    );
    expect(other.trace.matched).toBe(true);
  });
});
