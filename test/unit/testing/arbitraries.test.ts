import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../../../src/model/policy-type.js';
import { validatePolicy } from '../../../src/parser/validate-policy.js';
import {
  ACCOUNTS,
  CONTEXT_KEYS,
  PRINCIPAL_KINDS,
  arbActionResource,
  arbContext,
  arbContextValue,
  arbEvaluationInput,
  arbPolicyDocument,
  arbPolicySet,
  arbPolicySource,
  arbPrincipalInfo,
  arbRequest,
  arbStatement,
} from '../../../src/testing/arbitraries/index.js';

const SEED = 42;
const sample = <T>(arb: fc.Arbitrary<T>, numRuns = 300): T[] => fc.sample(arb, { numRuns, seed: SEED });

/** The counterexample fast-check reports (after shrinking) for a property that fails. */
function counterexample<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => boolean): T {
  const details = fc.check(fc.property(arb, predicate), { seed: SEED, numRuns: 500 });
  if (!details.failed || details.counterexample === null) throw new Error('the property did not fail');
  return details.counterexample[0];
}

describe('principal arbitraries (G-15, §9.2)', () => {
  it('produces every kind of caller', () => {
    const kinds = new Set(sample(arbPrincipalInfo()).map((p) => p.kind));
    expect([...kinds].sort()).toEqual([...PRINCIPAL_KINDS].sort());
  });

  it('builds ARNs in the documented shapes', () => {
    for (const p of sample(arbPrincipalInfo(), 500)) {
      switch (p.kind) {
        case 'iamUser':
          expect(p.arn).toMatch(/^arn:aws:iam::\d{12}:user\/([\w-]+\/)*[\w-]+$/);
          break;
        case 'roleSession':
        case 'serviceLinkedRoleSession':
          expect(p.arn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/[\w-]+\/[\w.-]+$/);
          expect(p.roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
          break;
        case 'federatedUser':
          expect(p.arn).toMatch(/^arn:aws:sts::\d{12}:federated-user\/[\w-]+$/);
          break;
        case 'accountRoot':
          expect(p.arn).toBe(`arn:aws:iam::${p.accountId ?? ''}:root`);
          break;
        case 'anonymous':
          expect(p.arn).toBe('*');
          break;
        case 'service':
          expect(p.arn).toMatch(/\.amazonaws\.com$/);
          break;
      }
    }
    const slr = sample(arbPrincipalInfo({ kinds: ['serviceLinkedRoleSession'] }), 20);
    for (const p of slr) expect(p.roleArn).toMatch(/:role\/aws-service-role\/[\w.]+\/AWSServiceRoleFor\w+$/);
  });

  it('shrinks to the simplest caller of the failing kind', () => {
    const found = counterexample(arbPrincipalInfo(), (p) => p.kind !== 'roleSession');
    expect(found.arn).toBe(`arn:aws:sts::${ACCOUNTS[0]}:assumed-role/app/session`);
  });
});

describe('action and resource arbitraries', () => {
  it('pairs every action with a resource of a kind it takes', () => {
    for (const { action, resource, resourceAccount } of sample(arbActionResource(), 500)) {
      const service = action.split(':')[0];
      if (resource === '*') continue;
      const arnService = resource.split(':')[2];
      // sts:AssumeRole acts on an IAM role
      expect(arnService).toBe(service === 'sts' ? 'iam' : service);
      if (service === 's3') expect(resourceAccount).toMatch(/^\d{12}$/);
      else expect(resourceAccount).toBeUndefined();
    }
  });

  it('covers the services a user names', () => {
    const services = new Set(sample(arbActionResource()).map((p) => p.action.split(':')[0]));
    for (const s of ['s3', 'ec2', 'iam', 'kms', 'sqs', 'dynamodb']) expect(services).toContain(s);
  });
});

describe('context arbitraries (§7.2, C-27, C-29)', () => {
  it('leaves keys absent, sends empty sets and values of every type', () => {
    const contexts = sample(arbContext(), 500);
    expect(
      sample(arbContext({ keys: ['aws:SourceVpce', 'aws:TagKeys'] })).some((c) => Object.keys(c).length === 0),
    ).toBe(true);
    expect(contexts.some((c) => Array.isArray(c['aws:TagKeys']) && c['aws:TagKeys'].length === 0)).toBe(true);
    expect(contexts.some((c) => !('aws:TagKeys' in c))).toBe(true);
    const types = new Set(
      contexts.flatMap((c) => Object.values(c).map((v) => (Array.isArray(v) ? 'array' : typeof v))),
    );
    expect([...types].sort()).toEqual(['array', 'boolean', 'number', 'string']);
  });

  it('gives multivalued keys arrays and single-valued keys scalars', () => {
    for (const c of sample(arbContext(), 300)) {
      for (const spec of CONTEXT_KEYS) {
        const v = c[spec.key];
        if (v !== undefined) expect(Array.isArray(v)).toBe(spec.multivalued);
      }
    }
  });

  it('shrinks a context to the one key that matters', () => {
    const found = counterexample(arbContext(), (c) => c['aws:MultiFactorAuthPresent'] !== false);
    expect(found).toEqual({ 'aws:MultiFactorAuthPresent': false });
  });

  it('draws any value type, including empty arrays', () => {
    const values = sample(arbContextValue(), 300);
    expect(values.some((v) => Array.isArray(v) && v.length === 0)).toBe(true);
    expect(values.some((v) => typeof v === 'number')).toBe(true);
  });

  it('refuses a key it does not know instead of ignoring it', () => {
    expect(() => arbContext({ keys: ['aws:NoSuchKey'] })).toThrow(/unknown context key `aws:NoSuchKey`/);
  });
});

describe('policy arbitraries (G-2, G-4, G-12, G-14, G-19, C-7, C-16, C-28, O-18)', () => {
  const statementsOf = (doc: { Statement: unknown }): Record<string, unknown>[] =>
    (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Record<string, unknown>[];

  it('names a principal exactly where the policy type needs one', () => {
    for (const policyType of ['identity', 'permissionsBoundary', 'session', 'scp'] as const) {
      for (const s of sample(arbStatement({ policyType }), 100)) {
        expect(s).not.toHaveProperty('Principal');
        expect(s).not.toHaveProperty('NotPrincipal');
      }
    }
    for (const policyType of ['resource', 'rcp', 'vpcEndpoint'] as const) {
      for (const s of sample(arbStatement({ policyType }), 100))
        expect('Principal' in s || 'NotPrincipal' in s).toBe(true);
    }
  });

  it('keeps NotPrincipal to Deny statements and RCPs to Deny without NotAction', () => {
    for (const s of sample(arbStatement({ policyType: 'resource' }), 300)) {
      if ('NotPrincipal' in s) expect(s['Effect']).toBe('Deny');
    }
    for (const s of sample(arbStatement({ policyType: 'rcp' }), 100)) {
      expect(s['Effect']).toBe('Deny');
      expect(s).not.toHaveProperty('NotAction');
      expect(s['Principal']).toBe('*');
    }
  });

  it('writes conditions that the grammar accepts', () => {
    for (const s of sample(arbStatement(), 500)) {
      const condition = (s['Condition'] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [operator, keys] of Object.entries(condition)) {
        expect(operator).not.toMatch(/^Null.*IfExists$|^For\w+:Null/);
        for (const [key, value] of Object.entries(keys)) {
          const spec = CONTEXT_KEYS.find((k) => k.key === key);
          expect(spec).toBeDefined();
          if (operator.startsWith('Bool')) expect(Array.isArray(value)).toBe(false);
          if (spec?.multivalued && operator !== 'Null') expect(operator).toMatch(/^For(AllValues|AnyValue):/);
          if (!spec?.multivalued) expect(operator).not.toMatch(/^For/);
          if (!operator.includes('Like') && !operator.startsWith('Arn'))
            expect(JSON.stringify(value)).not.toContain('*');
        }
      }
    }
  });

  it('keeps Sids unique and alphanumeric, and documents within the size limits (§12.1)', () => {
    for (const policyType of ['identity', 'resource', 'session', 'scp', 'rcp', 'vpcEndpoint'] as const) {
      for (const doc of sample(arbPolicyDocument({ policyType }), 200)) {
        const sids = statementsOf(doc).flatMap((s) => (typeof s['Sid'] === 'string' ? [s['Sid']] : []));
        expect(new Set(sids).size).toBe(sids.length);
        for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(doc.Version).toBe('2012-10-17');
        if (policyType !== 'resource' && policyType !== 'vpcEndpoint') expect(doc).not.toHaveProperty('Id');
        // session policies have the smallest budget: 2,048 characters without white space
        expect(JSON.stringify(doc).length).toBeLessThan(2048);
      }
    }
  });

  it('builds org paths root first, account last, with FullAWSAccess where AWS attaches it (O-10, O-13, O-14)', () => {
    for (const set of sample(arbPolicySet({ types: ['identity', 'scp', 'rcp'] }), 100)) {
      for (const levels of [set.serviceControlPolicies, set.resourceControlPolicies]) {
        if (!levels) continue;
        expect(levels.map((l) => l.target)).toEqual(['r-root', 'ou-ab12-cdef3456', ACCOUNTS[0]]);
        for (const l of levels) expect(l.policies.length).toBeGreaterThan(0);
      }
      for (const l of set.resourceControlPolicies ?? [])
        expect(l.policies.map((p) => p.id)).toContain('RCPFullAWSAccess');
    }
  });

  it('shrinks a policy set to the single statement that matters', () => {
    const found = counterexample(arbPolicySet({ types: ['identity'], conditionKeys: [] }), (set) =>
      (set.identity ?? []).every((p) => !JSON.stringify(p.document).includes('"Deny"')),
    );
    expect(found.identity).toHaveLength(1);
    const doc = found.identity?.[0]?.document as { Statement: unknown };
    expect(statementsOf(doc)).toHaveLength(1);
  });
});

describe('requests and whole inputs', () => {
  it('gives S3 requests the owning account and never mutates between draws', () => {
    for (const r of sample(arbRequest({ services: ['s3'] }), 100)) {
      if (r.resource !== '*') expect(r.resourceAccount).toMatch(/^\d{12}$/);
    }
  });

  it('draws inputs with every policy type present somewhere', () => {
    const inputs = sample(arbEvaluationInput(), 200);
    for (const key of [
      'resource',
      'permissionsBoundary',
      'session',
      'serviceControlPolicies',
      'resourceControlPolicies',
      'vpcEndpoint',
    ]) {
      expect(inputs.some((i) => key in i.policies)).toBe(true);
    }
  });
});

describe('generated policies are valid by construction (checked with validatePolicy)', () => {
  const TYPES: PolicyType[] = ['identity', 'resource', 'permissionsBoundary', 'session', 'scp', 'rcp', 'vpcEndpoint'];
  for (const policyType of TYPES) {
    it(`${policyType}: no error and no warning in 300 documents, as objects and as JSON text`, () => {
      for (const source of sample(arbPolicySource({ policyType }), 300)) {
        // Generated actions are grammar, not AWS's catalogue: the catalogue's findings are checked elsewhere.
        expect(validatePolicy(source.document, { policyType, policyId: source.id, catalogue: false })).toEqual([]);
      }
    });
  }

  it('every policy of a generated policy set validates against its type', () => {
    for (const set of sample(arbPolicySet(), 100)) {
      const all: [PolicyType, unknown][] = [
        ...(set.identity ?? []).map((p): [PolicyType, unknown] => ['identity', p.document]),
        ...(set.resource ? [['resource', set.resource.document] as [PolicyType, unknown]] : []),
        ...(set.permissionsBoundary
          ? [['permissionsBoundary', set.permissionsBoundary.document] as [PolicyType, unknown]]
          : []),
        ...(set.session ?? []).map((p): [PolicyType, unknown] => ['session', p.document]),
        ...(set.serviceControlPolicies ?? []).flatMap((l) =>
          l.policies.map((p): [PolicyType, unknown] => ['scp', p.document]),
        ),
        ...(set.resourceControlPolicies ?? []).flatMap((l) =>
          l.policies.map((p): [PolicyType, unknown] => ['rcp', p.document]),
        ),
        ...(set.vpcEndpoint ?? []).map((p): [PolicyType, unknown] => ['vpcEndpoint', p.document]),
      ];
      for (const [policyType, document] of all)
        expect(validatePolicy(document, { policyType, policyId: 'p', catalogue: false })).toEqual([]);
    }
  });
});
