import type { OrgLevel, PolicySet, PolicySource, RequestInput } from '../../src/index.js';

/**
 * The benchmark workloads of issue 7, as plain data (no library code), shared by the benchmark and memory scripts:
 * (a) the smallest deny, (b) a realistic organization, (c) 10,000 distinct requests against (b), and sets that grow
 * by statements that cannot match the request's action.
 */

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
const ORG_ID = 'o-a1b2c3d4e5';

type Statement = Record<string, unknown>;
const policy = (...Statement: Statement[]): object => ({ Version: '2012-10-17', Statement });

/** Splits statements into policies of at most `perPolicy`, as AWS's size limits force (§12.1). */
function chunked(prefix: string, statements: readonly Statement[], perPolicy: number): PolicySource[] {
  const sources: PolicySource[] = [];
  for (let i = 0; i < statements.length; i += perPolicy) {
    sources.push({ id: `${prefix}-${sources.length + 1}`, document: policy(...statements.slice(i, i + perPolicy)) });
  }
  return sources;
}

/** A workload: one policy set and the requests asked of it. */
export interface Workload {
  readonly name: string;
  readonly policies: PolicySet;
  readonly requests: readonly RequestInput[];
}

// (a) identity `Allow ec2:RunInstances` + permissions boundary `Deny ec2:*`.
export const workloadA: Workload = {
  name: '(a) identity Allow ec2:RunInstances + boundary Deny ec2:*',
  policies: {
    identity: [
      { id: 'RunInstances', document: policy({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }) },
    ],
    permissionsBoundary: { id: 'NoEc2', document: policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }) },
  },
  requests: [
    {
      principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
      action: 'ec2:RunInstances',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc1234`,
    },
  ],
};

/** The ten services of (b), with real actions of each. */
export const SERVICES: readonly {
  readonly service: string;
  readonly actions: readonly string[];
  readonly arn: string;
}[] = [
  {
    service: 's3',
    actions: ['GetObject', 'PutObject', 'DeleteObject', 'GetObjectTagging', 'PutObjectTagging'],
    arn: 'arn:aws:s3:::app-data/reports/2024/q1.csv',
  },
  {
    service: 'ec2',
    actions: ['RunInstances', 'StartInstances', 'StopInstances', 'RebootInstances', 'TerminateInstances'],
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc1234`,
  },
  {
    service: 'iam',
    actions: ['GetUser', 'CreateUser', 'ListAccessKeys', 'CreateAccessKey', 'DeleteUser'],
    arn: `arn:aws:iam::${ACCOUNT}:user/app/worker`,
  },
  {
    service: 'kms',
    actions: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey', 'ScheduleKeyDeletion'],
    arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  },
  {
    service: 'sqs',
    actions: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes', 'PurgeQueue'],
    arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
  },
  {
    service: 'dynamodb',
    actions: ['GetItem', 'PutItem', 'Query', 'Scan', 'DeleteTable'],
    arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
  },
  {
    service: 'lambda',
    actions: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode', 'GetFunctionConfiguration', 'DeleteFunction'],
    arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:resize`,
  },
  {
    service: 'sns',
    actions: ['Publish', 'Subscribe', 'GetTopicAttributes', 'SetTopicAttributes', 'DeleteTopic'],
    arn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`,
  },
  {
    service: 'logs',
    actions: [
      'DescribeLogStreams',
      'PutRetentionPolicy',
      'DeleteRetentionPolicy',
      'GetLogGroupFields',
      'DeleteLogGroup',
    ],
    arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:api`,
  },
  {
    service: 'secretsmanager',
    actions: ['GetSecretValue', 'DescribeSecret', 'PutSecretValue', 'TagResource', 'DeleteSecret'],
    arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`,
  },
];

