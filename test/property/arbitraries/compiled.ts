import fc from 'fast-check';
import type {
  ContextValue,
  EvaluateOptions,
  OrgLevel,
  PolicySet,
  PolicySource,
  RequestInput,
} from '../../../src/index.js';
import { arbPolicySet, arbRequest } from '../../../src/testing/arbitraries/index.js';

/**
 * Generators for the differential test of compiled policy sets (test/property/compiled.property.test.ts). They aim
 * at what the fast path does differently from the reference: the action index (exact actions in any case, service
 * and any-service wildcards, W-8 patterns, `NotAction`, actions no policy names), resource patterns with and without
 * wildcards or variables, principals and `NotPrincipal`, conditions that read derived keys and variables, trust
 * and key policies (a resource policy valid in one grammar only), and every evaluation option. The public
 * arbitraries of src/testing/arbitraries add realistic, broader sets.
 */

const A = '111122223333';
const B = '444455556666';

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const someOf = <T>(values: readonly T[], max = 3): fc.Arbitrary<T[]> =>
  fc.uniqueArray(pick(values), { minLength: 1, maxLength: max });

const PRINCIPALS = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/team/carol`,
  `arn:aws:iam::${B}:user/bob`,
  `arn:aws:sts::${A}:assumed-role/App/s1`,
  `arn:aws:sts::${B}:assumed-role/App/s2`,
  `arn:aws:iam::${A}:role/App`,
  `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`,
  `arn:aws:iam::${A}:root`,
  B,
  `arn:aws:sts::${A}:federated-user/fed`,
  '*',
  'ec2.amazonaws.com',
  'accounts.google.com',
  `arn:aws:iam::${A}:saml-provider/okta`,
  // The other partitions: the same account ids, so only the partition tells them apart (G-28, EV-8).
  `arn:aws-cn:iam::${A}:user/alice`,
  `arn:aws-cn:sts::${A}:assumed-role/App/s1`,
  `arn:aws-us-gov:iam::${A}:role/App`,
  `arn:aws-us-gov:iam::${A}:root`,
] as const;

const ACTIONS = [
  's3:GetObject',
  'S3:getobject',
  's3:PutObject',
  's3:ListBucket',
  'ec2:RunInstances',
  'ec2:DescribeInstances',
  'EC2:describeVolumes',
  'iam:DeleteRole',
  'iam:PassRole',
  'sts:AssumeRole',
  'sts:TagSession',
  'kms:Decrypt',
  'kms:RetireGrant',
  'sqs:SendMessage',
  'dynamodb:GetItem',
  'lambda:InvokeFunction',
  'sns:Publish',
] as const;

const ACTION_PATTERNS = [
  's3:GetObject',
  'S3:GETOBJECT',
  's3:PutObject',
  's3:ListBucket',
  'ec2:RunInstances',
  'ec2:DescribeInstances',
  'iam:DeleteRole',
  'iam:PassRole',
  'sts:AssumeRole',
  'kms:Decrypt',
  'sqs:SendMessage',
  'dynamodb:GetItem',
  's3:*',
  's3:Get*',
  's3:*Object',
  'ec2:Describe*',
  'ec2:?unInstances',
  'iam:Delete?ole',
  'kms:*',
  'sts:*',
  'dynamodb:*',
  '*',
  '*:Get*',
  'ec*:Run*',
] as const;

const RESOURCES: readonly (readonly [string, string | undefined])[] = [
  ['arn:aws:s3:::photos/a.jpg', A],
  ['arn:aws:s3:::photos/alice/a.jpg', undefined],
  ['arn:aws:s3:::platform/report.csv', B],
  ['arn:aws:s3:::photos', A],
  [`arn:aws:ec2:us-east-1:${A}:instance/i-1`, undefined],
  [`arn:aws:ec2:eu-west-1:${B}:volume/vol-1`, undefined],
  [`arn:aws:iam::${A}:role/App`, undefined],
  [`arn:aws:iam::${B}:role/App`, undefined],
  [`arn:aws:iam::${A}:user/alice`, undefined],
  [`arn:aws:kms:us-east-1:${A}:key/1234abcd`, undefined],
  [`arn:aws:sqs:us-east-1:${B}:jobs`, undefined],
  [`arn:aws:dynamodb:us-east-1:${A}:table/orders`, undefined],
  ['*', undefined],
  // Regional ARNs in other regions and partitions: aws:RequestedRegion is derived from them (EV-16).
  [`arn:aws:kms:eu-west-1:${B}:key/abcd`, undefined],
  [`arn:aws-us-gov:dynamodb:us-gov-west-1:${A}:table/orders`, undefined],
  ['arn:aws-cn:s3:::photos/a.jpg', A],
  [`arn:aws-cn:kms:cn-north-1:${A}:key/1234abcd`, undefined],
  [`arn:aws-us-gov:iam::${A}:role/App`, undefined],
  // An ARN with an empty resource part: the edge of ARN matching (a non-ARN resource is refused, RV-3).
  ['arn:aws:s3:::', undefined],
];

const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::photos/*',
  'arn:aws:s3:::photos',
  'arn:aws:s3:::photos/a.jpg',
  'arn:aws:s3:::ph?tos/*',
  'arn:aws:s3:::photos/${aws:username}/*',
  'arn:aws:s3:::${aws:PrincipalTag/team}/*',
  "arn:aws:s3:::photos/${aws:username, 'alice'}/*",
  'arn:aws:ec2:*:*:instance/*',
  `arn:aws:ec2:*:${B}:*`,
  'arn:aws:iam::*:role/App',
  `arn:aws:iam::${A}:role/*`,
  `arn:aws:kms:us-east-1:${A}:key/*`,
  `arn:aws:sqs:*:${B}:*`,
  'arn:aws:*:*:*:*',
  'arn:aws:dynamodb:*:*:table/${aws:PrincipalTag/team}',
  'arn:aws-cn:s3:::photos/*',
  'arn:*:s3:::photos/*',
  `arn:aws-us-gov:iam::${A}:role/*`,
] as const;

const CONDITIONS: readonly Record<string, Record<string, unknown>>[] = [
  { Bool: { 'aws:SecureTransport': 'true' } },
  { BoolIfExists: { 'aws:SecureTransport': 'false' } },
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringNotEquals: { 'aws:PrincipalAccount': A } },
  { StringEquals: { 'aws:ResourceAccount': B } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws-cn:*:*:${A}:*` } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/App' } },
  { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } },
  { StringEquals: { 'aws:username': 'alice' } },
  { StringEquals: { 'aws:userid': A } },
  { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } },
  { StringLike: { 's3:prefix': ['${aws:username}/*', 'home/'] } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
  { 'ForAllValues:StringLike': { 'aws:TagKeys': ['t*'] } },
  { Null: { 'aws:MultiFactorAuthAge': 'true' } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  { DateGreaterThan: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { StringEquals: { 'aws:PrincipalIsAWSService': 'true' } },
];

const PRINCIPAL_VALUES: readonly unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: A },
  { AWS: [`arn:aws:iam::${B}:root`] },
  { AWS: `arn:aws:iam::${A}:user/alice` },
  { AWS: [`arn:aws:iam::${A}:role/App`, `arn:aws:sts::${A}:assumed-role/App/s1`] },
  { AWS: [A, `arn:aws:iam::${A}:role/App`, `arn:aws:sts::${A}:assumed-role/App/s1`] },
  { AWS: `arn:aws:sts::${A}:federated-user/fed` },
  { Service: 'ec2.amazonaws.com' },
  { Federated: 'accounts.google.com' },
  { Federated: `arn:aws:iam::${A}:saml-provider/okta` },
  { AWS: `arn:aws-cn:iam::${A}:root` },
  { AWS: [`arn:aws-us-gov:iam::${A}:role/App`, `arn:aws-cn:iam::${A}:user/alice`] },
];

type Shape = 'identity' | 'resource' | 'rcp' | 'vpcEndpoint';

function statementArb(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      // Customer RCPs are Deny-only (O-18); a level's Allow is RCPFullAWSAccess (`full` below).
      effect: shape === 'rcp' ? fc.constant('Deny') : fc.constantFrom('Allow', 'Allow', 'Deny'),
      notAction: shape === 'rcp' ? fc.constant(false) : fc.constantFrom(false, false, false, true),
      actions: someOf(ACTION_PATTERNS),
      notResource: fc.constantFrom(false, false, false, true),
      resources: someOf(RESOURCE_PATTERNS, 2),
      principal: pick(PRINCIPAL_VALUES),
      notPrincipal: fc.constantFrom(false, false, true),
      conditions: fc.uniqueArray(pick(CONDITIONS), { maxLength: 2 }),
      sid: fc.option(pick(['Read', 'Deny1', 'Boundary']), { nil: undefined }),
    })
    .map(({ effect, notAction, actions, notResource, resources, principal, notPrincipal, conditions, sid }) => {
      const statement: Record<string, unknown> = {};
      if (sid !== undefined) statement['Sid'] = sid;
      statement['Effect'] = effect;
      if (shape === 'rcp') statement['Principal'] = '*';
      else if (shape === 'resource' || shape === 'vpcEndpoint') {
        const vpcSafe =
          shape === 'vpcEndpoint' && typeof principal === 'object' && principal !== null && !('AWS' in principal)
            ? '*'
            : principal;
        if (notPrincipal && effect === 'Deny' && shape === 'resource' && principal !== '*')
          statement['NotPrincipal'] = principal;
        else statement['Principal'] = vpcSafe;
      }
      statement[notAction ? 'NotAction' : 'Action'] = actions;
      statement[notResource ? 'NotResource' : 'Resource'] = resources;
      const condition: Record<string, Record<string, unknown>> = {};
      for (const block of conditions) {
        for (const [operator, entries] of Object.entries(block))
          condition[operator] = { ...condition[operator], ...entries };
      }
      if (Object.keys(condition).length > 0) statement['Condition'] = condition;
      return statement;
    });
}

/** Sids stay unique within a policy (G-12): the statement's index is appended. */
const policyArb = (shape: Shape, max: number): fc.Arbitrary<object> =>
  fc.array(statementArb(shape), { minLength: 1, maxLength: max }).map((statements) => ({
    Version: '2012-10-17',
    Statement: statements.map((statement, i) =>
      typeof statement['Sid'] === 'string' ? { ...statement, Sid: `${statement['Sid']}${i}` } : statement,
    ),
  }));

