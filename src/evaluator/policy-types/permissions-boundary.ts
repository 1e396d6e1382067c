import type { CompiledPolicySet } from '../../compile/loaded-policy-set.js';
import { evaluatePolicy } from '../evaluate-policy.js';
import { POLICY_TYPE_NAMES } from '../../model/policy-type.js';
import type { RequestEnvironment } from '../request-environment.js';
import { notApplicable, unionResult } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * The permissions boundary of the user or role (§1.3 step 6): it never grants (E-7), and a boundary that does not
 * allow the request caps every identity grant. Not applicable to the root user (EV-3) or callers without identity.
 */
export function evaluatePermissionsBoundary(set: CompiledPolicySet, env: RequestEnvironment): PolicyTypeResult {
  const boundary = set.permissionsBoundary;
  if (boundary === undefined) return notApplicable('permissionsBoundary', 'no permissions boundary is given');
  if (env.caller.kind === 'root') {
    return notApplicable('permissionsBoundary', 'the account root user cannot have a permissions boundary', ['EV-3']);
  }
  if (!env.caller.hasIdentitySide) {
    return notApplicable('permissionsBoundary', `a caller of kind \`${env.caller.kind}\` has no permissions boundary`);
  }
  return unionResult(
    'permissionsBoundary',
    [evaluatePolicy(boundary, env)],
    env,
    POLICY_TYPE_NAMES.permissionsBoundary,
  );
}
