/** Every stable code of a CLI failure that is not a policy issue. */
export const CLI_ERROR_CODES = Object.freeze([
  'usage',
  'file_not_found',
  'unreadable_file',
  'invalid_json',
  'invalid_request',
  'invalid_context',
  'invalid_layout',
  'invalid_message',
  'no_files',
  'invalid_account',
  'invalid_cloudtrail',
] as const);

/** A stable CLI failure code. */
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

/**
 * A failure the CLI reports on one line and exits with: 2 for bad usage and unreadable input, 1 for an invalid
 * policy. Messages follow the house grammar: lowercase, no trailing period, paths and user input in backticks.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: 1 | 2 = 2,
    /** The file the failure is about, when there is one. */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** A usage error: exit code 2. */
export function usage(message: string): CliError {
  return new CliError('usage', message, 2);
}
