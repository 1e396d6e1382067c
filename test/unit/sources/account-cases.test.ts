// Runs every case of test/cases/account/*.json (schema: schemas/account-case.schema.json): load the snapshot, then
// either resolve the request and check the policies, warnings and the decision of a real evaluate(), or check the
// codes of the AccountSnapshotError loading it throws. Each case's title starts with the AS-n rules it covers.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { AccountSnapshotError, evaluate, loadAccountSnapshot } from '../../../src/index.js';
import type {
  AccountSnapshotInput,
  EvaluationResult,
  OrgLevel,
  RequestInput,
  StatementRef,
} from '../../../src/index.js';

interface ExpectedRef {
  readonly policyType: string;
  readonly policyId: string;
  readonly orgLevel?: string;
}

interface ExpectedLevel {
  readonly target: string;
  readonly policies: readonly string[];
}

interface AccountCase {
  readonly description: string;
  readonly rules: readonly string[];
  readonly snapshot: unknown;
  readonly request?: RequestInput;
  readonly expected?: {
    readonly identity?: readonly string[];
    readonly awsManaged?: readonly string[];
    readonly permissionsBoundary?: string | null;
    readonly resource?: string | null;
    readonly resourceDocument?: object;
    readonly serviceControlPolicies?: readonly ExpectedLevel[] | null;
    readonly resourceControlPolicies?: readonly ExpectedLevel[] | null;
    readonly managementAccountId?: string | null;
    readonly warnings?: readonly string[];
    readonly warningPointers?: readonly string[];
    readonly decision?: string;
    readonly deniedBy?: ExpectedRef;
    readonly allowedBy?: readonly ExpectedRef[];
    readonly notAllowedBy?: string;
  };
  readonly error?: { readonly codes: readonly string[]; readonly pointers?: readonly string[] };
}

interface CaseFile {
  readonly description: string;
  readonly snapshots?: Readonly<Record<string, unknown>>;
  readonly cases: readonly AccountCase[];
}

const casesDir = new URL('../../cases/account/', import.meta.url);
const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/account-case.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);
const files = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, file: JSON.parse(readFileSync(new URL(name, casesDir), 'utf8')) as CaseFile }));

function snapshotOf(file: CaseFile, test: AccountCase): unknown {
  if (typeof test.snapshot !== 'string') return test.snapshot;
  const named = file.snapshots?.[test.snapshot];
  if (named === undefined) throw new Error(`no snapshot named ${test.snapshot}`);
  return named;
}

const levelsOf = (levels: readonly OrgLevel[] | undefined): ExpectedLevel[] | null =>
  levels === undefined
    ? null
    : levels.map((level) => ({ target: level.target, policies: level.policies.map((p) => p.id) }));

const refOf = (ref: StatementRef, expected: ExpectedRef): ExpectedRef => ({
  policyType: ref.policyType,
  policyId: ref.policyId,
  ...(expected.orgLevel === undefined ? {} : { orgLevel: ref.orgLevel ?? '' }),
});

function checkDecision(result: EvaluationResult, expected: NonNullable<AccountCase['expected']>): void {
  if (expected.decision !== undefined) expect(result.decision, result.message).toBe(expected.decision);
  if (expected.deniedBy !== undefined) {
    expect(result.deniedBy, 'deniedBy').toBeDefined();
    if (result.deniedBy !== undefined) expect(refOf(result.deniedBy, expected.deniedBy)).toEqual(expected.deniedBy);
  }
  if (expected.allowedBy !== undefined) {
    expect(result.allowedBy.map((ref, i) => refOf(ref, expected.allowedBy?.[i] ?? ref))).toEqual(expected.allowedBy);
  }
  if (expected.notAllowedBy !== undefined) expect(result.notAllowedBy).toBe(expected.notAllowedBy);
}

describe('account snapshot cases (test/cases/account)', () => {
  it('has case files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(files)('$name', ({ name, file }) => {
    it('matches schemas/account-case.schema.json', () => {
      const valid = validate(file);
      expect(validate.errors ?? [], name).toEqual([]);
      expect(valid).toBe(true);
    });

    it.each(file.cases.map((test) => [test.description, test] as const))('%s', (_title, test) => {
      expect(
        test.rules.every((rule) => test.description.includes(rule)),
        'the title cites its rules',
      ).toBe(true);
      const input = snapshotOf(file, test);
      const before = JSON.stringify(input);
      if (test.error !== undefined) {
        let caught: unknown;
        try {
          loadAccountSnapshot(input as AccountSnapshotInput);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(AccountSnapshotError);
        const issues = caught instanceof AccountSnapshotError ? caught.issues : [];
        expect(issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code)).toEqual(
          test.error.codes,
        );
        if (test.error.pointers !== undefined) {
          expect(issues.filter((issue) => issue.severity === 'error').map((issue) => issue.pointer)).toEqual(
            test.error.pointers,
          );
        }
        expect(JSON.stringify(input), 'the input is unchanged').toBe(before);
        return;
      }
      const expected = test.expected ?? {};
      const request = test.request;
      if (request === undefined) throw new Error('a case has a request or an error');
      const resolved = loadAccountSnapshot(input as AccountSnapshotInput).resolve(request);
      const { policies } = resolved.input;
      expect(resolved.input.request).toBe(request);
      if (expected.identity !== undefined) expect(policies.identity?.map((p) => p.id) ?? []).toEqual(expected.identity);
      if (expected.awsManaged !== undefined) {
        expect(policies.identity?.filter((p) => p.awsManaged === true).map((p) => p.id)).toEqual(expected.awsManaged);
      }
      if (expected.permissionsBoundary !== undefined) {
        expect(policies.permissionsBoundary?.id ?? null).toBe(expected.permissionsBoundary);
      }
      if (expected.resource !== undefined) expect(policies.resource?.id ?? null).toBe(expected.resource);
      if (expected.resourceDocument !== undefined) {
        const document = policies.resource?.document;
        expect(typeof document === 'string' ? JSON.parse(document) : document).toEqual(expected.resourceDocument);
      }
      if (expected.serviceControlPolicies !== undefined) {
        expect(levelsOf(policies.serviceControlPolicies)).toEqual(expected.serviceControlPolicies);
      }
      if (expected.resourceControlPolicies !== undefined) {
        expect(levelsOf(policies.resourceControlPolicies)).toEqual(expected.resourceControlPolicies);
      }
      if (expected.managementAccountId !== undefined) {
        expect(resolved.options.managementAccountId ?? null).toBe(expected.managementAccountId);
      }
      expect(resolved.warnings.map((warning) => warning.code)).toEqual(expected.warnings ?? []);
      if (expected.warningPointers !== undefined) {
        expect(resolved.warnings.map((warning) => warning.pointer)).toEqual(expected.warningPointers);
      }
      if (expected.decision !== undefined) checkDecision(evaluate(resolved.input, resolved.options), expected);
      expect(JSON.stringify(input), 'the input is unchanged').toBe(before);
    });
  });
});
