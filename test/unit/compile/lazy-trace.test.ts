import { inspect, isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compile, evaluate } from '../../../src/index.js';
import type { PolicySet, RequestInput } from '../../../src/index.js';

/**
 * The compiled `evaluate` builds its trace on first read (issue 7): the result must be indistinguishable from
 * `evaluate`'s by every way of reading it, and fixed when `evaluate` returns.
 */

const alice = 'arn:aws:iam::111122223333:user/alice';
const policies: PolicySet = {
  identity: [
    {
      id: 'p',
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          {
            Effect: 'Deny',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  ],
};

function fresh(): RequestInput {
  return {
    principal: alice,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    context: { 'aws:SecureTransport': false },
  };
}

describe('the lazily built trace', () => {
  it('reads, serializes and compares as the eager result does', () => {
    const request = fresh();
    const expected = evaluate({ request, policies });
    const result = compile(policies).evaluate(request);
    expect(Object.keys(result)).toEqual(Object.keys(expected));
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
    expect(isDeepStrictEqual({ ...result }, expected)).toBe(true);
    expect(structuredClone(result)).toEqual(expected);
    expect(result).toStrictEqual(expected);
  });

  it('is fixed when evaluate returns: mutating the request afterwards changes nothing', () => {
    const request = fresh();
    const expected = evaluate({ request: fresh(), policies });
    const result = compile(policies).evaluate(request);
    (request.context as Record<string, unknown>)['aws:SecureTransport'] = true;
    (request as { action: string }).action = 's3:PutObject';
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.trace).toEqual(expected.trace);
  });

  it('becomes a plain data property once read, and can be assigned like one', () => {
    const result = compile(policies).evaluate(fresh());
    expect(typeof Object.getOwnPropertyDescriptor(result, 'trace')?.get).toBe('function');
    const trace = result.trace;
    expect(Object.getOwnPropertyDescriptor(result, 'trace')).toEqual({
      value: trace,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(result.trace).toBe(trace);
    const other = compile(policies).evaluate(fresh());
    (other as { trace: unknown }).trace = 'replaced';
    expect(other.trace).toBe('replaced');
  });

  it('still builds when the result was frozen before the first read', () => {
    const result = Object.freeze(compile(policies).evaluate(fresh()));
    expect(result.trace).toEqual(evaluate({ request: fresh(), policies }).trace);
  });

  it('prints in full with console.log (util.inspect)', () => {
    const result = compile(policies).evaluate(fresh());
    const printed = inspect(result, { depth: 1 });
    expect(printed).not.toContain('Getter');
    expect(printed).toContain('policyTypes');
  });

  it('keeps odd context keys (`__proto__`, keys differing in case) when it copies the request', () => {
    const context = JSON.parse(
      '{"__proto__": "x", "aws:PrincipalTag/Team": "a", "AWS:principaltag/team": "b"}',
    ) as Record<string, string | boolean>;
    const request = { ...fresh(), context };
    const expected = evaluate({ request, policies });
    const result = compile(policies).evaluate(request);
    expect(result.trace).toEqual(expected.trace);
    expect(result.trace.derivedContext).toEqual(expected.trace.derivedContext);
  });
});

describe('the members of a compiled result', () => {
  const boundary = {
    id: 'NoDelete',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
      ],
    },
  };
  const set: PolicySet = { ...policies, permissionsBoundary: boundary };
  const request = (action: string, secure: boolean): RequestInput => ({
    principal: alice,
    action,
    resource: 'arn:aws:s3:::b/k',
    context: { 'aws:SecureTransport': secure },
  });

  // E-4 (ExplicitDeny with deniedBy), E-5 (ImplicitDeny with notAllowedBy), Allow with allowedBy: each shape of result.
  it.each([
    ['Allow', request('s3:GetObject', true)],
    ['ExplicitDeny', request('s3:GetObject', false)],
    ['ExplicitDeny', request('s3:DeleteObject', true)],
    ['ImplicitDeny', request('s3:PutObject', true)],
    ['ImplicitDeny', { principal: alice, action: 's3:PutObject', resource: '*' }],
  ] as const)("are the reference's, in its order, for a %s", (decision, input) => {
    const expected = evaluate({ request: input, policies: set });
    const result = compile(set).evaluate(input);
    expect(result.decision).toBe(decision);
    expect(Object.keys(result)).toEqual(Object.keys(expected));
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
  });

  it('lists that are empty stay empty and unchanged from one result to the next', () => {
    const compiled = compile(set);
    const first = compiled.evaluate(request('s3:PutObject', true));
    const second = compiled.evaluate(request('s3:PutObject', true));
    expect(first.denies).toEqual([]);
    expect(first.allowedBy).toEqual([]);
    expect(second.denies).toEqual([]);
    expect(() => (first.denies as unknown[]).push('x')).toThrow(TypeError);
    expect(second.denies).toEqual([]);
  });
});
