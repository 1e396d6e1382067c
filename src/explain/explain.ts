import { evaluate } from '../evaluator/evaluate.js';
import type { EvaluateOptions, EvaluationResult, StatementRef, StatementTrace } from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import type { EvaluationInput } from '../model/request.js';
import type {
  ConditionExplanation,
  DenyExplanation,
  Explanation,
  LayerExplanation,
  NearMiss,
  StatementExplanation,
} from './explanation.js';
import { resolveCatalogue } from '../catalogue/bundled-catalogue.js';
import { catalogueNotes, resourceNearMiss } from './catalogue-notes.js';
import { code, conditionText, describeRef } from './describe.js';
import { sourceExcerpt, sourceLookup } from './source-excerpt.js';
import type { SourceLookup } from './source-excerpt.js';
import { changesToApply, changesToStopApplying, findStatement } from './what-would-change.js';
import type { SearchBudget } from './what-would-change.js';

/**
 * Options of `explain`: those of `evaluate`, and a bound on the re-evaluations the what-would-change search makes.
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * import type { ExplainOptions } from 'iam-policy-evaluator';
 * const options: ExplainOptions = { maxEvaluations: 0, now: '2024-05-01T12:00:00Z' };
 * const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
 * const e = explain({ request: { principal: 'arn:aws:iam::123456789012:user/u', action: 's3:GetObject', resource: '*', context: { 'aws:SecureTransport': false } }, policies: { identity: [{ id: 'TlsOnly', document: deny }] } }, undefined, options);
 * e.denies[0]?.changes; //=> []
 * ```
 */
export interface ExplainOptions extends EvaluateOptions {
  /** At most this many re-evaluations in all (default 400). */
  readonly maxEvaluations?: number;
}

function explainStatement(
  statement: StatementTrace,
  input: EvaluationInput,
  lookup: SourceLookup,
): StatementExplanation {
  const text = lookup(statement.ref);
  const elements = [statement.principal, statement.action, statement.resource].filter((e) => e !== undefined);
  const conditions: ConditionExplanation[] = statement.conditions.map((trace) => ({
    trace,
    text: conditionText(trace),
  }));
  return {
    ref: statement.ref,
    effect: statement.effect,
    matched: statement.matched,
    elements,
    conditions,
    ...(text === undefined ? {} : { source: sourceExcerpt(text, statement, input.request) }),
  };
}

/** The element's text in the policy, white space folded, for sentences like `` does not match `"ec2:Describe*"` ``. */
function elementSource(text: string | undefined, span: { offset: number; endOffset: number }): string | undefined {
  if (text === undefined) return undefined;
  const raw = text.slice(span.offset, span.endOffset).replace(/\s+/g, ' ').trim();
  if (raw === '') return undefined;
  return raw.length > 120 ? `${raw.slice(0, 117)}...` : raw;
}

function noChangeReason(statement: StatementTrace): string {
  if (statement.conditions.length === 0) {
    const parts = ['action', 'resource'];
    if (statement.principal !== undefined) parts.push('principal');
    const listed =
      parts.length === 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
    return `no change of context can make it stop applying: it has no condition, and its ${listed} match unconditionally`;
  }
  return 'no change of a single context key makes it stop applying';
}

