import { isAccountIdAt, parseCaller, SERVICE_LINKED_ROLE_PATH, SERVICE_LINKED_ROLE_PREFIX } from './principal.js';
import type { Caller } from './principal.js';

/**
 * The caller of a request, read without the allocations of `parseCaller`
 * (src/request/principal.ts): the common shapes (IAM users, roles, role sessions, federated users and the root
 * user by ARN) are read with `indexOf` into one plain object; every other shape, and every error, is left to the
 * `parseCaller`, so the result and the thrown `TypeError` are its own. test/unit/compile/caller.test.ts checks
 * both against each other.
 */

/** Whether `text` holds `word` at `at`, compared by code unit (cheaper than `startsWith` for short words). */
function holds(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i += 1) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Reads the caller string of a request.
 *
 * @throws TypeError when the string names no caller the engine knows (`parseCaller`'s error).
 */
export function readCaller(principal: string): Caller {
  // `arn:<partition>:<service>::<12-digit account>:<resource>`, resource kept whole (it may hold colons).
  if (!holds(principal, 0, 'arn:')) return parseCaller(principal);
  // The second to fifth colons, in one pass.
  let c2 = -1;
  let c3 = -1;
  let c4 = -1;
  let c5 = -1;
  for (let i = 4; i < principal.length; i += 1) {
    if (principal.charCodeAt(i) !== 0x3a) continue;
    if (c2 < 0) c2 = i;
    else if (c3 < 0) c3 = i;
    else if (c4 < 0) c4 = i;
    else {
      c5 = i;
      break;
    }
  }
  if (c5 < 0 || c2 === 4 || c4 !== c3 + 1 || !isAccountIdAt(principal, c4 + 1, c5)) return parseCaller(principal);
  const partition = c2 === 7 && principal.startsWith('aws', 4) ? 'aws' : principal.slice(4, c2);
  const accountId = principal.slice(c4 + 1, c5);
  const serviceLength = c3 - c2 - 1;
  const start = c5 + 1;
  if (serviceLength === 3 && holds(principal, c2 + 1, 'iam')) {
    if (principal.length === start + 4 && holds(principal, start, 'root')) {
      return {
        kind: 'root',
        arn: principal,
        partition,
        accountId,
        serviceLinkedRole: false,
        hasIdentitySide: true,
        isSession: false,
      };
    }
    const user = holds(principal, start, 'user/');
    if (user || holds(principal, start, 'role/')) {
      const rest = start + 5;
      // The name follows the last `/` of the path; a colon anywhere after `user/` is left to `parseCaller`.
      let slash = rest - 1;
      for (let i = principal.length - 1; i >= rest; i -= 1) {
        const c = principal.charCodeAt(i);
        if (c === 0x3a) return parseCaller(principal);
        if (c === 0x2f && slash < rest) slash = i;
      }
      if (slash === principal.length - 1) return parseCaller(principal);
      const name = principal.slice(slash + 1);
      if (user) {
        return {
          kind: 'user',
          arn: principal,
          partition,
          accountId,
          userName: name,
          serviceLinkedRole: false,
          hasIdentitySide: true,
          isSession: false,
        };
      }
      return {
        kind: 'role',
        arn: principal,
        partition,
        accountId,
        roleName: name,
        roleArn: principal,
        serviceLinkedRole: holds(principal, rest, SERVICE_LINKED_ROLE_PATH),
        hasIdentitySide: true,
        isSession: true,
      };
    }
    return parseCaller(principal);
  }
  if (serviceLength === 3 && holds(principal, c2 + 1, 'sts')) {
    if (holds(principal, start, 'assumed-role/')) {
      const rest = start + 'assumed-role/'.length;
      const slash = principal.indexOf('/', rest);
      if (slash <= rest || slash === principal.length - 1 || principal.indexOf(':', rest) >= 0) {
        return parseCaller(principal);
      }
      const roleName = principal.slice(rest, slash);
      return {
        kind: 'roleSession',
        arn: principal,
        partition,
        accountId,
        roleName,
        roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
        sessionName: principal.slice(slash + 1),
        serviceLinkedRole: roleName.startsWith(SERVICE_LINKED_ROLE_PREFIX),
        hasIdentitySide: true,
        isSession: true,
      };
    }
    if (holds(principal, start, 'federated-user/')) {
      const federatedName = principal.slice(start + 'federated-user/'.length);
      if (federatedName === '' || federatedName.includes(':')) return parseCaller(principal);
      return {
        kind: 'federatedUser',
        arn: principal,
        partition,
        accountId,
        federatedName,
        serviceLinkedRole: false,
        hasIdentitySide: true,
        isSession: true,
      };
    }
  }
  return parseCaller(principal);
}
