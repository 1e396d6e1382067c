import fc from 'fast-check';
import type { EvaluationInput, RequestInput } from '../../model/request.js';
import { arbActionResource, type ServiceOptions } from './actions-resources.js';
import { arbContext, type ContextOptions } from './context.js';
import { arbPolicySet, type PolicySetOptions } from './policies.js';
import { arbPrincipal, type PrincipalKindName } from './principals.js';

/**
 * Options for {@link arbRequest}: the services, accounts and callers to draw from, and the context keys a request may
 * or must carry.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbRequest } from 'iam-policy-evaluator/arbitraries';
 * import type { RequestOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: RequestOptions = { services: ['iam'], principalKinds: ['roleSession'], contextKeys: ['aws:MultiFactorAuthPresent'], requiredContext: ['aws:MultiFactorAuthPresent'] };
 * const requests = fc.sample(arbRequest(options), { numRuns: 10, seed: 1 });
 * requests.every((r) => r.action.startsWith('iam:') && typeof r.context?.['aws:MultiFactorAuthPresent'] === 'boolean'); //=> true
 * ```
 */
export interface RequestOptions extends ServiceOptions {
  /** Principal kinds to draw from; defaults to every kind. */
  readonly principalKinds?: readonly PrincipalKindName[];
  /** Context keys (see `arbContext`); `[]` for requests without context. */
  readonly contextKeys?: readonly string[];
  /** Extra context keys with their own value arbitraries. */
  readonly extraContext?: ContextOptions['extra'];
  /** Context keys that are always present. */
  readonly requiredContext?: readonly string[];
}

/**
 * A request in the shape of `EvaluationInput.request`: a caller of any kind, an action with a resource
 * of a kind it takes (and `resourceAccount` for S3 ARNs), and a context whose keys may be absent.
 *
 * @param options - services, accounts, principal kinds and context keys
 * @returns an arbitrary of requests
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbRequest } from 'iam-policy-evaluator/arbitraries';
 * const [req] = fc.sample(arbRequest({ services: ['iam'], contextKeys: ['aws:MultiFactorAuthPresent'] }), { numRuns: 1, seed: 1 });
 * req?.action.startsWith('iam:'); //=> true
 * Object.keys(req?.context ?? {}).every((key) => key === 'aws:MultiFactorAuthPresent'); //=> true
 * ```
 */
export function arbRequest(options: RequestOptions = {}): fc.Arbitrary<RequestInput> {
  const services: ServiceOptions = {
    ...(options.services ? { services: options.services } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
  };
  const context: ContextOptions = {
    ...(options.contextKeys ? { keys: options.contextKeys } : {}),
    ...(options.extraContext ? { extra: options.extraContext } : {}),
    ...(options.requiredContext ? { required: options.requiredContext } : {}),
  };
  return fc
    .record({
      principal: arbPrincipal({
        ...(options.accounts ? { accounts: options.accounts } : {}),
        ...(options.principalKinds ? { kinds: options.principalKinds } : {}),
      }),
      target: arbActionResource(services),
      context: arbContext(context),
    })
    .map(({ principal, target, context: ctx }): RequestInput => ({ principal, ...target, context: ctx }));
}

/**
 * Options for {@link arbEvaluationInput}: those of {@link arbRequest}, plus the policy types the set may hold.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbEvaluationInput } from 'iam-policy-evaluator/arbitraries';
 * import type { EvaluationInputOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: EvaluationInputOptions = { services: ['s3'], policyTypes: ['identity', 'resource'], contextKeys: [] };
 * const inputs = fc.sample(arbEvaluationInput(options), { numRuns: 10, seed: 1 });
 * inputs.every((input) => input.request.context === undefined || Object.keys(input.request.context).length === 0); //=> true
 * ```
 */
export interface EvaluationInputOptions extends RequestOptions {
  readonly policyTypes?: PolicySetOptions['types'];
}

/**
 * A whole `EvaluationInput`: a request from {@link arbRequest} and a policy set from `arbPolicySet`,
 * drawn from the same accounts, services and condition keys so that statements often match.
 *
 * @param options - as for {@link arbRequest}, plus the policy types
 * @returns an arbitrary of evaluation inputs
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { evaluate } from 'iam-policy-evaluator';
 * import { arbEvaluationInput } from 'iam-policy-evaluator/arbitraries';
 * // An explicit deny always names its statement, and only an explicit deny does.
 * const deniedByIsExplicit = fc.property(arbEvaluationInput({ policyTypes: ['identity', 'scp'] }), (input) => {
 *   const r = evaluate(input);
 *   return (r.decision === 'ExplicitDeny') === (r.deniedBy !== undefined);
 * });
 * fc.assert(deniedByIsExplicit);
 * fc.check(deniedByIsExplicit, { seed: 1 }).failed; //=> false
 * ```
 */
export function arbEvaluationInput(options: EvaluationInputOptions = {}): fc.Arbitrary<EvaluationInput> {
  return fc.record({
    request: arbRequest(options),
    policies: arbPolicySet({
      ...(options.services ? { services: options.services } : {}),
      ...(options.accounts ? { accounts: options.accounts } : {}),
      ...(options.contextKeys ? { conditionKeys: options.contextKeys } : {}),
      ...(options.policyTypes ? { types: options.policyTypes } : {}),
    }),
  });
}
