import fc from 'fast-check';
import { ACCOUNTS, IAM_PATHS, NAMES, SERVICE_LINKED_ROLES, SERVICE_PRINCIPALS } from './catalog.js';

/**
 * Every kind of caller the arbitraries produce (IAM-SEMANTICS G-15, §9.2), to narrow a property to the callers it is
 * about.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPrincipal } from 'iam-policy-evaluator/arbitraries';
 * import type { PrincipalKindName } from 'iam-policy-evaluator/arbitraries';
 * const kinds: PrincipalKindName[] = ['accountRoot'];
 * fc.sample(arbPrincipal({ kinds }), { numRuns: 10, seed: 1 }).every((arn) => arn.endsWith(':root')); //=> true
 * ```
 */
export type PrincipalKindName =
  'iamUser' | 'roleSession' | 'federatedUser' | 'accountRoot' | 'anonymous' | 'service' | 'serviceLinkedRoleSession';

/**
 * Every principal kind, in the order `arbPrincipal` prefers when shrinking; filter it to leave some kinds out.
 *
 * @example
 * ```ts
 * import { PRINCIPAL_KINDS } from 'iam-policy-evaluator/arbitraries';
 * PRINCIPAL_KINDS; //=> ['iamUser', 'roleSession', 'accountRoot', 'federatedUser', 'anonymous', 'service', 'serviceLinkedRoleSession']
 * PRINCIPAL_KINDS.filter((kind) => kind !== 'anonymous').length; //=> 6
 * ```
 */
export const PRINCIPAL_KINDS: readonly PrincipalKindName[] = Object.freeze([
  'iamUser',
  'roleSession',
  'accountRoot',
  'federatedUser',
  'anonymous',
  'service',
  'serviceLinkedRoleSession',
]);

/**
 * A generated caller: its ARN (the `principal` of a request) and what it is made of, so a property can state what it
 * expects of, say, the caller's account.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPrincipalInfo } from 'iam-policy-evaluator/arbitraries';
 * import type { GeneratedPrincipal } from 'iam-policy-evaluator/arbitraries';
 * const sessions: GeneratedPrincipal[] = fc.sample(arbPrincipalInfo({ kinds: ['roleSession'] }), { numRuns: 10, seed: 1 });
 * sessions.every((p) => p.roleArn?.startsWith(`arn:aws:iam::${p.accountId}:role/`)); //=> true
 * ```
 */
export interface GeneratedPrincipal {
  readonly kind: PrincipalKindName;
  /** The string to put in `request.principal`. */
  readonly arn: string;
  /** Absent for anonymous callers and service principals. */
  readonly accountId?: string;
  /** For role sessions: the role's ARN (what `aws:PrincipalArn` holds). */
  readonly roleArn?: string;
}

/**
 * Options shared by the principal arbitraries: the accounts and kinds to draw from.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPrincipalInfo } from 'iam-policy-evaluator/arbitraries';
 * import type { PrincipalOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: PrincipalOptions = { accounts: ['999988887777'], kinds: ['iamUser', 'federatedUser'] };
 * fc.sample(arbPrincipalInfo(options), { numRuns: 10, seed: 1 }).every((p) => p.accountId === '999988887777'); //=> true
 * ```
 */
export interface PrincipalOptions {
  /** Accounts to draw from; defaults to {@link ACCOUNTS}. */
  readonly accounts?: readonly string[];
  /** Kinds to draw from; defaults to every kind. */
  readonly kinds?: readonly PrincipalKindName[];
}

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

function iamUser(accounts: readonly string[]): fc.Arbitrary<GeneratedPrincipal> {
  return fc
    .record({ account: pick(accounts), path: pick(IAM_PATHS), name: pick(NAMES) })
    .map(({ account, path, name }) => ({
      kind: 'iamUser',
      arn: `arn:aws:iam::${account}:user${path}${name}`,
      accountId: account,
    }));
}

function roleSession(accounts: readonly string[]): fc.Arbitrary<GeneratedPrincipal> {
  return fc
    .record({
      account: pick(accounts),
      path: pick(IAM_PATHS),
      role: pick(NAMES),
      session: pick(['session', 'alice', 'i-0abc1234']),
    })
    .map(({ account, path, role, session }) => ({
      kind: 'roleSession',
      arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
      accountId: account,
      roleArn: `arn:aws:iam::${account}:role${path}${role}`,
    }));
}

