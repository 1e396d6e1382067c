// Short, one-line descriptions of decisions and statements, shared by suites, diffs and matchers.
import type { EvaluationResult, StatementRef, StatementTrace } from '../../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../../model/policy-type.js';
import type { PolicySet, PolicySource } from '../../model/request.js';

/** `scp \`DenyRun\` (ou-1) statement 0 \`DenyRunInstances\`` */
export function describeRef(ref: StatementRef): string {
  const level = ref.orgLevel === undefined ? '' : ` (${ref.orgLevel})`;
  const sid = ref.sid === undefined ? '' : ` \`${ref.sid}\``;
  return `${ref.policyType} \`${ref.policyId}\`${level} statement ${ref.statementIndex}${sid}`;
}

/** The trace of the statement a ref names, if the evaluation recorded it. */
export function findStatementTrace(result: EvaluationResult, ref: StatementRef): StatementTrace | undefined {
  for (const type of result.trace.policyTypes) {
    if (type.policyType !== ref.policyType) continue;
    for (const policy of type.policies) {
      if (policy.policyId !== ref.policyId || policy.orgLevel !== ref.orgLevel) continue;
      const found = policy.statements.find((s) => s.ref.statementIndex === ref.statementIndex);
      if (found) return found;
    }
  }
  return undefined;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Why a statement matched, in one phrase: its matched action and resource, and each condition's outcome. */
export function describeMatch(trace: StatementTrace): string {
  const parts: string[] = [];
  if (trace.action.matchedValue !== undefined) parts.push(`${trace.action.element} \`${trace.action.matchedValue}\``);
  else parts.push(`${trace.action.element}: ${trace.action.reason}`);
  if (trace.resource) {
    parts.push(
      trace.resource.matchedValue !== undefined
        ? `${trace.resource.element} \`${trace.resource.matchedValue}\``
        : `${trace.resource.element}: ${trace.resource.reason}`,
    );
  }
  for (const c of trace.conditions) {
    const values = c.requestValues.length === 0 ? 'absent' : c.requestValues.map(show).join(', ');
    parts.push(`${c.operator} ${c.key} (request: ${values}): ${c.reason}`);
  }
  return parts.join('; ');
}

/** The one-line story of a decision: what decided it and why. */
export function describeDecision(result: EvaluationResult): string {
  const rule = result.serviceRule;
  if (rule !== undefined) {
    const by = rule.outcome === 'alwaysAllowed' ? 'allowed by an AWS rule' : 'refused by an AWS rule';
    return `${result.decision}, ${by}: ${rule.ruleId} ${rule.summary} (${rule.source})`;
  }
  switch (result.decision) {
    case 'ExplicitDeny': {
      const ref = result.deniedBy;
      if (!ref) return 'ExplicitDeny';
      const trace = findStatementTrace(result, ref);
      return `ExplicitDeny by ${describeRef(ref)} at line ${ref.line}${trace ? `: ${describeMatch(trace)}` : ''}`;
    }
    case 'ImplicitDeny': {
      const type = result.notAllowedBy;
      if (!type) return 'ImplicitDeny';
      const layer = result.trace.policyTypes.find((t) => t.policyType === type);
      return `ImplicitDeny: no ${POLICY_TYPE_NAMES[type]} allows it${layer ? ` (${layer.reason})` : ''}`;
    }
    case 'Allow': {
      const first = result.allowedBy[0];
      if (!first) return 'Allow';
      const more = result.allowedBy.length > 1 ? ` and ${result.allowedBy.length - 1} more` : '';
      return `Allow by ${describeRef(first)} at line ${first.line}${more}`;
    }
  }
}

/** The policy a ref names within a set. */
export function findPolicySource(
  set: PolicySet,
  ref: Pick<StatementRef, 'policyType' | 'policyId' | 'orgLevel'>,
): PolicySource | undefined {
  const byId = (list: readonly PolicySource[] | undefined): PolicySource | undefined =>
    list?.find((p) => p.id === ref.policyId);
  switch (ref.policyType) {
    case 'identity':
      return byId(set.identity);
    case 'resource':
      return set.resource?.id === ref.policyId ? set.resource : undefined;
    case 'permissionsBoundary':
      return set.permissionsBoundary?.id === ref.policyId ? set.permissionsBoundary : undefined;
    case 'session':
      return byId(set.session);
    case 'vpcEndpoint':
      return byId(set.vpcEndpoint);
    case 'scp':
    case 'rcp': {
      const levels = ref.policyType === 'scp' ? set.serviceControlPolicies : set.resourceControlPolicies;
      for (const level of levels ?? []) {
        if (ref.orgLevel !== undefined && level.target !== ref.orgLevel) continue;
        const found = byId(level.policies);
        if (found) return found;
      }
      return undefined;
    }
  }
}

/** The text positions refer to: the JSON the user gave, or the 2-space rendering of an object. */
export function sourceText(source: PolicySource): string {
  return typeof source.document === 'string' ? source.document : JSON.stringify(source.document, null, 2);
}

/**
 * The lines of a statement with a gutter, for failure messages:
 * ```
 *    4 |   {
 *    5 |     "Effect": "Deny",
 * ```
 */
export function excerpt(text: string, fromLine: number, toLine: number, maxLines = 12): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const last = Math.min(toLine, fromLine + maxLines - 1, lines.length);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = fromLine; n <= last; n++) out.push(`${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
  if (toLine > last && last < lines.length) out.push(`${' '.repeat(width)} | …`);
  return out;
}

/** The source lines of the statement a ref names, if its policy is in the set. */
export function statementExcerpt(set: PolicySet, result: EvaluationResult, ref: StatementRef): string[] {
  const source = findPolicySource(set, ref);
  if (!source) return [];
  const trace = findStatementTrace(result, ref);
  const end = trace?.span.endLine ?? ref.line;
  return excerpt(sourceText(source), ref.line, end);
}
