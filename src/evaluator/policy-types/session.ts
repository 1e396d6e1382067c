import type { CompiledPolicySet } from '../../compile/loaded-policy-set.js';
import { evaluatePolicy } from '../evaluate-policy.js';
import { POLICY_TYPE_NAMES } from '../../model/policy-type.js';
import type { RequestEnvironment } from '../request-environment.js';
import { notApplicable, unionResult } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * Session policies (§1.3 step 7): only session principals have them. Several session policies (the inline one and
 * managed ones) form a union (EV-6). A federated-user session always needs its session policy to allow (`POL`);
 * a role session without one is not limited.
 */
export function evaluateSessionPolicies(set: CompiledPolicySet, env: RequestEnvironment): PolicyTypeResult {
  const { caller } = env;
  if (caller.kind === 'root') {
    return notApplicable(
      'session',
      'the account root user has no session policy',
      set.session.length > 0 ? ['EV-3'] : [],
    );
  }
  if (!caller.isSession) {
    const given = set.session.length > 0 ? ' (the session policies given are ignored, EV-6)' : '';
    return notApplicable(
      'session',
      `a caller of kind \`${caller.kind}\` is not a session principal${given}`,
      given === '' ? [] : ['EV-6'],
    );
  }
  if (set.session.length === 0) {
    if (caller.kind === 'federatedUser') {
      return {
        ...unionResult('session', [], env, POLICY_TYPE_NAMES.session),
        reason:
          'a federated-user session needs a session policy that allows the request, and none is given (§1.3 step 7)',
      };
    }
    return notApplicable('session', 'no session policy was passed when the role session was created');
  }
  const policies = set.session.map((policy) => evaluatePolicy(policy, env));
  return unionResult('session', policies, env, POLICY_TYPE_NAMES.session, policies.length > 1 ? ['EV-6'] : []);
}
