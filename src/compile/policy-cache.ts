import { loadPolicySet, compilePolicySource } from './load-policy-set.js';
import type { CompiledPolicySource } from './load-policy-set.js';
import type { CompiledPolicy, LoadedPolicySet } from './loaded-policy-set.js';
import { buildPolicyPlan } from './policy-plan.js';
import type { PolicyPlan } from './policy-plan.js';
import type { PolicyGrammar } from '../model/policy-type.js';
import type { PolicySet, PolicySource } from '../model/request.js';
import { documentUnchanged, guardDocument } from './document-guard.js';
import type { DocumentGuard } from './document-guard.js';

/**
 * The weak caches behind `evaluate(input)` and `compile`: a policy source seen before is not parsed, normalized or
 * compiled again, and a policy set of the same compiled policies is not planned again.
 *
 * - Keyed by the identity of the `PolicySource` object in a module-level `WeakMap`, so a cached policy lives exactly
 *   as long as the caller keeps its source: nothing leaks, and nothing is ever evicted by hand.
 * - An entry is reused only for the same grammar and organization level, the same `id`, the same `document` value
 *   and, for a document given as an object, only while it still reads as it did (document-guard.ts). Strings are
 *   immutable; a deeply frozen plain object is checked by identity; other objects are compared with a snapshot.
 * - Only successes are cached: a policy with errors is loaded again, so every call reports fresh issues.
 *
 * The cache is invisible: what it returns is what compiling again would return (compilation is deterministic and its
 * output deeply frozen), so no result can depend on whether it hit. It holds no other state.
 */

interface CacheEntry {
  readonly grammar: PolicyGrammar;
  readonly orgLevel: string | undefined;
  readonly id: string;
  readonly document: string | object;
  readonly awsManaged: boolean | undefined;
  readonly guard: DocumentGuard | undefined;
  readonly result: CompiledPolicySource;
}

const cache = new WeakMap<PolicySource, readonly CacheEntry[]>();

function reusable(
  entry: CacheEntry,
  grammar: PolicyGrammar,
  orgLevel: string | undefined,
  id: string,
  document: unknown,
  awsManaged: unknown,
) {
  if (entry.grammar !== grammar || entry.orgLevel !== orgLevel || entry.id !== id || entry.document !== document) {
    return false;
  }
  if (entry.awsManaged !== awsManaged) return false;
  return entry.guard === undefined || documentUnchanged(document as object, entry.guard);
}

/**
 * Compiles one policy source, or returns the compiled policy cached for it. Same contract as `compilePolicySource`.
 */
export function compilePolicySourceCached(
  source: PolicySource,
  grammar: PolicyGrammar,
  orgLevel: string | undefined,
): CompiledPolicySource {
  if (typeof source !== 'object' || source === null) return compilePolicySource(source, grammar, orgLevel);
  const { id, document, awsManaged } = source;
  const entries = cache.get(source);
  if (entries !== undefined) {
    for (const entry of entries) if (reusable(entry, grammar, orgLevel, id, document, awsManaged)) return entry.result;
  }
  if (awsManaged !== undefined && typeof awsManaged !== 'boolean')
    return compilePolicySource(source, grammar, orgLevel);
  if (typeof id !== 'string') return compilePolicySource(source, grammar, orgLevel);
  let guard: DocumentGuard | undefined;
  if (typeof document === 'object' && document !== null) {
    guard = guardDocument(document);
    if (guard.kind === 'uncacheable') return compilePolicySource(source, grammar, orgLevel);
    if (guard.kind === 'frozen') guard = undefined;
  } else if (typeof document !== 'string') {
    return compilePolicySource(source, grammar, orgLevel);
  }
  // Compile from the values just read, so the entry describes exactly what was compiled.
  const result = compilePolicySource(
    awsManaged === undefined ? { id, document } : { id, document, awsManaged },
    grammar,
    orgLevel,
  );
  if (!result.ok) return result;
  const entry: CacheEntry = { grammar, orgLevel, id, document, awsManaged, guard, result };
  // Entries of other grammars or levels stay; an outdated entry for the same slot is replaced.
  const kept = (entries ?? []).filter((other) => other.grammar !== grammar || other.orgLevel !== orgLevel);
  cache.set(source, Object.freeze([...kept, entry]));
  return result;
}

/**
 * Loads a policy set through the weak cache: the same `LoadedPolicySet`, issues and errors as `loadPolicySet`.
 *
 * @throws PolicyValidationError when any policy has an error, exactly as `loadPolicySet`.
 */
export function loadPolicySetCached(policies: PolicySet, resourceGrammar: 'resource' | 'roleTrust'): LoadedPolicySet {
  return loadPolicySet(policies, { resourceGrammar, compileSource: compilePolicySourceCached });
}

/** One cached plan: the policies it was built from, in order, and the grammar of its resource policy. */
interface PlanEntry {
  readonly key: readonly unknown[];
  readonly plan: PolicyPlan;
}

/** At most this many plans per first policy: a policy shared by many sets does not hold them all. */
const PLANS_PER_POLICY = 8;

const plans = new WeakMap<CompiledPolicy, readonly PlanEntry[]>();

/** What a plan is built from, in a fixed order: each compiled policy (cached by source) and each level's target. */
function planKey(loaded: LoadedPolicySet, grammar: 'resource' | 'roleTrust'): unknown[] {
  const key: unknown[] = [grammar, loaded.resource, loaded.permissionsBoundary, ...loaded.identity, '|'];
  key.push(...loaded.session, '|', ...loaded.vpcEndpoint, '|');
  for (const level of loaded.serviceControlPolicies) key.push(level.target, ...level.policies, '|');
  key.push('|');
  for (const level of loaded.resourceControlPolicies) key.push(level.target, ...level.policies, '|');
  return key;
}

function firstPolicy(loaded: LoadedPolicySet): CompiledPolicy | undefined {
  return (
    loaded.resource ??
    loaded.permissionsBoundary ??
    loaded.identity[0] ??
    loaded.session[0] ??
    loaded.vpcEndpoint[0] ??
    loaded.serviceControlPolicies.find((level) => level.policies.length > 0)?.policies[0] ??
    loaded.resourceControlPolicies.find((level) => level.policies.length > 0)?.policies[0]
  );
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The plan of a policy set read with one grammar, for `evaluate(input)`: the policies through the weak cache above,
 * then the plan itself cached under the first of them, reused while the set holds the same compiled policies in the
 * same places. A set without any policy gets a fresh (empty) plan.
 *
 * @throws PolicyValidationError when any policy has an error, exactly as `loadPolicySet`.
 */
export function loadPlanCached(policies: PolicySet, grammar: 'resource' | 'roleTrust'): PolicyPlan {
  const loaded = loadPolicySetCached(policies, grammar);
  const build = (): PolicyPlan =>
    grammar === 'resource'
      ? buildPolicyPlan(loaded, loaded.resource, undefined)
      : buildPolicyPlan(loaded, undefined, loaded.resource);
  const first = firstPolicy(loaded);
  if (first === undefined) return build();
  const key = planKey(loaded, grammar);
  const entries = plans.get(first) ?? [];
  for (const entry of entries) if (sameKey(entry.key, key)) return entry.plan;
  const plan = build();
  plans.set(first, Object.freeze([{ key, plan }, ...entries].slice(0, PLANS_PER_POLICY)));
  return plan;
}
