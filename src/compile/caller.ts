import { parseCaller } from '../evaluator/principal.js';
import type { Caller } from '../evaluator/principal.js';

/**
 * The caller of a request, read without the allocations of the reference's `parseCaller`
 * (src/evaluator/principal.ts): the common shapes (IAM users, roles, role sessions, federated users and the root
 * user by ARN) are read with `indexOf` into one plain object; every other shape, and every error, is left to the
 * reference, so the result and the thrown `TypeError` are the reference's. test/unit/compile/caller.test.ts checks
 * both against each other.
 */

const SERVICE_LINKED_ROLE_PREFIX = 'AWSServiceRoleFor';
const SERVICE_LINKED_ROLE_PATH = 'aws-service-role/';

function isAccountIdAt(text: string, start: number, end: number): boolean {
  if (end - start !== 12) return false;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Reads the caller string of a request.
 *
 * @throws TypeError when the string names no caller the engine knows (the reference's error).
 */
export function readCaller(principal: string): Caller {
  // `arn:<partition>:<service>::<12-digit account>:<resource>`, resource kept whole (it may hold colons).
  if (!principal.startsWith('arn:')) return parseCaller(principal);
  const c2 = principal.indexOf(':', 4);
  const c3 = c2 < 0 ? -1 : principal.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : principal.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : principal.indexOf(':', c4 + 1);
  if (c5 < 0 || c2 === 4 || c4 !== c3 + 1 || !isAccountIdAt(principal, c4 + 1, c5)) return parseCaller(principal);
  const partition = principal.slice(4, c2);
  const accountId = principal.slice(c4 + 1, c5);
  const serviceLength = c3 - c2 - 1;
  const start = c5 + 1;
  if (serviceLength === 3 && principal.startsWith('iam', c2 + 1)) {
    if (principal.length === start + 4 && principal.endsWith('root')) {
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
    const user = principal.startsWith('user/', start);
    if (user || principal.startsWith('role/', start)) {
      const rest = start + 5;
      const name = principal.slice(Math.max(principal.lastIndexOf('/'), rest - 1) + 1);
      if (name === '' || principal.indexOf(':', rest) >= 0) return parseCaller(principal);
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
        serviceLinkedRole: principal.startsWith(SERVICE_LINKED_ROLE_PATH, rest),
        hasIdentitySide: true,
        isSession: true,
      };
    }
    return parseCaller(principal);
  }
  if (serviceLength === 3 && principal.startsWith('sts', c2 + 1)) {
    if (principal.startsWith('assumed-role/', start)) {
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
    if (principal.startsWith('federated-user/', start)) {
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
