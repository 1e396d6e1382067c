// Every scenario of SCENARIOS.md runs as one `iam-policy-evaluator explain "<message>" examples/scenarios/NN-*/policies`
// command (the commands of docs/troubleshooting-access-denied.md), whose output names the right policy, statement
// and line, and says what would change the outcome. The doc must show the CLI's current, real output.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioCommands } from '../../../scripts/troubleshooting/commands.js';
import { collectRuns, renderDoc } from '../../../scripts/troubleshooting/doc.js';
import { buildCli, jsonOutput, REPO, runCli } from './cli-harness.js';

let cli = '';
let cleanup = (): void => undefined;
beforeAll(async () => {
  ({ cli, cleanup } = await buildCli());
}, 120_000);
afterAll(() => cleanup());

const commands = scenarioCommands(REPO);

describe('one explain command per scenario', () => {
  it('covers every scenario folder under examples/scenarios (10)', () => {
    expect(commands.map((c) => c.dir.split('/').at(-1)?.slice(0, 2))).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
    ]);
  });

  for (const command of commands) {
    const expected = command.scenario.expected;
    it(`${command.scenario.semantics.join(' ')}: ${command.dir}`, () => {
      const json = jsonOutput(runCli(cli, [...command.args, '--json'])) as {
        agrees: boolean;
        decision: string;
        result: { deniedBy?: { policyId: string; statementIndex: number; sid?: string; line: number; column: number } };
        files: { path: string; policyId: string }[];
      };
      expect(json.agrees).toBe(true);
      expect(json.decision).toBe(expected.decision);
      const deniedBy = json.result.deniedBy;
      expect(deniedBy).toMatchObject(expected.deniedBy ?? {});
      if (deniedBy === undefined) throw new Error('every scenario is an explicit deny');
      const file = json.files.find((f) => f.policyId === deniedBy.policyId)?.path;

      const run = runCli(cli, command.args);
      expect(run.code).toBe(1);
      // EC2 messages name no resource, so the request's resource is `*`, which the catalogue says no real
      // ec2:RunInstances request names (CAT-10): the one warning allowed.
      const warnings = run.stderr.split('\n').filter((line) => line !== '');
      expect(warnings.filter((line) => !line.includes('request_resource_not_real'))).toEqual([]);
      const out = run.stdout;
      expect(out).toContain('the engine agrees with the message');
      // The policy, the statement and its line.
      expect(out).toContain(`\`${deniedBy.policyId}\``);
      expect(out).toContain(
        `statement ${deniedBy.statementIndex}${deniedBy.sid === undefined ? ',' : ` (Sid \`${deniedBy.sid}\`)`}`,
      );
      expect(out).toContain(`${file}:${deniedBy.line}:${deniedBy.column}`);
      expect(out.split('\n').some((l) => l.trimStart().startsWith(`${deniedBy.line} | `))).toBe(true);
      // What would change the outcome.
      const change = out.slice(out.indexOf('what would change the outcome:'));
      expect(change.length).toBeGreaterThan(40);
      expect(change).toMatch(
        /stops applying with any one of:\n {4}- .+: the request is then allowed|no change of context can make it stop applying/,
      );
    });
  }
});

describe('README.md: every scenario as one `npx iam-policy-evaluator explain` command', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const blocks = readme
    .split('```sh\n')
    .slice(1)
    .map((b) => (b.split('```')[0] ?? '').replaceAll('\\\n', ' ').trim())
    .filter((b) => b.startsWith('npx iam-policy-evaluator explain ') && !b.includes('\n'));

  for (const command of commands) {
    it(`${command.dir}: the README command runs, agrees, and names the deciding statement`, () => {
      const line = blocks.find((b) => b.includes(` ${command.dir}/policies`));
      expect(line, `README.md has no explain command on ${command.dir}/policies`).toBeDefined();
      const shell = (line ?? '').replace('npx iam-policy-evaluator', `"${process.execPath}" "${cli}"`);
      const run = spawnSync('bash', ['-c', shell], {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain('the engine agrees with the message');
      const deniedBy = command.scenario.expected.deniedBy ?? {};
      expect(run.stdout).toContain(`denied by: `);
      expect(run.stdout).toContain(`\`${String(deniedBy['policyId'])}\``);
      expect(run.stdout).toContain(`statement ${String(deniedBy['statementIndex'] ?? 0)}`);
      expect(run.stdout).toContain('what would change the outcome:');
    });
  }
});

describe('docs/troubleshooting-access-denied.md', () => {
  it('shows every scenario command, and the CLI\u2019s current output for each (regenerate: npx tsx scripts/generate-troubleshooting-doc.ts)', () => {
    const doc = readFileSync(join(REPO, 'docs', 'troubleshooting-access-denied.md'), 'utf8');
    for (const command of commands) expect(doc).toContain(`$ ${command.shell}`);
    expect(doc).toBe(renderDoc(REPO, collectRuns(cli, REPO)));
  });
});
