import { buildActionIndex } from './action-index.js';
import type { ActionIndex } from './action-index.js';
import { ContextKeyTable } from './context-key-table.js';
import type { CompiledPolicy, LoadedPolicySet } from './loaded-policy-set.js';
import { planStatement } from './plan-statement.js';
import type { PlanStatement } from './plan-statement.js';

/**
 * The one compiled plan of a policy set, which every driver of src/evaluator walks: the decision alone, the result
 * and the trace. It holds the loaded policies (the trace walks them in order) and every statement filed in the action
 * index under its unit (the decision and the result look only at the statements that can match the action).
 *
 * A unit is what the decision asks "does anything allow?" of: the identity policies, the boundary, the session
 * policies, the resource policy as read with each grammar, each SCP and RCP level, each VPC endpoint policy.
 */

/** Fixed unit numbers; SCP levels, RCP levels and endpoint policies follow. */
export const UNIT = Object.freeze({ identity: 0, permissionsBoundary: 1, session: 2, resource: 3, roleTrust: 4 });

/** The plan of a policy set. */
export interface PolicyPlan {
  readonly index: ActionIndex;
  /** Every policy but the resource policy, loaded (the resource policy of `shared` is not read). */
  readonly shared: LoadedPolicySet;
  /** The resource policy as read with the `resource` grammar, when it compiled with it. */
  readonly resourcePolicy: CompiledPolicy | undefined;
  /** The resource policy as read with the `roleTrust` grammar, when it compiled with it. */
  readonly roleTrustPolicy: CompiledPolicy | undefined;
  readonly permissionsBoundaryGiven: boolean;
  readonly sessionPolicyCount: number;
  /** Whether a resource policy was given (it is read with either grammar). */
  readonly resourcePolicyGiven: boolean;
  /** One unit per SCP level, root first. */
  readonly serviceControlUnits: readonly number[];
  /** One unit per RCP level, root first. */
  readonly resourceControlUnits: readonly number[];
  /** One unit per endpoint policy; each must allow (EV-5). */
  readonly vpcEndpointUnits: readonly number[];
  readonly statementCount: number;
  /** The context keys its conditions and variables read. */
  readonly contextKeys: ContextKeyTable;
}

/**
 * Builds the plan. `shared` gives every type but the resource policy; `resource` and `roleTrust` are the resource
 * policy as read with each grammar, when that grammar compiled. `foldBudget` is for tests (action-index.ts).
 */
export function buildPolicyPlan(
  shared: LoadedPolicySet,
  resource: CompiledPolicy | undefined,
  roleTrust: CompiledPolicy | undefined,
  foldBudget?: number,
): PolicyPlan {
  const statements: PlanStatement[] = [];
  const contextKeys = new ContextKeyTable();
  // Principal matching reads a supplied `aws:userid` (EV-7).
  contextKeys.add('aws:userid');
  // Filed in the stable order of POLICY_TYPES (scp, rcp, vpcEndpoint, resource, identity, boundary, session), so each
  // statement's ordinal is its place in `denies` and `allowedBy`.
  const add = (policy: CompiledPolicy | undefined, unit: number, inVpc = false): void => {
    if (policy === undefined) return;
    for (const statement of policy.statements) {
      statements.push(planStatement(statement, unit, inVpc, contextKeys, statements.length));
    }
  };
  let nextUnit = 5;
  const units = (groups: readonly (readonly CompiledPolicy[])[], inVpc: boolean): readonly number[] =>
    Object.freeze(
      groups.map((policies) => {
        const unit = nextUnit++;
        policies.forEach((policy) => add(policy, unit, inVpc));
        return unit;
      }),
    );
  const serviceControlUnits = units(
    shared.serviceControlPolicies.map((level) => level.policies),
    false,
  );
  const resourceControlUnits = units(
    shared.resourceControlPolicies.map((level) => level.policies),
    false,
  );
  const vpcEndpointUnits = units(
    shared.vpcEndpoint.map((policy) => [policy]),
    true,
  );
  add(resource, UNIT.resource);
  add(roleTrust, UNIT.roleTrust);
  shared.identity.forEach((policy) => add(policy, UNIT.identity));
  add(shared.permissionsBoundary, UNIT.permissionsBoundary);
  shared.session.forEach((policy) => add(policy, UNIT.session));
  return Object.freeze({
    index: buildActionIndex(statements, nextUnit, foldBudget),
    shared,
    resourcePolicy: resource,
    roleTrustPolicy: roleTrust,
    permissionsBoundaryGiven: shared.permissionsBoundary !== undefined,
    sessionPolicyCount: shared.session.length,
    resourcePolicyGiven: resource !== undefined || roleTrust !== undefined,
    serviceControlUnits,
    resourceControlUnits,
    vpcEndpointUnits,
    statementCount: statements.length,
    contextKeys,
  });
}
