import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import type { EvaluateOptions, EvaluationInput, OrgLevel, PolicySet, PolicySource } from '../../src/index.js';
import { inputArb, optionsArb, policyArb, statementArb } from './arbitraries/evaluation.js';
import type { PolicyJson, StatementJson } from './arbitraries/evaluation.js';

/**
 * Laws of the evaluator over random policy sets and requests (issue 4): monotonicity in Deny and Allow statements,
 * independence from policy and statement order, guard-rail types never granting (E-7), purity and determinism.
 */

const RUNS = { numRuns: 250 };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const doc = (source: PolicySource): PolicyJson => source.document as PolicyJson;
const withStatement = (source: PolicySource, statement: StatementJson): PolicySource => ({
  ...source,
  document: { ...doc(source), Statement: [...doc(source).Statement, statement] },
});

/** Where a statement can be added: an existing policy of any type, or a new identity policy. */
type Target =
  | { readonly kind: 'newIdentity' }
  | { readonly kind: 'identity' | 'session' | 'vpcEndpoint'; readonly index: number }
  | { readonly kind: 'resource' | 'permissionsBoundary' }
  | { readonly kind: 'scp' | 'rcp'; readonly level: number; readonly index: number };

const targetArb = fc.oneof(
  fc.constant<Target>({ kind: 'newIdentity' }),
  fc.record({
    kind: fc.constantFrom<'identity' | 'session' | 'vpcEndpoint'>('identity', 'session', 'vpcEndpoint'),
    index: fc.nat(3),
  }),
  fc.record({ kind: fc.constantFrom<'resource' | 'permissionsBoundary'>('resource', 'permissionsBoundary') }),
  fc.record({ kind: fc.constantFrom<'scp' | 'rcp'>('scp', 'rcp'), level: fc.nat(3), index: fc.nat(2) }),
);

function shapeOf(target: Target): 'noPrincipal' | 'principal' | 'rcp' {
  if (target.kind === 'rcp') return 'rcp';
  return target.kind === 'resource' || target.kind === 'vpcEndpoint' ? 'principal' : 'noPrincipal';
}

/** Adds the statement to the target when it exists; `undefined` when it does not. */
function addStatement(policies: PolicySet, target: Target, statement: StatementJson): PolicySet | undefined {
  const addAt = (list: readonly PolicySource[] | undefined, index: number): PolicySource[] | undefined => {
    const source = list?.[index];
    if (list === undefined || source === undefined) return undefined;
    return list.map((s, i) => (i === index ? withStatement(s, statement) : s));
  };
  const addInLevels = (
    levels: readonly OrgLevel[] | undefined,
    level: number,
    index: number,
  ): OrgLevel[] | undefined => {
    const at = levels?.[level];
    const policiesAt = at === undefined ? undefined : addAt(at.policies, index);
    if (levels === undefined || policiesAt === undefined) return undefined;
    return levels.map((l, i) => (i === level ? { ...l, policies: policiesAt } : l));
  };
  switch (target.kind) {
    case 'newIdentity':
      return {
        ...policies,
        identity: [
          ...(policies.identity ?? []),
          { id: 'added', document: { Version: '2012-10-17', Statement: [statement] } },
        ],
      };
    case 'identity':
    case 'session':
    case 'vpcEndpoint': {
      const list = addAt(policies[target.kind], target.index);
      return list === undefined ? undefined : { ...policies, [target.kind]: list };
    }
    case 'resource':
    case 'permissionsBoundary': {
      const source = policies[target.kind];
      return source === undefined ? undefined : { ...policies, [target.kind]: withStatement(source, statement) };
    }
    case 'scp': {
      const levels = addInLevels(policies.serviceControlPolicies, target.level, target.index);
      return levels === undefined ? undefined : { ...policies, serviceControlPolicies: levels };
    }
    case 'rcp': {
      const levels = addInLevels(policies.resourceControlPolicies, target.level, target.index);
      return levels === undefined ? undefined : { ...policies, resourceControlPolicies: levels };
    }
  }
}

