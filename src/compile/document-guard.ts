/**
 * Whether a policy document given as an object still reads as it did when it was compiled. The weak cache
 * (policy-cache.ts) reuses a compiled policy only when the answer is yes, so mutating a document between calls
 * never yields a stale result.
 *
 * - A document that is plain JSON data (plain objects and dense arrays of strings, booleans, finite numbers and
 *   `null`, with data properties only) and deeply frozen cannot change: the guard is its identity alone.
 * - Other plain JSON data is snapshotted: the live document is compared with the snapshot, key order included
 *   (positions come from its rendering), which costs one walk and no allocation.
 * - Anything else (class instances, accessors, `undefined`, functions, cycles) is never cached: the parser reports
 *   such values, and such documents are rare enough to be compiled each time.
 */

/** A snapshot of plain JSON data: objects keep their keys in order. */
type Snapshot =
  | string
  | number
  | boolean
  | null
  | { readonly kind: 'array'; readonly items: readonly Snapshot[] }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly values: readonly Snapshot[] };

/** How a cached object document is checked before reuse. */
export type DocumentGuard =
  | { readonly kind: 'frozen' }
  | { readonly kind: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly kind: 'uncacheable' };

const FROZEN: DocumentGuard = Object.freeze({ kind: 'frozen' });
const UNCACHEABLE: DocumentGuard = Object.freeze({ kind: 'uncacheable' });
/** Deeper documents are refused by the parser anyway (MAX_JSON_DEPTH is far lower). */
const MAX_DEPTH = 256;

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Copies plain JSON data, or `undefined` when the value holds anything else; `frozen` tracks deep frozenness. */
function snapshotOf(value: unknown, depth: number, state: { frozen: boolean }): Snapshot | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) return undefined;
  if (!Object.isFrozen(value)) state.frozen = false;
  if (Array.isArray(value)) {
    const items: Snapshot[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor === undefined || !('value' in descriptor)) return undefined;
      const item = snapshotOf(descriptor.value, depth + 1, state);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return { kind: 'array', items };
  }
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  const values: Snapshot[] = [];
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor)) return undefined;
    const item = snapshotOf(descriptor.value, depth + 1, state);
    if (item === undefined) return undefined;
    values.push(item);
  }
  return { kind: 'object', keys, values };
}

/** Decides how a document given as an object is guarded; call it before compiling the document. */
export function guardDocument(document: object): DocumentGuard {
  const state = { frozen: true };
  const snapshot = snapshotOf(document, 0, state);
  if (snapshot === undefined) return UNCACHEABLE;
  return state.frozen ? FROZEN : { kind: 'snapshot', snapshot };
}

function sameAs(value: unknown, snapshot: Snapshot): boolean {
  if (snapshot === null || typeof snapshot !== 'object') return value === snapshot;
  if (typeof value !== 'object' || value === null) return false;
  if (snapshot.kind === 'array') {
    if (!Array.isArray(value) || value.length !== snapshot.items.length) return false;
    for (let i = 0; i < snapshot.items.length; i += 1) {
      if (!Object.prototype.hasOwnProperty.call(value, i)) return false;
      if (!sameAs((value as unknown[])[i], snapshot.items[i] as Snapshot)) return false;
    }
    return true;
  }
  if (Array.isArray(value) || !isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  let index = 0;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    if (key !== snapshot.keys[index]) return false;
    if (!sameAs(record[key], snapshot.values[index] as Snapshot)) return false;
    index += 1;
  }
  return index === snapshot.keys.length;
}

/** Whether the document still reads as when its guard was taken (for `frozen`, the caller checks identity). */
export function documentUnchanged(document: object, guard: DocumentGuard): boolean {
  switch (guard.kind) {
    case 'frozen':
      return true;
    case 'snapshot':
      return sameAs(document, guard.snapshot);
    case 'uncacheable':
      return false;
  }
}
