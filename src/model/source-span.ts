/**
 * Where a JSON value stands in the text the user gave. Lines and columns are 1-based and count
 * UTF-16 code units, as editors do. For a document passed as an object, positions refer to its
 * 2-space `JSON.stringify` rendering.
 *
 * @example
 * ```ts
 * import type { SourceSpan } from 'iam-policy-evaluator';
 * const span: SourceSpan = { pointer: '/Statement/0/Effect', line: 4, column: 17, offset: 60, endLine: 4, endColumn: 23, endOffset: 66 };
 * ```
 */
export interface SourceSpan {
  /** RFC 6901 JSON Pointer to the value. */
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
  /** 0-based offset of the first character. */
  readonly offset: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** 0-based offset just past the last character. */
  readonly endOffset: number;
}
