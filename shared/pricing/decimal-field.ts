// Runs anywhere. zod fields for decimal text (prices, fees, quantities) with messages a user can act on.
import { z } from 'zod';
import { isDecimalText } from '../money/decimal';

/** Formats an integer with thousands separators for messages: 1001 -> "1,001" (locale-independent). */
export function groupDigits(n: number | string): string {
  const s = String(n);
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/**
 * Non-negative decimal text such as "0.0069" or "350". `label` starts the messages:
 * "Unit price must not be negative (got -0.01)".
 */
export const nonNegativeDecimal = (label: string) =>
  z
    .string({ error: `${label} must be a decimal number written as text, e.g. "0.0069".` })
    .trim()
    .refine(isDecimalText, { error: (iss) => `${label} must be a decimal number like 0.0069 or 350 (got "${String(iss.input)}").`, abort: true })
    .refine((s) => !s.startsWith('-') || /^-0(\.0+)?$/.test(s), { error: (iss) => `${label} must not be negative (got ${String(iss.input)}).` });

/** Strictly positive decimal text ("60", "0.5"). */
export const positiveDecimal = (label: string) =>
  nonNegativeDecimal(label).refine((s) => /[1-9]/.test(s), { error: (iss) => `${label} must be greater than zero (got ${String(iss.input)}).` });

/** Non-negative whole number. */
export const wholeNumber = (label: string) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int({ error: `${label} must be a whole number.` })
    .min(0, { error: (iss) => `${label} must not be negative (got ${String(iss.input)}).` });