/** Ten identity statements for one service: exact lists, wildcards, conditions, an explicit deny. */
function serviceStatements(entry: (typeof SERVICES)[number]): Statement[] {
  const { service, actions, arn } = entry;
  const head = arn.split(':').slice(0, 3).join(':');
  const any = `${head}:*:*:*`;
  const a = (name: string): string => `${service}:${name}`;
  return [
    { Sid: `${service}Read`, Effect: 'Allow', Action: [a(actions[0] ?? ''), a(actions[1] ?? '')], Resource: arn },
    { Sid: `${service}Get`, Effect: 'Allow', Action: a('Get*'), Resource: any },
    { Sid: `${service}Describe`, Effect: 'Allow', Action: [a('Describe*'), a('List*')], Resource: '*' },
    {
      Sid: `${service}Regional`,
      Effect: 'Allow',
      Action: a(actions[2] ?? ''),
      Resource: any,
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
    },
    {
      Sid: `${service}Team`,
      Effect: 'Allow',
      Action: [a(actions[3] ?? ''), a('Tag*')],
      Resource: any,
      Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
    },
    {
      Sid: `${service}Mfa`,
      Effect: 'Allow',
      Action: a('*'),
      Resource: any,
      Condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
      },
    },
    {
      Sid: `${service}Network`,
      Effect: 'Allow',
      Action: a(actions[0] ?? ''),
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
    },
    {
      Sid: `${service}DenyDestroy`,
      Effect: 'Deny',
      Action: a(actions[4] ?? ''),
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalTag/role': 'admin' } },
    },
    {
      Sid: `${service}Owner`,
      Effect: 'Allow',
      Action: a('*'),
      Resource: any,
      Condition: { StringLike: { 'aws:ResourceTag/owner': '${aws:username}*' } },
    },
    {
      Sid: `${service}DenyInsecure`,
      Effect: 'Deny',
      Action: a('*'),
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
}

const scpFull = { id: 'FullAWSAccess', document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) };
const scpLevels: OrgLevel[] = [
  {
    target: 'r-root',
    policies: [
      scpFull,
      {
        id: 'RegionGuard',
        document: policy({
          Sid: 'DenyOtherRegions',
          Effect: 'Deny',
          NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        }),
      },
    ],
  },
  {
    target: 'ou-ab12-cdef3456',
    policies: [
      scpFull,
      {
        id: 'Guardrails',
        document: policy(
          { Sid: 'NoLeavingOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
          {
            Sid: 'NoUsers',
            Effect: 'Deny',
            Action: ['iam:CreateUser', 'iam:CreateAccessKey'],
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } },
          },
          {
            Sid: 'KeepTrails',
            Effect: 'Deny',
            Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'],
            Resource: '*',
          },
        ),
      },
    ],
  },
  {
    target: ACCOUNT,
    policies: [
      scpFull,
      {
        id: 'AccountGuard',
        document: policy({ Sid: 'NoBucketDeletion', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }),
      },
    ],
  },
];

const rcpLevels: OrgLevel[] = [
  {
    target: 'r-root',
    policies: [
      {
        id: 'DataPerimeter',
        document: policy(
          {
            Sid: 'EnforceSecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'EnforceOrgIdentities',
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'],
            Resource: '*',
            Condition: {
              StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID },
              BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
            },
          },
        ),
      },
    ],
  },
  {
    target: ACCOUNT,
    policies: [
      {
        id: 'NoPublicQueues',
        document: policy({
          Sid: 'OnlyOurAccounts',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': [ACCOUNT, OTHER_ACCOUNT] } },
        }),
      },
    ],
  },
];

const boundary: PolicySource = {
  id: 'DeveloperBoundary',
  document: policy(
    {
      Sid: 'Services',
      Effect: 'Allow',
      Action: SERVICES.map((entry) => `${entry.service}:*`),
      Resource: '*',
    },
    {
      Sid: 'NoIamWrites',
      Effect: 'Deny',
      Action: ['iam:Create*', 'iam:Delete*', 'iam:Put*', 'iam:Attach*'],
      Resource: '*',
    },
    {
      Sid: 'NoBoundaryEscape',
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
      Resource: '*',
    },
  ),
};

const bucketPolicy: PolicySource = {
  id: 'app-data-bucket',
  document: policy(
    {
      Sid: 'TeamRead',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/Developer`, `arn:aws:iam::${OTHER_ACCOUNT}:root`] },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    },
    {
      Sid: 'DenyInsecure',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'DenyOutsideVpce',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::app-data/*',
      Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } },
    },
  ),
};

const identityStatements = SERVICES.flatMap(serviceStatements);

/** The context every (b) request carries, before per-request changes. */
const baseContext = {
  'aws:SecureTransport': true,
  'aws:RequestedRegion': 'us-east-1',
  'aws:PrincipalTag/team': 'data',
  'aws:ResourceTag/team': 'data',
  'aws:PrincipalOrgID': ORG_ID,
  'aws:SourceIp': '10.1.2.3',
  'aws:MultiFactorAuthPresent': true,
  'aws:MultiFactorAuthAge': 120,
  'aws:SourceVpce': 'vpce-0a1b2c3d',
};

export const workloadB: Workload = {
  name: '(b) 100 identity statements / 10 services, 3 SCP levels, RCPs, boundary, bucket policy',
  policies: {
    identity: chunked('Developer', identityStatements, 20),
    permissionsBoundary: boundary,
    resource: bucketPolicy,
    serviceControlPolicies: scpLevels,
    resourceControlPolicies: rcpLevels,
  },
  requests: [
    {
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/alice`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::app-data/reports/2024/q1.csv',
      resourceAccount: ACCOUNT,
      context: baseContext,
    },
  ],
};

