import type { CompiledOrgLevel, CompiledPolicy } from './loaded-policy-set.js';
import type { CompiledPolicySet as LoadedPolicySet } from './loaded-policy-set.js';
import { buildActionIndex } from './action-index.js';
import type { ActionIndex } from './action-index.js';
import { ContextKeyTable } from '../request/context-view.js';
import { compileFastStatement } from './fast-statement.js';
import type { FastStatement } from './fast-statement.js';

/**
 * The fast path's view of a compiled set: every statement compiled for matching without a trace and filed in the
 * action index under its unit. A unit is what the decision asks "does anything allow?" of: the identity policies,
 * the boundary, the session policies, the resource policy as read with each grammar, each SCP and RCP level, each
 * VPC endpoint policy.
 */

/** Fixed unit numbers; SCP levels, RCP levels and endpoint policies follow. */
export const UNIT = Object.freeze({ identity: 0, permissionsBoundary: 1, session: 2, resource: 3, roleTrust: 4 });

/** An organization level: its unit. */
export interface FastOrgLevel {
  readonly unit: number;
}

/** Everything `check` reads. */
export interface FastPolicySet {
  readonly index: ActionIndex;
  readonly permissionsBoundaryGiven: boolean;
  readonly sessionPolicyCount: number;
  /** Whether a resource policy was given (it is read with either grammar). */
  readonly resourcePolicyGiven: boolean;
  readonly serviceControlPolicies: readonly FastOrgLevel[];
  readonly resourceControlPolicies: readonly FastOrgLevel[];
  /** One unit per endpoint policy; each must allow (EV-5). */
  readonly vpcEndpointUnits: readonly number[];
  /** The same units, in the shape of the organization levels. */
  readonly vpcEndpointLevels: readonly FastOrgLevel[];
  readonly statementCount: number;
  /** The context keys its conditions and variables read. */
  readonly contextKeys: ContextKeyTable;
}

/**
 * Builds the fast view. `shared` gives every type but the resource policy; `resource` and `roleTrust` are the
 * resource policy as read with each grammar, when that grammar compiled. `foldBudget` is for tests (action-index.ts).
 */
export function buildFastPolicySet(
  shared: LoadedPolicySet,
  resource: CompiledPolicy | undefined,
  roleTrust: CompiledPolicy | undefined,
  foldBudget?: number,
): FastPolicySet {
  const statements: FastStatement[] = [];
  const contextKeys = new ContextKeyTable();
  // Principal matching reads a supplied `aws:userid` (EV-7).
  contextKeys.add('aws:userid');
  // Built in the stable order of POLICY_TYPES (scp, rcp, vpcEndpoint, resource, identity, boundary, session), so each
  // statement's ordinal is its place in `denies` and `allowedBy`.
  const add = (policy: CompiledPolicy | undefined, unit: number, inVpc = false): void => {
    if (policy === undefined) return;
    for (const statement of policy.statements) {
      statements.push(compileFastStatement(statement, unit, inVpc, contextKeys, statements.length));
    }
  };
  let nextUnit = 5;
  const levels = (orgLevels: readonly CompiledOrgLevel[]): readonly FastOrgLevel[] =>
    Object.freeze(
      orgLevels.map((level) => {
        const unit = nextUnit++;
        level.policies.forEach((policy) => add(policy, unit));
        return Object.freeze({ unit });
      }),
    );
  const serviceControlPolicies = levels(shared.serviceControlPolicies);
  const resourceControlPolicies = levels(shared.resourceControlPolicies);
  const vpcEndpointUnits = Object.freeze(
    shared.vpcEndpoint.map((policy) => {
      const unit = nextUnit++;
      add(policy, unit, true);
      return unit;
    }),
  );
  add(resource, UNIT.resource);
  add(roleTrust, UNIT.roleTrust);
  shared.identity.forEach((policy) => add(policy, UNIT.identity));
  add(shared.permissionsBoundary, UNIT.permissionsBoundary);
  shared.session.forEach((policy) => add(policy, UNIT.session));
  return Object.freeze({
    index: buildActionIndex(statements, nextUnit, foldBudget),
    permissionsBoundaryGiven: shared.permissionsBoundary !== undefined,
    sessionPolicyCount: shared.session.length,
    resourcePolicyGiven: resource !== undefined || roleTrust !== undefined,
    serviceControlPolicies,
    resourceControlPolicies,
    vpcEndpointUnits,
    vpcEndpointLevels: Object.freeze(vpcEndpointUnits.map((unit) => Object.freeze({ unit }))),
    statementCount: statements.length,
    contextKeys,
  });
}
