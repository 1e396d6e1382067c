import type { CompiledOrgLevel } from '../loaded-policy-set.js';
import { evaluatePolicy } from '../evaluate-policy.js';
import type { PolicyEvaluation } from '../evaluate-policy.js';
import type { RequestEnvironment } from '../request-environment.js';
import { describeRef, gather } from './policy-type-result.js';
import type { PolicyTypeResult } from './policy-type-result.js';

/**
 * The organization gate of IAM-SEMANTICS §3.2 (`orgGate`): a Deny at any level wins (O-11); otherwise every level,
 * root first and account last, needs at least one matching Allow among its own policies (O-10). Levels are never
 * merged (O-12).
 *
 * @param implicitFullAccess - RCPs (O-14): every level carries the undetachable `RCPFullAWSAccess`, so every level
 *   allows and only Deny statements count. The trace names O-14 when a level had no matching Allow of its own.
 */
export function evaluateOrgLevels(
  policyType: 'scp' | 'rcp',
  levels: readonly CompiledOrgLevel[],
  env: RequestEnvironment,
  implicitFullAccess: boolean,
): PolicyTypeResult {
  const policies: PolicyEvaluation[] = [];
  const extraChoices: string[] = [];
  let failingLevel: string | undefined;
  for (const level of levels) {
    const evaluations = level.policies.map((policy) => evaluatePolicy(policy, env));
    policies.push(...evaluations);
    const ownAllow = evaluations.some((evaluation) => evaluation.allows.length > 0);
    if (implicitFullAccess && !ownAllow && !extraChoices.includes('O-14')) extraChoices.push('O-14');
    if (!implicitFullAccess && !ownAllow && failingLevel === undefined) failingLevel = level.target;
  }
  const { denies, allows, choices, missingKeys } = gather(policies);
  const allChoices = [...choices, ...extraChoices];
  const [firstDeny] = denies;
  const noun = policyType === 'scp' ? 'service control policy' : 'resource control policy';
  if (firstDeny !== undefined) {
    return {
      policyType,
      outcome: 'explicitlyDenies',
      reason: `${describeRef(firstDeny)} denies the request`,
      policies,
      denies,
      allows,
      choices: allChoices,
      missingKeys,
    };
  }
  if (failingLevel !== undefined) {
    return {
      policyType,
      outcome: 'doesNotAllow',
      reason: `no ${noun} attached at level \`${failingLevel}\` allows \`${env.request.action}\` on \`${env.request.resource}\` (O-10)`,
      policies,
      denies,
      allows,
      choices: allChoices,
      missingKeys,
    };
  }
  const reason =
    levels.length === 1
      ? `the level \`${levels[0]?.target ?? ''}\` allows the request`
      : `each of the ${levels.length} levels allows the request`;
  return { policyType, outcome: 'allows', reason, policies, denies, allows, choices: allChoices, missingKeys };
}
