/**
 * The caller of a CloudTrail event, from its `userIdentity` element (CT-2, CT-3): the principal string the engine
 * evaluates, and the identity keys the event shows that the engine cannot derive from that string.
 * Source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
import { isAccountId, parseCaller } from '../../request/principal.js';
import { asRecord, text } from './cloudtrail-error.js';
import type { IssueList } from './cloudtrail-error.js';
import type { EventContextKey } from './event-context.js';

/** What the event says about its caller. */
export interface EventPrincipal {
  readonly principal: string;
  /** The `userIdentity.type` as written. */
  readonly identityType: string;
  /** The partition of the caller's ARN (`aws` when the event names none). */
  readonly partition: string;
  readonly keys: readonly EventContextKey[];
  /** Keys about the caller the event cannot show (CT-9). */
  readonly unknownKeys: readonly string[];
  readonly warnings: readonly string[];
  /** The service principal a service called with, for AWSService callers. */
  readonly servicePrincipal: boolean;
}

const IDENTITY = '/userIdentity';

/** Why the engine cannot stand in for these callers (CT-3). */
const REFUSED: ReadonlyMap<string, string> = new Map([
  [
    'IdentityCenterUser',
    'a request made on behalf of an IAM Identity Center user carries no IAM principal ARN: the engine cannot evaluate it',
  ],
  ['Unknown', 'CloudTrail could not tell who made the request (`Unknown`): there is no principal to evaluate'],
  [
    'Directory',
    'a request made by a directory service user is authorized by that service, not by IAM policies the engine reads',
  ],
]);

function partitionOf(arn: string | undefined): string {
  if (arn === undefined || !arn.startsWith('arn:')) return 'aws';
  const end = arn.indexOf(':', 4);
  return end > 4 ? arn.slice(4, end) : 'aws';
}

function isServiceName(value: string | undefined): value is string {
  return (
    value !== undefined &&
    value.endsWith('.amazonaws.com') &&
    value.length > '.amazonaws.com'.length &&
    !value.includes(' ') &&
    !value.includes('/') &&
    !value.includes(':')
  );
}

/** `creationDate` as ISO 8601: CloudTrail writes `2023-07-19T21:11:57Z`, and older examples `20131102T010628Z`. */
export function isoCreationDate(value: string): string | undefined {
  if (value.length === 16 && value.charAt(8) === 'T' && value.endsWith('Z')) {
    const digits = value.slice(0, 8) + value.slice(9, 15);
    for (let i = 0; i < digits.length; i += 1) {
      const c = digits.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return undefined;
    }
    return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`;
  }
  return value;
}

/**
 * The federated principal of a WebIdentityUser or SAMLUser: the provider as CloudTrail names it when the engine reads
 * it (a provider ARN, `accounts.google.com`, …), else the IAM OIDC provider ARN of that host in the event's account.
 */
function federatedPrincipal(
  provider: string,
  type: string,
  accountId: string | undefined,
  warnings: string[],
): string | undefined {
  try {
    parseCaller(provider);
    return provider;
  } catch {
    if (type === 'SAMLUser' || accountId === undefined) return undefined;
    const arn = `arn:aws:iam::${accountId}:oidc-provider/${provider}`;
    warnings.push(`the identity provider \`${provider}\` is evaluated as \`${arn}\``);
    return arn;
  }
}

