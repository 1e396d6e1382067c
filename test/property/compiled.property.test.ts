import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLoaded } from '../oracle/evaluate.js';
import { loadPolicySet } from '../oracle/load-policy-set.js';
import type { LoadedPolicySet } from '../oracle/loaded-policy-set.js';
import { validateRequest } from '../../src/request/validate-request.js';
import { isRoleArn } from '../oracle/request-environment.js';
import { compile, evaluate, RequestValidationError } from '../../src/index.js';
import type { CompiledPolicySet, EvaluateOptions, EvaluationResult, PolicySet, RequestInput } from '../../src/index.js';
import { differentialCaseArb, REQUESTS_PER_SET } from './arbitraries/compiled.js';

/**
 * Differential test of compiled policy sets (issue 7): on random policy sets and requests, `compile(policies).check`
 * gives the decision of the straightforward uncompiled evaluator (src/evaluator: `compilePolicySet` then
 * `evaluateCompiled`, with the grammar `evaluate` picks), `compile(policies).evaluate` and the cached `evaluate(input)`
 * give its whole result, and all three throw the same error when it throws. E-4, E-6, §1.4, O-10, O-14, EV-2 and every
 * other rule come along: the reference implements them, the fast path must agree on every input.
 */

const RUNS = 800;
/** Every how many requests of a set the cached `evaluate(input)` is compared too. */
const CACHED_EVERY = 5;

type Outcome = { readonly ok: true; readonly value: EvaluationResult } | { readonly ok: false; readonly error: Error };

