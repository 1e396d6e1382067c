import type { Catalogue } from '../model/catalogue.js';

/** Everything the CLI touches outside itself, so the commands stay testable and the entry point stays tiny. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input as UTF-8. */
  readonly readStdin: () => Promise<string>;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * The service catalogue the run uses: undefined for the bundled one, `false` for none (`--no-catalogue`). Every
   * `--json` document names it.
   */
  readonly catalogue?: Catalogue | false;
}

/**
 * Whether to colour output: `--color`/`--no-color` win, then `NO_COLOR` (any non-empty value turns colour off), then
 * `FORCE_COLOR` (`0` or `false` off, anything else on), then whether stdout is a terminal.
 */
export function wantsColor(io: CliIo, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return io.stdoutIsTTY;
}
