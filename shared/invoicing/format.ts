// Runs anywhere (main, renderer, CLI). How an invoice prints its numbers and dates.
//
// Money never becomes a JS number here: Intl.NumberFormat (ES2023, "NumberFormat v3") formats decimal
// *strings* exactly, so "90071992547409.94" prints every digit. Amounts in a snapshot are already rounded to
// the currency's minor unit (docs/MONEY.md); formatting only adds the symbol, grouping and the locale's marks.
import { currencyInfo, isCurrencyCode } from '../domain/currencies';
import { Dec, isDecimalText } from '../money/decimal';

type Numeric = Intl.StringNumericLiteral;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter; a locale tag the runtime refuses falls back to en-US rather than failing the document. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = numberFormats.get(key);
  if (!nf) {
    try {
      nf = new Intl.NumberFormat(locale, options);
    } catch {
      nf = new Intl.NumberFormat('en-US', options);
    }
    numberFormats.set(key, nf);
  }
  return nf;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let df = dateFormats.get(key);
  if (!df) {
    try {
      df = new Intl.DateTimeFormat(locale, options);
    } catch {
      df = new Intl.DateTimeFormat('en-US', options);
    }
    dateFormats.set(key, df);
  }
  return df;
}

function decimalText(text: string, what: string): Numeric {
  if (!isDecimalText(text)) throw new Error(`${what} "${text}" is not decimal text.`);
  return text as Numeric;
}

/** Digits after the point in decimal text: "0.0125" -> 4, "12" -> 0. */
function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The ISO 4217 exponent; for a code outside our table, whatever Intl uses for it. */
function minorDigits(currency: string): number {
  if (isCurrencyCode(currency)) return currencyInfo(currency).exponent;
  return numberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * A money amount with exactly the currency's minor digits, half away from zero if it had more.
 *
 * @example
 * formatMoney('1234.50', 'USD', 'en-US') // "$1,234.50"
 * formatMoney('1230', 'JPY', 'en-US')    // "¥1,230"
 * formatMoney('1.235', 'KWD', 'en-US')   // "KWD 1.235" (no-break space)
 * formatMoney('-1234.5', 'EUR', 'de-DE') // "-1.234,50 €"
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: 'halfExpand',
    signDisplay: 'negative',
  }).format(decimalText(amount, 'Amount'));
}

/**
 * A unit price with the precision it needs: at least the currency's minor digits, more when the decimal
 * text has them (never rounded).
 *
 * @example
 * formatUnitPrice('0.35', 'USD', 'en-US')   // "$0.35"
 * formatUnitPrice('0.0125', 'USD', 'en-US') // "$0.0125"
 * formatUnitPrice('2', 'USD', 'en-US')      // "$2.00"
 */
export function formatUnitPrice(price: string, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.min(100, Math.max(digits, fractionDigits(price))),
    signDisplay: 'negative',
  }).format(decimalText(price, 'Unit price'));
}

/** A quantity, every digit kept: formatQuantity('1234567.5', 'en-US') -> "1,234,567.5". */
export function formatQuantity(quantity: string, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: Math.min(100, fractionDigits(quantity)) }).format(decimalText(quantity, 'Quantity'));
}

/** Units are stored singular ("interaction", "MB-day"): "1 interaction", "1,200 interactions". */
export function formatQuantityWithUnit(quantity: string, unit: string, locale: string): string {
  const plural = quantity === '1' || unit === '' || /s$/i.test(unit) ? unit : `${unit}s`;
  const q = formatQuantity(quantity, locale);
  return plural ? `${q} ${plural}` : q;
}

/** A percent given as percent text: formatPercent('8.875', 'en-US') -> "8.875%", formatPercent('20', 'fr-FR') -> "20 %". */
export function formatPercent(rate: string, locale: string): string {
  const fraction = new Dec(decimalText(rate, 'Rate')).div(100).toFixed();
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: Math.min(100, Math.max(0, fractionDigits(fraction) - 2)) }).format(fraction as Numeric);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC midnight of a calendar day: a label for the day, not an instant anybody lived through. */
function calendarDay(isoDate: string, addDays = 0): Date | null {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays));
}

/**
 * A calendar day (YYYY-MM-DD) in the locale's medium style. The date is formatted in UTC, where the label
 * was made, so no time zone can move it to the day before.
 *
 * @example
 * formatDate('2026-10-31', 'en-US') // "Oct 31, 2026"
 * formatDate('2026-10-31', 'de-DE') // "31.10.2026"
 */
export function formatDate(isoDate: string, locale: string): string {
  const day = calendarDay(isoDate);
  return day ? dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day) : isoDate;
}

/** A billing period, start inclusive and end exclusive as stored: ('2026-10-01', '2026-11-01') -> "Oct 1 – 31, 2026". */
export function formatPeriod(start: string, endExclusive: string, locale: string): string {
  const from = calendarDay(start);
  const to = calendarDay(endExclusive, -1);
  if (!from || !to || to < from) return `${start} – ${endExclusive}`;
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(from, to);
}
