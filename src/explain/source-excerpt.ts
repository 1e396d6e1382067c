import type { ConditionTrace, ElementTrace, StatementRef, StatementTrace } from '../model/evaluation-result.js';
import type { PolicyType } from '../model/policy-type.js';
import type { ContextScalar, PolicySet, PolicySource, RequestInput } from '../model/request.js';
import type { SourceSpan } from '../model/source-span.js';
import type { SourceExcerpt, SourceLine, SourceMarker } from './explanation.js';

/** Finds the text every span of a policy refers to: the user's text, or the 2-space rendering of an object. */
export type SourceLookup = (ref: Pick<StatementRef, 'policyType' | 'policyId' | 'orgLevel'>) => string | undefined;

function textOf(source: PolicySource): string {
  return typeof source.document === 'string' ? source.document : JSON.stringify(source.document, null, 2);
}

function sourceKey(policyType: PolicyType, policyId: string, orgLevel: string | undefined): string {
  return `${policyType}\u0000${orgLevel ?? ''}\u0000${policyId}`;
}

/** Indexes the source text of every policy of a set by type, level and id. */
export function sourceLookup(policies: PolicySet): SourceLookup {
  const texts = new Map<string, string>();
  const add = (type: PolicyType, list: readonly PolicySource[] | undefined, level?: string): void => {
    for (const source of list ?? []) texts.set(sourceKey(type, source.id, level), textOf(source));
  };
  add('identity', policies.identity);
  add('resource', policies.resource === undefined ? undefined : [policies.resource]);
  add('permissionsBoundary', policies.permissionsBoundary === undefined ? undefined : [policies.permissionsBoundary]);
  add('session', policies.session);
  add('vpcEndpoint', policies.vpcEndpoint);
  for (const level of policies.serviceControlPolicies ?? []) add('scp', level.policies, level.target);
  for (const level of policies.resourceControlPolicies ?? []) add('rcp', level.policies, level.target);
  return (ref) => texts.get(sourceKey(ref.policyType, ref.policyId, ref.orgLevel));
}

const code = (value: ContextScalar): string => `\`${String(value)}\``;

function values(list: readonly ContextScalar[]): string {
  if (list.length === 0) return 'nothing';
  return list.length === 1 ? code(list[0] ?? '') : `[${list.map(code).join(', ')}]`;
}

/** A short label for an element's mark, naming the request's value. */
export function elementLabel(element: ElementTrace, request: RequestInput): string {
  const what = element.element.replace(/^Not/, '').toLowerCase();
  const asked =
    what === 'action'
      ? request.action
      : what === 'resource'
        ? request.resource
        : request.principal === '*'
          ? 'anonymous'
          : request.principal;
  const negated = element.element.startsWith('Not');
  if (element.matched) {
    if (negated) return `${what} ${code(asked)} is not listed`;
    return element.matchedValue === undefined
      ? `${what} matches ${code(asked)}`
      : `${code(element.matchedValue)} matches ${what} ${code(asked)}`;
  }
  if (negated)
    return `${what} ${code(asked)} is listed${element.matchedValue === undefined ? '' : ` as ${code(element.matchedValue)}`}`;
  return `${what} ${code(asked)} does not match`;
}

/** A short label for a condition's mark: its outcome and the request's values. */
export function conditionLabel(condition: ConditionTrace): string {
  const outcome = condition.result ? 'true' : 'false';
  const got =
    condition.keyStatus === 'missing'
      ? 'the request has no value'
      : `the request has ${values(condition.requestValues)}`;
  return `${outcome}: ${got}${condition.keyStatus === 'derived' ? ' (derived)' : ''}`;
}

function marker(
  span: SourceSpan,
  lines: readonly SourceLine[],
  label: string,
  matched: boolean,
): SourceMarker | undefined {
  const line = lines.find((l) => l.number === span.line);
  if (line === undefined) return undefined;
  const endColumn = span.endLine === span.line ? span.endColumn : line.text.length + 1;
  return { line: span.line, column: span.column, endColumn: Math.max(endColumn, span.column + 1), label, matched };
}

/**
 * The lines of a statement with marks under the elements that decided: the matched Action, Resource and Principal
 * values (or the whole element when it failed) and each condition key.
 */
export function sourceExcerpt(text: string, statement: StatementTrace, request: RequestInput): SourceExcerpt {
  const all = text.split(/\r\n|\r|\n/);
  const lines: SourceLine[] = [];
  for (let n = statement.span.line; n <= statement.span.endLine && n <= all.length; n++) {
    lines.push({ number: n, text: all[n - 1] ?? '' });
  }
  const markers: SourceMarker[] = [];
  for (const element of [statement.principal, statement.action, statement.resource]) {
    if (element === undefined) continue;
    const m = marker(element.span, lines, elementLabel(element, request), element.matched);
    if (m !== undefined) markers.push(m);
  }
  for (const condition of statement.conditions) {
    const m = marker(condition.span, lines, conditionLabel(condition), condition.result);
    if (m !== undefined) markers.push(m);
  }
  return { lines, markers: markers.sort((a, b) => a.line - b.line || a.column - b.column) };
}
