import type { RequestIssue } from '../errors/request-validation-error.js';
import { appendPointer } from '../model/json-pointer.js';
import { describeValue } from './validate-request.js';
import type { PolicySet } from '../model/request.js';

const NO_POLICIES: PolicySet = Object.freeze({});
const INPUT_FIELDS: readonly string[] = ['request', 'policies'];

/** `evaluate`'s input as read: the request (still unchecked), the policies, and what is wrong with the outer shape. */
export interface ReadEvaluationInput {
  readonly request: unknown;
  readonly policies: PolicySet;
  readonly issues: readonly RequestIssue[];
}

/**
 * Reads the outer shape of `evaluate`'s input (RV-1): an object with `request` and `policies`. Absent `policies` means
 * no policy applies, so nothing allows. The request itself is checked by validateRequest, which reports these issues
 * with its own.
 */
export function readEvaluationInput(input: unknown): ReadEvaluationInput {
  const issues: RequestIssue[] = [];
  const add = (pointer: string, message: string) =>
    issues.push(Object.freeze({ code: 'invalid_input', severity: 'error', message, pointer }));
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('', `the input must be an object \`{ request, policies }\`, not ${describeValue(input)}`);
    return { request: undefined, policies: NO_POLICIES, issues };
  }
  const record = input as Readonly<Record<string, unknown>>;
  let policies = record['policies'];
  if (policies !== undefined && (typeof policies !== 'object' || policies === null || Array.isArray(policies))) {
    add('/policies', `\`policies\` must be an object of policies by type, not ${describeValue(policies)}`);
    policies = undefined;
  }
  for (const key of Object.keys(record)) {
    if (!INPUT_FIELDS.includes(key)) {
      add(appendPointer('', key), `unknown input member \`${key}\`: the input has \`request\` and \`policies\``);
    }
  }
  return { request: record['request'], policies: (policies as PolicySet | undefined) ?? NO_POLICIES, issues };
}
