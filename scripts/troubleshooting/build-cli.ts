// Builds the `iam-policy-evaluator` binary exactly as `npm run build` does (the CLI entry of tsup.config.ts), into a
// private folder of the repository so its external dependencies resolve. Used by the CLI tests and the doc generator.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'tsup';
import type { Options } from 'tsup';
import config from '../../tsup.config.js';

export const REPO = new URL('../../', import.meta.url).pathname;

function cliOptions(): Options {
  const list = (Array.isArray(config) ? config : [config]) as Options[];
  const found = list.find((o) => typeof o.entry === 'object' && !Array.isArray(o.entry) && 'cli' in o.entry);
  if (found === undefined) throw new Error('tsup.config.ts has no `cli` entry');
  return found;
}

/** Builds the binary into `.tmp/`; returns its path and a function that removes it. */
export async function buildCli(): Promise<{ cli: string; cleanup: () => void }> {
  mkdirSync(join(REPO, '.tmp'), { recursive: true });
  const outDir = mkdtempSync(join(REPO, '.tmp', 'cli-build-'));
  await build({ ...cliOptions(), outDir, silent: true, sourcemap: false, config: false });
  return { cli: join(outDir, 'cli.js'), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
