import { describe, expect, it } from 'vitest';
import { evaluate, requestFromCloudTrailEvent } from '../../../src/index.js';
import type { CloudTrailEventError, CloudTrailRequest } from '../../../src/index.js';
import { ACCOUNT, ASSUMED_ROLE, IAM_USER, event } from './fixtures.js';

function refusal(input: unknown): CloudTrailEventError {
  try {
    requestFromCloudTrailEvent(input);
  } catch (error) {
    return error as CloudTrailEventError;
  }
  throw new Error('expected a CloudTrailEventError');
}

const keyOf = (read: CloudTrailRequest, key: string) => read.keys.find((k) => k.key === key);

describe('CloudTrail userIdentity → principal', () => {
  it('CT-2: an IAM user is its ARN, with aws:userid from principalId and no session keys for an access key', () => {
    const read = requestFromCloudTrailEvent(event());
    expect(read.request.principal).toBe(IAM_USER.arn);
    expect(keyOf(read, 'aws:userid')).toEqual({
      key: 'aws:userid',
      value: IAM_USER.principalId,
      from: 'userIdentity.principalId',
    });
    expect(keyOf(read, 'aws:MultiFactorAuthPresent')).toBeUndefined();
    expect(read.unknownKeys).not.toContain('aws:MultiFactorAuthPresent');
    expect(read.event.identityType).toBe('IAMUser');
  });

  it('CT-2: an assumed role is its session ARN; the issuer ARN with its path is aws:PrincipalArn; MFA and creationDate', () => {
    const read = requestFromCloudTrailEvent(event({ userIdentity: ASSUMED_ROLE }));
    expect(read.request.principal).toBe(ASSUMED_ROLE.arn);
    expect(read.request.context).toMatchObject({
      'aws:userid': ASSUMED_ROLE.principalId,
      'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ops/RoleToBeAssumed`,
      'aws:MultiFactorAuthPresent': true,
      'aws:TokenIssueTime': '2013-11-02T01:06:28Z',
    });
    expect(read.unknownKeys).toContain('aws:MultiFactorAuthAge');
  });

  it('CT-2: a role without path leaves aws:PrincipalArn to the engine, and mfaAuthenticated "false" is false', () => {
    const identity = {
      ...ASSUMED_ROLE,
      sessionContext: {
        sessionIssuer: {
          ...ASSUMED_ROLE.sessionContext.sessionIssuer,
          arn: `arn:aws:iam::${ACCOUNT}:role/RoleToBeAssumed`,
        },
        attributes: { mfaAuthenticated: 'false', creationDate: '2024-05-01T11:00:00Z' },
      },
    };
    const read = requestFromCloudTrailEvent(event({ userIdentity: identity }));
    expect(keyOf(read, 'aws:PrincipalArn')).toBeUndefined();
    expect(read.request.context?.['aws:MultiFactorAuthPresent']).toBe(false);
    expect(read.request.context?.['aws:TokenIssueTime']).toBe('2024-05-01T11:00:00Z');
    const result = evaluate({ request: read.request, policies: {} });
    expect(result.trace.derivedContext.find((k) => k.key === 'aws:PrincipalArn')?.value).toBe(
      `arn:aws:iam::${ACCOUNT}:role/RoleToBeAssumed`,
    );
  });

  it('CT-2: a federated user, the root user, a service and another account', () => {
    const federated = requestFromCloudTrailEvent(
      event({
        userIdentity: {
          type: 'FederatedUser',
          principalId: `${ACCOUNT}:bob`,
          arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
          accountId: ACCOUNT,
          sessionContext: { attributes: { mfaAuthenticated: 'false', creationDate: '2024-05-01T11:00:00Z' } },
        },
      }),
    );
    expect(federated.request.principal).toBe(`arn:aws:sts::${ACCOUNT}:federated-user/bob`);
    expect(federated.request.context?.['aws:MultiFactorAuthPresent']).toBe(false);

    const root = requestFromCloudTrailEvent(
      event({ userIdentity: { type: 'Root', principalId: ACCOUNT, accountId: ACCOUNT } }),
    );
    expect(root.request.principal).toBe(`arn:aws:iam::${ACCOUNT}:root`);

    const service = requestFromCloudTrailEvent(
      event({
        userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
        sourceIPAddress: 'cloudtrail.amazonaws.com',
      }),
    );
    expect(service.request.principal).toBe('cloudtrail.amazonaws.com');
    expect(service.request.context?.['aws:ViaAWSService']).toBe(false);
    expect(service.unknownKeys).toContain('aws:SourceArn');

    const account = requestFromCloudTrailEvent(
      event({ userIdentity: { type: 'AWSAccount', principalId: 'AIDAEXAMPLEOTHER', accountId: '444455556666' } }),
    );
    expect(account.request.principal).toBe('arn:aws:iam::444455556666:root');
    expect(account.warnings.join(' ')).toContain('not who in it called');
    expect(account.unknownKeys).toContain('aws:PrincipalArn');
  });

  it('CT-2: web identity and SAML callers of AssumeRoleWith* are their providers', () => {
    const web = requestFromCloudTrailEvent(
      event({
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRoleWithWebIdentity',
        resources: [],
        requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/ci`, roleSessionName: 'gh' },
        userIdentity: {
          type: 'WebIdentityUser',
          principalId: 'token.actions.githubusercontent.com:sts.amazonaws.com:repo:o/r',
          userName: 'repo:o/r',
          identityProvider: 'token.actions.githubusercontent.com',
        },
      }),
    );
    expect(web.request.principal).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`);
    expect(web.request.resource).toBe(`arn:aws:iam::${ACCOUNT}:role/ci`);
    expect(web.unknownKeys).toContain('token.actions.githubusercontent.com:*');
    const google = requestFromCloudTrailEvent(
      event({
        userIdentity: {
          type: 'WebIdentityUser',
          principalId: 'accounts.google.com:app:1',
          identityProvider: 'accounts.google.com',
        },
      }),
    );
    expect(google.request.principal).toBe('accounts.google.com');
    const saml = requestFromCloudTrailEvent(
      event({
        userIdentity: {
          type: 'SAMLUser',
          principalId: 'x:alice',
          identityProvider: `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`,
        },
      }),
    );
    expect(saml.request.principal).toBe(`arn:aws:iam::${ACCOUNT}:saml-provider/Okta`);
    expect(saml.unknownKeys).toContain('saml:*');
  });

  it.each(['IdentityCenterUser', 'Unknown', 'Directory', 'Cookie'])('CT-3: %s is refused with a reason', (type) => {
    const error = refusal(event({ userIdentity: { type, accountId: ACCOUNT } }));
    expect(error.code).toBe('cloudtrail_event_error');
    expect(error.issues.map((i) => [i.code, i.pointer])).toEqual([['unsupported_identity_type', '/userIdentity/type']]);
  });

  it('CT-3: a SAML caller without the provider ARN is refused', () => {
    const error = refusal(event({ userIdentity: { type: 'SAMLUser', identityProvider: 'Okta' } }));
    expect(error.issues[0]?.code).toBe('unsupported_identity_type');
  });

  it('CT-1: every problem is listed at once, with pointers', () => {
    const error = refusal({ userIdentity: { type: 'IAMUser' }, eventTime: 'yesterday' });
    expect(error.issues.map((i) => `${i.code} ${i.pointer}`)).toEqual([
      'missing_identity_field /userIdentity/arn',
      'missing_event_source /eventSource',
      'missing_event_name /eventName',
      'invalid_event_field /eventTime',
    ]);
    expect(refusal(null).issues[0]?.code).toBe('not_an_object');
    expect(refusal(event({ eventSource: 'example.com' })).issues[0]?.code).toBe('unknown_event_source');
  });
});

describe('eventSource and eventName → action', () => {
  it.each([
    ['lambda.amazonaws.com', 'ListFunctions20150331', 'lambda:ListFunctions'],
    ['lambda.amazonaws.com', 'GetFunction20150331v2', 'lambda:GetFunction'],
    ['lambda.amazonaws.com', 'AddPermission20150331v2', 'lambda:AddPermission'],
    ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', 'lambda:UpdateFunctionCode'],
    ['lambda.amazonaws.com', 'ListTags20170331', 'lambda:ListTags'],
    ['lambda.amazonaws.com', 'Invoke', 'lambda:InvokeFunction'],
  ])('CT-5: %s %s is %s', (eventSource, eventName, action) => {
    expect(requestFromCloudTrailEvent(event({ eventSource, eventName })).request.action).toBe(action);
  });

  it.each([
    ['s3.amazonaws.com', 'ListObjectsV2', 's3:ListBucket'],
    ['s3.amazonaws.com', 'ListObjects', 's3:ListBucket'],
    ['s3.amazonaws.com', 'HeadObject', 's3:GetObject'],
    ['s3.amazonaws.com', 'HeadBucket', 's3:ListBucket'],
    ['s3.amazonaws.com', 'GetObjectAcl', 's3:GetObjectAcl'],
    ['s3.amazonaws.com', 'DeleteObjects', 's3:DeleteObject'],
    ['s3.amazonaws.com', 'UploadPart', 's3:PutObject'],
    ['kms.amazonaws.com', 'Decrypt', 'kms:Decrypt'],
    ['sts.amazonaws.com', 'AssumeRole', 'sts:AssumeRole'],
    ['dynamodb.amazonaws.com', 'BatchGetItem', 'dynamodb:BatchGetItem'],
    ['monitoring.amazonaws.com', 'PutMetricData', 'cloudwatch:PutMetricData'],
    ['email.amazonaws.com', 'SendEmail', 'ses:SendEmail'],
    ['es.amazonaws.com', 'CreateDomain', 'es:CreateDomain'],
    ['sqs.amazonaws.com', 'SendMessageBatch', 'sqs:SendMessage'],
  ])('CT-4, CT-6: %s %s is %s', (eventSource, eventName, action) => {
    expect(requestFromCloudTrailEvent(event({ eventSource, eventName, resources: [] })).request.action).toBe(action);
  });

  it('CT-6: CopyObject is s3:PutObject, and names s3:GetObject on the source', () => {
    const read = requestFromCloudTrailEvent(event({ eventName: 'CopyObject' }));
    expect(read.request.action).toBe('s3:PutObject');
    expect(read.alsoRequires).toEqual(['s3:GetObject']);
    expect(read.warnings.join(' ')).toContain('`s3:GetObject`');
  });

  it('CT-6: a DynamoDB transaction takes the action of its first item', () => {
    const read = requestFromCloudTrailEvent(
      event({
        eventSource: 'dynamodb.amazonaws.com',
        eventName: 'TransactWriteItems',
        resources: [],
        requestParameters: { transactItems: [{ update: { tableName: 'orders' } }] },
      }),
    );
    expect(read.request.action).toBe('dynamodb:UpdateItem');
    expect(read.alsoRequires).toContain('dynamodb:PutItem');
  });
});

describe('the resource', () => {
  it('CT-7: S3 object actions take the object entry; bucket actions the bucket entry, with its account', () => {
    const object = requestFromCloudTrailEvent(event());
    expect([object.request.resource, object.request.resourceAccount]).toEqual(['arn:aws:s3:::reports/q1.csv', ACCOUNT]);
    const bucket = requestFromCloudTrailEvent(event({ eventName: 'ListObjectsV2' }));
    expect(bucket.request.resource).toBe('arn:aws:s3:::reports');
  });

  it('CT-7: from request parameters when resources[] has none of the service', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ eventName: 'GetObject', requestParameters: { bucketName: 'b', key: 'k/1' } }, 'arn:aws:s3:::b/k/1'],
      [{ eventName: 'GetBucketPolicy', requestParameters: { bucketName: 'b' } }, 'arn:aws:s3:::b'],
      [
        {
          eventSource: 'kms.amazonaws.com',
          eventName: 'Decrypt',
          requestParameters: { keyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
        },
        `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ],
      [
        {
          eventSource: 'lambda.amazonaws.com',
          eventName: 'GetFunction20150331v2',
          requestParameters: { functionName: 'build' },
        },
        `arn:aws:lambda:us-east-1:${ACCOUNT}:function:build`,
      ],
      [
        {
          eventSource: 'sqs.amazonaws.com',
          eventName: 'SendMessage',
          requestParameters: { queueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/jobs` },
        },
        `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`,
      ],
      [
        {
          eventSource: 'sns.amazonaws.com',
          eventName: 'Publish',
          requestParameters: { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts` },
        },
        `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`,
      ],
      [
        { eventSource: 'dynamodb.amazonaws.com', eventName: 'GetItem', requestParameters: { tableName: 'orders' } },
        `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
      ],
      [
        {
          eventSource: 'secretsmanager.amazonaws.com',
          eventName: 'GetSecretValue',
          requestParameters: { secretId: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf` },
        },
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`,
      ],
      [
        { eventSource: 'iam.amazonaws.com', eventName: 'DeleteRole', requestParameters: { roleName: 'ci' } },
        `arn:aws:iam::${ACCOUNT}:role/ci`,
      ],
      [
        { eventSource: 'iam.amazonaws.com', eventName: 'DeleteUser', requestParameters: { userName: 'bob' } },
        `arn:aws:iam::${ACCOUNT}:user/bob`,
      ],
      [
        {
          eventSource: 'iam.amazonaws.com',
          eventName: 'DeletePolicy',
          requestParameters: { policyArn: `arn:aws:iam::${ACCOUNT}:policy/p` },
        },
        `arn:aws:iam::${ACCOUNT}:policy/p`,
      ],
      [
        {
          eventSource: 'sts.amazonaws.com',
          eventName: 'AssumeRole',
          requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/Admin`, roleSessionName: 's' },
        },
        `arn:aws:iam::${ACCOUNT}:role/Admin`,
      ],
    ];
    for (const [overrides, resource] of cases) {
      expect(
        requestFromCloudTrailEvent(event({ resources: [], ...overrides })).request.resource,
        JSON.stringify(overrides),
      ).toBe(resource);
    }
  });

  it('CT-7: no resource named is `*`, with a warning', () => {
    const read = requestFromCloudTrailEvent(
      event({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', resources: [], requestParameters: {} }),
    );
    expect(read.request.resource).toBe('*');
    expect(read.warnings).toContain('the event does not name the resource: evaluated on `*`');
  });
});

describe('context keys', () => {
  it('CT-8: the keys the event shows, each with its field', () => {
    const read = requestFromCloudTrailEvent(event());
    expect(read.keys.map((k) => [k.key, k.from])).toEqual([
      ['aws:userid', 'userIdentity.principalId'],
      ['aws:SourceIp', 'sourceIPAddress'],
      ['aws:RequestedRegion', 'awsRegion'],
      ['aws:CurrentTime', 'eventTime'],
      ['aws:EpochTime', 'eventTime'],
      ['aws:SecureTransport', 'tlsDetails'],
      ['aws:UserAgent', 'userAgent'],
      ['aws:ViaAWSService', 'userIdentity'],
    ]);
    expect(read.request.context?.['aws:EpochTime']).toBe(1714564800);
  });

  it('CT-8: a service name as source address gives no aws:SourceIp; invokedBy gives aws:ViaAWSService and, for the four services, aws:CalledVia', () => {
    const via = requestFromCloudTrailEvent(
      event({
        sourceIPAddress: 'cloudformation.amazonaws.com',
        userIdentity: { ...IAM_USER, invokedBy: 'cloudformation.amazonaws.com' },
      }),
    );
    expect(via.request.context?.['aws:SourceIp']).toBeUndefined();
    expect(via.unknownKeys).toContain('aws:SourceIp');
    expect(via.request.context).toMatchObject({
      'aws:ViaAWSService': true,
      'aws:CalledVia': ['cloudformation.amazonaws.com'],
      'aws:CalledViaLast': 'cloudformation.amazonaws.com',
    });
    expect(via.unknownKeys).toContain('aws:CalledViaFirst');
    const ecs = requestFromCloudTrailEvent(event({ userIdentity: { ...IAM_USER, invokedBy: 'ecs.amazonaws.com' } }));
    expect(ecs.request.context?.['aws:ViaAWSService']).toBe(true);
    expect(ecs.request.context?.['aws:CalledVia']).toBeUndefined();
  });

  it('CT-8: through a VPC endpoint: aws:SourceVpce, no aws:SourceIp (V-8), aws:SourceVpc unknown', () => {
    const read = requestFromCloudTrailEvent(
      event({ vpcEndpointId: 'vpce-1a2b3c4d', vpcEndpointAccountId: ACCOUNT, sourceIPAddress: '10.0.1.23' }),
    );
    expect(read.request.context).toMatchObject({
      'aws:SourceVpce': 'vpce-1a2b3c4d',
      'aws:VpceAccount': ACCOUNT,
      'aws:VpcSourceIp': '10.0.1.23',
    });
    expect(read.request.context?.['aws:SourceIp']).toBeUndefined();
    expect(read.unknownKeys).toContain('aws:SourceVpc');
  });

  it('CT-8: without tlsDetails aws:SecureTransport is unknown, not false', () => {
    const older = event({ eventVersion: '1.05' });
    delete older['tlsDetails'];
    const read = requestFromCloudTrailEvent(older);
    expect(read.request.context?.['aws:SecureTransport']).toBeUndefined();
    expect(read.unknownKeys).toContain('aws:SecureTransport');
  });

  it('CT-9: tags, organization ids and the service keys are unknown', () => {
    const read = requestFromCloudTrailEvent(event());
    for (const key of [
      'aws:PrincipalTag/*',
      'aws:ResourceTag/*',
      'aws:RequestTag/*',
      'aws:TagKeys',
      'aws:PrincipalOrgID',
      'aws:PrincipalOrgPaths',
      'aws:ResourceOrgID',
      'aws:ResourceOrgPaths',
      's3:*',
    ]) {
      expect(read.unknownKeys).toContain(key);
    }
  });

  it('CT-10: an unknown key a condition tests is reported with the decisions its values lead to', () => {
    const read = requestFromCloudTrailEvent(event());
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } },
      ],
    };
    const effects = read.unknownKeyEffects({ identity: [{ id: 'p', document: policy }] });
    // Absent, StringNotEquals holds and the Deny applies; the organization's id lifts it: the key decides.
    expect(effects.map((e) => [e.key, e.baseline, e.flips])).toEqual([['aws:PrincipalOrgID', 'ExplicitDeny', true]]);
    expect(effects[0]?.decisions).toEqual(['ExplicitDeny', 'Allow']);
    expect(effects[0]?.tried).toContainEqual({ value: 'o-a1b2c3d4e5', decision: 'Allow' });
  });
});
