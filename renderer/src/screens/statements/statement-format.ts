// Runs in the renderer (pure). Display helpers for rated statements: unit prices with the precision they
// need, per-line margins (exact decimals, never JS numbers), period labels and dates.
import { currencyInfo, isCurrencyCode } from '../../../../shared/domain/currencies';
import { dec, decText, isDecimalText } from '../../../../shared/money/decimal';
import { intlFormatsStringsExactly } from '../../format/numbers';

type Numeric = Intl.StringNumericLiteral;
const cache = new Map<string, Intl.NumberFormat>();

function priceFormat(locale: string, currency: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${min}|${max}`;
  let nf = cache.get(key);
  if (!nf) {
    const options: Intl.NumberFormatOptions = { style: 'currency', currency, minimumFractionDigits: min, maximumFractionDigits: max, roundingMode: 'halfExpand' };
    try {
      nf = new Intl.NumberFormat(locale, options);
    } catch {
      nf = new Intl.NumberFormat('en-US', options);
    }
    cache.set(key, nf);
  }
  return nf;
}

/** Significant decimals of decimal text: "0.00690" -> 4, "12" -> 0. */
export function decimalsOf(text: string): number {
  const frac = text.split('.')[1] ?? '';
  return frac.replace(/0+$/, '').length;
}

/**
 * A price with the precision it needs and at least the currency's minor digits, exactly:
 * "0.0069" USD -> "$0.0069", "6" -> "$6.00", "0.5" JPY -> "¥0.5". Not rounded below 20 decimals.
 */
export function formatPrice(text: string, currency: string, locale: string): string {
  if (!isDecimalText(text) || !isCurrencyCode(currency) || !intlFormatsStringsExactly()) return `${text} ${currency}`;
  const min = currencyInfo(currency).exponent;
  const max = Math.min(20, Math.max(min, decimalsOf(text)));
  return priceFormat(locale, currency, min, max).format(text as Numeric);
}

/** Amount − provider cost of one line, as exact decimal text (display rounds it). */
export function lineMargin(amount: string, providerCost: string): string {
  if (!isDecimalText(amount) || !isDecimalText(providerCost)) return amount;
  return decText(dec(amount).minus(dec(providerCost)));
}

/** True when decimal text is not zero. */
export function isNonZero(text: string): boolean {
  return isDecimalText(text) && !dec(text).isZero();
}

/** True when decimal text is below zero. */
export function isNegative(text: string): boolean {
  return isDecimalText(text) && dec(text).isNegative() && !dec(text).isZero();
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^(\d{4})$/;

/** A period label from the address bar, or null when it is not one ("2026-10" or "2026"). */
export function parsePeriodLabel(s: string | null | undefined): string | null {
  if (!s) return null;
  return MONTH.test(s) || YEAR.test(s) ? s : null;
}

/** The label `by` months (or years, for "2026") away: shiftPeriod("2026-01", -1) = "2025-12". */
export function shiftPeriod(label: string, by: number): string {
  const y = YEAR.exec(label);
  if (y) return String(Number(y[1]) + by);
  const m = MONTH.exec(label);
  if (!m) return label;
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + by;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function dateParts(instant: Date, timeZone: string): { year: string; month: string; day: string } {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { ...options, timeZone }).formatToParts(instant);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).formatToParts(instant);
  }
  const get = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  return { year: get('year', '1970'), month: get('month', '01'), day: get('day', '01') };
}

/** The month label ("2026-10") of an instant in a time zone. */
export function monthLabelIn(instant: Date, timeZone: string): string {
  const { year, month } = dateParts(instant, timeZone);
  return `${year}-${month}`;
}

/** The calendar day ("2026-10-12") of an instant in a time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  const { year, month, day } = dateParts(instant, timeZone);
  return `${year}-${month}-${day}`;
}

/** "Oct 12, 2026" for a calendar day "2026-10-12" (no zone can shift a calendar day). */
export function formatCalendarDate(day: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
  } catch {
    return day;
  }
}

/** "October 2026" for "2026-10" (the label is calendar text, formatted in UTC so no zone can shift it). */
export function periodLabelText(label: string, locale: string): string {
  const m = MONTH.exec(label);
  if (!m) return label;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
  } catch {
    return label;
  }
}

/** The last instant inside an exclusive period end, to show the period's last day. */
export function lastInstantBefore(endIso: string): string {
  const ms = Date.parse(endIso);
  return Number.isNaN(ms) ? endIso : new Date(ms - 1).toISOString();
}

/** The calendar day before "2026-11-01" ("2026-10-31"): the last day of a range whose end is exclusive. */
export function dayBefore(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1)).toISOString().slice(0, 10);
}
