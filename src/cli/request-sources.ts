import type { RequestIssue } from '../errors/request-validation-error.js';
import { RequestValidationError } from '../errors/request-validation-error.js';
import { appendPointer } from '../model/json-pointer.js';

/** Where a value of the request came from: a flag, a field of a request file, the AccessDenied message. */
export interface RequestSource {
  /** In words, user input in backticks: `` `--context aws:SourceIp` ``, `` `req.json` field `principal` ``. */
  readonly label: string;
  /** The request file, when the value came from one. */
  readonly path?: string;
}

/** A request issue with where its value came from, as the CLI reports it. */
export type SourcedRequestIssue = RequestIssue & { readonly source?: string; readonly path?: string };

/** A flag as the source of a value: `--principal`, `--context aws:SourceIp`. */
export function flagSource(flag: string): RequestSource {
  return { label: `\`${flag}\`` };
}

/** A field of a request file as the source of a value. */
export function fileSource(path: string, field: string): RequestSource {
  return { label: `\`${path}\` field \`${field}\``, path };
}

/**
 * Where each value of a request came from, by the JSON Pointer the library's request issues use (`/request/principal`,
 * `/request/context/aws:SourceIp`, `/options/now`), so that an issue names the flag or file field to fix.
 */
export class RequestSources {
  readonly #byPointer = new Map<string, RequestSource>();

  /** Records the source of the value at `pointer`; a later call wins, as flags win over a request file. */
  set(pointer: string, source: RequestSource): this {
    this.#byPointer.set(pointer, source);
    return this;
  }

  /** Records the source of a context key's value. */
  setContextKey(key: string, source: RequestSource): this {
    return this.set(appendPointer('/request/context', key), source);
  }

  /** The source of the value at `pointer`, or of the nearest value holding it (an array item's key). */
  of(pointer: string): RequestSource | undefined {
    for (let at = pointer; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
      const found = this.#byPointer.get(at);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** An issue with its source attached. */
  sourced(issue: RequestIssue): SourcedRequestIssue {
    const source = this.of(issue.pointer);
    if (source === undefined) return issue;
    return {
      ...issue,
      source: source.label.replaceAll('`', ''),
      ...(source.path === undefined ? {} : { path: source.path }),
    };
  }

  /** `` `--context aws:SourceIp`: message ``, or the pointer when the source is unknown. */
  line(issue: RequestIssue): string {
    const source = this.of(issue.pointer);
    return `${source?.label ?? `request at \`${issue.pointer === '' ? '/' : issue.pointer}\``}: ${issue.message}`;
  }
}

// The sources of the request a failed evaluation was given, for run.ts, which reports the error.
const SOURCES = new WeakMap<RequestValidationError, RequestSources>();

/**
 * Runs `decide` (an evaluation of the request whose sources these are); a `RequestValidationError` it throws carries
 * on to run.ts, which finds these sources with {@link sourcesOf} and names the flag or field of each issue.
 */
export function withRequestSources<T>(sources: RequestSources, decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof RequestValidationError) SOURCES.set(error, sources);
    throw error;
  }
}

/** The sources recorded for a request error, or none (an intent suite's request, say). */
export function sourcesOf(error: RequestValidationError): RequestSources {
  return SOURCES.get(error) ?? new RequestSources();
}
