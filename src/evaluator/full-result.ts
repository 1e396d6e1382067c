import { messagePolicyArn, renderAccessDeniedMessage } from '../combiner/access-denied-message.js';
import type { AccessDeniedMessageInput } from '../combiner/access-denied-message.js';
import type { DecisionFacts, GateState, ResourceGrant } from '../combiner/combine.js';
import { formGrantsOutright, formReplacesIdentity, strongerForm } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import { TRUST_POLICY_ACTIONS } from './request-environment.js';
import type { EvaluateOptions, EvaluationResult, StatementRef } from '../model/evaluation-result.js';
import type { RequestInput } from '../model/request.js';
import type { ActionPlan } from '../compile/action-index.js';
import { applicability } from './applicability.js';
import { decideRow, EXPLICIT_DENY_OUTCOME, identitySide, resourcePolicyRequired } from './decide.js';
import { UNIT } from '../compile/fast-policy-set.js';
import type { FastPolicySet } from '../compile/fast-policy-set.js';
import { matchReportingMissingKeys, NO_MATCH } from '../compile/fast-statement.js';
import type { FastStatement } from '../compile/fast-statement.js';
import { withLazyTrace } from './lazy-trace.js';
import type { TraceBuilder } from './lazy-trace.js';
import type { RequestFacts } from '../request/request-facts.js';

/**
 * The full `EvaluationResult` of a compiled set: every field but the trace worked out through the action index, as
 * src/evaluator/evaluate.ts works them out over every statement (a statement whose action cannot match neither
 * denies, nor allows, nor reports a missing key there either). Unlike `check`, nothing stops at a first answer:
 * `denies`, `allowedBy` and `missingContextKeys` need every matching statement, in the stable order. The trace is
 * the reference's, built on first read (lazy-trace.ts).
 */

/** What one unit's statements said. */
interface UnitOutcome {
  readonly denies: readonly FastStatement[];
  readonly allows: readonly FastStatement[];
  /** The strongest principal form among the Allows (`undefined` when none names one, or without `Principal`). */
  readonly strongest: PrincipalMatchForm | undefined;
}

const NONE: readonly never[] = Object.freeze([]);
const EMPTY_OUTCOME: UnitOutcome = Object.freeze({ denies: NONE, allows: NONE, strongest: undefined });

/** Every statement of one unit whose action matches, once each, in statement order. */
function candidates(plan: ActionPlan, unit: number, action: string): readonly FastStatement[] {
  const sure = plan.sure.both[unit] as readonly FastStatement[];
  const maybe = plan.maybe.both[unit] as readonly FastStatement[];
  if (maybe.length === 0) return sure;
  const found = [...sure];
  for (const statement of maybe) if (!found.includes(statement) && statement.action.test(action)) found.push(statement);
  return found.sort((a, b) => a.ordinal - b.ordinal);
}

function evaluateUnit(plan: ActionPlan, unit: number, facts: RequestFacts, missing: string[]): UnitOutcome {
  const statements = candidates(plan, unit, facts.action);
  if (statements.length === 0) return EMPTY_OUTCOME;
  // Lists made only when something matches (most units match nothing, or only one effect), each from a literal of
  // its first member (no growing an empty array).
  let denies: FastStatement[] | undefined;
  let allows: FastStatement[] | undefined;
  let strongest: PrincipalMatchForm | undefined;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- frozen lists: `for…of` is V8's slow iterator there
  for (let i = 0; i < statements.length; i += 1) {
    const statement = statements[i] as FastStatement;
    const result = matchReportingMissingKeys(statement, facts, missing);
    if (result === NO_MATCH) continue;
    if (statement.effect === 'Deny') {
      if (denies === undefined) denies = [statement];
      else denies.push(statement);
    } else {
      if (allows === undefined) allows = [statement];
      else allows.push(statement);
      if (result !== true) strongest = strongerForm(strongest, result);
    }
  }
  if (denies === undefined && allows === undefined) return EMPTY_OUTCOME;
  return { denies: denies ?? NONE, allows: allows ?? NONE, strongest };
}

const NO_OUTCOMES: readonly UnitOutcome[] = Object.freeze([]);

/** The outcomes of several units in order (the levels of an organization path, the endpoint policies). */
function evaluateUnits(
  plan: ActionPlan,
  units: readonly { readonly unit: number }[],
  facts: RequestFacts,
  missing: string[],
): readonly UnitOutcome[] {
  if (units.length === 0) return NO_OUTCOMES;
  const outcomes: UnitOutcome[] = [];
  for (const { unit } of units) outcomes.push(evaluateUnit(plan, unit, facts, missing));
  return outcomes;
}