/** A small deterministic generator (mulberry32), so workload (c) is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** (c) 10,000 distinct requests against (b): callers, actions, resources and contexts vary. */
export function requestsC(count = 10_000): RequestInput[] {
  const next = random(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const principals = [
    `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/alice`,
    `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/bob`,
    `arn:aws:iam::${ACCOUNT}:user/carol`,
    `arn:aws:iam::${ACCOUNT}:user/ops/dave`,
    `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/Partner/erin`,
  ];
  const seen = new Set<string>();
  const requests: RequestInput[] = [];
  while (requests.length < count) {
    const entry = pick(SERVICES);
    const action = `${entry.service}:${pick(entry.actions)}`;
    const n = Math.floor(next() * 100_000);
    const resource =
      entry.service === 's3'
        ? `arn:aws:s3:::${pick(['app-data', 'logs-archive'])}/obj-${n}`
        : `${entry.arn.slice(0, entry.arn.lastIndexOf(entry.arn.includes('/') ? '/' : ':'))}${entry.arn.includes('/') ? '/' : ':'}r-${n}`;
    const context: Record<string, string | number | boolean> = {
      ...baseContext,
      'aws:SecureTransport': next() > 0.05,
      'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1', 'ap-southeast-2']),
      'aws:ResourceTag/team': pick(['data', 'web', 'ml']),
      'aws:MultiFactorAuthPresent': next() > 0.3,
      'aws:SourceIp': pick(['10.1.2.3', '203.0.113.9', '192.168.4.4']),
    };
    const principal = pick(principals);
    // Requests carry the caller's account, as AWS sets it (iam-simulate does not derive it from the principal).
    context['aws:PrincipalAccount'] = principal.split(':')[4] ?? ACCOUNT;
    const request: RequestInput = {
      principal,
      action,
      resource,
      ...(entry.service === 's3' ? { resourceAccount: ACCOUNT } : {}),
      context,
    };
    const key = JSON.stringify(request);
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push(request);
  }
  return requests;
}

/**
 * (a) plus `extra` identity statements that cannot match `ec2:RunInstances`: exact actions of other services, as in
 * a large account where most statements are about other things.
 */
export function scaled(extra: number): Workload {
  const services = ['s3', 'sqs', 'sns', 'kms', 'iam', 'dynamodb', 'lambda', 'logs', 'rds', 'ecr'];
  const statements: Statement[] = [];
  for (let i = 0; i < extra; i += 1) {
    statements.push({
      Effect: i % 10 === 0 ? 'Deny' : 'Allow',
      Action: [`${services[i % services.length] ?? 's3'}:Action${i}`],
      Resource: `arn:aws:${services[i % services.length] ?? 's3'}:us-east-1:${ACCOUNT}:thing/${i}`,
    });
  }
  return {
    name: `(a) + ${extra} statements that cannot match`,
    policies: {
      identity: [...(workloadA.policies.identity ?? []), ...chunked('Other', statements, 50)],
      ...(workloadA.policies.permissionsBoundary === undefined
        ? {}
        : { permissionsBoundary: workloadA.policies.permissionsBoundary }),
    },
    requests: workloadA.requests,
  };
}

/**
 * (d) the conditions workload of issue 12: an IAM user's identity policy whose Allow reads the source IP, MFA, a
 * principal tag, the requested region and the time, with `${aws:username}` in Resource, and two Denies on the source
 * IP and the session's age. Each request is built afresh on every call from these values (as a service builds one per
 * incoming call), so no context object is ever seen twice: `freshConditionsRequest` in compiled-throughput.mjs.
 */
export const workloadD = {
  name: '(d) conditions: IP ranges, principal tag, MFA, dates, region, ${aws:username} in Resource',
  policies: {
    identity: [
      {
        id: 'HomeFolders',
        document: policy(
          {
            Sid: 'HomeRead',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: 'arn:aws:s3:::home/${aws:username}/*',
            Condition: {
              IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
              StringEquals: {
                'aws:PrincipalTag/team': ['data', 'web'],
                'aws:RequestedRegion': ['us-east-1', 'eu-west-1'],
              },
              DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
            },
          },
          {
            Sid: 'DenyOutsideNetwork',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16', '203.0.113.0/24'] } },
          },
          {
            Sid: 'DenyOldSessions',
            Effect: 'Deny',
            Action: 's3:*',
            Resource: '*',
            Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } },
          },
        ),
      },
    ],
  } satisfies PolicySet,
  values: {
    account: ACCOUNT,
    users: ['alice', 'bob', 'carol', 'dave', 'erin'],
    ips: ['10.1.2.3', '192.168.4.4', '203.0.113.9', '10.200.0.1', '172.16.0.1'],
    teams: ['data', 'web', 'ml'],
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
    times: ['2026-06-01T12:00:00Z', '2026-11-30T08:00:00Z', '2025-12-31T23:59:59Z'],
  },
};
