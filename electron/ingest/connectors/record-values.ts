// Runs in main. Reading numbers, money and times out of provider records without float artifacts.
import { Dec, decText, isDecimalText } from '../../../shared/money/decimal';

/**
 * A provider value as a rejection reason quotes it: text as written, other JSON as JSON ({"a":1}, [2], null), cut
 * to 60 characters. Never String(value), which turns an object into "[object Object]".
 */
export function shownValue(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === undefined) s = 'missing';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

const EXPONENT_FORM = /^-?(?:0|[1-9]\d*)(?:\.\d+)?[eE][+-]?\d+$/;

/**
 * Canonical decimal text ("0.0075", "12.5", "3") of a provider value, or null when it is not a number.
 * Strings are parsed as written; JSON numbers by their source text when the caller has it (see
 * json-text.ts), else by their shortest round-trip repr (String(n)). Exponent forms ("1e-7", which is how
 * JavaScript prints small numbers) are expanded exactly.
 */
export function decimalText(value: unknown, sourceText?: string): string | null {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    s = sourceText ?? String(value);
  } else if (typeof value === 'string') {
    s = value.trim();
  } else {
    return null;
  }
  if (s.startsWith('+')) s = s.slice(1);
  if (isDecimalText(s)) return decText(new Dec(s));
  if (EXPONENT_FORM.test(s)) return decText(new Dec(s));
  return null;
}

/** Rounds a non-negative decimal up to a whole quantity (partial units bill as whole ones); null if negative or too large. */
export function ceilQuantity(text: string): number | null {
  const d = new Dec(text);
  if (d.isNegative()) return null;
  const n = d.ceil();
  if (n.greaterThan(Number.MAX_SAFE_INTEGER)) return null;
  return n.toNumber();
}

/** Whole seconds of a duration in milliseconds, rounded up (a 1.2 s call bills as 2 s, as telephony does). */
export function secondsFromMs(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** Milliseconds of an ISO 8601 date-time that states its offset ("…Z" or "…+02:00"); null otherwise. */
export function isoToMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Milliseconds of a YYYY-MM-DD date at UTC midnight; null otherwise. */
export function dateToMs(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** A non-empty string or finite number as a string id; null otherwise. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** "usd" -> "USD"; null for anything that is not three letters. */
export function currencyCode(value: unknown): string | null {
  return typeof value === 'string' && /^[a-z]{3}$/i.test(value.trim()) ? value.trim().toUpperCase() : null;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
