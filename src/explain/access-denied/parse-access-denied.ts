import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../model/policy-type.js';
import type { PolicyType } from '../../model/policy-type.js';

/**
 * Every stable code `parseAccessDenied` can fail with, in the order the parser checks them. Codes are never renamed.
 *
 * @example
 * ```ts
 * import { ACCESS_DENIED_PARSE_ERROR_CODES } from 'iam-policy-evaluator';
 * ACCESS_DENIED_PARSE_ERROR_CODES.includes('encoded_message_only'); //=> true
 * ```
 */
export const ACCESS_DENIED_PARSE_ERROR_CODES = Object.freeze([
  'not_text',
  'message_too_long',
  'empty_message',
  'malformed_cli_prefix',
  'encoded_message_only',
  'not_an_access_denied_message',
  'invalid_principal',
  'invalid_action',
  'unterminated_quote',
  'unknown_policy_type',
  'action_mismatch',
  'unrecognized_text',
] as const);

/**
 * A stable code saying why a message could not be read.
 *
 * @example
 * ```ts
 * import { parseAccessDenied } from 'iam-policy-evaluator';
 * import type { AccessDeniedParseErrorCode } from 'iam-policy-evaluator';
 * const r = parseAccessDenied('User: arn:aws:iam::123456789012:user/u is not authorized to perform: ListRoles');
 * const code: AccessDeniedParseErrorCode | undefined = r.ok ? undefined : r.error.code;
 * code; //=> 'invalid_action'
 * ```
 */
export type AccessDeniedParseErrorCode = (typeof ACCESS_DENIED_PARSE_ERROR_CODES)[number];

/**
 * Why a message could not be read, and where.
 *
 * @example
 * ```ts
 * import { parseAccessDenied } from 'iam-policy-evaluator';
 * import type { AccessDeniedParseError } from 'iam-policy-evaluator';
 * const r = parseAccessDenied('User: arn:aws:iam::123456789012:user/u\nis not authorized to perform: s3:GetObject\nwith an explicit deny in a cookie policy');
 * const error: AccessDeniedParseError | undefined = r.ok ? undefined : r.error;
 * [error?.code, error?.line, error?.column]; //=> ['unknown_policy_type', 3, 28]
 * ```
 */
export interface AccessDeniedParseError {
  readonly code: AccessDeniedParseErrorCode;
  /** Lowercase, no trailing period, the text quoted in backticks. */
  readonly message: string;
  /** 0-based offset in the text as given. */
  readonly offset: number;
  /** 1-based line in the text as given. */
  readonly line: number;
  /** 1-based column in the text as given. */
  readonly column: number;
}

/**
 * How the message named the resource (IAM-SEMANTICS M-4).
 *
 * @example
 * ```ts
 * import { parseAccessDenied } from 'iam-policy-evaluator';
 * import type { AccessDeniedResourceForm } from 'iam-policy-evaluator';
 * const r = parseAccessDenied('User: arn:aws:sts::112233445566:assumed-role/ROLE/SESSION is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::bucket/key" with an explicit deny in a resource control policy');
 * const form: AccessDeniedResourceForm | undefined = r.ok ? r.value.resourceForm : undefined;
 * form; //=> 'quoted'
 * ```
 */
export type AccessDeniedResourceForm = 'arn' | 'quoted' | 'thisResource' | 'absent';

/**
 * The request and the reason an AccessDenied message describes (IAM-SEMANTICS §10).
 *
 * @example
 * ```ts
 * import { parseAccessDenied } from 'iam-policy-evaluator';
 * import type { ParsedAccessDenied } from 'iam-policy-evaluator';
 * const r = parseAccessDenied('User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: sts:AssumeRole with an explicit deny in the role trust policy');
 * const value: ParsedAccessDenied | undefined = r.ok ? r.value : undefined;
 * [value?.policyType, value?.trustPolicy, value?.explicit, value?.resourceForm]; //=> ['resource', true, true, 'absent']
 * ```
 */
