import { describe, expect, it } from 'vitest';
import { jsonOutput, runCli, useBuiltCli } from './cli-harness.js';

const built = useBuiltCli('cli-files-');
const { file } = built;

const S = 'examples/scenarios';
const SCP_MESSAGE =
  'User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in a service control policy';

describe('help and usage (exit 2 for bad usage)', () => {
  it('--help of every command has examples and exits 0', () => {
    for (const args of [['--help'], ['eval', '--help'], ['explain', '--help'], ['validate', '--help']]) {
      const run = runCli(built.path(), args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toContain('examples:');
      expect(run.stdout).toContain('iam-policy-evaluator');
    }
  });

  it('--version prints the package version', () => {
    expect(runCli(built.path(), ['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('no command, an unknown command or an unknown option: exit 2, one line', () => {
    expect(runCli(built.path(), []).code).toBe(2);
    for (const args of [['frobnicate'], ['eval', '--frobnicate'], ['validate']]) {
      const run = runCli(built.path(), args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(/^iam-policy-evaluator: [a-z`]/);
    }
  });

  it('a malformed --context, or a request without principal: exit 2', () => {
    const base = ['eval', '--policies', `${S}/01-identity-deny/policies`];
    const request = [...base, '--principal', 'arn:aws:iam::1:user/a', '--action', 's3:GetObject'];
    expect(runCli(built.path(), [...request, '--context', 'novalue']).code).toBe(2);
    expect(runCli(built.path(), [...request, '--context', 'k:=nope']).code).toBe(2);
    expect(runCli(built.path(), [...base, '--action', 's3:GetObject']).code).toBe(2);
  });
});

describe('eval: exit 0 allowed, 1 denied; --json matches schemas/cli-output.schema.json', () => {
  it('E-4: an explicit deny exits 1 and names the statement, its file and line', () => {
    const run = runCli(built.path(), [
      'eval',
      '--request',
      `${S}/01-identity-deny/scenario.json`,
      '--policies',
      `${S}/01-identity-deny/policies`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ExplicitDeny: explicit deny in an identity-based policy');
    expect(run.stdout).toContain(`${S}/01-identity-deny/policies/identity/DenyDeleteRole.json:4:5`);
    expect(run.stdout).toContain('no change of context can make it stop applying');
  });

  it('O-11: the CloudOps session is allowed, exit 0, and --json validates', () => {
    const run = runCli(built.path(), [
      'eval',
      '--principal',
      'arn:aws:sts::123456789012:assumed-role/CloudOps/ops',
      '--action',
      'ec2:RunInstances',
      '--resource',
      'arn:aws:ec2:us-east-1:123456789012:instance/*',
      '--policies',
      `${S}/08-scp-deny/policies`,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = jsonOutput(run);
    expect(out['decision']).toBe('Allow');
    expect(out['command']).toBe('eval');
  });

  it('typed --context (key:=json) reaches the engine: MFA present lifts the scenario 2 deny', () => {
    const args = [
      'eval',
      '--request',
      `${S}/02-mfa-notaction/scenario.json`,
      '--policies',
      `${S}/02-mfa-notaction/policies`,
      '--json',
    ];
    expect(jsonOutput(runCli(built.path(), args))['decision']).toBe('ExplicitDeny');
    const run = runCli(built.path(), [...args, '--context', 'aws:MultiFactorAuthPresent:=true']);
    expect(run.code).toBe(0);
    expect(jsonOutput(run)['decision']).toBe('Allow');
  });

  it('policies by type flags, with SCP levels, give the same decision as the folder', () => {
    const p = `${S}/08-scp-deny/policies`;
    const run = runCli(built.path(), [
      'eval',
      '--principal',
      'arn:aws:iam::123456789012:user/tester',
      '--action',
      'ec2:RunInstances',
      '--identity',
      `${p}/identity/Ec2Admin.json`,
      '--scp',
      `r-root=${p}/scp/0-r-root/FullAWSAccess.json`,
      '--scp',
      `ou-abcd-11111111=${p}/scp/1-ou-abcd-11111111/FullAWSAccess.json`,
      '--scp',
      `ou-abcd-11111111=${p}/scp/1-ou-abcd-11111111/DenyRunInstancesExceptCloudOps.json`,
      '--scp',
      `123456789012=${p}/scp/2-123456789012/FullAWSAccess.json`,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const out = jsonOutput(run);
    expect((out['result'] as { deniedBy: unknown }).deniedBy).toMatchObject({
      policyType: 'scp',
      policyId: 'DenyRunInstancesExceptCloudOps',
      orgLevel: 'ou-abcd-11111111',
    });
  });

  it('an invalid policy: exit 1, every issue as file:line:column, nothing evaluated', () => {
    const broken = file(
      'broken/identity/DenyDeleteRole.json',
      '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Deny",\n    "Action": "iam:DeleteRole"\n    "Resource": "*"\n  }\n}\n',
    );
    const args = ['eval', '--principal', 'arn:aws:iam::1:user/a', '--action', 'iam:DeleteRole', '--identity', broken];
    const run = runCli(built.path(), args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${broken}:5:`);
    expect(run.stderr).toContain('missing_comma');
    const json = runCli(built.path(), [...args, '--json']);
    expect(json.code).toBe(1);
    expect(jsonOutput(json)).toMatchObject({ ok: false, invalidPolicies: true });
  });
});

describe('a nonexistent file or invalid JSON: a one-line error with the path', () => {
  const oneLine = (args: string[], path: string, code: number): void => {
    const run = runCli(built.path(), args);
    expect(run.code, run.stderr).toBe(code);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toContain(path);
    expect(lines[0]).not.toMatch(/\.$/);
    const json = runCli(built.path(), [...args, '--json']);
    expect(json.code).toBe(code);
    expect(jsonOutput(json)).toMatchObject({ ok: false, error: { path } });
  };

  it('a nonexistent request file, policy file, policy folder or file to validate', () => {
    oneLine(
      ['eval', '--request', 'nope/request.json', '--policies', `${S}/01-identity-deny/policies`],
      'nope/request.json',
      2,
    );
    oneLine(
      ['eval', '--principal', 'arn:aws:iam::1:user/a', '--action', 's3:GetObject', '--identity', 'nope/p.json'],
      'nope/p.json',
      2,
    );
    oneLine(
      ['eval', '--principal', 'arn:aws:iam::1:user/a', '--action', 's3:GetObject', '--policies', 'nope/dir'],
      'nope/dir',
      2,
    );
    oneLine(['validate', 'nope/policy.json'], 'nope/policy.json', 2);
    oneLine(['explain', SCP_MESSAGE, 'nope/policies'], 'nope/policies', 2);
  });

  it('a request file that is not JSON names the file, line and column', () => {
    const bad = file('bad-request.json', '{\n  "principal": "arn:aws:iam::1:user/a",\n  "action": s3:GetObject\n}\n');
    oneLine(['eval', '--request', bad, '--policies', `${S}/01-identity-deny/policies`], bad, 2);
    const run = runCli(built.path(), ['eval', '--request', bad, '--policies', `${S}/01-identity-deny/policies`]);
    expect(run.stderr).toContain(`${bad}:3:13: invalid JSON`);
  });

  it('a policy file that is not JSON is an invalid policy: exit 1, each issue one line with the path', () => {
    const bad = file('notjson/identity/p.json', '{ "Version": "2012-10-17", "Statement": [ }');
    const run = runCli(built.path(), ['validate', bad]);
    expect(run.code).toBe(1);
    const issues = run.stdout.trimEnd().split('\n').slice(0, -1);
    expect(issues.length).toBeGreaterThan(0);
    for (const line of issues) {
      expect(line.startsWith(`${bad}:`), line).toBe(true);
      expect(line.slice(bad.length)).toMatch(/^:\d+:\d+: error /);
    }
  });
});

describe('explain', () => {
  it('M-2: the message as argument, a folder of policies: agrees, names the SCP, its level and line; exit 1', () => {
    const run = runCli(built.path(), ['explain', SCP_MESSAGE, `${S}/08-scp-deny/policies`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the engine agrees with the message');
    expect(run.stdout).toContain(
      `${S}/08-scp-deny/policies/scp/1-ou-abcd-11111111/DenyRunInstancesExceptCloudOps.json:4:5`,
    );
  });

  it('reads the message from stdin when the first argument is a folder, and with -', () => {
    for (const args of [[`${S}/08-scp-deny/policies`], ['-', `${S}/08-scp-deny/policies`]]) {
      const run = runCli(built.path(), ['explain', ...args, '--json'], {
        input: `An error occurred (AccessDenied) when calling the RunInstances operation: ${SCP_MESSAGE}\n`,
      });
      expect(run.code).toBe(1);
      const out = jsonOutput(run);
      expect(out).toMatchObject({
        command: 'explain',
        agrees: true,
        parsed: { operation: 'RunInstances', policyType: 'scp' },
      });
    }
  });

  it('says where the engine differs: the message names an SCP that was not given', () => {
    const run = runCli(built.path(), ['explain', SCP_MESSAGE, `${S}/08-scp-deny/policies/identity/Ec2Admin.json`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the message names a service control policy, but none was given: is it missing?');
  });

  it('a message it cannot read: exit 2, one line with the code and position', () => {
    const run = runCli(built.path(), ['explain', 'Access Denied for you', `${S}/08-scp-deny/policies`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('not_an_access_denied_message, line 1, column 1');
  });
});

describe('validate', () => {
  it('a folder: the files in folders named by type; the others are listed as skipped; exit 0', () => {
    const run = runCli(built.path(), ['validate', S]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ files checked: valid \(0 errors, 0 warnings\); 13 files skipped$/);
    expect(lines.slice(0, -1).every((l) => l.includes(': skipped, '))).toBe(true);
  });

  it('globs are matched with micromatch against our own walk of the tree', () => {
    const run = runCli(built.path(), ['validate', `${S}/*/policies/scp/**/*.json`, '--json']);
    expect(run.code).toBe(0);
    const out = jsonOutput(run) as { files: { path: string; grammar: string }[] };
    expect(out.files.length).toBe(7);
    expect(out.files.every((f) => f.grammar === 'scp' && f.path.includes('/scp/'))).toBe(true);
    expect(runCli(built.path(), ['validate', `${S}/*/nothing-here/*.json`]).code).toBe(2);
  });

  it('the broken pastes of SCENARIOS.md: every issue with file, line and column; exit 1', () => {
    const run = runCli(built.path(), [
      'validate',
      '--type',
      'resource',
      `${S}/06-vpce-only/as-pasted/bucket-policy.txt`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${S}/06-vpce-only/as-pasted/bucket-policy.txt:3:25: error typographic_quote`);
    expect(run.stdout).toContain(`${S}/06-vpce-only/as-pasted/bucket-policy.txt:7:78: error typographic_quote`);
    const json = jsonOutput(
      runCli(built.path(), [
        'validate',
        '--type',
        'identity',
        `${S}/01-identity-deny/as-pasted/deny-delete-role.txt`,
        '--json',
      ]),
    );
    expect(json).toMatchObject({ valid: false, summary: { invalid: 1 } });
  });

  it('a file outside a folder named by type is checked by its content; an unknown --type is exit 2', () => {
    const run = runCli(built.path(), ['validate', `${S}/01-identity-deny/as-pasted/deny-delete-role.txt`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('checked as an identity-based policy (identity)');
    expect(runCli(built.path(), ['validate', '--type', 'cookie', `${S}/01-identity-deny/scenario.json`]).code).toBe(2);
  });
});

describe('colour', () => {
  const args = ['explain', SCP_MESSAGE, `${S}/08-scp-deny/policies`];
  it('none when stdout is not a terminal, nor with NO_COLOR; with FORCE_COLOR or --color', () => {
    expect(runCli(built.path(), args).stdout).not.toContain('\u001b[');
    expect(runCli(built.path(), args, { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(runCli(built.path(), args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCli(built.path(), [...args, '--color']).stdout).toContain('\u001b[');
    expect(runCli(built.path(), [...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(
      '\u001b[',
    );
  });
});

describe('service rules on the command line (docs/service-rules.md)', () => {
  const identityDeny = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:*","Resource":"*"}]}';
  it('eval names the AWS rule that allowed, and --no-service-rules models the policies alone', () => {
    const policy = built.file('sr/identity/NoSts.json', identityDeny);
    const request = [
      'eval',
      '--principal',
      'arn:aws:iam::111122223333:user/alice',
      '--action',
      'sts:GetCallerIdentity',
    ];
    const run = runCli(built.path(), [...request, built.folder('sr')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Allow: allowed by an AWS rule: SR-1 /);
    const off = runCli(built.path(), [...request, '--no-service-rules', built.folder('sr')]);
    expect(off.code).toBe(1);
    expect(off.stdout).toMatch(/^ExplicitDeny/);
    expect(policy).toContain('NoSts.json');
  });
});