/** A deterministic shuffle (mulberry32), so a failing case replays from its seed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function shuffleSource(source: PolicySource, seed: number): PolicySource {
  return { ...source, document: { ...doc(source), Statement: shuffle(doc(source).Statement, seed) } };
}

function shuffleSet(policies: PolicySet, seed: number): PolicySet {
  const list = (sources: readonly PolicySource[] | undefined, salt: number) =>
    shuffle(sources ?? [], seed + salt).map((s, i) => shuffleSource(s, seed + salt + i + 1));
  const levels = (org: readonly OrgLevel[] | undefined, salt: number) =>
    (org ?? []).map((level, i) => ({ ...level, policies: list(level.policies, salt + 100 * i) }));
  return {
    identity: list(policies.identity, 1),
    session: list(policies.session, 2),
    vpcEndpoint: list(policies.vpcEndpoint, 3),
    serviceControlPolicies: levels(policies.serviceControlPolicies, 1000),
    resourceControlPolicies: levels(policies.resourceControlPolicies, 2000),
    ...(policies.resource === undefined ? {} : { resource: shuffleSource(policies.resource, seed + 4) }),
    ...(policies.permissionsBoundary === undefined
      ? {}
      : { permissionsBoundary: shuffleSource(policies.permissionsBoundary, seed + 5) }),
  };
}

const run = (input: EvaluationInput, options: EvaluateOptions) => evaluate(input, options);

describe('evaluation laws (fast-check)', () => {
  it('E-4: adding a Deny statement anywhere never turns a decision into Allow', () => {
    const arb = fc
      .tuple(inputArb, optionsArb, targetArb)
      .chain(([input, options, target]) =>
        fc.tuple(fc.constant(input), fc.constant(options), fc.constant(target), statementArb(shapeOf(target), 'Deny')),
      );
    fc.assert(
      fc.property(arb, ([input, options, target, deny]) => {
        const policies = addStatement(input.policies, target, deny);
        fc.pre(policies !== undefined);
        const before = run(input, options);
        const after = run({ ...input, policies: policies as PolicySet }, options);
        if (after.decision === 'Allow') expect(before.decision).toBe('Allow');
        if (before.decision === 'ExplicitDeny') expect(after.decision).toBe('ExplicitDeny');
      }),
      RUNS,
    );
  });

  it('E-5: adding an Allow statement never turns an Allow into a deny', () => {
    const arb = fc
      .tuple(inputArb, optionsArb, targetArb)
      .chain(([input, options, target]) =>
        fc.tuple(fc.constant(input), fc.constant(options), fc.constant(target), statementArb(shapeOf(target), 'Allow')),
      );
    fc.assert(
      fc.property(arb, ([input, options, target, allow]) => {
        const policies = addStatement(input.policies, target, allow);
        fc.pre(policies !== undefined);
        const before = run(input, options);
        fc.pre(before.decision === 'Allow');
        const after = run({ ...input, policies: policies as PolicySet }, options);
        expect(after.decision).toBe('Allow');
      }),
      { numRuns: 100 },
    );
  });

  it('the order of policies and of statements does not change the decision or the type that did not allow', () => {
    fc.assert(
      fc.property(inputArb, optionsArb, fc.integer(), (input, options, seed) => {
        const before = run(input, options);
        const after = run({ ...input, policies: shuffleSet(input.policies, seed) }, options);
        expect(after.decision).toBe(before.decision);
        expect(after.notAllowedBy).toBe(before.notAllowedBy);
        expect(after.deniedBy?.policyType).toBe(before.deniedBy?.policyType);
        expect(after.denies.length).toBe(before.denies.length);
      }),
      RUNS,
    );
  });

  const guardrails = [
    'permissionsBoundary',
    'serviceControlPolicies',
    'resourceControlPolicies',
    'session',
    'vpcEndpoint',
  ] as const;
  const guardrailArb = fc.constantFrom(...guardrails).chain((type) => {
    const added: fc.Arbitrary<Partial<PolicySet>> =
      type === 'permissionsBoundary'
        ? policyArb('noPrincipal').map((document) => ({ permissionsBoundary: { id: 'boundary', document } }))
        : type === 'session'
          ? fc
              .array(policyArb('noPrincipal'), { minLength: 1, maxLength: 2 })
              .map((docs) => ({ session: docs.map((document, i) => ({ id: `s${i}`, document })) }))
          : type === 'vpcEndpoint'
            ? fc
                .array(policyArb('principal'), { minLength: 1, maxLength: 2 })
                .map((docs) => ({ vpcEndpoint: docs.map((document, i) => ({ id: `v${i}`, document })) }))
            : fc
                .array(
                  fc.array(policyArb(type === 'resourceControlPolicies' ? 'rcp' : 'noPrincipal'), {
                    minLength: 0,
                    maxLength: 2,
                  }),
                  { minLength: 1, maxLength: 3 },
                )
                .map((levels) => ({
                  [type]: levels.map((docs, l) => ({
                    target: `level-${l}`,
                    policies: docs.map((document, i) => ({ id: `g${l}-${i}`, document })),
                  })),
                }));
    return fc.tuple(fc.constant(type), added);
  });

  it('E-7: a guard-rail type (boundary, SCP, RCP, session, endpoint) never turns an ImplicitDeny into an Allow', () => {
    fc.assert(
      fc.property(inputArb, optionsArb, guardrailArb, (input, options, [type, added]) => {
        // §1.3 step 7: a federated-user session needs its session policy, so adding one may allow (the one exception).
        fc.pre(!(type === 'session' && input.request.principal.includes(':federated-user/')));
        const { [type]: _removed, ...without } = input.policies;
        const before = run({ ...input, policies: without }, options);
        fc.pre(before.decision === 'ImplicitDeny');
        const after = run({ ...input, policies: { ...without, ...added } }, options);
        expect(after.decision).not.toBe('Allow');
      }),
      RUNS,
    );
  });

  it('never mutates its input, and gives deep-equal results for the same input', () => {
    fc.assert(
      fc.property(inputArb, optionsArb, (input, options) => {
        const frozen = deepFreeze(structuredClone(input));
        const copy = structuredClone(frozen);
        const first = run(frozen, options);
        expect(frozen).toEqual(copy);
        expect(run(structuredClone(copy), options)).toEqual(first);
      }),
      RUNS,
    );
  });

  it('the result is consistent: ExplicitDeny iff a Deny matched; Allow lists a grant unless the caller is the root user', () => {
    fc.assert(
      fc.property(inputArb, optionsArb, (input, options) => {
        const result = run(input, options);
        expect(result.decision === 'ExplicitDeny').toBe(result.denies.length > 0);
        expect(result.deniedBy === undefined).toBe(result.decision !== 'ExplicitDeny');
        expect(result.notAllowedBy === undefined).toBe(result.decision !== 'ImplicitDeny');
        expect(result.message === undefined).toBe(result.decision === 'Allow');
        if (result.decision === 'Allow' && !input.request.principal.endsWith(':root')) {
          expect(result.allowedBy.length).toBeGreaterThan(0);
        }
        expect([...result.missingContextKeys].sort()).toEqual(result.missingContextKeys);
      }),
      RUNS,
    );
  });
});
