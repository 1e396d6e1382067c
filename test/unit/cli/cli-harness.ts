// Runs the built `iam-policy-evaluator` binary as a child process, and checks `--json` output against its schema.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { REPO } from '../../../scripts/troubleshooting/build-cli.js';

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