/** A role trust policy: valid as `roleTrust`, invalid as `resource` (no Resource). */
const trustPolicyArb: fc.Arbitrary<object> = fc
  .record({
    principal: pick(PRINCIPAL_VALUES.filter((value) => typeof value === 'object')),
    action: pick(['sts:AssumeRole', 'sts:TagSession', 'sts:*']),
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    condition: fc.option(pick(CONDITIONS.slice(0, 6)), { nil: undefined }),
  })
  .map(({ principal, action, effect, condition }) => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: effect, Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) },
    ],
  }));

/** Sometimes JSON text (positions from the text), sometimes an object, sometimes a frozen object. */
function sourceArb(id: string, document: fc.Arbitrary<object>): fc.Arbitrary<PolicySource> {
  return fc.tuple(document, fc.constantFrom('object', 'text', 'frozen')).map(([doc, form]) => ({
    id,
    document: form === 'text' ? JSON.stringify(doc, null, 2) : form === 'frozen' ? deepFreeze(doc) : doc,
  }));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function sourcesArb(
  prefix: string,
  shape: Shape,
  maxPolicies: number,
  maxStatements: number,
): fc.Arbitrary<PolicySource[]> {
  return fc
    .array(policyArb(shape, maxStatements), { maxLength: maxPolicies })
    .chain((docs) =>
      docs.length === 0
        ? fc.constant<PolicySource[]>([])
        : fc.tuple(...docs.map((doc, i) => sourceArb(`${prefix}${i}`, fc.constant(doc)))),
    );
}

function levelsArb(kind: 'scp' | 'rcp'): fc.Arbitrary<OrgLevel[]> {
  const full =
    kind === 'scp'
      ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
      : { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
  const targets = ['r-root', 'ou-ab12-cdef3456', A];
  return fc
    .array(
      fc.record({ full: fc.boolean(), extra: sourcesArb(`${kind}-`, kind === 'scp' ? 'identity' : 'rcp', 2, 3) }),
      {
        maxLength: 3,
      },
    )
    .map((levels) =>
      levels.map(({ full: withFull, extra }, i) => {
        const target = targets[i] ?? `ou-${i}`;
        const policies = extra.map((source) => ({ ...source, id: `${source.id}${target}` }));
        if (withFull) policies.unshift({ id: kind === 'scp' ? 'FullAWSAccess' : 'RCPFullAWSAccess', document: full });
        return { target, policies };
      }),
    );
}

const rarely = <T>(arb: fc.Arbitrary<T>, empty: T): fc.Arbitrary<T> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(empty) }, { weight: 1, arbitrary: arb });

