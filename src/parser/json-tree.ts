import type { SourceSpan } from '../model/source-span.js';

/** A JSON value read from policy text, with the span it occupies. */
export type JsonNode =
  JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;

/** One `"key": value` pair; members keep document order, duplicates included. */
export interface JsonMember {
  readonly key: string;
  /** Span of the key string, quotes included; its pointer is the member value's pointer. */
  readonly keySpan: SourceSpan;
  readonly value: JsonNode;
}

export interface JsonObjectNode {
  readonly kind: 'object';
  readonly members: readonly JsonMember[];
  readonly span: SourceSpan;
}

export interface JsonArrayNode {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
  readonly span: SourceSpan;
}

export interface JsonStringNode {
  readonly kind: 'string';
  readonly value: string;
  readonly span: SourceSpan;
}

export interface JsonNumberNode {
  readonly kind: 'number';
  readonly value: number;
  /** The literal as written, e.g. `3600` or `1.50`. */
  readonly text: string;
  readonly span: SourceSpan;
}

export interface JsonBooleanNode {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly span: SourceSpan;
}

export interface JsonNullNode {
  readonly kind: 'null';
  readonly span: SourceSpan;
}

/** The first member named `key` (duplicates are reported by the reader; the first one is used). */
export function findMember(node: JsonObjectNode, key: string): JsonMember | undefined {
  for (const member of node.members) if (member.key === key) return member;
  return undefined;
}

/** What a node is, in words, for messages: `a string`, `an array`. */
export function describeKind(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
  }
}

/**
 * The plain JavaScript value of a node. Objects have no prototype, so a key such as `__proto__` is an
 * ordinary property; for a duplicated key the first member wins, as everywhere else in the parser.
 */
export function toPlainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out = Object.create(null) as Record<string, unknown>;
      for (const member of node.members) {
        if (!Object.prototype.hasOwnProperty.call(out, member.key)) out[member.key] = toPlainValue(member.value);
      }
      return out;
    }
    case 'array':
      return node.items.map(toPlainValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
