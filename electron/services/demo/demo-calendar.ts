// Runs in main. Dates and zones for the demo generator: the UTC window of generated usage and the
// calendar days of one client's time zone. All zone math comes from Luxon; nothing adds hour offsets.
import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

/** The generated period: `days` whole UTC days ending with `toDate` (inclusive). */
export interface DemoWindow {
  /** first day, YYYY-MM-DD (UTC) */
  readonly fromDate: string;
  /** last day, YYYY-MM-DD (UTC), inclusive */
  readonly toDate: string;
  readonly days: number;
  /** Unix ms of fromDate 00:00 UTC (inclusive) */
  readonly fromMs: number;
  /** Unix ms of the day after toDate, 00:00 UTC (exclusive) */
  readonly toMs: number;
}

export function demoWindow(endDate: string, days: number): DemoWindow {
  const end = DateTime.fromISO(endDate, { zone: 'utc' });
  if (!end.isValid) throw new Error(`Invalid demo end date "${endDate}"`);
  const from = end.minus({ days: days - 1 });
  return {
    fromDate: from.toISODate()!,
    toDate: end.toISODate()!,
    days,
    fromMs: from.toMillis(),
    toMs: end.plus({ days: 1 }).toMillis(),
  };
}

/** Unix ms when `date` (YYYY-MM-DD) begins in `zone` (Luxon moves a skipped midnight forward). */
function localMidnight(date: string, zone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year, month, day }, { zone }).toMillis();
}

/** Days between Luxon checkpoints; no real zone changes its offset twice within a week. */
const CHECKPOINT_DAYS = 7;

/**
 * Local midnights of consecutive `dates`. Luxon resolves every seventh one; when two checkpoints are
 * exactly seven days apart the zone kept its offset in between, and the days between are exactly 24
 * hours long. Otherwise (a DST change in that week) Luxon resolves each day of the week.
 */
function localMidnights(dates: readonly string[], zone: string): number[] {
  const out = new Array<number>(dates.length);
  for (let i = 0; i < dates.length; i += CHECKPOINT_DAYS) {
    const j = Math.min(i + CHECKPOINT_DAYS, dates.length - 1);
    out[i] ??= localMidnight(dates[i]!, zone);
    out[j] ??= localMidnight(dates[j]!, zone);
    const steady = out[j]! - out[i]! === (j - i) * DAY_MS;
    for (let k = i + 1; k < j; k++) out[k] = steady ? out[i]! + (k - i) * DAY_MS : localMidnight(dates[k]!, zone);
  }
  return out;
}

export const inWindow = (w: DemoWindow, ms: number) => ms >= w.fromMs && ms < w.toMs;

/** UTC date (YYYY-MM-DD) of an instant. */
export const utcDate = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC days of the window, with each day's midnight in Unix ms. */
export function utcDays(w: DemoWindow): Array<{ date: string; startMs: number; daysBeforeEnd: number }> {
  const out = [];
  for (let i = 0; i < w.days; i++) {
    const startMs = w.fromMs + i * DAY_MS; // UTC has no offsets to change
    out.push({ date: new Date(startMs).toISOString().slice(0, 10), startMs, daysBeforeEnd: w.days - 1 - i });
  }
  return out;
}

/** One calendar day in a client's zone. */
export interface LocalDay {
  readonly date: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday */
  readonly weekday: number;
  /** 0 on the window's last date, 1 the day before... (negative after it) */
  readonly daysBeforeEnd: number;
  /** Unix ms of this day's local midnight, and of the next day's */
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Calendar days of `zone` covering the UTC window: one day either side of it, since a zone ahead of
 * UTC starts its day before the UTC day does and one behind ends it after. Events that fall outside
 * the window are dropped by the generators, so the window's edges stay exact.
 */
export class ZoneCalendar {
  readonly days: readonly LocalDay[];
  /** resolved instants of wall-clock minutes on DST-change days, by date then minute of the day */
  private readonly dstMinutes = new Map<string, Map<number, number>>();

  constructor(
    readonly zone: string,
    window: DemoWindow,
  ) {
    if (!IANAZone.isValidZone(zone)) throw new Error(`Invalid time zone "${zone}"`);
    // calendar dates and weekdays are the same in every zone; only the instants of midnight differ
    const lastDay = Date.parse(`${window.toDate}T00:00:00Z`);
    const dates: string[] = [];
    for (let back = window.days; back >= -2; back--) dates.push(new Date(lastDay - back * DAY_MS).toISOString().slice(0, 10));
    const midnights = localMidnights(dates, zone);
    const days: LocalDay[] = [];
    for (let i = 0; i < dates.length - 1; i++) {
      const date = dates[i]!;
      days.push({
        date,
        weekday: ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1,
        daysBeforeEnd: window.days - i,
        startMs: midnights[i]!,
        endMs: midnights[i + 1]!,
      });
    }
    this.days = days;
  }

  /**
   * Unix ms of a local wall-clock time (milliseconds after midnight) on `day`. On a day of 24 hours
   * the zone's offset is constant, so the instant is the day's Luxon-computed midnight plus the
   * elapsed time. On a DST-change day Luxon resolves each wall-clock minute (a skipped time moves
   * forward; a repeated one gets one of its two instants); offsets only change on whole minutes.
   */
  toUtcMs(day: LocalDay, msOfDay: number): number {
    if (day.endMs - day.startMs === DAY_MS) return day.startMs + msOfDay;
    const minuteOfDay = Math.floor(msOfDay / 60_000);
    let minutes = this.dstMinutes.get(day.date);
    if (!minutes) this.dstMinutes.set(day.date, (minutes = new Map()));
    let minuteStart = minutes.get(minuteOfDay);
    if (minuteStart === undefined) {
      const [year, month, d] = day.date.split('-').map(Number) as [number, number, number];
      const hour = Math.floor(minuteOfDay / 60);
      const minute = minuteOfDay % 60;
      minuteStart = DateTime.fromObject({ year, month, day: d, hour, minute }, { zone: this.zone }).toMillis();
      minutes.set(minuteOfDay, minuteStart);
    }
    return minuteStart + (msOfDay % 60_000);
  }

  /** The local day and hour (0-23) an instant falls in, or undefined outside the calendar. */
  localHour(ms: number): { day: LocalDay; hour: number } | undefined {
    const day = this.days.find((d) => ms >= d.startMs && ms < d.endMs);
    if (!day) return undefined;
    if (day.endMs - day.startMs === DAY_MS) return { day, hour: Math.floor((ms - day.startMs) / 3_600_000) };
    return { day, hour: DateTime.fromMillis(ms, { zone: this.zone }).hour };
  }
}
