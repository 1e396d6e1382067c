import { messagePolicyArn, renderAccessDeniedMessage } from '../combiner/access-denied-message.js';
import type { AccessDeniedMessageInput } from '../combiner/access-denied-message.js';
import { decideRow, EXPLICIT_DENY_OUTCOME } from '../combiner/combine.js';
import type { ActionPlan } from '../compile/action-index.js';
import type { PlanStatement } from '../compile/plan-statement.js';
import type { PolicyPlan } from '../compile/policy-plan.js';
import { UNIT } from '../compile/policy-plan.js';
import type {
  Decision,
  EvaluateOptions,
  EvaluationResult,
  PolicyTypeOutcome,
  ServiceRuleRef,
  StatementRef,
} from '../model/evaluation-result.js';
import type { PolicyType } from '../model/policy-type.js';
import type { RequestInput } from '../model/request.js';
import type { RequestFacts } from '../request/request-facts.js';
import { serviceRuleMessage } from '../request/service-rules.js';
import type { ServiceRule } from '../request/service-rules.js';
import { withLazyTrace } from './lazy-trace.js';
import type { TraceBuilder } from './lazy-trace.js';
import { strongerForm } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import {
  applicability,
  decisionFacts,
  everyGroupOutcome,
  firstWithoutAllow,
  implicitRcpFullAccess,
  isTrustPolicy,
  resourceGrant,
  resourceUnitOf,
  unionOutcome,
} from './policy-type-rules.js';
import { matchReportingMissingKeys, NO_MATCH } from './test-statement.js';

/**
 * The full `EvaluationResult` of a compiled set: every field but the trace worked out through the action index, as
 * the trace driver (trace.ts) works them out over every statement (a statement whose action cannot match neither
 * denies, nor allows, nor reports a missing key there either). Unlike `check`, nothing stops at a first answer:
 * `denies`, `allowedBy` and `missingContextKeys` need every matching statement, in the stable order. The trace is
 * built on first read (lazy-trace.ts) by the trace driver.
 */

/** What one unit's statements said. */
interface UnitOutcome {
  readonly denies: readonly PlanStatement[];
  readonly allows: readonly PlanStatement[];
  /** The strongest principal form among the Allows (`undefined` when none names one, or without `Principal`). */
  readonly strongest: PrincipalMatchForm | undefined;
}

const NONE: readonly never[] = Object.freeze([]);
const EMPTY_OUTCOME: UnitOutcome = Object.freeze({ denies: NONE, allows: NONE, strongest: undefined });

