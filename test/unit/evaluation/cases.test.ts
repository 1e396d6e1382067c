import { readdirSync, readFileSync } from 'node:fs';
import { SERVICE_RULES } from '../../../src/request/service-rules.js';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/index.js';
import type { EvaluateOptions, EvaluationInput, EvaluationResult, StatementRef } from '../../../src/index.js';

/** The expected shape of a statement reference: `sid: null` means the property must be absent. */
interface ExpectedRef {
  readonly policyType: string;
  readonly policyId: string;
  readonly statementIndex?: number;
  readonly sid?: string | null;
  readonly orgLevel?: string;
  readonly line?: number;
  readonly column?: number;
}

interface EvaluationCase {
  readonly description: string;
  readonly semantics: readonly string[];
  readonly choice?: string;
  /** The AWS page a case rests on (required in service-rules.json). */
  readonly source?: string;
  readonly request: EvaluationInput['request'];
  readonly policies: EvaluationInput['policies'];
  readonly options?: EvaluateOptions;
  readonly expected: {
    readonly decision: string;
    readonly deniedBy?: ExpectedRef;
    readonly denies?: readonly ExpectedRef[];
    readonly notAllowedBy?: string;
    readonly allowedBy?: readonly ExpectedRef[];
    readonly message?: string;
    readonly missingContextKeys?: readonly string[];
    readonly derivedContext?: Readonly<Record<string, string | number | boolean>>;
    readonly notDerived?: readonly string[];
    readonly outcomes?: Readonly<Record<string, string>>;
    readonly choices?: readonly string[];
    /** The service rule that decides (`SR-n`), or `null` when none may. */
    readonly serviceRule?: string | null;
  };
}

interface CaseFile {
  readonly description: string;
  readonly cases: readonly EvaluationCase[];
}

const casesDir = new URL('../../cases/evaluation/', import.meta.url);
const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/evaluation-case.schema.json', import.meta.url), 'utf8'),
) as object;
const files = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, file: JSON.parse(readFileSync(new URL(name, casesDir), 'utf8')) as CaseFile }));
const validate = new Ajv({ allErrors: true }).compile(schema);

function expectRef(actual: StatementRef | undefined, expected: ExpectedRef, label: string): void {
  expect(actual, `${label} is missing`).toBeDefined();
  if (actual === undefined) return;
  expect(actual.policyType, `${label}.policyType`).toBe(expected.policyType);
  expect(actual.policyId, `${label}.policyId`).toBe(expected.policyId);
  if (expected.statementIndex !== undefined)
    expect(actual.statementIndex, `${label}.statementIndex`).toBe(expected.statementIndex);
  if (expected.sid === null) expect('sid' in actual, `${label} must have no sid property`).toBe(false);
  else if (expected.sid !== undefined) expect(actual.sid, `${label}.sid`).toBe(expected.sid);
  if (expected.orgLevel !== undefined) expect(actual.orgLevel, `${label}.orgLevel`).toBe(expected.orgLevel);
  if (expected.line !== undefined) expect(actual.line, `${label}.line`).toBe(expected.line);
  if (expected.column !== undefined) expect(actual.column, `${label}.column`).toBe(expected.column);
  expect(actual.line).toBeGreaterThanOrEqual(1);
  expect(actual.column).toBeGreaterThanOrEqual(1);
}

function expectRefs(actual: readonly StatementRef[], expected: readonly ExpectedRef[], label: string): void {
  expect(
    actual.map((ref) => `${ref.policyType}/${ref.policyId}/${ref.statementIndex}`),
    label,
  ).toHaveLength(expected.length);
  expected.forEach((ref, i) => expectRef(actual[i], ref, `${label}[${i}]`));
}

