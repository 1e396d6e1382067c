import { describe, expect, it } from 'vitest';
import { compileWildcard, compileWildcardPieces, matchWildcard } from '../../../src/matching/wildcard.js';

describe('compileWildcard (W-1, G-23)', () => {
  it('compiles once and matches many values', () => {
    const matcher = compileWildcard('iam:*AccessKey?');
    expect(matcher.test('iam:CreateAccessKeys')).toBe(true);
    expect(matcher.test('iam:ListAccessKey')).toBe(false);
    expect(Object.isFrozen(matcher)).toBe(true);
    expect(matcher.source).toBe('iam:*AccessKey?');
  });

  it('reports whether a pattern holds wildcards', () => {
    expect(compileWildcard('s3:GetObject').hasWildcards).toBe(false);
    expect(compileWildcard('s3:Get?bject').hasWildcards).toBe(true);
    expect(compileWildcard('s3:*').hasWildcards).toBe(true);
  });

  it('folds case on both sides when asked (G-22)', () => {
    const matcher = compileWildcard('S3:Get*', { caseInsensitive: true });
    expect(matcher.caseInsensitive).toBe(true);
    expect(matcher.test('s3:getobject')).toBe(true);
    expect(compileWildcard('S3:Get*').test('s3:getobject')).toBe(false);
  });

  it('handles long ?-segments that span several 32-bit words', () => {
    const segment = `${'ab?'.repeat(30)}c`;
    const value = `zz${'abx'.repeat(30)}czz`;
    expect(matchWildcard(`*${segment}*`, value)).toBe(true);
    expect(matchWildcard(`*${segment}*`, value.replace(/c/, 'd'))).toBe(false);
  });

  it('finds long literal middle segments with repeated prefixes', () => {
    expect(matchWildcard('*aab*', 'aaaaaaab')).toBe(true);
    expect(matchWildcard('x*abab*y', 'xabaababy')).toBe(true);
    expect(matchWildcard('x*ababc*y', 'xabababay')).toBe(false);
  });

  it('treats `?` as one UTF-16 code unit', () => {
    expect(matchWildcard('?', '😀')).toBe(false);
    expect(matchWildcard('??', '😀')).toBe(true);
  });

  it('matches a 1 MB value against an adversarial pattern', () => {
    const pattern = `${'a*'.repeat(50)}b`;
    const value = 'a'.repeat(1_000_000);
    expect(matchWildcard(pattern, value)).toBe(false);
    expect(matchWildcard(pattern, `${value}b`)).toBe(true);
  });
});

describe('compileWildcardPieces (PV-7, PV-8)', () => {
  it('never treats literal pieces as wildcards', () => {
    const matcher = compileWildcardPieces([
      { text: 'home/', literal: false },
      { text: 'a*b?', literal: true },
      { text: '/*', literal: false },
    ]);
    expect(matcher.test('home/a*b?/x')).toBe(true);
    expect(matcher.test('home/axbc/x')).toBe(false);
    expect(matcher.hasWildcards).toBe(true);
  });

  it('is a plain equality when only literal pieces are given', () => {
    const matcher = compileWildcardPieces([{ text: '*', literal: true }]);
    expect(matcher.hasWildcards).toBe(false);
    expect(matcher.test('*')).toBe(true);
    expect(matcher.test('x')).toBe(false);
  });
});
