import { decideRow, EXPLICIT_DENY_OUTCOME } from '../combiner/combine.js';
import type { ResourceGrant } from '../combiner/combine.js';
import type { ActionPlan } from '../compile/action-index.js';
import type { PlanStatement } from '../compile/plan-statement.js';
import type { PolicyPlan } from '../compile/policy-plan.js';
import { UNIT } from '../compile/policy-plan.js';
import type { Decision, PolicyTypeOutcome } from '../model/evaluation-result.js';
import type { RequestFacts } from '../request/request-facts.js';
import { formGrantsOutright, strongerForm } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import {
  applicability,
  decisionFacts,
  everyGroupOutcome,
  firstWithoutAllow,
  implicitRcpFullAccess,
  resourceGrant,
  resourceUnitOf,
  unionOutcome,
} from './policy-type-rules.js';
import { matchBeyondAction, NO_MATCH } from './test-statement.js';

/**
 * The decision alone, the first driver of the plan: the rules of policy-type-rules.ts and the decision table of
 * src/combiner/combine.ts, but statements are looked at only through the action index, every Deny before any Allow,
 * and each question stops at its first answer. No trace, no reason, no list is built.
 */

/** Whether some statement of one unit and effect matches. */
function anyMatch(plan: ActionPlan, effect: 'deny' | 'allow', unit: number, facts: RequestFacts): boolean {
  for (const statement of plan.sure[effect][unit] as readonly PlanStatement[]) {
    if (matchBeyondAction(statement, facts) !== NO_MATCH) return true;
  }
  for (const statement of plan.maybe[effect][unit] as readonly PlanStatement[]) {
    if (statement.action.test(facts.action) && matchBeyondAction(statement, facts) !== NO_MATCH) return true;
  }
  return false;
}

function anyDeny(plan: ActionPlan, units: readonly number[], facts: RequestFacts): boolean {
  for (const unit of units) if (anyMatch(plan, 'deny', unit, facts)) return true;
  return false;
}

/**
 * Adds the matching Allows of one statement list to `found` (whether any matched, the strongest principal form);
 * `true` when one grants outright, so nothing later can change the grant.
 */
function strongestOf(
  statements: readonly PlanStatement[],
  facts: RequestFacts,
  test: boolean,
  found: { matched: boolean; strongest: PrincipalMatchForm | undefined },
): boolean {
  for (const statement of statements) {
    if (test && !statement.action.test(facts.action)) continue;
    const result = matchBeyondAction(statement, facts);
    if (result === NO_MATCH) continue;
    found.matched = true;
    if (result !== true) found.strongest = strongerForm(found.strongest, result);
    // The strongest form there is: nothing later can change the grant.
    if (found.strongest !== undefined && formGrantsOutright(found.strongest)) return true;
  }
  return false;
}

/** The resource policy's grant (§1.4), stopping at the first Allow that grants outright. */
function resourceGrantOf(plan: ActionPlan, unit: number, facts: RequestFacts): ResourceGrant {
  const found = { matched: false, strongest: undefined as PrincipalMatchForm | undefined };
  if (!strongestOf(plan.sure.allow[unit] as readonly PlanStatement[], facts, false, found)) {
    strongestOf(plan.maybe.allow[unit] as readonly PlanStatement[], facts, true, found);
  }
  return resourceGrant(found.matched, found.strongest);
}

/** The outcome of a union type, no Deny having matched: whether it allows. */
function unionAllows(on: boolean, plan: ActionPlan, unit: number, facts: RequestFacts): PolicyTypeOutcome {
  return on ? unionOutcome(false, anyMatch(plan, 'allow', unit, facts)) : 'notApplicable';
}

/** The outcome of a group type (levels, endpoint policies), no Deny having matched. */
function groupsAllow(
  on: boolean,
  plan: ActionPlan,
  units: readonly number[],
  implicitFullAccess: boolean,
  facts: RequestFacts,
): PolicyTypeOutcome {
  if (!on) return 'notApplicable';
  const failing = implicitFullAccess
    ? -1
    : firstWithoutAllow(units.length, (i) => anyMatch(plan, 'allow', units[i] as number, facts));
  return everyGroupOutcome(false, implicitFullAccess, failing);
}

/**
 * Decides one request.
 *
 * @param grammar - the grammar the request reads the resource policy with.
 */
export function decide(set: PolicyPlan, facts: RequestFacts, grammar: 'resource' | 'roleTrust'): Decision {
  const on = applicability(set, facts);
  const plan = facts.plan;
  const resourceUnit = resourceUnitOf(grammar);

  // E-4: a matching Deny in any policy that applies decides, whatever else holds.
  if (on.identity && anyMatch(plan, 'deny', UNIT.identity, facts)) return EXPLICIT_DENY_OUTCOME.decision;
  if (on.permissionsBoundary && anyMatch(plan, 'deny', UNIT.permissionsBoundary, facts)) {
    return EXPLICIT_DENY_OUTCOME.decision;
  }
  if (on.session && anyMatch(plan, 'deny', UNIT.session, facts)) return EXPLICIT_DENY_OUTCOME.decision;
  if (on.resource && anyMatch(plan, 'deny', resourceUnit, facts)) return EXPLICIT_DENY_OUTCOME.decision;
  if (on.scp && anyDeny(plan, set.serviceControlUnits, facts)) return EXPLICIT_DENY_OUTCOME.decision;
  if (on.rcp && anyDeny(plan, set.resourceControlUnits, facts)) return EXPLICIT_DENY_OUTCOME.decision;
  if (on.vpcEndpoint && anyDeny(plan, set.vpcEndpointUnits, facts)) return EXPLICIT_DENY_OUTCOME.decision;

  const outcomes = {
    scp: groupsAllow(on.scp, plan, set.serviceControlUnits, false, facts),
    rcp: groupsAllow(on.rcp, plan, set.resourceControlUnits, implicitRcpFullAccess(facts), facts),
    vpcEndpoint: groupsAllow(on.vpcEndpoint, plan, set.vpcEndpointUnits, false, facts),
    identity: unionAllows(on.identity, plan, UNIT.identity, facts),
    permissionsBoundary: unionAllows(on.permissionsBoundary, plan, UNIT.permissionsBoundary, facts),
    session: unionAllows(on.session, plan, UNIT.session, facts),
    resourceGrant: on.resource ? resourceGrantOf(plan, resourceUnit, facts) : 'none',
  } as const;
  return decideRow(decisionFacts(facts, outcomes, undefined)).decision;
}