/** A policy set aimed at the index: up to 4 identity policies of up to 8 statements, and every other type. */
export const indexedPolicySetArb: fc.Arbitrary<PolicySet> = fc
  .record({
    identity: sourcesArb('identity-', 'identity', 4, 8),
    resource: fc.option(
      // A trust policy is refused for every request on a resource other than a role, so it stays rare enough for
      // most pairs to be decided (the test wants more than 80 %).
      fc.oneof(
        { weight: 5, arbitrary: sourceArb('bucket', policyArb('resource', 4)) },
        { weight: 1, arbitrary: sourceArb('trust', trustPolicyArb) },
      ),
      { nil: undefined },
    ),
    permissionsBoundary: fc.option(sourceArb('boundary', policyArb('identity', 4)), { nil: undefined, freq: 3 }),
    session: rarely(sourcesArb('session-', 'identity', 2, 3), []),
    serviceControlPolicies: rarely(levelsArb('scp'), []),
    resourceControlPolicies: rarely(levelsArb('rcp'), []),
    vpcEndpoint: rarely(sourcesArb('vpce-', 'vpcEndpoint', 2, 3), []),
  })
  .map(({ resource, permissionsBoundary, ...rest }) => ({
    ...rest,
    ...(resource === undefined ? {} : { resource }),
    ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
  }));

