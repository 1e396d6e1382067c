import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_DENIED_PARSE_ERROR_CODES,
  parseAccessDenied,
} from '../../../src/explain/access-denied/parse-access-denied.js';
import type { ParsedAccessDenied } from '../../../src/explain/access-denied/parse-access-denied.js';

interface Case {
  readonly title: string;
  readonly semantics: readonly string[];
  readonly literal?: boolean;
  readonly text: string;
  readonly expected?: ParsedAccessDenied;
  readonly error?: { readonly code: string; readonly line?: number; readonly column?: number };
}

const casesUrl = new URL('../../cases/explain/access-denied-messages.json', import.meta.url);
const schemaUrl = new URL('../../../schemas/access-denied-cases.schema.json', import.meta.url);
const file = JSON.parse(readFileSync(casesUrl, 'utf8')) as { cases: Case[] };
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as object;

/** The team's copy of IAM-SEMANTICS.md sits beside the repository; a fresh clone has only the case file. */
const semanticsUrl = new URL('../../../../shared/IAM-SEMANTICS.md', import.meta.url);

/** Every literal of IAM-SEMANTICS §10.2, read from the document itself so no literal can be left out. */
function literalsOfSection10_2(): string[] {
  const doc = readFileSync(semanticsUrl, 'utf8');
  const section = doc.slice(doc.indexOf('### 10.2'), doc.indexOf('### 10.3'));
  const blocks = section.split('```').filter((_, i) => i % 2 === 1);
  return blocks.flatMap((b) => b.split('\n').filter((line) => line.trim().length > 0));
}

describe('parseAccessDenied cases (test/cases/explain/access-denied-messages.json)', () => {
  it('the case file matches its schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(file.cases.map((c) => [`${c.semantics.join(' ')}: ${c.title}`, c] as const))('%s', (_title, c) => {
    const result = parseAccessDenied(c.text);
    if (c.expected !== undefined) {
      expect(result).toEqual({ ok: true, value: c.expected });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(c.error?.code);
      if (c.error?.line !== undefined) expect(result.error.line).toBe(c.error.line);
      if (c.error?.column !== undefined) expect(result.error.column).toBe(c.error.column);
      expect(result.error.message).toMatch(/^[a-z`]/);
      expect(result.error.message).not.toMatch(/[.\n]$/);
    }
  });
});

const literals = file.cases.filter((c) => c.literal === true).map((c) => c.text);

describe.skipIf(!existsSync(semanticsUrl))('the case file holds every literal of IAM-SEMANTICS §10.2', () => {
  it('the 17 literals of the document are exactly the cases marked literal', () => {
    const documented = literalsOfSection10_2();
    expect(documented).toHaveLength(17);
    expect([...literals].sort()).toEqual([...documented].sort());
  });
});

describe('every literal of IAM-SEMANTICS §10.2 (M-1 to M-8)', () => {
  it('there are 17', () => {
    expect(literals).toHaveLength(17);
  });

  it.each(literals.map((l) => [l.slice(0, 90), l] as const))('reads %s', (_title, literal) => {
    const result = parseAccessDenied(literal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(literal).toContain(result.value.message);
    expect(literal).toContain(result.value.principal);
    expect(literal).toContain(result.value.action);
    expect(result.value.policyType).toBeDefined();
    expect(result.value.explicit).toBeDefined();
  });
});

describe('parseAccessDenied properties', () => {
  it('never throws on random text, and an error always has a stable code and a position inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const result = parseAccessDenied(text);
        if (!result.ok) {
          expect(ACCESS_DENIED_PARSE_ERROR_CODES).toContain(result.error.code);
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const words = fc.constantFrom(
    'User:',
    'is',
    'not',
    'authorized',
    'to',
    'perform:',
    'on',
    'resource:',
    'this',
    'resource',
    'with',
    'an',
    'explicit',
    'deny',
    'in',
    'a',
    'the',
    'because',
    'no',
    'allows',
    'action',
    'service control policy',
    'role trust policy',
    'transitively through',
    'Encoded authorization failure message:',
    'You are not authorized to perform this operation.',
    'An error occurred (AccessDenied) when calling the X operation:',
    '"',
    '.',
    ':',
    's3:GetObject',
    'arn:aws:iam::123456789012:user/u',
  );

  it('never throws on shuffled message words', () => {
    fc.assert(
      fc.property(fc.array(words, { maxLength: 30 }), fc.constantFrom(' ', '\n', '  '), (parts, sep) => {
        const result = parseAccessDenied(parts.join(sep));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('reads what it read from its own core message again, the same way (white space and wrapping do not matter)', () => {
    const principal = fc.constantFrom(
      'arn:aws:iam::123456789012:user/u',
      'arn:aws:sts::123456789012:assumed-role/R/s',
      'arn:aws:iam::123456789012:root',
    );
    const action = fc.constantFrom('s3:GetObject', 'ec2:RunInstances', 'iam:ListRoles', 'sts:AssumeRole');
    const resource = fc.constantFrom(
      '',
      ' on resource: arn:aws:s3:::b/k',
      ' on resource: "arn:aws:s3:::b/k"',
      ' on this resource',
    );
    const reason = fc.constantFrom(
      '',
      ' with an explicit deny in a service control policy',
      ' with an explicit deny in an identity-based policy',
      ' with an explicit deny in the role trust policy',
      ' because no permissions boundary allows the {action} action',
      ' because no session policy allows the {action} action',
    );
    fc.assert(
      fc.property(principal, action, resource, reason, fc.constantFrom(' ', '\n', ' \r\n  '), (p, a, r, why, ws) => {
        const text = `User: ${p} is not authorized to perform: ${a}${r}${why.replace('{action}', a)}`;
        const first = parseAccessDenied(text.replaceAll(' ', ws));
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(first.value.message).toBe(text);
        expect(parseAccessDenied(first.value.message)).toEqual(first);
      }),
    );
  });

  it('refuses a text longer than any real message without reading it', () => {
    const result = parseAccessDenied(`User: ${'a'.repeat(70_000)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('message_too_long');
  });

  it('refuses a value that is not text', () => {
    const result = parseAccessDenied(42 as unknown as string);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_text' } });
  });

  it('returns a frozen value', () => {
    const result = parseAccessDenied(file.cases[0]?.text ?? '');
    expect(result.ok && Object.isFrozen(result.value)).toBe(true);
  });
});
