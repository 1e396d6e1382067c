// loadAccountSnapshot beyond the case files: the request check of resolve, frozen results, `__proto__` keys, and the
// AS-18 properties (only the typed error is ever thrown, and the input is never changed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_SNAPSHOT_ISSUE_CODES, AccountSnapshotError, loadAccountSnapshot } from '../../../src/index.js';
import type { AccountSnapshotInput, RequestInput } from '../../../src/index.js';

const A = '111122223333';
const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] };
const gaad = {
  UserDetailList: [
    {
      UserName: 'alice',
      Arn: `arn:aws:iam::${A}:user/alice`,
      UserPolicyList: [{ PolicyName: 'P', PolicyDocument: allow }],
    },
  ],
};

function thrown(run: () => unknown): AccountSnapshotError {
  try {
    run();
  } catch (error) {
    if (error instanceof AccountSnapshotError) return error;
    throw error;
  }
  throw new Error('nothing thrown');
}

describe('AccountSnapshotError and the codes (AS-1)', () => {
  it('AS-1: codes are unique, snake_case, and every error lists errors first', () => {
    expect(new Set(ACCOUNT_SNAPSHOT_ISSUE_CODES).size).toBe(ACCOUNT_SNAPSHOT_ISSUE_CODES.length);
    for (const code of ACCOUNT_SNAPSHOT_ISSUE_CODES) expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/u);
    const error = thrown(() => loadAccountSnapshot({ gaad: { UserDetailList: [{}] } }));
    expect(error.code).toBe('account_snapshot_error');
    expect(error.name).toBe('AccountSnapshotError');
    expect(error.message).toBe(
      'the account snapshot has 2 errors, the first at /gaad/UserDetailList/0/Arn: `Arn` is missing',
    );
    expect(Object.isFrozen(error.issues)).toBe(true);
  });

  it('AS-1: resolve refuses a request whose principal, action or resource is not a string', () => {
    const snapshot = loadAccountSnapshot({ gaad });
    const error = thrown(() => snapshot.resolve({ principal: 7, action: 'sns:Publish' } as unknown as RequestInput));
    expect(error.issues.map((issue) => [issue.code, issue.pointer])).toEqual([
      ['invalid_request', '/request/principal'],
      ['invalid_request', '/request/resource'],
    ]);
    expect(thrown(() => snapshot.resolve(null as unknown as RequestInput)).issues[0]?.pointer).toBe('/request');
  });
});

describe('the snapshot and its resolutions (AS-18)', () => {
  it('AS-18: the snapshot, each resolution and its policy set are frozen', () => {
    const snapshot = loadAccountSnapshot({ gaad });
    const resolved = snapshot.resolve({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'sns:Publish',
      resource: '*',
    });
    for (const value of [
      snapshot,
      snapshot.users,
      resolved,
      resolved.input,
      resolved.input.policies,
      resolved.warnings,
    ]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(Object.isFrozen(resolved.input.policies.identity)).toBe(true);
  });

  it('AS-18: documents are copied as JSON text, so later changes to the input do not reach the snapshot', () => {
    const statement = { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };
    const user = {
      UserName: 'alice',
      Arn: `arn:aws:iam::${A}:user/alice`,
      UserPolicyList: [{ PolicyName: 'P', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } }],
    };
    const snapshot = loadAccountSnapshot({ gaad: { UserDetailList: [user] } });
    statement.Action = 'iam:*';
    const resolved = snapshot.resolve({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'sns:Publish',
      resource: '*',
    });
    const document = JSON.parse(
      String(resolved.input.policies.identity?.[0]?.document),
    ) as (typeof user.UserPolicyList)[0]['PolicyDocument'];
    expect(document.Statement[0]?.Action).toBe('sns:Publish');
  });

  it('AS-18: `__proto__` and `constructor` are data: as resource ARNs and org targets, never the prototype', () => {
    const input = JSON.parse(
      '{"gaad":{},"resourcePolicies":{"__proto__":{"Policy":"{}"}},"organization":{"policiesByTarget":{"__proto__":{"scp":[]}},"accounts":{"constructor":{"path":["r-1"]}}}}',
    ) as AccountSnapshotInput;
    const error = thrown(() => loadAccountSnapshot(input));
    expect(error.issues.map((issue) => issue.pointer)).toEqual([
      '/organization/accounts/constructor',
      '/resourcePolicies/__proto__',
    ]);
    const snapshot = loadAccountSnapshot({ gaad: {} });
    const resolved = snapshot.resolve({
      principal: `arn:aws:iam::${A}:user/__proto__`,
      action: 'sns:Publish',
      resource: 'constructor',
    });
    expect(resolved.warnings.map((warning) => warning.code)).toEqual(['principal_not_found']);
  });
});