function nearMiss(
  statement: StatementTrace,
  input: EvaluationInput,
  lookup: SourceLookup,
  options: ExplainOptions | undefined,
  budget: SearchBudget,
): NearMiss {
  const explained = explainStatement(statement, input, lookup);
  const text = lookup(statement.ref);
  for (const element of [statement.action, statement.resource, statement.principal]) {
    if (element === undefined || element.matched) continue;
    const listed = elementSource(text, element.span);
    const what = element.element.replace(/^Not/, '').toLowerCase();
    const asked =
      what === 'action' ? input.request.action : what === 'resource' ? input.request.resource : input.request.principal;
    const reason = element.element.startsWith('Not')
      ? `${what} ${code(asked)} is excluded by ${element.element}${listed === undefined ? '' : ` \`${listed}\``}`
      : `${what} ${code(asked)} does not match ${element.element}${listed === undefined ? '' : ` \`${listed}\``}`;
    const why = resourceNearMiss(statement, input, listed, resolveCatalogue(options?.catalogue));
    return {
      statement: explained,
      failedElement: element.element,
      failedConditions: [],
      reason: why === undefined ? reason : `${reason}: ${why}`,
      changes: [],
      allChangesRequired: false,
    };
  }
  const failed = statement.conditions.filter((c) => !c.result);
  const { changes, allRequired } = changesToApply(input, statement, evaluate, options, budget);
  const reason =
    failed.length === 0
      ? 'every element and condition holds'
      : failed.map((c) => `condition ${conditionText(c)}`).join('; ');
  return {
    statement: explained,
    failedElement: 'Condition',
    failedConditions: failed,
    reason,
    changes,
    allChangesRequired: allRequired,
  };
}

/**
 * How close an Allow statement came: Action weighs most (a failed Action that names the request's service comes
 * closer than one that does not), then Resource and Principal, then the share of true conditions.
 */
function closeness(statement: StatementTrace, input: EvaluationInput, lookup: SourceLookup): number {
  const conditions =
    statement.conditions.length === 0
      ? 1
      : statement.conditions.filter((c) => c.result).length / statement.conditions.length;
  const service = input.request.action.split(':')[0]?.toLowerCase() ?? '';
  const listed = statement.action.matched ? undefined : elementSource(lookup(statement.ref), statement.action.span);
  const sameService = listed?.toLowerCase().includes(`"${service}:`) === true ? 0.5 : 0;
  return (
    (statement.action.matched ? 8 : sameService) +
    ((statement.resource?.matched ?? true) ? 4 : 0) +
    ((statement.principal?.matched ?? true) ? 2 : 0) +
    conditions
  );
}

const MAX_NEAR_MISSES = 3;

