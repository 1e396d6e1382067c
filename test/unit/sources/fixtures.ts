// Realistic CloudTrail events (eventVersion 1.09–1.11), shaped after the examples of the CloudTrail User Guide
// (record contents, userIdentity element).

export const ACCOUNT = '111122223333';

export const IAM_USER = {
  type: 'IAMUser',
  principalId: 'AIDAJ45Q7YFFAREXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  userName: 'Alice',
};

export const ASSUMED_ROLE = {
  type: 'AssumedRole',
  principalId: 'AROAIDPPEZS35WEXAMPLE:AssumedRoleSessionName',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/RoleToBeAssumed/MySessionName`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAIDPPEZS35WEXAMPLE',
      arn: `arn:aws:iam::${ACCOUNT}:role/ops/RoleToBeAssumed`,
      accountId: ACCOUNT,
      userName: 'RoleToBeAssumed',
    },
    attributes: { mfaAuthenticated: 'true', creationDate: '20131102T010628Z' },
  },
};

/** A denied event, with `overrides` on top. */
export function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.10',
    userIdentity: IAM_USER,
    eventTime: '2024-05-01T12:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.20',
    userAgent: 'aws-cli/2.15.0',
    errorCode: 'AccessDenied',
    errorMessage: 'Access Denied',
    requestParameters: { bucketName: 'reports', key: 'q1.csv' },
    responseElements: null,
    requestID: 'EXAMPLE123456789',
    eventID: 'e0f5a6a4-0000-4000-8000-000000000001',
    readOnly: true,
    resources: [
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::reports/q1.csv' },
      { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::reports' },
    ],
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Data',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: 'reports.s3.us-east-1.amazonaws.com',
    },
    ...overrides,
  };
}
