/**
 * The seven kinds of policy AWS evaluates for one request.
 *
 * @example
 * ```ts
 * import type { PolicyType } from 'iam-policy-evaluator';
 * const t: PolicyType = 'permissionsBoundary';
 * ```
 */
export type PolicyType = 'identity' | 'resource' | 'permissionsBoundary' | 'session' | 'scp' | 'rcp' | 'vpcEndpoint';

/**
 * The grammar a document is checked against: a policy type, or `roleTrust` for a role's trust policy
 * (a resource-based policy with its own rules: IAM-SEMANTICS G-14, G-19, E-8).
 *
 * @example
 * ```ts
 * import type { PolicyGrammar } from 'iam-policy-evaluator';
 * const g: PolicyGrammar = 'roleTrust';
 * ```
 */
export type PolicyGrammar = PolicyType | 'roleTrust';

/**
 * Every policy type, in the stable order used for traces and for `deniedBy` (see docs/evaluation-logic.md), so that
 * output never depends on the order policies were given in.
 *
 * @example
 * ```ts
 * import { POLICY_TYPES } from 'iam-policy-evaluator';
 * POLICY_TYPES; //=> ['scp', 'rcp', 'vpcEndpoint', 'resource', 'identity', 'permissionsBoundary', 'session']
 * ```
 */
export const POLICY_TYPES: readonly PolicyType[] = Object.freeze([
  'scp',
  'rcp',
  'vpcEndpoint',
  'resource',
  'identity',
  'permissionsBoundary',
  'session',
] as const);

/**
 * How each policy type is named in sentences, as AWS names it in AccessDenied messages (IAM-SEMANTICS M-2): the one
 * table that messages, explanations, suites and the playground all read.
 *
 * @example
 * ```ts
 * import { POLICY_TYPE_NAMES } from 'iam-policy-evaluator';
 * POLICY_TYPE_NAMES.scp; //=> 'service control policy'
 * POLICY_TYPE_NAMES.permissionsBoundary; //=> 'permissions boundary'
 * Object.isFrozen(POLICY_TYPE_NAMES); //=> true
 * ```
 */
export const POLICY_TYPE_NAMES: Readonly<Record<PolicyType, string>> = Object.freeze({
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  permissionsBoundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  vpcEndpoint: 'VPC endpoint policy',
});
