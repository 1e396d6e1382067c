import { compileArnPattern, compileArnPieces } from '../../matching/arn.js';
import type { ArnMatcher, ArnPatternResult } from '../../matching/arn.js';
import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { ValueParseResult } from '../define-operator.js';

function toResult(result: ArnPatternResult): ValueParseResult<ArnMatcher> {
  return result.ok ? { ok: true, value: result.matcher } : { ok: false, message: result.message };
}

const arn = (name: 'ArnEquals' | 'ArnLike' | 'ArnNotEquals' | 'ArnNotLike', positiveTwin?: 'ArnEquals' | 'ArnLike') =>
  defineOperator<ArnMatcher, string>({
    name,
    family: 'arn',
    negated: positiveTwin !== undefined,
    ...(positiveTwin !== undefined ? { positiveTwin } : {}),
    acceptsVariables: true,
    acceptsWildcards: true,
    acceptsIfExists: true,
    acceptsQualifier: true,
    comparison: 'case-sensitive, component by component; `*` never crosses the colons between components',
    operand: 'an ARN pattern (six components), or `*`',
    summary:
      positiveTwin !== undefined
        ? 'the ARN matches none of the listed patterns'
        : 'the ARN matches one listed pattern, component by component',
    semantics:
      positiveTwin !== undefined
        ? ['C-2', 'C-4', 'W-3', 'W-4', 'W-5', 'C-9']
        : ['C-1', 'C-4', 'W-3', 'W-4', 'W-5', 'C-9'],
    choices: ['W-3', 'W-7', 'PV-8'],
    parsePolicyValue: (raw) => toResult(compileArnPattern(String(raw))),
    parsePolicyPieces: (pieces) => toResult(compileArnPieces(pieces)),
    parseRequestValue: (value: ContextScalar) => ({ ok: true, value: String(value) }),
    test: (request, policy) => policy.test(request),
    testChoice: (request, policy) => policy.explain(request).choice,
  });

/**
 * The ARN operators (IAM-SEMANTICS §7.9): `ArnEquals` ≡ `ArnLike`, `ArnNotEquals` ≡ `ArnNotLike` (W-5).
 *
 * @example
 * ```ts
 * import { arnOperatorFamily } from 'iam-policy-evaluator';
 * arnOperatorFamily.operators.length; //=> 4
 * ```
 */
export const arnOperatorFamily = defineOperatorFamily('arn', 'match ARNs component by component', [
  arn('ArnEquals'),
  arn('ArnLike'),
  arn('ArnNotEquals', 'ArnEquals'),
  arn('ArnNotLike', 'ArnLike'),
]);
