import { describe, expect, it } from 'vitest';
import { checkDays, checkDecimal, checkMoney, checkPercent, normalizeDecimal } from './money-input';

describe('normalizeDecimal', () => {
  it('reads the locale’s separators', () => {
    expect(normalizeDecimal('1,234.50', 'en-US')).toBe('1234.50');
    expect(normalizeDecimal('1.234,50', 'de-DE')).toBe('1234.50');
    expect(normalizeDecimal('1 234,5', 'fr-FR')).toBe('1234.5');
    expect(normalizeDecimal('1\u202f234,5', 'fr-FR')).toBe('1234.5');
    expect(normalizeDecimal(' 25 ', 'en-US')).toBe('25');
  });

  it('accepts a point in a comma locale unless it is shaped like grouping', () => {
    expect(normalizeDecimal('12.5', 'de-DE')).toBe('12.5');
    expect(normalizeDecimal('1.234', 'de-DE')).toBe('1234');
  });

  it('keeps signs, leading dots and exact digits (beyond 2^53)', () => {
    expect(normalizeDecimal('-0.5', 'en-US')).toBe('-0.5');
    expect(normalizeDecimal('−3', 'en-US')).toBe('-3');
    expect(normalizeDecimal('+7', 'en-US')).toBe('7');
    expect(normalizeDecimal('.5', 'en-US')).toBe('0.5');
    expect(normalizeDecimal('007', 'en-US')).toBe('7');
    expect(normalizeDecimal('12.', 'en-US')).toBe('12');
    expect(normalizeDecimal('90071992547409.935', 'en-US')).toBe('90071992547409.935');
  });

  it('refuses what is ambiguous or not a number', () => {
    for (const bad of ['', '-', 'abc', '1e3', '12,5', '1,23.4', '1.2.3', '12.5.', '$5', '0x10', '1,2345']) {
      expect(normalizeDecimal(bad, 'en-US'), bad).toBeNull();
    }
    expect(normalizeDecimal('1,2,3', 'de-DE')).toBeNull();
  });
});

describe('checks', () => {
  it('says what to type', () => {
    expect(checkDecimal('', 'en-US', { label: 'the quantity', example: '1 or 2.5' })).toEqual({ ok: false, message: 'Enter the quantity, like 1 or 2.5.' });
    expect(checkDecimal('x', 'en-US', { label: 'the quantity', example: '1' })).toEqual({ ok: false, message: 'The quantity must be a number like 1 (got "x").' });
    expect(checkDecimal('-1', 'en-US', { label: 'the quantity', example: '1' })).toEqual({ ok: false, message: 'The quantity cannot be negative.' });
    expect(checkDecimal('0', 'en-US', { label: 'the quantity', example: '1', positive: true })).toEqual({ ok: false, message: 'The quantity must be more than 0.' });
  });

  it('limits money to the currency’s minor digits', () => {
    expect(checkMoney('25.00', 'USD', 'en-US', { label: 'the amount' })).toEqual({ ok: true, value: '25.00' });
    expect(checkMoney('25.001', 'USD', 'en-US', { label: 'the amount' })).toEqual({ ok: false, message: 'The amount can have at most 2 decimals.' });
    expect(checkMoney('2500.5', 'JPY', 'en-US', { label: 'the amount' })).toEqual({ ok: false, message: 'The amount must be a whole number.' });
    expect(checkMoney('1.234', 'KWD', 'en-US', { label: 'the amount' })).toEqual({ ok: true, value: '1.234' });
    expect(checkMoney('-5', 'USD', 'en-US', { label: 'the amount', allowNegative: true })).toEqual({ ok: true, value: '-5' });
    expect(checkMoney('10', 'USD', 'en-US', { label: 'the amount', max: '9.99' })).toEqual({ ok: false, message: 'The amount can be at most 9.99.' });
  });

  it('checks percentages', () => {
    expect(checkPercent('10', 'en-US', 'the discount')).toEqual({ ok: true, value: '10' });
    expect(checkPercent('10 %', 'en-US', 'the discount')).toEqual({ ok: true, value: '10' });
    expect(checkPercent('8,875', 'de-DE', 'the rate')).toEqual({ ok: true, value: '8.875' });
    expect(checkPercent('100.5', 'en-US', 'the discount').ok).toBe(false);
    expect(checkPercent('0', 'en-US', 'the discount').ok).toBe(false);
    expect(checkPercent('0', 'en-US', 'the rate', true)).toEqual({ ok: true, value: '0' });
    expect(checkPercent('1.23456', 'en-US', 'the rate').ok).toBe(false);
  });

  it('checks payment terms', () => {
    expect(checkDays('', 'payment terms', true)).toEqual({ ok: true, value: null });
    expect(checkDays('', 'payment terms', false).ok).toBe(false);
    expect(checkDays('30', 'payment terms', false)).toEqual({ ok: true, value: 30 });
    expect(checkDays('3.5', 'payment terms', false)).toEqual({ ok: false, message: 'Payment terms must be a whole number of days, like 30.' });
    expect(checkDays('400', 'payment terms', false)).toEqual({ ok: false, message: 'Payment terms can be at most 365 days.' });
  });
});
