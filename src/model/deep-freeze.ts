/**
 * Freezes a value built by the library and everything reachable from it. Only used on fresh objects the library
 * made itself, never on caller input.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
