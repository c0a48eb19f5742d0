// Runs in the renderer. Option lists for pickers, built once.
import { CURRENCIES } from '../../../shared/domain/currencies';
import { listTimeZones } from '../../../shared/domain/time-zones';
import type { SelectOption } from './field';

let currencies: SelectOption[] | null = null;
let zones: SelectOption[] | null = null;

/** "USD — US Dollar" for every ISO 4217 currency. */
export function currencyOptions(): readonly SelectOption[] {
  currencies ??= CURRENCIES.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
  return currencies;
}

export function timeZoneOptions(): readonly SelectOption[] {
  zones ??= listTimeZones().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
  return zones;
}

/** The runtime's zone if the picker knows it, else UTC. */
export function browserTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && listTimeZones().includes(zone)) return zone;
  } catch {
    // fall through
  }
  return 'UTC';
}

export function browserLocale(): string {
  const tag = typeof navigator !== 'undefined' ? navigator.language : '';
  try {
    return tag && Intl.getCanonicalLocales(tag)[0] ? Intl.getCanonicalLocales(tag)[0]! : 'en-US';
  } catch {
    return 'en-US';
  }
}

/** Suggestions for the locale field (it accepts any BCP 47 tag). */
export const COMMON_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'sv-SE', 'ja-JP'] as const;
