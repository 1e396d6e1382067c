import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { OperatorDefinition, ValueParseResult } from '../define-operator.js';

// W3C profiles of ISO 8601 (C-12). Each is read as a full timestamp with an explicit offset (UTC when none is
// written), so no value is ever read in the local time zone. The reading is date-fns' `parseISO` of that timestamp,
// field by field; test/unit/conditions/date-value.test.ts checks the two agree.
const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;

const DAYS_IN_MONTH = [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MS_IN_HOUR = 3_600_000;
const MS_IN_MINUTE = 60_000;

const MS_IN_DAY = 86_400_000;

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`), in exact
 * integer arithmetic: what `Date.prototype.setUTCFullYear` gives, years 0-99 included (Date.UTC reads those as
 * 1900-1999).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return year % 400 === 0 || (year % 4 === 0 && year % 100 !== 0);
}

/** The digits of `text` from `start` to `end` as a number (the callers' patterns guarantee digits). */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i += 1) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/**
 * The instant of `YYYY-MM-DD`, `hh:mm`, `:ss[.s]` and `Z`/`±hh:mm`, in milliseconds, or NaN for a day, time or
 * offset that does not exist (month 13, February 30, 25:00, 24:01, minutes of offset past 59).
 */
function instantOf(day: string, hourMinute: string, seconds: string, zone: string): number {
  const year = digits(day, 0, 4);
  const month = digits(day, 5, 7) - 1;
  const date = digits(day, 8, 10);
  const monthDays = month === 1 ? (isLeapYear(year) ? 29 : 28) : (DAYS_IN_MONTH[month] ?? 0);
  if (month < 0 || month > 11 || date < 1 || date > monthDays) return Number.NaN;
  const hours = digits(hourMinute, 0, 2);
  const minutes = digits(hourMinute, 3, 5);
  const secondsValue = seconds === '' ? 0 : Number.parseFloat(seconds.slice(1)) || 0;
  const timeValid =
    hours === 24
      ? minutes === 0 && secondsValue === 0
      : secondsValue >= 0 && secondsValue < 60 && minutes >= 0 && minutes < 60 && hours >= 0 && hours < 25;
  if (!timeValid) return Number.NaN;
  let offset = 0;
  if (zone !== 'Z') {
    const offsetMinutes = digits(zone, 4, 6);
    if (offsetMinutes > 59) return Number.NaN;
    offset = (zone.charCodeAt(0) === 43 ? -1 : 1) * (digits(zone, 1, 3) * MS_IN_HOUR + offsetMinutes * MS_IN_MINUTE);
  }
  const time = hours * MS_IN_HOUR + minutes * MS_IN_MINUTE + secondsValue * 1000;
  // As `new Date(ms)` keeps it: whole milliseconds, toward zero, and never -0.
  return Math.trunc(daysFromCivil(year, month + 1, date) * MS_IN_DAY + time + offset) + 0;
}

function instant(
  original: string,
  day: string,
  hourMinute: string,
  seconds: string,
  zone: string,
  choice?: string,
): ValueParseResult<number> {
  const ms = instantOf(day, hourMinute, seconds, zone);
  if (Number.isNaN(ms)) return { ok: false, message: `\`${original}\` is not a valid date` };
  return choice === undefined ? { ok: true, value: ms } : { ok: true, value: ms, choice };
}

/**
 * Reads a date as the date operators do, as milliseconds since the epoch (C-12, C-15):
 * - a JSON number, or a string of digits other than exactly four, is **epoch seconds** (decimals allowed; epoch
 *   milliseconds are not recognised and read as seconds);
 * - `YYYY`, `YYYY-MM`, `YYYY-MM-DD` are the start of that period, UTC;
 * - `YYYY-MM-DDThh:mm[:ss[.s]]TZD` with TZD `Z` or `±hh:mm`; without TZD the time is UTC.
 *
 * Every form but a full timestamp with TZD reports `choice: 'C-15'`.
 *
 * @example
 * ```ts
 * import { parseDateValue } from 'iam-policy-evaluator';
 * parseDateValue('2020-01-01T00:00:00Z'); //=> { ok: true, value: 1577836800000 }
 * parseDateValue(1577836800); //=> { ok: true, value: 1577836800000, choice: 'C-15' }
 * parseDateValue('2020'); //=> { ok: true, value: 1577836800000, choice: 'C-15' }
 * ```
 */
