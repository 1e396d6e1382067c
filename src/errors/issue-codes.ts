/**
 * Every stable issue code, so that tools can branch on codes rather than on message wording. Codes are never renamed;
 * new ones are added at the end of their group. docs/errors.md is generated from this list.
 *
 * @example
 * ```ts
 * import { ISSUE_CODES } from 'iam-policy-evaluator';
 * ISSUE_CODES.includes('invalid_effect'); //=> true
 * ISSUE_CODES[0]; //=> 'json_syntax_error'
 * ```
 */
export const ISSUE_CODES = Object.freeze([
  // JSON text
  'json_syntax_error',
  'missing_comma',
  'typographic_quote',
  'trailing_comma',
  'comment_not_allowed',
  'duplicate_key',
  'invalid_character',
  'multiple_documents',
  'unsupported_value',
  // size
  'policy_too_large',
  // document grammar
  'not_an_object',
  'unknown_element',
  'invalid_type',
  'missing_statement',
  'invalid_version',
  'missing_version',
  'id_not_allowed',
  'invalid_sid',
  'duplicate_sid',
  'empty_sid',
  // statement grammar
  'missing_effect',
  'invalid_effect',
  'missing_action',
  'missing_resource',
  'action_and_not_action',
  'resource_and_not_resource',
  'principal_and_not_principal',
  'not_action_not_allowed',
  'not_resource_not_allowed',
  'resource_not_allowed',
  'invalid_action',
  'invalid_resource',
  'empty_array',
  'rcp_allow_not_supported',
  // principals
  'principal_not_allowed',
  'not_principal_not_allowed',
  'missing_principal',
  'not_principal_with_allow',
  'partial_wildcard_in_principal',
  'invalid_principal',
  'unknown_principal_type',
  'principal_not_star',
  // conditions
  'unknown_condition_operator',
  'null_with_if_exists',
  'null_with_qualifier',
  'multiple_bool_values',
  'duplicate_condition_key',
  'invalid_condition_key',
  'invalid_condition_value',
  'for_all_values_single_valued_key',
  'missing_qualifier',
  'wildcard_without_like',
  'unknown_global_condition_key',
  // policy variables
  'invalid_variable',
  'variable_not_allowed',
  'multivalued_variable',
  'variable_in_arn_account',
  // the service catalogue (docs/catalogue.md)
  'invalid_service_in_action',
  'unknown_action',
  'action_pattern_matches_nothing',
  'unsupported_resource_for_action',
  'wildcard_only_action_with_resource',
  'invalid_service_condition_key',
  'unsupported_action_for_condition_key',
  'for_any_value_single_valued_key',
  'condition_type_mismatch',
] as const);

/**
 * A stable issue code (see docs/errors.md): what `Issue.code` holds, safe to switch on.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { IssueCode } from 'iam-policy-evaluator';
 * const typos: ReadonlySet<IssueCode> = new Set(['missing_comma', 'trailing_comma', 'typographic_quote']);
 * const result = parsePolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}', { policyType: 'identity', policyId: 'pasted' });
 * result.ok ? [] : result.issues.filter((issue) => typos.has(issue.code)).map((issue) => issue.code); //=> ['trailing_comma']
 * ```
 */
export type IssueCode = (typeof ISSUE_CODES)[number];
