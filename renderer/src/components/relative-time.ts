// Runs in the renderer (pure). "3 minutes ago", "in 2 hours": coarse, for scanning a list; the exact
// time goes in a tooltip next to it.

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 1000],
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
  ['month', 30 * 86_400_000],
  ['year', 365 * 86_400_000],
];

/** [unit, how many of the next smaller unit before switching to it] */
const LIMITS: Record<string, number> = { second: 60, minute: 60, hour: 24, day: 30, month: 12 };

const cache = new Map<string, Intl.RelativeTimeFormat>();

export type RelativeStyle = 'long' | 'short';

function rtf(locale: string, style: RelativeStyle): Intl.RelativeTimeFormat {
  const key = `${locale}|${style}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    } catch {
      f = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto', style });
    }
    cache.set(key, f);
  }
  return f;
}

/**
 * The distance from `now` to `iso` in words, rounded to the largest fitting unit.
 * @example relativeTime('2026-03-05T14:00:00Z', new Date('2026-03-05T14:03:10Z'), 'en-US') // "3 minutes ago"
 * Invalid input is returned unchanged. Anything within 45 seconds is "now". `short`: "3 min. ago" (tables).
 */
export function relativeTime(iso: string, now: Date, locale: string, style: RelativeStyle = 'long'): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = t - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return rtf(locale, style).format(0, 'second');
  for (let i = UNITS.length - 1; i >= 0; i--) {
    const [unit, ms] = UNITS[i]!;
    if (abs >= ms || unit === 'second') {
      const value = Math.round(abs / ms);
      const limit = LIMITS[unit];
      // 59.6 minutes rounds to 60: say "1 hour" instead.
      if (limit !== undefined && value >= limit && i + 1 < UNITS.length) {
        const [bigger] = UNITS[i + 1]!;
        return rtf(locale, style).format(Math.sign(diff) * 1, bigger);
      }
      return rtf(locale, style).format(Math.sign(diff) * value, unit);
    }
  }
  return iso;
}
