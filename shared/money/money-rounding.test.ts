import { describe, expect, it } from 'vitest';
import { currencyInfo, isCurrencyCode } from '../domain/currencies';
import { dec, decText, isDecimalText, moneyText, roundMoney, sum, toMinorUnits } from './decimal';

describe('currencies (ISO 4217 exponents)', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLP', 0],
    ['ISK', 0],
  ])('%s has %i minor digits', (code, exp) => expect(currencyInfo(code).exponent).toBe(exp));

  it('knows real codes only', () => {
    expect(isCurrencyCode('INR')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(() => currencyInfo('XYZ')).toThrow(/Unknown currency/);
  });
});

describe('decimal money', () => {
  it('is exact where floats are not', () => {
    expect(decText(dec('0.1').plus(dec('0.2')))).toBe('0.3');
    expect(decText(dec('0.0069').times(744))).toBe('5.1336');
    expect(decText(sum(['0.006', '0.006', '0.006']))).toBe('0.018');
  });

  it('rounds once, half away from zero, to the currency minor unit', () => {
    expect(moneyText(dec('2.345'), 'USD')).toBe('2.35');
    expect(moneyText(dec('2.344999'), 'USD')).toBe('2.34');
    expect(moneyText(dec('-2.345'), 'USD')).toBe('-2.35');
    expect(moneyText(dec('1234.5'), 'JPY')).toBe('1235');
    expect(moneyText(dec('1.2345'), 'KWD')).toBe('1.235');
    expect(moneyText(dec('7'), 'KWD')).toBe('7.000');
    expect(roundMoney(dec('0.005'), 'USD').toFixed()).toBe('0.01');
  });

  it('converts to the smallest unit as an integer', () => {
    expect(toMinorUnits(dec('12.34'), 'USD')).toBe(1234n);
    expect(toMinorUnits(dec('1235'), 'JPY')).toBe(1235n);
    expect(toMinorUnits(dec('1.2345'), 'KWD')).toBe(1235n);
    expect(toMinorUnits(dec('92233720368547758.07'), 'USD')).toBe(9223372036854775807n);
  });

  it('refuses floats and non-canonical text', () => {
    expect(() => dec(0.1)).toThrow(/non-integer/);
    expect(() => dec('1e3')).toThrow(/not a decimal/);
    expect(() => dec('1,000.00')).toThrow(/not a decimal/);
    expect(() => dec(' 1')).toThrow(/not a decimal/);
    expect(isDecimalText('-0.0069')).toBe(true);
    expect(isDecimalText('01')).toBe(false);
    expect(dec(5).toFixed()).toBe('5');
  });
});
