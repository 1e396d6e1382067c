import type { LoadedPolicySet } from '../loaded-policy-set.js';
import { evaluatePolicy } from '../evaluate-policy.js';
import { POLICY_TYPE_NAMES } from '../../../src/model/policy-type.js';
import type { RequestEnvironment } from '../request-environment.js';
import { notApplicable, unionResult } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * Identity-based policies (user or role inline and managed policies, group policies): their union (§1.3 step 5).
 * The root user is not restricted by them (E-3, EV-3); anonymous callers, service principals and identity providers
 * have none.
 */
export function evaluateIdentityPolicies(set: LoadedPolicySet, env: RequestEnvironment): PolicyTypeResult {
  if (env.caller.kind === 'root') {
    return notApplicable('identity', 'the account root user is not restricted by identity-based policies (E-3)', [
      'EV-3',
    ]);
  }
  if (!env.caller.hasIdentitySide) {
    return notApplicable('identity', `a caller of kind \`${env.caller.kind}\` has no identity-based policies (X-6)`);
  }
  const policies = set.identity.map((policy) => evaluatePolicy(policy, env));
  return unionResult('identity', policies, env, POLICY_TYPE_NAMES.identity);
}
