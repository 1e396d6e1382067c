import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  compileConditions,
  conditionKeysOf,
  evaluateCondition,
  testCondition,
  testConditions,
} from '../../../src/conditions/evaluate-condition.js';
import { createRequestContext } from '../../../src/conditions/request-context.js';
import { loadPolicy } from '../../../src/normalizer/load-policy.js';
import { SPAN, conditionEntries } from './condition-entry.js';
import type { RawConditionBlock } from './condition-entry.js';

const only = (block: RawConditionBlock) => {
  const [entry] = conditionEntries(block);
  if (entry === undefined) throw new Error('no entry');
  return compileCondition(entry);
};

describe('evaluateCondition: the trace record', () => {
  it('records operator, qualifier, key, values, matches, result and reason (C-25)', () => {
    const compiled = only({ 'ForAllValues:StringNotLike': { 'AWS:TagKeys': ['key1*', 'admin'] } });
    const trace = evaluateCondition(compiled, createRequestContext({ 'aws:TagKeys': ['key2:audit', 'key1:hr'] }));
    expect(trace).toEqual({
      operator: 'ForAllValues:StringNotLike',
      baseOperator: 'StringNotLike',
      qualifier: 'ForAllValues',
      ifExists: false,
      key: 'AWS:TagKeys',
      keyStatus: 'supplied',
      requestValues: ['key2:audit', 'key1:hr'],
      policyValues: ['key1*', 'admin'],
      matchedPolicyValues: ['key1*'],
      matchedRequestValues: ['key1:hr'],
      result: false,
      reason: 'a request value matched a policy value',
      choice: 'C-26',
      choices: ['C-26'],
      span: SPAN,
    });
  });

  it('reports policy values after substitution and the missing-key reason', () => {
    const compiled = only({ StringLikeIfExists: { 's3:prefix': 'home/${aws:username}/*' } });
    const missing = evaluateCondition(compiled, createRequestContext({}, { 'aws:username': 'ana' }));
    expect(missing).toMatchObject({
      keyStatus: 'missing',
      policyValues: ['home/ana/*'],
      result: true,
      reason: 'key missing, IfExists makes it true',
    });
    expect(missing.choice).toBeUndefined();
    const present = evaluateCondition(
      compiled,
      createRequestContext({ 's3:prefix': 'home/bob/' }, { 'aws:username': 'ana' }),
    );
    expect(present).toMatchObject({ result: false, reason: 'no value matched', matchedRequestValues: [] });
  });

  it('puts the modifier choice first (C-28)', () => {
    const compiled = only({ StringEqualsIgnoreCase: { 'aws:TagKeys': 'ÉTÉ' } });
    const trace = evaluateCondition(compiled, createRequestContext({ 'aws:TagKeys': ['été'] }));
    expect(trace.result).toBe(true);
    expect(trace.choice).toBe('C-28');
    expect(trace.choices).toEqual(['C-28', 'C-10']);
  });

  it('explains unreadable values in the reason', () => {
    const trace = evaluateCondition(
      only({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', 'soon'] } }),
      createRequestContext({ 'aws:MultiFactorAuthAge': 'later' }),
    );
    expect(trace.reason).toBe(
      'no value matched; policy value `soon` is not a number; request value `later` is not a number',
    );
    expect(trace.choice).toBe('C-11');
  });
});

describe('compile once, evaluate many', () => {
  it('prepares values without variables at compile time', () => {
    const compiled = only({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', 'bad'] } });
    expect(compiled.hasVariables).toBe(false);
    expect(compiled.staticValues?.present).toEqual([true, false]);
    expect(compiled.values.map((v) => v.kind)).toEqual(['ready', 'invalid']);
    expect(Object.isFrozen(compiled)).toBe(true);
  });

  it('keeps values with variables as templates', () => {
    const compiled = only({ StringEquals: { 'aws:ResourceTag/owner': ['${aws:username}', 'admin'] } });
    expect(compiled.hasVariables).toBe(true);
    expect(compiled.staticValues).toBeUndefined();
    expect(compiled.values.map((v) => v.kind)).toEqual(['template', 'ready']);
    expect(compiled.keys).toEqual(['aws:ResourceTag/owner', 'aws:username']);
  });

  it('prepares escape-only templates statically (PV-7)', () => {
    const compiled = only({ StringLike: { 's3:prefix': 'a${*}' } });
    expect(compiled.hasVariables).toBe(false);
    expect(testCondition(compiled, createRequestContext({ 's3:prefix': 'a*' }))).toBe(true);
    expect(testCondition(compiled, createRequestContext({ 's3:prefix': 'ab' }))).toBe(false);
  });

  it('throws for an operator the registry does not hold, with a suggestion', () => {
    const [entry] = conditionEntries({ StringEqual: { k: 'v' } });
    if (entry === undefined) throw new Error('no entry');
    expect(() => compileCondition(entry)).toThrow(
      'unknown condition operator `StringEqual`: did you mean `StringEquals`',
    );
  });

  it('reads substituted values literally and names PV-8 in the trace', () => {
    const [entry] = conditionEntries({ StringLike: { 's3:prefix': '${aws:PrincipalTag/p}' } });
    if (entry === undefined) throw new Error('no entry');
    const context = createRequestContext({ 's3:prefix': 'anything', 'aws:PrincipalTag/p': '*' });
    expect(testCondition(compileCondition(entry), context)).toBe(false);
    expect(evaluateCondition(compileCondition(entry), context).choices).toContain('PV-8');
  });
});

describe('conditions of a loaded policy', () => {
  const policy = loadPolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::bucket',
          Condition: {
            StringLike: { 's3:prefix': ['home/${aws:username}/*', 'shared/${*}'] },
            Bool: { 'aws:SecureTransport': true },
            'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' },
          },
        },
      ],
    },
    { policyType: 'identity', policyId: 'home' },
  );
  const conditions = compileConditions(policy.statements[0]?.conditions ?? []);

  it('compiles every entry in document order', () => {
    expect(conditions.map((c) => c.entry.operator)).toEqual(['StringLike', 'Bool', 'ForAnyValue:StringEquals']);
  });

  it('lists the keys the conditions read, variables included', () => {
    expect(conditionKeysOf(conditions)).toEqual(['aws:SecureTransport', 'aws:TagKeys', 'aws:username', 's3:prefix']);
    expect(conditionKeysOf(policy.statements[0]?.conditions ?? [])).toEqual(conditionKeysOf(conditions));
  });

  it('ANDs the entries (C-1)', () => {
    const base = { 'aws:username': 'ana', 'aws:SecureTransport': true, 'aws:TagKeys': ['team'] };
    expect(testConditions(conditions, createRequestContext({ ...base, 's3:prefix': 'home/ana/a' }))).toBe(true);
    expect(testConditions(conditions, createRequestContext({ ...base, 's3:prefix': 'shared/*' }))).toBe(true);
    expect(testConditions(conditions, createRequestContext({ ...base, 's3:prefix': 'shared/x' }))).toBe(false);
    expect(
      testConditions(
        conditions,
        createRequestContext({ ...base, 's3:prefix': 'home/ana/a', 'aws:SecureTransport': false }),
      ),
    ).toBe(false);
  });

  it('never mutates the context or the policy', () => {
    const supplied = { 's3:prefix': 'home/ana/a', 'aws:username': 'ana', 'aws:TagKeys': ['team'] };
    const snapshot = structuredClone(supplied);
    const context = createRequestContext(supplied);
    for (const condition of conditions) evaluateCondition(condition, context);
    expect(supplied).toEqual(snapshot);
    expect(Object.isFrozen(policy.statements[0]?.conditions[0])).toBe(true);
  });
});
