import { describe, expect, it } from 'vitest';
import { nextPeriod, periodByLabel, periodContaining, periodLengthMs, previousPeriod, type PeriodSpec } from './billing-period';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const monthly = (zone: string, anchor: PeriodSpec['anchor'] = { kind: 'calendar' }): PeriodSpec => ({ interval: 'month', anchor, zone });

describe('calendar months', () => {
  it('UTC October 2026', () => {
    expect(periodByLabel('2026-10', monthly('UTC'))).toEqual({
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
      label: '2026-10',
      zone: 'UTC',
    });
  });

  it('America/New_York, March 2026: DST starts Mar 8, the month is one hour short', () => {
    const p = periodByLabel('2026-03', monthly('America/New_York'));
    expect(p.start).toBe('2026-03-01T05:00:00.000Z'); // 00:00 EST (-05:00)
    expect(p.end).toBe('2026-04-01T04:00:00.000Z'); // 00:00 EDT (-04:00)
    expect(periodLengthMs(p)).toBe(31 * DAY - HOUR);
  });

  it('America/New_York, November 2026: DST ends Nov 1, the month is one hour long', () => {
    const p = periodByLabel('2026-11', monthly('America/New_York'));
    expect(p.start).toBe('2026-11-01T04:00:00.000Z');
    expect(p.end).toBe('2026-12-01T05:00:00.000Z');
    expect(periodLengthMs(p)).toBe(30 * DAY + HOUR);
    // 01:30 on Nov 1 happens twice; both belong to November.
    expect(periodContaining('2026-11-01T05:30:00Z', monthly('America/New_York')).label).toBe('2026-11');
    expect(periodContaining('2026-11-01T06:30:00Z', monthly('America/New_York')).label).toBe('2026-11');
    // 23:59 EDT on Oct 31 is still October.
    expect(periodContaining('2026-11-01T03:59:59.999Z', monthly('America/New_York')).label).toBe('2026-10');
  });

  it('Asia/Kolkata (+05:30)', () => {
    const p = periodByLabel('2026-10', monthly('Asia/Kolkata'));
    expect(p.start).toBe('2026-09-30T18:30:00.000Z');
    expect(p.end).toBe('2026-10-31T18:30:00.000Z');
    expect(periodContaining('2026-09-30T18:29:59.999Z', monthly('Asia/Kolkata')).label).toBe('2026-09');
    expect(periodContaining('2026-09-30T18:30:00.000Z', monthly('Asia/Kolkata')).label).toBe('2026-10');
  });

  it('Asia/Kathmandu (+05:45)', () => {
    const p = periodByLabel('2026-10', monthly('Asia/Kathmandu'));
    expect(p.start).toBe('2026-09-30T18:15:00.000Z');
    expect(p.end).toBe('2026-10-31T18:15:00.000Z');
    expect(periodContaining('2026-10-31T18:14:00Z', monthly('Asia/Kathmandu')).label).toBe('2026-10');
    expect(periodContaining('2026-10-31T18:15:00Z', monthly('Asia/Kathmandu')).label).toBe('2026-11');
  });

  it('Australia/Lord_Howe: half-hour DST (+10:30 / +11:00)', () => {
    const oct = periodByLabel('2026-10', monthly('Australia/Lord_Howe'));
    expect(oct.start).toBe('2026-09-30T13:30:00.000Z'); // +10:30
    expect(oct.end).toBe('2026-10-31T13:00:00.000Z'); // +11:00 after Oct 4
    expect(periodLengthMs(oct)).toBe(31 * DAY - HOUR / 2);
    const apr = periodByLabel('2026-04', monthly('Australia/Lord_Howe'));
    expect(apr.start).toBe('2026-03-31T13:00:00.000Z');
    expect(apr.end).toBe('2026-04-30T13:30:00.000Z');
    expect(periodLengthMs(apr)).toBe(30 * DAY + HOUR / 2);
  });

  it('America/Santiago: midnight does not exist on 2026-09-06, the period starts at 01:00 local', () => {
    const spec = monthly('America/Santiago', { kind: 'anchored', day: 6 });
    const p = periodByLabel('2026-09', spec);
    expect(p.start).toBe('2026-09-06T04:00:00.000Z');
    expect(p.end).toBe('2026-10-06T03:00:00.000Z');
    expect(periodContaining('2026-09-06T03:59:59.999Z', spec).label).toBe('2026-08');
  });
});

