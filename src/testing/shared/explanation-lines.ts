import { explain } from '../../explain/explain.js';
import { formatExplanation } from '../../explain/format-explanation.js';
import type { EvaluateOptions, EvaluationResult } from '../../model/evaluation-result.js';
import type { EvaluationInput } from '../../model/request.js';

/** The explain formatter's text for a result, one line a string (the deciding statement with its source lines). */
export function explanationLines(
  input: EvaluationInput,
  result: EvaluationResult,
  options?: EvaluateOptions,
): string[] {
  return formatExplanation(explain(input, result, options)).split('\n');
}