export interface ParsedAccessDenied {
  readonly principal: string;
  readonly action: string;
  /** Absent when the message names none, or says `on this resource`. */
  readonly resource?: string;
  readonly resourceForm: AccessDeniedResourceForm;
  /**
   * The policy type the message blames; absent when the message gives no reason. `the role trust policy` is
   * `resource` with `trustPolicy: true`.
   */
  readonly policyType?: PolicyType;
  /** True for `the role trust policy` / `no role trust policy` (E-8). */
  readonly trustPolicy: boolean;
  /**
   * `with an explicit deny …` is true, `because no … allows …` is false; absent when the message gives no reason.
   * AWS reports an SCP that merely fails to allow as an explicit deny too (M-2, §1.3 step 3).
   */
  readonly explicit?: boolean;
  /** The type phrase exactly as written, e.g. `service control policy`. */
  readonly policyTypePhrase?: string;
  /** `… transitively through a service control policy`: the second policy type named. */
  readonly transitivelyThrough?: PolicyType;
  /** The ARN of the denying policy appended after `: ` (M-5). */
  readonly policyArn?: string;
  /** True when EC2-style `Encoded authorization failure message: …` follows (M-8). */
  readonly encodedAuthorizationMessage: boolean;
  /** The opaque blob, for `aws sts decode-authorization-message`. */
  readonly encodedMessage?: string;
  /** From the CLI/SDK prefix `An error occurred (AccessDenied) when calling the X operation: `. */
  readonly operation?: string;
  /** The error code of that prefix: `AccessDenied`, `UnauthorizedOperation`, … */
  readonly errorCode?: string;
  /** True when the text starts with `You are not authorized to perform this operation.` */
  readonly notAuthorizedPreamble: boolean;
  /** The AWS message itself, from `User:` to the end of its reason, in single-spaced form, without client prefixes and suffixes. */
  readonly message: string;
}

/**
 * The answer of `parseAccessDenied`: the message read, or why it could not be.
 *
 * @example
 * ```ts
 * import { parseAccessDenied } from 'iam-policy-evaluator';
 * import type { ParseAccessDeniedResult } from 'iam-policy-evaluator';
 * const r: ParseAccessDeniedResult = parseAccessDenied('');
 * r.ok ? r.value.action : r.error.code; //=> 'empty_message'
 * ```
 */
export type ParseAccessDeniedResult =
  | { readonly ok: true; readonly value: ParsedAccessDenied }
  | { readonly ok: false; readonly error: AccessDeniedParseError };

/** Longer than any real message, encoded blob included: refused rather than scanned. */
const MAX_MESSAGE_LENGTH = 65_536;

const NOT_AUTHORIZED = ' is not authorized to perform: ';
const USER_LABEL = 'User: ';
const PREAMBLE = 'You are not authorized to perform this operation.';
const ENCODED = 'Encoded authorization failure message:';
const CLI_PREFIX = 'An error occurred (';

/**
 * Policy-type phrases: each type's name and the spellings AWS also writes (M-2: `permissions boundary policy`, the
 * 2023 doc's `sessions policy`, `role trust policy`), longest first so `permissions boundary policy` wins over
 * `permissions boundary`.
 */
const TYPE_PHRASES: readonly { readonly phrase: string; readonly type: PolicyType; readonly trust: boolean }[] = [
  ...POLICY_TYPES.map((type) => ({ phrase: POLICY_TYPE_NAMES[type], type, trust: false })),
  { phrase: 'permissions boundary policy', type: 'permissionsBoundary' as const, trust: false },
  { phrase: 'role trust policy', type: 'resource' as const, trust: true },
  { phrase: 'sessions policy', type: 'session' as const, trust: false },
].sort((a, b) => b.phrase.length - a.phrase.length);

const QUOTES: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
];

/** The message with every run of white space made one space, and a map back to offsets in the text as given. */
interface Normalized {
  readonly text: string;
  /** `origin[i]` is the offset in the input of `text[i]`; one extra entry for the end. */
  readonly origin: readonly number[];
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0';
}

