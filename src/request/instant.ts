/**
 * The `now` option as an instant, without the clock (TEAM.md purity: no `Date` in the engine).
 * Converts between epoch milliseconds and ISO 8601 UTC text with the civil-calendar algorithms of H. Hinnant.
 */

/** A point in time: ISO 8601 text with a time zone (or a date alone, midnight UTC), epoch milliseconds, or a `Date`. */
export type InstantInput = string | number | { getTime(): number };

const MS_PER_DAY = 86_400_000;

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): readonly [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

function invalidNow(text: string): TypeError {
  return new TypeError(
    `invalid \`now\` option \`${text}\`: expected ISO 8601 text such as \`2024-05-01T12:00:00Z\`, epoch milliseconds or a date`,
  );
}

/** Reads the `now` option as epoch milliseconds. @throws TypeError for text that is not an ISO 8601 instant. */
export function instantToEpochMillis(now: InstantInput): number {
  if (typeof now === 'number') {
    if (!Number.isFinite(now)) throw invalidNow(String(now));
    return now;
  }
  if (typeof now !== 'string') return instantToEpochMillis(now.getTime());
  const match = ISO_INSTANT.exec(now);
  if (match === null) throw invalidNow(now);
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) throw invalidNow(now);
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Renders epoch milliseconds as `YYYY-MM-DDThh:mm:ssZ`, the form of `aws:CurrentTime`. */
export function epochMillisToIso(epochMillis: number): string {
  const days = Math.floor(epochMillis / MS_PER_DAY);
  const [year, month, day] = civilFromDays(days);
  const secondsOfDay = Math.floor((epochMillis - days * MS_PER_DAY) / 1000);
  const hour = Math.floor(secondsOfDay / 3600);
  const minute = Math.floor((secondsOfDay % 3600) / 60);
  const second = secondsOfDay % 60;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}Z`;
}
