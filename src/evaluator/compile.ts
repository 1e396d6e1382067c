import type { LoadedPolicySet } from '../compile/loaded-policy-set.js';
import { loadPolicySetCached } from '../compile/policy-cache.js';
import { buildPolicyPlan } from '../compile/policy-plan.js';
import { PolicyValidationError } from '../errors/policy-validation-error.js';
import type { Decision, EvaluateOptions, EvaluationResult } from '../model/evaluation-result.js';
import type { PolicySet, RequestInput } from '../model/request.js';
import { readCaller } from '../request/read-caller.js';
import { isRoleArn } from '../request/request-kinds.js';
import { validateRequest } from '../request/validate-request.js';
import { decide } from './decide.js';
import { requestFacts, resultOf } from './trace.js';

/**
 * How {@link compile} reads the policies.
 *
 * @example
 * ```ts
 * import type { CompileOptions } from 'iam-policy-evaluator';
 * const options: CompileOptions = { resourceGrammar: 'roleTrust' };
 * options.resourceGrammar; //=> 'roleTrust'
 * ```
 */
export interface CompileOptions {
  /**
   * The grammar of `policies.resource`: `resource` for a resource-based policy, `roleTrust` for a role's trust policy
   * (IAM-SEMANTICS E-8, EV-2). Absent (the default): as `evaluate` does, per request, `roleTrust` when the request's
   * resource is an IAM role ARN and `resource` otherwise. The policy is then compiled with both grammars; when it is
   * valid with only one of them, `compile` succeeds and a request that needs the other throws the
   * `PolicyValidationError` that `evaluate` would throw.
   */
  readonly resourceGrammar?: 'resource' | 'roleTrust';
}

/**
 * A policy set compiled once, for any number of requests: every policy parsed, validated, normalized and compiled,
 * every statement filed in an index by the actions it can match. Deeply immutable (frozen, holding no per-request
 * state), so one instance is safe to share between callers; both methods are pure and synchronous.
 *
 * @example
 * ```ts
 * import { compile } from 'iam-policy-evaluator';
 * import type { CompiledPolicySet } from 'iam-policy-evaluator';
 * const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
 * const compiled: CompiledPolicySet = compile({ identity: [{ id: 'read', document: doc }] });
 * Object.isFrozen(compiled); //=> true
 * ```
 */
export interface CompiledPolicySet {
  /**
   * The decision alone, on the fast path: only the statements that can match the request's action are looked at,
   * Deny statements first, each rule stops at its first answer, and no trace is built. Always the `decision` that
   * {@link CompiledPolicySet.evaluate} (and `evaluate` with the same policies) returns.
   *
   * @throws RequestValidationError when the request or the options cannot be read, as `evaluate` does.
   * @throws PolicyValidationError when the request needs the resource policy in a grammar it is invalid in.
   */
  check(request: RequestInput, options?: EvaluateOptions): Decision;
  /**
   * The full `EvaluationResult` (decision, deciding statement, message, missing keys and the trace of every policy,
   * statement and condition), equal to what `evaluate({ request, policies }, options)` returns. Every field but the
   * trace is worked out through the action index; the trace (every statement and condition of every policy, by far
   * the costliest part) is built on first read of `result.trace`, from copies of the request and options taken now.
   * Until then `trace` is an accessor; reading it (or serializing, comparing, spreading or printing the result) turns
   * it into a plain data property.
   *
   * @throws as {@link CompiledPolicySet.check}.
   */
  evaluate(request: RequestInput, options?: EvaluateOptions): EvaluationResult;
  /** How many statements the set holds (each grammar's reading of the resource policy counted). */
  readonly statementCount: number;
}

type Grammar = 'resource' | 'roleTrust';

/** One grammar's reading of the set: loaded, or the error a request needing it gets. */
type Variant = { readonly ok: true; readonly loaded: LoadedPolicySet } | { readonly ok: false; readonly error: Error };

