import type { IssueCode } from '../errors/issue-codes.js';
import type { PrincipalKind } from '../model/normalized-policy.js';
import type { ParsedPrincipal } from './parsed-policy.js';
import { MESSAGES } from './messages.js';

/** What a principal value names, in canonical form, or why it is not a principal. */
export type PrincipalReading =
  | { readonly ok: true; readonly kind: PrincipalKind; readonly value: string; readonly accountId?: string }
  | { readonly ok: false; readonly code: IssueCode; readonly message: string };

const ACCOUNT_ID = /^\d{12}$/;
// arn:PARTITION:SERVICE::ACCOUNT:RESOURCE — IAM and STS ARNs have no region.
const IAM_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):(iam|sts)::(\d{12}):(.+)$/;
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{12,124}$/;
const DNS_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const CANONICAL_USER = /^[0-9a-f]{64}$/i;
const PATH_NAME = /^[\w+=,.@/-]+$/;
/**
 * The legacy CloudFront origin access identity (OAI): a CloudFront-owned IAM user under the pseudo-account
 * `cloudfront`, whose name holds spaces (S3 user guide, bucket policies granting an OAI; CloudFront developer guide).
 */
export const CLOUDFRONT_OAI_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::cloudfront:user\/CloudFront Origin Access Identity [A-Z0-9]+$/;

function invalid(type: string, value: string, expected: string): PrincipalReading {
  return { ok: false, code: 'invalid_principal', message: MESSAGES.invalidPrincipal(type, value, expected) };
}

function readAwsArn(value: string): PrincipalReading {
  const match = IAM_ARN.exec(value);
  const expected =
    'an account id, `arn:aws:iam::ACCOUNT:root`, a user, role, assumed-role session or federated-user ARN, a CloudFront origin access identity, or a unique id';
  if (CLOUDFRONT_OAI_ARN.test(value)) return { ok: true, kind: 'user', value };
  if (match === null) return invalid('AWS', value, expected);
  const service = match[2] ?? '';
  const accountId = match[3] ?? '';
  const resource = match[4] ?? '';
  const slash = resource.indexOf('/');
  const head = slash < 0 ? resource : resource.slice(0, slash);
  const tail = slash < 0 ? '' : resource.slice(slash + 1);
  if (service === 'iam') {
    if (resource === 'root') return { ok: true, kind: 'account', value, accountId };
    if ((head === 'user' || head === 'role') && tail !== '' && PATH_NAME.test(tail) && !tail.endsWith('/')) {
      return { ok: true, kind: head, value, accountId };
    }
  } else {
    const pieces = tail.split('/');
    if (head === 'assumed-role' && pieces.length === 2 && pieces.every((p) => p !== '' && PATH_NAME.test(p))) {
      return { ok: true, kind: 'assumedRoleSession', value, accountId };
    }
    if (head === 'federated-user' && pieces.length === 1 && pieces[0] !== '' && PATH_NAME.test(tail)) {
      return { ok: true, kind: 'federatedUser', value, accountId };
    }
  }
  return invalid('AWS', value, expected);
}

/**
 * Reads one principal value of `Principal`/`NotPrincipal` (IAM-SEMANTICS G-15, G-17, W-10): classifies it and gives
 * its canonical form (a 12-digit account becomes `arn:aws:iam::ID:root`, G-15). A CloudFront origin access identity
 * is a `user` of no account. Principals never glob: a `*` or `?`
 * anywhere but as the whole value is refused (G-17).
 */
export function readPrincipal(principal: Pick<ParsedPrincipal, 'type' | 'value'>): PrincipalReading {
  const { type, value } = principal;
  if (value === '*' && (type === '*' || type === 'AWS')) return { ok: true, kind: 'everyone', value: '*' };
  if (value.includes('${')) {
    return { ok: false, code: 'variable_not_allowed', message: MESSAGES.variableNotAllowedIn(value, 'a principal') };
  }
  if (value.includes('*') || value.includes('?')) {
    return { ok: false, code: 'partial_wildcard_in_principal', message: MESSAGES.partialWildcardPrincipal(value) };
  }
  switch (type) {
    case '*':
      return { ok: false, code: 'invalid_principal', message: MESSAGES.bareStringPrincipal(value) };
    case 'AWS':
      if (ACCOUNT_ID.test(value))
        return { ok: true, kind: 'account', value: `arn:aws:iam::${value}:root`, accountId: value };
      if (UNIQUE_ID.test(value)) return { ok: true, kind: 'uniqueId', value };
      return readAwsArn(value);
    case 'Service':
      if (DNS_NAME.test(value)) return { ok: true, kind: 'service', value };
      return invalid('Service', value, 'a service principal name such as `ec2.amazonaws.com`');
    case 'Federated': {
      if (DNS_NAME.test(value)) return { ok: true, kind: 'federated', value };
      const match = IAM_ARN.exec(value);
      const resource = match?.[4] ?? '';
      if (match !== null && match[2] === 'iam' && /^(saml-provider|oidc-provider)\/.+$/.test(resource)) {
        return { ok: true, kind: 'federated', value, accountId: match[3] ?? '' };
      }
      return invalid(
        'Federated',
        value,
        'an identity provider such as `cognito-identity.amazonaws.com` or a `saml-provider/` or `oidc-provider/` ARN',
      );
    }
    case 'CanonicalUser':
      if (CANONICAL_USER.test(value)) return { ok: true, kind: 'canonicalUser', value };
      return invalid('CanonicalUser', value, 'a 64-digit hexadecimal canonical user id');
  }
}
