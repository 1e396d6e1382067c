import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { ValueParseResult } from '../define-operator.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGITS: ReadonlyMap<string, number> = new Map([...ALPHABET].map((char, index) => [char, index]));

/**
 * Decodes standard base64 (RFC 4648 alphabet, `=` padding optional, no whitespace) into bytes.
 *
 * @example
 * ```ts
 * import { decodeBase64 } from 'iam-policy-evaluator';
 * const bytes = decodeBase64('aGk=');
 * bytes.ok && [...bytes.value]; //=> [104, 105]
 * decodeBase64('a%b').ok; //=> false
 * ```
 */
export function decodeBase64(raw: ContextScalar): ValueParseResult<Uint8Array> {
  const text = String(raw);
  const failure = { ok: false, message: `\`${text}\` is not base64` } as const;
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (body.length !== text.length && text.length % 4 !== 0) return failure;
  if (body.length % 4 === 1) return failure;
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    const digit = DIGITS.get(char);
    if (digit === undefined) return failure;
    buffer = ((buffer << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index] = (buffer >> bits) & 0xff;
      index += 1;
    }
  }
  return { ok: true, value: bytes };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `BinaryEquals` (IAM-SEMANTICS §7.7): policy values are base64; the request value is given as base64 text too and
 * the decoded bytes are compared byte for byte.
 *
 * @example
 * ```ts
 * import { binaryOperatorFamily } from 'iam-policy-evaluator';
 * binaryOperatorFamily.operators[0]?.name; //=> 'BinaryEquals'
 * ```
 */
export const binaryOperatorFamily = defineOperatorFamily('binary', 'compare bytes given as base64', [
  defineOperator<Uint8Array, Uint8Array>({
    name: 'BinaryEquals',
    family: 'binary',
    negated: false,
    acceptsVariables: false,
    acceptsWildcards: false,
    acceptsIfExists: true,
    acceptsQualifier: true,
    comparison: 'byte for byte after base64 decoding of both sides',
    operand: 'base64 text',
    summary: 'the value has the same bytes as one listed value',
    semantics: ['C-1', 'C-4'],
    parsePolicyValue: decodeBase64,
    parseRequestValue: decodeBase64,
    test: sameBytes,
  }),
]);
