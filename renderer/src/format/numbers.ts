// Runs in the renderer (pure). Display formatting of exact decimal strings. Nothing here does
// arithmetic on money: amounts stay strings and Intl formats the string itself, which is exact.
import { currencyInfo, isCurrencyCode } from '../../../shared/domain/currencies';
import { isDecimalText } from '../../../shared/money/decimal';

type Numeric = Intl.StringNumericLiteral;

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    try {
      nf = new Intl.NumberFormat(locale, options);
    } catch {
      nf = new Intl.NumberFormat('en-US', options); // a locale tag the runtime does not know
    }
    cache.set(key, nf);
  }
  return nf;
}

let exactStrings: boolean | null = null;

/** True when Intl.NumberFormat formats decimal strings exactly (ES2023 Intl.NumberFormat v3). */
export function intlFormatsStringsExactly(): boolean {
  if (exactStrings === null) {
    try {
      const probe = '9007199254740993.5';
      exactStrings = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 1 }).format(probe as Numeric) === probe;
    } catch {
      exactStrings = false;
    }
  }
  return exactStrings;
}

/** "1234567" -> "1,234,567" (en-US). Anything that is not decimal text is returned unchanged. */
export function formatQuantity(text: string, locale: string): string {
  if (!isDecimalText(text) || !intlFormatsStringsExactly()) return text;
  return numberFormat(locale, { maximumFractionDigits: 20 }).format(text as Numeric);
}

/** A JS integer (counts, totals of rows) in the locale's digits. */
export function formatCount(n: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * "12.3456", "USD" -> "$12.35" (en-US): the currency's minor digits, half away from zero (display only;
 * invoices round per line on the main side). Falls back to "12.3456 USD" where Intl cannot format
 * strings exactly or the currency is unknown.
 */
export function formatMoney(text: string, currency: string, locale: string): string {
  if (!isDecimalText(text) || !isCurrencyCode(currency) || !intlFormatsStringsExactly()) return `${text} ${currency}`;
  const digits = currencyInfo(currency).exponent;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: 'halfExpand',
  }).format(text as Numeric);
}

/** The exact amount, for a tooltip: "12.3456 USD". */
export function exactMoney(text: string, currency: string): string {
  return `${text} ${currency}`;
}
