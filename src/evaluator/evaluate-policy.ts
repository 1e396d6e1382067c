import type { PolicyTrace } from '../model/evaluation-result.js';
import type { CompiledPolicy } from '../compile/loaded-policy-set.js';
import { evaluateStatement } from './match-statement.js';
import type { StatementEvaluation } from './match-statement.js';
import type { RequestEnvironment } from './request-environment.js';

/** How one policy fared: every statement, and those that matched by effect, in statement order. */
export interface PolicyEvaluation {
  readonly policy: CompiledPolicy;
  readonly trace: PolicyTrace;
  readonly statements: readonly StatementEvaluation[];
  readonly allows: readonly StatementEvaluation[];
  readonly denies: readonly StatementEvaluation[];
}

/** Evaluates every statement of one policy against the request. */
export function evaluatePolicy(
  policy: CompiledPolicy,
  env: RequestEnvironment,
  inVpcEndpointPolicy = false,
): PolicyEvaluation {
  const statements = policy.statements.map((statement) => evaluateStatement(statement, env, inVpcEndpointPolicy));
  const trace: PolicyTrace = {
    policyId: policy.policyId,
    ...(policy.orgLevel === undefined ? {} : { orgLevel: policy.orgLevel }),
    statements: statements.map((statement) => statement.trace),
  };
  return {
    policy,
    trace,
    statements,
    allows: statements.filter((statement) => statement.matched && statement.trace.effect === 'Allow'),
    denies: statements.filter((statement) => statement.matched && statement.trace.effect === 'Deny'),
  };
}
