import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRequestContext } from '../../src/conditions/request-context.js';
import { matchArn } from '../../src/matching/arn.js';
import { resolveTemplate } from '../../src/matching/policy-variables.js';
import { compileWildcard, compileWildcardPieces } from '../../src/matching/wildcard.js';
import type { WildcardPiece } from '../../src/matching/wildcard.js';
import type { TemplatePart } from '../../src/model/normalized-policy.js';

/** A pattern token: a literal code unit, `?` (one unit) or `*` (any run). */
type Token = { readonly kind: 'char'; readonly char: string } | { readonly kind: '?' } | { readonly kind: '*' };

function tokensOf(pieces: readonly WildcardPiece[]): Token[] {
  return pieces.flatMap((piece) =>
    [...piece.text].map((char): Token => {
      if (!piece.literal && char === '*') return { kind: '*' };
      if (!piece.literal && char === '?') return { kind: '?' };
      return { kind: 'char', char };
    }),
  );
}

/** The naive recursive reference: obviously right, exponential in the worst case, fine on small inputs. */
function naive(tokens: readonly Token[], value: string, t = 0, v = 0): boolean {
  if (t === tokens.length) return v === value.length;
  const token = tokens[t] as Token;
  if (token.kind === '*') {
    for (let skip = v; skip <= value.length; skip += 1) if (naive(tokens, value, t + 1, skip)) return true;
    return false;
  }
  if (v === value.length) return false;
  if (token.kind === '?' || token.char === value[v]) return naive(tokens, value, t + 1, v + 1);
  return false;
}

const patternChars = fc.constantFrom('a', 'b', '*', '?');
const valueChars = fc.constantFrom('a', 'b');
const pattern = fc.string({ unit: patternChars, maxLength: 12 });
const value = fc.string({ unit: valueChars, maxLength: 14 });

describe('the linear wildcard matcher (W-1)', () => {
  it('agrees with a naive recursive reference', () => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        expect(compileWildcard(p).test(v)).toBe(naive(tokensOf([{ text: p, literal: false }]), v));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the reference on values built to match', () => {
    // Replace each wildcard with a random fill so that matches are frequent, then perturb sometimes.
    const built = fc
      .tuple(pattern, fc.array(fc.string({ unit: valueChars, maxLength: 3 }), { minLength: 12, maxLength: 12 }))
      .map(([p, fills]) => {
        let i = 0;
        const v = [...p].map((c) => (c === '*' ? (fills[i++] ?? '') : c === '?' ? 'b' : c)).join('');
        return [p, v] as const;
      });
    fc.assert(
      fc.property(built, ([p, v]) => {
        expect(compileWildcard(p).test(v)).toBe(true);
        expect(naive(tokensOf([{ text: p, literal: false }]), v)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('folds case exactly like lower-casing both sides first', () => {
    const p = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '*', '?'), maxLength: 10 });
    const v = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B'), maxLength: 12 });
    fc.assert(
      fc.property(p, v, (pp, vv) => {
        expect(compileWildcard(pp, { caseInsensitive: true }).test(vv)).toBe(
          compileWildcard(pp.toLowerCase()).test(vv.toLowerCase()),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it('never reads literal pieces as wildcards', () => {
    const pieces = fc.array(
      fc.record({ text: fc.string({ unit: patternChars, maxLength: 4 }), literal: fc.boolean() }),
      { maxLength: 5 },
    );
    const v = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 12 });
    fc.assert(
      fc.property(pieces, v, (ps, vv) => {
        expect(compileWildcardPieces(ps).test(vv)).toBe(naive(tokensOf(ps), vv));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('ARN matching (W-3)', () => {
  const component = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 5 });
  const arnish = fc.array(component, { minLength: 6, maxLength: 6 }).map((parts) => parts.join(':'));
  const valueComponent = fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 5 });
  const arnValue = fc.array(valueComponent, { minLength: 6, maxLength: 6 }).map((parts) => parts.join(':'));

  it('is component-wise glob matching over the first five colons', () => {
    fc.assert(
      fc.property(arnish, arnValue, (p, v) => {
        const split = (s: string) => {
          const parts = s.split(':');
          return [...parts.slice(0, 5), parts.slice(5).join(':')];
        };
        const expected =
          p === '*' ||
          split(p).every((pp, i) => naive(tokensOf([{ text: pp, literal: false }]), split(v)[i] as string));
        expect(matchArn(p, v)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('never matches more than plain glob matching does', () => {
    fc.assert(
      fc.property(arnish, arnValue, (p, v) => {
        if (matchArn(p, v)) expect(compileWildcard(p).test(v)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('policy variables (PV-7, PV-8)', () => {
  const escape = fc.constantFrom('*', '?', '$').map((char): TemplatePart => ({ kind: 'escape', char }));
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), minLength: 1, maxLength: 3 });
  const part = fc.oneof(
    text.map((t): TemplatePart => ({ kind: 'text', text: t })),
    escape,
    fc.constant<TemplatePart>({ kind: 'variable', key: 'aws:principaltag/v', name: 'aws:PrincipalTag/v' }),
  );
  const tagValue = fc.string({ unit: fc.constantFrom('a', '*', '?'), maxLength: 3 });

  it('escaped characters and substituted values never act as wildcards', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), tagValue, value, (parts, tag, v) => {
        const template = { raw: 'generated', parts, hasVariables: parts.some((p) => p.kind === 'variable') };
        const resolved = resolveTemplate(template, createRequestContext({ 'aws:PrincipalTag/v': tag }));
        if (!resolved.ok) throw new Error('the variable is always present');
        // Reference: only text parts carry wildcards.
        const tokens = parts.flatMap((p): Token[] =>
          p.kind === 'text'
            ? tokensOf([{ text: p.text, literal: false }])
            : [...(p.kind === 'escape' ? p.char : tag)].map((char) => ({ kind: 'char', char })),
        );
        expect(compileWildcardPieces(resolved.pieces).test(v)).toBe(naive(tokens, v));
      }),
      { numRuns: 10_000 },
    );
  });

  it('a template of escapes and variables only matches exactly its text', () => {
    const literalPart = fc.oneof(
      escape,
      fc.constant<TemplatePart>({ kind: 'variable', key: 'aws:principaltag/v', name: 'aws:PrincipalTag/v' }),
    );
    const v = fc.string({ unit: fc.constantFrom('a', '*', '?', '$'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(literalPart, { maxLength: 5 }), tagValue, v, (parts, tag, vv) => {
        const resolved = resolveTemplate(
          { raw: 'generated', parts, hasVariables: true },
          createRequestContext({ 'aws:PrincipalTag/v': tag }),
        );
        if (!resolved.ok) throw new Error('the variable is always present');
        expect(compileWildcardPieces(resolved.pieces).test(vv)).toBe(vv === resolved.text);
      }),
      { numRuns: 5_000 },
    );
  });
});
