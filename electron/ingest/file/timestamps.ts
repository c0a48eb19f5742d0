// Runs in main. Reading the occurred-at cell into Unix milliseconds (UTC), per the mapping's timestamp
// format and time zone. Local times are resolved with Luxon's tz rules, never with hand-added offsets:
// a local time that does not exist (skipped by a DST change) moves forward by the gap, an ambiguous one
// (repeated by a DST change) takes the earlier offset, as Luxon does.
import { DateTime } from 'luxon';
import type { TimestampFormat } from '../../../shared/domain/import-mapping';
import type { Parsed } from './values';

/** Timestamps outside [1990, 2100) are refused: they are almost always the wrong unit or format. */
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

const ISO_EXAMPLE = '2026-03-08T14:30:00Z or 2026-03-08 14:30:00';

/** Returns a parser for one format; `timeZone` is used for values without an offset (ignored by unix formats). */
export function timestampParser(format: TimestampFormat, timeZone: string | undefined): (text: string) => Parsed<number> {
  const zone = timeZone ?? 'UTC';
  switch (format) {
    case 'iso':
      return (text) => plausible(text, parseIso(text, zone), 'iso');
    case 'date':
      return dateParser(zone);
    case 'unix':
      return (text) => plausible(text, parseUnix(text, 1000), 'unix');
    case 'unix_ms':
      return (text) => plausible(text, parseUnix(text, 1), 'unix_ms');
    default:
      return (text) => {
        const dt = DateTime.fromFormat(text, format, { zone });
        const ms = dt.isValid ? dt.toMillis() : null;
        return plausible(text, ms === null ? fail(text, `a date in the format "${format}"`) : { ok: true, value: ms }, format);
      };
  }
}

function fail(text: string, what: string, hint?: string): Parsed<never> {
  return { ok: false, error: `date "${text}" is not ${what}${hint === undefined ? '' : ` (${hint})`}` };
}

function plausible(text: string, parsed: Parsed<number>, format: string): Parsed<number> {
  if (!parsed.ok || (parsed.value >= MIN_MS && parsed.value < MAX_MS)) return parsed;
  const at = new Date(parsed.value);
  const year = at.getUTCFullYear();
  const when = Number.isNaN(year) || year < 0 || year > 9999 ? 'far outside 1990–2099' : `${at.toISOString().slice(0, 10)}, outside 1990–2099`;
  const hint =
    format === 'unix' && parsed.value >= MAX_MS
      ? '; if it counts milliseconds, choose the unix_ms format'
      : format === 'unix_ms' && parsed.value < MIN_MS
        ? '; if it counts seconds, choose the unix format'
        : '; check the timestamp format';
  return { ok: false, error: `date "${text}" reads as ${when}${hint}` };
}

// 2026-03-08T14:30, 2026-03-08 14:30:05.123, ...Z, ...+05:45, ...-0500
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(text: string, zone: string): Parsed<number> {
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) {
    // Date-only and the rarer ISO shapes (week dates, ordinal dates, basic format) go through Luxon.
    const dt = DateTime.fromISO(text, { zone });
    if (dt.isValid) return { ok: true, value: dt.toMillis() };
    return fail(text, 'a valid iso timestamp', `expected e.g. ${ISO_EXAMPLE}; for other layouts set a custom format such as dd/MM/yyyy HH:mm`);
  }
  const [, y, mo, d, h, mi, s = '0', frac = '', offset] = m;
  const fields = { year: +y!, month: +mo!, day: +d!, hour: +h!, minute: +mi!, second: +s, millisecond: +frac.padEnd(3, '0').slice(0, 3) };
  if (!validFields(fields)) return fail(text, 'a valid iso timestamp', 'no such date or time');
  if (offset === undefined) {
    const dt = DateTime.fromObject(fields, { zone });
    return dt.isValid ? { ok: true, value: dt.toMillis() } : fail(text, 'a valid iso timestamp', `not a time in ${zone}`);
  }
  const minutes = offsetMinutes(offset);
  if (minutes === null) return fail(text, 'a valid iso timestamp', `${offset} is not a UTC offset; offsets run from -12:00 to +14:00`);
  const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  return { ok: true, value: utc - minutes * 60_000 };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validFields(f: { year: number; month: number; day: number; hour: number; minute: number; second: number }): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  const leap = f.year % 4 === 0 && (f.year % 100 !== 0 || f.year % 400 === 0);
  return f.day <= (f.month === 2 && leap ? 29 : DAYS_IN_MONTH[f.month - 1]!);
}

/** The offset in minutes, or null when no zone has it (a minute part over 59, beyond -12:00 or +14:00). */
function offsetMinutes(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(2, 4) || '0');
  const total = sign * (Number(digits.slice(0, 2)) * 60 + minutes);
  return minutes > 59 || total < -12 * 60 || total > 14 * 60 ? null : total;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_CACHE_LIMIT = 4096;

/** `YYYY-MM-DD` -> the start of that day in `zone`. Usage files repeat dates a lot, so results are cached. */
function dateParser(zone: string): (text: string) => Parsed<number> {
  const cache = new Map<string, Parsed<number>>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const m = DATE_ONLY.exec(text);
    let result: Parsed<number>;
    if (m === null) {
      result = fail(text, 'a valid date', 'expected YYYY-MM-DD, e.g. 2026-03-08');
    } else {
      const dt = DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone }).startOf('day');
      result = dt.isValid ? plausible(text, { ok: true, value: dt.toMillis() }, 'date') : fail(text, 'a valid date', 'no such day');
    }
    if (cache.size >= DATE_CACHE_LIMIT) cache.clear();
    cache.set(text, result);
    return result;
  };
}

const UNIX = /^(\d{1,16})(?:\.(\d+))?$/;

function parseUnix(text: string, msPerUnit: 1 | 1000): Parsed<number> {
  const m = UNIX.exec(text);
  if (m === null) {
    const what = msPerUnit === 1000 ? 'a unix timestamp in seconds' : 'a unix timestamp in milliseconds';
    return fail(text, what, text.startsWith('-') ? 'negative' : 'expected digits only, e.g. 1772928000');
  }
  const whole = Number(m[1]) * msPerUnit;
  const fraction = msPerUnit === 1000 ? Number((m[2] ?? '').padEnd(3, '0').slice(0, 3)) : 0;
  return { ok: true, value: whole + fraction };
}