describe('anchored months', () => {
  const a15 = monthly('UTC', { kind: 'anchored', day: 15 });
  it('anchor 15 -> 15th to 14th (reference/002: "from the fifteenth of one month to the fourteenth of the next")', () => {
    expect(periodByLabel('2026-10', a15)).toMatchObject({ start: '2026-10-15T00:00:00.000Z', end: '2026-11-15T00:00:00.000Z' });
    expect(periodContaining('2026-11-14T23:59:59.999Z', a15).label).toBe('2026-10');
    expect(periodContaining('2026-11-15T00:00:00Z', a15).label).toBe('2026-11');
    expect(periodContaining('2026-01-03T00:00:00Z', a15)).toMatchObject({ label: '2025-12', start: '2025-12-15T00:00:00.000Z' });
  });

  it('anchor 31 -> last day of short months', () => {
    const a31 = monthly('UTC', { kind: 'anchored', day: 31 });
    expect(periodByLabel('2026-01', a31)).toMatchObject({ start: '2026-01-31T00:00:00.000Z', end: '2026-02-28T00:00:00.000Z' });
    expect(periodByLabel('2026-02', a31)).toMatchObject({ start: '2026-02-28T00:00:00.000Z', end: '2026-03-31T00:00:00.000Z' });
    expect(periodByLabel('2026-04', a31)).toMatchObject({ start: '2026-04-30T00:00:00.000Z', end: '2026-05-31T00:00:00.000Z' });
    expect(periodByLabel('2028-02', a31)).toMatchObject({ start: '2028-02-29T00:00:00.000Z', end: '2028-03-31T00:00:00.000Z' });
    expect(periodContaining('2026-03-30T12:00:00Z', a31).label).toBe('2026-02');
  });

  it('anchor 31 in Asia/Kolkata', () => {
    const p = periodByLabel('2026-02', monthly('Asia/Kolkata', { kind: 'anchored', day: 31 }));
    expect(p).toMatchObject({ start: '2026-02-27T18:30:00.000Z', end: '2026-03-30T18:30:00.000Z' });
  });

  it('consecutive periods tile time with no gap and no overlap, for a whole year, in every tricky zone', () => {
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Santiago']) {
      for (const day of [1, 15, 29, 31]) {
        const spec = monthly(zone, { kind: 'anchored', day });
        let p = periodByLabel('2026-01', spec);
        for (let i = 0; i < 14; i++) {
          const n = nextPeriod(p, spec);
          expect(n.start).toBe(p.end);
          expect(previousPeriod(n, spec)).toEqual(p);
          expect(periodContaining(n.start, spec)).toEqual(n);
          p = n;
        }
      }
    }
  });
});

describe('annual periods', () => {
  it('calendar year in America/New_York', () => {
    const p = periodByLabel('2026', { interval: 'year', anchor: { kind: 'calendar' }, zone: 'America/New_York' });
    expect(p).toEqual({ start: '2026-01-01T05:00:00.000Z', end: '2027-01-01T05:00:00.000Z', label: '2026', zone: 'America/New_York' });
  });

  it('anchored on March 15 in Asia/Kathmandu', () => {
    const spec: PeriodSpec = { interval: 'year', anchor: { kind: 'anchored', day: 15, month: 3 }, zone: 'Asia/Kathmandu' };
    expect(periodContaining('2026-02-01T00:00:00Z', spec)).toMatchObject({ label: '2025', start: '2025-03-14T18:15:00.000Z', end: '2026-03-14T18:15:00.000Z' });
  });

  it('anchored on February 29 falls back to February 28 in common years', () => {
    const spec: PeriodSpec = { interval: 'year', anchor: { kind: 'anchored', day: 29, month: 2 }, zone: 'UTC' };
    expect(periodByLabel('2027', spec)).toMatchObject({ start: '2027-02-28T00:00:00.000Z', end: '2028-02-29T00:00:00.000Z' });
  });
});

describe('bad input', () => {
  it('refuses unknown zones, bad anchors, bad labels and zone-less instants', () => {
    expect(() => periodByLabel('2026-10', monthly('Mars/Olympus'))).toThrow('"Mars/Olympus" is not an IANA time zone');
    expect(() => periodByLabel('2026-10', monthly('UTC', { kind: 'anchored', day: 32 }))).toThrow('Anchor day must be a whole number from 1 to 31 (got 32)');
    expect(() => periodByLabel('2026-13', monthly('UTC'))).toThrow('expected YYYY-MM');
    expect(() => periodContaining('2026-10-01T00:00:00', monthly('UTC'))).toThrow('with a zone');
  });
});
