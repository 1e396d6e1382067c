import type { PolicyPlan } from '../compile/policy-plan.js';
import type { EvaluateOptions, EvaluationResult, EvaluationTrace } from '../model/evaluation-result.js';
import type { ContextScalar, ContextValue, RequestInput } from '../model/request.js';

/**
 * The trace of a compiled `evaluate`, built on first read. Building it means evaluating every statement of every
 * policy with its element and condition traces, which costs tens to hundreds of times a decision; most callers read
 * only the decision, the deciding statement and the message. So `trace` starts as an own, enumerable accessor that
 * builds the trace once, then turns itself into a plain data property holding it (as V8 formats `Error.stack`).
 *
 * - Equality (`toEqual`, `isDeepStrictEqual`), `JSON.stringify`, spreading and `structuredClone` read the property,
 *   so they see the same value as an eagerly built trace.
 * - The request and options are copied when `evaluate` returns, so mutating them afterwards cannot change the trace.
 * - Node's `util.inspect` (`console.log`) builds the trace first, through a non-enumerable
 *   `Symbol.for('nodejs.util.inspect.custom')` method that no equality or serialization reads.
 * - What a result adds costs little, as `evaluate` returns one per request: two accessor properties shared by every
 *   result (defining them is most of that cost), the pending build in a private field, no closure.
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

const NO_OPTIONS: EvaluateOptions = Object.freeze({});

/** A copy of the options, `now` read once as epoch milliseconds (as the request model reads it), lists copied. */
export function copyOptions(options: EvaluateOptions | undefined, epochMillis: number | undefined): EvaluateOptions {
  if (options === undefined) return NO_OPTIONS;
  const copy: { -readonly [K in keyof EvaluateOptions]: EvaluateOptions[K] } = { ...options };
  if (epochMillis !== undefined) copy.now = epochMillis;
  if (options.rcpSupportedServices !== undefined) copy.rcpSupportedServices = [...options.rcpSupportedServices];
  return copy;
}

/**
 * The trace driver's trace of a request against a plan, read with a grammar: one module-level function, so that no
 * result, compiled set or call holds a closure of its own for it.
 */
export type TraceBuilder = (
  plan: PolicyPlan,
  grammar: 'resource' | 'roleTrust',
  request: RequestInput,
  options: EvaluateOptions,
) => EvaluationTrace;

/** What a result needs to build its trace, and the trace once built. */
interface PendingTrace {
  readonly build: TraceBuilder;
  readonly plan: PolicyPlan;
  readonly grammar: 'resource' | 'roleTrust';
  readonly request: RequestInput;
  readonly options: EvaluateOptions;
  built: EvaluationTrace | undefined;
}

/** A constructor that returns the object it is given, so that a subclass can add a private field to any object. */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- its constructor returning its argument is its use
class ReturnsTarget {
  constructor(target: object) {
    return target;
  }
}

/**
 * The pending trace of a result, in a private field added to the result itself: no reflection, comparison,
 * serialization or copy sees it (`Reflect.ownKeys`, `isDeepStrictEqual`, `structuredClone`, spreading), it leaves
 * the result's properties as they are, and it costs less than a hidden property or a WeakMap entry.
 */
class TraceSlot extends ReturnsTarget {
  readonly #pending: PendingTrace;

  private constructor(result: object, pending: PendingTrace) {
    super(result);
    this.#pending = pending;
  }

  static attach(result: object, pending: PendingTrace): void {
    void new TraceSlot(result, pending);
  }

  /** The pending trace of the result `receiver` is or inherits from. */
  static find(receiver: object): PendingTrace | undefined {
    for (let at: object | null = receiver; at !== null; at = Object.getPrototypeOf(at) as object | null) {
      if (#pending in at) return (at as TraceSlot).#pending;
    }
    return undefined;
  }
}

/** The trace of a result, built once. */
function traceOf(receiver: object): EvaluationTrace {
  const pending = TraceSlot.find(receiver);
  if (pending === undefined) throw new Error('the trace of this result is not available');
  return (pending.built ??= pending.build(pending.plan, pending.grammar, pending.request, pending.options));
}

/** Sets an own, writable, enumerable, configurable data property, as assigning one would. */
function setOwn(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The `trace` accessor, one pair shared by every result (a function or descriptor per result costs more than the
 * decision). The first read builds the trace and leaves a plain data property in place of the accessor; a result
 * frozen before keeps the accessor and the trace built once.
 */
const TRACE_DESCRIPTOR: PropertyDescriptor = Object.freeze({
  get(this: object): EvaluationTrace {
    const trace = traceOf(this);
    if (Object.getOwnPropertyDescriptor(this, 'trace')?.configurable === true) setOwn(this, 'trace', trace);
    return trace;
  },
  set(this: object, value: EvaluationTrace) {
    // As assigning a writable data property: the receiver gets its own.
    setOwn(this, 'trace', value);
  },
  enumerable: true,
  configurable: true,
});

/** `util.inspect` (`console.log`) calls it on the result: the result as plain data, its trace built. */
function inspectResult(
  this: object,
  _depth: unknown,
  options: unknown,
  inspect?: (value: unknown, options: unknown) => string,
): unknown {
  return inspect === undefined ? this : inspect({ ...this }, options);
}

/**
 * The hook `util.inspect` looks up under `Symbol.for('nodejs.util.inspect.custom')`: a non-enumerable accessor
 * shared by every result (no equality, serialization or spread reads it), giving one shared function.
 */
const INSPECT_DESCRIPTOR: PropertyDescriptor = Object.freeze({
  get(): typeof inspectResult {
    return inspectResult;
  },
  set(this: object, value: unknown) {
    Object.defineProperty(this, INSPECT, { value, writable: true, enumerable: false, configurable: true });
  },
  enumerable: false,
  configurable: true,
});

/**
 * Gives `result` (a plain object literal, its members in the result's fixed order) a `trace` built on first read by
 * `build(plan, grammar, request, options)`. Both properties it adds are accessors shared by every result, so the
 * result's shape stays one of a few and nothing but the pending build is allocated for it.
 */
export function withLazyTrace(
  result: Omit<EvaluationResult, 'trace'>,
  build: TraceBuilder,
  plan: PolicyPlan,
  grammar: 'resource' | 'roleTrust',
  request: RequestInput,
  options: EvaluateOptions,
): EvaluationResult {
  TraceSlot.attach(result, { build, plan, grammar, request, options, built: undefined });
  Object.defineProperty(result, 'trace', TRACE_DESCRIPTOR);
  Object.defineProperty(result, INSPECT, INSPECT_DESCRIPTOR);
  return result as EvaluationResult;
}
