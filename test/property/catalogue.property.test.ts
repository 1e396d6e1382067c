import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileArnFormat,
  compileLiteral,
  compileResourcePattern,
  matchesText,
  patternsOverlap,
} from '../../src/catalogue/arn-format.js';

// Short texts over a small alphabet, so that matches and misses are both common.
const text = fc.stringMatching(/^[ab:/]{0,12}$/);
const format = fc.array(fc.constantFrom('a', 'b', ':', '/', '${X}'), { maxLength: 8 }).map((parts) => parts.join(''));
const pattern = fc.array(fc.constantFrom('a', 'b', ':', '/', '*', '?'), { maxLength: 8 }).map((p) => p.join(''));

describe('CAT-4: the two ways of reading an ARN format agree', () => {
  it('matchesText (the per-request path) gives the overlap with the literal text', () => {
    fc.assert(
      fc.property(format, fc.constantFrom('', '/'), text, (f, excluded, t) => {
        const compiled = compileArnFormat(f, excluded);
        expect(matchesText(compiled, t)).toBe(patternsOverlap(compiled, compileLiteral(t)));
      }),
      { numRuns: 3000 },
    );
  });

  it('a Resource pattern read as text matches exactly the texts it overlaps, when it has no wildcard', () => {
    fc.assert(
      fc.property(text, text, (p, t) => {
        expect(matchesText(compileResourcePattern(p), t)).toBe(p.toLowerCase() === t.toLowerCase());
      }),
      { numRuns: 1000 },
    );
  });

  it('overlap is symmetric', () => {
    fc.assert(
      fc.property(format, pattern, (f, p) => {
        const a = compileArnFormat(f);
        const b = compileResourcePattern(p);
        expect(patternsOverlap(a, b)).toBe(patternsOverlap(b, a));
      }),
      { numRuns: 2000 },
    );
  });
});
