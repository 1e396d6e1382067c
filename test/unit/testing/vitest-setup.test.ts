// `iam-policy-evaluator/vitest/setup` from source: importing it is all it takes to register the matchers with
// vitest's `expect`. This file never calls `expect.extend`; the first test runs before the import, in this file's own
// worker (vitest isolates test files), so it sees vitest's `expect` as the setup entry finds it.
import { describe, expect, it } from 'vitest';
import type { PolicySet, RequestInput } from '../../../src/model/request.js';

const policies: PolicySet = {
  identity: [
    {
      id: 'read-reports',
      document: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      },
    },
  ],
};
const read: RequestInput = {
  principal: 'arn:aws:iam::123456789012:user/alice',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::reports/q1.csv',
};
const write: RequestInput = { ...read, action: 's3:PutObject' };

describe('iam-policy-evaluator/vitest/setup', () => {
  it('finds no decision matcher on expect before it is imported', () => {
    // `in`, not a property read: vitest's assertion proxy throws on reading a property it does not know.
    const assertion = expect(policies);
    for (const name of ['toAllow', 'toExplicitlyDeny', 'toImplicitlyDeny']) expect(name in assertion).toBe(false);
  });

  it('registers toAllow, toExplicitlyDeny and toImplicitlyDeny when imported, with the library’s messages', async () => {
    await import('../../../src/testing/vitest/setup.js');
    expect(policies).toAllow(read, { by: { policyType: 'identity', sid: 'ReadReports' } });
    expect(policies).not.toExplicitlyDeny(read);
    expect(policies).toImplicitlyDeny(write, { notAllowedBy: 'identity' });
    expect({ set: policies }).toEqual({ set: expect.toImplicitlyDeny(write) });
    expect(() => expect(policies).toAllow(write)).toThrow(
      'expected the request to be allowed, but it was ImplicitDeny (no allow in identity)',
    );
  });

  it('registers once: importing it again changes nothing', async () => {
    await import('../../../src/testing/vitest/setup.js');
    expect(policies).toAllow(read);
    expect(() => expect(policies).not.toAllow(read)).toThrow(
      /^expected the request not to be allowed, but it was Allow/,
    );
  });
});
