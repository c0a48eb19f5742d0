import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, lastDays } from './dates';
import { formatCount, formatMoney, formatQuantity, intlFormatsStringsExactly } from './numbers';
import { unitLabel } from './units';

describe('numbers', () => {
  it('formats decimal strings exactly, beyond 2^53', () => {
    expect(intlFormatsStringsExactly()).toBe(true);
    expect(formatQuantity('1234567', 'en-US')).toBe('1,234,567');
    expect(formatQuantity('12345678901234567890', 'en-US')).toBe('12,345,678,901,234,567,890');
    expect(formatQuantity('1234567', 'de-DE')).toBe('1.234.567');
  });

  it('leaves anything that is not decimal text alone', () => {
    expect(formatQuantity('1e3', 'en-US')).toBe('1e3');
    expect(formatMoney('abc', 'USD', 'en-US')).toBe('abc USD');
    expect(formatMoney('1.5', 'XYZ', 'en-US')).toBe('1.5 XYZ');
  });

  it('formats money with the currency minor unit, half away from zero', () => {
    expect(formatMoney('12.345', 'USD', 'en-US')).toBe('$12.35');
    expect(formatMoney('-12.345', 'USD', 'en-US')).toBe('-$12.35');
    expect(formatMoney('0.0069', 'USD', 'en-US')).toBe('$0.01');
    expect(formatMoney('1234.5', 'JPY', 'en-US')).toBe('¥1,235');
    expect(formatMoney('1.2345', 'KWD', 'en-US')).toBe('KWD\u00a01.235');
    expect(formatMoney('1234.5', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    // exact: a float would turn this into ...0.00
    expect(formatMoney('90071992547409.935', 'USD', 'en-US')).toBe('$90,071,992,547,409.94');
  });

  it('survives an unknown locale', () => {
    expect(formatCount(1234, 'zz-invalid-locale-tag')).toBe('1,234');
  });
});

describe('units', () => {
  it('pluralizes the last word of a unit', () => {
    expect(unitLabel('interaction', '1')).toBe('interaction');
    expect(unitLabel('interaction', '2')).toBe('interactions');
    expect(unitLabel('MB-day', '10')).toBe('MB-days');
    expect(unitLabel('seat-hour', '0')).toBe('seat-hours');
    expect(unitLabel('minutes', '3')).toBe('minutes');
  });
});

describe('dates', () => {
  it('formats in the given zone', () => {
    expect(formatDate('2026-03-01T02:00:00.000Z', 'en-US', 'America/New_York')).toBe('Feb 28, 2026');
    expect(formatDateTime('2026-03-01T02:00:00.000Z', 'en-US', 'UTC')).toBe('Mar 1, 2026, 2:00 AM');
    expect(formatDate('garbage', 'en-US', 'UTC')).toBe('garbage');
  });

  it('computes a trailing window', () => {
    expect(lastDays(new Date('2026-03-31T12:00:00.000Z'), 30)).toEqual({ from: '2026-03-01T12:00:00.000Z', to: '2026-03-31T12:00:00.000Z' });
  });
});
