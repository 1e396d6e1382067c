import { resolveCatalogue } from '../catalogue/bundled-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { CatalogueSource } from '../model/catalogue.js';
import type { RequestIssue, RequestValidationError } from '../errors/request-validation-error.js';
import type { CliError } from './errors.js';
import type { CliIo } from './io.js';
import type { RequestSources } from './request-sources.js';

/** The commands whose output `schemas/cli-output.schema.json` describes. */
export type CliCommand = 'eval' | 'explain' | 'validate' | 'actions';

/** An issue of a policy file, with the file it is in. */
export type FileIssue = Issue & { readonly path: string };

const ESC = '\u001b[';

/** ANSI colour helpers, identity functions when colour is off. */
export function palette(color: boolean): {
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
} {
  const wrap = (open: number, close: number) => (s: string) => (color ? `${ESC}${open}m${s}${ESC}${close}m` : s);
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

/** `path:line:column: severity code: message`, the form editors and CI annotate. */
export function issueLine(issue: FileIssue, color: boolean): string {
  const p = palette(color);
  const severity = issue.severity === 'error' ? p.red('error') : p.yellow('warning');
  // Quoted: `arn:aws:s3:::reports` is inside a message naming `arn:aws:s3:::reports/*`, yet not said by it.
  const hint =
    issue.suggestion === undefined || issue.message.includes(`\`${issue.suggestion}\``)
      ? ''
      : ` (suggestion: \`${issue.suggestion}\`)`;
  return `${issue.path}:${issue.line}:${issue.column}: ${severity} ${issue.code}: ${issue.message}${hint}`;
}

/** The `catalogue` member of every JSON document: where the run's catalogue data came from, or null for none. */
export function catalogueMember(io: CliIo): CatalogueSource | null {
  const source = resolveCatalogue(io.catalogue)?.source;
  return source === undefined ? null : { name: source.name, version: source.version, updatedAt: source.updatedAt };
}

/**
 * Prints one JSON document on stdout, with the `catalogue` member (CAT-1). Every command's `--json` goes through here,
 * so no document can leave out which data it was judged with.
 */
export function printJson(io: CliIo, document: Readonly<Record<string, unknown>>): void {
  io.stdout(`${JSON.stringify({ ...document, catalogue: catalogueMember(io) }, null, 2)}\n`);
}

/** Reports a CLI failure: one line on stderr, or a JSON document on stdout with `--json`. */
export function reportCliError(io: CliIo, error: CliError, command: CliCommand | undefined, json: boolean): number {
  if (json) {
    printJson(io, {
      command: command ?? null,
      ok: false,
      error: { code: error.code, message: error.message, ...(error.path === undefined ? {} : { path: error.path }) },
    });
  } else {
    io.stderr(`iam-policy-evaluator: ${error.message}\n`);
  }
  return error.exitCode;
}

/**
 * Reports policy files with errors: every issue, one a line, then `notes` (such as a `--type` that would fit a file
 * better); exit code 1.
 */
export function reportInvalidPolicies(
  io: CliIo,
  command: CliCommand,
  issues: readonly FileIssue[],
  json: boolean,
  color: boolean,
  notes: readonly string[] = [],
): number {
  const errors = issues.filter((i) => i.severity === 'error');
  if (json) {
    printJson(io, { command, ok: false, invalidPolicies: true, issues, ...(notes.length === 0 ? {} : { notes }) });
  } else {
    for (const issue of issues) io.stderr(`${issueLine(issue, color)}\n`);
    for (const note of notes) io.stderr(`iam-policy-evaluator: note: ${note}\n`);
    const files = new Set(errors.map((i) => i.path)).size;
    io.stderr(
      `iam-policy-evaluator: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${files} polic${files === 1 ? 'y' : 'ies'}: nothing was evaluated\n`,
    );
  }
  return 1;
}

/** Prints the request's warnings on stderr, each naming the flag or file field its value came from. */
export function printRequestWarnings(
  io: CliIo,
  warnings: readonly RequestIssue[],
  sources: RequestSources,
  color: boolean,
): void {
  const p = palette(color);
  for (const warning of warnings) {
    io.stderr(`iam-policy-evaluator: ${p.yellow('warning')} ${warning.code}: ${sources.line(warning)}\n`);
  }
}

/**
 * Reports a request the library refused: one line per issue naming the flag or file field the value came from
 * (errors, then the warnings found with them), or a JSON failure document; exit code 2.
 */
export function reportInvalidRequest(
  io: CliIo,
  error: RequestValidationError,
  sources: RequestSources,
  command: CliCommand | undefined,
  json: boolean,
  color: boolean,
): number {
  const first = error.issues[0];
  if (json) {
    const path = sources.of(first.pointer)?.path;
    printJson(io, {
      command: command ?? null,
      ok: false,
      error: {
        code: first.pointer.startsWith('/request/context') ? 'invalid_context' : 'invalid_request',
        message: sources.line(first),
        ...(path === undefined ? {} : { path }),
        issues: error.issues.map((issue) => sources.sourced(issue)),
      },
    });
    return 2;
  }
  const p = palette(color);
  for (const issue of error.issues) {
    const severity = issue.severity === 'error' ? '' : `${p.yellow('warning')} ${issue.code}: `;
    io.stderr(`iam-policy-evaluator: ${severity}${sources.line(issue)}\n`);
  }
  return 2;
}
