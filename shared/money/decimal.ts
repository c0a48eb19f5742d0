// Runs anywhere. The one decimal type for money and rates. Never use JS numbers for amounts.
//
// Rounding rule (documented in docs/MONEY.md): amounts are kept exact (up to 60 significant digits)
// through every computation and rounded to the currency's minor unit once, per statement/invoice line,
// half away from zero (ROUND_HALF_UP in decimal.js terms: 0.125 -> 0.13, -0.125 -> -0.13).
import DecimalJs from 'decimal.js';
import { currencyInfo } from '../domain/currencies';

export const Dec = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** True for canonical decimal text: "12", "-0.0069", "1000.50". No exponents, no thousands separators. */
export function isDecimalText(s: string): boolean {
  return DECIMAL_TEXT.test(s);
}

/** Parses decimal text; throws on anything else (including JS numbers smuggled in as strings like "1e3"). */
export function dec(value: string | number | Dec): Dec {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Refusing non-integer number ${value} as money: pass decimal text.`);
    return new Dec(value);
  }
  if (typeof value === 'string') {
    if (!isDecimalText(value)) throw new Error(`"${value}" is not a decimal number.`);
    return new Dec(value);
  }
  return value;
}

export function sum(values: Iterable<string | Dec>): Dec {
  let total = new Dec(0);
  for (const v of values) total = total.plus(typeof v === 'string' ? dec(v) : v);
  return total;
}

/** Rounds to the currency's minor unit, half away from zero. The single rounding point of Meterbook. */
export function roundMoney(amount: Dec, currency: string): Dec {
  return amount.toDecimalPlaces(currencyInfo(currency).exponent, Dec.ROUND_HALF_UP);
}

/** Fixed-point text with exactly the currency's minor digits: "12.30" (USD), "1230" (JPY), "1.230" (KWD). */
export function moneyText(amount: Dec, currency: string): string {
  return roundMoney(amount, currency).toFixed(currencyInfo(currency).exponent);
}

/** Plain decimal text without trailing zeros: "0.0069", "12.5", "3". */
export function decText(amount: Dec): string {
  const s = amount.toFixed();
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Integer amount in the currency's smallest unit (cents, yen, fils), as a bigint. */
export function toMinorUnits(amount: Dec, currency: string): bigint {
  const { exponent } = currencyInfo(currency);
  return BigInt(roundMoney(amount, currency).times(new Dec(10).pow(exponent)).toFixed(0));
}
