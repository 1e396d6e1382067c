import { RequestValidationError } from '../errors/request-validation-error.js';
import type { RequestIssue, RequestIssueCode } from '../errors/request-validation-error.js';
import { unknownGlobalKey } from '../conditions/context-keys.js';
import { closestName } from '../errors/closest-name.js';
import { appendPointer } from '../model/json-pointer.js';
import type { EvaluateOptions } from '../model/evaluation-result.js';
import type { ContextScalar } from '../model/request.js';
import { GLOBAL_KEYS, GLOBAL_PREFIXES, isArn, isDigit } from './context-value-types.js';
import { instantToEpochMillis } from './instant.js';
import { isAccountId, parseCaller } from './principal.js';
import type { Caller } from './principal.js';

/**
 * The gate every request passes before it is decided (fail closed, RV-1..RV-5 in docs/evaluation-logic.md): a request
 * the engine cannot read is refused with every problem listed, never decided. It reads the request as untyped data,
 * since JavaScript callers, JSON files and the CLI hand it over without TypeScript's checks.
 */

const REQUEST_FIELDS: readonly string[] = ['principal', 'action', 'resource', 'resourceAccount', 'context'];

/** A JSON value in words, for messages: `null`, `an array`, `the number 5`, the string itself. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return `the number ${String(value)}`;
  return typeof value === 'string' ? `the string \`${value}\`` : `a ${typeof value}`;
}

function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is ContextScalar {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

/** A tag-style key, global (`aws:ResourceTag/…`) or a service's (`s3:ExistingObjectTag/…`): its tag part is a name. */
function isTagKey(lower: string): boolean {
  return lower.includes('tag/');
}

/** What {@link validateRequest} gives for a request that can be decided. */
export interface RequestValidation {
  /** Warnings only; the result carries them (`EvaluationResult.warnings`). */
  readonly warnings: readonly RequestIssue[];
  /** The caller, read once here so the engine need not read it again. */
  readonly caller: Caller;
}

const NO_WARNINGS: readonly RequestIssue[] = Object.freeze([]);

/** Collects issues; `severity` defaults to error. */
class IssueList {
  readonly errors: RequestIssue[] = [];
  readonly warnings: RequestIssue[] = [];

  add(
    code: RequestIssueCode,
    pointer: string,
    message: string,
    severity: 'error' | 'warning' = 'error',
    suggestion?: string,
  ): void {
    const issue: RequestIssue =
      suggestion === undefined
        ? { code, severity, message, pointer }
        : { code, severity, message, pointer, suggestion };
    (severity === 'error' ? this.errors : this.warnings).push(Object.freeze(issue));
  }
}

function checkStringField(
  issues: IssueList,
  request: Readonly<Record<string, unknown>>,
  field: 'principal' | 'action' | 'resource',
  hint: string,
): string | undefined {
  const value = request[field];
  if (typeof value === 'string' && value !== '') return value;
  const pointer = `/request/${field}`;
  if (value === undefined) {
    issues.add('missing_request_field', pointer, `the request has no \`${field}\`: give ${hint}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.add(
      'invalid_request_field',
      pointer,
      `\`${field}\` must be a string, not ${describeValue(value)}: give ${hint}`,
    );
    return undefined;
  }
  if (value === '') {
    issues.add('invalid_request_field', pointer, `\`${field}\` is empty: give ${hint}`);
    return undefined;
  }
  return value;
}

/** One `service:Action`: a prefix of letters, digits and `-`, one colon, a name without whitespace or wildcards. */
function isOneAction(action: string): boolean {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return false;
  for (let i = 0; i < action.length; i += 1) {
    const code = action.charCodeAt(i);
    if (i < colon) {
      const letter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
      if (!letter && !isDigit(code) && code !== 0x2d) return false;
    } else if (i > colon && (code === 0x3a || code === 0x2a || code === 0x3f || code <= 0x20 || code === 0x7f)) {
      return false;
    }
  }
  return true;
}

function checkAction(issues: IssueList, action: string): void {
  if (!isOneAction(action)) {
    issues.add(
      'invalid_request_action',
      '/request/action',
      `action \`${action}\` is not one action: a request names \`service:Action\` (\`s3:GetObject\`), without wildcards`,
    );
  }
}

