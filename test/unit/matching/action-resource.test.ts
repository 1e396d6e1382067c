import { describe, expect, it } from 'vitest';
import { createRequestContext } from '../../../src/conditions/request-context.js';
import { compileActionMatcher } from '../../../src/matching/action.js';
import { compileResourceMatcher } from '../../../src/matching/resource.js';
import { SPAN, templateOf } from '../conditions/condition-entry.js';

const empty = createRequestContext({});

describe('compileActionMatcher (G-22, G-23, W-8)', () => {
  it('reports the first matching pattern in list order', () => {
    const matcher = compileActionMatcher(['s3:List*', 's3:*', 'S3:GetObject']);
    expect(matcher.match('s3:GetObject')).toEqual({ index: 1, pattern: 's3:*' });
    expect(matcher.match('ec2:RunInstances')).toBeUndefined();
  });
  it('accepts normalized ActionPattern objects', () => {
    const matcher = compileActionMatcher([{ raw: 'IAM:PassRole', pattern: 'iam:passrole', span: SPAN }]);
    expect(matcher.matches('iam:passrole')).toBe(true);
    expect(matcher.match('iam:PassRole')).toEqual({ index: 0, pattern: 'IAM:PassRole' });
  });
  it('a `*` before the colon crosses it and reports W-8 (the parser refuses such patterns in policies)', () => {
    expect(compileActionMatcher(['s3*']).match('s3:ListBucket')).toEqual({ index: 0, pattern: 's3*', choice: 'W-8' });
    expect(compileActionMatcher(['ec2:*']).match('EC2:RunInstances')).toEqual({ index: 0, pattern: 'ec2:*' });
  });
  it('the bare `*` is not a W-8 choice', () => {
    expect(compileActionMatcher(['*']).match('s3:GetObject')).toEqual({ index: 0, pattern: '*' });
  });
  it('an empty list matches nothing (G-7)', () => {
    expect(compileActionMatcher([]).matches('s3:GetObject')).toBe(false);
  });
});

describe('compileResourceMatcher (W-1..W-3, W-6, PV-5)', () => {
  const pattern = (raw: string) => ({ raw, template: templateOf(raw), span: SPAN });

  it('reports the substituted pattern that matched', () => {
    const matcher = compileResourceMatcher([pattern('arn:aws:s3:::b/${aws:username}/*')]);
    const context = createRequestContext({ 'aws:username': 'ana' });
    expect(matcher.match('arn:aws:s3:::b/ana/x', context)).toEqual({
      matched: true,
      index: 0,
      pattern: 'arn:aws:s3:::b/${aws:username}/*',
      value: 'arn:aws:s3:::b/ana/*',
      choices: [],
    });
  });
  it('says why nothing matched', () => {
    const matcher = compileResourceMatcher([pattern('arn:aws:s3:::b/${aws:username}/*'), 'not-an-arn']);
    expect(matcher.match('arn:aws:s3:::b/ana/x', empty)).toEqual({
      matched: false,
      notes: [
        'variable `aws:username` is missing',
        'resource `not-an-arn` is not an arn: expected 6 components separated by `:`, found 1',
      ],
      choices: ['W-3'],
    });
  });
  it('plain strings are read without variables', () => {
    const matcher = compileResourceMatcher(['arn:aws:s3:::b/${aws:username}']);
    expect(matcher.matches('arn:aws:s3:::b/${aws:username}', createRequestContext({ 'aws:username': 'x' }))).toBe(true);
  });
  it('an empty list matches nothing (G-7)', () => {
    expect(compileResourceMatcher([]).matches('*', empty)).toBe(false);
  });
});
