import { describe, expect, it } from 'vitest';
import { explain, formatExplanation } from '../../../src/index.js';
import type { EvaluationInput } from '../../../src/index.js';

const alice = 'arn:aws:iam::111122223333:user/alice';
const policy = (statements: object[]) => ({
  id: 'reports',
  document: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2),
});
const input = (action: string, resource: string, statements: object[]): EvaluationInput => ({
  request: { principal: alice, action, resource, resourceAccount: '111122223333' },
  policies: { identity: [policy(statements)] },
});

describe('explain with the service catalogue', () => {
  it('CAT-4: the near miss says ListBucket needs the bucket ARN, and names it', () => {
    const e = explain(
      input('s3:ListBucket', 'arn:aws:s3:::reports', [
        { Sid: 'List', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports/*' },
      ]),
    );
    const reason = e.notAllowed[0]?.closest[0]?.reason ?? '';
    expect(reason).toContain('the statement grants `s3:ListBucket` on `arn:aws:s3:::reports/*`, but ListBucket needs');
    expect(reason).toContain('the bucket ARN `arn:${Partition}:s3:::${BucketName}`: `arn:aws:s3:::reports`');
  });

  it('CAT-10: what a wildcard covered, once per statement', () => {
    const e = explain(
      input('s3:GetObject', 'arn:aws:s3:::reports/a.csv', [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::reports/*' },
      ]),
    );
    expect(e.catalogueNotes).toHaveLength(1);
    expect(e.catalogueNotes[0]).toMatch(/`s3:Get\*` matched `s3:GetObject` \(one of \d+ actions it covers\)$/);
    expect(formatExplanation(e)).toContain('what the service catalogue says:');
  });

  it('CAT-10: the request warnings, and a missing key the action never carries', () => {
    const e = explain(
      input('s3:GetObject', 'arn:aws:s3:::reports', [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringLike: { 's3:prefix': 'home/*' } },
        },
      ]),
    );
    expect(e.catalogueNotes).toEqual([
      expect.stringContaining('`s3:GetObject` acts on'),
      '`s3:prefix`: `s3:GetObject` requests never carry it, so a condition on it always sees it missing',
    ]);
  });

  it('catalogue: false leaves the explanation as it was', () => {
    const e = explain(
      input('s3:ListBucket', 'arn:aws:s3:::reports', [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports/*' },
      ]),
      undefined,
      { catalogue: false },
    );
    expect(e.catalogueNotes).toEqual([]);
    expect(e.notAllowed[0]?.closest[0]?.reason).not.toContain('needs');
  });
});

describe('what would change, weighed by the keys the action carries', () => {
  const allowWithPrefix = {
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: '*',
    Condition: { StringLike: { 's3:prefix': 'home/*' } },
  };

  it('CAT-7: no change sets a key the action never carries (s3:prefix on s3:GetObject)', () => {
    const e = explain(input('s3:GetObject', 'arn:aws:s3:::reports/a.csv', [allowWithPrefix]));
    expect(e.notAllowed[0]?.closest[0]?.changes).toEqual([]);
  });

  it('CAT-7: the same condition on s3:ListBucket, which carries it, gets the change', () => {
    const e = explain(
      input('s3:ListBucket', 'arn:aws:s3:::reports', [{ ...allowWithPrefix, Action: 's3:ListBucket' }]),
    );
    expect(e.notAllowed[0]?.closest[0]?.changes.map((c) => c.key)).toEqual(['s3:prefix']);
  });

  it('without the catalogue the search tries every key, as before', () => {
    const e = explain(input('s3:GetObject', 'arn:aws:s3:::reports/a.csv', [allowWithPrefix]), undefined, {
      catalogue: false,
    });
    expect(e.notAllowed[0]?.closest[0]?.changes.map((c) => c.key)).toEqual(['s3:prefix']);
  });
});
