// Runs anywhere. Reusable zod field builders with messages a user can act on.
import { z } from 'zod';
import { isCurrencyCode } from './currencies';
import { isLocaleTag } from './locales';
import { isTimeZone } from './time-zones';

/** Optional free text: trimmed; empty becomes null; too long is an error, never truncated. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .nullish()
    .transform((s) => (s == null || s === '' ? null : s));

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, { error: `Enter ${label}.` })
    .max(max, { error: `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max} characters.` });

export const optionalEmail = (label: string) =>
  optionalText(label, 254).refine((s) => s === null || z.email().safeParse(s).success, {
    error: `${label} is not a valid email address (expected name@example.com).`,
  });

export const currencyCode = z
  .string({ error: 'Choose a currency.' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCurrencyCode, { error: (iss) => `"${String(iss.input)}" is not an ISO 4217 currency code (e.g. USD, EUR, JPY).` });

export const timeZone = z
  .string({ error: 'Choose a time zone.' })
  .trim()
  .refine(isTimeZone, { error: (iss) => `"${String(iss.input)}" is not an IANA time zone (e.g. Europe/London, Asia/Kolkata).` });

export const optionalTimeZone = z
  .string()
  .trim()
  .nullish()
  .transform((s) => (s == null || s === '' ? null : s))
  .refine((s) => s === null || isTimeZone(s), {
    error: (iss) => `"${String(iss.input)}" is not an IANA time zone (e.g. Europe/London, Asia/Kolkata).`,
  });

export const localeTag = z
  .string()
  .trim()
  .refine(isLocaleTag, { error: (iss) => `"${String(iss.input)}" is not a locale tag (e.g. en-US, de-DE).` });

export const countryCode = z
  .string()
  .trim()
  .nullish()
  .transform((s) => (s == null || s === '' ? null : s.toUpperCase()))
  .refine((s) => s === null || /^[A-Z]{2}$/.test(s), { error: 'Country must be a two-letter ISO 3166 code (e.g. US, DE, IN).' });

export const id = z.number({ error: 'An id is required.' }).int({ error: 'An id must be a whole number.' }).positive({ error: 'An id must be positive.' });

/** ISO 8601 timestamp in UTC as produced by Date#toISOString. */
export const isoTimestamp = z.string();
