import { describe, expect, it } from 'vitest';
import { defineOperator, defineOperatorFamily } from '../../../src/conditions/define-operator.js';
import {
  DEFAULT_OPERATOR_FAMILIES,
  createOperatorRegistry,
  defaultOperatorRegistry,
  splitOperatorName,
} from '../../../src/conditions/registry.js';
import { findGlobalConditionKey, isMultivaluedKey } from '../../../src/conditions/context-keys.js';
import { stringOperatorFamily } from '../../../src/conditions/operators/string.js';

const DOCUMENTED = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];

describe('default operator registry (IAM-SEMANTICS §7)', () => {
  it('holds exactly the documented operators', () => {
    expect([...defaultOperatorRegistry.names()].sort()).toEqual([...DOCUMENTED].sort());
  });

  it('declares families in the order of §7', () => {
    expect(DEFAULT_OPERATOR_FAMILIES.map((family) => family.family)).toEqual([
      'string',
      'numeric',
      'date',
      'bool',
      'binary',
      'ip',
      'arn',
      'null',
    ]);
  });

  it('marks the negated operators with their positive twins (C-2)', () => {
    const negated = DOCUMENTED.map((name) => defaultOperatorRegistry.lookup(name))
      .flatMap((r) => (r.found && r.definition.negated ? [[r.definition.name, r.definition.positiveTwin]] : []))
      .sort();
    expect(negated).toEqual(
      [
        ['ArnNotEquals', 'ArnEquals'],
        ['ArnNotLike', 'ArnLike'],
        ['DateNotEquals', 'DateEquals'],
        ['NotIpAddress', 'IpAddress'],
        ['NumericNotEquals', 'NumericEquals'],
        ['StringNotEquals', 'StringEquals'],
        ['StringNotEqualsIgnoreCase', 'StringEqualsIgnoreCase'],
        ['StringNotLike', 'StringLike'],
      ].sort(),
    );
  });

  it('allows variables only for string and ARN operators (PV-2, C-17)', () => {
    const withVariables = DOCUMENTED.filter((name) => {
      const r = defaultOperatorRegistry.lookup(name);
      return r.found && r.definition.acceptsVariables;
    });
    expect(withVariables.every((name) => name.startsWith('String') || name.startsWith('Arn'))).toBe(true);
    expect(withVariables).toHaveLength(10);
  });

  it('refuses IfExists and qualifiers only for Null (C-7, C-22)', () => {
    for (const name of DOCUMENTED) {
      const r = defaultOperatorRegistry.lookup(name);
      if (!r.found) throw new Error(name);
      expect(r.definition.acceptsIfExists).toBe(name !== 'Null');
      expect(r.definition.acceptsQualifier).toBe(name !== 'Null');
    }
  });

  it('accepts wildcards only in the Like and ARN operators (C-8, W-5)', () => {
    const withWildcards = DOCUMENTED.filter((name) => {
      const r = defaultOperatorRegistry.lookup(name);
      return r.found && r.definition.acceptsWildcards;
    });
    expect(withWildcards.sort()).toEqual(
      ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike', 'StringNotLike'].sort(),
    );
  });

  it('returns frozen definitions and tables', () => {
    const r = defaultOperatorRegistry.lookup('StringLike');
    expect(r.found && Object.isFrozen(r.definition)).toBe(true);
    expect(Object.isFrozen(defaultOperatorRegistry)).toBe(true);
    expect(Object.isFrozen(stringOperatorFamily.operators)).toBe(true);
  });
});

describe('lookup misses (C-30)', () => {
  it.each([
    ['stringequals', 'StringEquals'],
    ['STRINGLIKE', 'StringLike'],
    ['StringEqual', 'StringEquals'],
    ['ArnLik', 'ArnLike'],
    ['NumericLessThen', 'NumericLessThan'],
    ['IPAddress', 'IpAddress'],
    ['Boolean', 'Bool'],
  ])('`%s` suggests `%s`', (name, suggestion) => {
    expect(defaultOperatorRegistry.lookup(name)).toEqual({ found: false, suggestion });
  });

  it('gives no suggestion for a name far from every operator', () => {
    expect(defaultOperatorRegistry.lookup('Frobnicate')).toEqual({ found: false });
  });

  it('is safe for prototype names', () => {
    expect(defaultOperatorRegistry.lookup('__proto__').found).toBe(false);
    expect(defaultOperatorRegistry.lookup('constructor').found).toBe(false);
    expect(defaultOperatorRegistry.lookup('toString').found).toBe(false);
  });
});

