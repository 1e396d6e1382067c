import type { IssueCode } from './issue-codes.js';

/** What docs/errors.md says about one issue code. */
export interface IssueCodeDoc {
  /** The heading it is listed under. */
  readonly group:
    | 'JSON text'
    | 'size'
    | 'document'
    | 'statement'
    | 'principals'
    | 'conditions'
    | 'policy variables'
    | 'service catalogue';
  /** `error` stops the policy; `warning` is reported only; some codes are either, by policy type or case. */
  readonly severity: 'error' | 'warning' | 'error or warning';
  /** What the code means and when it is raised, in one or two sentences. */
  readonly meaning: string;
  /** The IAM-SEMANTICS items behind it. */
  readonly semantics: readonly string[];
}

/**
 * The documentation of every issue code. Typed as a record over {@link IssueCode}, so a new code does not compile
 * until it is documented here; docs/errors.md is generated from it (`npx tsx scripts/generate-error-docs.ts`).
 */
export const ISSUE_CODE_DOCS: Readonly<Record<IssueCode, IssueCodeDoc>> = Object.freeze({
  json_syntax_error: {
    group: 'JSON text',
    severity: 'error',
    meaning:
      'The text is not JSON: an unexpected character, a string, object or array left open, an unquoted key or value, single quotes, a literal JSON does not know (`True`, `None`), an invalid number or escape, a raw control character in a string, a non-breaking space, or nesting deeper than 64 levels. When the reader had to guess, grammar is not checked, so no follow-on error is invented; characters IAM refuses are still reported to the end of the text.',
    semantics: ['G-1'],
  },
  missing_comma: {
    group: 'JSON text',
    severity: 'error',
    meaning:
      'A `,` is missing between two members or two array items. The issue points at the end of the value the comma should follow (the line where it is missing); reading goes on as if it were there.',
    semantics: ['G-1'],
  },
  typographic_quote: {
    group: 'JSON text',
    severity: 'error',
    meaning:
      'A typographic quote (`“ ” ‘ ’ „ ‟`) where JSON needs `"`, as word processors and chat apps write them. Each one is named with its line and column. A closing one before `,`, `}`, `]`, `:` or the end of the line is read as the end of the string, and strings opened by one are read too, so every later problem is still found.',
    semantics: ['G-1', 'G-6'],
  },
  trailing_comma: {
    group: 'JSON text',
    severity: 'error',
    meaning: 'A `,` right before `}` or `]`. JSON does not allow it; IAM refuses the document.',
    semantics: ['G-1'],
  },
  comment_not_allowed: {
    group: 'JSON text',
    severity: 'error',
    meaning: 'A `//` or `/* */` comment. JSON has none; IAM refuses the document.',
    semantics: ['G-1'],
  },
  duplicate_key: {
    group: 'JSON text',
    severity: 'error',
    meaning:
      'The same key twice in one object (two `Effect`s, two `Statement`s, the same condition key twice). The message names where the first one is.',
    semantics: ['G-1'],
  },
  invalid_character: {
    group: 'JSON text',
    severity: 'error',
    meaning:
      'A character IAM does not accept in a policy: anything but tab, line feed, carriage return and U+0020 to U+00FF, written directly or as a `\\u` escape. Characters beyond U+FFFF count once.',
    semantics: ['G-6'],
  },
  multiple_documents: {
    group: 'JSON text',
    severity: 'error',
    meaning: 'A second JSON value after the policy object. A policy is exactly one object.',
    semantics: ['O-21'],
  },
  unsupported_value: {
    group: 'JSON text',
    severity: 'error',
    meaning:
      'A policy given as an object holds a value JSON cannot carry, which `JSON.stringify` would drop or turn into `null`: `undefined`, a function, a symbol, a BigInt, `NaN` or an infinity, a circular reference, an array hole, or an instance such as `Date` or `Map`. The issue points at the `null` standing in its place in the 2-space rendering.',
    semantics: ['G-1'],
  },
  policy_too_large: {
    group: 'size',
    severity: 'error',
    meaning:
      'The policy is larger than its policy type allows, counted with or without white space as AWS counts it (see docs/policy-grammar.md). Not raised for an AWS managed policy (`awsManaged`, or a `policyId` `arn:aws:iam::aws:policy/…`): the quota binds whoever writes a policy. Also raised, without reading, for text beyond 524,288 characters.',
    semantics: ['§12.1', 'O-19', 'V-4'],
  },
  not_an_object: {
    group: 'document',
    severity: 'error',
    meaning:
      'The document is not a JSON object (an array, a string, a number, `null`), or the value given is not JSON text or an object.',
    semantics: ['G-1'],
  },
  unknown_element: {
    group: 'document',
    severity: 'error',
    meaning:
      'An element the grammar does not know, at the top of the policy or in a statement, with the nearest valid name as suggestion. Element names are case-sensitive (`effect` is not `Effect`). A statement element at the top of the policy is pointed out as belonging in a statement.',
    semantics: ['G-1', 'G-3', '§5.8'],
  },
  invalid_type: {
    group: 'document',
    severity: 'error',
    meaning:
      'An element has the wrong JSON type: `Action` as an object, a number in a `Resource` list, a condition block that is not an object, a statement that is not an object.',
    semantics: ['G-2', 'G-4', 'G-29'],
  },
  missing_statement: {
    group: 'document',
    severity: 'error',
    meaning:
      'The policy has no `Statement`. When the document is a single statement pasted without its policy around it, the issue says so, and the statement is still checked as the policy’s only statement.',
    semantics: ['G-1'],
  },
  invalid_version: {
    group: 'document',
    severity: 'error',
    meaning: '`Version` is not `2012-10-17` or `2008-10-17`; SCPs and RCPs accept only `2012-10-17`.',
    semantics: ['G-8', 'G-10', 'O-18'],
  },
  missing_version: {
    group: 'document',
    severity: 'error or warning',
    meaning:
      'The policy has no `Version`: a warning, because policy variables are then read literally; an error in SCPs and RCPs, which must carry `2012-10-17`.',
    semantics: ['G-9', 'G-10', 'O-18'],
  },
  id_not_allowed: {
    group: 'document',
    severity: 'error or warning',
    meaning:
      '`Id` in a policy that does not take it: a warning in identity-based policies, permissions boundaries and session policies (the grammar reserves it for resource-based policies; whether IAM refuses it is undocumented), an error in SCPs and RCPs.',
    semantics: ['G-11', 'O-16', 'O-18'],
  },
  invalid_sid: {
    group: 'document',
    severity: 'error',
    meaning:
      '`Sid` holds a character other than `A–Z a–z 0–9` in a policy IAM or Organizations stores (identity, boundary, session, role trust, SCP, RCP). Resource-based and VPC endpoint policies accept any string.',
    semantics: ['G-12'],
  },
  duplicate_sid: {
    group: 'document',
    severity: 'error or warning',
    meaning:
      'Two statements share a `Sid`: an error where IAM or Organizations require unique Sids, a warning in resource-based and VPC endpoint policies.',
    semantics: ['G-12'],
  },
  empty_sid: {
    group: 'document',
    severity: 'warning',
    meaning: '`Sid` is the empty string.',
    semantics: ['G-12'],
  },
  missing_effect: {
    group: 'statement',
    severity: 'error',
    meaning: 'The statement has no `Effect`.',
    semantics: ['G-3'],
  },
  invalid_effect: {
    group: 'statement',
    severity: 'error',
    meaning:
      '`Effect` is not exactly `Allow` or `Deny`; the comparison is case-sensitive, so `deny` is refused with `Deny` as suggestion.',
    semantics: ['G-13'],
  },
  missing_action: {
    group: 'statement',
    severity: 'error',
    meaning: 'The statement has neither `Action` nor `NotAction` (RCPs need `Action`).',
    semantics: ['G-3', 'O-18'],
  },
  missing_resource: {
    group: 'statement',
    severity: 'error',
    meaning: 'The statement has neither `Resource` nor `NotResource` (role trust policies take neither).',
    semantics: ['G-3'],
  },
  action_and_not_action: {
    group: 'statement',
    severity: 'error',
    meaning: 'The statement has both `Action` and `NotAction`.',
    semantics: ['G-3'],
  },
  resource_and_not_resource: {
    group: 'statement',
    severity: 'error',
    meaning: 'The statement has both `Resource` and `NotResource`.',
    semantics: ['G-3'],
  },
  principal_and_not_principal: {
    group: 'statement',
    severity: 'error',
    meaning: 'The statement has both `Principal` and `NotPrincipal`.',
    semantics: ['G-3'],
  },
  not_action_not_allowed: {
    group: 'statement',
    severity: 'error',
    meaning: '`NotAction` in a resource control policy.',
    semantics: ['O-18'],
  },
  not_resource_not_allowed: {
    group: 'statement',
    severity: 'error',
    meaning: '`NotResource` in a role trust policy, which names no resource.',
    semantics: ['G-14'],
  },
  resource_not_allowed: {
    group: 'statement',
    severity: 'error',
    meaning: '`Resource` in a role trust policy: the resource is the role itself.',
    semantics: ['G-14'],
  },
  invalid_action: {
    group: 'statement',
    severity: 'error',
    meaning: 'An action that is neither `*` nor `service:ActionName` (letters, digits, `-`, `_`, `*`, `?`).',
    semantics: ['G-22', 'G-23'],
  },
  invalid_resource: {
    group: 'statement',
    severity: 'error',
    meaning:
      'A resource that is neither `*` nor an ARN of six `:`-separated fields, or an ARN whose service field is not lower-case.',
    semantics: ['G-26', 'W-3', '§5.8'],
  },
  empty_array: {
    group: 'statement',
    severity: 'warning',
    meaning:
      'An empty list or object that makes its statement inert: `Action`, `Resource`, `Principal` or its type lists, `Condition`, an operator block, a condition value list, or `Statement` itself.',
    semantics: ['G-7', 'C-27'],
  },
  rcp_allow_not_supported: {
    group: 'statement',
    severity: 'error',
    meaning:
      'An RCP statement with `"Effect": "Allow"` that is not the statement of the AWS managed `RCPFullAWSAccess` (`Allow`, `"Principal": "*"`, `"Action": "*"`, `"Resource": "*"`, nothing else but a `Sid`). AWS Organizations supports `Allow` only in that policy; customer RCPs are Deny-only. That document itself is accepted under any id.',
    semantics: ['O-14', 'O-18'],
  },
  principal_not_allowed: {
    group: 'principals',
    severity: 'error',
    meaning: '`Principal` in an identity-based policy, permissions boundary, session policy or SCP.',
    semantics: ['G-14', 'O-16'],
  },
  not_principal_not_allowed: {
    group: 'principals',
    severity: 'error',
    meaning:
      '`NotPrincipal` where it is not supported: identity-based policies, boundaries, session policies, SCPs, role trust policies and RCPs.',
    semantics: ['G-19', 'O-18'],
  },
  missing_principal: {
    group: 'principals',
    severity: 'error',
    meaning:
      'No `Principal` (or `NotPrincipal`) where the policy type requires one: resource-based, role trust, VPC endpoint and resource control policies.',
    semantics: ['G-14', 'V-4', 'O-18'],
  },
  not_principal_with_allow: {
    group: 'principals',
    severity: 'error',
    meaning: '`NotPrincipal` in an `Allow` statement: it is supported with `Deny` only.',
    semantics: ['G-19'],
  },
  partial_wildcard_in_principal: {
    group: 'principals',
    severity: 'error',
    meaning:
      'A principal with `*` or `?` other than the whole value `*` (`arn:aws:iam::*:role/x`, `*.amazonaws.com`): principals never glob; match patterns with an `aws:PrincipalArn` condition.',
    semantics: ['G-17', 'W-10'],
  },
  invalid_principal: {
    group: 'principals',
    severity: 'error',
    meaning:
      'A principal value that is not a form its type takes: a bare string other than `*`, an `AWS` value that is not an account id, an IAM user, role, root, assumed-role or federated-user ARN, a CloudFront origin access identity or a unique id, a `Service` that is not a host name, a `Federated` value that is not a provider, a `CanonicalUser` that is not 64 hex digits.',
    semantics: ['G-15'],
  },
  unknown_principal_type: {
    group: 'principals',
    severity: 'error',
    meaning: 'A `Principal` map key other than `AWS`, `Service`, `Federated` and `CanonicalUser` (case-sensitive).',
    semantics: ['G-15'],
  },
  principal_not_star: {
    group: 'principals',
    severity: 'warning',
    meaning:
      'An RCP statement whose `Principal` is not `"*"`. AWS examples always use `"*"` and narrow principals with conditions; that other values are refused is not confirmed.',
    semantics: ['O-18'],
  },
  unknown_condition_operator: {
    group: 'conditions',
    severity: 'error',
    meaning:
      'An operator the registry does not know, or a misspelt `ForAllValues:`/`ForAnyValue:` or `IfExists`, with the nearest valid spelling as suggestion. Names are case-sensitive.',
    semantics: ['C-30'],
  },
  null_with_if_exists: {
    group: 'conditions',
    severity: 'error',
    meaning: '`NullIfExists`: `Null` takes no `IfExists`.',
    semantics: ['C-7'],
  },
  null_with_qualifier: {
    group: 'conditions',
    severity: 'error',
    meaning: '`ForAllValues:Null` or `ForAnyValue:Null`, which are always true or always false.',
    semantics: ['C-22'],
  },
  multiple_bool_values: {
    group: 'conditions',
    severity: 'error',
    meaning: 'A key under `Bool` (or `BoolIfExists`) with more than one value.',
    semantics: ['C-16'],
  },
  duplicate_condition_key: {
    group: 'conditions',
    severity: 'error',
    meaning:
      'The same condition key twice under one operator, spelt with different case (`aws:SourceIp`, `AWS:SourceIP`): keys are case-insensitive.',
    semantics: ['G-30', 'G-31'],
  },
  invalid_condition_key: {
    group: 'conditions',
    severity: 'error',
    meaning:
      'A condition key that is not `prefix:name` (no prefix, or white space after the colon). The prefix is a service prefix or a host name, optionally followed by a path for OIDC providers whose issuer URL has one (`oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub`).',
    semantics: ['C-30'],
  },
  invalid_condition_value: {
    group: 'conditions',
    severity: 'error',
    meaning:
      'A value its operator cannot read: not a number for `Numeric…`, not a date for `Date…`, not an address or range for `IpAddress`, not `true`/`false` for `Bool` and `Null`, not base64 for `BinaryEquals`. The reason comes from the operator registry.',
    semantics: ['C-11', 'C-13', 'C-18', '§7'],
  },
  for_all_values_single_valued_key: {
    group: 'conditions',
    severity: 'warning',
    meaning:
      '`ForAllValues:` on a global key known to be single-valued: the condition is then true when the key is missing, which is rarely meant.',
    semantics: ['C-28'],
  },
  missing_qualifier: {
    group: 'conditions',
    severity: 'warning',
    meaning:
      'A key known to be multivalued (`aws:TagKeys`, …) under an operator without `ForAllValues:` or `ForAnyValue:`. Access Analyzer calls this an error; IAM accepts the policy and it is evaluated like `ForAnyValue` (docs/condition-operators.md), so it is a warning here (docs/policy-grammar.md).',
    semantics: ['C-28'],
  },
  wildcard_without_like: {
    group: 'conditions',
    severity: 'warning',
    meaning: 'A `*` or `?` in a value of a string operator that compares literally (`StringEquals`, …).',
    semantics: ['C-8'],
  },
  unknown_global_condition_key: {
    group: 'conditions',
    severity: 'warning',
    meaning:
      'An `aws:` condition key that is not a global condition key, with the nearest global key as suggestion (`aws:RequestedRegion` for `aws:RequestRegion`). Tag keys (`aws:PrincipalTag/…`, `aws:RequestTag/…`, `aws:ResourceTag/…`) are global keys; a misspelt tag prefix gets the right prefix with the tag key kept. A warning, not an error (Access Analyzer: error), because the catalogue may lag behind new keys. Service keys (`s3:prefix`) are not checked.',
    semantics: ['C-30', '§9.1'],
  },
  invalid_variable: {
    group: 'policy variables',
    severity: 'error',
    meaning:
      'A `${…}` that is not a valid policy variable: no closing brace, a space, empty, a default value not in single quotes, or a character no key name holds.',
    semantics: ['PV-6'],
  },
  variable_not_allowed: {
    group: 'policy variables',
    severity: 'error or warning',
    meaning:
      'A policy variable where variables are not read: in `Action`, a principal, a condition key, values of operators other than string and ARN ones, or in the partition, service or region field of a `Resource` ARN (errors; the account field is `variable_in_arn_account`). Without `Version` `2012-10-17` a `${…}` is read literally: a warning.',
    semantics: ['PV-2', 'W-11', 'G-9', 'C-17'],
  },
  multivalued_variable: {
    group: 'policy variables',
    severity: 'error',
    meaning: 'A policy variable naming a multivalued key (`${aws:TagKeys}`): only single-valued keys may be variables.',
    semantics: ['PV-4'],
  },
  variable_in_arn_account: {
    group: 'policy variables',
    severity: 'warning',
    meaning:
      'A policy variable in the account field of a `Resource`/`NotResource` ARN (`arn:aws:kms:*:${aws:PrincipalAccount}:key/*`). AWS documents variables only in the resource part, after the fifth `:`, yet IAM stores such policies (an AWS managed policy has one); the variable is substituted when evaluating. Variables in the partition, service and region fields stay `variable_not_allowed` errors.',
    semantics: ['W-11', 'PV-2'],
  },
  invalid_service_in_action: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      'An action whose service prefix the catalogue does not know (`ecr2:GetAuthorizationToken`), with the nearest prefix as suggestion. Access Analyzer: "Invalid service in action". The action never matches a request; the policy stays valid (docs/catalogue.md).',
    semantics: ['CAT-2'],
  },
  unknown_action: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      'An action the catalogue does not list for its service (`s3:GetObjects`), with the nearest action as suggestion. Access Analyzer: "Invalid action". It never matches a request. AWS managed policies still name some retired actions.',
    semantics: ['CAT-2'],
  },
  action_pattern_matches_nothing: {
    group: 'service catalogue',
    severity: 'warning',
    meaning: 'An action pattern with `*` or `?` that covers no action of the catalogue (`s3:Gett*`).',
    semantics: ['CAT-3'],
  },
  unsupported_resource_for_action: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      'An action (exact, in `Action`) whose resource types no `Resource` of its statement can name: `s3:ListBucket` on `arn:aws:s3:::reports/*`, where ListBucket acts on the bucket ARN. The message names the ARN formats the action needs; the suggestion drops a trailing `/*` when that fits.',
    semantics: ['CAT-4'],
  },
  wildcard_only_action_with_resource: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      'An action that supports no resource-level permissions (`ec2:DescribeInstances`) in a statement whose `Resource` names only specific ARNs: its requests name `*`, which none of them matches.',
    semantics: ['CAT-5'],
  },
  invalid_service_condition_key: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      'A condition key of a known service that the catalogue does not list (`s3:prefixes`), with the nearest key of that service. Access Analyzer: "Invalid service condition key". No request carries it.',
    semantics: ['CAT-6'],
  },
  unsupported_action_for_condition_key: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      'A service condition key that no action of the statement supports (`s3:prefix` with only `s3:GetObject`): the requests never carry it, so an Allow never matches and a Deny never fires as meant. Access Analyzer: "Unsupported action for condition key". Global keys are not judged this way.',
    semantics: ['CAT-7'],
  },
  for_any_value_single_valued_key: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      '`ForAnyValue:` on a key whose type is single-valued: the qualifier adds nothing for a present key and hides the intent. With the catalogue, `missing_qualifier` and `for_all_values_single_valued_key` also judge service keys by their type.',
    semantics: ['CAT-8', 'C-28'],
  },
  condition_type_mismatch: {
    group: 'service catalogue',
    severity: 'warning',
    meaning:
      "An operator whose family does not read the key's type: `DateGreaterThan` on `aws:SecureTransport` (`Bool`), `IpAddress` on a `String` key. String operators fit every type, and `Null` tests presence only.",
    semantics: ['CAT-9'],
  },
});
