import { DECISION_TABLE } from '../combiner/combine.js';
import type { DecisionFacts, GateState, ResourceGrant } from '../combiner/combine.js';
import { formGrantsOutright, formReplacesIdentity, strongerForm } from '../evaluator/match-principal.js';
import type { PrincipalMatchForm } from '../evaluator/match-principal.js';
import { TRUST_POLICY_ACTIONS } from '../evaluator/request-environment.js';
import type { Decision } from '../model/evaluation-result.js';
import type { ActionPlan } from './action-index.js';
import { UNIT } from './fast-policy-set.js';
import type { FastOrgLevel, FastPolicySet } from './fast-policy-set.js';
import { matchBeyondAction, NO_MATCH } from './fast-statement.js';
import type { FastStatement } from './fast-statement.js';
import type { RequestFacts } from './request-facts.js';

/**
 * The decision without a trace: the same applicability rules per policy type as src/evaluator/policy-types/, the
 * same decision table (src/combiner/combine.ts, read from there so both paths share it), but statements are looked
 * at only through the action index, every Deny before any Allow, and each question stops at its first answer.
 */

/** Whether some statement of one unit and effect matches. */
function anyMatch(plan: ActionPlan, effect: 'deny' | 'allow', unit: number, facts: RequestFacts): boolean {
  for (const statement of plan.sure[effect][unit] as readonly FastStatement[]) {
    if (matchBeyondAction(statement, facts) !== NO_MATCH) return true;
  }
  for (const statement of plan.maybe[effect][unit] as readonly FastStatement[]) {
    if (statement.action.test(facts.action) && matchBeyondAction(statement, facts) !== NO_MATCH) return true;
  }
  return false;
}

/** One resource-policy Allow considered for the grant: the stronger form so far, `null` when it does not match. */
function grantStep(
  statement: FastStatement,
  facts: RequestFacts,
  strongest: PrincipalMatchForm | undefined,
): PrincipalMatchForm | undefined | null {
  const result = matchBeyondAction(statement, facts);
  if (result === NO_MATCH) return null;
  return result === true ? strongest : strongerForm(strongest, result);
}

/** The strongest principal form among the matching Allows of the resource policy, as evaluate.ts's `resourceGrant`. */
function resourceGrant(plan: ActionPlan, unit: number, facts: RequestFacts): ResourceGrant {
  let matched = false;
  let strongest: PrincipalMatchForm | undefined;
  for (const statement of plan.sure.allow[unit] as readonly FastStatement[]) {
    const next = grantStep(statement, facts, strongest);
    if (next === null) continue;
    matched = true;
    strongest = next;
    // The strongest form there is: nothing later can change the grant.
    if (strongest !== undefined && formGrantsOutright(strongest)) return 'full';
  }
  for (const statement of plan.maybe.allow[unit] as readonly FastStatement[]) {
    if (!statement.action.test(facts.action)) continue;
    const next = grantStep(statement, facts, strongest);
    if (next === null) continue;
    matched = true;
    strongest = next;
    if (strongest !== undefined && formGrantsOutright(strongest)) return 'full';
  }
  if (!matched) return 'none';
  if (strongest === undefined || formGrantsOutright(strongest)) return 'full';
  return formReplacesIdentity(strongest) ? 'capped' : 'delegates';
}

function gate(on: boolean, plan: ActionPlan, unit: number, facts: RequestFacts): GateState {
  if (!on) return 'notApplicable';
  return anyMatch(plan, 'allow', unit, facts) ? 'pass' : 'noAllow';
}

/** O-10, O-14: every level needs an Allow of its own, unless each carries the implicit RCPFullAWSAccess. */
function orgGate(
  plan: ActionPlan,
  levels: readonly FastOrgLevel[],
  implicitFullAccess: boolean,
  facts: RequestFacts,
): GateState {
  if (implicitFullAccess) return 'pass';
  for (const level of levels) if (!anyMatch(plan, 'allow', level.unit, facts)) return 'noAllow';
  return 'pass';
}