describe('createOperatorRegistry', () => {
  it('refuses duplicate names', () => {
    expect(() => createOperatorRegistry([stringOperatorFamily, stringOperatorFamily])).toThrow(/duplicate/);
  });

  it('refuses a negated operator whose twin is absent', () => {
    const [, notEquals] = stringOperatorFamily.operators;
    if (notEquals === undefined) throw new Error('missing');
    expect(() => createOperatorRegistry([defineOperatorFamily('string', 'x', [notEquals])])).toThrow(/twin/);
  });

  it('refuses self-contradicting declarations', () => {
    expect(() =>
      defineOperator<string, string>({
        name: 'X',
        family: 'string',
        negated: true,
        acceptsVariables: false,
        acceptsWildcards: false,
        acceptsIfExists: true,
        acceptsQualifier: true,
        comparison: '',
        operand: '',
        summary: '',
        semantics: [],
        parsePolicyValue: () => ({ ok: true, value: '' }),
        parseRequestValue: () => ({ ok: true, value: '' }),
        test: () => true,
      }),
    ).toThrow(/twin/);
  });

  it('builds a smaller registry from chosen families', () => {
    const registry = createOperatorRegistry([stringOperatorFamily]);
    expect(registry.names()).toHaveLength(6);
    expect(registry.lookup('NumericEquals').found).toBe(false);
  });
});

describe('splitOperatorName (C-7, C-22, C-23, C-24)', () => {
  it.each([
    ['StringEquals', { base: 'StringEquals', ifExists: false }],
    ['StringEqualsIfExists', { base: 'StringEquals', ifExists: true }],
    ['ForAllValues:StringNotLikeIfExists', { qualifier: 'ForAllValues', base: 'StringNotLike', ifExists: true }],
    ['ForAnyValue:StringLike', { qualifier: 'ForAnyValue', base: 'StringLike', ifExists: false }],
    ['NullIfExists', { base: 'Null', ifExists: true }],
    ['IfExists', { base: 'IfExists', ifExists: false }],
    ['forallvalues:StringLike', { base: 'forallvalues:StringLike', ifExists: false }],
    ['ForAllValues:', { qualifier: 'ForAllValues', base: '', ifExists: false }],
  ])('%s', (written, expected) => {
    expect(splitOperatorName(written)).toEqual(expected);
  });
});

describe('global context keys (§9.1)', () => {
  it.each([
    'aws:TagKeys',
    'aws:CalledVia',
    'aws:PrincipalOrgPaths',
    'aws:ResourceOrgPaths',
    'aws:PrincipalServiceNamesList',
    'aws:SourceOrgPaths',
    'aws:VpceOrgPaths',
    'AWS:TAGKEYS',
  ])('%s is multivalued (C-28, PV-4)', (name) => {
    expect(isMultivaluedKey(name)).toBe(true);
  });

  it.each(['aws:SourceIp', 'aws:PrincipalTag/team', 'aws:CalledViaFirst', 'aws:username', '__proto__'])(
    '%s is single-valued',
    (name) => {
      expect(isMultivaluedKey(name)).toBe(false);
    },
  );

  it('finds keys case-insensitively, including tag prefixes (G-30, G-32)', () => {
    expect(findGlobalConditionKey('AWS:SourceIP')?.key).toBe('aws:SourceIp');
    expect(findGlobalConditionKey('aws:resourcetag/Env')?.key).toBe('aws:ResourceTag/');
    expect(findGlobalConditionKey('aws:ResourceTag/')).toBeUndefined();
    expect(findGlobalConditionKey('constructor')).toBeUndefined();
  });
});
