import fc from 'fast-check';
import type { EvaluationInput, RequestInput } from '../../model/request.js';
import { arbActionResource, type ServiceOptions } from './actions-resources.js';
import { arbContext, type ContextOptions } from './context.js';
import { arbPolicySet, type PolicySetOptions } from './policies.js';
import { arbPrincipal, type PrincipalKindName } from './principals.js';

/** Options for {@link arbRequest}. */
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
 * // e.g. { principal: 'arn:aws:iam::111122223333:user/app', action: 'iam:DeleteRole', resource: 'arn:aws:iam::…:role/app', context: {} }
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

/** Options for {@link arbEvaluationInput}. */
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
 * fc.assert(fc.property(arbEvaluationInput({ policyTypes: ['identity'] }), (input) => {
 *   const r = evaluate(input);
 *   return r.decision !== 'Allow' || r.allowedBy.length > 0;
 * }));
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
