import { testCondition } from '../conditions/evaluate-condition.js';
import type { PlanStatement } from '../compile/plan-statement.js';
import type { RequestFacts } from '../request/request-facts.js';
import { matchPrincipalElement, matchPrincipalValue, strongerForm } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';

/**
 * Whether one statement of the plan matches a request (IAM-SEMANTICS "matches": Action/NotAction,
 * Resource/NotResource, Principal/NotPrincipal and every condition), with no trace: the same compiled elements the
 * trace reads (trace-statement.ts), stopping at the first element that fails (matching has no side effects).
 */

/** The result of a statement whose elements do not all apply. */
export const NO_MATCH = 'noMatch';

function conditionsHold(statement: PlanStatement, facts: RequestFacts): boolean {
  const conditions = statement.conditions;
  if (conditions.length === 0) return true;
  const context = facts.context;
  for (const condition of conditions) if (!testCondition(condition, context)) return false;
  return true;
}

/** The strongest form in which a `Principal` element names the caller, or `undefined` when it names nobody. */
function principalForm(statement: PlanStatement, facts: RequestFacts): PrincipalMatchForm | undefined {
  let form: PrincipalMatchForm | undefined;
  const principalFacts = facts.principalFacts;
  for (const value of statement.principalValues) {
    const found = matchPrincipalValue(value, principalFacts, statement.inVpcEndpointPolicy)?.form;
    if (found !== undefined) form = strongerForm(form, found);
  }
  return form;
}

/**
 * Whether Resource and Principal let the statement apply, its action already known to match: the principal form for
 * a statement with `Principal` (the §1.4 table needs it for resource policies), `true` for one without, or
 * {@link NO_MATCH}. Conditions are not looked at. Statements with an empty list (G-7) never get here: the action
 * index leaves them out.
 */
function matchElements(statement: PlanStatement, facts: RequestFacts): PrincipalMatchForm | true | typeof NO_MATCH {
  if (statement.resource !== undefined && !statement.resource.test(facts)) return NO_MATCH;
  const element = statement.principal;
  if (element === undefined) return true;
  if (element.negated) {
    const match = matchPrincipalElement(
      element,
      statement.principalValues,
      facts.principalFacts,
      statement.inVpcEndpointPolicy,
    );
    return match.trace.matched ? true : NO_MATCH;
  }
  return principalForm(statement, facts) ?? NO_MATCH;
}

/** Whether the statement matches, its action already known to match: {@link matchElements}, then its conditions. */
export function matchBeyondAction(
  statement: PlanStatement,
  facts: RequestFacts,
): PrincipalMatchForm | true | typeof NO_MATCH {
  const result = matchElements(statement, facts);
  return result !== NO_MATCH && conditionsHold(statement, facts) ? result : NO_MATCH;
}

/**
 * {@link matchBeyondAction}, also adding to `missing` the keys the statement reads that the request lacks, when its
 * elements apply (as `missingContextKeys` reports them).
 */
export function matchReportingMissingKeys(
  statement: PlanStatement,
  facts: RequestFacts,
  missing: string[],
): PrincipalMatchForm | true | typeof NO_MATCH {
  const result = matchElements(statement, facts);
  if (result === NO_MATCH) return NO_MATCH;
  const slots = statement.keySlots;
  if (slots.length > 0) {
    const context = facts.context;
    const written = statement.keys;
    for (let i = 0; i < slots.length; i += 1) {
      if (context.at(slots[i] as number) === undefined) missing.push(written[i] as string);
    }
  }
  return conditionsHold(statement, facts) ? result : NO_MATCH;
}
