import type { PolicyTypeOutcome, StatementRef } from '../../../src/model/evaluation-result.js';
import type { PolicyType } from '../../../src/model/policy-type.js';
import type { PolicyEvaluation } from '../evaluate-policy.js';
import type { StatementEvaluation } from '../match-statement.js';
import type { RequestEnvironment } from '../request-environment.js';

/** How one policy type fared for a request: what the combiner reads and the trace shows. */
export interface PolicyTypeResult {
  readonly policyType: PolicyType;
  readonly outcome: PolicyTypeOutcome;
  /** Why, in words. */
  readonly reason: string;
  readonly policies: readonly PolicyEvaluation[];
  /** Matching Deny statements, in the stable order (level, policy, statement). */
  readonly denies: readonly StatementRef[];
  /** Matching Allow statements, in the same order. */
  readonly allows: readonly StatementEvaluation[];
  /** [X] items this type's outcome relied on. */
  readonly choices: readonly string[];
  /** Keys tested by statements whose action, resource and principal match, absent from the request. */
  readonly missingKeys: readonly string[];
}

/** A type that takes no part in this request. */
export function notApplicable(
  policyType: PolicyType,
  reason: string,
  choices: readonly string[] = [],
): PolicyTypeResult {
  return {
    policyType,
    outcome: 'notApplicable',
    reason,
    policies: [],
    denies: [],
    allows: [],
    choices,
    missingKeys: [],
  };
}

function describeRef(ref: StatementRef): string {
  const sid = ref.sid === undefined ? '' : ` (\`${ref.sid}\`)`;
  const level = ref.orgLevel === undefined ? '' : ` at level \`${ref.orgLevel}\``;
  return `statement ${ref.statementIndex}${sid} of \`${ref.policyId}\`${level}`;
}

/** Collects what every statement of some policies says, in order. */
export function gather(policies: readonly PolicyEvaluation[]): {
  readonly denies: readonly StatementRef[];
  readonly allows: readonly StatementEvaluation[];
  readonly choices: readonly string[];
  readonly missingKeys: readonly string[];
} {
  const choices = new Set<string>();
  const missingKeys: string[] = [];
  for (const policy of policies) {
    for (const statement of policy.statements) {
      statement.choices.forEach((choice) => choices.add(choice));
      missingKeys.push(...statement.missingKeys);
    }
  }
  return {
    denies: policies.flatMap((policy) => policy.denies.map((statement) => statement.compiled.ref)),
    allows: policies.flatMap((policy) => policy.allows),
    choices: [...choices],
    missingKeys,
  };
}

/**
 * The outcome of a type whose policies form a union (identity, session, boundary, resource): a Deny anywhere denies,
 * an Allow anywhere allows.
 */
export function unionResult(
  policyType: PolicyType,
  policies: readonly PolicyEvaluation[],
  env: RequestEnvironment,
  noun: string,
  extraChoices: readonly string[] = [],
): PolicyTypeResult {
  const { denies, allows, choices, missingKeys } = gather(policies);
  const [firstDeny] = denies;
  const [firstAllow] = allows;
  let outcome: PolicyTypeOutcome;
  let reason: string;
  if (firstDeny !== undefined) {
    outcome = 'explicitlyDenies';
    reason = `${describeRef(firstDeny)} denies the request`;
  } else if (firstAllow !== undefined) {
    outcome = 'allows';
    reason = `${describeRef(firstAllow.compiled.ref)} allows the request`;
  } else {
    outcome = 'doesNotAllow';
    reason =
      policies.length === 0
        ? `no ${noun} is given`
        : `no ${noun} allows \`${env.request.action}\` on \`${env.request.resource}\``;
  }
  return { policyType, outcome, reason, policies, denies, allows, choices: [...choices, ...extraChoices], missingKeys };
}

export { describeRef };
