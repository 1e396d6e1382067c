import { renderAccessDeniedMessage } from '../combiner/access-denied-message.js';
import type { AccessDeniedMessageInput } from '../combiner/access-denied-message.js';
import type { DecisionFacts, GateState, ResourceGrant } from '../combiner/combine.js';
import { formGrantsOutright, formReplacesIdentity, strongerForm } from '../evaluator/match-principal.js';
import type { PrincipalMatchForm } from '../evaluator/match-principal.js';
import { TRUST_POLICY_ACTIONS } from '../evaluator/request-environment.js';
import type { EvaluationResult, EvaluationTrace, StatementRef } from '../model/evaluation-result.js';
import type { ActionPlan } from './action-index.js';
import { applicability } from './applicability.js';
import { decideRow, identitySide, resourcePolicyRequired } from './decide.js';
import { UNIT } from './fast-policy-set.js';
import type { FastPolicySet } from './fast-policy-set.js';
import { matchReportingMissingKeys, NO_MATCH } from './fast-statement.js';
import type { FastStatement } from './fast-statement.js';
import { withLazyTrace } from './lazy-trace.js';
import type { RequestFacts } from './request-facts.js';

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
  /** For each Allow, its principal form (`undefined` without `Principal`), same order. */
  readonly forms: readonly (PrincipalMatchForm | undefined)[];
}

const EMPTY_OUTCOME: UnitOutcome = Object.freeze({ denies: [], allows: [], forms: [] });

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
  const denies: FastStatement[] = [];
  const allows: FastStatement[] = [];
  const forms: (PrincipalMatchForm | undefined)[] = [];
  for (const statement of statements) {
    const result = matchReportingMissingKeys(statement, facts, missing);
    if (result === NO_MATCH) continue;
    if (statement.effect === 'Deny') {
      denies.push(statement);
    } else {
      allows.push(statement);
      forms.push(result === true ? undefined : result);
    }
  }
  return { denies, allows, forms };
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

/** Keys deduplicated case-insensitively (first spelling kept), then sorted: evaluate.ts's `sortedKeys`. */
function sortedKeys(keys: readonly string[]): string[] {
  if (keys.length < 2) return keys.length === 0 ? [] : [keys[0] as string];
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

function resourceGrant(on: boolean, outcome: UnitOutcome): ResourceGrant {
  if (!on || outcome.allows.length === 0) return 'none';
  let strongest: PrincipalMatchForm | undefined;
  for (const form of outcome.forms) strongest = strongerForm(strongest, form);
  if (strongest === undefined || formGrantsOutright(strongest)) return 'full';
  return formReplacesIdentity(strongest) ? 'capped' : 'delegates';
}

/**
 * M-5, EV-15: the denying policy's ARN for the message, as evaluate.ts's `messagePolicyArn`: when its id is an ARN,
 * the request stays within one account, and the `messagePolicyArn` option is not `false`.
 */
function messagePolicyArn(deniedBy: StatementRef | undefined, facts: RequestFacts): string | undefined {
  if (deniedBy === undefined || facts.options.messagePolicyArn === false || !facts.sameAccount) return undefined;
  const id = deniedBy.policyId;
  return id.startsWith('arn:') && !/\s/.test(id) ? id : undefined;
}

/**
 * The full result of one request.
 *
 * @param resourceUnit - the unit of the resource policy as read with the request's grammar.
 * @param roleTrustGrammar - the resource policy was read as a role trust policy (messages name it so).
 * @param buildTrace - the reference's trace of this request, called on first read of `trace`.
 */
export function evaluateFull(
  set: FastPolicySet,
  facts: RequestFacts,
  resourceUnit: number,
  roleTrustGrammar: boolean,
  buildTrace: () => EvaluationTrace,
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

  const denies: StatementRef[] = [];
  for (const outcomes of [scp, rcp, vpcEndpoint]) {
    for (const outcome of outcomes) for (const statement of outcome.denies) denies.push(statement.ref);
  }
  for (const outcome of [resource, identity, boundary, session]) {
    for (const statement of outcome.denies) denies.push(statement.ref);
  }
  const [deniedBy] = denies;
  let vpcGate: GateState = 'notApplicable';
  if (on.vpcEndpoint) {
    vpcGate =
      vpcEndpoint.some((outcome) => outcome.denies.length > 0) || vpcEndpoint.every((o) => o.allows.length > 0)
        ? 'pass'
        : 'noAllow';
  }
  // deniedBy goes last: a spread as the first member of a literal costs microseconds in V8 11 (Node 20).
  const decisionFacts: DecisionFacts = {
    rcp: orgGate(on.rcp, rcp, facts.options.implicitRcpFullAccess ?? true),
    scp: orgGate(on.scp, scp, false),
    vpcEndpoint: vpcGate,
    resourcePolicyRequired: resourcePolicyRequired(facts),
    resourceGrant: resourceGrant(on.resource, resource),
    sameAccount: facts.sameAccount,
    identitySide: identitySide(facts),
    identityAllows: on.identity && identity.denies.length === 0 && identity.allows.length > 0,
    permissionsBoundary: unionGate(on.permissionsBoundary, boundary),
    session: on.sessionMissing ? 'noAllow' : unionGate(on.session, session),
    ...(deniedBy === undefined ? {} : { deniedBy }),
  };
  const row = decideRow(decisionFacts);
  const decision = row.decision;
  const allowedBy =
    decision === 'Allow' ? [...resource.allows, ...identity.allows].map((statement) => statement.ref) : [];
  const explicit = decision === 'ExplicitDeny';
  const policyType = explicit ? deniedBy?.policyType : row.notAllowedBy;
  const request = facts.request;
  let message: string | undefined;
  if (policyType !== undefined) {
    const policyArn = explicit ? messagePolicyArn(deniedBy, facts) : undefined;
    const messageInput: AccessDeniedMessageInput = {
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      policyType,
      explicit,
      trustPolicy: roleTrustGrammar || (TRUST_POLICY_ACTIONS.has(facts.action) && facts.resourceIsRole),
      ...(policyArn === undefined ? {} : { policyArn }),
    };
    message = renderAccessDeniedMessage(messageInput);
  }
  return withLazyTrace(
    {
      decision,
      deniedBy: explicit ? deniedBy : undefined,
      denies,
      notAllowedBy: row.notAllowedBy,
      allowedBy,
      message,
      missingContextKeys: sortedKeys(missing),
    },
    buildTrace,
  );
}