/** The references of `statements` appended to `into` (made on the first one), in order. */
function appendRefs(
  statements: readonly FastStatement[],
  into: StatementRef[] | undefined,
): StatementRef[] | undefined {
  let refs = into;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- frozen lists: `for…of` is V8's slow iterator there
  for (let i = 0; i < statements.length; i += 1) {
    const ref = (statements[i] as FastStatement).ref;
    if (refs === undefined) refs = [ref];
    else refs.push(ref);
  }
  return refs;
}

/** {@link appendRefs} for the Denies of several units, in order. */
function appendDenyRefs(
  outcomes: readonly UnitOutcome[],
  into: StatementRef[] | undefined,
): StatementRef[] | undefined {
  let refs = into;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- frozen lists: `for…of` is V8's slow iterator there
  for (let i = 0; i < outcomes.length; i += 1) refs = appendRefs((outcomes[i] as UnitOutcome).denies, refs);
  return refs;
}

/** Keys deduplicated case-insensitively (first spelling kept), then sorted: evaluate.ts's `sortedKeys`. */
function sortedKeys(keys: readonly string[]): readonly string[] {
  if (keys.length < 2) return keys.length === 0 ? NONE : [keys[0] as string];
  const byLower = new Map<string, string>();
  for (const key of keys) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), key);
  return [...byLower.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The union gate of a type (`unionResult`): a Deny or an Allow passes, neither does not allow. */
function unionGate(on: boolean, outcome: UnitOutcome): GateState {
  if (!on) return 'notApplicable';
  return outcome.denies.length > 0 || outcome.allows.length > 0 ? 'pass' : 'noAllow';
}

/** The organization gate (`evaluateOrgLevels`): a Deny passes to the Deny row; otherwise each level needs an Allow. */
function orgGate(on: boolean, levels: readonly UnitOutcome[], implicitFullAccess: boolean): GateState {
  if (!on) return 'notApplicable';
  if (levels.some((level) => level.denies.length > 0) || implicitFullAccess) return 'pass';
  return levels.every((level) => level.allows.length > 0) ? 'pass' : 'noAllow';
}

/** The VPC endpoint gate (`evaluateVpcEndpointPolicies`): a Deny passes to the Deny row; else every policy allows. */
function vpcGate(on: boolean, policies: readonly UnitOutcome[]): GateState {
  if (!on) return 'notApplicable';
  return policies.some((outcome) => outcome.denies.length > 0) || policies.every((outcome) => outcome.allows.length > 0)
    ? 'pass'
    : 'noAllow';
}

function resourceGrant(on: boolean, outcome: UnitOutcome): ResourceGrant {
  if (!on || outcome.allows.length === 0) return 'none';
  const strongest = outcome.strongest;
  if (strongest === undefined || formGrantsOutright(strongest)) return 'full';
  return formReplacesIdentity(strongest) ? 'capped' : 'delegates';
}

/** A result's fields but the trace, as the reference's result is built: absent optional members left out. */
type ResultFields = Omit<EvaluationResult, 'trace'>;

/**
 * The full result of one request.
 *
 * @param resourceUnit - the unit of the resource policy as read with the request's grammar.
 * @param roleTrustGrammar - the resource policy was read as a role trust policy (messages name it so).
 * @param buildTrace - the reference's trace for the request's grammar, called on first read of `trace` with
 *   `request` and `options`, copies of the request and options taken when `evaluate` was called.
 */
export function evaluateFull(
  set: FastPolicySet,
  facts: RequestFacts,
  resourceUnit: number,
  roleTrustGrammar: boolean,
  buildTrace: TraceBuilder,
  request: RequestInput,
  options: EvaluateOptions,
): EvaluationResult {
  const on = applicability(set, facts);
  const plan = facts.plan;
  const missing: string[] = [];
  // The stable order of POLICY_TYPES: scp, rcp, vpcEndpoint, resource, identity, permissionsBoundary, session.
  const scp = on.scp ? evaluateUnits(plan, set.serviceControlPolicies, facts, missing) : NO_OUTCOMES;
  const rcp = on.rcp ? evaluateUnits(plan, set.resourceControlPolicies, facts, missing) : NO_OUTCOMES;
  const vpcEndpoint = on.vpcEndpoint ? evaluateUnits(plan, set.vpcEndpointLevels, facts, missing) : NO_OUTCOMES;
  const resource = on.resource ? evaluateUnit(plan, resourceUnit, facts, missing) : EMPTY_OUTCOME;
  const identity = on.identity ? evaluateUnit(plan, UNIT.identity, facts, missing) : EMPTY_OUTCOME;
  const boundary = on.permissionsBoundary
    ? evaluateUnit(plan, UNIT.permissionsBoundary, facts, missing)
    : EMPTY_OUTCOME;
  const session = on.session ? evaluateUnit(plan, UNIT.session, facts, missing) : EMPTY_OUTCOME;

  let found = appendDenyRefs(scp, undefined);
  found = appendDenyRefs(rcp, found);
  found = appendDenyRefs(vpcEndpoint, found);
  found = appendRefs(resource.denies, found);
  found = appendRefs(identity.denies, found);
  found = appendRefs(boundary.denies, found);
  found = appendRefs(session.denies, found);
  const denies: readonly StatementRef[] = found ?? NONE;
  const deniedBy = denies[0];
  // E-4: with a Deny the table's first row decides, whatever the gates: they are worked out only without one.
  let row = EXPLICIT_DENY_OUTCOME;
  if (deniedBy === undefined) {
    const decisionFacts: DecisionFacts = {
      rcp: orgGate(on.rcp, rcp, facts.options.implicitRcpFullAccess ?? true),
      scp: orgGate(on.scp, scp, false),
      vpcEndpoint: vpcGate(on.vpcEndpoint, vpcEndpoint),
      resourcePolicyRequired: resourcePolicyRequired(facts),
      resourceGrant: resourceGrant(on.resource, resource),
      sameAccount: facts.sameAccount,
      identitySide: identitySide(facts),
      identityAllows: on.identity && identity.denies.length === 0 && identity.allows.length > 0,
      permissionsBoundary: unionGate(on.permissionsBoundary, boundary),
      session: on.sessionMissing ? 'noAllow' : unionGate(on.session, session),
    };
    row = decideRow(decisionFacts);
  }
  const decision = row.decision;
  const notAllowedBy = row.notAllowedBy;
  const missingContextKeys = sortedKeys(missing);
  let allowedBy: readonly StatementRef[] = NONE;
  if (decision === 'Allow') allowedBy = appendRefs(identity.allows, appendRefs(resource.allows, undefined)) ?? NONE;
  const explicit = decision === 'ExplicitDeny';
  const shownDeniedBy = explicit ? deniedBy : undefined;
  const policyType = explicit ? deniedBy?.policyType : notAllowedBy;
  let message: string | undefined;
  if (policyType !== undefined) {
    const given = facts.request;
    const messageInput: { -readonly [K in keyof AccessDeniedMessageInput]: AccessDeniedMessageInput[K] } = {
      principal: given.principal,
      action: given.action,
      resource: given.resource,
      policyType,
      explicit,
      // Read by the renderer for a resource-policy decision only (`the role trust policy`): worked out for it only.
      trustPolicy:
        policyType === 'resource' &&
        (roleTrustGrammar || (TRUST_POLICY_ACTIONS.has(facts.action) && facts.resourceIsRole)),
    };
    const policyArn = explicit ? messagePolicyArn(deniedBy, facts.sameAccount, facts.options) : undefined;
    if (policyArn !== undefined) messageInput.policyArn = policyArn;
    message = renderAccessDeniedMessage(messageInput);
  }
  // The three shapes a result has (Allow, ExplicitDeny, ImplicitDeny), as plain literals in the reference's member
  // order; any other combination (the decision table gives none) through spreads, in the same order.
  let result: ResultFields;
  if (shownDeniedBy === undefined && notAllowedBy === undefined && message === undefined) {
    result = { decision, denies, allowedBy, missingContextKeys };
  } else if (shownDeniedBy !== undefined && notAllowedBy === undefined && message !== undefined) {
    result = { decision, deniedBy: shownDeniedBy, denies, allowedBy, message, missingContextKeys };
  } else if (shownDeniedBy === undefined && notAllowedBy !== undefined && message !== undefined) {
    result = { decision, denies, notAllowedBy, allowedBy, message, missingContextKeys };
  } else {
    result = {
      decision,
      ...(shownDeniedBy === undefined ? {} : { deniedBy: shownDeniedBy }),
      denies,
      ...(notAllowedBy === undefined ? {} : { notAllowedBy }),
      allowedBy,
      ...(message === undefined ? {} : { message }),
      missingContextKeys,
    };
  }
  return withLazyTrace(result, buildTrace, request, options);
}
