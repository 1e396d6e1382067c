import packageJson from '../../package.json' with { type: 'json' };
import { awsCatalogue } from '../catalogue/bundled-catalogue.js';
import { RequestValidationError } from '../errors/request-validation-error.js';
import { PolicyValidationError } from '../index.js';
import { runActionsCommand } from './commands/actions.js';
import { runDiffCommand } from './commands/diff.js';
import { runEvalCommand } from './commands/eval.js';
import { runExplainCommand } from './commands/explain.js';
import { runTestCommand } from './commands/test.js';
import { runValidateCommand } from './commands/validate.js';
import { CliError, usage } from './errors.js';
import { MAIN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { wantsColor } from './io.js';
import type { CliCommand } from './output.js';
import { reportCliError, reportInvalidPolicies, reportInvalidRequest } from './output.js';
import { sourcesOf } from './request-sources.js';

/** A command: its arguments (after the command name) in, its exit code out. */
type Command = (args: readonly string[], io: CliIo) => number | Promise<number>;

const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['eval', runEvalCommand],
  ['explain', runExplainCommand],
  ['validate', runValidateCommand],
  ['test', (args, io) => runTestCommand(args, io)],
  ['diff', (args, io) => runDiffCommand(args, io)],
  ['actions', runActionsCommand],
]);

function commandOf(name: string | undefined): CliCommand | undefined {
  return name === 'eval' || name === 'explain' || name === 'validate' || name === 'actions' ? name : undefined;
}

/** The second line of `--version` (CAT-1): which catalogue data the binary judges with, and how old it is. */
function catalogueLine(): string {
  const source = awsCatalogue()?.source;
  if (source === undefined) return 'catalogue: none (the data file cannot be loaded)';
  return `catalogue: ${source.name} ${source.version} (data of ${source.updatedAt.slice(0, 10)})`;
}

/**
 * Runs the CLI: `argv` without the node and script paths. Returns the exit code: 0 allowed or valid, 1 denied or an
 * invalid policy, 2 bad usage or unreadable input. Every failure is reported on one line (or as JSON with `--json`).
 */
export async function run(argv: readonly string[], processIo: CliIo): Promise<number> {
  const [name, ...args] = argv;
  // Read here, like --json, so that every JSON document, failures included, names the catalogue the run used.
  const io: CliIo = args.includes('--no-catalogue') ? { ...processIo, catalogue: false } : processIo;
  const json = args.includes('--json');
  const color = wantsColor(io, args.includes('--no-color') ? false : args.includes('--color') ? true : undefined);
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(MAIN_HELP);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${packageJson.version}\n${catalogueLine()}\n`);
      return 0;
    }
    const command = COMMANDS.get(name);
    if (command === undefined) {
      throw usage(
        `unknown command \`${name}\`: use ${[...COMMANDS.keys()].map((c) => `\`${c}\``).join(', ')} (see --help)`,
      );
    }
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) return reportCliError(io, error, commandOf(name), json);
    if (error instanceof RequestValidationError) {
      // The command recorded which flag or file field each value came from, so the message names what to fix.
      return reportInvalidRequest(io, error, sourcesOf(error), commandOf(name), json, color);
    }
    if (error instanceof PolicyValidationError) {
      const issues = error.issues.map((issue) => ({ ...issue, path: issue.policyId }));
      return reportInvalidPolicies(io, commandOf(name) ?? 'eval', issues, json, color);
    }
    if (error instanceof TypeError || error instanceof RangeError) {
      // A last resort: input the engine refuses without a RequestValidationError is still the caller's to fix.
      const message = error.message.replace(/^./, (c) => c.toLowerCase()).replace(/\.$/, '');
      return reportCliError(io, new CliError('invalid_request', message, 2), commandOf(name), json);
    }
    throw error;
  }
}
