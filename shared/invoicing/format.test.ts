import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatPercent, formatPeriod, formatQuantity, formatQuantityWithUnit, formatUnitPrice } from './format';

const nb = '\u00a0';

describe('formatMoney', () => {
  it("prints the currency's minor digits, exactly", () => {
    expect(formatMoney('1234.50', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('1230', 'JPY', 'en-US')).toBe('¥1,230');
    expect(formatMoney('1.235', 'KWD', 'en-US')).toBe(`KWD${nb}1.235`);
    expect(formatMoney('-1234.5', 'EUR', 'de-DE')).toBe(`-1.234,50${nb}€`);
    expect(formatMoney('123456.78', 'INR', 'en-IN')).toBe('₹1,23,456.78');
    // beyond 2^53: a float would print ...408.00
    expect(formatMoney('90071992547409.93', 'USD', 'en-US')).toBe('$90,071,992,547,409.93');
    expect(formatMoney('-0.00', 'USD', 'en-US')).toBe('$0.00');
  });

  it('rounds extra digits half away from zero', () => {
    expect(formatMoney('0.125', 'USD', 'en-US')).toBe('$0.13');
    expect(formatMoney('-0.125', 'USD', 'en-US')).toBe('-$0.13');
    expect(formatMoney('1234.5', 'JPY', 'en-US')).toBe('¥1,235');
  });

  it('refuses anything that is not decimal text', () => {
    expect(() => formatMoney('1e3', 'USD', 'en-US')).toThrow(/not decimal text/);
    expect(() => formatMoney('12,50', 'EUR', 'de-DE')).toThrow(/not decimal text/);
  });

  it('survives a locale tag the runtime does not know', () => {
    expect(formatMoney('5', 'USD', 'zz-invalid-locale-tag')).toBe('$5.00');
  });
});

describe('formatUnitPrice', () => {
  it('keeps the precision the price has, at least the minor digits', () => {
    expect(formatUnitPrice('0.0125', 'USD', 'en-US')).toBe('$0.0125');
    expect(formatUnitPrice('0.35', 'USD', 'en-US')).toBe('$0.35');
    expect(formatUnitPrice('2', 'USD', 'en-US')).toBe('$2.00');
    expect(formatUnitPrice('1.5', 'JPY', 'en-US')).toBe('¥1.5');
    expect(formatUnitPrice('0.000004', 'EUR', 'fr-FR')).toBe(`0,000004${nb}€`);
    expect(formatUnitPrice('-0.35', 'USD', 'en-US')).toBe('-$0.35');
  });
});

describe('quantities, percents and dates', () => {
  it('formats quantities exactly', () => {
    expect(formatQuantity('1234567.125', 'en-US')).toBe('1,234,567.125');
    expect(formatQuantity('12345678901234567890', 'de-DE')).toBe('12.345.678.901.234.567.890');
    expect(formatQuantityWithUnit('1', 'interaction', 'en-US')).toBe('1 interaction');
    expect(formatQuantityWithUnit('1200', 'interaction', 'en-US')).toBe('1,200 interactions');
    expect(formatQuantityWithUnit('3', 'minutes', 'en-US')).toBe('3 minutes');
    expect(formatQuantityWithUnit('3', '', 'en-US')).toBe('3');
  });

  it('formats percent text', () => {
    expect(formatPercent('20', 'en-US')).toBe('20%');
    expect(formatPercent('8.875', 'en-US')).toBe('8.875%');
    expect(formatPercent('19', 'de-DE')).toBe(`19${nb}%`);
  });

  it('formats calendar days and periods without moving them across midnight', () => {
    expect(formatDate('2026-10-31', 'en-US')).toBe('Oct 31, 2026');
    expect(formatDate('2026-10-31', 'de-DE')).toBe('31.10.2026');
    expect(formatDate('not a date', 'en-US')).toBe('not a date');
    expect(formatPeriod('2026-10-01', '2026-11-01', 'en-US')).toBe('Oct 1\u2009–\u200931, 2026');
    expect(formatPeriod('2026-12-15', '2027-01-15', 'en-GB')).toBe('15 Dec 2026\u2009–\u200914 Jan 2027');
    expect(formatPeriod('2026-01-01', '2027-01-01', 'en-US')).toBe('Jan 1\u2009–\u2009Dec 31, 2026');
  });
});
