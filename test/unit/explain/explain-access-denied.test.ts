import { describe, expect, it } from 'vitest';
import { explainAccessDenied } from '../../../src/index.js';
import type { PolicySet, PolicySource } from '../../../src/index.js';
import { scenarios } from './fixtures.js';

const doc = (...statements: object[]): object => ({ Version: '2012-10-17', Statement: statements });
const policy = (id: string, ...statements: object[]): PolicySource => ({ id, document: doc(...statements) });
const USER = 'arn:aws:iam::123456789012:user/tester';
const RUN = 'ec2:RunInstances';
const message = (reason: string, resource = ''): string =>
  `User: ${USER} is not authorized to perform: ${RUN}${resource === '' ? '' : ` on resource: ${resource}`} ${reason}`;
const SCP_DENY = message('with an explicit deny in a service control policy');
const ALLOW_EC2 = policy('Ec2Admin', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
const DENY_RUN = policy('NoRun', { Sid: 'NoRun', Effect: 'Deny', Action: RUN, Resource: '*' });

describe('explainAccessDenied agrees with every scenario message (SCENARIOS.md 10, M-1)', () => {
  for (const s of scenarios().filter((x) => x.accessDenied !== undefined)) {
    it(`${s.name}`, () => {
      const r = explainAccessDenied(s.accessDenied ?? '', s.loaded.policies, s.request.context, {
        ...(s.request.resourceAccount === undefined ? {} : { resourceAccount: s.request.resourceAccount }),
        ...(s.request.resource === '*' ? {} : { resource: s.request.resource }),
      });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.differences).toEqual([]);
      expect(r.agrees).toBe(true);
      expect(r.result.decision).toBe(s.expected.decision);
      expect(r.result.deniedBy).toMatchObject(s.expected.deniedBy ?? {});
    });
  }
});

describe('explainAccessDenied says where the engine differs from the message', () => {
  it('M-2: the message names an SCP, and none was given', () => {
    const r = explainAccessDenied(SCP_DENY, { identity: [ALLOW_EC2] });
    expect(r.ok && r.agrees).toBe(false);
    expect(r.ok && r.differences).toEqual([
      'the message says the request was denied, but with the policies and context given the engine allows it',
      'the message names a service control policy, but none was given: is it missing?',
    ]);
  });

  it('M-2, E-4: the message names an SCP, an SCP is given, but the deny is elsewhere', () => {
    const policies: PolicySet = {
      identity: [ALLOW_EC2, DENY_RUN],
      serviceControlPolicies: [
        { target: 'r-root', policies: [policy('FullAWSAccess', { Effect: 'Allow', Action: '*', Resource: '*' })] },
      ],
    };
    const r = explainAccessDenied(SCP_DENY, policies);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.agrees).toBe(false);
    expect(r.differences[0]).toBe(
      'the message names a service control policy, but no service control policy given denies this request: is one missing?',
    );
    expect(r.differences[1]).toMatch(
      /^the engine finds the deny in identity-based policy `NoRun`, statement 0 \(Sid `NoRun`\), line 4/,
    );
  });

  it('O-10, §1.3 step 3: an SCP level without an Allow is what AWS reports as an explicit deny: agreed, with a note', () => {
    const policies: PolicySet = {
      identity: [ALLOW_EC2],
      serviceControlPolicies: [
        { target: 'r-root', policies: [policy('OnlyS3', { Effect: 'Allow', Action: 's3:*', Resource: '*' })] },
      ],
    };
    const r = explainAccessDenied(SCP_DENY, policies);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.result.decision).toBe('ImplicitDeny');
    expect(r.agrees).toBe(true);
    expect(r.notes.join('\n')).toContain('AWS reports that as an explicit deny in a service control policy');
  });

  it('M-1: the message says no identity policy allows, the engine finds an explicit deny', () => {
    const r = explainAccessDenied(message(`because no identity-based policy allows the ${RUN} action`), {
      identity: [ALLOW_EC2, DENY_RUN],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.agrees).toBe(false);
    expect(r.differences[0]).toMatch(
      /^the message says no identity-based policy allows the request, but the engine finds an explicit deny in identity-based policy `NoRun`/,
    );
  });

  it('M-2: the message says an explicit deny in a permissions boundary, the engine only finds the boundary lacking an Allow', () => {
    const r = explainAccessDenied(message('with an explicit deny in a permissions boundary'), {
      identity: [ALLOW_EC2],
      permissionsBoundary: policy('Boundary', { Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.differences).toEqual([
      'the message says an explicit deny in a permissions boundary, but no permissions boundary given denies this request: is one missing?',
      'the engine finds no matching Deny: it denies implicitly, because no permissions boundary allows the request',
    ]);
  });

  it('says which context would have made a Deny apply, verified by re-evaluation', () => {
    const s = scenarios().find((x) => x.name.startsWith('03'));
    if (s?.accessDenied === undefined) throw new Error('scenario 03');
    const r = explainAccessDenied(s.accessDenied, s.loaded.policies);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.result.decision).toBe('Allow');
    expect(r.differences).toContain(
      'identity-based policy `RestrictRunInstances`, statement 0 (Sid `AllowRunInstancesWithRestrictions2`), line 4, column 5 denies the request when it carries `ec2:InstanceType` = `t2.micro`: did the request carry that?',
    );
  });
});

describe('explainAccessDenied: what the message lacks', () => {
  it('M-4: no resource: evaluated on `*`, or on the resource given', () => {
    const text = message('with an explicit deny in an identity-based policy');
    const r = explainAccessDenied(text, { identity: [ALLOW_EC2, DENY_RUN] });
    expect(r.ok && r.input.request.resource).toBe('*');
    expect(r.ok && r.notes).toContain('the message names no resource: evaluated on `*`');
    const given = explainAccessDenied(text, { identity: [ALLOW_EC2, DENY_RUN] }, undefined, {
      resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
    });
    expect(given.ok && given.input.request.resource).toBe('arn:aws:ec2:us-east-1:123456789012:instance/*');
  });

  it('M-5, M-8: the policy ARN and the encoded message are noted', () => {
    const text = `You are not authorized to perform this operation. ${message('with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/NoRun')}. Encoded authorization failure message: abc`;
    const r = explainAccessDenied(text, { identity: [ALLOW_EC2, DENY_RUN] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.agrees).toBe(true);
    expect(r.notes).toContain('the message names the denying policy `arn:aws:iam::123456789012:policy/NoRun`');
    expect(r.notes.some((n) => n.includes('aws sts decode-authorization-message'))).toBe(true);
  });

  it('text it cannot read is refused with the parser\u2019s error, and nothing is evaluated', () => {
    const r = explainAccessDenied('Access Denied', { identity: [ALLOW_EC2] });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_an_access_denied_message' } });
  });
});
