// Reading parsed JSON the snapshot is given: own properties only (a key `__proto__` or `constructor` is data, never
// the prototype), JSON Pointers built with RFC 6901 escapes, and short descriptions of a wrong value for messages.
import { appendPointer } from '../../model/json-pointer.js';
import type { IssueList } from './snapshot-issues.js';
import type { AccountSnapshotIssueCode } from './snapshot-issues.js';

/** A plain JSON object (not an array, not null). */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of an own property, never one inherited from `Object.prototype`. */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The own enumerable entries of an object, in its key order. */
export function ownEntries(object: JsonObject): [string, unknown][] {
  return Object.keys(object).map((key) => [key, object[key]]);
}

/** A wrong value in a few words, for a message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `\`${value}\``;
  return typeof value === 'object' ? 'an object' : `${typeof value} \`${String(value)}\``;
}

/** Reads an optional string field; a present non-string is an error at its pointer. */
export function optionalString(
  object: JsonObject,
  key: string,
  pointer: string,
  issues: IssueList,
  code: AccountSnapshotIssueCode,
): string | undefined {
  const value = own(object, key);
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  issues.error(code, appendPointer(pointer, key), `\`${key}\` must be a string, not ${describe(value)}`);
  return undefined;
}

/** Reads a required non-empty string field; absent or wrong, it is an error. */
export function requiredString(
  object: JsonObject,
  key: string,
  pointer: string,
  issues: IssueList,
  code: AccountSnapshotIssueCode,
): string | undefined {
  const value = own(object, key);
  if (typeof value === 'string' && value !== '') return value;
  issues.error(
    code,
    appendPointer(pointer, key),
    value === undefined ? `\`${key}\` is missing` : `\`${key}\` must be a non-empty string, not ${describe(value)}`,
  );
  return undefined;
}

/** Reads an optional array field (absent: empty); a present non-array is an error. */
export function optionalArray(
  object: JsonObject,
  key: string,
  pointer: string,
  issues: IssueList,
  code: AccountSnapshotIssueCode,
): readonly unknown[] {
  const value = own(object, key);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  issues.error(code, appendPointer(pointer, key), `\`${key}\` must be an array, not ${describe(value)}`);
  return [];
}
