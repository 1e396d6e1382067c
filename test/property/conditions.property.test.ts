import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateCondition, testCondition } from '../../src/conditions/evaluate-condition.js';
import { defaultOperatorRegistry } from '../../src/conditions/registry.js';
import { createRequestContext } from '../../src/conditions/request-context.js';
import type { ContextScalar } from '../../src/model/request.js';
import { conditionEntries } from '../unit/conditions/condition-entry.js';

type Scalar = string | number | boolean;

function holds(operator: string, key: string, policy: readonly Scalar[], context: Record<string, unknown>): boolean {
  const [entry] = conditionEntries({ [operator]: { [key]: policy } });
  if (entry === undefined) throw new Error('no entry');
  const compiled = compileCondition(entry);
  const view = createRequestContext(context as Record<string, ContextScalar>);
  const fast = testCondition(compiled, view);
  expect(evaluateCondition(compiled, view).result).toBe(fast);
  return fast;
}

const small = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 4 });
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', 'É'), maxLength: 3 });
const glob = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 4 });
const number = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('1.5', '-0', '2e0', '0.5'));
const instant = fc.integer({ min: 1_700_000_000, max: 1_700_000_004 });
const isoOrEpoch = instant.chain((s) =>
  fc.constantFrom<Scalar>(
    s,
    String(s),
    new Date(s * 1000).toISOString(),
    new Date(s * 1000).toISOString().slice(0, 19) + '+00:00',
  ),
);
const octet = fc.integer({ min: 0, max: 3 });
const address = fc.tuple(octet, octet).map(([a, b]) => `10.0.${a}.${b}`);
const range = fc.tuple(address, fc.constantFrom(24, 30, 31, 32)).map(([a, p]) => `${a}/${p}`);
const arnValue = fc
  .tuple(fc.constantFrom('us-east-1', ''), fc.string({ unit: fc.constantFrom('a', 'b', '/', ':'), maxLength: 4 }))
  .map(([region, resource]) => `arn:aws:s3:${region}::${resource}`);
const arnPattern = fc
  .tuple(fc.constantFrom('us-east-1', '', '*'), glob)
  .map(([region, resource]) => `arn:aws:s3:${region}::${resource}`);

/** For every negated operator: a policy value list and a request value of its family. */
const FAMILIES: Readonly<Record<string, fc.Arbitrary<readonly [readonly Scalar[], Scalar]>>> = {
  StringNotEquals: fc.tuple(small(text), text),
  StringNotEqualsIgnoreCase: fc.tuple(small(text), text),
  StringNotLike: fc.tuple(small(glob), fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 4 })),
  NumericNotEquals: fc.tuple(small(number), number),
  DateNotEquals: fc.tuple(small(isoOrEpoch), isoOrEpoch),
  NotIpAddress: fc.tuple(small(range), address),
  ArnNotEquals: fc.tuple(small(arnPattern), arnValue),
  ArnNotLike: fc.tuple(small(arnPattern), arnValue),
};

