import { appendPointer } from '../model/json-pointer.js';
import { MAX_JSON_DEPTH } from './json-reader.js';
import { MESSAGES, quote } from './messages.js';

/** A value given as an object that JSON cannot carry, found before rendering. */
export interface ValueProblem {
  readonly pointer: string;
  readonly message: string;
}

/** The text to read, and how the caller gave it. */
export type SourceText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly fromObject: boolean;
      /** For an object: its length as compact JSON, which is what size limits count. */
      readonly compactLength?: number;
      /** Values replaced by `null` in the rendering, each pointing where it stood. */
      readonly problems: readonly ValueProblem[];
    }
  | { readonly ok: false; readonly message: string };

function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return '`undefined`';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'bigint':
      return `the BigInt ${quote(`${value.toString()}n`)}`;
    case 'number':
      return `the number ${quote(String(value))}`;
    default:
      return 'this value';
  }
}

function typeName(value: object): string {
  try {
    const ctor: unknown = Object.getPrototypeOf(value)?.constructor;
    const name = typeof ctor === 'function' ? ctor.name : '';
    return name === '' ? 'an object with a custom prototype' : `an object of type ${quote(name)}`;
  } catch {
    return 'an object with a custom prototype';
  }
}

/**
 * Copies a caller's value into plain JSON data without touching the original, replacing what JSON cannot carry
 * (`undefined`, functions, symbols, BigInt, NaN, ±Infinity, cycles, class instances such as `Date` or `Map`) with
 * `null` and recording a problem for each, so that `JSON.stringify` neither throws nor silently drops it.
 */
function toJsonData(
  value: unknown,
  pointer: string,
  ancestors: Set<object>,
  depth: number,
  problems: ValueProblem[],
): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      problems.push({ pointer, message: MESSAGES.unsupportedValue(describeValue(value)) });
      return null;
    case 'object':
      break;
    default:
      problems.push({ pointer, message: MESSAGES.unsupportedValue(describeValue(value)) });
      return null;
  }
  if (value === null) return null;
  if (depth >= MAX_JSON_DEPTH) {
    problems.push({ pointer, message: MESSAGES.tooDeep(MAX_JSON_DEPTH) });
    return null;
  }
  if (ancestors.has(value)) {
    problems.push({ pointer, message: MESSAGES.unsupportedValue('a circular reference') });
    return null;
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const itemPointer = appendPointer(pointer, i);
        if (!Object.prototype.hasOwnProperty.call(value, i)) {
          problems.push({ pointer: itemPointer, message: MESSAGES.unsupportedValue('an empty array slot') });
          items.push(null);
        } else {
          items.push(toJsonData(value[i], itemPointer, ancestors, depth + 1, problems));
        }
      }
      return items;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      problems.push({ pointer, message: MESSAGES.unsupportedValue(typeName(value)) });
      return null;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const data = toJsonData(
        (value as Record<string, unknown>)[key],
        appendPointer(pointer, key),
        ancestors,
        depth + 1,
        problems,
      );
      // defineProperty: a `__proto__` key stays an ordinary property of the copy.
      Object.defineProperty(out, key, { value: data, enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Turns what the caller gave into the text the reader reads: a string as it is, anything else as its 2-space
 * `JSON.stringify` rendering (positions then refer to that rendering). Never throws: a value whose properties
 * cannot be read (a throwing getter, a revoked proxy) becomes a problem at the document root.
 */
export function sourceToText(source: unknown): SourceText {
  if (typeof source === 'string') return { ok: true, text: source, fromObject: false, problems: [] };
  if (
    source === undefined ||
    typeof source === 'function' ||
    typeof source === 'symbol' ||
    typeof source === 'bigint'
  ) {
    return { ok: false, message: MESSAGES.unsupportedSource(describeValue(source)) };
  }
  const problems: ValueProblem[] = [];
  let data: unknown;
  try {
    data = toJsonData(source, '', new Set(), 0, problems);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: MESSAGES.unreadableSource(reason) };
  }
  const text = JSON.stringify(data, null, 2);
  return { ok: true, text, fromObject: true, compactLength: JSON.stringify(data).length, problems };
}