function normalize(input: string): Normalized {
  let text = '';
  const origin: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charAt(i);
    if (isSpace(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && text.length > 0) {
      text += ' ';
      origin.push(pendingSpace);
    }
    pendingSpace = -1;
    text += ch;
    origin.push(i);
  }
  origin.push(input.length);
  // Strip one pair of surrounding quotes, as when the message is copied out of JSON or a log line.
  for (const [open, close] of QUOTES) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
      const inner = text.slice(1, -1).trim();
      const start = text.indexOf(inner, 1);
      return { text: inner, origin: origin.slice(start, start + inner.length + 1) };
    }
  }
  return { text, origin };
}

function position(input: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < input.length; i++) {
    if (input.charAt(i) === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}

function snippet(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return cut.replaceAll('`', "'");
}

class Failure {
  constructor(
    readonly code: AccessDeniedParseErrorCode,
    readonly message: string,
    /** Offset in the normalized text. */
    readonly at: number,
  ) {}
}

/** A cursor over the normalized text. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get rest(): string {
    return this.text.slice(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Consumes `literal` if the text continues with it (ASCII case-insensitive). */
  eat(literal: string): boolean {
    const candidate = this.text.slice(this.pos, this.pos + literal.length);
    if (candidate.toLowerCase() !== literal.toLowerCase()) return false;
    this.pos += literal.length;
    return true;
  }

  /** Reads up to the next space or the end. */
  token(): string {
    const start = this.pos;
    const space = this.text.indexOf(' ', start);
    this.pos = space < 0 ? this.text.length : space;
    return this.text.slice(start, this.pos);
  }

  /** Whether the message ends here: only a closing sentence tail can follow. */
  tailFollows(at: number): boolean {
    const after = this.text.slice(at);
    return after === '' || after.startsWith(` ${ENCODED}`) || after.startsWith(' (Service:');
  }

  /** Reads a token; a `.` that ends the message's sentence is not part of it. */
  tokenBeforeSentenceEnd(): string {
    const start = this.pos;
    const raw = this.token();
    if (raw.length > 1 && raw.endsWith('.') && this.tailFollows(this.pos)) {
      this.pos -= 1;
      return raw.slice(0, -1);
    }
    this.pos = start + raw.length;
    return raw;
  }

  /** Matches one of the policy-type phrases at the cursor. */
  typePhrase(): { phrase: string; type: PolicyType; trust: boolean } | undefined {
    for (const entry of TYPE_PHRASES) {
      const end = this.pos + entry.phrase.length;
      const next = this.text.charAt(end);
      if (next !== '' && next !== ' ' && next !== ':' && next !== '.') continue;
      const written = this.text.slice(this.pos, end);
      if (written.toLowerCase() === entry.phrase.toLowerCase()) {
        this.pos = end;
        return { phrase: written, type: entry.type, trust: entry.trust };
      }
    }
    return undefined;
  }
}

/** `service:Action` with the characters AWS action names use, `*` and `?` allowed in the name. */
function isActionName(action: string): boolean {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon !== action.lastIndexOf(':') || colon === action.length - 1) return false;
  for (let i = 0; i < action.length; i++) {
    const ch = action.charAt(i);
    if (i === colon) continue;
    const ok =
      (ch >= 'a' && ch <= 'z') ||
      (ch >= 'A' && ch <= 'Z') ||
      (ch >= '0' && ch <= '9') ||
      ch === '-' ||
      ch === '_' ||
      ch === '.' ||
      (i > colon && (ch === '*' || ch === '?'));
    if (!ok) return false;
  }
  return true;
}

function isOperationName(name: string): boolean {
  if (name.length === 0) return false;
  for (const ch of name) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch === '_')) return false;
  }
  return true;
}

/**
 * The length of a leading `<Name>: ` that SDKs print before the message (`botocore.exceptions.ClientError: `,
 * `AccessDenied: `), when a known start of the message follows it; 0 otherwise.
 */