function check(result: EvaluationResult, expected: EvaluationCase['expected']): void {
  expect(result.decision).toBe(expected.decision);
  if (result.decision === 'ExplicitDeny') {
    expect(result.deniedBy).toBeDefined();
    expect(result.denies[0]).toEqual(result.deniedBy);
  } else {
    expect(result.deniedBy).toBeUndefined();
  }
  // A neverAllowed service rule names no policy type, and its message is the service's.
  const refusedByRule = result.serviceRule?.outcome === 'neverAllowed';
  if (result.decision === 'ImplicitDeny' && !refusedByRule) expect(result.notAllowedBy).toBeDefined();
  else expect(result.notAllowedBy).toBeUndefined();
  if (result.decision === 'Allow') expect(result.message).toBeUndefined();
  else if (!refusedByRule) expect(result.message).toMatch(/^User: \S+ is not authorized to perform: \S+ /);
  else expect(result.message).toBeTypeOf('string');
  if (expected.serviceRule === null) expect(result.serviceRule).toBeUndefined();
  else if (expected.serviceRule !== undefined) expect(result.serviceRule?.ruleId).toBe(expected.serviceRule);
  if (result.decision !== 'Allow') expect(result.allowedBy).toEqual([]);
  if (expected.deniedBy !== undefined) expectRef(result.deniedBy, expected.deniedBy, 'deniedBy');
  if (expected.denies !== undefined) expectRefs(result.denies, expected.denies, 'denies');
  if (expected.notAllowedBy !== undefined) expect(result.notAllowedBy).toBe(expected.notAllowedBy);
  if (expected.allowedBy !== undefined) expectRefs(result.allowedBy, expected.allowedBy, 'allowedBy');
  if (expected.message !== undefined) expect(result.message).toBe(expected.message);
  if (expected.missingContextKeys !== undefined) expect(result.missingContextKeys).toEqual(expected.missingContextKeys);
  for (const [key, value] of Object.entries(expected.derivedContext ?? {})) {
    expect(result.trace.derivedContext, `derived ${key}`).toContainEqual({ key, value });
  }
  for (const key of expected.notDerived ?? []) {
    expect(
      result.trace.derivedContext.map((entry) => entry.key),
      `not derived ${key}`,
    ).not.toContain(key);
  }
  for (const [policyType, outcome] of Object.entries(expected.outcomes ?? {})) {
    expect(result.trace.policyTypes.find((t) => t.policyType === policyType)?.outcome, `outcome of ${policyType}`).toBe(
      outcome,
    );
  }
  for (const choice of expected.choices ?? []) expect(result.trace.choices, `choice ${choice}`).toContain(choice);
}

describe('evaluation cases (test/cases/evaluation/*.json)', () => {
  it('holds at least 150 cases, each citing IAM-SEMANTICS', () => {
    const all = files.flatMap(({ file }) => file.cases);
    expect(all.length).toBeGreaterThanOrEqual(150);
    for (const c of all) expect(c.semantics.length).toBeGreaterThan(0);
  });

  it('service-rules.json: every rule of SERVICE_RULES decides a case and misses a near case, each citing its AWS page', () => {
    const cases = files.find(({ name }) => name === 'service-rules.json')?.file.cases ?? [];
    for (const c of cases) expect(c.source, c.description).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    for (const rule of SERVICE_RULES) {
      const cited = cases.filter((c) => c.semantics.includes(rule.id));
      expect(
        cited.some((c) => c.expected.serviceRule === rule.id),
        `${rule.id} decides a case`,
      ).toBe(true);
      expect(
        cited.some((c) => c.expected.serviceRule === null),
        `${rule.id} has a near miss`,
      ).toBe(true);
    }
  });

  for (const { name, file } of files) {
    describe(name, () => {
      it('matches schemas/evaluation-case.schema.json', () => {
        expect(validate(file), JSON.stringify(validate.errors, null, 1)).toBe(true);
      });

      it.each(file.cases.map((c) => [`${c.semantics.join(' ')}: ${c.description}`, c] as const))('%s', (_title, c) => {
        const input: EvaluationInput = { request: c.request, policies: c.policies };
        const result = evaluate(input, c.options);
        check(result, c.expected);
      });
    });
  }
});
