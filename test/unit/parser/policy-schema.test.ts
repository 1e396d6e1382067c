import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAMMAR_RULES, POLICY_GRAMMARS } from '../../../src/parser/grammar-rules.js';

const root = join(import.meta.dirname, '..', '..', '..');

interface Definition {
  readonly properties?: Record<string, unknown>;
  readonly required?: readonly string[];
  readonly allOf?: readonly { readonly $ref: string }[];
}

const schema = JSON.parse(readFileSync(join(root, 'schemas', 'policy.schema.json'), 'utf8')) as {
  $id: string;
  $defs: Record<string, Definition>;
};

/** The $defs each grammar is validated with (src/parser/schema-issues.ts). */
const POLICY_DEF = {
  identity: 'identityPolicy',
  permissionsBoundary: 'identityPolicy',
  session: 'identityPolicy',
  resource: 'resourcePolicy',
  vpcEndpoint: 'resourcePolicy',
  roleTrust: 'roleTrustPolicy',
  scp: 'scpPolicy',
  rcp: 'rcpPolicy',
} as const;

function statementDef(policyDef: string): Definition {
  const statement = schema.$defs[policyDef]?.properties?.['Statement'] as { else: { $ref: string } };
  return schema.$defs[statement.else.$ref.replace('#/$defs/', '')] ?? {};
}

describe('schemas/policy.schema.json', () => {
  it('has an $id (the package smoke test requires it)', () => {
    expect(schema.$id).toMatch(/policy\.schema\.json$/);
  });

  it('is compiled into the committed standalone validators (npm run generate)', async () => {
    const script = (await import('../../../scripts/generate-validators.mjs')) as {
      generateValidatorFiles: () => Record<string, string>;
    };
    for (const [file, text] of Object.entries(script.generateValidatorFiles())) {
      expect(readFileSync(join(root, 'src', 'parser', 'generated', file), 'utf8'), file).toBe(text);
    }
  });

  it('checks every grammar: POLICY_GRAMMARS names each grammar of GRAMMAR_RULES once', () => {
    expect([...POLICY_GRAMMARS].sort()).toEqual(Object.keys(GRAMMAR_RULES).sort());
  });

  it.each(POLICY_GRAMMARS)('agrees with the grammar rules of %s', (grammar) => {
    const rules = GRAMMAR_RULES[grammar];
    const policy = schema.$defs[POLICY_DEF[grammar]] ?? {};
    const statement = statementDef(POLICY_DEF[grammar]);
    const elements = Object.keys(statement.properties ?? {});
    const refs = (statement.allOf ?? []).map((ref) => ref.$ref.replace('#/$defs/', ''));
    const required = statement.required ?? [];

    expect('Id' in (policy.properties ?? {})).toBe(rules.id !== 'error');
    expect((policy.required ?? []).includes('Version')).toBe(rules.missingVersion === 'error');
    const version = schema.$defs[(policy.properties?.['Version'] as { $ref: string }).$ref.replace('#/$defs/', '')] as {
      enum: readonly string[];
    };
    expect(version.enum).toEqual(rules.versions);

    expect(elements.includes('Principal')).toBe(rules.principal === 'required');
    expect(refs.includes('requiresPrincipal') || required.includes('Principal')).toBe(rules.principal === 'required');
    expect(elements.includes('NotPrincipal')).toBe(rules.notPrincipal);
    expect(elements.includes('NotAction')).toBe(rules.notAction);
    expect(elements.includes('Resource')).toBe(rules.resource === 'required');
    expect(refs.includes('requiresResource')).toBe(rules.resource === 'required');
    expect((statement.properties?.['Sid'] as { $ref: string }).$ref).toBe(
      rules.alphanumericSid ? '#/$defs/alphanumericSid' : '#/$defs/sid',
    );
  });
});