export function parseDateValue(raw: ContextScalar): ValueParseResult<number> {
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { ok: true, value: raw * 1000, choice: 'C-15' }
      : { ok: false, message: `\`${raw}\` is not a valid date` };
  }
  if (typeof raw !== 'string') return { ok: false, message: `\`${String(raw)}\` is not a date` };
  // The full timestamp first: it is what requests and most policies hold.
  let match = TIME.exec(raw);
  if (match) {
    const [, day = '', hourMinute = '', seconds = '', zone] = match;
    return instant(raw, day, hourMinute, seconds, zone ?? 'Z', zone === undefined ? 'C-15' : undefined);
  }
  match = DAY.exec(raw);
  if (match) return instant(raw, raw, '00:00', '', 'Z', 'C-15');
  match = MONTH.exec(raw);
  if (match) return instant(raw, `${match[1] ?? ''}-${match[2] ?? ''}-01`, '00:00', '', 'Z', 'C-15');
  match = YEAR.exec(raw);
  if (match) return instant(raw, `${raw}-01-01`, '00:00', '', 'Z', 'C-15');
  if (EPOCH_SECONDS.test(raw)) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return { ok: true, value: seconds * 1000, choice: 'C-15' };
  }
  return { ok: false, message: `\`${raw}\` is not a date: use ISO 8601 (\`2020-01-01T00:00:00Z\`) or epoch seconds` };
}

type DateOperatorName =
  'DateEquals' | 'DateNotEquals' | 'DateLessThan' | 'DateLessThanEquals' | 'DateGreaterThan' | 'DateGreaterThanEquals';

const SUMMARIES: Readonly<Record<DateOperatorName, string>> = {
  DateEquals: 'the value is the same instant as one listed date',
  DateNotEquals: 'the value is a different instant from every listed date',
  DateLessThan: 'the value is before one listed date',
  DateLessThanEquals: 'the value is at or before one listed date',
  DateGreaterThan: 'the value is after one listed date',
  DateGreaterThanEquals: 'the value is at or after one listed date',
};

const date = (
  name: DateOperatorName,
  compare: (request: number, policy: number) => boolean,
  positiveTwin?: string,
): OperatorDefinition<number, number> =>
  defineOperator<number, number>({
    name,
    family: 'date',
    negated: positiveTwin !== undefined,
    ...(positiveTwin !== undefined ? { positiveTwin } : {}),
    acceptsVariables: false,
    acceptsWildcards: false,
    acceptsIfExists: true,
    acceptsQualifier: true,
    comparison: 'as instants (milliseconds since the epoch), request value on the left',
    operand: 'an ISO 8601 date (W3C profile) or epoch seconds',
    summary: SUMMARIES[name],
    semantics: positiveTwin !== undefined ? ['C-2', 'C-4', 'C-12', 'C-14'] : ['C-1', 'C-4', 'C-12', 'C-14'],
    choices: ['C-15'],
    parsePolicyValue: parseDateValue,
    parseRequestValue: parseDateValue,
    test: compare,
  });

/**
 * The date operators (IAM-SEMANTICS §7.5): `DateEquals`, `DateNotEquals`, `DateLessThan`, `DateLessThanEquals`,
 * `DateGreaterThan`, `DateGreaterThanEquals`.
 *
 * @example
 * ```ts
 * import { dateOperatorFamily } from 'iam-policy-evaluator';
 * dateOperatorFamily.operators[0]?.name; //=> 'DateEquals'
 * ```
 */
export const dateOperatorFamily = defineOperatorFamily('date', 'compare instants given as ISO 8601 or epoch seconds', [
  date('DateEquals', (a, b) => a === b),
  date('DateNotEquals', (a, b) => a === b, 'DateEquals'),
  date('DateLessThan', (a, b) => a < b),
  date('DateLessThanEquals', (a, b) => a <= b),
  date('DateGreaterThan', (a, b) => a > b),
  date('DateGreaterThanEquals', (a, b) => a >= b),
]);
