import fc from 'fast-check';
import type {
  EvaluateOptions,
  EvaluationInput,
  OrgLevel,
  PolicySet,
  PolicySource,
  RequestInput,
} from '../../../src/index.js';

/**
 * Small generators for the evaluator's properties: a tiny universe of two accounts, a few callers, actions,
 * resources and context values, so that statements often match and often collide. Every generated policy is valid
 * in its grammar (identity/boundary/session/SCP: no Principal; resource/VPC endpoint: a Principal; RCP: `*`).
 */

const A = '111122223333';
const B = '444455556666';

/** One statement as JSON. */
export interface StatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: '*' | { AWS: string[] };
  Condition?: Record<string, Record<string, string>>;
}

/** One policy document as JSON. */
export interface PolicyJson {
  Version: '2012-10-17';
  Statement: StatementJson[];
}

/** Which statement elements a grammar takes. */
export type StatementShape = 'noPrincipal' | 'principal' | 'rcp';

export const principals: readonly string[] = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${B}:user/bob`,
  `arn:aws:sts::${A}:assumed-role/App/s1`,
  `arn:aws:sts::${B}:assumed-role/App/s2`,
  `arn:aws:iam::${A}:root`,
  `arn:aws:sts::${A}:federated-user/fed`,
  '*',
  'ec2.amazonaws.com',
];

const actions = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:DeleteRole', 'sqs:SendMessage'];
const actionPatterns = [...actions, 's3:*', '*', 'ec2:Run*', 's3:Get*', 'iam:*'];
const resources: readonly (readonly [string, string | undefined])[] = [
  ['arn:aws:s3:::photos/a.jpg', A],
  ['arn:aws:s3:::photos/a.jpg', B],
  [`arn:aws:ec2:us-east-1:${A}:instance/i-1`, undefined],
  ['*', undefined],
  [`arn:aws:sqs:us-east-1:${B}:jobs`, undefined],
];
const resourcePatterns = [
  '*',
  'arn:aws:s3:::photos/*',
  'arn:aws:ec2:*:*:instance/*',
  `arn:aws:sqs:*:${B}:*`,
  'arn:aws:s3:::other/*',
];
const principalValues = [
  A,
  B,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:role/App`,
  `arn:aws:sts::${A}:assumed-role/App/s1`,
];
const conditions: readonly Record<string, Record<string, string>>[] = [
  { Bool: { 'aws:SecureTransport': 'true' } },
  { BoolIfExists: { 'aws:SecureTransport': 'false' } },
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } },
];

const subset = <T>(values: readonly T[]) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });

/** A statement valid in the given shape; `effect` fixes the Effect when given. */
export function statementArb(shape: StatementShape, effect?: 'Allow' | 'Deny'): fc.Arbitrary<StatementJson> {
  return fc
    .record({
      // Customer RCPs are Deny-only (O-18): their Allow is RCPFullAWSAccess, built below.
      effect:
        shape === 'rcp'
          ? fc.constant<'Allow' | 'Deny'>(effect ?? 'Deny')
          : effect === undefined
            ? fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Deny')
            : fc.constant(effect),
      notAction: shape === 'rcp' ? fc.constant(false) : fc.constantFrom(false, false, true),
      actions: subset(actionPatterns),
      notResource: fc.constantFrom(false, false, false, true),
      resources: subset(resourcePatterns),
      principal:
        shape === 'principal' ? fc.option(subset(principalValues), { nil: undefined }) : fc.constant(undefined),
      condition: fc.option(fc.constantFrom(...conditions), { nil: undefined, freq: 2 }),
    })
    .map(({ effect: e, notAction, actions: acts, notResource, resources: res, principal, condition }) => {
      if (shape === 'rcp' && e === 'Allow') return { Effect: 'Allow', Principal: '*', Action: ['*'], Resource: ['*'] };
      const statement: StatementJson = { Effect: e };
      if (notAction) statement.NotAction = acts;
      else statement.Action = acts;
      if (notResource) statement.NotResource = res;
      else statement.Resource = res;
      if (shape === 'rcp') statement.Principal = '*';
      if (shape === 'principal') statement.Principal = principal === undefined ? '*' : { AWS: principal };
      if (condition !== undefined) statement.Condition = condition;
      return statement;
    });
}

export function policyArb(shape: StatementShape): fc.Arbitrary<PolicyJson> {
  return fc
    .array(statementArb(shape), { minLength: 1, maxLength: 3 })
    .map((Statement) => ({ Version: '2012-10-17', Statement }));
}

function sourcesArb(prefix: string, shape: StatementShape, max: number): fc.Arbitrary<PolicySource[]> {
  return fc
    .array(policyArb(shape), { minLength: 0, maxLength: max })
    .map((docs) => docs.map((document, i) => ({ id: `${prefix}${i}`, document })));
}

function levelsArb(prefix: string, shape: StatementShape): fc.Arbitrary<OrgLevel[]> {
  const targets = ['r-root', 'ou-abcd-11111111', A];
  return fc.array(sourcesArb(prefix, shape, 2), { minLength: 0, maxLength: 3 }).map((levels) =>
    levels.map((policies, i) => ({
      target: targets[i] ?? `ou-${i}`,
      policies: policies.map((p) => ({ ...p, id: `${p.id}-${i}` })),
    })),
  );
}

/** Guard-rail types present in about one set in three, so that Allow stays a common outcome. */
function rarely<T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant<T[]>([]) }, { weight: 1, arbitrary: arb });
}

/** A policy set of every type, each part possibly absent. */
export const policySetArb: fc.Arbitrary<PolicySet> = fc
  .record({
    identity: sourcesArb('id', 'noPrincipal', 2),
    resource: fc.option(policyArb('principal'), { nil: undefined }),
    permissionsBoundary: fc.option(policyArb('noPrincipal'), { nil: undefined, freq: 3 }),
    session: sourcesArb('session', 'noPrincipal', 1),
    serviceControlPolicies: rarely(levelsArb('scp', 'noPrincipal')),
    resourceControlPolicies: rarely(levelsArb('rcp', 'rcp')),
    vpcEndpoint: rarely(sourcesArb('vpce', 'principal', 1)),
  })
  .map(({ resource, permissionsBoundary, ...rest }) => ({
    ...rest,
    ...(resource === undefined ? {} : { resource: { id: 'rbp', document: resource } }),
    ...(permissionsBoundary === undefined
      ? {}
      : { permissionsBoundary: { id: 'boundary', document: permissionsBoundary } }),
  }));

/** A request in the same small universe. */
export const requestArb: fc.Arbitrary<RequestInput> = fc
  .record({
    principal: fc.constantFrom(...principals),
    action: fc.constantFrom(...actions),
    resource: fc.constantFrom(...resources),
    secure: fc.option(fc.boolean(), { nil: undefined }),
    region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: undefined }),
  })
  .map(({ principal, action, resource: [resource, resourceAccount], secure, region }) => {
    const context: Record<string, string | boolean> = {};
    if (secure !== undefined) context['aws:SecureTransport'] = secure;
    if (region !== undefined) context['aws:RequestedRegion'] = region;
    return { principal, action, resource, ...(resourceAccount === undefined ? {} : { resourceAccount }), context };
  });

export const inputArb: fc.Arbitrary<EvaluationInput> = fc.record({ request: requestArb, policies: policySetArb });

export const optionsArb: fc.Arbitrary<EvaluateOptions> = fc.record(
  { managementAccountId: fc.constantFrom(A, B), implicitRcpFullAccess: fc.boolean() },
  { requiredKeys: [] },
);
