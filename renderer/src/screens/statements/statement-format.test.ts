import { describe, expect, it } from 'vitest';
import { dateIn, dayBefore, decimalsOf, formatCalendarDate, formatPrice, isNegative, lastInstantBefore, lineMargin, monthLabelIn, parsePeriodLabel, periodLabelText, shiftPeriod } from './statement-format';

describe('formatPrice', () => {
  it('shows the precision a price needs, never less than the currency minor unit', () => {
    expect(formatPrice('0.0069', 'USD', 'en-US')).toBe('$0.0069');
    expect(formatPrice('6', 'USD', 'en-US')).toBe('$6.00');
    expect(formatPrice('0.35', 'USD', 'en-US')).toBe('$0.35');
    expect(formatPrice('0.000000123456789012', 'USD', 'en-US')).toBe('$0.000000123456789012');
    expect(formatPrice('1000', 'JPY', 'ja-JP')).toBe('￥1,000');
    expect(formatPrice('0.5', 'JPY', 'en-US')).toBe('¥0.5');
    expect(formatPrice('1.2345', 'KWD', 'en-US')).toMatch(/^KWD\s1\.2345$/);
  });

  it('falls back to text for anything that is not decimal text', () => {
    expect(formatPrice('abc', 'USD', 'en-US')).toBe('abc USD');
  });

  it('counts significant decimals', () => {
    expect(decimalsOf('0.00690')).toBe(4);
    expect(decimalsOf('12')).toBe(0);
  });
});

describe('margins', () => {
  it('subtracts exactly', () => {
    expect(lineMargin('175.00', '52.123456')).toBe('122.876544');
    expect(lineMargin('0.00', '0.1')).toBe('-0.1');
    expect(isNegative('-0.1')).toBe(true);
    expect(isNegative('0')).toBe(false);
  });
});

describe('periods', () => {
  it('parses labels from the address bar', () => {
    expect(parsePeriodLabel('2026-10')).toBe('2026-10');
    expect(parsePeriodLabel('2026')).toBe('2026');
    expect(parsePeriodLabel('2026-13')).toBeNull();
    expect(parsePeriodLabel(null)).toBeNull();
  });

  it('steps months across years, and years', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-10', -13)).toBe('2025-09');
    expect(shiftPeriod('2026', 1)).toBe('2027');
  });

  it('reads the month of an instant in a zone', () => {
    expect(monthLabelIn(new Date('2026-11-01T02:00:00Z'), 'America/New_York')).toBe('2026-10');
    expect(monthLabelIn(new Date('2026-11-01T02:00:00Z'), 'UTC')).toBe('2026-11');
  });

  it('reads the calendar day of an instant in a zone, and formats calendar days', () => {
    expect(dateIn(new Date('2026-11-01T02:00:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(formatCalendarDate('2026-10-01', 'en-US')).toBe('Oct 1, 2026');
    expect(formatCalendarDate('bad', 'en-US')).toBe('bad');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
  });

  it('names the month and finds the last day of a period', () => {
    expect(periodLabelText('2026-10', 'en-US')).toBe('October 2026');
    expect(lastInstantBefore('2026-11-01T04:00:00.000Z')).toBe('2026-11-01T03:59:59.999Z');
  });
});
