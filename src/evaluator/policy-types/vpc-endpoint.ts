import type { CompiledPolicySet } from '../../compile/loaded-policy-set.js';
import { evaluatePolicy } from '../evaluate-policy.js';
import type { RequestEnvironment } from '../request-environment.js';
import { describeRef, gather, notApplicable } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * VPC endpoint policies (§4): an extra filter, evaluated only when given (V-1, V-2). Given none, the request did not
 * come through an endpoint, or through one with the default allow-all policy (V-3). With several (EV-5), each is
 * a separate endpoint on the path and each must allow. An account principal names only its root user (V-6).
 */
export function evaluateVpcEndpointPolicies(set: CompiledPolicySet, env: RequestEnvironment): PolicyTypeResult {
  if (set.vpcEndpoint.length === 0) {
    return notApplicable(
      'vpcEndpoint',
      'no VPC endpoint policy is given: the request did not come through an endpoint (V-2)',
    );
  }
  const policies = set.vpcEndpoint.map((policy) => evaluatePolicy(policy, env, true));
  const gathered = gather(policies);
  const { denies, allows, missingKeys } = gathered;
  const choices = policies.length > 1 ? [...gathered.choices, 'EV-5'] : gathered.choices;
  const [firstDeny] = denies;
  const refusing = policies.find((policy) => policy.allows.length === 0);
  if (firstDeny !== undefined) {
    return {
      policyType: 'vpcEndpoint',
      outcome: 'explicitlyDenies',
      reason: `${describeRef(firstDeny)} denies the request`,
      policies,
      denies,
      allows,
      choices,
      missingKeys,
    };
  }
  if (refusing !== undefined) {
    return {
      policyType: 'vpcEndpoint',
      outcome: 'doesNotAllow',
      reason: `the VPC endpoint policy \`${refusing.policy.policyId}\` does not allow \`${env.request.action}\` on \`${env.request.resource}\``,
      policies,
      denies,
      allows,
      choices,
      missingKeys,
    };
  }
  const reason =
    policies.length === 1
      ? 'the VPC endpoint policy allows the request'
      : 'every VPC endpoint policy allows the request';
  return { policyType: 'vpcEndpoint', outcome: 'allows', reason, policies, denies, allows, choices, missingKeys };
}