function exceptionNameLength(text: string): number {
  const colon = text.indexOf(': ');
  if (colon <= 0) return 0;
  const name = text.slice(0, colon);
  if (name.toLowerCase() === 'user') return 0;
  for (const ch of name) {
    const ok =
      (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch === '_' || ch === '.';
    if (!ok) return 0;
  }
  const after = text.slice(colon + 2);
  const known = after.startsWith(CLI_PREFIX) || after.startsWith(USER_LABEL) || after.startsWith(PREAMBLE);
  return known ? colon + 2 : 0;
}

type Mutable = { -readonly [K in keyof ParsedAccessDenied]?: ParsedAccessDenied[K] };

function readPrefixes(s: Scanner, out: Mutable): void {
  s.pos += exceptionNameLength(s.text);
  if (s.rest.startsWith(CLI_PREFIX)) {
    const start = s.pos;
    s.pos += CLI_PREFIX.length;
    const close = s.text.indexOf(')', s.pos);
    const code = close < 0 ? '' : s.text.slice(s.pos, close);
    if (!isOperationName(code)) {
      throw new Failure(
        'malformed_cli_prefix',
        'expected `An error occurred (Code) when calling the X operation: `',
        start,
      );
    }
    s.pos = close + 1;
    if (!s.eat(' when calling the ')) {
      throw new Failure(
        'malformed_cli_prefix',
        'expected ` when calling the X operation: ` after the error code',
        s.pos,
      );
    }
    const operation = s.token();
    if (!isOperationName(operation) || !s.eat(' operation: ')) {
      throw new Failure(
        'malformed_cli_prefix',
        'expected ` when calling the X operation: ` after the error code',
        s.pos,
      );
    }
    out.errorCode = code;
    out.operation = operation;
  }
  out.notAuthorizedPreamble = false;
  if (s.eat(PREAMBLE)) {
    out.notAuthorizedPreamble = true;
    s.eat(' ');
  }
}

function readEncodedTail(s: Scanner, out: Mutable): void {
  out.encodedAuthorizationMessage = false;
  if (!s.eat(` ${ENCODED}`)) return;
  out.encodedAuthorizationMessage = true;
  if (s.eat(' ')) {
    const blob = s.tokenBeforeSentenceEnd();
    if (blob.length > 0) out.encodedMessage = blob;
    s.eat('.');
  }
}

/** The Java SDK's `(Service: …; Status Code: 403; …)` suffix. */
function readSdkTail(s: Scanner): void {
  if (!s.rest.startsWith(' (Service:') || !s.rest.endsWith(')')) return;
  s.pos = s.text.length;
}

function readReason(s: Scanner, out: Mutable): void {
  if (s.eat(' with an explicit deny in ')) {
    const articleAt = s.pos;
    if (!(s.eat('a ') || s.eat('an ') || s.eat('the '))) {
      throw new Failure(
        'unknown_policy_type',
        'expected `a`, `an` or `the` and a policy type after `explicit deny in`',
        articleAt,
      );
    }
    const typeAt = s.pos;
    const found = s.typePhrase();
    if (found === undefined) {
      throw new Failure('unknown_policy_type', `unknown policy type \`${snippet(s.rest)}\``, typeAt);
    }
    out.explicit = true;
    out.policyType = found.type;
    out.trustPolicy = found.trust;
    out.policyTypePhrase = found.phrase;
    if (s.eat(' transitively through ')) {
      const throughAt = s.pos;
      if (!(s.eat('a ') || s.eat('an ') || s.eat('the '))) {
        throw new Failure(
          'unknown_policy_type',
          'expected `a`, `an` or `the` and a policy type after `through`',
          throughAt,
        );
      }
      const through = s.typePhrase();
      if (through === undefined) {
        throw new Failure('unknown_policy_type', `unknown policy type \`${snippet(s.rest)}\``, throughAt);
      }
      out.transitivelyThrough = through.type;
    }
    return;
  }
  if (s.eat(' because no ')) {
    const typeAt = s.pos;
    const found = s.typePhrase();
    if (found === undefined) {
      throw new Failure('unknown_policy_type', `unknown policy type \`${snippet(s.rest)}\``, typeAt);
    }
    if (!s.eat(' allows the ')) {
      throw new Failure(
        'unrecognized_text',
        `expected \` allows the <action> action\` at \`${snippet(s.rest)}\``,
        s.pos,
      );
    }
    const actionAt = s.pos;
    const repeated = s.token();
    if (!s.eat(' action')) {
      throw new Failure('unrecognized_text', `expected \` action\` at \`${snippet(s.rest)}\``, s.pos);
    }
    if (repeated.toLowerCase() !== (out.action ?? '').toLowerCase()) {
      throw new Failure(
        'action_mismatch',
        `the reason names action \`${snippet(repeated)}\` but the message is about \`${snippet(out.action ?? '')}\``,
        actionAt,
      );
    }
    out.explicit = false;
    out.policyType = found.type;
    out.trustPolicy = found.trust;
    out.policyTypePhrase = found.phrase;
  }
}

function readCore(s: Scanner, out: Mutable): void {
  const coreStart = s.pos;
  if (s.rest.startsWith(ENCODED)) {
    throw new Failure(
      'encoded_message_only',
      'the message carries only an encoded authorization failure message: decode it with `aws sts decode-authorization-message --encoded-message <blob>` and paste the decoded text',
      s.pos,
    );
  }
  if (!s.eat(USER_LABEL)) {
    const at = s.text.indexOf(NOT_AUTHORIZED);
    if (at < 0) {
      throw new Failure(
        'not_an_access_denied_message',
        'expected `User: <principal> is not authorized to perform: <action>`',
        s.pos,
      );
    }
    throw new Failure('unrecognized_text', `expected \`User: \` at \`${snippet(s.rest)}\``, s.pos);
  }
  const principalAt = s.pos;
  const end = s.text.indexOf(NOT_AUTHORIZED, s.pos);
  if (end < 0) {
    throw new Failure(
      'not_an_access_denied_message',
      'expected ` is not authorized to perform: ` after the principal',
      s.pos,
    );
  }
  const principal = s.text.slice(s.pos, end);
  if (principal.length === 0 || principal.includes(' ')) {
    throw new Failure('invalid_principal', `expected one principal ARN, found \`${snippet(principal)}\``, principalAt);
  }
  out.principal = principal;
  s.pos = end + NOT_AUTHORIZED.length;

  const actionAt = s.pos;
  const action = s.tokenBeforeSentenceEnd();
  if (!isActionName(action)) {
    throw new Failure(
      'invalid_action',
      `expected an action like \`service:Action\`, found \`${snippet(action)}\``,
      actionAt,
    );
  }
  out.action = action;

  out.resourceForm = 'absent';
  if (s.eat(' on resource: ')) {
    const resourceAt = s.pos;
    if (s.text.charAt(s.pos) === '"') {
      const close = s.text.indexOf('"', s.pos + 1);
      if (close < 0) throw new Failure('unterminated_quote', 'the quoted resource has no closing `"`', resourceAt);
      out.resource = s.text.slice(s.pos + 1, close);
      out.resourceForm = 'quoted';
      s.pos = close + 1;
    } else {
      out.resource = s.tokenBeforeSentenceEnd();
      out.resourceForm = 'arn';
    }
    if (out.resource.length === 0) {
      throw new Failure('unrecognized_text', 'expected a resource after `on resource: `', resourceAt);
    }
  } else if (s.eat(' on this resource')) {
    out.resourceForm = 'thisResource';
  }

  out.trustPolicy = false;
  readReason(s, out);
  if (s.rest.startsWith(': arn:')) {
    s.pos += 2;
    out.policyArn = s.tokenBeforeSentenceEnd();
  }
  out.message = s.text.slice(coreStart, s.pos);
}

/**
 * Reads an AWS AccessDenied message into the request and the reason it describes (IAM-SEMANTICS §10). It reads every
 * form of §10.2: the AWS CLI prefix `An error occurred (AccessDenied) when calling the X operation: `, EC2's
 * `You are not authorized to perform this operation.` and `Encoded authorization failure message: …`, S3's quoted
 * resources, `on this resource`, the trailing policy ARN (M-5), `the role trust policy`, `… transitively through a
 * service control policy`, line breaks and surrounding quotes from a paste. Text it cannot read is refused with a
 * stable code and the place it stopped, never guessed at. Never throws.
 *
 * @param text - the message as pasted
 * @returns `{ ok: true, value }` or `{ ok: false, error }`
 *
 * @example
 * ```ts
 * import { parseAccessDenied } from 'iam-policy-evaluator';
 *
 * const text = 'An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd';
 * const r = parseAccessDenied(text);
 * r.ok && [r.value.operation, r.value.action, r.value.policyType, r.value.explicit]; //=> ['ListRoles', 'iam:ListRoles', 'scp', true]
 * r.ok && r.value.policyArn; //=> 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd'
 * parseAccessDenied('Access Denied').ok; //=> false
 * ```
 */
export function parseAccessDenied(text: string): ParseAccessDeniedResult {
  if (typeof text !== 'string') {
    return {
      ok: false,
      error: { code: 'not_text', message: 'expected the message as text', offset: 0, line: 1, column: 1 },
    };
  }
  if (text.length > MAX_MESSAGE_LENGTH) {
    const message = `the message is ${text.length} characters long: at most ${MAX_MESSAGE_LENGTH} are read`;
    return { ok: false, error: { code: 'message_too_long', message, offset: 0, line: 1, column: 1 } };
  }
  const normalized = normalize(text);
  const scanner = new Scanner(normalized.text);
  const out: Mutable = {};
  try {
    if (normalized.text.length === 0) throw new Failure('empty_message', 'the message is empty', 0);
    readPrefixes(scanner, out);
    readCore(scanner, out);
    scanner.eat('.');
    readEncodedTail(scanner, out);
    readSdkTail(scanner);
    if (!scanner.atEnd()) {
      throw new Failure('unrecognized_text', `unexpected text \`${snippet(scanner.rest)}\``, scanner.pos);
    }
  } catch (failure) {
    if (!(failure instanceof Failure)) throw failure;
    const offset = failure.code === 'empty_message' ? 0 : (normalized.origin[failure.at] ?? text.length);
    return { ok: false, error: { code: failure.code, message: failure.message, offset, ...position(text, offset) } };
  }
  return { ok: true, value: freezeParsed(out) };
}

function freezeParsed(out: Mutable): ParsedAccessDenied {
  const value: ParsedAccessDenied = {
    principal: out.principal ?? '',
    action: out.action ?? '',
    ...(out.resource === undefined ? {} : { resource: out.resource }),
    resourceForm: out.resourceForm ?? 'absent',
    ...(out.policyType === undefined ? {} : { policyType: out.policyType }),
    trustPolicy: out.trustPolicy ?? false,
    ...(out.explicit === undefined ? {} : { explicit: out.explicit }),
    ...(out.policyTypePhrase === undefined ? {} : { policyTypePhrase: out.policyTypePhrase }),
    ...(out.transitivelyThrough === undefined ? {} : { transitivelyThrough: out.transitivelyThrough }),
    ...(out.policyArn === undefined ? {} : { policyArn: out.policyArn }),
    encodedAuthorizationMessage: out.encodedAuthorizationMessage ?? false,
    ...(out.encodedMessage === undefined ? {} : { encodedMessage: out.encodedMessage }),
    ...(out.operation === undefined ? {} : { operation: out.operation }),
    ...(out.errorCode === undefined ? {} : { errorCode: out.errorCode }),
    notAuthorizedPreamble: out.notAuthorizedPreamble ?? false,
    message: out.message ?? '',
  };
  return Object.freeze(value);
}
