// Issue 11, part 4: the CLI used without knowing its conventions. `validate` infers a file's grammar and says so,
// `eval` takes policy files as arguments with `--type` per file, a folder never skips a file silently, and the
// request's flags are checked with the flag named (part 2). Every test runs the built binary.
import { describe, expect, it } from 'vitest';
import { jsonOutput, runCli, useBuiltCli } from './cli-harness.js';

const built = useBuiltCli('cli-inference-');
const { file } = built;

const policy = (...statements: object[]): string =>
  `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;

const IDENTITY = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
const BUCKET = policy({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::reports/*',
});
const TRUST = policy({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
});
const WEB_IDENTITY_TRUST = policy({
  Effect: 'Allow',
  Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
});
const NOT_PRINCIPAL = policy(
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*', Principal: '*' },
  { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: '*' },
);
// sts:AssumeRole with another action is no trust policy: a resource-based policy with a Principal.
const MIXED = policy({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: ['sts:AssumeRole', 's3:GetObject'],
  Resource: '*',
});
const BROKEN = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:*"\n  ]\n}\n';

interface ValidateFile {
  path: string;
  grammar: string;
  grammarSource: string;
  grammarReason: string;
  grammarOverride?: string;
  valid: boolean;
  syntaxOnly?: boolean;
  issues: { code: string }[];
}

const validateJson = (args: string[]): { code: number | null; out: Record<string, unknown>; files: ValidateFile[] } => {
  const run = runCli(built.path(), ['validate', ...args, '--json']);
  const out = jsonOutput(run);
  return { code: run.code, out, files: out['files'] as ValidateFile[] };
};

describe('validate without --type: the grammar is inferred from the content, and the output says so', () => {
  const cases = [
    ['an identity policy', 'loose/identity.json', IDENTITY, 'identity', 'an identity-based policy', 'no statement has'],
    ['a bucket policy', 'loose/bucket.json', BUCKET, 'resource', 'a resource-based policy', 'has a `Principal`'],
    ['a NotPrincipal', 'loose/not-principal.json', NOT_PRINCIPAL, 'resource', 'a resource-based policy', 'statement 0'],
    ['sts:AssumeRole and more', 'loose/mixed.json', MIXED, 'resource', 'a resource-based policy', 'has a `Principal`'],
    ['a role trust policy', 'loose/trust.json', TRUST, 'roleTrust', 'a role trust policy', '`sts:AssumeRole*`'],
    ['a web identity trust', 'loose/oidc.json', WEB_IDENTITY_TRUST, 'roleTrust', 'a role trust policy', 'AssumeRole'],
  ] as const;
  for (const [what, name, text, grammar, phrase, reason] of cases) {
    it(`${what}: checked as ${grammar}, text and JSON`, () => {
      const path = file(name, text);
      const run = runCli(built.path(), ['validate', path]);
      expect(run.code, run.stdout).toBe(0);
      const [first, last] = [run.stdout.split('\n')[0] ?? '', run.stdout.trimEnd().split('\n').at(-1)];
      expect(first).toContain(`${path}: checked as ${phrase} (${grammar}): `);
      expect(first).toContain(reason);
      expect(first).toContain('`--type <grammar>`');
      expect(last).toBe('1 file checked: valid (0 errors, 0 warnings)');
      const json = validateJson([path]);
      expect(json.code).toBe(0);
      expect(json.files).toMatchObject([{ path, grammar, grammarSource: 'content', valid: true }]);
      expect(json.files[0]?.grammarReason).toContain(reason);
      expect(json.files[0]?.grammarOverride).toContain('--type <grammar>');
    });
  }

  it('a syntax-broken file: its JSON errors are reported whatever the grammar; exit 1', () => {
    const path = file('loose/broken.json', BROKEN);
    const run = runCli(built.path(), ['validate', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path}: only its syntax is checked, as its JSON has errors`);
    const issue = run.stdout.split('\n').find((l) => l.startsWith(`${path}:`) && l.includes(': error '));
    expect(issue?.slice(path.length), run.stdout).toMatch(/^:\d+:\d+: error /);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 file checked: 1 invalid file \([1-9]\d* errors?/);
    const json = validateJson([path]);
    expect(json.code).toBe(1);
    expect(json.out).toMatchObject({ ok: false, valid: false });
    expect(json.files[0]).toMatchObject({ path, grammarSource: 'content', syntaxOnly: true, valid: false });
    expect(json.files[0]?.issues.length).toBeGreaterThan(0);
  });

  it('the pastes of SCENARIOS.md: a bucket statement is resource-based, a role statement identity-based', () => {
    const json = validateJson([
      'examples/scenarios/04-bucket-policy-deny/as-pasted/bucket-policy-statement.txt',
      'examples/scenarios/01-identity-deny/as-pasted/deny-delete-role.txt',
    ]);
    expect(json.files.map((f) => [f.grammar, f.grammarSource])).toEqual([
      ['resource', 'content'],
      ['identity', 'content'],
    ]);
  });

  it('a folder named by type says where the grammar came from; --type before a file overrides both', () => {
    const typed = file('typed/identity/Reader.json', IDENTITY);
    const loose = file('loose/override.json', BUCKET);
    const json = validateJson([typed, '--type', 'identity', loose]);
    expect(json.code).toBe(1);
    expect(json.files).toMatchObject([
      { path: typed, grammar: 'identity', grammarSource: 'folder', grammarReason: 'its folder is `identity/`' },
      { path: loose, grammar: 'identity', grammarSource: 'type', grammarReason: '`--type identity`', valid: false },
    ]);
    expect(json.files[1]?.grammarOverride).toBeUndefined();
    expect(json.files[1]?.issues.map((i) => i.code)).toContain('principal_not_allowed');
    // The grammar chosen by --type is not announced: only a guess is.
    const run = runCli(built.path(), ['validate', '--type', 'resource', loose]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('1 file checked: valid (0 errors, 0 warnings)\n');
  });

  it('a --type applies to the files after it, up to the next one; a --type with no file after it is refused', () => {
    const bucket = file('order/bucket.json', BUCKET);
    const identity = file('order/identity.json', IDENTITY);
    const json = validateJson(['--type', 'resource', bucket, '--type', 'identity', identity]);
    expect(json.code).toBe(0);
    expect(json.files.map((f) => f.grammar)).toEqual(['resource', 'identity']);
    const trailing = runCli(built.path(), ['validate', bucket, '--type', 'resource']);
    expect(trailing.code).toBe(2);
    expect(trailing.stderr).toContain('`--type resource` is followed by no file');
    expect(trailing.stderr).toContain('--type resource bucket.json');
  });
});