function checkResource(issues: IssueList, resource: string): void {
  if (resource === '*' || isArn(resource)) return;
  issues.add(
    'invalid_request_resource',
    '/request/resource',
    `resource \`${resource}\` is not an ARN: give \`arn:partition:service:region:account:resource\`, or \`*\``,
  );
}

/**
 * Context keys lower-cased, remembered: requests repeat a few spellings, and lower-casing each key of each request
 * was most of the cost of checking a context. A pure memo, bounded so that distinct keys cannot grow it without end.
 */
const LOWER_KEYS = new Map<string, string>();
const LOWER_KEYS_LIMIT = 4096;

function lowerKey(key: string): string {
  let lower = LOWER_KEYS.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (LOWER_KEYS.size < LOWER_KEYS_LIMIT) LOWER_KEYS.set(key, lower);
  }
  return lower;
}

/** The pointer of a context key, or of one item of its list: built only for an issue. */
function contextPointer(key: string, index?: number): string {
  const pointer = appendPointer('/request/context', key);
  return index === undefined ? pointer : appendPointer(pointer, index);
}

const isBlank = (key: string) =>
  key.length === 0 || ((key.charCodeAt(0) <= 0x20 || key.charCodeAt(key.length - 1) <= 0x20) && key.trim() === '');

function checkContext(issues: IssueList, context: unknown, mismatch: 'error' | 'warning'): void {
  if (context === undefined) return;
  if (!isPlainRecord(context)) {
    issues.add(
      'context_not_an_object',
      '/request/context',
      `\`context\` must be an object of keys and values, not ${describeValue(context)}`,
    );
    return;
  }
  const keys = Object.keys(context);
  // The first spelling of each lower-cased key, to find one repeated in another case: a list while the context is
  // small (quicker than a map there), a map beyond, so that a large context stays linear.
  const lowers: string[] = [];
  const firsts: string[] = [];
  let byLower: Map<string, string> | undefined;
  for (const key of keys) {
    const lower = lowerKey(key);
    const at = byLower === undefined ? lowers.indexOf(lower) : -1;
    const first = byLower !== undefined ? byLower.get(lower) : at < 0 ? undefined : firsts[at];
    if (first === undefined) {
      lowers.push(lower);
      firsts.push(key);
      if (byLower !== undefined) byLower.set(lower, key);
      else if (lowers.length > 32) byLower = new Map(lowers.map((spelling, i) => [spelling, firsts[i] as string]));
    }
    // Keys differing only in case merge into one key (G-32): for tag keys two real tags, for any other key a slip
    // worth a warning, since AWS never sends one key twice.
    else if (!isTagKey(lower)) {
      issues.add(
        'duplicate_context_key',
        contextPointer(key),
        `context key \`${key}\` is also given as \`${first}\`: keys are case-insensitive, so their values are merged`,
        'warning',
      );
    }
    if (isBlank(key)) {
      issues.add('invalid_context_key', contextPointer(key), 'a context key is empty or blank: name the key');
      continue;
    }
    const value: unknown = context[key];
    // A key present without a value (§7.2 "present but null"): `Null` holds, every other operator finds no value.
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) {
      if (isScalar(value)) checkGlobalKey(issues, key, lower, value, undefined, mismatch);
      else invalidValue(issues, key, value, undefined);
      continue;
    }
    let readable = true;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (isScalar(item)) continue;
      readable = false;
      invalidValue(issues, key, item, index);
    }
    if (!readable) continue;
    for (let index = 0; index < value.length; index += 1) {
      checkGlobalKey(issues, key, lower, value[index] as ContextScalar, index, mismatch);
    }
  }
}

function invalidValue(issues: IssueList, key: string, item: unknown, index: number | undefined): void {
  issues.add(
    'invalid_context_value',
    contextPointer(key, index),
    `context key \`${key}\`: ${describeValue(item)} is no context value: give a string, a number, a boolean, an array of them, or null for a key present without a value`,
  );
}