function attempt<T>(
  run: () => T,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/** The uncompiled reference, each grammar's set loaded without any cache. */
function referenceFor(policies: PolicySet): (request: RequestInput, options: EvaluateOptions) => Outcome {
  const loaded = new Map<string, { ok: true; value: LoadedPolicySet } | { ok: false; error: Error }>();
  return (request, options) => {
    // As `evaluate` does: the request is checked first (RV-1..RV-5), its warnings go last on the result.
    const checked = attempt(() => validateRequest(request, options));
    if (!checked.ok) return checked;
    const grammar = isRoleArn(request.resource) ? 'roleTrust' : 'resource';
    let set = loaded.get(grammar);
    if (set === undefined) {
      set = attempt(() => loadPolicySet(policies, { resourceGrammar: grammar }));
      loaded.set(grammar, set);
    }
    if (!set.ok) return set;
    const compiledSet = set.value;
    const { warnings } = checked.value;
    return attempt(() => {
      const result = evaluateLoaded(compiledSet, request, options);
      const all = [...warnings, ...(result.warnings ?? [])];
      return all.length === 0 ? result : { ...result, warnings: all };
    });
  };
}

const CALLER_KINDS = [
  'user',
  'role',
  'roleSession',
  'federatedUser',
  'root',
  'anonymous',
  'service',
  'federatedIdentity',
  'account',
] as const;

const POLICY_SET_MEMBERS = [
  'identity',
  'resource',
  'permissionsBoundary',
  'session',
  'serviceControlPolicies',
  'resourceControlPolicies',
  'vpcEndpoint',
] as const;

/** The kind of caller a principal string names, by its shape. */
function callerKind(principal: string): string {
  if (principal === '*') return 'anonymous';
  if (/^\d{12}$/.test(principal)) return 'account';
  if (principal.endsWith('.amazonaws.com')) return 'service';
  if (!principal.startsWith('arn:')) return 'federatedIdentity';
  if (principal.endsWith(':root')) return 'root';
  if (principal.includes(':user/')) return 'user';
  if (principal.includes(':role/')) return 'role';
  if (principal.includes(':assumed-role/')) return 'roleSession';
  if (principal.includes(':federated-user/')) return 'federatedUser';
  return 'federatedIdentity';
}

function sameError(actual: Error, expected: Error, label: string): void {
  expect(actual.constructor, label).toBe(expected.constructor);
  expect(actual.message, label).toBe(expected.message);
  expect((actual as { issues?: unknown }).issues, label).toEqual((expected as { issues?: unknown }).issues);
}

describe('compiled policy sets agree with the uncompiled reference evaluator', () => {
  it(
    `on ${RUNS * REQUESTS_PER_SET} random (policy set, request) pairs: check, evaluate and the cached evaluate`,
    { timeout: 600_000 },
    () => {
      let decided = 0;
      let pairs = 0;
      const decisions = new Map<string, number>();
      // What the pairs covered: the partition and kind of the caller, the policy types given.
      const partitions = new Map<string, number>();
      const callerKinds = new Map<string, number>();
      const policyTypes = new Map<string, number>();
      fc.assert(
        fc.property(differentialCaseArb, ({ policies, requests }) => {
          const reference = referenceFor(policies);
          const compiled = attempt<CompiledPolicySet>(() => compile(policies));
          for (const type of Object.keys(policies)) policyTypes.set(type, (policyTypes.get(type) ?? 0) + 1);
          for (const [index, { request, options }] of requests.entries()) {
            pairs += 1;
            const principal = String(request.principal);
            const partition = principal.startsWith('arn:') ? (principal.split(':')[1] ?? '') : '(not an ARN)';
            partitions.set(partition, (partitions.get(partition) ?? 0) + 1);
            const kind = callerKind(principal);
            callerKinds.set(kind, (callerKinds.get(kind) ?? 0) + 1);
            const expected = reference(request, options);
            // The cached evaluate shares evaluateCompiled with compiled.evaluate; a few requests a set check its cache.
            const cached =
              index % CACHED_EVERY === 0 ? attempt(() => evaluate({ request, policies }, options)) : undefined;
            if (!compiled.ok) {
              // compile throws only when no grammar reads the set: every request's reference throws, and compile's
              // error is the one of a request whose resource is not a role (the `resource` grammar).
              expect(expected.ok, 'the reference decides where compile threw').toBe(false);
              // A malformed request is refused before its policies are read (RV-1), so only a readable one shares
              // compile's error.
              const requestRefused = !expected.ok && expected.error instanceof RequestValidationError;
              if (!expected.ok && !requestRefused && !isRoleArn(request.resource)) {
                sameError(compiled.error, expected.error, 'compile');
              }
              continue;
            }
            const check = attempt(() => compiled.value.check(request, options));
            const full = attempt(() => compiled.value.evaluate(request, options));
            if (!expected.ok) {
              for (const [label, outcome] of [
                ['check', check],
                ['evaluate', full],
                ['cached evaluate', cached],
              ] as const) {
                if (outcome === undefined) continue;
                expect(outcome.ok, `${label} decides where the reference threw ${expected.error.message}`).toBe(false);
                if (!outcome.ok) sameError(outcome.error, expected.error, label);
              }
              continue;
            }
            decided += 1;
            const decision = expected.value.decision;
            decisions.set(decision, (decisions.get(decision) ?? 0) + 1);
            if (!check.ok) throw check.error;
            expect(check.value, 'check').toBe(decision);
            const expectedText = JSON.stringify(expected.value);
            for (const [label, outcome] of [
              ['evaluate', full],
              ['cached evaluate', cached],
            ] as const) {
              if (outcome === undefined) continue;
              if (!outcome.ok) throw outcome.error;
              // Both sides are plain JSON data built in the same order: equal texts are equal results. The full diff
              // of toEqual is only worth its cost on a failure; equal values in other texts differ in member order,
              // which JSON output shows, so that fails too.
              const text = JSON.stringify(outcome.value);
              if (text !== expectedText) {
                expect(outcome.value, label).toEqual(expected.value);
                expect(text, `${label}: the members in the reference's order`).toBe(expectedText);
              }
            }
          }
        }),
        { numRuns: RUNS },
      );
      expect(pairs).toBeGreaterThanOrEqual(20_000);
      // The generators must mostly produce valid sets, and every decision must be common enough to mean something.
      expect(decided / pairs).toBeGreaterThan(0.8);
      for (const decision of ['Allow', 'ExplicitDeny', 'ImplicitDeny']) {
        expect(decisions.get(decision) ?? 0, decision).toBeGreaterThan(pairs / 50);
      }
      // Every partition, every kind of caller and every policy type, each often enough to mean something.
      for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
        expect(partitions.get(partition) ?? 0, partition).toBeGreaterThan(pairs / 100);
      }
      for (const kind of CALLER_KINDS) expect(callerKinds.get(kind) ?? 0, kind).toBeGreaterThan(pairs / 200);
      for (const type of POLICY_SET_MEMBERS) expect(policyTypes.get(type) ?? 0, type).toBeGreaterThan(RUNS / 20);
    },
  );
});
