import { DECISION_TABLE } from '../combiner/combine.js';
import type {
  DecisionFacts,
  DecisionRow,
  GateState,
  IdentitySide,
  ResourceGrant,
  RowOutcome,
} from '../combiner/combine.js';
import { formGrantsOutright, formReplacesIdentity, strongerForm } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import { TRUST_POLICY_ACTIONS } from './request-environment.js';
import type { Decision } from '../model/evaluation-result.js';
import type { ActionPlan } from '../compile/action-index.js';
import { applicability } from './applicability.js';
import { UNIT } from '../compile/fast-policy-set.js';
import type { FastOrgLevel, FastPolicySet } from '../compile/fast-policy-set.js';
import { matchBeyondAction, NO_MATCH } from '../compile/fast-statement.js';
import type { FastStatement } from '../compile/fast-statement.js';
import type { RequestFacts } from '../request/request-facts.js';

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
  const on = applicability(set, facts);
  const plan = facts.plan;

  // E-4: a matching Deny in any policy that applies decides, whatever else holds.
  if (on.identity && anyMatch(plan, 'deny', UNIT.identity, facts)) return 'ExplicitDeny';
  if (on.permissionsBoundary && anyMatch(plan, 'deny', UNIT.permissionsBoundary, facts)) return 'ExplicitDeny';
  if (on.session && anyMatch(plan, 'deny', UNIT.session, facts)) return 'ExplicitDeny';
  if (on.resource && anyMatch(plan, 'deny', resourceUnit, facts)) return 'ExplicitDeny';
  if (on.scp) {
    for (const level of set.serviceControlPolicies)
      if (anyMatch(plan, 'deny', level.unit, facts)) return 'ExplicitDeny';
  }
  if (on.rcp) {
    for (const level of set.resourceControlPolicies)
      if (anyMatch(plan, 'deny', level.unit, facts)) return 'ExplicitDeny';
  }
  for (const unit of set.vpcEndpointUnits) if (anyMatch(plan, 'deny', unit, facts)) return 'ExplicitDeny';

  let vpcEndpoint: GateState = 'notApplicable';
  if (on.vpcEndpoint) {
    vpcEndpoint = 'pass';
    for (const unit of set.vpcEndpointUnits) {
      if (!anyMatch(plan, 'allow', unit, facts)) {
        vpcEndpoint = 'noAllow';
        break;
      }
    }
  }
  const decisionFacts: DecisionFacts = {
    rcp: on.rcp
      ? orgGate(plan, set.resourceControlPolicies, facts.options.implicitRcpFullAccess ?? true, facts)
      : 'notApplicable',
    scp: on.scp ? orgGate(plan, set.serviceControlPolicies, false, facts) : 'notApplicable',
    vpcEndpoint,
    resourcePolicyRequired: resourcePolicyRequired(facts),
    resourceGrant: on.resource ? resourceGrant(plan, resourceUnit, facts) : 'none',
    sameAccount: facts.sameAccount,
    identitySide: identitySide(facts),
    identityAllows: on.identity && anyMatch(plan, 'allow', UNIT.identity, facts),
    permissionsBoundary: gate(on.permissionsBoundary, plan, UNIT.permissionsBoundary, facts),
    session: on.sessionMissing ? 'noAllow' : gate(on.session, plan, UNIT.session, facts),
  };
  return decideRow(decisionFacts).decision;
}

/** E-8, EV-2, EV-11: a role trust policy or a KMS key policy must allow by itself. */
export function resourcePolicyRequired(facts: RequestFacts): boolean {
  return (
    (TRUST_POLICY_ACTIONS.has(facts.action) && facts.resourceIsRole) ||
    (facts.service === 'kms' && facts.resourceIsKmsKey)
  );
}

/** The caller's identity side, as evaluate.ts's `identitySide`. */
export function identitySide(facts: RequestFacts): IdentitySide {
  if (facts.caller.kind === 'root') return 'unrestricted';
  return facts.caller.hasIdentitySide ? 'policies' : 'none';
}

/** The first row of the decision table that holds (src/combiner/combine.ts), without the steps the trace words. */
export function decideRow(facts: DecisionFacts): RowOutcome {
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- a frozen table: `for…of` is V8's slow iterator there
  for (let i = 0; i < DECISION_TABLE.length; i += 1) {
    const row = DECISION_TABLE[i] as DecisionRow;
    if (row.when(facts)) return row.outcome;
  }
  throw new Error('the decision table has no row that always holds');
}

function explicitDenyOutcome(): RowOutcome {
  const first = DECISION_TABLE[0];
  if (first?.id !== 'explicit-deny') throw new Error('the decision table does not start with its explicit deny row');
  return first.outcome;
}

/**
 * E-4: the outcome of the decision table's first row, which decides whenever a Deny matched (that is its only
 * condition), whatever the other facts; so they need not be worked out then.
 */
export const EXPLICIT_DENY_OUTCOME: RowOutcome = explicitDenyOutcome();
