import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../http/json-text';
import { ceilQuantity, currencyCode, dateToMs, decimalText, isoToMs, secondsFromMs } from './record-values';

describe('record values', () => {
  it.each([
    ['0.0075', '0.0075'],
    ['12.50', '12.5'],
    ['+5', '5'],
    ['-0.013', '-0.013'],
    ['1e-7', '0.0000001'],
    ['2.5E3', '2500'],
    [0.1, '0.1'],
    [1e-7, '0.0000001'],
    [12, '12'],
  ])('decimalText(%j) = %s', (input, out) => {
    expect(decimalText(input)).toBe(out);
  });

  it.each([['abc'], ['1,000.00'], [''], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [{}], ['0x10']])('decimalText(%j) is null', (input) => {
    expect(decimalText(input)).toBeNull();
  });

  it('prefers the JSON source text of a number over its double', () => {
    const p = parseJsonText('{"a": 0.123456789012345678901, "b": [1e-7, 0.30000000000000004]}');
    const v = p.value as { a: number; b: number[] };
    expect(decimalText(v.a, p.numberText(v, 'a'))).toBe('0.123456789012345678901');
    expect(decimalText(v.b[0], p.numberText(v.b, 0))).toBe('0.0000001');
    expect(decimalText(v.b[1], p.numberText(v.b, 1))).toBe('0.30000000000000004');
    expect(p.numberText(v, 'missing')).toBeUndefined();
  });

  it('rounds quantities up and refuses negatives', () => {
    expect(ceilQuantity('12')).toBe(12);
    expect(ceilQuantity('12.0001')).toBe(13);
    expect(ceilQuantity('-1')).toBeNull();
    expect(secondsFromMs(1)).toBe(1);
    expect(secondsFromMs(60_000)).toBe(60);
    expect(secondsFromMs(60_001)).toBe(61);
  });

  it('reads times only when they say their offset', () => {
    expect(isoToMs('2026-10-01T09:30:00Z')).toBe(Date.UTC(2026, 9, 1, 9, 30));
    expect(isoToMs('2026-10-01T11:30:00.250+02:00')).toBe(Date.UTC(2026, 9, 1, 9, 30, 0, 250));
    expect(isoToMs('2026-10-01T09:30:00')).toBeNull();
    expect(isoToMs('yesterday')).toBeNull();
    expect(dateToMs('2026-10-01')).toBe(Date.UTC(2026, 9, 1));
    expect(dateToMs('2026-13-01')).toBeNull();
    expect(currencyCode('usd')).toBe('USD');
    expect(currencyCode('US$')).toBeNull();
  });
});
