// Runs in the renderer (pure). Dates for display, in an IANA zone, never by hand-added offsets.

/** "2026-03-05T14:07:00.000Z" -> "Mar 5, 2026, 2:07 PM" (en-US, UTC). Invalid input is returned unchanged. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
  }
}

/** "2026-03-05T14:07:00.000Z" -> "Mar 5, 2026" (en-US) in `timeZone`. */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The usage window [now - days, now) as ISO instants, for usage.totals. */
export function lastDays(now: Date, days: number): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString() };
}
