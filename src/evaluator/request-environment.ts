import { createRequestContext } from '../conditions/request-context.js';
import { splitArn } from '../matching/arn.js';
import type { DerivedContextKey, EvaluateOptions } from '../model/evaluation-result.js';
import type { RequestContextView, RequestInput } from '../model/request.js';
import { arnRegion, deriveContext } from '../request/derive-context.js';
import type { PrincipalFacts } from './match-principal.js';
import { isAccountId, parseCaller } from '../request/principal.js';
import type { Caller } from '../request/principal.js';

/**
 * Everything about one request that every policy type reads, worked out once per request.
 *
 * [X] choices (docs/evaluation-logic.md):
 * - EV-1: a resource whose account is unknown (`*`, an S3 ARN without `resourceAccount`) is in the caller's account.
 * - EV-2: for these actions on an IAM role ARN the resource-based policy is the role's trust policy, which must allow
 *   by itself (E-8): `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`,
 *   `sts:SetSourceIdentity`, `sts:SetContext`.
 * - EV-11: a `kms:` action on `arn:<p>:kms:<r>:<a>:key/<id>` needs the key policy's Allow (E-8).
 */

/** The default list of services RCPs constrain (O-7, docs/evaluation-logic.md). */
export const DEFAULT_RCP_SUPPORTED_SERVICES: readonly string[] = Object.freeze([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'ecr',
  'aoss',
  'cognito-idp',
  'logs',
  'dynamodb',
]);

/** Actions on an IAM role that its trust policy governs (EV-2), lower-cased. */
export const TRUST_POLICY_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** The AssumeRole calls among them, lower-cased. */
export const ASSUME_ROLE_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
]);

/** Options with their defaults applied. */
export interface ResolvedOptions {
  readonly managementAccountId?: string;
  readonly rcpSupportedServices: ReadonlySet<string>;
  readonly implicitRcpFullAccess: boolean;
}

/** One request, ready for evaluation. */
export interface RequestEnvironment {
  readonly request: RequestInput;
  readonly caller: Caller;
  /** The service prefix of the action, lower-cased. */
  readonly service: string;
  /** The resource's account: given, from the ARN, or (EV-1) the caller's. */
  readonly resourceAccount?: string;
  readonly resourceAccountKnown: boolean;
  /** The caller has identity policies and sits in the resource's account. */
  readonly sameAccount: boolean;
  readonly context: RequestContextView;
  readonly derived: readonly DerivedContextKey[];
  readonly principalFacts: PrincipalFacts;
  /** `sts:AssumeRole*` and friends on an IAM role: the trust policy decides (E-8, EV-2). */
  readonly trustPolicyRequest: boolean;
  /** A trust-governed action that is not one of the AssumeRole calls (EV-2). */
  readonly trustPolicyOtherAction: boolean;
  /** A KMS action on a key: the key policy must allow (E-8, EV-11). */
  readonly kmsKeyRequest: boolean;
  readonly options: ResolvedOptions;
}

/** Whether an ARN names an IAM role (`arn:p:iam::A:role/...`). */
export function isRoleArn(arn: string): boolean {
  const parts = splitArn(arn);
  return parts !== undefined && parts[0] === 'arn' && parts[2] === 'iam' && parts[5].startsWith('role/');
}

function isKmsKeyArn(arn: string): boolean {
  const parts = splitArn(arn);
  return parts !== undefined && parts[0] === 'arn' && parts[2] === 'kms' && parts[5].startsWith('key/');
}

function accountOfResource(request: RequestInput): string | undefined {
  if (request.resourceAccount !== undefined && request.resourceAccount !== '') return request.resourceAccount;
  const parts = splitArn(request.resource);
  return parts !== undefined && isAccountId(parts[4]) ? parts[4] : undefined;
}

/**
 * Works out the caller, the accounts, the derived context keys and the request's special cases.
 * A permissions boundary belongs to users and roles, never to the root user (EV-3).
 *
 * @throws TypeError for a principal string the engine cannot read, or an unreadable `now` option.
 */
export function buildRequestEnvironment(
  request: RequestInput,
  options: EvaluateOptions,
  permissionsBoundaryGiven: boolean,
): RequestEnvironment {
  const caller = parseCaller(request.principal);
  const givenAccount = accountOfResource(request);
  const resourceAccount = givenAccount ?? (caller.hasIdentitySide ? caller.accountId : undefined);
  const derived = deriveContext(caller, givenAccount, arnRegion(splitArn(request.resource)), request.context, options);
  const derivedRecord: Record<string, string | number | boolean> = Object.create(null) as Record<
    string,
    string | number | boolean
  >;
  for (const entry of derived) derivedRecord[entry.key] = entry.value;
  const context = createRequestContext(request.context, derivedRecord);
  const userIdEntry = context.get('aws:userid');
  const suppliedUserId =
    userIdEntry !== undefined && userIdEntry.origin === 'supplied' && userIdEntry.values[0] !== undefined
      ? String(userIdEntry.values[0])
      : undefined;
  const action = request.action.toLowerCase();
  const colon = action.indexOf(':');
  const service = colon < 0 ? action : action.slice(0, colon);
  const trustPolicyRequest = TRUST_POLICY_ACTIONS.has(action) && isRoleArn(request.resource);
  const principalFacts: PrincipalFacts = {
    caller,
    ...(suppliedUserId === undefined ? {} : { suppliedUserId }),
    ...(options.federatedUserIssuerArn === undefined ? {} : { federatedUserIssuerArn: options.federatedUserIssuerArn }),
    hasPermissionsBoundary: permissionsBoundaryGiven && caller.hasIdentitySide && caller.kind !== 'root',
  };
  return {
    request,
    caller,
    service,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
    resourceAccountKnown: givenAccount !== undefined,
    sameAccount: caller.hasIdentitySide && resourceAccount !== undefined && resourceAccount === caller.accountId,
    context,
    derived,
    principalFacts,
    trustPolicyRequest,
    trustPolicyOtherAction: trustPolicyRequest && !ASSUME_ROLE_ACTIONS.has(action),
    kmsKeyRequest: service === 'kms' && isKmsKeyArn(request.resource),
    options: {
      ...(options.managementAccountId === undefined ? {} : { managementAccountId: options.managementAccountId }),
      rcpSupportedServices: new Set(
        (options.rcpSupportedServices ?? DEFAULT_RCP_SUPPORTED_SERVICES).map((name) => name.toLowerCase()),
      ),
      implicitRcpFullAccess: options.implicitRcpFullAccess ?? true,
    },
  };
}
