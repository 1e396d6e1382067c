/**
 * The caller of a request, parsed once from the principal string of the request (IAM-SEMANTICS E-10, §9.2).
 *
 * [X] choices (docs/evaluation-logic.md):
 * - A role session ARN carries no role path, so the session's role ARN is `arn:<p>:iam::<A>:role/<R>` without path.
 *   Role names are unique within an account whatever their path, so a `Principal` naming a role ARN with a path still
 *   matches by partition, account and name (match-principal.ts).
 * - A session is of a service-linked role when its role name starts with `AWSServiceRoleFor` (the prefix IAM gives
 *   every service-linked role); a role ARN is service-linked when its path starts with `aws-service-role/`.
 * - A bare 12-digit account id as the caller means the account root user.
 * - A CloudFront origin access identity (`arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`) is a
 *   `user` of no account and without identity-based policies of the caller's making: the bucket policy that names
 *   it decides alone, as for a service principal. No `aws:username` or `aws:PrincipalAccount` is derived
 *   (docs/policy-grammar.md, "Policies AWS accepts").
 */
import { splitArn } from '../matching/arn.js';
import { CLOUDFRONT_OAI_ARN } from '../parser/principal-format.js';

/** What kind of caller made the request. */
export type CallerKind =
  'root' | 'user' | 'role' | 'roleSession' | 'federatedUser' | 'anonymous' | 'service' | 'federatedIdentity';

/** The caller, as the evaluator sees it. */
export interface Caller {
  readonly kind: CallerKind;
  /** The principal string as given. */
  readonly arn: string;
  /** `aws`, `aws-cn`, `aws-us-gov`, … for ARN callers. */
  readonly partition?: string;
  readonly accountId?: string;
  /** The IAM user name (last path segment) of an IAM user. */
  readonly userName?: string;
  /** The role name of a role or role session. */
  readonly roleName?: string;
  /** The role ARN of a role or role session; a session's has no path (see above). */
  readonly roleArn?: string;
  /** The session name of a role session. */
  readonly sessionName?: string;
  /** The name given to GetFederationToken for a federated-user session. */
  readonly federatedName?: string;
  /** The service name of a service principal (`ec2.amazonaws.com`). */
  readonly serviceName?: string;
  /** Sessions of service-linked roles are exempt from SCPs and RCPs (O-2, O-8). */
  readonly serviceLinkedRole: boolean;
  /** Has identity-based policies at all (users, roles and their sessions, federated users, root). */
  readonly hasIdentitySide: boolean;
  /** A role session or federated-user session: session policies apply (§1.3 step 7). */
  readonly isSession: boolean;
}

/** Web identity providers that appear as `Federated` principals without an ARN (G-15). */
const WEB_IDENTITY_PROVIDERS: ReadonlySet<string> = new Set([
  'cognito-identity.amazonaws.com',
  'www.amazon.com',
  'graph.facebook.com',
  'accounts.google.com',
  'appleid.apple.com',
]);

/** How service-linked roles are named and pathed (O-2, O-8); src/request/read-caller.ts reads them too. */
export const SERVICE_LINKED_ROLE_PREFIX = 'AWSServiceRoleFor';
export const SERVICE_LINKED_ROLE_PATH = 'aws-service-role/';

