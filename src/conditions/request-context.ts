import type {
  ContextEntry,
  ContextKeyOrigin,
  ContextScalar,
  ContextValue,
  RequestContextView,
} from '../model/request.js';
import { isMultivaluedKey } from './context-keys.js';

/** Context values as the caller may really send them, `null` included (§7.2: "present but null"). */
type LooseContextValue = ContextValue | null | undefined;

function toScalar(value: unknown): ContextScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

function toEntry(key: string, value: LooseContextValue, origin: ContextKeyOrigin): ContextEntry {
  if (Array.isArray(value)) {
    return Object.freeze({ key, values: Object.freeze(value.map(toScalar)), multivalued: true, origin });
  }
  const values = value === null || value === undefined ? [] : [toScalar(value)];
  return Object.freeze({ key, values: Object.freeze(values), multivalued: isMultivaluedKey(key), origin });
}

function collect(
  source: Readonly<Record<string, LooseContextValue>> | undefined,
  origin: ContextKeyOrigin,
): Map<string, ContextEntry> {
  const entries = new Map<string, ContextEntry>();
  if (source === undefined || source === null) return entries;
  for (const [key, value] of Object.entries(source)) {
    const lower = key.toLowerCase();
    const entry = toEntry(key, value, origin);
    const earlier = entries.get(lower);
    // Keys differing only in case (G-32 [X]): one key whose values are both keys' values.
    entries.set(
      lower,
      earlier === undefined
        ? entry
        : Object.freeze({
            key: earlier.key,
            values: Object.freeze([...earlier.values, ...entry.values]),
            multivalued: earlier.multivalued || entry.multivalued,
            origin,
          }),
    );
  }
  return entries;
}

/**
 * Builds the read-only request context once per request: keys are case-insensitive as a whole, so the tag-key part of
 * `aws:ResourceTag/<k>`, `aws:RequestTag/<k>` and `aws:PrincipalTag/<k>` is too (G-30, G-32). Any key is safe
 * (`__proto__`, `constructor`). An array makes a key multivalued (C-29), as do the multivalued keys of §9.1 given as
 * one value. A supplied key wins over a derived one and the entry records its origin. `null` gives a present key
 * without values. Supplied keys differing only in case are merged into one key holding both values (G-32 [X]).
 * The inputs are never mutated.
 *
 * @example
 * ```ts
 * import { createRequestContext } from 'iam-policy-evaluator';
 * const supplied = JSON.parse('{"aws:ResourceTag/Team": "blue", "__proto__": "x"}');
 * const context = createRequestContext(supplied, { 'aws:username': 'ana' });
 * context.get('AWS:RESOURCETAG/team')?.values; //=> ['blue']
 * context.get('aws:username')?.origin; //=> 'derived'
 * context.get('__proto__')?.values; //=> ['x']
 * ```
 */
export function createRequestContext(
  supplied: Readonly<Record<string, LooseContextValue>> | undefined,
  derived?: Readonly<Record<string, LooseContextValue>>,
): RequestContextView {
  const entries = collect(derived, 'derived');
  for (const [lower, entry] of collect(supplied, 'supplied')) entries.set(lower, entry);
  const ordered = Object.freeze([...entries.keys()].sort().map((lower) => entries.get(lower) as ContextEntry));
  return Object.freeze({
    get: (key: string) => entries.get(key.toLowerCase()),
    entries: () => ordered,
  });
}
