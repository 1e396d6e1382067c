import { describe, expect, it } from 'vitest';
import { createRequestContext } from '../../../src/conditions/request-context.js';

describe('createRequestContext (G-30, G-32, C-29)', () => {
  it('looks keys up case-insensitively, tag-key part included', () => {
    const context = createRequestContext({ 'aws:ResourceTag/CostCenter': '42' });
    expect(context.get('AWS:RESOURCETAG/costcenter')).toEqual({
      key: 'aws:ResourceTag/CostCenter',
      values: ['42'],
      multivalued: false,
      origin: 'supplied',
    });
  });

  it('makes arrays multivalued, and the §9.1 multivalued keys even as one value', () => {
    const context = createRequestContext({ 'aws:PrincipalTag/x': ['a'], 'aws:TagKeys': 'env', 'aws:username': 'ana' });
    expect(context.get('aws:PrincipalTag/x')?.multivalued).toBe(true);
    expect(context.get('aws:tagkeys')?.multivalued).toBe(true);
    expect(context.get('aws:username')?.multivalued).toBe(false);
  });

  it('reads null as a present key without values', () => {
    const context = createRequestContext(JSON.parse('{"aws:SourceIp": null}') as Record<string, string>);
    expect(context.get('aws:SourceIp')?.values).toEqual([]);
  });

  it('lets supplied keys win over derived ones, recording the origin', () => {
    const context = createRequestContext({ 'AWS:Username': 'bob' }, { 'aws:username': 'ana', 'aws:userid': 'AIDA1' });
    expect(context.get('aws:username')).toMatchObject({ key: 'AWS:Username', values: ['bob'], origin: 'supplied' });
    expect(context.get('aws:userid')).toMatchObject({ values: ['AIDA1'], origin: 'derived' });
  });

  it('is safe for any key name', () => {
    const supplied = JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, string>;
    const context = createRequestContext(supplied);
    expect(context.get('__proto__')?.values).toEqual(['p']);
    expect(context.get('constructor')?.values).toEqual(['c']);
    expect(createRequestContext({}).get('__proto__')).toBeUndefined();
    expect(createRequestContext({}).get('toString')).toBeUndefined();
    expect(createRequestContext({}).get('hasOwnProperty')).toBeUndefined();
  });

  it('merges keys differing only in case (G-32 [X])', () => {
    const context = createRequestContext({ 'aws:ResourceTag/Team': 'a', 'aws:resourcetag/team': 'b' });
    expect(context.get('aws:ResourceTag/TEAM')).toMatchObject({ key: 'aws:ResourceTag/Team', values: ['a', 'b'] });
  });

  it('lists entries in a stable order, whatever the input order', () => {
    const a = createRequestContext({ b: '1', A: '2' }, { c: '3' });
    const b = createRequestContext({ A: '2', b: '1' }, { c: '3' });
    expect(a.entries().map((e) => e.key)).toEqual(['A', 'b', 'c']);
    expect(b.entries()).toEqual(a.entries());
  });

  it('never mutates its inputs and freezes what it returns', () => {
    const supplied = { 'aws:TagKeys': ['a', 'b'], 'aws:SourceIp': '203.0.113.1' };
    const snapshot = structuredClone(supplied);
    const context = createRequestContext(supplied);
    expect(supplied).toEqual(snapshot);
    expect(Object.isFrozen(context)).toBe(true);
    expect(Object.isFrozen(context.get('aws:TagKeys'))).toBe(true);
    expect(Object.isFrozen(context.get('aws:TagKeys')?.values)).toBe(true);
    expect(context.get('aws:TagKeys')?.values).not.toBe(supplied['aws:TagKeys']);
  });
});
