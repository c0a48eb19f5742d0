// Runs in the renderer (pure). What a user types into an amount, quantity or percent field, turned into the
// contract's decimal text ("1234.50") or a message saying what to fix. The agency's locale decides the
// separators: "1,234.50" (en-US) and "1.234,50" (de-DE) both mean 1234.50; a lone "12,5" in en-US is refused
// rather than read as 125. Nothing here does arithmetic with JS numbers.
import { currencyInfo, isCurrencyCode } from '../../../../shared/domain/currencies';
import { dec, isDecimalText } from '../../../../shared/money/decimal';

export type Checked = { ok: true; value: string } | { ok: false; message: string };

export interface DecimalRules {
  /** the field's name in messages, lower case: "the unit price" */
  label: string;
  /** how the user should write it: "25.00" */
  example: string;
  allowNegative?: boolean;
  /** more than 0 (after the sign check) */
  positive?: boolean;
  maxDecimals?: number;
  /** inclusive upper bound, decimal text */
  max?: string;
}

/** The decimal and grouping characters of a locale: { decimal: ".", group: "," } for en-US. */
export function separators(locale: string): { decimal: string; group: string } {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  } catch {
    parts = new Intl.NumberFormat('en-US').formatToParts(12345.6);
  }
  return { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: parts.find((p) => p.type === 'group')?.value ?? ',' };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Typed text -> canonical decimal text ("-0.5", "1234"), or null when it is not a number in this locale. */
export function normalizeDecimal(text: string, locale: string): string | null {
  const seps = separators(locale);
  // spaces of any kind (French groups with a narrow no-break space) are never meaningful
  let s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^\+/, '');
  const negative = s.startsWith('-') || s.startsWith('\u2212');
  if (negative) s = s.slice(1);
  if (s === '') return null;
  let decimal = seps.decimal;
  let group: string | null = /\s|\u00a0|\u202f/.test(seps.group) ? null : seps.group;
  // a "." typed where the locale writes ",": a decimal point, unless it is shaped like grouping ("1.234" in de-DE)
  if (decimal !== '.' && !s.includes(decimal) && s.includes('.') && !(group === '.' && /^\d{1,3}(\.\d{3})+$/.test(s))) {
    decimal = '.';
    group = null;
  }
  const parts = s.split(decimal);
  if (parts.length > 2) return null;
  let intPart = parts[0] ?? '';
  const frac = parts[1] ?? '';
  if (!/^\d*$/.test(frac)) return null;
  if (group !== null && intPart.includes(group)) {
    const g = group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`^\\d{1,3}(${g}\\d{3})+$`).test(intPart)) return null;
    intPart = intPart.split(group).join('');
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart)) return null;
  intPart = intPart.replace(/^0+(?=\d)/, '');
  const out = `${negative ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
  return isDecimalText(out) ? out : null;
}

/** Checks a decimal field against its rules; the value is canonical decimal text. */
export function checkDecimal(text: string, locale: string, rules: DecimalRules): Checked {
  if (text.trim() === '') return { ok: false, message: `Enter ${rules.label}, like ${rules.example}.` };
  const v = normalizeDecimal(text, locale);
  if (v === null) return { ok: false, message: `${cap(rules.label)} must be a number like ${rules.example} (got "${text.trim()}").` };
  const n = dec(v);
  if (n.isNegative() && !n.isZero() && !rules.allowNegative) return { ok: false, message: `${cap(rules.label)} cannot be negative.` };
  if (rules.positive && !(n.isPositive() && !n.isZero())) return { ok: false, message: `${cap(rules.label)} must be more than 0.` };
  const decimals = (v.split('.')[1] ?? '').length;
  if (rules.maxDecimals !== undefined && decimals > rules.maxDecimals) {
    return { ok: false, message: rules.maxDecimals === 0 ? `${cap(rules.label)} must be a whole number.` : `${cap(rules.label)} can have at most ${rules.maxDecimals} decimals.` };
  }
  if (rules.max !== undefined && n.gt(dec(rules.max))) return { ok: false, message: `${cap(rules.label)} can be at most ${rules.max}.` };
  return { ok: true, value: v };
}

/** The minor digits of a currency (2 for USD, 0 for JPY, 3 for KWD); 2 when unknown. */
export function currencyDigits(currency: string): number {
  return isCurrencyCode(currency) ? currencyInfo(currency).exponent : 2;
}

/** An amount of money in `currency`: at most its minor digits. */
export function checkMoney(text: string, currency: string, locale: string, rules: Omit<DecimalRules, 'maxDecimals' | 'example'> & { example?: string }): Checked {
  const digits = currencyDigits(currency);
  return checkDecimal(text, locale, { example: digits === 0 ? '2500' : `25.${'0'.repeat(digits)}`, ...rules, maxDecimals: digits });
}

/** A percentage 0 < p ≤ 100 with up to 4 decimals (discounts, tax rates allow 0 with `allowZero`). */
export function checkPercent(text: string, locale: string, label: string, allowZero = false): Checked {
  return checkDecimal(text.replace(/%\s*$/, ''), locale, { label, example: '10 or 8.875', positive: !allowZero, maxDecimals: 4, max: '100' });
}

/** Whole days 0–365, or null for an empty field when `optional`. */
export function checkDays(text: string, label: string, optional: boolean): { ok: true; value: number | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return optional ? { ok: true, value: null } : { ok: false, message: `Enter ${label} in days, like 30.` };
  if (!/^\d{1,3}$/.test(t)) return { ok: false, message: `${cap(label)} must be a whole number of days, like 30.` };
  const n = Number(t);
  if (n > 365) return { ok: false, message: `${cap(label)} can be at most 365 days.` };
  return { ok: true, value: n };
}