/** Whether `text` holds a 12-digit account id from `start` to `end` (src/compile reads ids in place with it). */
export function isAccountIdAt(text: string, start: number, end: number): boolean {
  if (end - start !== 12) return false;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether `text` is a 12-digit account id. */
export function isAccountId(text: string): boolean {
  return isAccountIdAt(text, 0, text.length);
}

function isServiceName(text: string): boolean {
  return (
    !text.includes(':') &&
    !text.includes('/') &&
    (text.endsWith('.amazonaws.com') || text.endsWith('.amazonaws.com.cn')) &&
    text.length > '.amazonaws.com'.length
  );
}

function invalid(principal: string): TypeError {
  return new TypeError(
    `invalid principal \`${principal}\`: expected the ARN of an IAM user, role, role session, federated user or ` +
      'account root, an account id, `*` for anonymous, or a service principal such as `ec2.amazonaws.com`',
  );
}

function base(
  kind: CallerKind,
  arn: string,
  fields: Omit<Caller, 'kind' | 'arn' | 'serviceLinkedRole' | 'hasIdentitySide' | 'isSession'> & {
    serviceLinkedRole?: boolean;
    hasIdentitySide?: boolean;
  },
): Caller {
  const hasIdentitySide =
    kind === 'root' || kind === 'user' || kind === 'role' || kind === 'roleSession' || kind === 'federatedUser';
  const isSession = kind === 'role' || kind === 'roleSession' || kind === 'federatedUser';
  // The spread goes last: in V8 11 (Node 20) a literal that lists members after a spread costs microseconds. `fields`
  // holds none of the members listed but `serviceLinkedRole` and `hasIdentitySide`, whose values it then keeps.
  return Object.freeze({ kind, arn, serviceLinkedRole: false, hasIdentitySide, isSession, ...fields });
}

/**
 * Parses the caller string of a request.
 *
 * @throws TypeError when the string names no caller the engine knows.
 */
export function parseCaller(principal: string): Caller {
  if (principal === '*') return base('anonymous', principal, {});
  if (isAccountId(principal)) {
    return base('root', principal, { partition: 'aws', accountId: principal });
  }
  if (WEB_IDENTITY_PROVIDERS.has(principal)) return base('federatedIdentity', principal, {});
  if (isServiceName(principal)) return base('service', principal, { serviceName: principal });
  if (CLOUDFRONT_OAI_ARN.test(principal)) {
    return base('user', principal, {
      partition: principal.slice(4, principal.indexOf(':', 4)),
      hasIdentitySide: false,
    });
  }
  const arn = splitArn(principal);
  if (arn === undefined || arn[0] !== 'arn') throw invalid(principal);
  const [, partition, service, region, accountId, resource] = arn;
  if (partition === '' || region !== '' || !isAccountId(accountId)) throw invalid(principal);
  if (service === 'iam') {
    if (resource === 'root') return base('root', principal, { partition, accountId });
    const slash = resource.indexOf('/');
    const type = slash < 0 ? resource : resource.slice(0, slash);
    const rest = slash < 0 ? '' : resource.slice(slash + 1);
    const name = rest.slice(rest.lastIndexOf('/') + 1);
    if (name === '') throw invalid(principal);
    if (type === 'user') return base('user', principal, { partition, accountId, userName: name });
    if (type === 'role') {
      return base('role', principal, {
        partition,
        accountId,
        roleName: name,
        roleArn: principal,
        serviceLinkedRole: rest.startsWith(SERVICE_LINKED_ROLE_PATH),
      });
    }
    if (type === 'saml-provider' || type === 'oidc-provider') {
      return base('federatedIdentity', principal, { partition, accountId });
    }
    throw invalid(principal);
  }
  if (service === 'sts') {
    if (resource.startsWith('assumed-role/')) {
      const rest = resource.slice('assumed-role/'.length);
      const slash = rest.indexOf('/');
      if (slash <= 0 || slash === rest.length - 1) throw invalid(principal);
      const roleName = rest.slice(0, slash);
      return base('roleSession', principal, {
        partition,
        accountId,
        roleName,
        roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
        sessionName: rest.slice(slash + 1),
        serviceLinkedRole: roleName.startsWith(SERVICE_LINKED_ROLE_PREFIX),
      });
    }
    if (resource.startsWith('federated-user/')) {
      const federatedName = resource.slice('federated-user/'.length);
      if (federatedName === '') throw invalid(principal);
      return base('federatedUser', principal, { partition, accountId, federatedName });
    }
  }
  throw invalid(principal);
}

/** The account root ARN of the caller's account, when it has one. */
export function accountRootArn(caller: Caller): string | undefined {
  return caller.accountId === undefined ? undefined : `arn:${caller.partition ?? 'aws'}:iam::${caller.accountId}:root`;
}

/** What principal matching needs besides the caller. */
export interface PrincipalFacts {
  readonly caller: Caller;
  /** The `aws:userid` the caller supplied (never a derived one): unique ids match only against it. */
  readonly suppliedUserId?: string;
  /** The IAM user behind a federated-user session (§1.4 R2). */
  readonly federatedUserIssuerArn?: string;
  /** The principal has a permissions boundary (G-20). */
  readonly hasPermissionsBoundary: boolean;
}