function explainLayers(
  result: EvaluationResult,
  input: EvaluationInput,
  lookup: SourceLookup,
  options: ExplainOptions | undefined,
  budget: SearchBudget,
): LayerExplanation[] {
  const layers: LayerExplanation[] = [];
  for (const type of result.trace.policyTypes) {
    if (type.outcome !== 'doesNotAllow') continue;
    const allows = type.policies.flatMap((p) => p.statements).filter((s) => s.effect === 'Allow' && !s.matched);
    const ranked = allows
      .map((s, order) => ({ s, order, score: closeness(s, input, lookup) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    const best = ranked[0]?.score;
    const closest = ranked
      .filter((r) => r.score === best)
      .slice(0, MAX_NEAR_MISSES)
      .map((r) => nearMiss(r.s, input, lookup, options, budget));
    layers.push({ policyType: type.policyType, outcome: type.outcome, reason: type.reason, closest });
  }
  // The deciding layer first.
  return layers.sort(
    (a, b) => Number(b.policyType === result.notAllowedBy) - Number(a.policyType === result.notAllowedBy),
  );
}

function summaryOf(result: EvaluationResult): string {
  const rule = result.serviceRule;
  if (rule !== undefined) {
    const verdict = rule.outcome === 'alwaysAllowed' ? 'allowed by an AWS rule' : 'refused by an AWS rule';
    return `${verdict}: ${rule.ruleId} ${rule.summary} (${rule.source})`;
  }
  if (result.decision === 'ExplicitDeny' && result.deniedBy !== undefined) {
    const type = POLICY_TYPE_NAMES[result.deniedBy.policyType];
    const article = type.startsWith('identity') ? 'an' : 'a';
    return `explicit deny in ${article} ${type}: ${describeRef(result.deniedBy)}`;
  }
  if (result.decision === 'ImplicitDeny') {
    const type = result.notAllowedBy === undefined ? undefined : POLICY_TYPE_NAMES[result.notAllowedBy];
    return type === undefined
      ? 'implicit deny: no policy allows the request'
      : `implicit deny: no ${type} allows the request`;
  }
  const first = result.allowedBy[0];
  return first === undefined ? 'allowed' : `allowed by ${describeRef(first)}`;
}

/**
 * Explains a decision: the deciding statement with its source lines and a mark under each element that matched;
 * every condition with the request's values against the policy's; for an explicit deny, for each Deny that matched,
 * the smallest context changes that make it stop applying (found by trying values derived from the policy and
 * keeping only those a re-evaluation confirms), or why none can; for an implicit deny, for each policy type that
 * failed to allow, the Allow statements that came closest and what failed in them; and the keys the policies test
 * that the request did not carry. Pure: it only calls `evaluate`.
 *
 * @param input - the request and policies
 * @param result - the result of `evaluate(input)`, when already at hand; computed otherwise
 * @param options - options of `evaluate`, and `maxEvaluations` for the search
 * @returns the structured explanation; `formatExplanation` turns it into text
 * @throws PolicyValidationError when a policy has errors (from `evaluate`)
 *
 * @example
 * ```ts
 * import { explain } from 'iam-policy-evaluator';
 * const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
 * const mfa = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iam:ListMFADevices', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ec2:StopInstances', resource: '*' };
 * const e = explain({ request, policies: { identity: [{ id: 'Admin', document: admin }, { id: 'ForceMFA', document: mfa }] } });
 * e.decision; //=> 'ExplicitDeny'
 * e.deciding?.ref.policyId; //=> 'ForceMFA'
 * e.denies[0]?.changes.map((c) => [c.description, c.decisionAfter]); //=> [['`aws:MultiFactorAuthPresent` = `true`', 'Allow']]
 * e.missingContextKeys; //=> ['aws:MultiFactorAuthPresent']
 * ```
 */
export function explain(input: EvaluationInput, result?: EvaluationResult, options?: ExplainOptions): Explanation {
  const evaluated = result ?? evaluate(input, options);
  const lookup = sourceLookup(input.policies);
  const budget: SearchBudget = { remaining: options?.maxEvaluations ?? 400 };
  const statementOf = (ref: StatementRef): StatementExplanation | undefined => {
    const trace = findStatement(evaluated, ref);
    return trace === undefined ? undefined : explainStatement(trace, input, lookup);
  };

  const denies: DenyExplanation[] = [];
  if (evaluated.decision === 'ExplicitDeny') {
    for (const ref of evaluated.denies) {
      const trace = findStatement(evaluated, ref);
      if (trace === undefined) continue;
      const changes = changesToStopApplying(input, trace, evaluate, options, budget);
      denies.push({
        statement: explainStatement(trace, input, lookup),
        changes,
        ...(changes.length === 0 ? { noChangeReason: noChangeReason(trace) } : {}),
      });
    }
  }
  // A service rule's refusal is no policy type's missing Allow: no layer to bring closer.
  const notAllowed =
    evaluated.decision === 'ImplicitDeny' && evaluated.serviceRule === undefined
      ? explainLayers(evaluated, input, lookup, options, budget)
      : [];
  const allows =
    evaluated.decision === 'Allow' ? evaluated.allowedBy.map(statementOf).filter((s) => s !== undefined) : [];
  const decidingRef = evaluated.decision === 'ExplicitDeny' ? evaluated.deniedBy : evaluated.allowedBy[0];
  const deciding =
    evaluated.decision === 'ImplicitDeny' || decidingRef === undefined ? undefined : statementOf(decidingRef);

  return {
    decision: evaluated.decision,
    request: input.request,
    summary: summaryOf(evaluated),
    ...(evaluated.message === undefined ? {} : { message: evaluated.message }),
    ...(evaluated.serviceRule === undefined ? {} : { serviceRule: evaluated.serviceRule }),
    ...(deciding === undefined ? {} : { deciding }),
    denies,
    notAllowed,
    allows,
    missingContextKeys: evaluated.missingContextKeys,
    catalogueNotes: catalogueNotes(
      evaluated,
      input,
      resolveCatalogue(options?.catalogue),
      [deciding, ...allows]
        .map((s) => (s === undefined ? undefined : findStatement(evaluated, s.ref)))
        .filter((s) => s !== undefined),
    ),
    derivedContext: evaluated.trace.derivedContext.map((d) => `${d.key}=${String(d.value)}`),
    steps: evaluated.trace.steps,
    choices: evaluated.trace.choices,
  };
}
