import type { ContextScalar, ContextValue, RequestInput } from '../model/request.js';
import { CliError, usage } from './errors.js';
import { parseJsonFile, readText } from './files.js';
import { fileSource, RequestSources } from './request-sources.js';

function isScalar(value: unknown): value is ContextScalar {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

function contextValue(value: unknown): ContextValue | undefined {
  if (isScalar(value)) return value;
  if (Array.isArray(value) && value.every(isScalar)) return value as ContextScalar[];
  return undefined;
}

/**
 * Reads `--context` flags: `key=value` gives the string `value`; `key:=json` gives a number, boolean or array
 * (`aws:MultiFactorAuthPresent:=true`, `s3:max-keys:=10`, `aws:TagKeys:=["a","b"]`). A key given twice is refused:
 * several values are one array.
 */
export function parseContextFlags(flags: readonly string[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = Object.create(null) as Record<string, ContextValue>;
  const seen = new Set<string>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw usage(`\`--context ${flag}\`: expected \`key=value\` or \`key:=json\``);
    const typed = flag.charAt(eq - 1) === ':';
    const key = flag.slice(0, typed ? eq - 1 : eq);
    const raw = flag.slice(eq + 1);
    if (key.length === 0) throw usage(`\`--context ${flag}\`: the key is empty`);
    if (seen.has(key.toLowerCase())) {
      throw usage(`\`--context ${key}\` is given twice: give several values as one array, \`${key}:=["a","b"]\``);
    }
    seen.add(key.toLowerCase());
    if (!typed) {
      context[key] = raw;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw) as unknown;
    } catch {
      throw new CliError(
        'invalid_context',
        `\`--context ${flag}\`: \`${raw}\` is not JSON: use \`${key}=${raw}\` for text`,
      );
    }
    const value = contextValue(parsed);
    if (value === undefined) {
      throw new CliError(
        'invalid_context',
        `\`--context ${flag}\`: expected a string, number, boolean or an array of them`,
      );
    }
    context[key] = value;
  }
  return context;
}

/** A request read from a file, and where in the file each of its values is. */
export interface RequestFromFile {
  readonly request: RequestInput;
  readonly sources: RequestSources;
}

/** Checks a request read from JSON, naming the file and the field that is wrong. */
export function requestFromJson(path: string, value: unknown): RequestFromFile {
  const fail = (what: string): never => {
    throw new CliError('invalid_request', `\`${path}\`: ${what}`, 2, path);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const record = value as Record<string, unknown>;
  // A scenario.json holds its request under `request`.
  const nested = typeof record['request'] === 'object' && record['request'] !== null;
  const body = (nested ? record['request'] : record) as Record<string, unknown>;
  const fieldName = (name: string): string => (nested ? `request.${name}` : name);
  const text = (field: string, required: boolean): string | undefined => {
    const v = body[field];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.length === 0) return fail(`\`${field}\` must be a non-empty string`);
    return v;
  };
  const principal = text('principal', true) ?? '';
  const action = text('action', true) ?? '';
  const resource = text('resource', false) ?? '*';
  const resourceAccount = text('resourceAccount', false);
  let context: Record<string, ContextValue> | undefined;
  if (body['context'] !== undefined) {
    const raw = body['context'];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('`context` must be an object');
    context = Object.create(null) as Record<string, ContextValue>;
    for (const [key, v] of Object.entries(raw)) {
      const cv = contextValue(v);
      if (cv === undefined)
        return fail(`context key \`${key}\`: expected a string, number, boolean or an array of them`);
      context[key] = cv;
    }
  }
  const sources = new RequestSources().set('/request', { label: `\`${path}\``, path });
  for (const name of ['principal', 'action', 'resource', 'resourceAccount', 'context']) {
    if (body[name] !== undefined) sources.set(`/request/${name}`, fileSource(path, fieldName(name)));
  }
  for (const key of Object.keys(context ?? {}))
    sources.setContextKey(key, fileSource(path, fieldName(`context.${key}`)));
  const request: RequestInput = {
    principal,
    action,
    resource,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
    ...(context === undefined ? {} : { context }),
  };
  return { request, sources };
}

/** Reads `--request file.json`. */
export function readRequestFile(path: string): RequestFromFile {
  return requestFromJson(path, parseJsonFile(path, readText(path)));
}

/** Merges flag context over file context (a flag wins, keys compared case-insensitively). */
export function withContext(request: RequestInput, extra: Readonly<Record<string, ContextValue>>): RequestInput {
  const keys = Object.keys(extra);
  if (keys.length === 0) return request;
  const lowered = new Set(keys.map((k) => k.toLowerCase()));
  const merged: Record<string, ContextValue> = Object.create(null) as Record<string, ContextValue>;
  for (const [key, value] of Object.entries(request.context ?? {})) {
    if (!lowered.has(key.toLowerCase())) merged[key] = value;
  }
  for (const key of keys) {
    const value = extra[key];
    if (value !== undefined) merged[key] = value;
  }
  return { ...request, context: merged };
}
