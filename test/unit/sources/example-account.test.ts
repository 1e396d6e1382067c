// examples/account/ end to end: the folder layout of docs/aws-inputs.md (AS-19) read as the CLI will, loaded, and
// each scenario of examples/account/README.md resolved and evaluated.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, loadAccountSnapshot } from '../../../src/index.js';
import type { RequestInput } from '../../../src/index.js';
import { readAccountFolder } from '../../../src/cli/account-input.js';

const dir = fileURLToPath(new URL('../../../examples/account/', import.meta.url));
const snapshot = loadAccountSnapshot(readAccountFolder(dir));
const A = '111122223333';
const ORG_POLICY = `arn:aws:organizations::999988887777:policy/o-ex12abcd34`;

interface Scenario {
  readonly name: string;
  readonly request: RequestInput;
  readonly decision: string;
  readonly by: { readonly policyType: string; readonly policyId: string; readonly orgLevel?: string } | string;
}

const scenarios: Scenario[] = [
  {
    name: 'alice reads a report through the AWS managed AmazonS3ReadOnlyAccess of group Auditors',
    request: {
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::example-reports/2024/q1.csv',
      resourceAccount: A,
    },
    decision: 'Allow',
    by: { policyType: 'identity', policyId: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
  },
  {
    name: 'bob may delete reports (group Developers) but the bucket policy denies it',
    request: {
      principal: `arn:aws:iam::${A}:user/engineering/bob`,
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::example-reports/2024/q1.csv',
      resourceAccount: A,
    },
    decision: 'ExplicitDeny',
    by: { policyType: 'resource', policyId: 'arn:aws:s3:::example-reports' },
  },
  {
    name: 'carol is an administrator, but the OU SCP denies stopping CloudTrail',
    request: {
      principal: `arn:aws:iam::${A}:user/carol`,
      action: 'cloudtrail:StopLogging',
      resource: `arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail`,
    },
    decision: 'ExplicitDeny',
    by: {
      policyType: 'scp',
      policyId: `${ORG_POLICY}/service_control_policy/p-ex12scp0001`,
      orgLevel: 'ou-ex12-aaaaaaaa',
    },
  },
  {
    name: 'carol cannot leave the organization: the account-level SCP (a bare file, named by it) denies',
    request: { principal: `arn:aws:iam::${A}:user/carol`, action: 'organizations:LeaveOrganization', resource: '*' },
    decision: 'ExplicitDeny',
    by: { policyType: 'scp', policyId: 'DenyLeaveOrganization', orgLevel: A },
  },
  {
    name: 'a BuildRole session may run instances by its inline policy, but its boundary does not allow it',
    request: {
      principal: `arn:aws:sts::${A}:assumed-role/BuildRole/build-7`,
      action: 'ec2:RunInstances',
      resource: '*',
    },
    decision: 'ImplicitDeny',
    by: 'permissionsBoundary',
  },
  {
    name: 'a ReportsReader session (role path /service/) reads reports by ReportsRead v2',
    request: {
      principal: `arn:aws:sts::${A}:assumed-role/ReportsReader/nightly`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::example-reports/2024/q1.csv',
      resourceAccount: A,
    },
    decision: 'Allow',
    by: { policyType: 'identity', policyId: `arn:aws:iam::${A}:policy/ReportsRead` },
  },
  {
    name: 'ReportsReader cannot write: only the non-default v1 of ReportsRead allowed s3:PutObject',
    request: {
      principal: `arn:aws:sts::${A}:assumed-role/ReportsReader/nightly`,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::example-reports/2024/q1.csv',
      resourceAccount: A,
    },
    decision: 'ImplicitDeny',
    by: 'identity',
  },
  {
    name: 'alice assumes ReportsReader: its trust policy names her',
    request: {
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/service/ReportsReader`,
    },
    decision: 'Allow',
    by: { policyType: 'resource', policyId: `arn:aws:iam::${A}:role/service/ReportsReader` },
  },
  {
    name: 'alice reads a report without TLS: the root RCP denies',
    request: {
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::example-reports/2024/q1.csv',
      resourceAccount: A,
      context: { 'aws:SecureTransport': false },
    },
    decision: 'ExplicitDeny',
    by: { policyType: 'rcp', policyId: `${ORG_POLICY}/resource_control_policy/p-ex12rcp0001`, orgLevel: 'r-ex12' },
  },
];

describe('examples/account (AS-19)', () => {
  it('AS-19: the folders load without warnings, with the management account of org/organization.json', () => {
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.managementAccountId).toBe('999988887777');
    expect(snapshot.users).toEqual([
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:user/engineering/bob`,
      `arn:aws:iam::${A}:user/carol`,
    ]);
    expect(snapshot.roles).toEqual([
      `arn:aws:iam::${A}:role/BuildRole`,
      `arn:aws:iam::${A}:role/service/ReportsReader`,
    ]);
  });

  it('AS-19: every principal the README lists is in the GAAD', () => {
    const readme = readFileSync(new URL('README.md', `file://${dir}`), 'utf8');
    for (const arn of [...snapshot.users, ...snapshot.roles]) expect(readme).toContain(arn);
  });

  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('AS-6 AS-7 AS-14: %s', (_name, scenario) => {
    const resolved = snapshot.resolve(scenario.request);
    expect(resolved.warnings).toEqual([]);
    const result = evaluate(resolved.input, resolved.options);
    expect(result.decision, result.message).toBe(scenario.decision);
    if (typeof scenario.by === 'string') {
      expect(result.notAllowedBy).toBe(scenario.by);
      return;
    }
    const ref = scenario.decision === 'Allow' ? result.allowedBy[0] : result.deniedBy;
    expect({
      policyType: ref?.policyType,
      policyId: ref?.policyId,
      ...(scenario.by.orgLevel === undefined ? {} : { orgLevel: ref?.orgLevel }),
    }).toEqual(scenario.by);
  });
});
