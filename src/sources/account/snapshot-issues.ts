/**
 * Every stable code of a problem in an account snapshot or in what it resolves, so that tools can branch on codes
 * rather than on wording (docs/aws-inputs.md, AS-1). Codes are never renamed; new ones are added at the end of their
 * group. The first group are errors (`loadAccountSnapshot` throws `AccountSnapshotError`); the second are warnings
 * (carried on the snapshot and on every resolution, AS-8).
 *
 * @example
 * ```ts
 * import { ACCOUNT_SNAPSHOT_ISSUE_CODES } from 'iam-policy-evaluator';
 * ACCOUNT_SNAPSHOT_ISSUE_CODES.includes('managed_policy_not_found'); //=> true
 * ```
 */
export const ACCOUNT_SNAPSHOT_ISSUE_CODES = Object.freeze([
  // errors: the snapshot cannot be read
  'invalid_snapshot',
  'unknown_snapshot_field',
  'missing_gaad',
  'invalid_gaad',
  'missing_gaad_field',
  'invalid_policy_document',
  'missing_default_version',
  'duplicate_gaad_entry',
  'invalid_organization',
  'invalid_resource_policy',
  'invalid_request',
  // warnings: a piece the request needs is not in the snapshot
  'gaad_truncated',
  'principal_not_found',
  'principal_not_covered',
  'managed_policy_not_found',
  'group_not_found',
  'role_not_found',
  'resource_policy_not_found',
  'account_not_in_organization',
  'org_policy_not_found',
  'org_level_without_scp',
  'resource_account_unknown',
] as const);

/**
 * One stable account snapshot issue code.
 *
 * @example
 * ```ts
 * import type { AccountSnapshotIssueCode } from 'iam-policy-evaluator';
 * const code: AccountSnapshotIssueCode = 'gaad_truncated';
 * ```
 */
export type AccountSnapshotIssueCode = (typeof ACCOUNT_SNAPSHOT_ISSUE_CODES)[number];

/**
 * One problem of an account snapshot: its stable code, whether it stops the snapshot (`error`) or is reported with a
 * resolution (`warning`), the message, and an RFC 6901 JSON Pointer into the snapshot input (`/gaad/0/UserDetailList/2`,
 * `/resourcePolicies/arn:aws:s3:::b`) or, for what a request names, into the request (`/request/principal`).
 *
 * @example
 * ```ts
 * import type { AccountSnapshotIssue } from 'iam-policy-evaluator';
 * const issue: AccountSnapshotIssue = {
 *   code: 'group_not_found',
 *   severity: 'warning',
 *   message: 'user `alice` is in group `Ops`, which the snapshot does not hold: its policies are missing',
 *   pointer: '/gaad/UserDetailList/0/GroupList/1',
 * };
 * ```
 */
export interface AccountSnapshotIssue {
  readonly code: AccountSnapshotIssueCode;
  readonly severity: 'error' | 'warning';
  /** Lowercase, no trailing period, input in backticks, like policy and request issues. */
  readonly message: string;
  /** RFC 6901 JSON Pointer into the snapshot input, or `/request/…` for the request being resolved. */
  readonly pointer: string;
}

function summarise(issues: readonly AccountSnapshotIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const first = errors[0] ?? issues[0];
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  if (first === undefined) return 'the account snapshot is invalid';
  return `the account snapshot has ${count}, the first at ${first.pointer === '' ? '/' : first.pointer}: ${first.message}`;
}

/**
 * Thrown by `loadAccountSnapshot` when the snapshot cannot be read (AS-1): it is not an object, it has no GAAD, a
 * GAAD entry lacks its ARN or name, a policy document is neither an object nor JSON text (plain or URL-encoded), a
 * managed policy has no default version, or the organization or resource policies are not in a documented form; and
 * by `snapshot.resolve` for a request whose principal, action or resource is not a string. `.issues` lists every
 * problem found, errors first, each with its stable code and JSON Pointer. A snapshot with an error gives no
 * policies at all (fail closed).
 *
 * @example
 * ```ts
 * import { loadAccountSnapshot, AccountSnapshotError } from 'iam-policy-evaluator';
 * let caught: unknown;
 * try {
 *   loadAccountSnapshot({ gaad: { UserDetailList: [{ UserName: 'alice' }, { UserName: 'bob', Arn: 7 }] } });
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof AccountSnapshotError; //=> true
 * (caught as AccountSnapshotError).issues.map((issue) => issue.pointer); //=> ['/gaad/UserDetailList/0/Arn', '/gaad/UserDetailList/1/Arn']
 * ```
 */
export class AccountSnapshotError extends Error {
  /** Stable code of this error class, for callers that match on codes rather than classes. */
  readonly code = 'account_snapshot_error' as const;
  /** Every issue, errors first in the order found, then warnings; at least one is an error. */
  readonly issues: readonly [AccountSnapshotIssue, ...AccountSnapshotIssue[]];

  constructor(issues: readonly [AccountSnapshotIssue, ...AccountSnapshotIssue[]]) {
    super(summarise(issues));
    this.name = 'AccountSnapshotError';
    const ordered = [
      ...issues.filter((issue) => issue.severity === 'error'),
      ...issues.filter((issue) => issue.severity !== 'error'),
    ];
    this.issues = Object.freeze(ordered) as readonly AccountSnapshotIssue[] as readonly [
      AccountSnapshotIssue,
      ...AccountSnapshotIssue[],
    ];
  }
}

/** Collects the issues of one load or resolution; `throwIfErrors` ends a load that found an error. */
export class IssueList {
  readonly items: AccountSnapshotIssue[] = [];

  error(code: AccountSnapshotIssueCode, pointer: string, message: string): void {
    this.items.push(Object.freeze({ code, severity: 'error', message, pointer }));
  }

  warning(code: AccountSnapshotIssueCode, pointer: string, message: string): void {
    this.items.push(Object.freeze({ code, severity: 'warning', message, pointer }));
  }

  get hasErrors(): boolean {
    return this.items.some((issue) => issue.severity === 'error');
  }

  throwIfErrors(): void {
    const [first, ...rest] = this.items;
    if (first !== undefined && this.hasErrors) throw new AccountSnapshotError([first, ...rest]);
  }
}
