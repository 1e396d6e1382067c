import type { EvaluationResult, StatementRef } from '../../model/evaluation-result.js';
import { describeRef } from '../shared/describe.js';
import type { IntentExpectation, StatementMatch } from './types.js';

/** Whether a statement is the one a match names: every field the match gives must agree. */
export function matchesStatement(ref: StatementRef, match: StatementMatch): boolean {
  return (
    ref.policyType === match.policyType &&
    (match.policyId === undefined || ref.policyId === match.policyId) &&
    (match.sid === undefined || ref.sid === match.sid) &&
    (match.statementIndex === undefined || ref.statementIndex === match.statementIndex) &&
    (match.orgLevel === undefined || ref.orgLevel === match.orgLevel)
  );
}

/** `identity \`DenyDeleteRole\` Sid \`X\`` — the parts a match names. */
export function describeStatementMatch(match: StatementMatch): string {
  let out = match.policyType;
  if (match.policyId !== undefined) out += ` \`${match.policyId}\``;
  if (match.orgLevel !== undefined) out += ` (${match.orgLevel})`;
  if (match.statementIndex !== undefined) out += ` statement ${match.statementIndex}`;
  if (match.sid !== undefined) out += ` Sid \`${match.sid}\``;
  return out;
}

/** `ExplicitDeny by identity \`DenyDeleteRole\`` — the whole expectation in words. */
export function describeExpectation(expect: IntentExpectation): string {
  if (expect.deniedBy) return `${expect.decision} by ${describeStatementMatch(expect.deniedBy)}`;
  if (expect.allowedBy) return `${expect.decision} by ${describeStatementMatch(expect.allowedBy)}`;
  if (expect.notAllowedBy) return `${expect.decision} from ${expect.notAllowedBy}`;
  if (expect.serviceRule) return `${expect.decision} by the service rule ${expect.serviceRule}`;
  return expect.decision;
}

/**
 * Compares a result with an expectation and lists what differs, one phrase each; empty when it holds.
 *
 * @param expect - the expected decision and deciding statement or policy type
 * @param result - what `evaluate` answered
 * @returns the mismatches, empty when the expectation holds
 *
 * @example
 * ```ts
 * import { checkExpectation, evaluate } from 'iam-policy-evaluator';
 * const deny = { id: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }] } };
 * const result = evaluate({
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   policies: { identity: [deny] },
 * });
 * checkExpectation({ decision: 'ExplicitDeny', deniedBy: { policyType: 'scp' } }, result); //=> ['expected the deny from scp, got it from identity `deny` statement 0']
 * ```
 */
export function checkExpectation(expect: IntentExpectation, result: EvaluationResult): string[] {
  if (result.decision !== expect.decision) return [`expected ${describeExpectation(expect)}, got ${result.decision}`];
  const out: string[] = [];
  if (expect.deniedBy && !(result.deniedBy && matchesStatement(result.deniedBy, expect.deniedBy))) {
    const actual = result.deniedBy ? describeRef(result.deniedBy) : 'no statement';
    out.push(`expected the deny from ${describeStatementMatch(expect.deniedBy)}, got it from ${actual}`);
  }
  if (
    expect.allowedBy &&
    !result.allowedBy.some((ref) => expect.allowedBy && matchesStatement(ref, expect.allowedBy))
  ) {
    const actual = result.allowedBy.length === 0 ? 'no statement' : result.allowedBy.map(describeRef).join(', ');
    out.push(`expected an allow from ${describeStatementMatch(expect.allowedBy)}, got it from ${actual}`);
  }
  if (expect.notAllowedBy && result.notAllowedBy !== expect.notAllowedBy) {
    out.push(
      `expected no allow from ${expect.notAllowedBy}, got no allow from ${result.notAllowedBy ?? 'no policy type'}`,
    );
  }
  if (expect.serviceRule && result.serviceRule?.ruleId !== expect.serviceRule) {
    out.push(
      `expected the service rule ${expect.serviceRule} to decide, got ${result.serviceRule === undefined ? 'the policies' : `the service rule ${result.serviceRule.ruleId}`}`,
    );
  }
  return out;
}
