import type { RequestIssueCode } from './request-validation-error.js';

/** What docs/errors.md says about one request issue code. */
export interface RequestIssueCodeDoc {
  /** `error` refuses the request; `warning` is carried on the result; some codes are either, by option. */
  readonly severity: 'error' | 'warning' | 'error or warning';
  /** What the code means and when it is raised. */
  readonly meaning: string;
  /** The rules of docs/evaluation-logic.md behind it. */
  readonly rules: readonly string[];
}

/**
 * The documentation of every request issue code, typed over {@link RequestIssueCode} so a new code does not compile
 * until it is documented; docs/errors.md is generated from it (`npx tsx scripts/generate-error-docs.ts`).
 */
export const REQUEST_ISSUE_CODE_DOCS: Readonly<Record<RequestIssueCode, RequestIssueCodeDoc>> = Object.freeze({
  invalid_input: {
    severity: 'error',
    meaning:
      'The input of `evaluate` is not an object `{ request, policies }`, `policies` is not an object, or the input has another member (a misspelt `policies`).',
    rules: ['RV-1'],
  },
  request_not_an_object: {
    severity: 'error',
    meaning: 'The request is missing, `null`, an array or a scalar.',
    rules: ['RV-1'],
  },
  missing_request_field: {
    severity: 'error',
    meaning: '`principal`, `action` or `resource` is absent. Each missing one is its own issue.',
    rules: ['RV-2'],
  },
  invalid_request_field: {
    severity: 'error',
    meaning: '`principal`, `action` or `resource` is not a string, or is empty.',
    rules: ['RV-2'],
  },
  unknown_request_field: {
    severity: 'error',
    meaning:
      'The request has a member other than `principal`, `action`, `resource`, `resourceAccount` and `context`; `suggestion` names the nearest one. A misspelt `context` would otherwise be dropped in silence.',
    rules: ['RV-1'],
  },
  invalid_principal: {
    severity: 'error',
    meaning:
      'The principal names no caller: not the ARN of an IAM user, role, role session, federated user or account root, an account id, `*` for anonymous, a service principal or an identity provider.',
    rules: ['RV-3', 'E-10'],
  },
  invalid_request_action: {
    severity: 'error',
    meaning:
      'The action is not one `service:Action`: no colon, a second colon, whitespace, or a wildcard (a request names one action; wildcards belong in policies).',
    rules: ['RV-3', 'G-22'],
  },
  invalid_request_resource: {
    severity: 'error',
    meaning:
      'The resource is neither `*` nor an ARN `arn:partition:service:region:account:resource`. A plain name (`my-bucket/key`) would silently match no `Resource` pattern, so no Deny written for it would apply.',
    rules: ['RV-3', 'G-28'],
  },
  invalid_resource_account: {
    severity: 'error',
    meaning: '`resourceAccount` is not a 12-digit account id (the empty string counts as absent).',
    rules: ['RV-3'],
  },
  context_not_an_object: {
    severity: 'error',
    meaning: '`context` is not an object of keys and values (a number, a string, an array, `null`).',
    rules: ['RV-4'],
  },
  invalid_context_key: {
    severity: 'error',
    meaning: 'A context key is empty or blank.',
    rules: ['RV-4'],
  },
  invalid_context_value: {
    severity: 'error',
    meaning:
      'A context value is neither a string, a finite number, a boolean, a list of them, nor `null` (a key present without a value, §7.2). Objects, nested lists, `NaN` and functions are refused; the pointer names the list item.',
    rules: ['RV-4', 'C-29'],
  },
  context_value_type_mismatch: {
    severity: 'error or warning',
    meaning:
      'A value of a global key whose type is known cannot be read as that type: an IP address (`aws:SourceIp: 10.0.0.300`), a date (`aws:CurrentTime: yesterday`), a boolean, a number or an ARN. An error by default; with the option `contextTypeMismatch: "warning"` the request is decided and the issue is listed in `result.warnings`.',
    rules: ['RV-4'],
  },
  duplicate_context_key: {
    severity: 'warning',
    meaning:
      'Two context keys differ only in letter case. Keys are case-insensitive, so their values are merged into one key (G-32). Tag keys (`aws:ResourceTag/Team`, `aws:ResourceTag/team`) are two real tags and draw no warning.',
    rules: ['RV-4', 'G-30', 'G-32'],
  },
  unknown_global_context_key: {
    severity: 'warning',
    meaning:
      'An `aws:` context key that is no global condition key, so no policy that spells the key right will see it; `suggestion` names the nearest global key (`aws:RequestRegion` → `aws:RequestedRegion`).',
    rules: ['RV-5'],
  },
  invalid_option: {
    severity: 'error',
    meaning:
      'An evaluation option cannot be read: `now` is not an instant, `managementAccountId` not an account id, a flag not a boolean, `rcpSupportedServices` not a list of strings, `contextTypeMismatch` neither `error` nor `warning`, `catalogue` neither a catalogue nor `false`, or the options are not an object. Options the engine does not know are left alone, since one options object is shared with `explain`.',
    rules: ['RV-1', 'C-15'],
  },
  unknown_request_action: {
    severity: 'warning',
    meaning:
      "The request's action is not in the service catalogue (an unknown service prefix or action), with the nearest action as suggestion: no real request carries it. The request is decided as given.",
    rules: ['CAT-10'],
  },
  request_resource_type_mismatch: {
    severity: 'warning',
    meaning:
      "The request's resource matches none of the action's resource types: `s3:ListBucket` acts on the bucket ARN, the request names an object. Or the action supports no resource-level permissions, so AWS evaluates it against `*`. The request is decided as given.",
    rules: ['CAT-10'],
  },
  request_resource_not_real: {
    severity: 'warning',
    meaning:
      'The request names the resource `*` for an action that has resource types: a real request for it names a resource ARN. `*` is real only for actions without resource types.',
    rules: ['CAT-10'],
  },
});
