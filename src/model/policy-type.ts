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
