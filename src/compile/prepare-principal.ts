import type { PrincipalValue } from '../model/normalized-policy.js';

/**
 * A `Principal`/`NotPrincipal` value read once at compile time: the partition of an ARN value, the account of an
 * account value and the account and name of a role ARN (`arn:p:iam::A:role/path/name` names account A's role
 * `name`, EV-8). src/evaluator/match-principal.ts compares these with the caller on every request.
 */
export interface PreparedPrincipalValue {
  readonly value: PrincipalValue;
  /** The partition of a value written as an ARN; `undefined` for a bare account id, a service, `*`. */
  readonly partition: string | undefined;
  /** For an account value: its account id. For a role ARN: the role's account, when the ARN names a role. */
  readonly accountId: string | undefined;
  /** For a role ARN that names a role: the role's name (its path ignored, EV-8). */
  readonly roleName: string | undefined;
}

function partitionOf(value: PrincipalValue): string | undefined {
  if (!value.raw.startsWith('arn:')) return undefined;
  const end = value.raw.indexOf(':', 4);
  return end < 0 ? undefined : value.raw.slice(4, end);
}

/** Reads one value. */
export function preparePrincipalValue(value: PrincipalValue): PreparedPrincipalValue {
  const partition = partitionOf(value);
  if (value.kind === 'account') {
    return Object.freeze({
      value,
      partition,
      accountId: value.accountId ?? value.value.split(':')[4],
      roleName: undefined,
    });
  }
  if (value.kind === 'role') {
    const parts = value.value.split(':');
    const resource = parts[5] ?? '';
    const named = parts.length === 6 && parts[2] === 'iam' && resource.startsWith('role/');
    return Object.freeze({
      value,
      partition,
      accountId: named ? parts[4] : undefined,
      roleName: named ? resource.slice(resource.lastIndexOf('/') + 1) : undefined,
    });
  }
  return Object.freeze({ value, partition, accountId: undefined, roleName: undefined });
}
