import type { IssueCode } from '../errors/issue-codes.js';
import type { SourceSpan } from '../model/source-span.js';
import { appendPointer } from '../model/json-pointer.js';
import type { JsonArrayNode, JsonMember, JsonNode, JsonObjectNode } from './json-tree.js';
import { LineIndex } from './line-index.js';
import { MESSAGES } from './messages.js';

/** A problem found in the JSON text, before it is placed on a line and column. */
export interface ReaderIssue {
  readonly code: IssueCode;
  readonly message: string;
  readonly offset: number;
  readonly pointer: string;
  readonly suggestion?: string;
}

/** What {@link readJson} found. */
export interface ReadJsonResult {
  /** The value read, repaired where the repair is certain; absent when the text could not be read to its end. */
  readonly root?: JsonNode;
  /** Every problem, in text order within each kind of scan. */
  readonly issues: readonly ReaderIssue[];
  /**
   * True when `root` is faithful to what the author meant: every problem found was repaired without guessing
   * (missing or trailing commas, typographic quotes, comments, duplicate keys, characters outside the IAM set).
   * Grammar is only checked on an intact tree, so that a guess never produces follow-on errors.
   */
  readonly intact: boolean;
  /** Every value by JSON Pointer (for a duplicated key: the first). */
  readonly nodes: ReadonlyMap<string, JsonNode>;
  readonly lines: LineIndex;
}

/** Deeper documents are refused: a policy needs about seven levels, and the reader must not exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const MINUS = 0x2d;
const SLASH = 0x2f;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const NBSP = 0xa0;

/** Quotes that word processors and chat apps put in place of `"` and `'`. */
function isTypographicQuote(c: number): boolean {
  return c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x201e || c === 0x201f;
}

/** IAM accepts TAB, LF, CR and U+0020–U+00FF (IAM-SEMANTICS G-6). */
export function isAllowedPolicyChar(c: number): boolean {
  return c === TAB || c === LF || c === CR || (c >= SPACE && c <= 0xff);
}

/** Space characters that are not JSON white space but look like it. */
function isLookalikeSpace(c: number): boolean {
  return c === NBSP || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWordChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x5f || c === 0x24;
}

function isWordStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;
}

function isStringStart(c: number): boolean {
  return c === QUOTE || c === APOSTROPHE || isTypographicQuote(c);
}

function isValueStart(c: number): boolean {
  return c === OPEN_BRACE || c === OPEN_BRACKET || c === MINUS || isDigit(c) || isStringStart(c) || isWordStart(c);
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const LITERAL_FIXES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    True: 'true',
    TRUE: 'true',
    False: 'false',
    FALSE: 'false',
    None: 'null',
    NULL: 'null',
    Null: 'null',
    nil: 'null',
    undefined: 'null',
  }),
);

/** Thrown inside the reader only, to stop reading at an error it cannot repair. */
class StopReading extends Error {}

type Repair = 'repaired' | 'guessed';

class Reader {
  readonly #text: string;
  readonly #lines: LineIndex;
  #pos = 0;
  #intact = true;
  #recording = true;
  readonly #issues: ReaderIssue[] = [];
  readonly #reportedChars = new Set<number>();
  readonly #nodes = new Map<string, JsonNode>();

  constructor(text: string) {
    this.#text = text;
    this.#lines = new LineIndex(text);
  }

  read(): ReadJsonResult {
    let root: JsonNode | undefined;
    try {
      this.#skipTrivia('');
      if (this.#pos >= this.#text.length) {
        this.#report('json_syntax_error', 0, '', MESSAGES.emptyDocument(), 'guessed');
      } else {
        root = this.#value('', 0);
        this.#skipTrivia('');
        while (this.#pos < this.#text.length) {
          const c = this.#code(this.#pos);
          if (!isValueStart(c)) this.#stop(this.#pos, '', MESSAGES.unexpectedCharacter(c, 'the end of the document'));
          this.#report('multiple_documents', this.#pos, '', MESSAGES.secondDocument(), 'repaired');
          this.#recording = false;
          this.#value('', 0);
          this.#skipTrivia('');
        }
      }
    } catch (error) {
      if (!(error instanceof StopReading)) throw error;
      root = undefined;
      this.#scanCharacters(this.#pos);
    }
    const result: ReadJsonResult = {
      issues: this.#issues,
      intact: this.#intact && root !== undefined,
      nodes: this.#nodes,
      lines: this.#lines,
    };
    return root === undefined ? result : { ...result, root };
  }

