import type { LoadedPolicySet } from '../loaded-policy-set.js';
import type { RequestEnvironment } from '../request-environment.js';
import { evaluateOrgLevels } from './org-gate.js';
import { notApplicable } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * Resource control policies on the resource's account path (O-15): they govern every caller (O-5, X-6) except
 * service-linked roles (O-8), never resources of the management account (O-5), only the supported services (O-7),
 * and never `kms:RetireGrant` (O-9). RCPFullAWSAccess is implicit on every level unless the option says otherwise
 * (O-14).
 */
export function evaluateResourceControlPolicies(set: LoadedPolicySet, env: RequestEnvironment): PolicyTypeResult {
  const { caller, options } = env;
  if (set.resourceControlPolicies.length === 0) {
    return notApplicable('rcp', "no RCP is given: the resource's account is not in an organization");
  }
  if (options.managementAccountId !== undefined && env.resourceAccount === options.managementAccountId) {
    return notApplicable(
      'rcp',
      `RCPs do not apply to resources of the management account \`${options.managementAccountId}\` (O-5)`,
    );
  }
  if (caller.serviceLinkedRole) {
    const choices = caller.kind === 'roleSession' ? ['EV-10'] : [];
    return notApplicable(
      'rcp',
      `RCPs do not restrict the service-linked role \`${caller.roleName ?? ''}\` (O-8)`,
      choices,
    );
  }
  if (!options.rcpSupportedServices.has(env.service)) {
    return notApplicable('rcp', `RCPs do not apply to the service \`${env.service}\` (O-7)`, ['O-7']);
  }
  if (env.request.action.toLowerCase() === 'kms:retiregrant') {
    return notApplicable('rcp', 'RCPs never control `kms:RetireGrant` (O-9)');
  }
  return evaluateOrgLevels('rcp', set.resourceControlPolicies, env, options.implicitRcpFullAccess);
}
