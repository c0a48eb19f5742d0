// Runs anywhere. No Node, no DOM. Billing periods in a time zone, via Luxon (never hand-added offsets).
//
// A period is [start, end): it starts at the first instant of its start day in `zone` and ends at the first
// instant of the next period's start day. Both are returned as UTC ISO text, so a period in Asia/Kathmandu
// (+05:45) starts at 18:15Z the day before, and a period in America/New_York is 30 days minus or plus one hour
// long when it contains a DST change. If a zone skips midnight (e.g. America/Santiago's spring change at 24:00),
// the day starts at the first instant that exists (01:00 local).
//
// Anchors:
// - calendar: monthly periods are calendar months (1st..last day); annual periods are calendar years.
// - anchored day D (1..31): monthly periods run from day D to day D-1 of the next month (anchor 15: 15th..14th).
//   In a month shorter than D the period starts on the month's last day (anchor 31: Jan 31, Feb 28/29, Mar 31,
//   Apr 30...), so every month has exactly one period start and none is skipped.
// - annual anchored: starts each year on `month`/`day` (month defaults to January; Feb 29 -> Feb 28 in common years).
import { DateTime } from 'luxon';
import { isTimeZone } from '../domain/time-zones';
import { toEpochMs, toIsoUtc, type InstantInput } from './instant';

export type BillingInterval = 'month' | 'year';
export type BillingAnchor = { kind: 'calendar' } | { kind: 'anchored'; day: number; month?: number };

export interface PeriodSpec {
  interval: BillingInterval;
  anchor: BillingAnchor;
  /** IANA time zone: the agency's, or the client's override. */
  zone: string;
}

export interface BillingPeriod {
  /** inclusive, UTC ISO text */
  start: string;
  /** exclusive, UTC ISO text */
  end: string;
  /** "2026-10" for monthly periods (the month the period starts in), "2026" for annual ones */
  label: string;
  zone: string;
}

const MONTH_LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR_LABEL = /^(\d{4})$/;

function checkSpec(spec: PeriodSpec): void {
  if (spec.interval !== 'month' && spec.interval !== 'year') throw new Error(`Interval must be "month" or "year" (got "${String(spec.interval)}").`);
  if (typeof spec.zone !== 'string' || !isTimeZone(spec.zone)) throw new Error(`"${spec.zone}" is not an IANA time zone (e.g. Europe/London, Asia/Kolkata).`);
  if (spec.anchor.kind === 'anchored') {
    const { day, month } = spec.anchor;
    if (!Number.isInteger(day) || day < 1 || day > 31) throw new Error(`Anchor day must be a whole number from 1 to 31 (got ${day}).`);
    if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12)) {
      throw new Error(`Anchor month must be a whole number from 1 to 12 (got ${month}).`);
    }
  }
}

/** The local start day of the period that starts in (year, month) — monthly — or in year — annual. */
function startDay(spec: PeriodSpec, year: number, month: number): { year: number; month: number; day: number } {
  const a = spec.anchor;
  if (spec.interval === 'year') {
    const m = a.kind === 'anchored' ? (a.month ?? 1) : 1;
    const d = a.kind === 'anchored' ? a.day : 1;
    return { year, month: m, day: Math.min(d, daysInMonth(year, m)) };
  }
  const d = a.kind === 'anchored' ? a.day : 1;
  return { year, month, day: Math.min(d, daysInMonth(year, month)) };
}

function daysInMonth(year: number, month: number): number {
  // Calendar arithmetic only (no zone involved): the proleptic Gregorian month length.
  return DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' }).daysInMonth!;
}

/** First instant of a local calendar day in `zone`, as epoch ms. */
function startOfLocalDay(zone: string, ymd: { year: number; month: number; day: number }): number {
  const dt = DateTime.fromObject({ ...ymd, hour: 0, minute: 0, second: 0, millisecond: 0 }, { zone });
  if (!dt.isValid) throw new Error(`Cannot place ${ymd.year}-${ymd.month}-${ymd.day} in ${zone}: ${dt.invalidExplanation ?? 'invalid'}.`);
  // Luxon moves a non-existent local midnight forward by the size of the gap, which is the day's first instant.
  return dt.toMillis();
}

/** Period key: (year, month) for monthly, (year, 1) for annual. */
interface Key {
  year: number;
  month: number;
}

function shift(spec: PeriodSpec, key: Key, by: number): Key {
  if (spec.interval === 'year') return { year: key.year + by, month: 1 };
  const index = key.year * 12 + (key.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function build(spec: PeriodSpec, key: Key): BillingPeriod {
  const start = startOfLocalDay(spec.zone, startDay(spec, key.year, key.month));
  const nextKey = shift(spec, key, 1);
  const end = startOfLocalDay(spec.zone, startDay(spec, nextKey.year, nextKey.month));
  const label = spec.interval === 'year' ? String(key.year).padStart(4, '0') : `${String(key.year).padStart(4, '0')}-${String(key.month).padStart(2, '0')}`;
  return { start: toIsoUtc(start), end: toIsoUtc(end), label, zone: spec.zone };
}

/**
 * The billing period containing `instant`.
 * @example periodContaining('2026-10-20T12:00:00Z', { interval: 'month', anchor: { kind: 'anchored', day: 15 }, zone: 'UTC' })
 *   // { start: '2026-10-15T00:00:00.000Z', end: '2026-11-15T00:00:00.000Z', label: '2026-10', zone: 'UTC' }
 */
export function periodContaining(instant: InstantInput, spec: PeriodSpec): BillingPeriod {
  checkSpec(spec);
  const ms = toEpochMs(instant);
  const local = DateTime.fromMillis(ms, { zone: spec.zone });
  let key: Key = spec.interval === 'year' ? { year: local.year, month: 1 } : { year: local.year, month: local.month };
  // The period starting in the instant's own month/year may not have started yet: then it is the previous one.
  if (ms < startOfLocalDay(spec.zone, startDay(spec, key.year, key.month))) key = shift(spec, key, -1);
  return build(spec, key);
}

/**
 * The period with a label: "2026-10" (monthly: the period that starts in October 2026) or "2026" (annual).
 * @example periodByLabel('2026-02', { interval: 'month', anchor: { kind: 'anchored', day: 31 }, zone: 'UTC' })
 *   // Feb 28 .. Mar 31: { start: '2026-02-28T00:00:00.000Z', end: '2026-03-31T00:00:00.000Z', ... }
 */
export function periodByLabel(label: string, spec: PeriodSpec): BillingPeriod {
  checkSpec(spec);
  if (spec.interval === 'month') {
    const m = MONTH_LABEL.exec(label);
    if (!m) throw new Error(`"${label}" is not a monthly period label (expected YYYY-MM, e.g. 2026-10).`);
    return build(spec, { year: Number(m[1]), month: Number(m[2]) });
  }
  const y = YEAR_LABEL.exec(label);
  if (!y) throw new Error(`"${label}" is not an annual period label (expected YYYY, e.g. 2026).`);
  return build(spec, { year: Number(y[1]), month: 1 });
}

/** The period right after `period` (its start is `period.end`). */
export function nextPeriod(period: BillingPeriod, spec: PeriodSpec): BillingPeriod {
  return periodContaining(period.end, spec);
}

/** The period right before `period`. */
export function previousPeriod(period: BillingPeriod, spec: PeriodSpec): BillingPeriod {
  return periodContaining(toEpochMs(period.start) - 1, spec);
}

/** Length of a period in whole milliseconds (exact: both ends are exact instants). */
export function periodLengthMs(period: { start: string; end: string }): number {
  return toEpochMs(period.end) - toEpochMs(period.start);
}
