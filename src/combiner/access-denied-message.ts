import type { PolicyType } from '../model/policy-type.js';

/**
 * AWS AccessDenied wording (IAM-SEMANTICS §10.1 M-1, M-2 and the literals of §10.2):
 * `User: <principal> is not authorized to perform: <action>[ on resource: <resource>] <context>`.
 *
 * [X] choices (docs/evaluation-logic.md):
 * - M-2: an explicit deny in a session policy reads `with an explicit deny in a session policy` (the 2023 doc's
 *   `sessions policy` is taken as a typo).
 * - M-2: an SCP or RCP level without an Allow reads as an explicit deny in that policy type, as AWS reports it
 *   (`with an explicit deny in a service control policy`), while the decision stays `ImplicitDeny`.
 * - An anonymous caller (`*`) is rendered as `anonymous`.
 * - M-4: for an `s3:` action the resource is in double quotes (`on resource: "arn:aws:s3:::bucket/key"`), as S3
 *   writes it; every other service gets the bare ARN.
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
  /** Omitted from the message when absent or `*` (M-4); in double quotes for `s3:` actions. */
  readonly resource?: string;
  readonly policyType: PolicyType;
  /** An explicit Deny statement decided (or an SCP/RCP level without an Allow, rendered as AWS does). */
  readonly explicit: boolean;
  /** The resource-based policy is a role trust policy (`the role trust policy`, `no role trust policy`). */
  readonly trustPolicy?: boolean;
}

/** The noun phrase of each policy type, with its article for the explicit form. */
const PHRASES: Readonly<Record<PolicyType, { readonly explicit: string; readonly implicit: string }>> = {
  identity: { explicit: 'an identity-based policy', implicit: 'identity-based policy' },
  resource: { explicit: 'a resource-based policy', implicit: 'resource-based policy' },
  permissionsBoundary: { explicit: 'a permissions boundary', implicit: 'permissions boundary' },
  session: { explicit: 'a session policy', implicit: 'session policy' },
  scp: { explicit: 'a service control policy', implicit: 'service control policy' },
  rcp: { explicit: 'a resource control policy', implicit: 'resource control policy' },
  vpcEndpoint: { explicit: 'a VPC endpoint policy', implicit: 'VPC endpoint policy' },
};

const TRUST_PHRASES = { explicit: 'the role trust policy', implicit: 'role trust policy' } as const;

/** Policy types whose missing Allow AWS reports as an explicit deny (M-2, issue 4). */
const NO_ALLOW_REPORTED_AS_EXPLICIT: ReadonlySet<PolicyType> = new Set<PolicyType>(['scp', 'rcp']);

/**
 * Renders the AccessDenied message AWS would give for a denial.
 *
 * @param input - the caller, action, resource, deciding policy type and whether the deny was explicit.
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
 * ```
 */
export function renderAccessDeniedMessage(input: AccessDeniedMessageInput): string {
  const phrases =
    input.trustPolicy === true && input.policyType === 'resource' ? TRUST_PHRASES : PHRASES[input.policyType];
  const who = input.principal === '*' ? 'anonymous' : input.principal;
  const quote = input.action.toLowerCase().startsWith('s3:') ? '"' : '';
  const on =
    input.resource === undefined || input.resource === '*' ? '' : ` on resource: ${quote}${input.resource}${quote}`;
  const explicit = input.explicit || NO_ALLOW_REPORTED_AS_EXPLICIT.has(input.policyType);
  const context = explicit
    ? `with an explicit deny in ${phrases.explicit}`
    : `because no ${phrases.implicit} allows the ${input.action} action`;
  return `User: ${who} is not authorized to perform: ${input.action}${on} ${context}`;
}
