import { parseISO } from 'date-fns/parseISO';
import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { OperatorDefinition, ValueParseResult } from '../define-operator.js';

// W3C profiles of ISO 8601 (C-12). Each is rebuilt as a full timestamp with an explicit offset before date-fns reads
// it, so no value is ever read in the local time zone.
const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;

function instant(iso: string, original: string, choice?: string): ValueParseResult<number> {
  const ms = parseISO(iso).getTime();
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
  let match = YEAR.exec(raw);
  if (match) return instant(`${match[1]}-01-01T00:00:00Z`, raw, 'C-15');
  match = MONTH.exec(raw);
  if (match) return instant(`${match[1]}-${match[2]}-01T00:00:00Z`, raw, 'C-15');
  match = DAY.exec(raw);
  if (match) return instant(`${raw}T00:00:00Z`, raw, 'C-15');
  match = TIME.exec(raw);
  if (match) {
    const [, day, hourMinute, seconds, zone] = match;
    const iso = `${day}T${hourMinute}${seconds ?? ':00'}${zone ?? 'Z'}`;
    return instant(iso, raw, zone === undefined ? 'C-15' : undefined);
  }
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
