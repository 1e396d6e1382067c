import { IMPLIED_KEYS } from './derive-context.js';
import type { DerivationInput, Derive } from './derive-context.js';
import type { DerivedContextKey } from '../model/evaluation-result.js';

/**
 * The global keys a request implies (IAM-SEMANTICS §9.1, §9.2), worked out one key at a time for the request model: the
 * same names and values, from the same table (`IMPLIED_KEYS` in src/request/derive-context.ts), as
 * `deriveContext` gives for a request that does not supply the key, without building the other nine.
 * test/unit/compile/derived-keys.test.ts checks every key against `deriveContext`.
 */

export type { DerivationInput } from './derive-context.js';

/** Each derivable key, by its lower-cased name: the name as the trace writes it, and how it is derived. */
const DERIVED: ReadonlyMap<string, { readonly key: string; readonly derive: Derive }> = new Map(
  IMPLIED_KEYS.map(([key, derive]) => [key.toLowerCase(), { key, derive }]),
);

/** The derived key for a lower-cased name, or `undefined` when the request implies no value for it. */
export function derivedKey(lower: string, input: DerivationInput): DerivedContextKey | undefined {
  const found = DERIVED.get(lower);
  if (found === undefined) return undefined;
  const value = found.derive(input);
  return value === undefined ? undefined : { key: found.key, value };
}