describe('validate <folder>: never skips a file silently', () => {
  it('lists each skipped file with the reason, in text and JSON, and checks loose policies by content', () => {
    const root = built.folder('tree');
    const typed = file('tree/policies/identity/Reader.json', IDENTITY);
    const loose = file('tree/bucket-policy.json', BUCKET);
    const scenario = file('tree/scenario.json', '{ "title": "not a policy" }\n');
    const notes = file('tree/notes.txt', 'a paste\n');
    const run = runCli(built.path(), ['validate', root]);
    expect(run.code, run.stdout).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContain(`${scenario}: skipped, not a policy (it has no \`Statement\`): name it to check it anyway`);
    expect(lines).toContain(`${notes}: skipped, not a \`.json\` file: name it to check it`);
    expect(lines.some((l) => l.startsWith(`${loose}: checked as a resource-based policy (resource)`))).toBe(true);
    expect(lines.at(-1)).toBe('2 files checked: valid (0 errors, 0 warnings); 2 files skipped');

    const json = validateJson([root]);
    expect(json.files.map((f) => [f.path, f.grammarSource])).toEqual([
      [loose, 'content'],
      [typed, 'folder'],
    ]);
    expect(json.out['skipped']).toEqual([
      { path: scenario, reason: 'not a policy (it has no `Statement`): name it to check it anyway' },
      { path: notes, reason: 'not a `.json` file: name it to check it' },
    ]);
    expect(json.out['summary']).toMatchObject({ files: 2, skipped: 2 });
  });

  it('a folder of examples: the scenario.json files and the .txt pastes are listed as skipped', () => {
    const json = validateJson(['examples/scenarios']);
    expect(json.code).toBe(0);
    const skipped = json.out['skipped'] as { path: string; reason: string }[];
    expect(skipped.filter((s) => s.path.endsWith('/scenario.json'))).toHaveLength(10);
    expect(skipped.filter((s) => s.path.endsWith('.txt')).length).toBeGreaterThan(0);
    expect(json.files.every((f) => f.grammarSource === 'folder')).toBe(true);
  });

  it('a folder with no policy at all: exit 2, naming a skipped file and why', () => {
    const root = built.folder('empty-of-policies');
    file('empty-of-policies/package.json', '{ "name": "x" }\n');
    const run = runCli(built.path(), ['validate', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`\`${root}\` holds no policy`);
    expect(run.stderr).toContain('package.json');
  });
});

const ALICE = ['--principal', 'arn:aws:iam::123456789012:user/alice'];

describe('eval: the positional policy files of its --help', () => {
  it('a file outside a typed folder is an identity-based policy; a folder works as with --policies', () => {
    const identity = file('eval/reader.json', IDENTITY);
    const args = ['eval', ...ALICE, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::reports/q1.csv'];
    const run = runCli(built.path(), [...args, identity, '--json']);
    expect(run.code, run.stdout).toBe(0);
    expect(jsonOutput(run)).toMatchObject({
      decision: 'Allow',
      files: [{ path: identity, policyType: 'identity', grammar: 'identity', policyId: 'reader' }],
    });
    const S8 = 'examples/scenarios/08-scp-deny/policies';
    const tester = ['--principal', 'arn:aws:iam::123456789012:user/tester', '--action', 'ec2:RunInstances'];
    const positional = jsonOutput(runCli(built.path(), ['eval', ...tester, S8, '--json']));
    const flagged = jsonOutput(runCli(built.path(), ['eval', ...tester, '--policies', S8, '--json']));
    expect(positional['decision']).toBe('ExplicitDeny');
    expect(positional['files']).toEqual(flagged['files']);
  });

  it('--type per file: `--type resource bucket.json` makes it the resource policy (cross-account allow)', () => {
    const identity = file('eval2/reader.json', IDENTITY);
    const bucket = file('eval2/bucket.json', BUCKET);
    const bob = ['--principal', 'arn:aws:iam::111122223333:user/bob', '--action', 's3:GetObject'];
    const resource = ['--resource', 'arn:aws:s3:::reports/q1.csv', '--resource-account', '123456789012'];
    const run = runCli(built.path(), ['eval', ...bob, ...resource, identity, '--type', 'resource', bucket, '--json']);
    expect(run.code, run.stdout).toBe(0);
    expect(jsonOutput(run)).toMatchObject({
      decision: 'Allow',
      files: [
        { path: identity, policyType: 'identity' },
        { path: bucket, policyType: 'resource', grammar: 'resource' },
      ],
    });
  });

  it('a bucket policy given without --type is read as identity: the error says which --type fits', () => {
    const bucket = file('eval3/bucket.json', BUCKET);
    const args = ['eval', ...ALICE, '--action', 's3:GetObject', bucket];
    const run = runCli(built.path(), args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('principal_not_allowed');
    expect(run.stderr).toContain(`give \`--type resource ${bucket}\``);
    const json = jsonOutput(runCli(built.path(), [...args, '--json']));
    expect(json).toMatchObject({ ok: false, invalidPolicies: true });
    expect((json['notes'] as string[])[0]).toContain(`--type resource ${bucket}`);
  });

  it('--type scp needs a level, --type before a folder and an unknown --type are usage errors (exit 2)', () => {
    const identity = file('eval4/reader.json', IDENTITY);
    const args = ['eval', ...ALICE, '--action', 's3:GetObject'];
    const scp = runCli(built.path(), [...args, '--type', 'scp', identity]);
    expect(scp.code).toBe(2);
    expect(scp.stderr).toContain(`--scp r-root=${identity}`);
    const folder = runCli(built.path(), [...args, '--type', 'identity', 'examples/scenarios/08-scp-deny/policies']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('cannot apply to the folder');
    expect(runCli(built.path(), [...args, '--type', 'cookie', identity]).code).toBe(2);
  });

  it('explain takes --type per file the same way', () => {
    const bucket = file('explain/bucket.json', BUCKET);
    const message =
      'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::reports/q1.csv" because no identity-based policy allows the s3:GetObject action';
    const run = runCli(built.path(), ['explain', message, '--type', 'resource', bucket, '--json']);
    expect(run.stderr).toBe('');
    expect(jsonOutput(run)).toMatchObject({
      command: 'explain',
      files: [{ path: bucket, policyType: 'resource', grammar: 'resource' }],
    });
    // Without --type the bucket policy is read as identity-based, and refused with a hint.
    const untyped = runCli(built.path(), ['explain', message, bucket]);
    expect(untyped.code).toBe(1);
    expect(untyped.stderr).toContain(`give \`--type resource ${bucket}\``);
  });
});

describe('--context: a misspelt global key gets a "did you mean"', () => {
  // A real resource, so that the catalogue has nothing to say of the request (CAT-10).
  const base = [
    'eval',
    ...ALICE,
    '--action',
    'ec2:StopInstances',
    '--resource',
    'arn:aws:ec2:eu-west-1:123456789012:instance/i-1',
    'examples/scenarios/02-mfa-notaction/policies',
  ];

  it('eval: a warning on stderr naming the flag and aws:RequestedRegion; in --json, requestWarnings', () => {
    const run = runCli(built.path(), [...base, '--context', 'aws:RequestRegion=eu-west-1']);
    expect(run.code).toBe(1);
    const warning = run.stderr.split('\n').find((l) => l.includes('unknown_global_context_key'));
    expect(warning, run.stderr).toBeDefined();
    expect(warning).toContain('`--context aws:RequestRegion`');
    expect(warning).toContain('did you mean `aws:RequestedRegion`?');
    expect(run.stdout).toContain('ExplicitDeny');
    const json = jsonOutput(runCli(built.path(), [...base, '--context', 'aws:RequestRegion=eu-west-1', '--json']));
    expect(json['requestWarnings']).toEqual([
      expect.objectContaining({
        code: 'unknown_global_context_key',
        severity: 'warning',
        pointer: '/request/context/aws:RequestRegion',
        suggestion: 'aws:RequestedRegion',
        source: '--context aws:RequestRegion',
      }),
    ]);
  });

  it('no warning for a global key in another case, nor for a service key', () => {
    const run = runCli(built.path(), [
      ...base,
      '--context',
      'AWS:requestedregion=eu-west-1',
      '--context',
      'ec2:Region=x',
    ]);
    expect(run.stderr).toBe('');
  });

  it('explain: the same warning, the same flag named', () => {
    const message =
      'User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in a service control policy';
    const args = ['explain', message, 'examples/scenarios/08-scp-deny/policies', '--context', 'aws:SourceVpcc=vpc-1'];
    const run = runCli(built.path(), args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('`--context aws:SourceVpcc`');
    expect(run.stderr).toContain('did you mean `aws:SourceVpc`?');
    expect(jsonOutput(runCli(built.path(), [...args, '--json']))['requestWarnings']).toEqual([
      expect.objectContaining({ suggestion: 'aws:SourceVpc', source: '--context aws:SourceVpcc' }),
    ]);
  });
});

// These need the library's request validation (evaluate throwing RequestValidationError).
describe('a request value the engine cannot read: exit 2, naming the flag or file field it came from', () => {
  const base = ['eval', ...ALICE, '--action', 'ec2:StopInstances', 'examples/scenarios/02-mfa-notaction/policies'];

  for (const [flag, value] of [
    ['aws:SourceIp', '10.0.0.300'],
    ['aws:CurrentTime', 'yesterday'],
    ['aws:SecureTransport', 'maybe'],
  ] as const) {
    it(`--context ${flag}=${value}`, () => {
      const run = runCli(built.path(), [...base, '--context', `${flag}=${value}`]);
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.startsWith(`iam-policy-evaluator: \`--context ${flag}\`: `), run.stderr).toBe(true);
      const json = runCli(built.path(), [...base, '--context', `${flag}=${value}`, '--json']);
      expect(json.code).toBe(2);
      const out = jsonOutput(json) as { error: { code: string; message: string; issues: object[] } };
      expect(out.error.code).toBe('invalid_context');
      expect(out.error.message).toContain(`\`--context ${flag}\``);
      expect(out.error.issues[0]).toMatchObject({
        severity: 'error',
        pointer: `/request/context/${flag}`,
        source: `--context ${flag}`,
      });
    });
  }

  it('--principal, --now and --management-account are named the same way', () => {
    const policies = 'examples/scenarios/02-mfa-notaction/policies';
    const principal = runCli(built.path(), [
      'eval',
      '--principal',
      'nobody',
      '--action',
      'ec2:StopInstances',
      policies,
    ]);
    expect(principal.code).toBe(2);
    expect(principal.stderr).toMatch(/^iam-policy-evaluator: `--principal`: /);
    const now = runCli(built.path(), [...base, '--now', 'yesterday']);
    expect(now.code).toBe(2);
    expect(now.stderr).toMatch(/^iam-policy-evaluator: `--now`: /);
    const management = runCli(built.path(), [...base, '--management-account', '12']);
    expect(management.code).toBe(2);
    expect(management.stderr).toMatch(/^iam-policy-evaluator: `--management-account`: /);
  });

  it('a request file: names the file and the field, and JSON gives the path', () => {
    const request = file(
      'requests/scenario.json',
      `${JSON.stringify({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ec2:StopInstances', resource: '*', context: { 'aws:SourceIp': '1.2.3.999' } } })}\n`,
    );
    const args = ['eval', '--request', request, 'examples/scenarios/02-mfa-notaction/policies'];
    const run = runCli(built.path(), args);
    expect(run.code).toBe(2);
    const named = `iam-policy-evaluator: \`${request}\` field \`request.context.aws:SourceIp\`: `;
    expect(run.stderr.startsWith(named), run.stderr).toBe(true);
    const out = jsonOutput(runCli(built.path(), [...args, '--json'])) as { error: { path: string; issues: object[] } };
    expect(out.error.path).toBe(request);
    expect(out.error.issues[0]).toMatchObject({
      path: request,
      source: `${request} field request.context.aws:SourceIp`,
    });
    // A flag given as well wins over the file, and is the one named.
    const flagged = runCli(built.path(), [...args, '--context', 'aws:SourceIp=10.0.0.300']);
    expect(flagged.stderr).toMatch(/^iam-policy-evaluator: `--context aws:SourceIp`: /);
  });
});

describe('aws:RequestedRegion from a regional resource, and a misspelt global key in a policy (EV-16, RV-5)', () => {
  const REGION_SCP = policy({
    Sid: 'DenyOtherRegions',
    Effect: 'Deny',
    NotAction: ['iam:*', 'sts:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  });
  const ADMIN = policy({ Effect: 'Allow', Action: '*', Resource: '*' });

  it('explain derives the region of the message’s resource, marks it derived, and agrees with the message', () => {
    const scp = file('region/DenyOtherRegions.json', REGION_SCP);
    const admin = file('region/Admin.json', ADMIN);
    const message =
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:StopInstances on resource: arn:aws:ec2:eu-west-1:111122223333:instance/i-1 with an explicit deny in a service control policy';
    const run = runCli(built.path(), ['explain', message, admin, '--scp', `r-root=${scp}`]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('the engine agrees with the message');
    expect(run.stdout).toContain('request `eu-west-1` (derived from the resource)');
    expect(run.stdout).toContain('`aws:RequestedRegion=eu-west-1`');
  });

  it('eval on a resource in the allowed region: the same SCP allows', () => {
    const scp = file('region/DenyOtherRegions.json', REGION_SCP);
    const admin = file('region/Admin.json', ADMIN);
    const full = file('region/FullAWSAccess.json', ADMIN);
    const args = [
      ...ALICE,
      '--action',
      'ec2:StopInstances',
      admin,
      '--scp',
      `r-root=${full}`,
      '--scp',
      `r-root=${scp}`,
    ];
    const east = runCli(built.path(), [
      'eval',
      ...args,
      '--resource',
      'arn:aws:ec2:us-east-1:123456789012:instance/i-1',
    ]);
    expect(east.stdout.split('\n')[0], east.stderr).toContain('Allow');
    const west = runCli(built.path(), [
      'eval',
      ...args,
      '--resource',
      'arn:aws:ec2:eu-west-1:123456789012:instance/i-1',
    ]);
    expect(west.stdout.split('\n')[0]).toContain('ExplicitDeny');
  });

  it('validate warns on `aws:RequestRegion` in a policy, naming `aws:RequestedRegion`, and the file stays valid', () => {
    const typo = file(
      'typo/region.json',
      policy({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestRegion': 'us-east-1' } },
      }),
    );
    const run = runCli(built.path(), ['validate', typo]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('unknown_global_condition_key');
    expect(run.stdout).toContain('aws:RequestedRegion');
    const { files } = validateJson([typo]);
    expect(files[0]?.issues.map((issue) => issue.code)).toEqual(['unknown_global_condition_key']);
  });
});
