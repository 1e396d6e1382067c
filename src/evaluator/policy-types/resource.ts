import type { CompiledPolicySet } from '../../compile/loaded-policy-set.js';
import { evaluatePolicy } from '../evaluate-policy.js';
import { strongerForm } from '../match-principal.js';
import type { PrincipalMatchForm } from '../match-principal.js';
import { POLICY_TYPE_NAMES } from '../../model/policy-type.js';
import type { RequestEnvironment } from '../request-environment.js';
import { notApplicable, unionResult } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/** The resource-based policy's result, with the strongest principal form among its matching Allows (§1.4). */
export interface ResourcePolicyResult extends PolicyTypeResult {
  readonly strongestForm?: PrincipalMatchForm;
  /** The policy is a role trust policy (messages say `the role trust policy`). */
  readonly trustPolicy: boolean;
}

/**
 * The resource-based policy of the target (bucket, queue, key, secret, …) or, for `sts:AssumeRole*` on a role, its
 * trust policy (E-8, EV-2).
 */
export function evaluateResourcePolicy(set: CompiledPolicySet, env: RequestEnvironment): ResourcePolicyResult {
  const trustPolicy = set.resourceGrammar === 'roleTrust' || env.trustPolicyRequest;
  const policy = set.resource;
  if (policy === undefined) {
    const reason = env.trustPolicyRequest
      ? 'no trust policy is given: no one can assume the role (E-8)'
      : env.kmsKeyRequest
        ? 'no key policy is given: no one can use the key (E-8)'
        : 'no resource-based policy is given';
    return { ...notApplicable('resource', reason), trustPolicy };
  }
  const result = unionResult(
    'resource',
    [evaluatePolicy(policy, env)],
    env,
    trustPolicy ? 'role trust policy' : POLICY_TYPE_NAMES.resource,
  );
  let strongestForm: PrincipalMatchForm | undefined;
  for (const allow of result.allows) strongestForm = strongerForm(strongestForm, allow.principalForm);
  return { ...result, ...(strongestForm === undefined ? {} : { strongestForm }), trustPolicy };
}
