import { isMultivaluedKey } from '../conditions/context-keys.js';
import { createRequestContext } from '../conditions/request-context.js';
import { deriveContext } from './derive-context.js';
import type { ContextEntry, ContextScalar, ContextValue, RequestContextView } from '../model/request.js';
import type { ContextKeyTable } from '../compile/context-key-table.js';
import { derivedKey } from './derived-keys.js';
import type { DerivationInput } from './derived-keys.js';

/**
 * The request context of the request model: the same entries as
 * `createRequestContext(supplied, deriveContext(…))` (case-insensitive keys; supplied keys differing only in case
 * merged, G-32; an array making a key multivalued, C-29; `null` a present key without values; a supplied key winning
 * over a derived one), but an entry is built only when a condition or variable asks for its key, and a derived key is
 * worked out only when the request does not supply it. The supplied values are read once, in `Object.entries` order.
 */

type Loose = ContextValue | null | undefined;
type Supplied = Readonly<Record<string, Loose>> | null | undefined;

function toScalar(value: unknown): ContextScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

/** As request-context.ts's `toEntry`; `lower` is the key lower-cased (what `isMultivaluedKey` reads). */
function toEntry(key: string, lower: string, value: Loose, origin: 'supplied' | 'derived'): ContextEntry {
  if (Array.isArray(value)) return { key, values: value.map(toScalar), multivalued: true, origin };
  const values = value === null || value === undefined ? [] : [toScalar(value)];
  return { key, values, multivalued: isMultivaluedKey(lower), origin };
}

const UNBUILT: unique symbol = Symbol('unbuilt');

/** A lazily built context view; one per request, never shared. */
export class LazyContextView implements RequestContextView {
  readonly #supplied: Supplied;
  readonly #derivation: DerivationInput;
  #keys: readonly string[] | undefined = undefined;
  #lowerKeys: readonly string[] | undefined = undefined;
  #values: readonly Loose[] | undefined = undefined;
  readonly #table: ContextKeyTable;
  /** The entry of each slot of the table, built on first ask. */
  #entries: (ContextEntry | undefined | typeof UNBUILT)[] | undefined = undefined;
  #full: RequestContextView | undefined = undefined;
  /** What each reader made of each value of an entry, kept for this request only. */
  #read: Map<ContextEntry, Map<(raw: ContextScalar) => unknown, unknown[]>> | undefined = undefined;

  constructor(supplied: Supplied, derivation: DerivationInput, table: ContextKeyTable) {
    this.#supplied = supplied;
    this.#derivation = derivation;
    this.#table = table;
  }

  #build(lower: string): ContextEntry | undefined {
    if (this.#keys === undefined) {
      const supplied = this.#supplied;
      const keys = supplied === undefined || supplied === null ? [] : Object.keys(supplied);
      this.#keys = keys;
      this.#lowerKeys = keys.map((key) => key.toLowerCase());
      this.#values = keys.map((key) => (supplied as Readonly<Record<string, Loose>>)[key]);
    }
    const keys = this.#keys;
    const lowerKeys = this.#lowerKeys as readonly string[];
    const values = this.#values as readonly Loose[];
    let entry: ContextEntry | undefined;
    for (let i = 0; i < keys.length; i += 1) {
      if (lowerKeys[i] !== lower) continue;
      const next = toEntry(keys[i] as string, lower, values[i], 'supplied');
      entry =
        entry === undefined
          ? next
          : {
              key: entry.key,
              values: [...entry.values, ...next.values],
              multivalued: entry.multivalued || next.multivalued,
              origin: 'supplied',
            };
    }
    if (entry !== undefined) return entry;
    const derived = derivedKey(lower, this.#derivation);
    return derived === undefined ? undefined : toEntry(derived.key, lower, derived.value, 'derived');
  }

  /** The entry of a slot of the key table. */
  at(slot: number): ContextEntry | undefined {
    let entries = this.#entries;
    if (entries === undefined) entries = this.#entries = new Array<typeof UNBUILT>(this.#table.size).fill(UNBUILT);
    const cached = entries[slot];
    if (cached !== UNBUILT) return cached;
    const entry = this.#build(this.#table.keyOf(slot));
    entries[slot] = entry;
    return entry;
  }

  get(key: string): ContextEntry | undefined {
    const slot = this.#table.slotOf(key);
    return slot === undefined ? this.#build(key.toLowerCase()) : this.at(slot);
  }

  /** The value at `index` of `entry` read with `read`, read once per request (IPs and dates several conditions compare). */
  readValue<R>(entry: ContextEntry, index: number, read: (raw: ContextScalar) => R): R {
    this.#read ??= new Map();
    let byReader = this.#read.get(entry);
    if (byReader === undefined) this.#read.set(entry, (byReader = new Map()));
    let values = byReader.get(read) as R[] | undefined;
    if (values === undefined) byReader.set(read, (values = []));
    if (!(index in values)) values[index] = read(entry.values[index] as ContextScalar);
    return values[index] as R;
  }

  /** Every entry, as `createRequestContext` lists them (built in full on first call; only explanations need it). */
  entries(): readonly ContextEntry[] {
    if (this.#full === undefined) {
      const { caller, givenAccount, epochMillis, resourceRegion } = this.#derivation;
      const supplied = (this.#supplied ?? undefined) as Readonly<Record<string, ContextValue>> | undefined;
      const derived = deriveContext(
        caller,
        givenAccount,
        resourceRegion,
        supplied,
        epochMillis === undefined ? {} : { now: epochMillis },
      );
      const record = Object.create(null) as Record<string, ContextScalar>;
      for (const entry of derived) record[entry.key] = entry.value;
      this.#full = createRequestContext(supplied, record);
    }
    return this.#full.entries();
  }
}
