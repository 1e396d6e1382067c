import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy } from '../../../src/index.js';
import type { PolicyGrammar } from '../../../src/index.js';

const scenarios = join(import.meta.dirname, '..', '..', '..', 'examples', 'scenarios');

const FOLDER_GRAMMAR: Readonly<Record<string, PolicyGrammar>> = {
  identity: 'identity',
  resource: 'resource',
  'permissions-boundary': 'permissionsBoundary',
  session: 'session',
  scp: 'scp',
  rcp: 'rcp',
  'vpc-endpoint': 'vpcEndpoint',
};

function read(...path: string[]): string {
  return readFileSync(join(scenarios, ...path), 'utf8');
}

/** Every policy file of every scenario, with the grammar its folder names. */
function scenarioPolicies(): { file: string; grammar: PolicyGrammar }[] {
  const out: { file: string; grammar: PolicyGrammar }[] = [];
  const walk = (dir: string, grammar: PolicyGrammar | undefined): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, grammar ?? FOLDER_GRAMMAR[entry.name]);
      else if (entry.name.endsWith('.json') && grammar !== undefined) out.push({ file: path, grammar });
    }
  };
  for (const scenario of readdirSync(scenarios)) walk(join(scenarios, scenario, 'policies'), undefined);
  return out;
}

describe('SCENARIOS.md pastes are refused where they break', () => {
  it('scenario 1: the missing comma is named at the end of the Action line (G-1)', () => {
    const result = parsePolicy(read('01-identity-deny', 'as-pasted', 'deny-delete-role.txt'), {
      policyType: 'identity',
      policyId: 'deny-delete-role',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const comma = result.issues.find((issue) => issue.code === 'missing_comma');
    expect(comma).toMatchObject({ line: 3, column: 29, pointer: '/Action', severity: 'error' });
    // The paste is a statement without its policy: said once, at the opening brace.
    expect(result.issues.map((issue) => issue.code)).toEqual(['missing_statement', 'missing_comma']);
  });

  it('scenario 4: lowercase `deny` is refused with `Deny` suggested (G-13)', () => {
    const result = parsePolicy(read('04-bucket-policy-deny', 'as-pasted', 'bucket-policy-statement.txt'), {
      policyType: 'resource',
      policyId: 'MyExampleBucket',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.find((issue) => issue.code === 'invalid_effect')).toMatchObject({
      line: 2,
      column: 13,
      pointer: '/Effect',
      suggestion: 'Deny',
      message: 'invalid effect `deny`: use `Allow` or `Deny` (case-sensitive)',
    });
  });

  it('scenario 6: both typographic quotes are named with line and column (G-1, G-6)', () => {
    const result = parsePolicy(read('06-vpce-only', 'as-pasted', 'bucket-policy.txt'), {
      policyType: 'resource',
      policyId: 'examplebucket',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'typographic_quote', line: 3, column: 25, pointer: '/Id' }),
      expect.objectContaining({
        code: 'typographic_quote',
        line: 7,
        column: 78,
        pointer: '/Statement/0/Condition/StringNotEqualsIfExists/aws:SourceVpce',
      }),
    ]);
    expect(result.issues[0]?.message).toContain('`”` (U+201D)');
  });
});

describe('the fixed scenario policies parse', () => {
  const policies = scenarioPolicies();

  it('finds the fixed versions of scenarios 1, 4 and 6', () => {
    const files = policies.map((p) => p.file);
    for (const expected of [
      join('01-identity-deny', 'policies', 'identity', 'DenyDeleteRole.json'),
      join('04-bucket-policy-deny', 'policies', 'resource', 'MyExampleBucket.json'),
      join('06-vpce-only', 'policies', 'resource', 'examplebucket.json'),
    ]) {
      expect(
        files.some((file) => file.endsWith(expected)),
        expected,
      ).toBe(true);
    }
  });

  for (const { file, grammar } of policies) {
    it(`${file.slice(scenarios.length + 1)} (${grammar})`, () => {
      const policy = loadPolicy(readFileSync(file, 'utf8'), { policyType: grammar, policyId: 'scenario' });
      expect(policy.statements.length).toBeGreaterThan(0);
      expect(policy.warnings.filter((issue) => issue.severity === 'error')).toEqual([]);
    });
  }
});
