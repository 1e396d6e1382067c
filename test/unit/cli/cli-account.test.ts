// The CLI on an account snapshot (docs/aws-inputs.md, AS-19): eval and explain with --account, and
// explain --cloudtrail on the events of examples/account/cloudtrail/, run through the built binary.
import { describe, expect, it } from 'vitest';
import { jsonOutput, runCli, useBuiltCli } from './cli-harness.js';

const built = useBuiltCli('cli-account-');

const E = 'examples/account';
const A = '111122223333';
const ACCOUNT = [
  '--account',
  `${E}/gaad.json`,
  '--org',
  `${E}/org`,
  '--resource-policy',
  `arn:aws:s3:::example-reports=${E}/resource-policies/example-reports.bucket-policy.json`,
];
const OBJECT = 'arn:aws:s3:::example-reports/2024/q1.csv';
const SCP_DENY = 'arn:aws:organizations::999988887777:policy/o-ex12abcd34/service_control_policy/p-ex12scp0001';

const evalJson = (args: readonly string[]): { code: number | null; doc: Record<string, unknown> } => {
  const run = runCli(built.path(), ['eval', ...ACCOUNT, ...args, '--json']);
  return { code: run.code, doc: jsonOutput(run) };
};

describe('eval --account: the policies come from the snapshot (AS-6..AS-17, AS-19)', () => {
  it('AS-6: alice reads a report through AmazonS3ReadOnlyAccess of group Auditors: exit 0', () => {
    const run = runCli(built.path(), [
      'eval',
      ...ACCOUNT,
      '--principal',
      `arn:aws:iam::${A}:user/alice`,
      '--action',
      's3:GetObject',
      '--resource',
      OBJECT,
      '--resource-account',
      A,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Allow/);
    expect(run.stdout).toContain('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
  });

  it('AS-11: bob is denied by the bucket policy: exit 1, ExplicitDeny', () => {
    const { code, doc } = evalJson([
      '--principal',
      `arn:aws:iam::${A}:user/engineering/bob`,
      '--action',
      's3:DeleteObject',
      '--resource',
      OBJECT,
      '--resource-account',
      A,
    ]);
    expect(code).toBe(1);
    expect(doc['decision']).toBe('ExplicitDeny');
    expect(JSON.stringify((doc['result'] as { deniedBy: unknown }).deniedBy)).toContain('arn:aws:s3:::example-reports');
    expect(doc['snapshotWarnings']).toEqual([]);
  });

  it('AS-14, AS-16: carol is denied cloudtrail:StopLogging by the SCP at the OU', () => {
    const { code, doc } = evalJson([
      '--principal',
      `arn:aws:iam::${A}:user/carol`,
      '--action',
      'cloudtrail:StopLogging',
      '--resource',
      `arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail`,
    ]);
    expect(code).toBe(1);
    expect(doc['decision']).toBe('ExplicitDeny');
    expect(JSON.stringify(doc['result'])).toContain(SCP_DENY);
  });

  it('AS-7: the BuildRole session is denied ec2:RunInstances by its permissions boundary', () => {
    const run = runCli(built.path(), [
      'eval',
      ...ACCOUNT,
      '--principal',
      `arn:aws:sts::${A}:assumed-role/BuildRole/build-7`,
      '--action',
      'ec2:RunInstances',
      '--resource',
      '*',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ImplicitDeny: implicit deny: no permissions boundary allows the request/);
  });

  it('AS-8: a principal the snapshot lacks is warned about on stderr and in snapshotWarnings', () => {
    const args = ['--principal', `arn:aws:iam::${A}:user/nobody`, '--action', 's3:ListAllMyBuckets', '--resource', '*'];
    const run = runCli(built.path(), ['eval', ...ACCOUNT, ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('warning principal_not_found');
    const { doc } = evalJson(args);
    expect((doc['snapshotWarnings'] as { code: string }[]).map((w) => w.code)).toContain('principal_not_found');
  });

  it('AS-1: an unreadable GAAD file or an invalid snapshot exits 2 on one line', () => {
    const missing = runCli(built.path(), [
      'eval',
      '--account',
      `${E}/missing.json`,
      '--principal',
      'x',
      '--action',
      's3:GetObject',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`iam-policy-evaluator: cannot read \`${E}/missing.json\`: no such file\n`);
    const bad = built.file('bad-gaad.json', JSON.stringify({ UserDetailList: [{ UserName: 'alice' }] }));
    const invalid = runCli(built.path(), [
      'eval',
      '--account',
      bad,
      '--principal',
      'x',
      '--action',
      's3:GetObject',
      '--json',
    ]);
    expect(invalid.code).toBe(2);
    const doc = jsonOutput(invalid);
    expect((doc['error'] as { code: string }).code).toBe('invalid_account');
  });
});

describe('explain "<message>" --account (AS-19, M-1)', () => {
  it('AS-16: the SCP denial message of carol: the engine agrees, exit 1', () => {
    const message = `User: arn:aws:iam::${A}:user/carol is not authorized to perform: cloudtrail:StopLogging on resource: arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail with an explicit deny in a service control policy`;
    const run = runCli(built.path(), ['explain', message, ...ACCOUNT]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the engine agrees with the message');
    const doc = jsonOutput(runCli(built.path(), ['explain', message, ...ACCOUNT, '--json']));
    expect(doc['agrees']).toBe(true);
    expect(doc['snapshotWarnings']).toEqual([]);
  });
});

describe('explain --cloudtrail --account (CT-1, CT-11..CT-13)', () => {
  it('CT-1, CT-13: one denied event is explained like a message, with its context and unknown keys', () => {
    const run = runCli(built.path(), [
      'explain',
      '--cloudtrail',
      `${E}/cloudtrail/bucket-policy-explicit-deny.json`,
      ...ACCOUNT,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the engine agrees with the event');
    expect(run.stdout).toContain('ExplicitDeny: explicit deny in a resource-based policy');
    expect(run.stdout).toContain('`aws:SourceIp="203.0.113.10"` (from sourceIPAddress)');
    expect(run.stdout).toMatch(/keys the event cannot show \(unknown, not absent\): .*`aws:PrincipalTag\/\*`/);
    const doc = jsonOutput(
      runCli(built.path(), ['explain', '--cloudtrail', `${E}/cloudtrail/scp-explicit-deny.json`, ...ACCOUNT, '--json']),
    );
    expect((doc['result'] as { decision: string }).decision).toBe('ExplicitDeny');
    expect((doc['events'] as { agreement: string }[])[0]?.agreement).toBe('agree');
  });

  it('CT-12: the boundary denial event (Client.UnauthorizedOperation) agrees with AWS', () => {
    const run = runCli(built.path(), [
      'explain',
      '--cloudtrail',
      `${E}/cloudtrail/boundary-implicit-deny.json`,
      ...ACCOUNT,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the engine agrees with the event');
    expect(run.stderr).toContain('the event does not name the resource');
  });

  const LOG_LINES = [
    `/Records/0: arn:aws:iam::${A}:user/carol cloudtrail:StopLogging on arn:aws:cloudtrail:us-east-1:${A}:trail/org-trail: ExplicitDeny (by scp \`${SCP_DENY}\` at \`ou-ex12-aaaaaaaa\` statement 0 (Sid \`ProtectTrails\`)); agrees with AWS`,
    `/Records/1: arn:aws:sts::${A}:assumed-role/BuildRole/build-7 ec2:RunInstances on *: ImplicitDeny (no permissionsBoundary policy allows it); agrees with AWS`,
    `/Records/2: arn:aws:iam::${A}:user/engineering/bob s3:DeleteObject on ${OBJECT}: ExplicitDeny (by resource \`arn:aws:s3:::example-reports\` statement 0 (Sid \`DenyDeleteReports\`)); agrees with AWS`,
    '3 denials explained, 1 non-denial skipped; the engine agrees with AWS on 3, differs on 0, cannot tell on 0',
  ];

  it('CT-11, CT-12, CT-13: a Records log gives one line per denial and a count line; exit 1', () => {
    const run = runCli(built.path(), ['explain', '--cloudtrail', `${E}/cloudtrail/log.json`, ...ACCOUNT]);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual(LOG_LINES);
    const doc = jsonOutput(
      runCli(built.path(), ['explain', '--cloudtrail', `${E}/cloudtrail/log.json`, ...ACCOUNT, '--json']),
    );
    expect((doc['events'] as unknown[]).length).toBe(3);
    expect(doc['counts']).toMatchObject({ records: 4, notDenied: 1, evaluated: 3, agree: 3 });
  });

  it('CT-11: the same log gzipped gives the same output', () => {
    const run = runCli(built.path(), ['explain', '--cloudtrail', `${E}/cloudtrail/log.json.gz`, ...ACCOUNT]);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual(LOG_LINES);
  });

  it('CT-12: an allowed call alone is skipped: exit 0', () => {
    const run = runCli(built.path(), [
      'explain',
      '--cloudtrail',
      `${E}/cloudtrail/allowed-get-object.json`,
      ...ACCOUNT,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 denials explained, 1 non-denial skipped');
  });

  it('CT-11: unreadable input exits 2', () => {
    const notGzip = built.file('not.json.gz', 'plain text');
    expect(runCli(built.path(), ['explain', '--cloudtrail', notGzip, ...ACCOUNT]).code).toBe(2);
    const notLog = built.file('not-a-log.json', '42');
    const run = runCli(built.path(), ['explain', '--cloudtrail', notLog, ...ACCOUNT, '--json']);
    expect(run.code).toBe(2);
    expect((jsonOutput(run)['error'] as { code: string }).code).toBe('invalid_cloudtrail');
  });
});
