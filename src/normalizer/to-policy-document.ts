import type { NormalizedPolicy, NormalizedStatement } from '../model/normalized-policy.js';

/**
 * A JSON object, as {@link toPolicyDocument} builds it.
 *
 * @example
 * ```ts
 * import { loadPolicy, toPolicyDocument } from 'iam-policy-evaluator';
 * import type { PolicyDocument } from 'iam-policy-evaluator';
 * const policy = loadPolicy({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }, { policyType: 'scp', policyId: 'deny-all' });
 * const document: PolicyDocument = toPolicyDocument(policy);
 * JSON.stringify(document); //=> '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}'
 * ```
 */
export type PolicyDocument = Readonly<Record<string, unknown>>;

function principalOf(statement: NormalizedStatement): unknown {
  const element = statement.principal;
  if (element === undefined) return undefined;
  if (element.values.length === 1 && element.values[0]?.type === '*') return '*';
  // One key per type, in first-seen order (a JSON map holds each type once, so no order is lost).
  const byType = new Map<string, string[]>();
  for (const value of element.values) {
    const list = byType.get(value.type) ?? [];
    list.push(value.raw);
    byType.set(value.type, list);
  }
  return Object.fromEntries(byType);
}

function conditionOf(statement: NormalizedStatement): unknown {
  if (statement.conditions.length === 0) return undefined;
  const blocks = new Map<string, Map<string, readonly (string | number | boolean)[]>>();
  for (const entry of statement.conditions) {
    const block = blocks.get(entry.operator) ?? new Map<string, readonly (string | number | boolean)[]>();
    block.set(
      entry.keyAsWritten,
      entry.values.map((value) => value.raw),
    );
    blocks.set(entry.operator, block);
  }
  return Object.fromEntries([...blocks].map(([operator, keys]) => [operator, Object.fromEntries(keys)]));
}

/**
 * The canonical JSON document of a normalized policy: `Statement` an array, every list element an array, values
 * as written (actions keep their case, principals their short form). Parsing and normalizing it again gives the
 * same policy, spans aside.
 *
 * @param policy - A normalized policy.
 * @returns A plain JSON object, ready for `JSON.stringify`.
 * @example
 * ```ts
 * import { loadPolicy, toPolicyDocument } from 'iam-policy-evaluator';
 * const policy = loadPolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', {
 *   policyType: 'identity',
 *   policyId: 'read',
 * });
 * toPolicyDocument(policy); //=> { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] }
 * ```
 */
export function toPolicyDocument(policy: NormalizedPolicy): PolicyDocument {
  const statements = policy.statements.map((statement) => {
    const out: Record<string, unknown> = {};
    if (statement.sid !== undefined) out['Sid'] = statement.sid;
    out['Effect'] = statement.effect;
    const principal = principalOf(statement);
    if (principal !== undefined) out[statement.principal?.negated === true ? 'NotPrincipal' : 'Principal'] = principal;
    out[statement.action.negated ? 'NotAction' : 'Action'] = statement.action.patterns.map((pattern) => pattern.raw);
    if (statement.resource !== undefined) {
      out[statement.resource.negated ? 'NotResource' : 'Resource'] = statement.resource.patterns.map(
        (pattern) => pattern.raw,
      );
    }
    const condition = conditionOf(statement);
    if (condition !== undefined) out['Condition'] = condition;
    return out;
  });
  return {
    ...(policy.version === undefined ? {} : { Version: policy.version }),
    ...(policy.id === undefined ? {} : { Id: policy.id }),
    Statement: statements,
  };
}
