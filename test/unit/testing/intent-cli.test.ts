import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiffCommand } from '../../../src/cli/commands/diff.js';
import { runTestCommand } from '../../../src/cli/commands/test.js';
import { run as runCli } from '../../../src/cli/run.js';
import type { CliIo } from '../../../src/cli/io.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const FIXTURES = relative(ROOT, new URL('./fixtures/', import.meta.url).pathname);
const work = mkdtempSync(join(tmpdir(), 'intent-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a command as the CLI would, from the repository root, capturing its output. */
function run(
  command: (args: readonly string[], io: CliIo) => number,
  args: string[],
  env: Record<string, string> = {},
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(''),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env,
    cwd: ROOT,
  };
  const code = command(args, io);
  return { code, stdout, stderr };
}

describe('iam-policy-evaluator test', () => {
  it('runs the scenario intents of examples/intent with no failure', () => {
    const r = run(runTestCommand, ['examples/intent/']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('38 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('prints one line per failure with the explanation, then exactly `N passed, M failed`, and exits 1', () => {
    const r = run(runTestCommand, [`${FIXTURES}/failing.intent.yaml`]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 3 failed');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3)).toMatchSnapshot();
  });

  it('puts GitHub Actions annotations on the deciding policy line', () => {
    const r = run(runTestCommand, [`${FIXTURES}/failing.intent.yaml`], { GITHUB_ACTIONS: 'true' });
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(
      /^::error file=examples\/scenarios\/08-scp-deny\/policies\/scp\/1-ou-abcd-11111111\/DenyRunInstancesExceptCloudOps\.json,line=4,col=5,title=intent%3A tester may run instances::expected Allow, got ExplicitDeny: /,
    );
    // an invalid policy is annotated at the issue: the lowercase `deny` on line 5 (G-13)
    expect(annotations[2]).toMatch(
      /^::error file=test\/unit\/testing\/fixtures\/invalid-policy\/identity\/Broken\.json,line=5,col=\d+,/,
    );
    expect(run(runTestCommand, [`${FIXTURES}/failing.intent.yaml`, '--github']).stdout).toContain('::error file=');
    expect(run(runTestCommand, [`${FIXTURES}/failing.intent.yaml`]).stdout).not.toContain('::error');
  });

  it('writes JUnit XML', () => {
    const file = join(work, 'reports', 'junit.xml');
    run(runTestCommand, [`${FIXTURES}/failing.intent.yaml`, '--junit', file]);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<testsuites name="iam-policy-evaluator" tests="4" failures="2" errors="1">');
    expect(xml).toContain('<testcase name="CloudOps may run instances"');
    expect(xml).toMatch(/<failure message="expected Allow, got ExplicitDeny" type="DecisionMismatch">/);
    expect(xml).toMatch(/<error message="invalid policy `Broken` at 5:\d+: [^"]*" type="InvalidPolicy">/);
  });

  it('reports coverage: statements matched, and Deny statements no request matched', () => {
    const r = run(runTestCommand, [`${FIXTURES}/coverage.intent.yaml`, '--coverage']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
    const json = JSON.parse(
      run(runTestCommand, [`${FIXTURES}/coverage.intent.yaml`, '--coverage', '--json']).stdout,
    ) as {
      passed: number;
      coverage: { total: number; matched: number; unmatchedDenies: { sid?: string; line: number }[] };
    };
    expect(json.passed).toBe(2);
    expect(json.coverage.total).toBe(3);
    expect(json.coverage.matched).toBe(2);
    expect(json.coverage.unmatchedDenies).toEqual([
      expect.objectContaining({ sid: 'DenyDeleteBucket', line: 5, matchedBy: 0 }),
    ]);
  });

  it('prints every test as JSON with --json, and the totals on stderr', () => {
    const r = run(runTestCommand, [`${FIXTURES}/failing.intent.yaml`, '--json']);
    const json = JSON.parse(r.stdout) as { passed: number; failed: number; suites: { tests: { status: string }[] }[] };
    expect([json.passed, json.failed]).toEqual([1, 3]);
    expect(json.suites[0]?.tests.map((t) => t.status)).toEqual(['failed', 'passed', 'failed', 'error']);
    expect(r.stderr).toBe('1 passed, 3 failed\n');
  });

  it('refuses an invalid suite with its line and exit code 2', () => {
    const r = run(runTestCommand, [`${FIXTURES}/invalid.intent.json`]);
    expect(r.code).toBe(2);
    const text = readFileSync(join(ROOT, FIXTURES, 'invalid.intent.json'), 'utf8');
    const before = text.slice(0, text.indexOf('"Alow"')).split('\n');
    const at = `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
    expect(r.stderr).toBe(
      `ERROR ${FIXTURES}/invalid.intent.json:${at} \`/tests/0/expect\`: expected one of \`Allow\`, \`ExplicitDeny\`, \`ImplicitDeny\`, got \`Alow\`\n`,
    );
    expect(r.stdout).toBe('0 passed, 0 failed\n');
  });

  it('loads policies named by type: files, folders, listed SCP levels and level folders (O-10, O-11)', () => {
    const r = run(runTestCommand, [`${FIXTURES}/by-type.intent.yaml`]);
    expect(r.stdout).toBe('3 passed, 0 failed\n');
    expect(r.code).toBe(0);
  });

  it('is registered in the binary as `test` and `diff`', async () => {
    let out = '';
    const io: CliIo = {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      readStdin: () => Promise.resolve(''),
      stdinIsTTY: false,
      stdoutIsTTY: false,
      env: {},
      cwd: ROOT,
    };
    expect(await runCli(['test', 'examples/intent/scenarios.intent.yaml'], io)).toBe(0);
    expect(out).toBe('38 passed, 0 failed\n');
    expect(await runCli(['diff', '--before', 'examples/diff/before', '--after', 'examples/diff/before'], io)).toBe(0);
    expect(await runCli(['test'], io)).toBe(2);
  });

  it('selects suites by glob, and shows the full explanation with --verbose', () => {
    const r = run(runTestCommand, [`${FIXTURES}/fail*.intent.yaml`, '--verbose']);
    expect(r.stdout).toContain('    what would change the outcome:');
  });
});

describe('iam-policy-evaluator diff', () => {
  it('generates requests from the policies and lists every changed decision with both traces', () => {
    const r = run(runDiffCommand, ['--before', 'examples/diff/before', '--after', 'examples/diff/after']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchSnapshot();
  });

  it('uses the requests of a suite when given one', () => {
    const r = run(runDiffCommand, [
      '--before',
      'examples/diff/before',
      '--after',
      'examples/diff/after',
      'examples/intent/scenarios.intent.yaml',
    ]);
    expect(r.stdout.split('\n')[0]).toBe('38 requests from examples/intent/scenarios.intent.yaml');
    // the scenario-8 requests: tester stays denied, CloudOps stays allowed; nothing in the suite terminates instances
    expect(r.stdout).toContain('0 of 38 requests changed decision');
    expect(r.code).toBe(0);
  });

  it('reads scenario.json requests and variants, and reports no change between identical folders', () => {
    const r = run(runDiffCommand, [
      '--before',
      'examples/diff/before',
      '--after',
      'examples/diff/before',
      'examples/scenarios/08-scp-deny/scenario.json',
    ]);
    expect(r.stdout).toBe(
      '3 requests from examples/scenarios/08-scp-deny/scenario.json\n0 of 3 requests changed decision\n',
    );
    expect(r.code).toBe(0);
  });

  it('prints JSON with --json and honours --principal and --max', () => {
    const r = run(runDiffCommand, [
      '--before',
      'examples/diff/before',
      '--after',
      'examples/diff/after',
      '--principal',
      'arn:aws:iam::123456789012:user/alice',
      '--max',
      '10',
      '--json',
    ]);
    const json = JSON.parse(r.stdout) as { total: number; note: string; changed: { request: { principal: string } }[] };
    expect(json.total).toBe(10);
    expect(json.note).toMatch(/^10 requests generated from the policies \(the first of \d+: raise --max for more\)$/);
    for (const c of json.changed) expect(c.request.principal).toBe('arn:aws:iam::123456789012:user/alice');
  });

  it('needs both folders', () => {
    expect(() => run(runDiffCommand, ['--before', 'examples/diff/before'])).toThrow(
      /`diff` needs `--before <folder>` and `--after <folder>`/,
    );
  });
});