const SESSION_UNKNOWN = ['aws:PrincipalTag/*', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'];

/**
 * The caller of an event: the principal string and what the event adds about it. Problems go to `issues`; the result
 * is then undefined.
 */
export function principalOfEvent(
  event: Readonly<Record<string, unknown>>,
  issues: IssueList,
): EventPrincipal | undefined {
  const identity = asRecord(Object.hasOwn(event, 'userIdentity') ? event['userIdentity'] : undefined);
  if (identity === undefined) {
    issues.error('missing_user_identity', IDENTITY, 'the event has no `userIdentity` object: the caller is unknown');
    return undefined;
  }
  const type = text(identity, 'type');
  if (type === undefined) {
    issues.error('missing_identity_field', `${IDENTITY}/type`, 'the `userIdentity` has no `type`');
    return undefined;
  }
  const refused = REFUSED.get(type);
  if (refused !== undefined) {
    issues.error('unsupported_identity_type', `${IDENTITY}/type`, `\`${type}\`: ${refused}`);
    return undefined;
  }
  const arn = text(identity, 'arn');
  const accountId = text(identity, 'accountId') ?? text(event, 'recipientAccountId');
  const principalId = text(identity, 'principalId');
  const keys: EventContextKey[] = [];
  const unknownKeys: string[] = [];
  const warnings: string[] = [];
  const session = asRecord(identity['sessionContext']);
  const attributes = asRecord(session?.['attributes']);
  const need = (name: string, what: string): undefined => {
    issues.error('missing_identity_field', `${IDENTITY}/${name}`, `a \`${type}\` identity needs \`${name}\`: ${what}`);
    return undefined;
  };
  const userid = (): void => {
    if (principalId !== undefined)
      keys.push({ key: 'aws:userid', value: principalId, from: 'userIdentity.principalId' });
  };
  const sessionKeys = (): void => {
    const mfa = text(attributes, 'mfaAuthenticated');
    if (mfa === 'true' || mfa === 'false') {
      keys.push({
        key: 'aws:MultiFactorAuthPresent',
        value: mfa === 'true',
        from: 'userIdentity.sessionContext.attributes.mfaAuthenticated',
      });
      if (mfa === 'true') unknownKeys.push('aws:MultiFactorAuthAge');
    } else {
      unknownKeys.push('aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge');
    }
    const created = text(attributes, 'creationDate');
    const iso = created === undefined ? undefined : isoCreationDate(created);
    if (iso !== undefined) {
      keys.push({ key: 'aws:TokenIssueTime', value: iso, from: 'userIdentity.sessionContext.attributes.creationDate' });
    } else {
      unknownKeys.push('aws:TokenIssueTime');
    }
    const sourceIdentity = text(session, 'sourceIdentity');
    if (sourceIdentity !== undefined) {
      keys.push({
        key: 'aws:SourceIdentity',
        value: sourceIdentity,
        from: 'userIdentity.sessionContext.sourceIdentity',
      });
    }
    if (asRecord(session?.['webIdFederationData']) !== undefined) unknownKeys.push('aws:FederatedProvider');
    if (text(session, 'ec2RoleDelivery') !== undefined) {
      unknownKeys.push('aws:Ec2InstanceSourceVpc', 'aws:Ec2InstanceSourcePrivateIPv4');
    }
  };
  const done = (principal: string, servicePrincipal = false): EventPrincipal => ({
    principal,
    identityType: type,
    partition: partitionOf(arn),
    keys,
    unknownKeys: [...unknownKeys, ...(servicePrincipal ? [] : SESSION_UNKNOWN)],
    warnings,
    servicePrincipal,
  });

  switch (type) {
    case 'IAMUser': {
      if (arn === undefined) return need('arn', 'the user ARN');
      userid();
      // Temporary credentials (console, GetSessionToken) carry the MFA and issue-time attributes; access keys do not.
      if (attributes !== undefined || text(identity, 'accessKeyId')?.startsWith('ASIA') === true) sessionKeys();
      return done(arn);
    }
    case 'AssumedRole': {
      if (arn === undefined)
        return need('arn', 'the role session ARN `arn:aws:sts::<account>:assumed-role/<role>/<session>`');
      userid();
      sessionKeys();
      const issuer = asRecord(session?.['sessionIssuer']);
      const roleArn = text(issuer, 'arn');
      // The engine derives the role ARN without its path from the session ARN; the issuer shows the path.
      if (roleArn !== undefined && roleArn.includes(':role/') && roleArn.split('/').length > 2) {
        keys.push({ key: 'aws:PrincipalArn', value: roleArn, from: 'userIdentity.sessionContext.sessionIssuer.arn' });
      }
      return done(arn);
    }
    case 'FederatedUser': {
      if (arn === undefined)
        return need('arn', 'the federated user ARN `arn:aws:sts::<account>:federated-user/<name>`');
      sessionKeys();
      return done(arn);
    }
    case 'Root': {
      const root = arn ?? (accountId === undefined ? undefined : `arn:aws:iam::${accountId}:root`);
      if (root === undefined) return need('arn', 'the root user ARN, or `accountId`');
      if (attributes !== undefined) sessionKeys();
      return done(root);
    }
    case 'AWSService': {
      const invokedBy = text(identity, 'invokedBy');
      if (!isServiceName(invokedBy)) {
        return need('invokedBy', 'the service principal name, such as `ec2.amazonaws.com`');
      }
      unknownKeys.push('aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths');
      return done(invokedBy, true);
    }
    case 'AWSAccount': {
      if (accountId === undefined || !isAccountId(accountId)) {
        return need('accountId', 'the 12-digit id of the calling account');
      }
      userid();
      warnings.push(
        `the event names only the calling account \`${accountId}\`, not who in it called: evaluated as its root user, so the keys derived from the principal may differ`,
      );
      unknownKeys.push('aws:PrincipalArn', 'aws:PrincipalType', 'aws:username');
      return done(`arn:aws:iam::${accountId}:root`);
    }
    case 'WebIdentityUser':
    case 'SAMLUser': {
      const provider = text(identity, 'identityProvider');
      if (provider === undefined) return need('identityProvider', 'the identity provider the caller signed in with');
      const host = provider.startsWith('arn:') ? provider.slice(provider.indexOf('/') + 1) : provider;
      // The claims the trust policy tests (`saml:aud`, `<provider>:sub`) are in the token, never in the event.
      unknownKeys.push(type === 'SAMLUser' ? 'saml:*' : `${host}:*`);
      const principal = federatedPrincipal(provider, type, accountId, warnings);
      if (principal === undefined) {
        issues.error(
          'unsupported_identity_type',
          `${IDENTITY}/identityProvider`,
          `\`${type}\` with the provider \`${provider}\`: the engine needs the provider's ARN (\`arn:aws:iam::<account>:saml-provider/<name>\` or \`…:oidc-provider/<host>\`) to evaluate the trust policy`,
        );
        return undefined;
      }
      return { ...done(principal), unknownKeys: [...unknownKeys] };
    }
    default:
      issues.error(
        'unsupported_identity_type',
        `${IDENTITY}/type`,
        `\`${type}\` is no \`userIdentity\` type the engine knows: expected IAMUser, AssumedRole, FederatedUser, Root, AWSService, AWSAccount, WebIdentityUser or SAMLUser`,
      );
      return undefined;
  }
}
