import { crossesColon } from '../matching/action.js';
import { evaluateCondition } from '../conditions/evaluate-condition.js';
import type { ConditionTrace, ElementTrace, StatementTrace } from '../model/evaluation-result.js';
import type { SourceSpan } from '../model/source-span.js';
import type { CompiledStatement } from '../compile/loaded-policy-set.js';
import { matchPrincipalElement } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import type { RequestFacts } from '../request/request-facts.js';

/**
 * The trace of one statement against one request (IAM-SEMANTICS "matches": Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal and every condition hold). Every element and every condition is evaluated, so the trace
 * shows all of them even after the first that fails. An empty list makes the statement inert (G-7).
 */

/** How one statement fared. */
export interface StatementEvaluation {
  readonly compiled: CompiledStatement;
  readonly trace: StatementTrace;
  readonly matched: boolean;
  /** For a matching statement with `Principal`: the strongest form that named the caller (§1.4). */
  readonly principalForm?: PrincipalMatchForm;
  /** [X] items the outcome relied on (principal forms, ARN and condition choices). */
  readonly choices: readonly string[];
  /** Keys the statement tests that the request lacks, when its action, resource and principal match. */
  readonly missingKeys: readonly string[];
}

/** The trace of an empty `Action` or `Resource` list, which keeps the statement from applying (G-7). */
function emptyListTrace(label: ElementTrace['element'], span: SourceSpan): ElementTrace {
  return { element: label, matched: false, span, reason: 'empty list: the statement has no effect (G-7)' };
}

function actionTrace(compiled: CompiledStatement, facts: RequestFacts): { trace: ElementTrace; choice?: string } {
  const element = compiled.statement.action;
  const action = facts.request.action;
  const label = element.negated ? 'NotAction' : 'Action';
  if (element.patterns.length === 0) return { trace: emptyListTrace(label, element.span) };
  const pattern = element.patterns[compiled.action.find(facts.action)];
  if (pattern === undefined) {
    return {
      trace: element.negated
        ? { element: label, matched: true, span: element.span, reason: `\`${action}\` is not listed` }
        : { element: label, matched: false, span: element.span, reason: `no listed action matches \`${action}\`` },
    };
  }
  const reason = element.negated
    ? `\`${pattern.raw}\` matches \`${action}\`, which NotAction excludes`
    : `\`${pattern.raw}\` matches \`${action}\``;
  return {
    trace: { element: label, matched: !element.negated, matchedValue: pattern.raw, span: pattern.span, reason },
    ...(crossesColon(pattern.raw, action) ? { choice: 'W-8' } : {}),
  };
}

function resourceTrace(
  compiled: CompiledStatement,
  facts: RequestFacts,
): { trace?: ElementTrace; matched: boolean; choices: readonly string[] } {
  const element = compiled.statement.resource;
  const matcher = compiled.resource;
  if (element === undefined || matcher === undefined) return { matched: true, choices: [] };
  const label = element.negated ? 'NotResource' : 'Resource';
  const resource = facts.resource;
  if (element.patterns.length === 0) return { trace: emptyListTrace(label, element.span), matched: false, choices: [] };
  const match = matcher.match(resource, facts.context);
  if (!match.matched) {
    const notes = match.notes.length === 0 ? '' : ` (${match.notes.join('; ')})`;
    const trace: ElementTrace = element.negated
      ? { element: label, matched: true, span: element.span, reason: `\`${resource}\` is not listed${notes}` }
      : {
          element: label,
          matched: false,
          span: element.span,
          reason: `no listed resource matches \`${resource}\`${notes}`,
        };
    return { trace, matched: trace.matched, choices: match.choices };
  }
  const pattern = element.patterns[match.index];
  const shown = match.value === match.pattern ? `\`${match.pattern}\`` : `\`${match.pattern}\` (as \`${match.value}\`)`;
  const trace: ElementTrace = {
    element: label,
    matched: !element.negated,
    matchedValue: match.value,
    span: pattern?.span ?? element.span,
    reason: element.negated
      ? `${shown} matches \`${resource}\`, which NotResource excludes`
      : `${shown} matches \`${resource}\``,
  };
  return { trace, matched: trace.matched, choices: match.choices };
}

function addChoice(choices: string[], choice: string | undefined): void {
  if (choice !== undefined && !choices.includes(choice)) choices.push(choice);
}

/** Evaluates one statement; `inVpcEndpointPolicy` reads an account principal as its root user only (V-6). */
export function traceStatement(
  compiled: CompiledStatement,
  facts: RequestFacts,
  inVpcEndpointPolicy: boolean,
): StatementEvaluation {
  const { statement } = compiled;
  const choices: string[] = [];
  const action = actionTrace(compiled, facts);
  addChoice(choices, action.choice);
  const resource = resourceTrace(compiled, facts);
  resource.choices.forEach((choice) => addChoice(choices, choice));
  let principal: ElementTrace | undefined;
  let principalForm: PrincipalMatchForm | undefined;
  if (statement.principal !== undefined) {
    if (statement.principal.values.length === 0) {
      principal = {
        element: statement.principal.negated ? 'NotPrincipal' : 'Principal',
        matched: false,
        span: statement.principal.span,
        reason: 'empty list: the statement has no effect (G-7)',
      };
    } else {
      const match = matchPrincipalElement(
        statement.principal,
        compiled.principalValues,
        facts.principalFacts,
        inVpcEndpointPolicy,
      );
      principal = match.trace;
      principalForm = match.form;
      if (principal.matched) match.choices.forEach((choice) => addChoice(choices, choice));
    }
  }
  const conditions: ConditionTrace[] = compiled.conditions.map((condition) =>
    evaluateCondition(condition, facts.context),
  );
  const elementsMatch = action.trace.matched && resource.matched && (principal?.matched ?? true);
  const matched = elementsMatch && conditions.every((condition) => condition.result);
  const missingKeys: string[] = [];
  if (elementsMatch) {
    for (const condition of compiled.conditions) {
      for (const key of condition.keys) if (facts.context.get(key) === undefined) missingKeys.push(key);
    }
    for (const key of compiled.resourceVariableKeys) if (facts.context.get(key) === undefined) missingKeys.push(key);
    for (const condition of conditions) condition.choices.forEach((choice) => addChoice(choices, choice));
  }
  const trace: StatementTrace = {
    ref: compiled.ref,
    effect: statement.effect,
    matched,
    action: action.trace,
    ...(resource.trace === undefined ? {} : { resource: resource.trace }),
    ...(principal === undefined ? {} : { principal }),
    conditions,
    span: statement.span,
  };
  return {
    compiled,
    trace,
    matched,
    ...(matched && principalForm !== undefined ? { principalForm } : {}),
    choices,
    missingKeys,
  };
}