/** Random JSON shaped a little like a snapshot, so that the property reaches beyond the first check. */
const json = fc.jsonValue({ maxDepth: 4 });
const documentLike = fc.oneof(json, fc.constant(allow), fc.constant(encodeURIComponent(JSON.stringify(allow))));
const entry = fc.record(
  {
    UserName: fc.oneof(fc.constant('alice'), json),
    RoleName: fc.oneof(fc.constant('r'), json),
    GroupName: fc.oneof(fc.constant('g'), json),
    Arn: fc.oneof(fc.constant(`arn:aws:iam::${A}:user/alice`), fc.constant(`arn:aws:iam::${A}:role/r`), json),
    UserPolicyList: fc.array(fc.record({ PolicyName: fc.oneof(fc.constant('p'), json), PolicyDocument: documentLike })),
    GroupList: fc.oneof(fc.constant(['g', 'x']), json),
    AttachedManagedPolicies: fc.oneof(fc.constant([{ PolicyArn: `arn:aws:iam::${A}:policy/m` }]), json),
    PermissionsBoundary: json,
    PolicyVersionList: fc.array(fc.record({ Document: documentLike, IsDefaultVersion: fc.boolean(), VersionId: json })),
  },
  { requiredKeys: [] },
);
const page = fc.record(
  {
    UserDetailList: fc.oneof(fc.array(entry, { maxLength: 3 }), json),
    GroupDetailList: fc.array(entry, { maxLength: 2 }),
    RoleDetailList: fc.array(entry, { maxLength: 2 }),
    Policies: fc.array(entry, { maxLength: 2 }),
    IsTruncated: fc.oneof(fc.boolean(), json),
  },
  { requiredKeys: [] },
);
const snapshotLike = fc.oneof(
  json,
  fc.record(
    {
      gaad: fc.oneof(page, fc.array(page, { maxLength: 3 }), json),
      organization: fc.oneof(
        json,
        fc.record(
          {
            managementAccountId: fc.oneof(fc.constant('999988887777'), json),
            accounts: fc.dictionary(fc.oneof(fc.constant(A), fc.string()), json),
            listParents: fc.dictionary(fc.string(), json),
            policiesByTarget: fc.dictionary(fc.string(), json),
            listPoliciesForTarget: fc.dictionary(fc.string(), json),
            describePolicy: json,
          },
          { requiredKeys: [] },
        ),
      ),
      resourcePolicies: fc.oneof(
        json,
        fc.dictionary(fc.oneof(fc.constant('arn:aws:s3:::b'), fc.string()), documentLike),
      ),
    },
    { requiredKeys: [] },
  ),
);
const request = fc.record({
  principal: fc.oneof(
    fc.constant(`arn:aws:iam::${A}:user/alice`),
    fc.constant(`arn:aws:sts::${A}:assumed-role/r/s`),
    fc.string(),
  ),
  action: fc.oneof(fc.constant('sts:AssumeRole'), fc.constant('s3:GetObject'), fc.string()),
  resource: fc.oneof(fc.constant(`arn:aws:iam::${A}:role/r`), fc.constant('arn:aws:s3:::b/k'), fc.string()),
});

describe('AS-18 properties', () => {
  it('AS-18: loading and resolving random JSON throws nothing but AccountSnapshotError, and never changes the input', () => {
    fc.assert(
      fc.property(snapshotLike, request, (input, req) => {
        const before = JSON.stringify(input);
        try {
          const snapshot = loadAccountSnapshot(input as AccountSnapshotInput);
          const resolved = snapshot.resolve(req);
          expect(resolved.warnings.every((warning) => warning.severity === 'warning')).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(AccountSnapshotError);
          const issues = (error as AccountSnapshotError).issues;
          expect(issues.some((issue) => issue.severity === 'error')).toBe(true);
          for (const issue of issues) expect(ACCOUNT_SNAPSHOT_ISSUE_CODES).toContain(issue.code);
        }
        expect(JSON.stringify(input)).toBe(before);
      }),
      { numRuns: 400 },
    );
  });
});