  #code(offset: number): number {
    return this.#text.charCodeAt(offset);
  }

  #span(start: number, end: number, pointer: string): SourceSpan {
    const a = this.#lines.at(start);
    const b = this.#lines.at(end);
    return {
      pointer,
      line: a.line,
      column: a.column,
      offset: start,
      endLine: b.line,
      endColumn: b.column,
      endOffset: end,
    };
  }

  #report(
    code: IssueCode,
    offset: number,
    pointer: string,
    message: string,
    repair: Repair,
    suggestion?: string,
  ): void {
    this.#issues.push(
      suggestion === undefined ? { code, message, offset, pointer } : { code, message, offset, pointer, suggestion },
    );
    if (repair === 'guessed') this.#intact = false;
  }

  #stop(offset: number, pointer: string, message: string): never {
    this.#reportedChars.add(offset);
    this.#report('json_syntax_error', offset, pointer, message, 'guessed');
    this.#pos = offset;
    throw new StopReading();
  }

  #record(node: JsonNode): void {
    if (this.#recording && !this.#nodes.has(node.span.pointer)) this.#nodes.set(node.span.pointer, node);
  }

  /** Reports a character outside the IAM set, once; returns how many code units it takes. */
  #badCharacter(offset: number, pointer: string, sink: ReaderIssue[]): number {
    const c = this.#code(offset);
    const cp = this.#text.codePointAt(offset) ?? c;
    if (!this.#reportedChars.has(offset)) {
      sink.push({ code: 'invalid_character', offset, pointer, message: MESSAGES.invalidCharacter(cp) });
    }
    return cp > 0xffff ? 2 : 1;
  }

  #skipTrivia(pointer: string): void {
    const text = this.#text;
    while (this.#pos < text.length) {
      const c = this.#code(this.#pos);
      if (c === SPACE || c === TAB || c === LF || c === CR) {
        this.#pos++;
      } else if (c === SLASH && this.#code(this.#pos + 1) === SLASH) {
        this.#report('comment_not_allowed', this.#pos, pointer, MESSAGES.comment(), 'repaired');
        let p = this.#pos + 2;
        while (p < text.length && this.#code(p) !== LF && this.#code(p) !== CR) p++;
        this.#pos = p;
      } else if (c === SLASH && this.#code(this.#pos + 1) === 0x2a) {
        this.#report('comment_not_allowed', this.#pos, pointer, MESSAGES.comment(), 'repaired');
        const end = text.indexOf('*/', this.#pos + 2);
        if (end < 0) this.#stop(this.#pos, pointer, MESSAGES.unexpectedEnd('`*/` to close the comment'));
        this.#pos = end + 2;
      } else if (isLookalikeSpace(c)) {
        this.#reportedChars.add(this.#pos);
        if (c === NBSP) this.#report('json_syntax_error', this.#pos, pointer, MESSAGES.nonBreakingSpace(c), 'repaired');
        else this.#report('invalid_character', this.#pos, pointer, MESSAGES.invalidCharacter(c), 'repaired');
        this.#pos++;
      } else {
        return;
      }
    }
  }

  #value(pointer: string, depth: number): JsonNode {
    this.#skipTrivia(pointer);
    if (this.#pos >= this.#text.length) this.#stop(this.#pos, pointer, MESSAGES.unexpectedEnd('a value'));
    const c = this.#code(this.#pos);
    let node: JsonNode;
    if (c === OPEN_BRACE) node = this.#object(pointer, depth);
    else if (c === OPEN_BRACKET) node = this.#array(pointer, depth);
    else if (isStringStart(c)) {
      const start = this.#pos;
      const value = this.#string(pointer);
      node = { kind: 'string', value, span: this.#span(start, this.#pos, pointer) };
    } else if (c === MINUS || isDigit(c)) node = this.#number(pointer);
    else if (isWordStart(c)) node = this.#word(pointer);
    else this.#stop(this.#pos, pointer, MESSAGES.unexpectedCharacter(c, 'a value'));
    this.#record(node);
    return node;
  }

  #object(pointer: string, depth: number): JsonObjectNode {
    const start = this.#pos;
    if (depth >= MAX_JSON_DEPTH) this.#stop(start, pointer, MESSAGES.tooDeep(MAX_JSON_DEPTH));
    this.#pos++;
    const members: JsonMember[] = [];
    const firstKeys = new Map<string, number>();
    let expectMember = true;
    let commaAt = -1;
    let previous: JsonMember | undefined;
    for (;;) {
      this.#skipTrivia(pointer);
      if (this.#pos >= this.#text.length) {
        const open = this.#lines.at(start);
        this.#stop(start, pointer, MESSAGES.unclosed('object', open.line, open.column));
      }
      const c = this.#code(this.#pos);
      if (c === CLOSE_BRACE) {
        if (commaAt >= 0) this.#report('trailing_comma', commaAt, pointer, MESSAGES.trailingComma(), 'repaired');
        this.#pos++;
        return { kind: 'object', members, span: this.#span(start, this.#pos, pointer) };
      }
      if (c === CLOSE_BRACKET) {
        const open = this.#lines.at(start);
        this.#stop(this.#pos, pointer, MESSAGES.mismatchedClose(']', 'object', open.line, open.column));
      }
      if (c === COMMA && expectMember) {
        this.#report(
          'json_syntax_error',
          this.#pos,
          pointer,
          MESSAGES.unexpectedCharacter(c, 'a key in double quotes'),
          'repaired',
        );
        this.#pos++;
        continue;
      }
      if (!expectMember) {
        if (previous !== undefined && (isStringStart(c) || isWordStart(c))) {
          this.#report(
            'missing_comma',
            previous.value.span.endOffset,
            previous.value.span.pointer,
            MESSAGES.missingComma(MESSAGES.afterValueOfKey(previous.key)),
            'repaired',
          );
        } else {
          this.#stop(this.#pos, pointer, MESSAGES.unexpectedCharacter(c, '`,` or `}`'));
        }
      }
      commaAt = -1;
      const keyStart = this.#pos;
      let key: string;
      if (isStringStart(c)) {
        key = this.#string(pointer);
      } else if (isWordStart(c)) {
        let p = this.#pos;
        while (
          p < this.#text.length &&
          (isWordChar(this.#code(p)) || this.#code(p) === COLON || this.#code(p) === MINUS)
        ) {
          p++;
        }
        // `Effect:` reads as the key `Effect` followed by its colon.
        if (this.#code(p - 1) === COLON && p - 1 > this.#pos) p--;
        key = this.#text.slice(this.#pos, p);
        this.#pos = p;
        this.#report('json_syntax_error', keyStart, pointer, MESSAGES.unquotedKey(key), 'repaired');
      } else {
        this.#stop(this.#pos, pointer, MESSAGES.unexpectedCharacter(c, 'a key in double quotes or `}`'));
      }
      const memberPointer = appendPointer(pointer, key);
      const keySpan = this.#span(keyStart, this.#pos, memberPointer);
      this.#skipTrivia(pointer);
      if (this.#code(this.#pos) === COLON) {
        this.#pos++;
      } else if (this.#pos < this.#text.length && isValueStart(this.#code(this.#pos))) {
        this.#report('json_syntax_error', keySpan.endOffset, memberPointer, MESSAGES.missingColon(key), 'guessed');
      } else {
        this.#stop(this.#pos, memberPointer, MESSAGES.missingColon(key));
      }
      const value = this.#value(memberPointer, depth + 1);
      const first = firstKeys.get(key);
      if (first === undefined) {
        firstKeys.set(key, keyStart);
      } else {
        const at = this.#lines.at(first);
        this.#report(
          'duplicate_key',
          keyStart,
          memberPointer,
          MESSAGES.duplicateKey(key, at.line, at.column),
          'repaired',
        );
      }
      previous = { key, keySpan, value };
      members.push(previous);
      this.#skipTrivia(pointer);
      if (this.#code(this.#pos) === COMMA) {
        commaAt = this.#pos;
        this.#pos++;
        expectMember = true;
      } else {
        expectMember = false;
      }
    }
  }

  #array(pointer: string, depth: number): JsonArrayNode {
    const start = this.#pos;
    if (depth >= MAX_JSON_DEPTH) this.#stop(start, pointer, MESSAGES.tooDeep(MAX_JSON_DEPTH));
    this.#pos++;
    const items: JsonNode[] = [];
    let expectItem = true;
    let commaAt = -1;
    for (;;) {
      this.#skipTrivia(pointer);
      if (this.#pos >= this.#text.length) {
        const open = this.#lines.at(start);
        this.#stop(start, pointer, MESSAGES.unclosed('array', open.line, open.column));
      }
      const c = this.#code(this.#pos);
      if (c === CLOSE_BRACKET) {
        if (commaAt >= 0) this.#report('trailing_comma', commaAt, pointer, MESSAGES.trailingComma(), 'repaired');
        this.#pos++;
        return { kind: 'array', items, span: this.#span(start, this.#pos, pointer) };
      }
      if (c === CLOSE_BRACE) {
        const open = this.#lines.at(start);
        this.#stop(this.#pos, pointer, MESSAGES.mismatchedClose('}', 'array', open.line, open.column));
      }
      if (c === COMMA && expectItem) {
        this.#report('json_syntax_error', this.#pos, pointer, MESSAGES.unexpectedCharacter(c, 'a value'), 'repaired');
        this.#pos++;
        continue;
      }
      if (!expectItem) {
        const last = items[items.length - 1];
        if (last !== undefined && isValueStart(c)) {
          this.#report(
            'missing_comma',
            last.span.endOffset,
            last.span.pointer,
            MESSAGES.missingComma(MESSAGES.afterArrayItem(items.length - 1)),
            'repaired',
          );
        } else {
          this.#stop(this.#pos, pointer, MESSAGES.unexpectedCharacter(c, '`,` or `]`'));
        }
      }
      commaAt = -1;
      items.push(this.#value(appendPointer(pointer, items.length), depth + 1));
      this.#skipTrivia(pointer);
      if (this.#code(this.#pos) === COMMA) {
        commaAt = this.#pos;
        this.#pos++;
        expectItem = true;
      } else {
        expectItem = false;
      }
    }
  }

  /**
   * Reads a string opened by `"`, `'` or a typographic quote and returns its value. A `"` string that runs to the
   * end of its line after a typographic quote is taken to end at that quote (`"Policy123456789”,`), so reading
   * goes on and later problems are found too.
   */
  #string(pointer: string): string {
    const text = this.#text;
    const start = this.#pos;
    const open = this.#code(start);
    const mode = open === QUOTE ? 'double' : open === APOSTROPHE ? 'single' : 'typographic';
    const pending: ReaderIssue[] = [];
    if (mode === 'typographic') {
      pending.push({ code: 'typographic_quote', offset: start, pointer, message: MESSAGES.typographicQuote(open) });
    } else if (mode === 'single') {
      this.#report('json_syntax_error', start, pointer, MESSAGES.singleQuotes(), 'repaired');
    }
    let value = '';
    let chunk = start + 1;
    let p = start + 1;
    let firstTypographic = -1;
    let valueAtTypographic = '';
    for (;;) {
      const c = p < text.length ? this.#code(p) : -1;
      if (c === -1 || c === LF || c === CR) {
        if (mode === 'double' && firstTypographic >= 0) {
          this.#commit(pending.filter((issue) => issue.offset <= firstTypographic));
          this.#pos = firstTypographic + 1;
          return valueAtTypographic;
        }
        this.#commit(pending);
        this.#report('json_syntax_error', start, pointer, MESSAGES.unterminatedString(), 'guessed');
        // `"2012-10-17,`: the quote is missing before the comma that ends the line.
        let end = p;
        while (end > chunk && (this.#code(end - 1) === SPACE || this.#code(end - 1) === TAB)) end--;
        if (end > chunk && this.#code(end - 1) === COMMA) p = end - 1;
        this.#pos = p;
        return value + text.slice(chunk, p);
      }
      if (
        (mode === 'double' && c === QUOTE) ||
        (mode === 'single' && c === APOSTROPHE) ||
        (mode === 'typographic' && (c === QUOTE || isTypographicQuote(c)))
      ) {
        if (mode === 'typographic' && c !== QUOTE) {
          pending.push({ code: 'typographic_quote', offset: p, pointer, message: MESSAGES.typographicQuote(c) });
        }
        this.#commit(pending);
        this.#pos = p + 1;
        return value + text.slice(chunk, p);
      }
      if (c === BACKSLASH) {
        value += text.slice(chunk, p);
        const decoded = this.#escape(p, pointer, pending);
        value += decoded.text;
        p = decoded.end;
        chunk = p;
      } else if (c < SPACE) {
        pending.push({ code: 'json_syntax_error', offset: p, pointer, message: MESSAGES.controlCharacterInString(c) });
        p++;
      } else if (isTypographicQuote(c)) {
        pending.push({ code: 'typographic_quote', offset: p, pointer, message: MESSAGES.typographicQuote(c) });
        if (mode === 'double' && this.#endsValue(p + 1)) {
          // `"Policy123456789”,`: the typographic quote was meant to close the string.
          this.#commit(pending);
          this.#pos = p + 1;
          return value + text.slice(chunk, p);
        }
        if (firstTypographic < 0) {
          firstTypographic = p;
          valueAtTypographic = value + text.slice(chunk, p);
        }
        p++;
      } else if (c > 0xff) {
        p += this.#badCharacter(p, pointer, pending);
      } else {
        p++;
      }
    }
  }

  /** Whether only spaces stand between `offset` and the end of a value: `,`, `}`, `]`, `:` or the end of a line. */
  #endsValue(offset: number): boolean {
    let p = offset;
    while (p < this.#text.length && (this.#code(p) === SPACE || this.#code(p) === TAB)) p++;
    if (p >= this.#text.length) return true;
    const c = this.#code(p);
    return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON || c === LF || c === CR;
  }

  #escape(p: number, pointer: string, pending: ReaderIssue[]): { text: string; end: number } {
    const n = this.#text.charCodeAt(p + 1);
    switch (n) {
      case QUOTE:
        return { text: '"', end: p + 2 };
      case BACKSLASH:
        return { text: '\\', end: p + 2 };
      case SLASH:
        return { text: '/', end: p + 2 };
      case 0x62:
        return { text: '\b', end: p + 2 };
      case 0x66:
        return { text: '\f', end: p + 2 };
      case 0x6e:
        return { text: '\n', end: p + 2 };
      case 0x72:
        return { text: '\r', end: p + 2 };
      case 0x74:
        return { text: '\t', end: p + 2 };
      case 0x75: {
        const hex = this.#text.slice(p + 2, p + 6);
        if (HEX4.test(hex)) {
          const unit = parseInt(hex, 16);
          // `\uD83D\uDE00` is one character: report it once, by its code point.
          const low = this.#text.slice(p + 6, p + 8) === '\\u' ? this.#text.slice(p + 8, p + 12) : '';
          const lowUnit = HEX4.test(low) ? parseInt(low, 16) : -1;
          const pair = unit >= 0xd800 && unit <= 0xdbff && lowUnit >= 0xdc00 && lowUnit <= 0xdfff;
          const cp = pair ? 0x10000 + ((unit - 0xd800) << 10) + (lowUnit - 0xdc00) : unit;
          if (!isAllowedPolicyChar(cp)) {
            pending.push({ code: 'invalid_character', offset: p, pointer, message: MESSAGES.invalidCharacter(cp) });
          }
          return pair
            ? { text: String.fromCharCode(unit, lowUnit), end: p + 12 }
            : { text: String.fromCharCode(unit), end: p + 6 };
        }
        break;
      }
      default:
        break;
    }
    const seq = Number.isNaN(n) || n === LF || n === CR ? '\\' : this.#text.slice(p, p + 2);
    pending.push({ code: 'json_syntax_error', offset: p, pointer, message: MESSAGES.invalidEscape(seq) });
    return seq.length === 2 ? { text: seq.slice(1), end: p + 2 } : { text: '', end: p + 1 };
  }

  #commit(pending: readonly ReaderIssue[]): void {
    for (const issue of pending) {
      if (issue.code === 'typographic_quote' || issue.code === 'invalid_character') {
        if (this.#reportedChars.has(issue.offset)) continue;
        this.#reportedChars.add(issue.offset);
      }
      this.#issues.push(issue);
    }
  }

  #number(pointer: string): JsonNode {
    const start = this.#pos;
    let p = start;
    while (p < this.#text.length) {
      const c = this.#code(p);
      if (isDigit(c) || c === MINUS || c === 0x2b || c === 0x2e || c === 0x45 || c === 0x65) p++;
      else break;
    }
    const text = this.#text.slice(start, p);
    this.#pos = p;
    let value = Number(text);
    if (!JSON_NUMBER.test(text)) {
      this.#report('json_syntax_error', start, pointer, MESSAGES.invalidNumber(text), 'guessed');
      if (Number.isNaN(value)) value = 0;
    }
    return { kind: 'number', value, text, span: this.#span(start, p, pointer) };
  }

  #word(pointer: string): JsonNode {
    const start = this.#pos;
    let p = start;
    while (p < this.#text.length && isWordChar(this.#code(p))) p++;
    const word = this.#text.slice(start, p);
    this.#pos = p;
    const span = this.#span(start, p, pointer);
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', span };
    if (word === 'null') return { kind: 'null', span };
    const fix = Object.prototype.hasOwnProperty.call(LITERAL_FIXES, word) ? LITERAL_FIXES[word] : undefined;
    if (fix !== undefined) {
      this.#report('json_syntax_error', start, pointer, MESSAGES.unknownLiteral(word, fix), 'guessed', fix);
      if (fix === 'null') return { kind: 'null', span };
      return { kind: 'boolean', value: fix === 'true', span };
    }
    this.#report(
      'json_syntax_error',
      start,
      pointer,
      MESSAGES.unexpectedWord(word, 'a value: strings need double quotes'),
      'guessed',
      `"${word}"`,
    );
    return { kind: 'string', value: word, span };
  }

  /** After a stop: still reports every typographic quote and disallowed character in the rest of the text. */
  #scanCharacters(from: number): void {
    const text = this.#text;
    const sink: ReaderIssue[] = [];
    for (let p = from; p < text.length;) {
      const c = this.#code(p);
      if (isTypographicQuote(c)) {
        if (!this.#reportedChars.has(p))
          sink.push({ code: 'typographic_quote', offset: p, pointer: '', message: MESSAGES.typographicQuote(c) });
        p++;
      } else if (!isAllowedPolicyChar(c)) {
        p += this.#badCharacter(p, '', sink);
      } else {
        p++;
      }
    }
    this.#commit(sink);
  }
}

/**
 * Reads JSON text into a tree of values with positions, repairing what it can so that every problem is reported:
 * a missing comma (at the end of the value it should follow), typographic quotes, trailing commas, comments,
 * duplicate keys (IAM-SEMANTICS G-1), characters outside the IAM set (G-6) and a second top-level value (O-21).
 * Runs in time linear in the text; never throws on any input.
 */
export function readJson(text: string): ReadJsonResult {
  return new Reader(text).read();
}
