// Runs under Node (vitest). Local days and wall-clock times agree with Luxon in zones with DST,
// half- and quarter-hour offsets, and half-hour DST shifts.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneCalendar, demoWindow, utcDays } from './demo-calendar';

const ZONES = ['America/Los_Angeles', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu', 'Asia/Kolkata', 'Africa/Casablanca', 'Australia/Lord_Howe'];
const WINDOWS: Array<[string, number]> = [
  ['2026-10-31', 90],
  ['2026-04-05', 45],
  ['2025-03-31', 60],
];

describe('demoWindow', () => {
  it('covers `days` whole UTC days ending with the end date', () => {
    const w = demoWindow('2026-10-31', 90);
    expect(w).toMatchObject({ fromDate: '2026-08-03', toDate: '2026-10-31', days: 90 });
    expect(w.fromMs).toBe(Date.parse('2026-08-03T00:00:00Z'));
    expect(w.toMs).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(utcDays(w)).toHaveLength(90);
    expect(demoWindow('2024-03-01', 1)).toMatchObject({ fromDate: '2024-03-01', toDate: '2024-03-01' });
  });
});

describe('ZoneCalendar', () => {
  for (const zone of ZONES) {
    it(`matches Luxon in ${zone}`, () => {
      for (const [end, days] of WINDOWS) {
        const window = demoWindow(end, days);
        const cal = new ZoneCalendar(zone, window);
        expect(cal.days).toHaveLength(days + 2);
        expect(cal.days[0]!.startMs).toBeLessThanOrEqual(window.fromMs);
        expect(cal.days.at(-1)!.endMs).toBeGreaterThanOrEqual(window.toMs);
        const mismatches: string[] = [];
        cal.days.forEach((d, i) => {
          const [year, month, day] = d.date.split('-').map(Number) as [number, number, number];
          const midnight = DateTime.fromObject({ year, month, day }, { zone });
          if (midnight.toMillis() !== d.startMs || midnight.weekday !== d.weekday) mismatches.push(`${d.date} start`);
          if (i > 0 && cal.days[i - 1]!.endMs !== d.startMs) mismatches.push(`${d.date} gap`);
          for (const [hour, minute, second] of [[0, 0, 0], [1, 30, 0], [2, 15, 30], [3, 0, 0], [12, 0, 1], [23, 59, 59]] as const) {
            const expected = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis();
            if (cal.toUtcMs(d, ((hour * 60 + minute) * 60 + second) * 1000) !== expected) mismatches.push(`${d.date} ${hour}:${minute}:${second}`);
          }
          const local = cal.localHour(d.startMs + 3_600_000 * 5);
          if (!local || local.day.date !== d.date) mismatches.push(`${d.date} localHour`);
        });
        expect(mismatches).toEqual([]);
      }
    });
  }
});
