import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../../src/index.js';
import type { PolicyGrammar } from '../../../src/index.js';
import { GRAMMAR_RULES } from '../../../src/parser/grammar-rules.js';
import { MAX_SOURCE_LENGTH, policySize } from '../../../src/parser/policy-size.js';

/** A policy of exactly `size` characters (compact JSON), optionally indented by `pad` spaces per line. */
function policyOfSize(grammar: PolicyGrammar, size: number): string {
  const principal = GRAMMAR_RULES[grammar].principal === 'required' ? '"Principal":"*",' : '';
  const resource = grammar === 'roleTrust' ? '' : ',"Resource":"*"';
  const head = `{"Version":"2012-10-17","Statement":[{"Sid":"`;
  const tail = `","Effect":"Deny",${principal}"Action":"s3:GetObject"${resource}}]}`;
  const filler = size - head.length - tail.length;
  if (filler < 1) throw new Error('size too small');
  return head + 'A'.repeat(filler) + tail;
}

function codes(grammar: PolicyGrammar, text: string, maxSize?: number): string[] {
  const options =
    maxSize === undefined
      ? { policyType: grammar, policyId: 'big' }
      : { policyType: grammar, policyId: 'big', maxSize };
  return validatePolicy(text, options).map((issue) => issue.code);
}

const LIMITS: readonly [PolicyGrammar, number, boolean][] = [
  ['identity', 6144, false],
  ['permissionsBoundary', 6144, false],
  ['session', 2048, true],
  ['roleTrust', 2048, false],
  ['resource', 20480, true],
  ['scp', 5120, true],
  ['rcp', 5120, true],
  ['vpcEndpoint', 20480, true],
];

describe('size limits per policy type (IAM-SEMANTICS §12.1, O-19, V-4)', () => {
  it.each(LIMITS)('%s allows %i characters (white space counted: %s)', (grammar, limit, whiteSpaceCounted) => {
    expect(GRAMMAR_RULES[grammar].maxSize).toBe(limit);
    expect(GRAMMAR_RULES[grammar].whiteSpaceCounted).toBe(whiteSpaceCounted);
    expect(codes(grammar, policyOfSize(grammar, limit))).not.toContain('policy_too_large');
    expect(codes(grammar, policyOfSize(grammar, limit + 1))).toContain('policy_too_large');
  });

  it('reports the size on line 1 with the limit in the message', () => {
    const issues = validatePolicy(policyOfSize('scp', 5121), { policyType: 'scp', policyId: 'big' });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'policy_too_large',
        line: 1,
        column: 1,
        message: 'the policy has 5121 characters: a service control policy allows at most 5120',
      }),
    ]);
  });

  it('does not count white space for IAM policies, but counts it inside strings', () => {
    const compact = policyOfSize('identity', 6144);
    const indented = compact.replaceAll(',"', ',\n    "').replace('{', '{\n  ');
    expect(indented.length).toBeGreaterThan(6144);
    expect(codes('identity', indented)).toEqual([]);
    expect(policySize('{ "a" : "b c" }', false)).toBe('{"a":"b c"}'.length);
    expect(policySize('{"a":"x\\" y"}', false)).toBe('{"a":"x\\" y"}'.length);
  });

  it('counts white space for SCPs', () => {
    const compact = policyOfSize('scp', 5000);
    expect(codes('scp', compact)).toEqual([]);
    expect(codes('scp', compact + ' '.repeat(121))).toEqual(['policy_too_large']);
  });

  it('measures an object as compact JSON, not its indented rendering', () => {
    const object = JSON.parse(policyOfSize('scp', 5120)) as unknown;
    expect(JSON.stringify(object, null, 2).length).toBeGreaterThan(5120);
    expect(validatePolicy(object, { policyType: 'scp', policyId: 'o' })).toEqual([]);
  });

  it('takes a raised quota as an option (role trust 4,096)', () => {
    const text = policyOfSize('roleTrust', 4096);
    expect(codes('roleTrust', text)).toEqual(['policy_too_large']);
    expect(codes('roleTrust', text, 4096)).toEqual([]);
  });

  it('refuses text beyond the reader limit without reading it', () => {
    const huge = '{' + ' '.repeat(MAX_SOURCE_LENGTH) + '}';
    const issues = validatePolicy(huge, { policyType: 'identity', policyId: 'huge' });
    expect(issues.map((issue) => issue.code)).toEqual(['policy_too_large']);
  });
});
