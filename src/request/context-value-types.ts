import { GLOBAL_CONDITION_KEYS } from '../conditions/context-keys.js';
import { parseBoolValue } from '../conditions/operators/bool.js';
import { parseDateValue } from '../conditions/operators/date.js';
import { parseIpAddress } from '../conditions/operators/ip-address.js';
import { parseNumericValue } from '../conditions/operators/numeric.js';
import type { ValueParseResult } from '../conditions/define-operator.js';
import type { ContextScalar } from '../model/request.js';

/**
 * The global condition keys as the request check reads them (RV-4, RV-5): which have a type, how a value of that type
 * is read, and the tag prefixes a key may start with.
 */

/** How a value of a global key of known type is read (RV-4): the operator family's own request-side reader. */
type ValueReader = (raw: ContextScalar) => ValueParseResult<unknown>;

/** A typed key: its type in words, a cheap test of the common spellings, and the reader that decides the rest. */
export interface TypedKey {
  readonly type: string;
  /** True only for values the reader accepts (test/property checks it), so most requests never run the reader. */
  readonly plainlyReadable: (raw: ContextScalar) => boolean;
  readonly read: ValueReader;
}

export const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** `a.b.c.d`, each 0–255 in decimal without a leading zero: four-part decimal IPv4 (C-21). */
function plainIpv4(raw: ContextScalar): boolean {
  if (typeof raw !== 'string' || raw.length < 7 || raw.length > 15) return false;
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= raw.length; i += 1) {
    const code = i === raw.length ? 0x2e : raw.charCodeAt(i);
    if (code === 0x2e) {
      if (digits === 0 || value > 255) return false;
      parts += 1;
      value = 0;
      digits = 0;
      continue;
    }
    if (!isDigit(code) || (digits === 1 && value === 0)) return false;
    value = value * 10 + (code - 0x30);
    digits += 1;
  }
  return parts === 4;
}

function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 0x30);
  }
  return value;
}

/** `YYYY-MM-DDThh:mm:ssZ` with a day every month has, or a finite number (epoch seconds, C-15). */
function plainDate(raw: ContextScalar): boolean {
  if (typeof raw === 'number') return Number.isFinite(raw);
  if (typeof raw !== 'string' || raw.length !== 20) return false;
  const [year, month, day, hour, minute, second] = [
    digitsAt(raw, 0, 4),
    digitsAt(raw, 5, 2),
    digitsAt(raw, 8, 2),
    digitsAt(raw, 11, 2),
    digitsAt(raw, 14, 2),
    digitsAt(raw, 17, 2),
  ] as const;
  return (
    raw[4] === '-' &&
    raw[7] === '-' &&
    raw[10] === 'T' &&
    raw[13] === ':' &&
    raw[16] === ':' &&
    raw[19] === 'Z' &&
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 28 &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

const plainBool = (raw: ContextScalar): boolean => typeof raw === 'boolean' || raw === 'true' || raw === 'false';
const plainNumber = (raw: ContextScalar): boolean => typeof raw === 'number' && Number.isFinite(raw);

/** `arn:partition:service:region:account:resource`, partition and service not empty. */
export function isArn(raw: ContextScalar): boolean {
  if (typeof raw !== 'string' || !raw.startsWith('arn:')) return false;
  const partitionEnd = raw.indexOf(':', 4);
  if (partitionEnd <= 4) return false;
  const serviceEnd = raw.indexOf(':', partitionEnd + 1);
  if (serviceEnd <= partitionEnd + 1) return false;
  const regionEnd = raw.indexOf(':', serviceEnd + 1);
  return regionEnd > 0 && raw.indexOf(':', regionEnd + 1) > 0;
}

/** The ARN keys' reader. */
function readArn(raw: ContextScalar): ValueParseResult<string> {
  return isArn(raw)
    ? { ok: true, value: raw as string }
    : { ok: false, message: `\`${String(raw)}\` is not an ARN (\`arn:partition:service:region:account:resource\`)` };
}

const IP: TypedKey = { type: 'an ip address', plainlyReadable: plainIpv4, read: parseIpAddress };
const BOOL: TypedKey = { type: 'a boolean', plainlyReadable: plainBool, read: parseBoolValue };
const DATE: TypedKey = { type: 'a date', plainlyReadable: plainDate, read: parseDateValue };
const NUMBER: TypedKey = { type: 'a number', plainlyReadable: plainNumber, read: parseNumericValue };
const ARN: TypedKey = { type: 'an ARN', plainlyReadable: isArn, read: readArn };

/**
 * Every global key by lower-cased name: its type when it has one, `null` for string keys. Tag-style prefixes
 * (`aws:PrincipalTag/`) are apart, in {@link GLOBAL_PREFIXES}.
 */
export const GLOBAL_KEYS: ReadonlyMap<string, TypedKey | null> = new Map(
  GLOBAL_CONDITION_KEYS.filter((key) => !key.key.endsWith('/')).map((key) => {
    const families = key.families;
    const typed = families.includes('ip')
      ? IP
      : families.includes('bool')
        ? BOOL
        : families.includes('date')
          ? DATE
          : families.includes('numeric')
            ? NUMBER
            : families.includes('arn')
              ? ARN
              : null;
    return [key.key.toLowerCase(), typed] as const;
  }),
);
/** The typed reading of a global key, by lower-cased name (for the tests of its quick acceptance). */
export function typedGlobalKey(lower: string): TypedKey | undefined {
  return GLOBAL_KEYS.get(lower) ?? undefined;
}

export const GLOBAL_PREFIXES: readonly string[] = GLOBAL_CONDITION_KEYS.filter((key) => key.key.endsWith('/')).map(
  (key) => key.key.toLowerCase(),
);
