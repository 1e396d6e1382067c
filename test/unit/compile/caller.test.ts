import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCaller } from '../../../src/request/read-caller.js';
import { parseCaller } from '../../../src/request/principal.js';
import { arbPrincipal } from '../../../src/testing/arbitraries/index.js';

/**
 * The fast path reads callers without the reference's allocations (src/request/read-caller.ts); it must read every string
 * exactly as `parseCaller` does (E-10, §9.2): the same caller, or the same TypeError.
 */

function outcome(read: (principal: string) => unknown, principal: string): unknown {
  try {
    return { ok: read(principal) };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

/** ARN-shaped strings built from the pieces callers are made of, valid and broken. */
const arnLike = fc
  .tuple(
    fc.constantFrom('arn', 'arn', 'arn', 'ARN', 'urn'),
    fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', ''),
    fc.constantFrom('iam', 'sts', 's3', 'IAM', 'iamx'),
    fc.constantFrom('', '', 'us-east-1'),
    fc.constantFrom('111122223333', '444455556666', '12345678901', '1111222233334', 'abcdefghijkl'),
    fc.constantFrom(
      'root',
      'root/',
      'user/alice',
      'user/team/carol',
      'user/',
      'user/a:b',
      'role/App',
      'role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
      'role/',
      'role/path/',
      'assumed-role/App/s1',
      'assumed-role/AWSServiceRoleForX/s',
      'assumed-role/App/',
      'assumed-role//s',
      'assumed-role/App',
      'assumed-role/App/s:1',
      'assumed-role/App/a/b',
      'federated-user/fed',
      'federated-user/',
      'federated-user/a:b',
      'saml-provider/okta',
      'oidc-provider/token.actions.githubusercontent.com',
      'group/admins',
      'user',
    ),
  )
  .map((parts) => parts.join(':'));

describe('readCaller reads every caller as parseCaller does', () => {
  it('on the principals of the arbitraries', () => {
    fc.assert(
      fc.property(arbPrincipal(), (principal) => {
        expect(outcome(readCaller, principal)).toEqual(outcome(parseCaller, principal));
      }),
      { numRuns: 2_000 },
    );
  });

  it('on ARN-shaped strings, valid and broken, and on any string', () => {
    fc.assert(
      fc.property(fc.oneof(arnLike, fc.string(), fc.constantFrom('*', '111122223333', 'ec2.amazonaws.com')), (p) => {
        expect(outcome(readCaller, p)).toEqual(outcome(parseCaller, p));
      }),
      { numRuns: 5_000 },
    );
  });
});
