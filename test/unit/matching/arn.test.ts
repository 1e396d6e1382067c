import { describe, expect, it } from 'vitest';
import { compileArnPattern, compileArnPieces, matchArn, splitArn } from '../../../src/matching/arn.js';

describe('splitArn (W-3)', () => {
  it('splits at the first five colons only', () => {
    expect(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:/a:b')).toEqual([
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '111122223333',
      'log-group:/a:b',
    ]);
  });
  it('keeps empty components', () => {
    expect(splitArn('arn:aws:s3:::bucket')).toEqual(['arn', 'aws', 's3', '', '', 'bucket']);
  });
  it('refuses fewer than six components', () => {
    expect(splitArn('arn:aws:s3::bucket')).toBeUndefined();
    expect(splitArn('*')).toBeUndefined();
  });
});

describe('ARN patterns (W-3, W-4, W-6, W-7)', () => {
  it('the W-4 example: ArnLike is false where StringLike is true', () => {
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(matchArn('arn:aws:someservice:*:111122223333:finance/*', value)).toBe(false);
  });
  it('refuses a pattern with fewer than six components, with a message', () => {
    const result = compileArnPattern('arn:aws:s3');
    expect(result).toEqual({
      ok: false,
      message: '`arn:aws:s3` is not an arn: expected 6 components separated by `:`, found 3',
    });
    expect(matchArn('arn:aws:s3', 'arn:aws:s3:::b')).toBe(false);
  });
  it('explains W-7 and W-3 outcomes', () => {
    const result = compileArnPattern('arn:aws:s3:*:*:b');
    if (!result.ok) throw new Error(result.message);
    expect(result.matcher.explain('arn:aws:s3:::b')).toEqual({ matched: true, choice: 'W-7' });
    expect(result.matcher.explain('arn:aws:s3:us-east-1:111122223333:b')).toEqual({ matched: true });
    expect(result.matcher.explain('b')).toEqual({ matched: false, choice: 'W-3' });
  });
  it('`*` alone matches everything (W-6)', () => {
    const result = compileArnPattern('*');
    expect(result.ok && result.matcher.matchesEverything).toBe(true);
    expect(result.ok && result.matcher.test('anything at all')).toBe(true);
  });
  it('a literal `*` piece is not the match-everything pattern', () => {
    const result = compileArnPieces([{ text: '*', literal: true }]);
    expect(result.ok).toBe(false);
  });
  it('colons inside literal pieces still separate components', () => {
    const result = compileArnPieces([
      { text: 'arn:aws:iam::', literal: false },
      { text: '111122223333:user/ana', literal: true },
    ]);
    expect(result.ok && result.matcher.test('arn:aws:iam::111122223333:user/ana')).toBe(true);
  });
});
