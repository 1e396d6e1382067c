import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, loadPolicy, parsePolicy, POLICY_TYPES, toPolicyDocument } from '../../src/index.js';
import type { Issue, NormalizedPolicy, ParseResult, PolicyGrammar } from '../../src/index.js';
import { POLICY_GRAMMARS } from '../../src/parser/grammar-rules.js';
import { arbPolicyDocument } from '../../src/testing/arbitraries/index.js';

const arbGrammar = fc.constantFrom(...POLICY_GRAMMARS);

/** The result is a policy, or a non-empty list of well-formed issues holding at least one error. */
function expectWellFormed(result: ParseResult): void {
  const issues: readonly Issue[] = result.ok ? result.warnings : result.issues;
  if (!result.ok) {
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => issue.severity === 'error')).toBe(true);
  } else {
    expect(issues.every((issue) => issue.severity === 'warning')).toBe(true);
  }
  for (const issue of issues) {
    expect(ISSUE_CODES).toContain(issue.code);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.message).not.toMatch(/[\n\r]|\.$/);
    expect(issue.pointer === '' || issue.pointer.startsWith('/')).toBe(true);
  }
}

function parse(source: unknown, grammar: PolicyGrammar): ParseResult {
  return parsePolicy(source, { policyType: grammar, policyId: 'prop' });
}

/** Freezes what can be frozen, so that any write by the parser would throw. */
function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) deepFreeze(descriptor.value, seen);
  }
  Object.freeze(value);
}

/** A valid policy's text with one character inserted, removed or replaced. */
const arbMutatedPolicyText = fc
  .tuple(
    arbPolicyDocument({ policyType: 'resource' }),
    fc.nat(),
    fc.constantFrom('insert', 'remove', 'replace'),
    fc.constantFrom(',', '"', '“', '”', '{', '}', '[', ']', ':', ' ', '\n', 'x', '\\', '/', '*', '\u2603', '\uD83D'),
  )
  .map(([document, at, how, ch]) => {
    const text = JSON.stringify(document, null, 2);
    const i = at % (text.length + 1);
    if (how === 'insert') return text.slice(0, i) + ch + text.slice(i);
    if (how === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i + 1);
  });

/** Normalized policies without what depends on layout: spans, source text and warnings' positions. */
function withoutPositions(policy: NormalizedPolicy): unknown {
  return JSON.parse(
    JSON.stringify(policy, (key, value: unknown) =>
      key === 'span' || key.endsWith('Span') || key === 'source' || key === 'warnings' ? undefined : value,
    ),
  ) as unknown;
}

describe('parsePolicy never throws and never mutates (properties)', () => {
  it('yields a policy or issues for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), arbGrammar, (value, grammar) => {
        expectWellFormed(parse(value, grammar));
        expectWellFormed(parse(JSON.stringify(value), grammar));
      }),
      { numRuns: 300 },
    );
  });

  it('yields a policy or issues for any JavaScript value (undefined, NaN, BigInt, Map, Date, sparse arrays, …)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 4,
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withSparseArray: true,
          withTypedArray: true,
          withUnicodeString: true,
        }),
        arbGrammar,
        (value, grammar) => {
          expectWellFormed(parse(value, grammar));
          expectWellFormed(parse({ Version: '2012-10-17', Statement: value }, grammar));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('yields a policy or issues for any text, including unicode and lone surrogates', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 })),
        arbGrammar,
        (text, grammar) => {
          expectWellFormed(parse(text, grammar));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('yields a policy or issues for a valid policy with one character changed', () => {
    fc.assert(
      fc.property(arbMutatedPolicyText, arbGrammar, (text, grammar) => {
        expectWellFormed(parse(text, grammar));
      }),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting and long strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":', '{"Statement":'), (depth, open) => {
        expectWellFormed(parse(open.repeat(depth), 'identity'));
        let nested: unknown = 's3:GetObject';
        for (let i = 0; i < Math.min(depth, 500); i++) nested = [nested];
        expectWellFormed(
          parse({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: nested, Resource: '*' } }, 'identity'),
        );
      }),
      { numRuns: 30 },
    );
    expectWellFormed(parse(`{"Version":"2012-10-17","Statement":{"Sid":"${'A'.repeat(200_000)}"}}`, 'identity'));
  });

  it('never mutates the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          arbPolicyDocument({ policyType: 'resource' }) as fc.Arbitrary<unknown>,
          fc.anything({ maxDepth: 4, withMap: true, withSet: true, withDate: true, withSparseArray: true }),
        ),
        arbGrammar,
        (value, grammar) => {
          const before = fc.stringify(value);
          deepFreeze(value);
          expectWellFormed(parse(value, grammar));
          expect(fc.stringify(value)).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('normalizing is idempotent (property)', () => {
  it.each(POLICY_TYPES)('%s: normalize(parse(toPolicyDocument(n))) equals n, spans aside', (policyType) => {
    fc.assert(
      fc.property(arbPolicyDocument({ policyType }), fc.boolean(), (document, asText) => {
        const options = { policyType, policyId: 'idem' } as const;
        const first = loadPolicy(asText ? JSON.stringify(document, null, 2) : document, options);
        const canonical = toPolicyDocument(first);
        const second = loadPolicy(canonical, options);
        expect(withoutPositions(second)).toEqual(withoutPositions(first));
        expect(toPolicyDocument(second)).toEqual(canonical);
        const third = loadPolicy(JSON.stringify(canonical), options);
        expect(withoutPositions(third)).toEqual(withoutPositions(first));
      }),
      { numRuns: 100 },
    );
  });
});
