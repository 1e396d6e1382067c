import type { DerivedContextKey, EvaluateOptions } from '../model/evaluation-result.js';
import type { ContextValue } from '../model/request.js';
import { epochMillisToIso, instantToEpochMillis } from './instant.js';
import type { Caller } from './principal.js';

/**
 * Global condition keys the request implies (IAM-SEMANTICS §9.1, §9.2), for those the caller did not supply:
 * a supplied value always wins, whatever the case of its key (G-30).
 *
 * [X] choices (docs/evaluation-logic.md):
 * - `aws:userid` is derived only where its value follows from the ARN: the root user (account id), a federated user
 *   (`account:name`) and anonymous (`anonymous`). IAM users' `AIDA…` and roles' `AROA…` ids are not in their ARNs:
 *   supply them in the context.
 * - `aws:PrincipalArn` of a role session is its role ARN without path (principal.ts).
 * - `aws:ResourceAccount` is derived from `resourceAccount` or the resource ARN when either names an account.
 * - Time keys only from the `now` option, never from the clock.
 */

const PRINCIPAL_TYPES: Readonly<Record<Caller['kind'], string | undefined>> = {
  root: 'Account',
  user: 'User',
  role: 'AssumedRole',
  roleSession: 'AssumedRole',
  federatedUser: 'FederatedUser',
  anonymous: 'Anonymous',
  service: undefined,
  federatedIdentity: undefined,
};

function principalArn(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'root':
      return `arn:${caller.partition ?? 'aws'}:iam::${caller.accountId ?? ''}:root`;
    case 'user':
    case 'federatedUser':
      return caller.arn;
    case 'role':
    case 'roleSession':
      return caller.roleArn;
    case 'anonymous':
    case 'service':
    case 'federatedIdentity':
      return undefined;
  }
}

function userId(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'root':
      return caller.accountId;
    case 'federatedUser':
      return `${caller.accountId ?? ''}:${caller.federatedName ?? ''}`;
    case 'anonymous':
      return 'anonymous';
    case 'user':
    case 'role':
    case 'roleSession':
    case 'service':
    case 'federatedIdentity':
      return undefined;
  }
}

/** Everything the request implies, before the supplied context is considered, in a stable order. */
function impliedKeys(
  caller: Caller,
  resourceAccount: string | undefined,
  options: EvaluateOptions,
): readonly (readonly [string, string | number | boolean | undefined])[] {
  const signed = caller.kind !== 'anonymous' && caller.kind !== 'federatedIdentity';
  const epochMillis = options.now === undefined ? undefined : instantToEpochMillis(options.now);
  return [
    ['aws:PrincipalArn', principalArn(caller)],
    [
      'aws:PrincipalAccount',
      caller.kind === 'anonymous' ? 'anonymous' : caller.hasIdentitySide ? caller.accountId : undefined,
    ],
    ['aws:PrincipalType', PRINCIPAL_TYPES[caller.kind]],
    ['aws:username', caller.kind === 'user' ? caller.userName : undefined],
    ['aws:userid', userId(caller)],
    ['aws:PrincipalIsAWSService', signed ? caller.kind === 'service' : undefined],
    ['aws:PrincipalServiceName', caller.serviceName],
    ['aws:ResourceAccount', resourceAccount],
    ['aws:CurrentTime', epochMillis === undefined ? undefined : epochMillisToIso(epochMillis)],
    ['aws:EpochTime', epochMillis === undefined ? undefined : Math.floor(epochMillis / 1000)],
  ];
}

/**
 * The keys derived for this request: those the request implies and the supplied context does not hold.
 *
 * @throws TypeError when `options.now` is not a readable instant.
 */
export function deriveContext(
  caller: Caller,
  resourceAccount: string | undefined,
  supplied: Readonly<Record<string, ContextValue>> | undefined,
  options: EvaluateOptions,
): readonly DerivedContextKey[] {
  const suppliedKeys = new Set<string>();
  if (supplied !== undefined) for (const key of Object.keys(supplied)) suppliedKeys.add(key.toLowerCase());
  const derived: DerivedContextKey[] = [];
  for (const [key, value] of impliedKeys(caller, resourceAccount, options)) {
    if (value !== undefined && !suppliedKeys.has(key.toLowerCase())) derived.push(Object.freeze({ key, value }));
  }
  return Object.freeze(derived);
}