function federatedUser(accounts: readonly string[]): fc.Arbitrary<GeneratedPrincipal> {
  return fc
    .record({ account: pick(accounts), name: pick(['bob', 'carol', 'partner-app']) })
    .map(({ account, name }) => ({
      kind: 'federatedUser',
      arn: `arn:aws:sts::${account}:federated-user/${name}`,
      accountId: account,
    }));
}

function accountRoot(accounts: readonly string[]): fc.Arbitrary<GeneratedPrincipal> {
  return pick(accounts).map((account) => ({
    kind: 'accountRoot',
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
  }));
}

function serviceLinkedRoleSession(accounts: readonly string[]): fc.Arbitrary<GeneratedPrincipal> {
  return fc.record({ account: pick(accounts), role: pick(SERVICE_LINKED_ROLES) }).map(({ account, role }) => ({
    kind: 'serviceLinkedRoleSession',
    arn: `arn:aws:sts::${account}:assumed-role/${role[1]}/${role[0].split('.')[0] ?? 'service'}`,
    accountId: account,
    roleArn: `arn:aws:iam::${account}:role/aws-service-role/${role[0]}/${role[1]}`,
  }));
}

/**
 * Callers of every kind, with their parts: IAM users with paths, role sessions, federated users,
 * account roots, anonymous callers (`*`), service principals and sessions of service-linked roles.
 * Shrinks towards an IAM user named `app` in the first account.
 *
 * @param options - accounts and kinds to draw from
 * @returns an arbitrary of {@link GeneratedPrincipal}
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPrincipalInfo } from 'iam-policy-evaluator/arbitraries';
 * const [p] = fc.sample(arbPrincipalInfo({ kinds: ['roleSession'] }), { numRuns: 1, seed: 1 });
 * p?.kind; //=> 'roleSession'
 * p?.arn.startsWith(`arn:aws:sts::${p.accountId}:assumed-role/`); //=> true
 * ```
 */
export function arbPrincipalInfo(options: PrincipalOptions = {}): fc.Arbitrary<GeneratedPrincipal> {
  const accounts = options.accounts ?? ACCOUNTS;
  if (accounts.length === 0) throw new RangeError('no accounts to draw principals from');
  const builders: Record<PrincipalKindName, () => fc.Arbitrary<GeneratedPrincipal>> = {
    iamUser: () => iamUser(accounts),
    roleSession: () => roleSession(accounts),
    federatedUser: () => federatedUser(accounts),
    accountRoot: () => accountRoot(accounts),
    anonymous: () => fc.constant({ kind: 'anonymous', arn: '*' }),
    service: () => pick(SERVICE_PRINCIPALS).map((arn) => ({ kind: 'service', arn })),
    serviceLinkedRoleSession: () => serviceLinkedRoleSession(accounts),
  };
  const kinds = options.kinds ?? PRINCIPAL_KINDS;
  if (kinds.length === 0) throw new RangeError('no principal kinds to draw from');
  // One caller of every kind and a pick among them (not `oneof`): the pick then shrinks towards the first kind.
  return fc
    .tuple(fc.nat({ max: kinds.length - 1 }), fc.tuple(...kinds.map((kind) => builders[kind]())))
    .map(([i, callers]) => callers[i] ?? callers[0] ?? { kind: 'anonymous', arn: '*' });
}

/**
 * Caller ARNs of every kind (see {@link arbPrincipalInfo}), ready for `request.principal`.
 *
 * @param options - accounts and kinds to draw from
 * @returns an arbitrary of principal strings
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPrincipal } from 'iam-policy-evaluator/arbitraries';
 * const users = fc.sample(arbPrincipal({ kinds: ['iamUser'] }), { numRuns: 20, seed: 1 });
 * users.every((arn) => /^arn:aws:iam::\d{12}:user\//.test(arn)); //=> true
 * ```
 */
export function arbPrincipal(options: PrincipalOptions = {}): fc.Arbitrary<string> {
  return arbPrincipalInfo(options).map((p) => p.arn);
}
