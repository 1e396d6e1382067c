import { describe, expect, it } from 'vitest';
import { readJson } from '../../../src/parser/json-reader.js';
import { toPlainValue } from '../../../src/parser/json-tree.js';
import { LineIndex } from '../../../src/parser/line-index.js';

describe('readJson', () => {
  it('gives every value and key a span with pointer, 1-based line/column and offsets', () => {
    const text = '{\n  "a": [1, "x~/y"],\n  "b/c": {"d": null}\n}';
    const read = readJson(text);
    expect(read.intact).toBe(true);
    expect(read.nodes.get('/a/1')?.span).toEqual({
      pointer: '/a/1',
      line: 2,
      column: 12,
      offset: 13,
      endLine: 2,
      endColumn: 18,
      endOffset: 19,
    });
    expect(text.slice(13, 19)).toBe('"x~/y"');
    expect(read.nodes.get('/b~1c/d')?.span).toMatchObject({ line: 3, column: 16 });
    const root = read.root;
    if (root?.kind !== 'object') throw new Error('expected an object');
    expect(root.members[1]?.keySpan).toMatchObject({ pointer: '/b~1c', line: 3, column: 3, endColumn: 8 });
    expect(toPlainValue(root)).toEqual({ a: [1, 'x~/y'], 'b/c': { d: null } });
  });

  it('counts columns in UTF-16 code units and lines across LF, CRLF and CR', () => {
    const read = readJson('{"é😀": 1,\r\n"b": 2,\r"c": 3}');
    expect(read.nodes.get('/é😀')?.span).toMatchObject({ line: 1, column: 9 });
    expect(read.nodes.get('/b')?.span).toMatchObject({ line: 2, column: 6 });
    expect(read.nodes.get('/c')?.span).toMatchObject({ line: 3, column: 6 });
  });

  it('decodes escapes and keeps number literals as written', () => {
    const read = readJson('["a\\"b\\\\c\\/\\n\\u00e9", -1.5e3, true, false, null]');
    expect(read.root && toPlainValue(read.root)).toEqual(['a"b\\c/\né', -1500, true, false, null]);
    expect(read.nodes.get('/1')).toMatchObject({ kind: 'number', text: '-1.5e3' });
  });

  it('keeps the first of duplicated keys and reports the second', () => {
    const read = readJson('{"a": 1, "a": 2}');
    expect(read.root && toPlainValue(read.root)).toEqual({ a: 1 });
    expect(read.issues.map((i) => [i.code, i.offset])).toEqual([['duplicate_key', 9]]);
  });

  it('repairs a missing comma and reports it at the end of the value before it', () => {
    const read = readJson('{"a": "x"\n "b": "y"}');
    expect(read.intact).toBe(true);
    expect(read.root && toPlainValue(read.root)).toEqual({ a: 'x', b: 'y' });
    expect(read.issues).toEqual([expect.objectContaining({ code: 'missing_comma', offset: 9, pointer: '/a' })]);
  });

  it('ends a string at a typographic closing quote before a comma or the end of the line', () => {
    const read = readJson('{"a": "x”,\n "b": "y”\n}');
    expect(read.intact).toBe(true);
    expect(read.root && toPlainValue(read.root)).toEqual({ a: 'x', b: 'y' });
    expect(read.issues.map((i) => [i.code, read.lines.at(i.offset)])).toEqual([
      ['typographic_quote', { line: 1, column: 9 }],
      ['typographic_quote', { line: 2, column: 9 }],
    ]);
  });

  it('marks the tree as not intact after a guess, and stops at what it cannot read', () => {
    expect(readJson('{"a": "x}').intact).toBe(false);
    const stopped = readJson('{"a": ] “ ☃');
    expect(stopped.root).toBeUndefined();
    expect(stopped.issues.map((i) => i.code)).toEqual(['json_syntax_error', 'typographic_quote', 'invalid_character']);
  });

  it('reports a lone surrogate as one invalid character', () => {
    expect(readJson('"\uD800"').issues.map((i) => i.code)).toEqual(['invalid_character']);
  });
});

describe('LineIndex', () => {
  it('maps offsets to lines and columns, clamping past the end', () => {
    const lines = new LineIndex('ab\ncd\r\nef');
    expect(lines.at(0)).toEqual({ line: 1, column: 1 });
    expect(lines.at(3)).toEqual({ line: 2, column: 1 });
    expect(lines.at(7)).toEqual({ line: 3, column: 1 });
    expect(lines.at(9)).toEqual({ line: 3, column: 3 });
  });
});

describe('readJson escapes outside the IAM set (G-6)', () => {
  it('reports an escaped surrogate pair once, and a lone escaped surrogate', () => {
    const pair = readJson('"a\\uD83D\\uDE00b"');
    expect(pair.root && toPlainValue(pair.root)).toBe('a😀b');
    expect(pair.issues.map((i) => [i.code, i.message])).toEqual([
      [
        'invalid_character',
        'character `😀` (U+1F600) is not allowed: policies accept tab, line feed, carriage return and U+0020 to U+00FF',
      ],
    ]);
    expect(readJson('"\\uDE00"').issues.map((i) => i.code)).toEqual(['invalid_character']);
    expect(readJson('"\\u00e9\\n\\t"').issues).toEqual([]);
  });
});
