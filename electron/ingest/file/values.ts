// Runs in main. Turning one cell (CSV text or a JSON value) into a quantity, a cost or a currency.
// Every function returns the value or a user-facing message fragment (the caller adds "Row N: ").
import { isCurrencyCode } from '../../../shared/domain/currencies';
import { QUANTITY_SCALE_FACTORS, type QuantityScale } from '../../../shared/domain/import-mapping';
import { Dec, isDecimalText } from '../../../shared/money/decimal';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });

/**
 * A cell as trimmed text; '' when empty, missing or null. JSON numbers and booleans become their JSON text.
 * Objects and arrays are an error (they cannot be an id, a quantity or a date).
 */
export function cellText(value: unknown, name: string): Parsed<string> {
  if (typeof value === 'string') return ok(value.trim());
  if (value === undefined || value === null) return ok('');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(`${name} ${String(value)} is not a number`);
    return ok(String(value));
  }
  if (typeof value === 'boolean') return ok(String(value));
  return fail(`${name} is ${Array.isArray(value) ? 'a list' : 'an object'} (${truncate(JSON.stringify(value))}), expected text or a number`);
}

/** Text of an id: like cellText, but a JSON integer past 2^53 was already rounded by JSON.parse, so it is refused. */
export function idText(value: unknown, name: string): Parsed<string> {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return fail(`${name} ${String(value)} is a number too large to read exactly; write it as a string ("...") in the file`);
  }
  return cellText(value, name);
}

const PLAIN_NUMBER = /^([+-])?(\d+)(?:\.(\d+))?$/;
const WHOLE = /^\d+$/;

/** Replaces a decimal comma with a dot, or explains why the text is not a number under the chosen separator. */
function withDotDecimal(label: string, text: string, decimalSeparator: '.' | ','): Parsed<string> {
  if (decimalSeparator === ',') {
    if (text.includes('.')) {
      return fail(`${label} "${text}" is not a decimal number (the decimal separator is set to comma; remove thousands separators)`);
    }
    return ok(text.replace(',', '.'));
  }
  if (text.includes(',')) {
    return fail(`${label} "${text}" is not a decimal number (use a dot, or set the decimal separator to comma)`);
  }
  return ok(text);
}

function symbolHint(text: string): string {
  return /[$€£¥₹]|^[A-Za-z]{3}\s*\d|\d\s*[A-Za-z]{3}$/.test(text) ? ' (remove the currency symbol; map the currency to its own column)' : '';
}

/**
 * A non-negative integer quantity in the metric's base unit.
 * - scale `none`: the text must be a whole number ("5", "5.0"); "1.5" is an error, never rounded.
 * - other scales: exact decimal scaling, then rounded up to a whole unit (see QuantityScale).
 * `unit` is the base unit for messages ("second"); null when unknown.
 */
export function parseQuantity(
  text: string,
  scale: QuantityScale,
  decimalSeparator: '.' | ',',
  unit: string | null,
): Parsed<number> {
  if (scale === 'none' && WHOLE.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? ok(n) : fail(`quantity "${text}" is too large`);
  }
  const dotted = withDotDecimal('quantity', text, decimalSeparator);
  if (!dotted.ok) return dotted;
  const m = PLAIN_NUMBER.exec(dotted.value);
  if (m === null) return fail(`quantity "${text}" is not a number${symbolHint(text)}`);
  const [, sign, intPart, fraction = ''] = m;
  const isZero = /^0+$/.test(intPart!) && /^0*$/.test(fraction);
  if (sign === '-' && !isZero) return fail(`quantity "${text}" is negative`);
  let n: number;
  if (scale === 'none') {
    if (!/^0*$/.test(fraction)) {
      return fail(`quantity "${text}" must be a whole number${unit === null ? '' : ` of ${plural(unit)}`}`);
    }
    n = Number(intPart);
  } else {
    const { multiply, divide } = QUANTITY_SCALE_FACTORS[scale];
    n = new Dec(`${intPart}.${fraction || '0'}`).times(multiply).dividedBy(divide).ceil().toNumber();
  }
  return Number.isSafeInteger(n) ? ok(n) : fail(`quantity "${text}" is too large`);
}

/** A non-negative cost as canonical decimal text ("12.50", "0.0069"); '' gives null (price from the rate card). */
export function parseCost(text: string, decimalSeparator: '.' | ','): Parsed<string | null> {
  if (text === '') return ok(null);
  if (decimalSeparator === '.' && isDecimalText(text) && !text.startsWith('-')) return ok(text);
  const dotted = withDotDecimal('cost', text, decimalSeparator);
  if (!dotted.ok) return fail(dotted.error + symbolHint(text));
  const m = PLAIN_NUMBER.exec(dotted.value);
  if (m === null) return fail(`cost "${text}" is not a decimal number${symbolHint(text)}`);
  const [, sign, intPart, fraction] = m;
  const int = intPart!.replace(/^0+(?=\d)/, '');
  if (sign === '-' && !(int === '0' && /^0*$/.test(fraction ?? ''))) return fail(`cost "${text}" is negative`);
  return ok(fraction === undefined ? int : `${int}.${fraction}`);
}

/** An ISO 4217 code, upper-cased; '' gives null (the provider account's currency). */
export function parseCurrency(text: string): Parsed<string | null> {
  if (text === '') return ok(null);
  const code = text.toUpperCase();
  return isCurrencyCode(code) ? ok(code) : fail(`currency "${text}" is not an ISO 4217 code (e.g. USD, EUR)`);
}

function plural(unit: string): string {
  return unit.endsWith('s') ? unit : `${unit}s`;
}

export function truncate(s: string, max = 40): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
