import type { CompiledPolicySet } from '../../compile/loaded-policy-set.js';
import type { RequestEnvironment } from '../request-environment.js';
import { evaluateOrgLevels } from './org-gate.js';
import { notApplicable } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * Service control policies on the principal's account path (O-15): they govern users, roles and the root user of
 * member accounts (O-1), never the management account's principals (O-1), service-linked roles (O-2), service
 * principals or anonymous callers (X-6, O-3).
 */
export function evaluateServiceControlPolicies(set: CompiledPolicySet, env: RequestEnvironment): PolicyTypeResult {
  const { caller } = env;
  if (set.serviceControlPolicies.length === 0) {
    return notApplicable('scp', "no SCP is given: the principal's account is not in an organization");
  }
  if (!caller.hasIdentitySide) {
    return notApplicable(
      'scp',
      `SCPs govern principals of member accounts, not a caller of kind \`${caller.kind}\` (X-6)`,
    );
  }
  if (env.options.managementAccountId !== undefined && caller.accountId === env.options.managementAccountId) {
    return notApplicable(
      'scp',
      `SCPs do not apply to principals of the management account \`${caller.accountId}\` (O-1)`,
    );
  }
  if (caller.serviceLinkedRole) {
    const choices = caller.kind === 'roleSession' ? ['EV-10'] : [];
    return notApplicable(
      'scp',
      `SCPs do not restrict the service-linked role \`${caller.roleName ?? ''}\` (O-2)`,
      choices,
    );
  }
  return evaluateOrgLevels('scp', set.serviceControlPolicies, env, false);
}
