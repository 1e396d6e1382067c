import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedKey } from '../../../src/request/derived-keys.js';
import { isRoleArn as isRoleArnText } from '../../../src/request/request-kinds.js';
import { deriveContext } from '../../../src/request/derive-context.js';
import { instantToEpochMillis } from '../../../src/request/instant.js';
import { parseCaller } from '../../../src/request/principal.js';
import { isRoleArn } from '../../oracle/request-environment.js';
import { arbPrincipal, arbResource } from '../../../src/testing/arbitraries/index.js';

/**
 * The fast path derives one key at a time (src/request/derived-keys.ts); every key must come out as the reference's
 * `deriveContext` gives it (§9.1, §9.2, G-30), and no other key may be derived.
 */

const KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:username',
  'aws:userid',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalServiceName',
  'aws:ResourceAccount',
  'aws:RequestedRegion',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:SourceIp',
  'aws:PrincipalOrgID',
];

describe('derivedKey', () => {
  it('derives every key exactly as deriveContext does, and nothing else (EV-16 included)', () => {
    fc.assert(
      fc.property(
        arbPrincipal(),
        fc.option(fc.constantFrom('111122223333', '444455556666'), { nil: undefined }),
        fc.option(fc.constantFrom('2025-03-01T10:20:30Z', 1_700_000_123_456, '2024-02-29'), { nil: undefined }),
        fc.option(fc.constantFrom('eu-west-1', 'us-gov-west-1'), { nil: undefined }),
        (principal, account, now, region) => {
          const caller = parseCaller(principal);
          const reference = deriveContext(caller, account, region, undefined, now === undefined ? {} : { now });
          const input = {
            caller,
            givenAccount: account,
            epochMillis: now === undefined ? undefined : instantToEpochMillis(now),
            resourceRegion: region,
          };
          for (const key of KEYS) {
            const expected = reference.find((entry) => entry.key.toLowerCase() === key.toLowerCase());
            expect(derivedKey(key.toLowerCase(), input), key).toEqual(expected);
          }
          expect(reference.every((entry) => KEYS.includes(entry.key))).toBe(true);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('isRoleArn (request-kinds.ts)', () => {
  it("says what the oracle's isRoleArn says, without splitting", () => {
    const arnish = fc
      .array(fc.constantFrom('arn', 'aws', 'iam', '', '111122223333', 'role/App', 'role', 'user/x', 's3', 'iam:x'), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) => parts.join(':'));
    fc.assert(
      fc.property(fc.oneof(arnish, arbResource(), fc.string()), (resource) => {
        expect(isRoleArnText(resource)).toBe(isRoleArn(resource));
      }),
      { numRuns: 3_000 },
    );
  });
});
