// Runs the built `iam-policy-evaluator` binary as a child process, and checks `--json` output against its schema.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll } from 'vitest';
import { buildCli, REPO } from '../../../scripts/troubleshooting/build-cli.js';

export { buildCli, REPO } from '../../../scripts/troubleshooting/build-cli.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built binary in the repository root, without colour unless asked. */
export function runCli(
  cli: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): CliRun {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== 'FORCE_COLOR' && k !== 'NO_COLOR') env[k] = v;
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: REPO,
    env: { ...env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'cli-output.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Parses `--json` output and checks it against schemas/cli-output.schema.json. */
export function jsonOutput(run: CliRun): Record<string, unknown> {
  const document = JSON.parse(run.stdout) as Record<string, unknown>;
  if (!validate(document))
    throw new Error(`output does not match the schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  return document;
}

/** The built binary and a scratch folder of one test file. */
export interface BuiltCli {
  /** The binary's path, once `beforeAll` has built it. */
  readonly path: () => string;
  /** Writes a file in the scratch folder and returns its path relative to the repository root (where the CLI runs). */
  readonly file: (name: string, text: string) => string;
  /** The path of a folder in the scratch folder, relative to the repository root. */
  readonly folder: (name: string) => string;
}

/** Builds the binary before the file's tests and makes a scratch folder `.tmp/<prefix>…`; removes both after them. */
export function useBuiltCli(prefix: string): BuiltCli {
  let cli = '';
  let cleanup = (): void => undefined;
  let scratch = '';
  beforeAll(async () => {
    ({ cli, cleanup } = await buildCli());
    scratch = mkdtempSync(join(REPO, '.tmp', prefix));
  }, 120_000);
  afterAll(() => {
    cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });
  return {
    path: () => cli,
    file: (name, text) => {
      const path = join(scratch, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      return relative(REPO, path);
    },
    folder: (name) => relative(REPO, join(scratch, name)),
  };
}