function load(policies: PolicySet, grammar: Grammar): Variant {
  try {
    return { ok: true, loaded: loadPolicySetCached(policies, grammar) };
  } catch (error) {
    if (error instanceof PolicyValidationError) return { ok: false, error };
    throw error;
  }
}

/**
 * Compiles a policy set once for any number of requests: `check` decides on a fast path without a trace, `evaluate`
 * returns the full result. Policy sources already seen by `compile` or `evaluate` are not parsed again (a weak cache
 * keyed by the source objects, see docs/benchmarks.md).
 *
 * @param policies - the policies by type, as in `EvaluationInput.policies`.
 * @param options - the grammar of the resource policy (default: chosen per request, as `evaluate` does).
 * @returns a frozen {@link CompiledPolicySet}.
 * @throws PolicyValidationError when any policy is invalid (for the resource policy: invalid with every grammar
 *   asked for); its `issues` hold every issue of every policy. Nothing is returned then.
 * @example
 * ```ts
 * import { compile } from 'iam-policy-evaluator';
 * const policies = {
 *   identity: [{ id: 'RunInstances', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }] } }],
 *   permissionsBoundary: { id: 'NoEc2', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] } },
 * };
 * const compiled = compile(policies);
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ec2:RunInstances', resource: '*' };
 * compiled.check(request); //=> 'ExplicitDeny'
 * compiled.evaluate(request).deniedBy?.policyId; //=> 'NoEc2'
 * compiled.check({ ...request, action: 's3:ListBucket' }); //=> 'ImplicitDeny'
 * ```
 */
export function compile(policies: PolicySet, options: CompileOptions = {}): CompiledPolicySet {
  const fixed = options.resourceGrammar;
  const resourceVariant = fixed === 'roleTrust' ? undefined : load(policies, 'resource');
  const trustVariant = fixed === 'resource' ? undefined : load(policies, 'roleTrust');
  const usable = [resourceVariant, trustVariant].find((variant) => variant?.ok === true);
  if (usable === undefined || !usable.ok) {
    const failed = resourceVariant ?? trustVariant;
    throw failed !== undefined && !failed.ok ? failed.error : new Error('no grammar to compile the policy set with');
  }
  const plan = buildPolicyPlan(
    usable.loaded,
    resourceVariant?.ok === true ? resourceVariant.loaded.resource : undefined,
    trustVariant?.ok === true ? trustVariant.loaded.resource : undefined,
  );
  const grammarOf = (request: RequestInput): Grammar =>
    fixed ?? (isRoleArn(request.resource) ? 'roleTrust' : 'resource');
  const usableGrammar = (grammar: Grammar): Grammar => {
    const variant = grammar === 'resource' ? resourceVariant : trustVariant;
    if (variant === undefined) throw new Error(`the set was not compiled with the \`${grammar}\` grammar`);
    if (!variant.ok) throw variant.error;
    return grammar;
  };
  // Without a resource policy both grammars decide alike, so `check` need not look at the resource ARN.
  const grammarMatters = plan.resourcePolicyGiven || resourceVariant?.ok === false || trustVariant?.ok === false;

  const check = (request: RequestInput, evaluateOptions?: EvaluateOptions): Decision => {
    const { caller } = validateRequest(request, evaluateOptions, readCaller);
    const grammar = usableGrammar(grammarMatters ? grammarOf(request) : (fixed ?? 'resource'));
    return decide(plan, requestFacts(plan, request, caller, evaluateOptions), grammar);
  };
  const evaluate = (request: RequestInput, evaluateOptions?: EvaluateOptions): EvaluationResult => {
    const { caller, warnings } = validateRequest(request, evaluateOptions, readCaller);
    return resultOf(plan, usableGrammar(grammarOf(request)), request, caller, warnings, evaluateOptions);
  };
  return Object.freeze({ check, evaluate, statementCount: plan.statementCount });
}