/** Every statement of one unit whose action matches, once each, in statement order. */
function candidates(plan: ActionPlan, unit: number, action: string): readonly PlanStatement[] {
  const sure = plan.sure.both[unit] as readonly PlanStatement[];
  const maybe = plan.maybe.both[unit] as readonly PlanStatement[];
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
  let denies: PlanStatement[] | undefined;
  let allows: PlanStatement[] | undefined;
  let strongest: PrincipalMatchForm | undefined;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- frozen lists: `for…of` is V8's slow iterator there
  for (let i = 0; i < statements.length; i += 1) {
    const statement = statements[i] as PlanStatement;
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
  units: readonly number[],
  facts: RequestFacts,
  missing: string[],
): readonly UnitOutcome[] {
  if (units.length === 0) return NO_OUTCOMES;
  const outcomes: UnitOutcome[] = [];
  for (const unit of units) outcomes.push(evaluateUnit(plan, unit, facts, missing));
  return outcomes;
}

/** The references of `statements` appended to `into` (made on the first one), in order. */
function appendRefs(
  statements: readonly PlanStatement[],
  into: StatementRef[] | undefined,
): StatementRef[] | undefined {
  let refs = into;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- frozen lists: `for…of` is V8's slow iterator there
  for (let i = 0; i < statements.length; i += 1) {
    const ref = (statements[i] as PlanStatement).ref;
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

/** Keys deduplicated case-insensitively (first spelling kept), then sorted: `missingContextKeys`. */
export function sortedKeys(keys: readonly string[]): readonly string[] {
  if (keys.length < 2) return keys.length === 0 ? NONE : [keys[0] as string];
  const byLower = new Map<string, string>();
  for (const key of keys) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), key);
  return [...byLower.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The outcome of a union type (identity, boundary, session, resource). */
function unionOf(on: boolean, outcome: UnitOutcome): PolicyTypeOutcome {
  return on ? unionOutcome(outcome.denies.length > 0, outcome.allows.length > 0) : 'notApplicable';
}

/** The outcome of a group type (organization levels, endpoint policies). */
function groupsOf(on: boolean, groups: readonly UnitOutcome[], implicitFullAccess: boolean): PolicyTypeOutcome {
  if (!on) return 'notApplicable';
  const denies = groups.some((group) => group.denies.length > 0);
  const failing = firstWithoutAllow(groups.length, (i) => (groups[i] as UnitOutcome).allows.length > 0);
  return everyGroupOutcome(denies, implicitFullAccess, failing);
}

/** How a result names the service rule that decided it. */
export function serviceRuleRef(rule: ServiceRule): ServiceRuleRef {
  const ref: ServiceRuleRef = {
    ruleId: rule.id,
    outcome: rule.outcome,
    summary: rule.summary,
    source: rule.source,
    ...(rule.outcome === 'neverAllowed' ? { messageWording: rule.message?.wording ?? 'engine' } : {}),
  };
  return Object.freeze(ref);
}

/**
 * What the AccessDenied message of a decision says: the denying or non-allowing type, and for an explicit deny the
 * policy's ARN when M-5 lets it be shown. `undefined` for an Allow.
 */
export function messageInputFor(
  decision: Decision,
  deniedBy: StatementRef | undefined,
  notAllowedBy: PolicyType | undefined,
  facts: RequestFacts,
  grammar: 'resource' | 'roleTrust',
): AccessDeniedMessageInput | undefined {
  const explicit = decision === 'ExplicitDeny';
  const policyType = explicit ? deniedBy?.policyType : notAllowedBy;
  if (policyType === undefined) return undefined;
  const given = facts.request;
  const input: { -readonly [K in keyof AccessDeniedMessageInput]: AccessDeniedMessageInput[K] } = {
    principal: given.principal,
    action: given.action,
    resource: given.resource,
    policyType,
    explicit,
    // Read by the renderer for a resource-policy decision only (`the role trust policy`): worked out for it only.
    trustPolicy: policyType === 'resource' && isTrustPolicy(grammar, facts),
  };
  const policyArn = explicit ? messagePolicyArn(deniedBy, facts.sameAccount, facts.options) : undefined;
  if (policyArn !== undefined) input.policyArn = policyArn;
  return input;
}

/** A result's fields but the trace: absent optional members left out. */
type ResultFields = Omit<EvaluationResult, 'trace'>;

/**
 * The full result of one request, the second driver of the plan.
 *
 * @param grammar - the grammar the request reads the resource policy with.
 * @param buildTrace - the trace driver, called on first read of `trace` with the plan, the grammar, and `request`
 *   and `options`, copies of the request and options taken when `evaluate` was called.
 */
export function evaluateResult(
  set: PolicyPlan,
  facts: RequestFacts,
  grammar: 'resource' | 'roleTrust',
  buildTrace: TraceBuilder,
  request: RequestInput,
  options: EvaluateOptions,
): EvaluationResult {
  const on = applicability(set, facts);
  const plan = facts.plan;
  const missing: string[] = [];
  const resourceUnit = resourceUnitOf(grammar);
  // The stable order of POLICY_TYPES: scp, rcp, vpcEndpoint, resource, identity, permissionsBoundary, session.
  const scp = on.scp ? evaluateUnits(plan, set.serviceControlUnits, facts, missing) : NO_OUTCOMES;
  const rcp = on.rcp ? evaluateUnits(plan, set.resourceControlUnits, facts, missing) : NO_OUTCOMES;
  const vpcEndpoint = on.vpcEndpoint ? evaluateUnits(plan, set.vpcEndpointUnits, facts, missing) : NO_OUTCOMES;
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
    const outcomes = {
      scp: groupsOf(on.scp, scp, false),
      rcp: groupsOf(on.rcp, rcp, implicitRcpFullAccess(facts)),
      vpcEndpoint: groupsOf(on.vpcEndpoint, vpcEndpoint, false),
      identity: unionOf(on.identity, identity),
      permissionsBoundary: unionOf(on.permissionsBoundary, boundary),
      session: unionOf(on.session, session),
      resourceGrant: resourceGrant(on.resource && resource.allows.length > 0, resource.strongest),
    };
    row = decideRow(decisionFacts(facts, outcomes, undefined));
  }
  const decision = row.decision;
  const notAllowedBy = row.notAllowedBy;
  const missingContextKeys = sortedKeys(missing);
  let allowedBy: readonly StatementRef[] = NONE;
  if (decision === 'Allow') allowedBy = appendRefs(identity.allows, appendRefs(resource.allows, undefined)) ?? NONE;
  const shownDeniedBy = decision === 'ExplicitDeny' ? deniedBy : undefined;
  const messageInput = messageInputFor(decision, deniedBy, notAllowedBy, facts, grammar);
  const rule = row.byServiceRule === true ? facts.serviceRule : undefined;
  const serviceRule = rule === undefined ? undefined : serviceRuleRef(rule);
  const message =
    messageInput !== undefined
      ? renderAccessDeniedMessage(messageInput)
      : rule?.outcome === 'neverAllowed'
        ? serviceRuleMessage(rule, facts.resource)
        : undefined;
  // The three shapes a result has (Allow, ExplicitDeny, ImplicitDeny), as plain literals in the result's member
  // order; any other combination (the decision table gives none) through spreads, in the same order.
  let result: ResultFields;
  if (serviceRule === undefined && shownDeniedBy === undefined && notAllowedBy === undefined && message === undefined) {
    result = { decision, denies, allowedBy, missingContextKeys };
  } else if (
    serviceRule === undefined &&
    shownDeniedBy !== undefined &&
    notAllowedBy === undefined &&
    message !== undefined
  ) {
    result = { decision, deniedBy: shownDeniedBy, denies, allowedBy, message, missingContextKeys };
  } else if (
    serviceRule === undefined &&
    shownDeniedBy === undefined &&
    notAllowedBy !== undefined &&
    message !== undefined
  ) {
    result = { decision, denies, notAllowedBy, allowedBy, message, missingContextKeys };
  } else {
    result = {
      decision,
      ...(shownDeniedBy === undefined ? {} : { deniedBy: shownDeniedBy }),
      denies,
      ...(notAllowedBy === undefined ? {} : { notAllowedBy }),
      allowedBy,
      ...(message === undefined ? {} : { message }),
      ...(serviceRule === undefined ? {} : { serviceRule }),
      missingContextKeys,
    };
  }
  return withLazyTrace(result, buildTrace, set, grammar, request, options);
}
