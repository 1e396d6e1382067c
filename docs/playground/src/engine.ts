// The engine chunk: everything the page takes from the library, loaded by a dynamic import so that the
// editor's bundle does not carry it. It imports the package by name, as any user's bundler would.
import {
  evaluate,
  explain,
  explainAccessDenied,
  parseAccessDenied,
  POLICY_TYPE_NAMES,
  PolicyValidationError,
  validatePolicy,
  type EvaluateOptions,
  type EvaluationInput,
  type Issue,
  type PolicyGrammar,
  type PolicyType,
} from 'iam-policy-evaluator';
import type { MessageVerdict } from './access-denied.js';
import type { RunOutcome } from './result-view.js';

export { parseAccessDenied, POLICY_TYPE_NAMES };

export type { ContextChange, Explanation, SourceExcerpt } from 'iam-policy-evaluator';

/**
 * The grammar a policy editor is checked against. As `evaluate` reads it, the resource policy of a request on an
 * IAM role is that role's trust policy.
 */
export function grammarFor(type: PolicyType, resource: string): PolicyGrammar {
  if (type !== 'resource') return type;
  // `arn:partition:service:region:account:resource-part`, split at its first five colons.
  const [, , service, , , resourcePart] = resource.trim().split(':', 6);
  return service === 'iam' && resourcePart?.startsWith('role/') === true ? 'roleTrust' : 'resource';
}

/** Every issue of one policy document, errors and warnings. */
export function validate(text: string, type: PolicyType, policyId: string, resource: string): readonly Issue[] {
  return validatePolicy(text, { policyType: grammarFor(type, resource), policyId });
}

/** Evaluates and explains; policies with errors give their issues, never a decision. */
export function run(input: EvaluationInput, options: EvaluateOptions): RunOutcome {
  try {
    const result = evaluate(input, options);
    return { kind: 'result', result, explanation: explain(input, result, options) };
  } catch (error) {
    if (error instanceof PolicyValidationError) return { kind: 'invalid', issues: error.issues };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The library's verdict on a pasted message against the policies, for the request the message describes (with the
 * form's context, resource account, and resource when the message names none). Undefined when no verdict can be
 * given: the message is unreadable, or a policy has errors.
 */
export function judgeMessage(
  message: string,
  input: EvaluationInput,
  options: EvaluateOptions,
): MessageVerdict | undefined {
  const { request } = input;
  try {
    const r = explainAccessDenied(message, input.policies, request.context, {
      ...options,
      resource: request.resource,
      ...(request.resourceAccount === undefined ? {} : { resourceAccount: request.resourceAccount }),
    });
    if (!r.ok) return undefined;
    return {
      agrees: r.agrees,
      differences: r.differences,
      notes: r.notes,
      message: r.parsed.message,
      summary: r.explanation.summary,
      ...(r.result.message === undefined ? {} : { engineMessage: r.result.message }),
    };
  } catch {
    return undefined;
  }
}