/**
 * Decides one request.
 *
 * @param resourceUnit - the unit of the resource policy as read with the request's grammar.
 */
export function decide(set: FastPolicySet, facts: RequestFacts, resourceUnit: number): Decision {
  const { caller, options } = facts;
  const root = caller.kind === 'root';
  const identityOn = !root && caller.hasIdentitySide;
  const boundaryOn = identityOn && set.permissionsBoundaryGiven;
  const sessionOn = !root && caller.isSession && set.sessionPolicyCount > 0;
  const management = options.managementAccountId;
  const scpOn =
    set.serviceControlPolicies.length > 0 &&
    caller.hasIdentitySide &&
    !(management !== undefined && caller.accountId === management) &&
    !caller.serviceLinkedRole;
  const rcpOn =
    set.resourceControlPolicies.length > 0 &&
    !(management !== undefined && facts.resourceAccount === management) &&
    !caller.serviceLinkedRole &&
    facts.rcpSupportsService &&
    facts.action !== 'kms:retiregrant';
  const resourceOn = set.resourcePolicyGiven;
  const plan = set.index.lookup(facts.action, facts.service);

  // E-4: a matching Deny in any policy that applies decides, whatever else holds.
  if (identityOn && anyMatch(plan, 'deny', UNIT.identity, facts)) return 'ExplicitDeny';
  if (boundaryOn && anyMatch(plan, 'deny', UNIT.permissionsBoundary, facts)) return 'ExplicitDeny';
  if (sessionOn && anyMatch(plan, 'deny', UNIT.session, facts)) return 'ExplicitDeny';
  if (resourceOn && anyMatch(plan, 'deny', resourceUnit, facts)) return 'ExplicitDeny';
  if (scpOn)
    for (const level of set.serviceControlPolicies)
      if (anyMatch(plan, 'deny', level.unit, facts)) return 'ExplicitDeny';
  if (rcpOn)
    for (const level of set.resourceControlPolicies)
      if (anyMatch(plan, 'deny', level.unit, facts)) return 'ExplicitDeny';
  for (const unit of set.vpcEndpointUnits) if (anyMatch(plan, 'deny', unit, facts)) return 'ExplicitDeny';

  let vpcEndpoint: GateState = 'notApplicable';
  if (set.vpcEndpointUnits.length > 0) {
    vpcEndpoint = 'pass';
    for (const unit of set.vpcEndpointUnits) {
      if (!anyMatch(plan, 'allow', unit, facts)) {
        vpcEndpoint = 'noAllow';
        break;
      }
    }
  }
  const trustPolicyRequest = TRUST_POLICY_ACTIONS.has(facts.action) && facts.resourceIsRole;
  const kmsKeyRequest = facts.service === 'kms' && facts.resourceIsKmsKey;
  const federatedWithoutSessionPolicy =
    !root && caller.isSession && set.sessionPolicyCount === 0 && caller.kind === 'federatedUser';
  const decisionFacts: DecisionFacts = {
    rcp: rcpOn
      ? orgGate(plan, set.resourceControlPolicies, options.implicitRcpFullAccess ?? true, facts)
      : 'notApplicable',
    scp: scpOn ? orgGate(plan, set.serviceControlPolicies, false, facts) : 'notApplicable',
    vpcEndpoint,
    resourcePolicyRequired: trustPolicyRequest || kmsKeyRequest,
    resourceGrant: resourceOn ? resourceGrant(plan, resourceUnit, facts) : 'none',
    sameAccount: facts.sameAccount,
    identitySide: root ? 'unrestricted' : caller.hasIdentitySide ? 'policies' : 'none',
    identityAllows: identityOn && anyMatch(plan, 'allow', UNIT.identity, facts),
    permissionsBoundary: gate(boundaryOn, plan, UNIT.permissionsBoundary, facts),
    session: federatedWithoutSessionPolicy ? 'noAllow' : gate(sessionOn, plan, UNIT.session, facts),
  };
  for (const row of DECISION_TABLE) if (row.when(decisionFacts)) return row.outcome.decision;
  throw new Error('the decision table has no row that always holds');
}
