import { epochMillisToIso } from '../evaluator/instant.js';
import type { Caller } from '../evaluator/principal.js';
import type { DerivedContextKey } from '../model/evaluation-result.js';

/**
 * The global keys a request implies (IAM-SEMANTICS §9.1, §9.2), worked out one key at a time for the fast path: the
 * same names and values as the reference's `deriveContext` (src/evaluator/derive-context.ts) would give for a request
 * that does not supply the key, without building the other nine. test/unit/compile/derived-keys.test.ts checks every
 * key against the reference.
 */

/** What the derivation reads from the request. */
export interface DerivationInput {
  readonly caller: Caller;
  /** The account the request names for its resource (not the EV-1 fallback). */
  readonly givenAccount: string | undefined;
  /** The `now` option as epoch milliseconds, when given. */
  readonly epochMillis: number | undefined;
}

type Derive = (input: DerivationInput) => string | number | boolean | undefined;

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

/** Each derivable key, by its lower-cased name: the name as the reference writes it, and how it is derived. */
const DERIVED: ReadonlyMap<string, { readonly key: string; readonly derive: Derive }> = new Map(
  (
    [
      [
        'aws:PrincipalArn',
        ({ caller }) => {
          switch (caller.kind) {
            case 'root':
              return `arn:${caller.partition ?? 'aws'}:iam::${caller.accountId ?? ''}:root`;
            case 'user':
            case 'federatedUser':
              return caller.arn;
            case 'role':
            case 'roleSession':
              return caller.roleArn;
            default:
              return undefined;
          }
        },
      ],
      [
        'aws:PrincipalAccount',
        ({ caller }) =>
          caller.kind === 'anonymous' ? 'anonymous' : caller.hasIdentitySide ? caller.accountId : undefined,
      ],
      ['aws:PrincipalType', ({ caller }) => PRINCIPAL_TYPES[caller.kind]],
      ['aws:username', ({ caller }) => (caller.kind === 'user' ? caller.userName : undefined)],
      [
        'aws:userid',
        ({ caller }) => {
          switch (caller.kind) {
            case 'root':
              return caller.accountId;
            case 'federatedUser':
              return `${caller.accountId ?? ''}:${caller.federatedName ?? ''}`;
            case 'anonymous':
              return 'anonymous';
            default:
              return undefined;
          }
        },
      ],
      [
        'aws:PrincipalIsAWSService',
        ({ caller }) =>
          caller.kind !== 'anonymous' && caller.kind !== 'federatedIdentity' ? caller.kind === 'service' : undefined,
      ],
      ['aws:PrincipalServiceName', ({ caller }) => caller.serviceName],
      ['aws:ResourceAccount', ({ givenAccount }) => givenAccount],
      ['aws:CurrentTime', ({ epochMillis }) => (epochMillis === undefined ? undefined : epochMillisToIso(epochMillis))],
      ['aws:EpochTime', ({ epochMillis }) => (epochMillis === undefined ? undefined : Math.floor(epochMillis / 1000))],
    ] satisfies [string, Derive][]
  ).map(([key, derive]) => [key.toLowerCase(), { key, derive }]),
);

/** The derived key for a lower-cased name, or `undefined` when the request implies no value for it. */
export function derivedKey(lower: string, input: DerivationInput): DerivedContextKey | undefined {
  const found = DERIVED.get(lower);
  if (found === undefined) return undefined;
  const value = found.derive(input);
  return value === undefined ? undefined : { key: found.key, value };
}
