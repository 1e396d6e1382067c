import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, RequestValidationError } from '../../../src/index.js';
import type { EvaluationInput, RequestInput, RequestIssue } from '../../../src/index.js';

/**
 * Runs test/cases/requests/*.json (RV-1..RV-5): every entry point that decides a request (evaluate, a compiled set's
 * check and evaluate) refuses the malformed ones with the same issues, and decides the readable ones alike.
 */

interface ExpectedIssue {
  readonly code: string;
  readonly pointer: string;
  readonly severity?: 'error' | 'warning';
  readonly suggestion?: string;
  readonly message?: string;
}

interface RequestCase {
  readonly description: string;
  readonly semantics: readonly string[];
  readonly input: unknown;
  readonly options?: unknown;
  readonly expected:
    | { readonly issues: readonly ExpectedIssue[] }
    | { readonly decision: string; readonly warnings?: readonly ExpectedIssue[] };
}

interface RequestCaseFile {
  readonly description: string;
  readonly cases: readonly RequestCase[];
}

const DIR = new URL('../../cases/requests/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('../../../schemas/request-case.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, file: JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as RequestCaseFile }));

function expectIssues(actual: readonly RequestIssue[] | undefined, expected: readonly ExpectedIssue[]): void {
  const list = actual ?? [];
  expect(
    list.map((issue) => `${issue.code} ${issue.pointer}`),
    'codes and pointers',
  ).toEqual(expected.map((issue) => `${issue.code} ${issue.pointer}`));
  expected.forEach((want, i) => {
    const got = list[i] as RequestIssue;
    if (want.severity !== undefined) expect(got.severity, `${want.code} severity`).toBe(want.severity);
    if (want.suggestion !== undefined) expect(got.suggestion, `${want.code} suggestion`).toBe(want.suggestion);
    if (want.message !== undefined) expect(got.message).toContain(want.message);
  });
}

function refusal(run: () => unknown): RequestValidationError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return error as RequestValidationError;
  }
}

const policiesOf = (input: unknown) =>
  typeof input === 'object' && input !== null && !Array.isArray(input)
    ? (input as EvaluationInput).policies
    : undefined;

describe('request validation cases (test/cases/requests/*.json)', () => {
  for (const { name, file } of files) {
    describe(name, () => {
      it('matches schemas/request-case.schema.json', () => {
        expect(validate(file), JSON.stringify(validate.errors, null, 1)).toBe(true);
      });

      it.each(file.cases.map((c) => [`${c.semantics.join(' ')}: ${c.description}`, c] as const))('%s', (_title, c) => {
        const options = c.options as never;
        const policies = policiesOf(c.input);
        const request = (c.input as { request?: unknown } | null)?.request as RequestInput;
        // A compiled set sees the request alone: only cases whose policies are readable are run through one.
        const compiled =
          typeof policies === 'object' && policies !== null && !Array.isArray(policies) ? compile(policies) : undefined;
        if ('issues' in c.expected) {
          const error = refusal(() => evaluate(c.input as EvaluationInput, options));
          expect(error, 'evaluate refuses it').toBeDefined();
          expectIssues(error?.issues, c.expected.issues);
          if (compiled !== undefined && !c.expected.issues.some((issue) => issue.code === 'invalid_input')) {
            expectIssues(refusal(() => compiled.check(request, options))?.issues, c.expected.issues);
            expectIssues(refusal(() => compiled.evaluate(request, options))?.issues, c.expected.issues);
          }
          return;
        }
        const result = evaluate(c.input as EvaluationInput, options);
        expect(result.decision).toBe(c.expected.decision);
        expectIssues(result.warnings, c.expected.warnings ?? []);
        if (compiled !== undefined) {
          expect(compiled.check(request, options)).toBe(c.expected.decision);
          expect(compiled.evaluate(request, options).warnings).toEqual(result.warnings);
        }
      });
    });
  }
});
