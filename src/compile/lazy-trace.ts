import type { EvaluateOptions, EvaluationResult, EvaluationTrace } from '../model/evaluation-result.js';
import type { ContextScalar, ContextValue, RequestInput } from '../model/request.js';

/**
 * The trace of a compiled `evaluate`, built on first read. Building it means evaluating every statement of every
 * policy with its element and condition traces, which costs tens to hundreds of times a decision; most callers read
 * only the decision, the deciding statement and the message. So `trace` starts as an own, enumerable accessor that
 * builds the trace once, then turns itself into a plain data property holding it (as V8 formats `Error.stack`).
 *
 * - Equality (`toEqual`, `isDeepStrictEqual`), `JSON.stringify`, spreading and `structuredClone` read the property,
 *   so they see the same value as the reference's eager result.
 * - The request and options are copied when `evaluate` returns, so mutating them afterwards cannot change the trace.
 * - Node's `util.inspect` (`console.log`) builds the trace first, through a non-enumerable
 *   `Symbol.for('nodejs.util.inspect.custom')` method that no equality or serialization reads.
 */

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Loose = ContextValue | null | undefined;

/** A copy of a request deep enough that later mutation of the caller's objects cannot reach it. */
export function copyRequest(request: RequestInput): RequestInput {
  const copy: { -readonly [K in keyof RequestInput]: RequestInput[K] } = { ...request };
  const context = request.context as Readonly<Record<string, Loose>> | null | undefined;
  if (context !== undefined && context !== null) {
    const contextCopy: Record<string, Loose> = {};
    for (const key of Object.keys(context)) {
      const item = context[key];
      const value = Array.isArray(item) ? ([...(item as readonly ContextScalar[])] as ContextValue) : item;
      // A `__proto__` key stays an ordinary key of the copy.
      if (key === '__proto__')
        Object.defineProperty(contextCopy, key, { value, writable: true, enumerable: true, configurable: true });
      else contextCopy[key] = value;
    }
    copy.context = contextCopy as Readonly<Record<string, ContextValue>>;
  }
  return copy;
}

/** A copy of the options, `now` read once as epoch milliseconds (the reference reads it so), lists copied. */
export function copyOptions(options: EvaluateOptions | undefined, epochMillis: number | undefined): EvaluateOptions {
  if (options === undefined) return {};
  const copy: { -readonly [K in keyof EvaluateOptions]: EvaluateOptions[K] } = { ...options };
  if (epochMillis !== undefined) copy.now = epochMillis;
  if (options.rcpSupportedServices !== undefined) copy.rcpSupportedServices = [...options.rcpSupportedServices];
  return copy;
}

/** Node's inspect hook: the result as plain data, its trace built (shared by every result, reads `this`). */
const INSPECT_DESCRIPTOR: PropertyDescriptor = Object.freeze({
  value(
    this: EvaluationResult,
    _depth: number,
    options: unknown,
    inspect: (value: unknown, options: unknown) => string,
  ) {
    return inspect({ ...this }, options);
  },
  enumerable: false,
  configurable: true,
  writable: true,
});

/** The fields of a result other than its trace. */
export interface ResultFields {
  readonly decision: EvaluationResult['decision'];
  readonly deniedBy: EvaluationResult['deniedBy'];
  readonly denies: EvaluationResult['denies'];
  readonly notAllowedBy: EvaluationResult['notAllowedBy'];
  readonly allowedBy: EvaluationResult['allowedBy'];
  readonly message: EvaluationResult['message'];
  readonly missingContextKeys: EvaluationResult['missingContextKeys'];
}

/** What builds the trace of a result not yet read: weakly held, so a result dropped unread takes it along. */
const pending = new WeakMap<object, () => EvaluationTrace>();

/** The object holding the pending trace: the result itself, or (for an object inheriting from it) its prototype. */
function holder(receiver: object): object | undefined {
  for (let at: object | null = receiver; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    if (pending.has(at)) return at;
  }
  return undefined;
}

/** Replaces the accessor with a data property holding `value` (unless the object was frozen meanwhile). */
function settle(target: object, value: EvaluationTrace): void {
  if (Object.getOwnPropertyDescriptor(target, 'trace')?.configurable === true) {
    Object.defineProperty(target, 'trace', { value, writable: true, enumerable: true, configurable: true });
  }
}

/**
 * The `trace` accessor, one pair shared by every result (creating functions or descriptors per result costs more
 * than the decision). The first read builds the trace and leaves a plain data property in place of the accessor; a
 * result frozen before keeps the accessor and the built trace.
 */
const TRACE_DESCRIPTOR: PropertyDescriptor = Object.freeze({
  get(this: object): EvaluationTrace {
    const owner = holder(this);
    const build = owner === undefined ? undefined : pending.get(owner);
    if (owner === undefined || build === undefined) throw new Error('the trace of this result is not available');
    const trace = build();
    pending.set(owner, () => trace);
    settle(owner, trace);
    return trace;
  },
  set(this: object, value: EvaluationTrace) {
    // As assigning a writable data property: the receiver gets its own.
    Object.defineProperty(this, 'trace', { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
});

/**
 * A result whose `trace` is built by `build` on first read, its members in the reference's order, absent optional
 * members left out.
 */
export function withLazyTrace(fields: ResultFields, build: () => EvaluationTrace): EvaluationResult {
  const { deniedBy, notAllowedBy, message } = fields;
  const result = {
    decision: fields.decision,
    ...(deniedBy === undefined ? {} : { deniedBy }),
    denies: fields.denies,
    ...(notAllowedBy === undefined ? {} : { notAllowedBy }),
    allowedBy: fields.allowedBy,
    ...(message === undefined ? {} : { message }),
    missingContextKeys: fields.missingContextKeys,
  };
  pending.set(result, build);
  Object.defineProperty(result, 'trace', TRACE_DESCRIPTOR);
  Object.defineProperty(result, INSPECT, INSPECT_DESCRIPTOR);
  return result as EvaluationResult;
}