const CONTEXT_VALUES: Readonly<Record<string, fc.Arbitrary<ContextValue | null>>> = {
  'aws:SecureTransport': fc.boolean(),
  'AWS:securetransport': pick(['true', 'false']),
  'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1']),
  'aws:username': pick(['alice', 'bob', '']),
  'aws:userid': pick([A, 'AIDAEXAMPLE', 'AROAEXAMPLE:s1']),
  'aws:PrincipalTag/team': pick(['photos', 'platform', 'orders']),
  'aws:ResourceTag/team': pick(['photos', 'platform']),
  'aws:PrincipalArn': pick([`arn:aws:iam::${A}:role/App`, `arn:aws:iam::${B}:user/bob`]),
  's3:prefix': pick(['alice/x', 'home/', 'bob/']),
  'aws:TagKeys': fc.uniqueArray(pick(['env', 'team', 'cost']), { maxLength: 2 }),
  'aws:MultiFactorAuthAge': fc.oneof(fc.integer({ min: 0, max: 7200 }), fc.constant(null)),
  'aws:CurrentTime': pick(['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z']),
  'aws:SourceIp': pick(['203.0.113.9', '198.51.100.1']),
};

/** A request in the same universe, with a context that may supply or override derived keys. */
export const indexedRequestArb: fc.Arbitrary<RequestInput> = fc
  .record({
    principal: pick(PRINCIPALS),
    action: pick(ACTIONS),
    resource: pick(RESOURCES),
    context: fc.option(fc.record(CONTEXT_VALUES, { requiredKeys: [] }), { nil: undefined }),
  })
  .map(({ principal, action, resource: [resource, resourceAccount], context }) => ({
    principal,
    action,
    resource,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
    ...(context === undefined ? {} : { context: context as Readonly<Record<string, ContextValue>> }),
  }));

/** Every option `evaluate` takes, each possibly absent. */
export const evaluateOptionsArb: fc.Arbitrary<EvaluateOptions> = fc.record(
  {
    managementAccountId: pick([A, B]),
    implicitRcpFullAccess: fc.boolean(),
    rcpSupportedServices: pick([['S3', 'ec2'], [], ['sts', 'kms', 'dynamodb']]),
    now: pick(['2025-03-01T00:00:00Z', 1_700_000_000_000]),
    federatedUserIssuerArn: pick([`arn:aws:iam::${A}:user/alice`]),
  },
  { requiredKeys: [] },
);

/** How many requests each generated set is checked with. */
export const REQUESTS_PER_SET = 25;

/** One policy set and several requests with options: half aimed at the index, half from the public arbitraries. */
export const differentialCaseArb: fc.Arbitrary<{
  readonly policies: PolicySet;
  readonly requests: readonly { readonly request: RequestInput; readonly options: EvaluateOptions }[];
}> = fc.oneof(
  fc.record({
    policies: indexedPolicySetArb,
    requests: fc.array(fc.record({ request: indexedRequestArb, options: evaluateOptionsArb }), {
      minLength: REQUESTS_PER_SET,
      maxLength: REQUESTS_PER_SET,
    }),
  }),
  fc.record({
    policies: arbPolicySet(),
    requests: fc.array(fc.record({ request: arbRequest(), options: evaluateOptionsArb }), {
      minLength: REQUESTS_PER_SET,
      maxLength: REQUESTS_PER_SET,
    }),
  }),
);
