import { describe, expect, it } from 'vitest';
import { parsePolicy, validatePolicy } from '../../../src/index.js';

const options = { policyType: 'identity', policyId: 'obj' } as const;
const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

function codes(source: unknown): string[] {
  return validatePolicy(source, options).map((issue) => `${issue.code} ${issue.pointer}`);
}

describe('documents given as objects', () => {
  it('positions refer to the 2-space JSON.stringify rendering (G-1)', () => {
    const document = { Version: '2012-10-17', Statement: [{ ...statement, Effect: 'allow' }] };
    const result = parsePolicy(document, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const rendering = JSON.stringify(document, null, 2).split('\n');
    const issue = result.issues[0];
    expect(issue?.code).toBe('invalid_effect');
    expect(rendering[(issue?.line ?? 0) - 1]?.slice((issue?.column ?? 0) - 1)).toBe('"allow",');
  });

  it('keeps the rendering as the source of a parsed policy', () => {
    const document = { Version: '2012-10-17', Statement: statement };
    const result = parsePolicy(document, options);
    expect(result.ok && result.policy.source).toBe(JSON.stringify(document, null, 2));
  });

  it.each([
    ['undefined', { Version: '2012-10-17', Statement: { ...statement, Condition: undefined } }, '/Statement/Condition'],
    ['a function', { Version: '2012-10-17', Statement: { ...statement, Sid: () => 'x' } }, '/Statement/Sid'],
    ['a BigInt', { Version: '2012-10-17', Statement: { ...statement, Sid: 10n } }, '/Statement/Sid'],
    ['a symbol', { Version: '2012-10-17', Statement: { ...statement, Sid: Symbol('x') } }, '/Statement/Sid'],
    [
      'NaN',
      { Version: '2012-10-17', Statement: { ...statement, Condition: { NumericEquals: { 'a:b': NaN } } } },
      '/Statement/Condition/NumericEquals/a:b',
    ],
    [
      'Infinity',
      { Version: '2012-10-17', Statement: { ...statement, Condition: { NumericEquals: { 'a:b': [Infinity] } } } },
      '/Statement/Condition/NumericEquals/a:b/0',
    ],
    [
      'a Date',
      {
        Version: '2012-10-17',
        Statement: { ...statement, Condition: { DateLessThan: { 'aws:CurrentTime': new Date(0) } } },
      },
      '/Statement/Condition/DateLessThan/aws:CurrentTime',
    ],
    ['a Map', { Version: '2012-10-17', Statement: new Map([['Effect', 'Allow']]) }, '/Statement'],
    [
      'an array hole',
      // eslint-disable-next-line no-sparse-arrays
      { Version: '2012-10-17', Statement: { ...statement, Action: ['s3:GetObject', , 's3:PutObject'] } },
      '/Statement/Action/1',
    ],
  ])('refuses %s with an issue at its pointer, never an exception', (_name, document, pointer) => {
    const issues = validatePolicy(document, options);
    expect(issues.map((issue) => issue.code)).toEqual(['unsupported_value']);
    expect(issues[0]?.pointer).toBe(pointer);
    expect(issues[0]?.line).toBeGreaterThan(1);
  });

  it('refuses a cycle', () => {
    const document: Record<string, unknown> = { Version: '2012-10-17', Statement: { ...statement } };
    (document['Statement'] as Record<string, unknown>)['Self'] = document;
    expect(codes(document)).toEqual(['unsupported_value /Statement/Self']);
  });

  it('accepts the same object twice when it is no cycle', () => {
    const shared = ['s3:GetObject'];
    const document = {
      Version: '2012-10-17',
      Statement: [
        { ...statement, Action: shared },
        { ...statement, Action: shared },
      ],
    };
    expect(codes(document)).toEqual([]);
  });

  it('refuses a value whose getter throws, and a revoked proxy', () => {
    const getter = {
      Version: '2012-10-17',
      get Statement(): unknown {
        throw new Error('no access');
      },
    };
    expect(codes(getter)).toEqual(['not_an_object ']);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(codes(proxy)).toEqual(['not_an_object ']);
  });

  it.each([undefined, () => 1, Symbol('p'), 1n])('refuses a top-level %s', (value) => {
    expect(codes(value)).toEqual(['not_an_object ']);
  });

  it('treats a `__proto__` key as an ordinary unknown element', () => {
    const document = JSON.parse(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},"__proto__":{"x":1}}',
    ) as unknown;
    expect(codes(document)).toEqual(['unknown_element /__proto__']);
    expect(
      codes(
        '{"Version":"2012-10-17","__proto__":1,"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}',
      ),
    ).toEqual(['unknown_element /__proto__']);
  });

  it('never mutates or depends on mutating the input', () => {
    const document = Object.freeze({
      Version: '2012-10-17',
      Statement: Object.freeze([Object.freeze({ ...statement, Action: Object.freeze(['s3:GetObject']) })]),
    });
    const before = JSON.stringify(document);
    const result = parsePolicy(document, options);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(document)).toBe(before);
  });
});
