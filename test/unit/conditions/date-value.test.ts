import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateValue } from '../../../src/conditions/operators/date.js';

/**
 * C-12, C-15: the date operators read the W3C profiles of ISO 8601 field by field. date-fns' `parseISO` of the same
 * value rebuilt as a full timestamp with an explicit offset (how the engine read dates before) is the oracle: both
 * give the same instant, or both refuse the value.
 */

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** What date-fns reads for a value of one of the profiles. */
function oracle(raw: string): number | undefined {
  let iso: string | undefined;
  let match = /^(\d{4})$/.exec(raw);
  if (match) iso = `${match[1]}-01-01T00:00:00Z`;
  match = /^(\d{4})-(\d{2})$/.exec(raw);
  if (match) iso = `${match[1]}-${match[2]}-01T00:00:00Z`;
  if (/^(\d{4})-(\d{2})-(\d{2})$/.test(raw)) iso = `${raw}T00:00:00Z`;
  match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  if (match) iso = `${match[1]}T${match[2]}${match[3] ?? ':00'}${match[4] ?? 'Z'}`;
  if (iso === undefined) throw new Error(`not a profile: ${raw}`);
  const ms = parseISO(iso).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

const field = (max: number, width: number): fc.Arbitrary<string> => fc.nat(max).map((n) => pad(n, width));
const year = fc.oneof(field(9999, 4), fc.constantFrom('0000', '0099', '1900', '2000', '2024', '2100'));
const timestamp = fc
  .record({
    year,
    month: field(14, 2),
    day: field(33, 2),
    hour: field(26, 2),
    minute: field(61, 2),
    seconds: fc.option(fc.tuple(field(61, 2), fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined })), {
      nil: undefined,
    }),
    zone: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), field(29, 2), field(70, 2)).map(([s, h, m]) => `${s}${h}:${m}`),
    ),
  })
  .map(({ year: y, month, day, hour, minute, seconds, zone }) => {
    const s = seconds === undefined ? '' : `:${seconds[0]}${seconds[1] === undefined ? '' : `.${seconds[1]}`}`;
    return `${y}-${month}-${day}T${hour}:${minute}${s}${zone}`;
  });
const shortForm = fc.oneof(
  year,
  fc.tuple(year, field(14, 2)).map(([y, m]) => `${y}-${m}`),
  fc.tuple(year, field(14, 2), field(33, 2)).map(([y, m, d]) => `${y}-${m}-${d}`),
);

describe('parseDateValue reads ISO 8601 as date-fns parseISO does (C-12, C-15)', () => {
  it('on random timestamps and dates, valid and not', () => {
    fc.assert(
      fc.property(fc.oneof(timestamp, shortForm), (raw) => {
        const expected = oracle(raw);
        const actual = parseDateValue(raw);
        if (expected === undefined) expect(actual.ok, raw).toBe(false);
        else expect(actual, raw).toMatchObject({ ok: true, value: expected });
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    '2024-02-29T12:00:00Z',
    '2023-02-29T12:00:00Z',
    '1900-02-29',
    '2000-02-29',
    '2020-01-01T24:00:00Z',
    '2020-01-01T24:00:01Z',
    '2020-01-01T23:59:59.999999999Z',
    '0001-01-01T00:00:00+99:59',
    '1969-12-31T23:59:59.9995Z',
    '0050-06-15',
  ])('agrees on %s', (raw) => {
    const expected = oracle(raw);
    expect(parseDateValue(raw).ok ? (parseDateValue(raw) as { value: number }).value : undefined).toBe(expected);
  });
});
