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

/** What the hook of a result answers when asked for its trace rather than called by `util.inspect`. */
const TRACE_REQUEST: unique symbol = Symbol('trace request');

/**
 * The hidden hook of one result, under Node's `util.inspect.custom` symbol (non-enumerable: no equality,
 * serialization or spread sees it). Called by `util.inspect` it prints the result as plain data, trace built;
 * called with {@link TRACE_REQUEST} it returns the trace, built once. One function per result carries both, which
 * is cheaper than a second hidden property or a WeakMap entry.
 */
type ResultHook = (
  depth: unknown,
  options?: unknown,
  inspect?: (value: unknown, options: unknown) => string,
) => unknown;

/** The hook of the result `receiver` is or inherits from. */
function hookOf(receiver: object): ResultHook | undefined {
  for (let at: object | null = receiver; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(at, INSPECT);
    if (typeof descriptor?.value === 'function') return descriptor.value as ResultHook;
  }
  return undefined;
}

/**
 * The `trace` accessor, one pair shared by every result (a function or descriptor per result costs more than the
 * decision). The first read builds the trace and leaves a plain data property in place of the accessor; a result
 * frozen before keeps the accessor and the trace built once.
 */
const TRACE_DESCRIPTOR: PropertyDescriptor = Object.freeze({
  get(this: object): EvaluationTrace {
    const hook = hookOf(this);
    if (hook === undefined) throw new Error('the trace of this result is not available');
    const trace = hook(TRACE_REQUEST) as EvaluationTrace;
    if (Object.getOwnPropertyDescriptor(this, 'trace')?.configurable === true) {
      Object.defineProperty(this, 'trace', { value: trace, writable: true, enumerable: true, configurable: true });
    }
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
  const { decision, deniedBy, denies, notAllowedBy, allowedBy, message, missingContextKeys } = fields;
  // The three shapes a result has, as plain literals (cheaper than conditional spreads); any other combination
  // through spreads.
  const result =
    deniedBy === undefined && notAllowedBy === undefined && message === undefined
      ? { decision, denies, allowedBy, missingContextKeys }
      : deniedBy !== undefined && notAllowedBy === undefined && message !== undefined
        ? { decision, deniedBy, denies, allowedBy, message, missingContextKeys }
        : deniedBy === undefined && notAllowedBy !== undefined && message !== undefined
          ? { decision, denies, notAllowedBy, allowedBy, message, missingContextKeys }
          : {
              decision,
              ...(deniedBy === undefined ? {} : { deniedBy }),
              denies,
              ...(notAllowedBy === undefined ? {} : { notAllowedBy }),
              allowedBy,
              ...(message === undefined ? {} : { message }),
              missingContextKeys,
            };
  let built: EvaluationTrace | undefined;
  const hook: ResultHook = (depth, options, inspect) => {
    if (depth === TRACE_REQUEST) return (built ??= build());
    return inspect === undefined ? result : inspect({ ...result }, options);
  };
  Object.defineProperty(result, 'trace', TRACE_DESCRIPTOR);
  Object.defineProperty(result, INSPECT, { value: hook, enumerable: false, configurable: true, writable: true });
  return result as EvaluationResult;
}
