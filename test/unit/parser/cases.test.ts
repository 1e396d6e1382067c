import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, parsePolicy } from '../../../src/index.js';
import type { Issue, PolicyGrammar } from '../../../src/index.js';
import { POLICY_GRAMMARS } from '../../../src/parser/grammar-rules.js';

interface ExpectedIssue {
  readonly code: string;
  readonly severity?: 'error' | 'warning';
  readonly line: number;
  readonly column?: number;
  readonly pointer?: string;
  readonly suggestion?: string;
  readonly message?: string;
}

interface ParserCase {
  readonly name: string;
  readonly semantics: readonly string[];
  readonly policyType: PolicyGrammar;
  readonly text?: string | readonly string[];
  readonly object?: unknown;
  readonly options?: { readonly policyId?: string; readonly awsManaged?: boolean; readonly maxSize?: number };
  readonly valid: boolean;
  readonly issues?: readonly ExpectedIssue[];
}

interface CaseFile {
  readonly description: string;
  readonly cases: readonly ParserCase[];
}

const root = join(import.meta.dirname, '..', '..', '..');
/**
 * Grammar cases run without the service catalogue, so that they hold whatever the catalogue's data says; the
 * catalogue's own cases (CAT-1…CAT-9, docs/catalogue.md) run with the bundled catalogue, in the same format.
 */
const CASE_DIRS = [
  { dir: join(root, 'test', 'cases', 'parser'), catalogue: false },
  { dir: join(root, 'test', 'cases', 'catalogue'), catalogue: undefined },
] as const;
const schema: unknown = JSON.parse(readFileSync(join(root, 'schemas', 'parser-case.schema.json'), 'utf8'));
const validateFile = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
  schema as object,
);

const files = CASE_DIRS.flatMap(({ dir, catalogue }) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      name: `${dir.split('/').at(-1) ?? ''}/${name}`,
      catalogue,
      data: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown,
    })),
);

function sourceOf(c: ParserCase): unknown {
  if ('object' in c) return c.object;
  return typeof c.text === 'string' ? c.text : (c.text ?? []).join('\n');
}

function summary(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.line}:${i.column} ${i.severity} ${i.code} ${i.pointer} | ${i.message}`);
}

/** STYLE.md message grammar. */
function expectHouseStyle(issue: Issue): void {
  expect(issue.message, issue.message).not.toMatch(/[\n\r]/);
  expect(issue.message, issue.message).not.toMatch(/\.$/);
  expect(issue.message.charAt(0), issue.message).not.toMatch(/[A-Z]/);
}

describe('parser cases (test/cases/parser, test/cases/catalogue)', () => {
  it('has case files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file.name, () => {
      it('matches schemas/parser-case.schema.json', () => {
        const ok = validateFile(file.data);
        expect(validateFile.errors ?? [], JSON.stringify(validateFile.errors)).toEqual([]);
        expect(ok).toBe(true);
      });

      for (const c of (file.data as CaseFile).cases) {
        it(`${c.name} [${c.semantics.join(', ')}]`, () => {
          const policyId = c.options?.policyId ?? 'case';
          const options = { ...c.options, policyType: c.policyType, policyId };
          const result = parsePolicy(
            sourceOf(c),
            file.catalogue === false ? { ...options, catalogue: false } : options,
          );
          const actual = result.ok ? result.warnings : result.issues;
          expect(result.ok, summary(actual).join('\n')).toBe(c.valid);
          const expected = c.issues ?? [];
          expect(
            actual.map((i) => i.code),
            summary(actual).join('\n'),
          ).toEqual(expected.map((i) => i.code));
          expected.forEach((want, k) => {
            const got = actual[k];
            expect(got).toBeDefined();
            if (got === undefined) return;
            expect(got.severity).toBe(want.severity ?? 'error');
            expect(got.line).toBe(want.line);
            if (want.column !== undefined) expect(got.column).toBe(want.column);
            if (want.pointer !== undefined) expect(got.pointer).toBe(want.pointer);
            if (want.suggestion !== undefined) expect(got.suggestion).toBe(want.suggestion);
            if (want.message !== undefined) expect(got.message).toContain(want.message);
          });
          for (const issue of actual) {
            expect(ISSUE_CODES).toContain(issue.code);
            expect(issue.policyId).toBe(policyId);
            expectHouseStyle(issue);
          }
        });
      }
    });
  }

  it('covers at least 80 invalid documents and a valid document of every grammar', () => {
    const all = files.flatMap((file) => (file.data as CaseFile).cases);
    expect(all.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(80);
    const validGrammars = new Set(all.filter((c) => c.valid).map((c) => c.policyType));
    for (const grammar of POLICY_GRAMMARS) expect(validGrammars, grammar).toContain(grammar);
  });
});
