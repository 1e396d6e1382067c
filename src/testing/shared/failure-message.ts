import type { EvaluationResult, StatementRef } from '../../model/evaluation-result.js';
import type { PolicySet, RequestInput } from '../../model/request.js';
import { describeRef, findStatementTrace, statementExcerpt, describeMatch } from './describe.js';

/** `principal action resource`, plus the context when there is one. */
export function requestLine(request: RequestInput): string {
  const parts = [`principal ${request.principal}`, `action ${request.action}`, `resource ${request.resource}`];
  if (request.resourceAccount !== undefined) parts.push(`owner ${request.resourceAccount}`);
  if (request.context && Object.keys(request.context).length > 0)
    parts.push(`context ${JSON.stringify(request.context)}`);
  return parts.join(', ');
}

/** The statement whose lines a failure shows: the deny that decided, or the first allow. */
export function decidingRef(result: EvaluationResult): StatementRef | undefined {
  return result.decision === 'ExplicitDeny'
    ? result.deniedBy
    : result.decision === 'Allow'
      ? result.allowedBy[0]
      : undefined;
}

/**
 * The body of a failed decision assertion: the request, the decision, the deciding statement with its
 * source lines, and the explanation.
 *
 * @param headline - the first line, e.g. `expected the request to be allowed, but it was ExplicitDeny`
 * @param policies - the policies evaluated (for the source lines)
 * @param request - the request evaluated
 * @param result - the result
 * @param explanation - the explanation text, one line a string
 * @returns the message, lines joined with `\n`
 */
export function decisionFailureMessage(
  headline: string,
  policies: PolicySet,
  request: RequestInput,
  result: EvaluationResult,
  explanation: readonly string[],
): string {
  const lines = [headline, '', `request: ${requestLine(request)}`, `decision: ${result.decision}`];
  if (result.notAllowedBy !== undefined) lines.push(`not allowed by: ${result.notAllowedBy}`);
  const ref = decidingRef(result);
  if (ref) {
    lines.push(`deciding statement: ${describeRef(ref)}, line ${ref.line}, column ${ref.column}`);
    // The explanation shows the statement's source with marks; without one, show the bare lines here.
    if (explanation.length === 0) {
      for (const l of statementExcerpt(policies, result, ref)) lines.push(`  ${l}`);
      const trace = findStatementTrace(result, ref);
      if (trace) lines.push(`matched: ${describeMatch(trace)}`);
    }
  }
  if (explanation.length > 0) {
    lines.push('', 'explanation:');
    for (const l of explanation) lines.push(l === '' ? '' : `  ${l}`);
  }
  return lines.join('\n');
}