/** One value of a key: read as its type for a typed global key (RV-4); an unknown `aws:` key is named (RV-5). */
function checkGlobalKey(
  issues: IssueList,
  key: string,
  lower: string,
  item: ContextScalar,
  index: number | undefined,
  mismatch: 'error' | 'warning',
): void {
  const typed = GLOBAL_KEYS.get(lower);
  if (typed === null) return;
  if (typed !== undefined) {
    if (typed.plainlyReadable(item)) return;
    const read = typed.read(item);
    if (read.ok) return;
    issues.add(
      'context_value_type_mismatch',
      contextPointer(key, index),
      `context key \`${key}\` holds ${typed.type}: ${read.message}`,
      mismatch,
    );
    return;
  }
  // Named once per key, not once per item of its list.
  if (index !== undefined && index > 0) return;
  // Tag keys are the common case here: passed by before anything is lower-cased again.
  if (!lower.startsWith('aws:')) return;
  for (const prefix of GLOBAL_PREFIXES) if (lower.startsWith(prefix) && lower.length > prefix.length) return;
  const unknown = unknownGlobalKey(key);
  if (unknown === undefined) return;
  const suggestion = unknown.kind === 'unknown' ? unknown.suggestion : undefined;
  const meant =
    unknown.kind === 'tagKeyMissing'
      ? `: it names no tag, write \`${unknown.prefix}KEY\``
      : suggestion === undefined
        ? ': policies never see it under this name'
        : `: did you mean \`${suggestion}\`?`;
  issues.add(
    'unknown_global_context_key',
    contextPointer(key),
    `context key \`${key}\` is no global condition key${meant}`,
    'warning',
    suggestion,
  );
}

/** A catalogue by its shape: raw JSON passed where `readCatalogue(json)` was meant is refused. */
function isCatalogue(value: unknown): boolean {
  const candidate = value as { action?: unknown; resourceTypesOf?: unknown } | null;
  return (
    typeof value === 'object' &&
    candidate !== null &&
    typeof candidate.action === 'function' &&
    typeof candidate.resourceTypesOf === 'function'
  );
}

function checkOptions(issues: IssueList, options: unknown): 'error' | 'warning' {
  if (options === undefined) return 'error';
  if (!isPlainRecord(options)) {
    issues.add('invalid_option', '/options', `the options must be an object, not ${describeValue(options)}`);
    return 'error';
  }
  // Other members are not refused: one options object is often shared with `explain` and other entry points that
  // extend these options with their own.
  const { now, contextTypeMismatch } = options;
  const readableKind =
    typeof now === 'string' ||
    typeof now === 'number' ||
    (typeof now === 'object' && now !== null && typeof (now as { getTime?: unknown }).getTime === 'function');
  if (now !== undefined && !readableKind) {
    issues.add(
      'invalid_option',
      '/options/now',
      `\`now\` must be ISO 8601 text, epoch milliseconds or a \`Date\`, not ${describeValue(now)}`,
    );
  } else if (now !== undefined) {
    try {
      instantToEpochMillis(now as NonNullable<EvaluateOptions['now']>);
    } catch (error) {
      issues.add('invalid_option', '/options/now', error instanceof Error ? error.message : String(error));
    }
  }
  const catalogue = options['catalogue'];
  if (catalogue !== undefined && catalogue !== false && !isCatalogue(catalogue)) {
    issues.add(
      'invalid_option',
      '/options/catalogue',
      `\`catalogue\` must be a catalogue (\`awsCatalogue()\`, \`readCatalogue(json)\`) or \`false\`, not ${describeValue(catalogue)}`,
    );
  }
  for (const flag of ['implicitRcpFullAccess', 'messagePolicyArn'] as const) {
    const value = options[flag];
    if (value !== undefined && typeof value !== 'boolean') {
      issues.add(
        'invalid_option',
        `/options/${flag}`,
        `\`${flag}\` must be true or false, not ${describeValue(value)}`,
      );
    }
  }
  const account = options['managementAccountId'];
  if (account !== undefined && (typeof account !== 'string' || !isAccountId(account))) {
    issues.add(
      'invalid_option',
      '/options/managementAccountId',
      `\`managementAccountId\` must be a 12-digit account id, not ${describeValue(account)}`,
    );
  }
  const issuer = options['federatedUserIssuerArn'];
  if (issuer !== undefined && typeof issuer !== 'string') {
    issues.add(
      'invalid_option',
      '/options/federatedUserIssuerArn',
      `\`federatedUserIssuerArn\` must be an ARN, not ${describeValue(issuer)}`,
    );
  }
  const services = options['rcpSupportedServices'];
  if (services !== undefined && (!Array.isArray(services) || !services.every((name) => typeof name === 'string'))) {
    issues.add(
      'invalid_option',
      '/options/rcpSupportedServices',
      `\`rcpSupportedServices\` must be a list of service prefixes, not ${describeValue(services)}`,
    );
  }
  if (contextTypeMismatch === undefined) return 'error';
  if (contextTypeMismatch === 'error' || contextTypeMismatch === 'warning') return contextTypeMismatch;
  issues.add(
    'invalid_option',
    '/options/contextTypeMismatch',
    `\`contextTypeMismatch\` must be \`error\` or \`warning\`, not ${describeValue(contextTypeMismatch)}`,
  );
  return 'error';
}

