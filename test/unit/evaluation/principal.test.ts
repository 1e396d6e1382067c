import { describe, expect, it } from 'vitest';
import { parseCaller } from '../../../src/request/principal.js';
import { epochMillisToIso, instantToEpochMillis } from '../../../src/request/instant.js';

describe('parseCaller (E-10, §9.2)', () => {
  it.each([
    ['arn:aws:iam::111122223333:root', 'root', { accountId: '111122223333' }],
    ['111122223333', 'root', { accountId: '111122223333' }],
    ['arn:aws:iam::111122223333:user/alice', 'user', { userName: 'alice' }],
    ['arn:aws:iam::111122223333:user/div/team/alice', 'user', { userName: 'alice' }],
    [
      'arn:aws:iam::111122223333:role/path/App',
      'role',
      { roleName: 'App', roleArn: 'arn:aws:iam::111122223333:role/path/App' },
    ],
    [
      'arn:aws:sts::111122223333:assumed-role/App/s1',
      'roleSession',
      { roleName: 'App', sessionName: 's1', roleArn: 'arn:aws:iam::111122223333:role/App' },
    ],
    [
      'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/ana@example.com',
      'roleSession',
      { roleName: 'AWSReservedSSO_Admin_0123', sessionName: 'ana@example.com' },
    ],
    ['arn:aws:sts::111122223333:federated-user/bob', 'federatedUser', { federatedName: 'bob' }],
    ['*', 'anonymous', {}],
    ['ec2.amazonaws.com', 'service', { serviceName: 'ec2.amazonaws.com' }],
    ['cognito-identity.amazonaws.com', 'federatedIdentity', {}],
    ['arn:aws:iam::111122223333:saml-provider/Okta', 'federatedIdentity', { accountId: '111122223333' }],
    ['arn:aws-cn:iam::111122223333:user/alice', 'user', { partition: 'aws-cn' }],
  ] as const)('%s is a %s', (principal, kind, fields) => {
    const caller = parseCaller(principal);
    expect(caller.kind).toBe(kind);
    expect(caller).toMatchObject(fields);
  });

  it('O-2: service-linked roles are recognised by path (role ARN) or name prefix (session)', () => {
    expect(
      parseCaller(
        'arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
      ).serviceLinkedRole,
    ).toBe(true);
    expect(
      parseCaller('arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling').serviceLinkedRole,
    ).toBe(true);
    expect(parseCaller('arn:aws:sts::111122223333:assumed-role/App/s').serviceLinkedRole).toBe(false);
  });

  it('knows which callers have an identity side and which are sessions', () => {
    expect(parseCaller('arn:aws:iam::111122223333:user/a')).toMatchObject({ hasIdentitySide: true, isSession: false });
    expect(parseCaller('arn:aws:sts::111122223333:assumed-role/R/s')).toMatchObject({
      hasIdentitySide: true,
      isSession: true,
    });
    expect(parseCaller('arn:aws:sts::111122223333:federated-user/f')).toMatchObject({
      hasIdentitySide: true,
      isSession: true,
    });
    expect(parseCaller('*')).toMatchObject({ hasIdentitySide: false, isSession: false });
    expect(parseCaller('s3.amazonaws.com')).toMatchObject({ hasIdentitySide: false, isSession: false });
  });

  it.each([
    '',
    'alice',
    'arn:aws:iam::1111:user/alice',
    'arn:aws:iam::111122223333:group/admins',
    'arn:aws:sts::111122223333:assumed-role/OnlyRole',
    'arn:aws:s3:::bucket',
    'arn:aws:iam:us-east-1:111122223333:user/a',
  ])('refuses `%s` with a TypeError in the house message style', (principal) => {
    expect(() => parseCaller(principal)).toThrow(TypeError);
    expect(() => parseCaller(principal)).toThrow(/^invalid principal `/);
  });
});

describe('the `now` option (C-14): ISO text, epoch milliseconds or a date, never the clock', () => {
  it.each([
    ['2024-05-01T12:00:00Z', 1714564800000],
    ['2024-05-01T14:30:00+02:30', 1714564800000],
    ['2024-05-01T12:00Z', 1714564800000],
    ['2024-05-01', 1714521600000],
    ['2024-05-01T12:00:00.250Z', 1714564800250],
    ['1969-12-31T23:59:59Z', -1000],
    ['2000-02-29T00:00:00Z', 951782400000],
  ] as const)('%s is %d ms', (text, millis) => {
    expect(instantToEpochMillis(text)).toBe(millis);
  });

  it('accepts a Date-like object and epoch milliseconds', () => {
    expect(instantToEpochMillis({ getTime: () => 1714564800000 })).toBe(1714564800000);
    expect(instantToEpochMillis(5)).toBe(5);
  });

  it.each(['yesterday', '2024-13-01T00:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01T12:00:00'])(
    'refuses `%s`',
    (text) => {
      expect(() => instantToEpochMillis(text)).toThrow(/^invalid `now` option/);
    },
  );

  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [1714564800999, '2024-05-01T12:00:00Z'],
    [951782400000, '2000-02-29T00:00:00Z'],
    [-1000, '1969-12-31T23:59:59Z'],
    [4102444800000, '2100-01-01T00:00:00Z'],
  ] as const)('%d ms renders as %s', (millis, text) => {
    expect(epochMillisToIso(millis)).toBe(text);
  });
});
