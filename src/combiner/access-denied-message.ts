import type { EvaluateOptions, StatementRef } from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import type { PolicyType } from '../model/policy-type.js';

/**
 * AWS AccessDenied wording (IAM-SEMANTICS §10.1 M-1, M-2, M-4, M-5 and the literals of §10.2):
 * `User: <principal> is not authorized to perform: <action>[ on resource: <resource>] <context>[: <policy ARN>]`.
 *
 * [X] choices (docs/evaluation-logic.md):
 * - M-2: an explicit deny in a session policy reads `with an explicit deny in a session policy` (the 2023 doc's
 *   `sessions policy` is taken as a typo).
 * - M-2: an SCP or RCP level without an Allow reads as an explicit deny in that policy type, as AWS reports it
 *   (`with an explicit deny in a service control policy`), while the decision stays `ImplicitDeny`.
 * - An anonymous caller (`*`) is rendered as `anonymous`.
 * - M-4: for an `s3:` action the resource is in double quotes (`on resource: "arn:aws:s3:::bucket/key"`), as S3
 *   writes it; every other service gets the bare ARN.
 * - EV-13 (M-4): a `kms:` action says `on this resource` instead of naming the resource.
 * - EV-14: a role trust policy deciding `sts:AssumeRole*` gives no resource clause, as the §10.2 literals show.
 * - EV-15 (M-5): the denying policy's ARN follows an explicit deny in an SCP, RCP, permissions boundary, session or
 *   identity-based policy, when the caller knows it.
 */

/**
 * What an AccessDenied message describes.
 *
 * @example
 * ```ts
 * import type { AccessDeniedMessageInput } from 'iam-policy-evaluator';
 * const input: AccessDeniedMessageInput = {
 *   principal: 'arn:aws:iam::123456789012:user/JohnDoe',
 *   action: 'sts:AssumeRole',
 *   policyType: 'resource',
 *   explicit: false,
 *   trustPolicy: true,
 * };
 * input.policyType; //=> 'resource'
 * ```
 */
export interface AccessDeniedMessageInput {
  /** The caller ARN; `*` (anonymous) is rendered as `anonymous`. */
  readonly principal: string;
  readonly action: string;
  /**
   * Omitted from the message when absent or `*` (M-4); in double quotes for `s3:` actions; `on this resource` for
   * `kms:` actions (EV-13); omitted when a role trust policy decides `sts:AssumeRole*` (EV-14).
   */
  readonly resource?: string;
  readonly policyType: PolicyType;
  /** An explicit Deny statement decided (or an SCP/RCP level without an Allow, rendered as AWS does). */
  readonly explicit: boolean;
  /** The resource-based policy is a role trust policy (`the role trust policy`, `no role trust policy`). */
  readonly trustPolicy?: boolean;
  /**
   * The ARN of the denying policy (M-5), appended as `: <arn>` after an explicit deny in a service control policy,
   * resource control policy, permissions boundary, session or identity-based policy, the types AWS names it for.
   * Not rendered for other types, nor for a missing Allow (no single policy denies then).
   */
  readonly policyArn?: string;
}

/** Policy types whose missing Allow AWS reports as an explicit deny (M-2, issue 4). */
const NO_ALLOW_REPORTED_AS_EXPLICIT: ReadonlySet<PolicyType> = new Set<PolicyType>(['scp', 'rcp']);

/** Policy types whose denying policy's ARN AWS appends (M-5). */
const POLICY_ARN_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>([
  'scp',
  'rcp',
  'permissionsBoundary',
  'session',
  'identity',
]);

/** How the message names the resource, and the clause it writes. */
interface ResourceClause {
  readonly kind: 'none' | 'bare' | 'quoted' | 'thisResource' | 'trustOmitted';
  readonly text: string;
}

function isTrustDecision(input: AccessDeniedMessageInput): boolean {
  return input.trustPolicy === true && input.policyType === 'resource';
}

/** A policy-type phrase with its indefinite article: `an identity-based policy`, `a service control policy`. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** The deciding policy's noun phrase, with its article for the explicit form (`an identity-based policy`). */
function policyPhrase(input: AccessDeniedMessageInput, article: boolean): string {
  if (isTrustDecision(input)) return article ? 'the role trust policy' : 'role trust policy';
  const name = POLICY_TYPE_NAMES[input.policyType];
  return article ? withArticle(name) : name;
}