/**
 * Checks a request (and the options that describe it) before anything decides it, listing every problem: the shape
 * (RV-1), the three required strings (RV-2), the principal, action, resource and resource account (RV-3), the context
 * values and the types of global keys (RV-4), unknown `aws:` keys as warnings (RV-5), and the options.
 *
 * @param readCaller - reads the principal; the compiled path passes its own reader of the same grammar.
 * @param inputIssues - problems already found in the input around the request, reported with these.
 * @returns the warnings and the caller when the request can be decided.
 * @throws RequestValidationError listing every issue, errors first, when any is an error.
 */
export function validateRequest(
  request: unknown,
  options: unknown,
  readCaller: (principal: string) => Caller = parseCaller,
  inputIssues: readonly RequestIssue[] = [],
): RequestValidation {
  const issues = new IssueList();
  for (const issue of inputIssues) issues.errors.push(issue);
  const mismatch = checkOptions(issues, options);
  let caller: Caller | undefined;
  if (!isPlainRecord(request)) {
    issues.add(
      'request_not_an_object',
      '/request',
      `the request must be an object with \`principal\`, \`action\` and \`resource\`, not ${describeValue(request)}`,
    );
  } else {
    const principal = checkStringField(
      issues,
      request,
      'principal',
      'the caller ARN, an account id, `*` for anonymous, or a service principal',
    );
    if (principal !== undefined) {
      try {
        caller = readCaller(principal);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        issues.add('invalid_principal', '/request/principal', error.message);
      }
    }
    const action = checkStringField(issues, request, 'action', '`service:Action`, such as `s3:GetObject`');
    if (action !== undefined) checkAction(issues, action);
    const resource = checkStringField(issues, request, 'resource', 'the resource ARN, or `*`');
    if (resource !== undefined) checkResource(issues, resource);
    const account = request['resourceAccount'];
    if (account !== undefined && (typeof account !== 'string' || (account !== '' && !isAccountId(account)))) {
      issues.add(
        'invalid_resource_account',
        '/request/resourceAccount',
        `\`resourceAccount\` must be a 12-digit account id, not ${describeValue(account)}`,
      );
    }
    checkContext(issues, request['context'], mismatch);
    for (const key of Object.keys(request)) {
      if (key === 'principal' || key === 'action' || key === 'resource' || key === 'context') continue;
      if (key === 'resourceAccount') continue;
      const suggestion = closestName(key, REQUEST_FIELDS);
      issues.add(
        'unknown_request_field',
        appendPointer('/request', key),
        `unknown request field \`${key}\`` +
          (suggestion === undefined
            ? ': a request has `principal`, `action`, `resource`, `resourceAccount` and `context`'
            : `: did you mean \`${suggestion}\`?`),
        'error',
        suggestion,
      );
    }
  }
  const { errors, warnings } = issues;
  if (errors.length === 0 && caller !== undefined) {
    return { warnings: warnings.length === 0 ? NO_WARNINGS : Object.freeze(warnings), caller };
  }
  const [first, ...rest] = errors;
  if (first === undefined) throw new Error('a request without errors has a caller');
  throw new RequestValidationError([first, ...rest, ...warnings]);
}
