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
    // Keys such as `__proto__` stay ordinary keys of the copy.
    const contextCopy = Object.create(null) as Record<string, Loose>;
    for (const key of Object.keys(context)) {
      const value = context[key];
      contextCopy[key] = Array.isArray(value) ? ([...(value as readonly ContextScalar[])] as ContextValue) : value;
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

/**
 * A result whose `trace` is built by `build` on first read, its members in the reference's order, absent optional
 * members left out. The accessor pair is written in the literal: V8 installs it faster there than through
 * `Object.defineProperty`.
 */
export function withLazyTrace(fields: ResultFields, build: () => EvaluationTrace): EvaluationResult {
  let built: EvaluationTrace | undefined;
  const settle = (target: object, value: EvaluationTrace): EvaluationTrace => {
    built = value;
    // Once built (or assigned), a plain data property; a result frozen before that keeps the accessor.
    if (Object.getOwnPropertyDescriptor(target, 'trace')?.configurable === true) {
      Object.defineProperty(target, 'trace', { value, writable: true, enumerable: true, configurable: true });
    }
    return value;
  };
  const { decision, denies, allowedBy, missingContextKeys } = fields;
  // One literal per decision, each with the members the reference has for it and in its order: literals with
  // accessors and no spreads are the cheapest to build.
  let result: EvaluationResult;
  if (decision === 'Allow') {
    result = {
      decision,
      denies,
      allowedBy,
      missingContextKeys,
      get trace(): EvaluationTrace {
        return built ?? settle(result, build());
      },
      set trace(value: EvaluationTrace) {
        settle(result, value);
      },
    };
  } else if (decision === 'ExplicitDeny' && fields.deniedBy !== undefined && fields.message !== undefined) {
    result = {
      decision,
      deniedBy: fields.deniedBy,
      denies,
      allowedBy,
      message: fields.message,
      missingContextKeys,
      get trace(): EvaluationTrace {
        return built ?? settle(result, build());
      },
      set trace(value: EvaluationTrace) {
        settle(result, value);
      },
    };
  } else {
    const { deniedBy, notAllowedBy, message } = fields;
    result = {
      decision,
      ...(deniedBy === undefined ? {} : { deniedBy }),
      denies,
      ...(notAllowedBy === undefined ? {} : { notAllowedBy }),
      allowedBy,
      ...(message === undefined ? {} : { message }),
      missingContextKeys,
      get trace(): EvaluationTrace {
        return built ?? settle(result, build());
      },
      set trace(value: EvaluationTrace) {
        settle(result, value);
      },
    };
  }
  Object.defineProperty(result, INSPECT, INSPECT_DESCRIPTOR);
  return result;
}