function resourceClause(input: AccessDeniedMessageInput): ResourceClause {
  const resource = input.resource;
  if (resource === undefined || resource === '*') return { kind: 'none', text: '' };
  const action = input.action.toLowerCase();
  if (isTrustDecision(input) && action.startsWith('sts:assumerole')) return { kind: 'trustOmitted', text: '' };
  if (action.startsWith('kms:')) return { kind: 'thisResource', text: ' on this resource' };
  if (action.startsWith('s3:')) return { kind: 'quoted', text: ` on resource: "${resource}"` };
  return { kind: 'bare', text: ` on resource: ${resource}` };
}

/** `: <arn>` after an explicit deny of a type AWS names the policy ARN for (M-5); empty otherwise. */
function policyArnSuffix(input: AccessDeniedMessageInput): string {
  const arn = input.policyArn;
  return arn !== undefined && input.explicit && POLICY_ARN_TYPES.has(input.policyType) ? `: ${arn}` : '';
}

/**
 * The denying policy's ARN for a decision's message (M-5, EV-15): the id of `deniedBy` when that id is an ARN, for a
 * same-account request (AWS names it only within an account or organization, and the engine cannot tell whether two
 * accounts share one), unless `options.messagePolicyArn` is false. Every path that renders `result.message` uses it.
 */
export function messagePolicyArn(
  deniedBy: StatementRef | undefined,
  sameAccount: boolean,
  options: EvaluateOptions,
): string | undefined {
  if (deniedBy === undefined || options.messagePolicyArn === false || !sameAccount) return undefined;
  const id = deniedBy.policyId;
  return id.startsWith('arn:') && !/\s/.test(id) ? id : undefined;
}

/**
 * The [X] choices of docs/evaluation-logic.md a rendering relies on (M-2, M-4, EV-13, EV-14, EV-15), for
 * `trace.choices`.
 */
export function accessDeniedMessageChoices(input: AccessDeniedMessageInput): string[] {
  const choices: string[] = [];
  const noAllowAsExplicit = !input.explicit && NO_ALLOW_REPORTED_AS_EXPLICIT.has(input.policyType);
  if ((input.explicit && input.policyType === 'session') || noAllowAsExplicit) choices.push('M-2');
  const clause = resourceClause(input).kind;
  if (clause === 'quoted') choices.push('M-4');
  if (clause === 'thisResource') choices.push('EV-13');
  if (clause === 'trustOmitted') choices.push('EV-14');
  if (policyArnSuffix(input) !== '') choices.push('EV-15');
  return choices;
}

/**
 * Renders the AccessDenied message AWS would give for a denial.
 *
 * @param input - the caller, action, resource, deciding policy type, whether the deny was explicit and, for M-5,
 *   the denying policy's ARN.
 * @returns the message, one line, exactly as AWS words it.
 * @throws never.
 * @example
 * ```ts
 * import { renderAccessDeniedMessage } from 'iam-policy-evaluator';
 * const message = renderAccessDeniedMessage({
 *   principal: 'arn:aws:iam::123456789012:user/JohnDoe',
 *   action: 'codecommit:ListRepositories',
 *   policyType: 'identity',
 *   explicit: false,
 * });
 * message; //=> 'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action'
 * const withArn = renderAccessDeniedMessage({
 *   principal: 'arn:aws:iam::123456789012:user/Matt',
 *   action: 'iam:ListRoles',
 *   resource: 'arn:aws:iam::123456789012:role/*',
 *   policyType: 'scp',
 *   explicit: true,
 *   policyArn: 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd',
 * });
 * withArn; //=> 'User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd'
 * ```
 */
export function renderAccessDeniedMessage(input: AccessDeniedMessageInput): string {
  const who = input.principal === '*' ? 'anonymous' : input.principal;
  const on = resourceClause(input).text;
  const explicit = input.explicit || NO_ALLOW_REPORTED_AS_EXPLICIT.has(input.policyType);
  const context = explicit
    ? `with an explicit deny in ${policyPhrase(input, true)}`
    : `because no ${policyPhrase(input, false)} allows the ${input.action} action`;
  return `User: ${who} is not authorized to perform: ${input.action}${on} ${context}${policyArnSuffix(input)}`;
}
