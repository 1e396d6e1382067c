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
 * - EV-16: `aws:RequestedRegion` is the region of a regional resource ARN (`arn:aws:ec2:eu-west-1:…`): a call on a
 *   regional resource goes to that region's endpoint. Global ARNs (IAM, S3) and `*` imply none.
 */

/** What the derivation reads from the request. */
export interface DerivationInput {
  readonly caller: Caller;
  /** The account the request names for its resource (not the EV-1 fallback). */
  readonly givenAccount: string | undefined;
  /** The `now` option as epoch milliseconds, when given. */
  readonly epochMillis: number | undefined;
  /** The region of the resource ARN, when it is a regional ARN (EV-16). */
  readonly resourceRegion: string | undefined;
}

/** How one implied key's value follows from the request: `undefined` when the request implies none. */
export type Derive = (input: DerivationInput) => string | number | boolean | undefined;

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

function principalArn({ caller }: DerivationInput): string | undefined {
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

function userId({ caller }: DerivationInput): string | undefined {
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

/** The region of a split ARN (its fourth component) when it names one: what `aws:RequestedRegion` derives from (EV-16). */
export function arnRegion(parts: readonly string[] | undefined): string | undefined {
  const region = parts !== undefined && parts[0] === 'arn' ? parts[3] : undefined;
  return region === '' ? undefined : region;
}

/** What part of the request a derived key follows from, as explanations name it. */
export type DerivationSource = 'principal' | 'resource' | 'now';

/**
 * Every key the request may imply, in a stable order, with how it is derived and what it follows from. The request
 * model (src/request/derived-keys.ts) derives one key at a time from this same table.
 */
export const IMPLIED_KEYS: readonly (readonly [key: string, derive: Derive, source: DerivationSource])[] = [
  ['aws:PrincipalArn', principalArn, 'principal'],
  [
    'aws:PrincipalAccount',
    ({ caller }) => (caller.kind === 'anonymous' ? 'anonymous' : caller.hasIdentitySide ? caller.accountId : undefined),
    'principal',
  ],
  ['aws:PrincipalType', ({ caller }) => PRINCIPAL_TYPES[caller.kind], 'principal'],
  ['aws:username', ({ caller }) => (caller.kind === 'user' ? caller.userName : undefined), 'principal'],
  ['aws:userid', userId, 'principal'],
  [
    'aws:PrincipalIsAWSService',
    ({ caller }) =>
      caller.kind !== 'anonymous' && caller.kind !== 'federatedIdentity' ? caller.kind === 'service' : undefined,
    'principal',
  ],
  ['aws:PrincipalServiceName', ({ caller }) => caller.serviceName, 'principal'],
  ['aws:ResourceAccount', ({ givenAccount }) => givenAccount, 'resource'],
  ['aws:RequestedRegion', ({ resourceRegion }) => resourceRegion, 'resource'],
  [
    'aws:CurrentTime',
    ({ epochMillis }) => (epochMillis === undefined ? undefined : epochMillisToIso(epochMillis)),
    'now',
  ],
  [
    'aws:EpochTime',
    ({ epochMillis }) => (epochMillis === undefined ? undefined : Math.floor(epochMillis / 1000)),
    'now',
  ],
];

const SOURCES: ReadonlyMap<string, DerivationSource> = new Map(
  IMPLIED_KEYS.map(([key, , source]) => [key.toLowerCase(), source]),
);

/** What a derived key follows from (the principal for a key the engine does not derive). */
export function derivationSource(key: string): DerivationSource {
  return SOURCES.get(key.toLowerCase()) ?? 'principal';
}

/**
 * The keys derived for this request: those the request implies and the supplied context does not hold.
 *
 * @throws TypeError when `options.now` is not a readable instant.
 */
export function deriveContext(
  caller: Caller,
  resourceAccount: string | undefined,
  resourceRegion: string | undefined,
  supplied: Readonly<Record<string, ContextValue>> | undefined,
  options: EvaluateOptions,
): readonly DerivedContextKey[] {
  const input: DerivationInput = {
    caller,
    givenAccount: resourceAccount,
    epochMillis: options.now === undefined ? undefined : instantToEpochMillis(options.now),
    resourceRegion,
  };
  const suppliedKeys = new Set<string>();
  if (supplied !== undefined) for (const key of Object.keys(supplied)) suppliedKeys.add(key.toLowerCase());
  const derived: DerivedContextKey[] = [];
  for (const [key, derive] of IMPLIED_KEYS) {
    const value = derive(input);
    if (value !== undefined && !suppliedKeys.has(key.toLowerCase())) derived.push(Object.freeze({ key, value }));
  }
  return Object.freeze(derived);
}