describe('negated operators (C-2, C-4)', () => {
  it('cover every negated operator of the registry', () => {
    const negated = defaultOperatorRegistry.names().filter((name) => {
      const found = defaultOperatorRegistry.lookup(name);
      return found.found && found.definition.negated;
    });
    expect(Object.keys(FAMILIES).sort()).toEqual([...negated].sort());
  });

  for (const [operator, arbitrary] of Object.entries(FAMILIES)) {
    const lookup = defaultOperatorRegistry.lookup(operator);
    const twin = lookup.found ? (lookup.definition.positiveTwin as string) : '';
    it(`${operator} is the negation of ${twin} on a present single value`, () => {
      fc.assert(
        fc.property(arbitrary, ([policy, request]) => {
          const context = { 'test:key': request };
          expect(holds(operator, 'test:key', policy, context)).toBe(!holds(twin, 'test:key', policy, context));
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('set qualifiers (C-23, C-24, C-26)', () => {
  const values = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 });
  const policy = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 3 });
  const forAll = (p: readonly string[], xs: readonly string[], op = 'StringEquals') =>
    holds(`ForAllValues:${op}`, 'aws:TagKeys', p, { 'aws:TagKeys': xs });
  const forAny = (p: readonly string[], xs: readonly string[], op = 'StringEquals') =>
    holds(`ForAnyValue:${op}`, 'aws:TagKeys', p, { 'aws:TagKeys': xs });

  it('ForAnyValue on an empty set is false, ForAllValues true', () => {
    fc.assert(
      fc.property(policy, (p) => {
        expect(forAny(p, [])).toBe(false);
        expect(forAll(p, [])).toBe(true);
        expect(forAny(p, [], 'StringNotEquals')).toBe(false);
        expect(forAll(p, [], 'StringNotEquals')).toBe(true);
      }),
    );
  });

  it('on a missing key ForAnyValue is false and ForAllValues true', () => {
    fc.assert(
      fc.property(policy, (p) => {
        expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', p, {})).toBe(false);
        expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', p, {})).toBe(true);
      }),
    );
  });

  it('ForAll(xs) && ForAll(ys) == ForAll(xs ∪ ys)', () => {
    fc.assert(
      fc.property(policy, values, values, (p, xs, ys) => {
        expect(forAll(p, xs) && forAll(p, ys)).toBe(forAll(p, [...xs, ...ys]));
      }),
      { numRuns: 500 },
    );
  });

  it('ForAny(xs) || ForAny(ys) == ForAny(xs ∪ ys)', () => {
    fc.assert(
      fc.property(policy, values, values, (p, xs, ys) => {
        expect(forAny(p, xs) || forAny(p, ys)).toBe(forAny(p, [...xs, ...ys]));
      }),
      { numRuns: 500 },
    );
  });

  it('ForAll on a non-empty set implies ForAny', () => {
    fc.assert(
      fc.property(policy, values, (p, xs) => {
        if (xs.length > 0 && forAll(p, xs)) expect(forAny(p, xs)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('ForAll and ForAny are duals through the negated operator on non-empty sets (C-26)', () => {
    fc.assert(
      fc.property(policy, values, (p, xs) => {
        if (xs.length === 0) return;
        expect(forAny(p, xs, 'StringNotEquals')).toBe(!forAll(p, xs));
        expect(forAll(p, xs, 'StringNotEquals')).toBe(!forAny(p, xs));
      }),
      { numRuns: 500 },
    );
  });

  it('ForAll is the subset test and ForAny the overlap test', () => {
    fc.assert(
      fc.property(policy, values, (p, xs) => {
        expect(forAll(p, xs)).toBe(xs.every((x) => p.includes(x)));
        expect(forAny(p, xs)).toBe(xs.some((x) => p.includes(x)));
      }),
      { numRuns: 500 },
    );
  });

  it('neither depends on the order of request values or policy values', () => {
    fc.assert(
      fc.property(policy, values, (p, xs) => {
        const rp = [...p].reverse();
        const rx = [...xs].reverse();
        expect(forAll(rp, rx)).toBe(forAll(p, xs));
        expect(forAny(rp, rx)).toBe(forAny(p, xs));
      }),
      { numRuns: 300 },
    );
  });

  it('an unqualified positive operator on a multivalued key reads like ForAnyValue (C-28)', () => {
    fc.assert(
      fc.property(policy, values, (p, xs) => {
        if (xs.length === 0) return;
        expect(holds('StringEquals', 'aws:TagKeys', p, { 'aws:TagKeys': xs })).toBe(forAny(p, xs));
      }),
      { numRuns: 300 },
    );
  });
});

describe('escaped characters in condition values (PV-7)', () => {
  it('${*} and ${?} only ever match themselves', () => {
    const request = fc.string({ unit: fc.constantFrom('a', '*', '?', 'x'), maxLength: 3 });
    fc.assert(
      fc.property(fc.constantFrom('*', '?'), request, (escaped, suffix) => {
        const matched = holds('StringLike', 's3:prefix', [`a\${${escaped}}`], { 's3:prefix': `a${suffix}` });
        expect(matched).toBe(suffix === escaped);
      }),
      { numRuns: 300 },
    );
  });
});
