// Runs in the renderer (pure). Unassigned usage arrives grouped by (account, provider-side id, metric);
// a mapping is made per (account, provider-side id), so that is what the user has to decide on.
import type { CommandOutput } from '../../../../shared/contract/commands';

export type UnassignedGroup = CommandOutput<'usage.unassigned'>[number];

export const keyOf = (g: Pick<UnassignedGroup, 'providerAccountId' | 'clientKey'>) => `${g.providerAccountId}|${g.clientKey ?? ''}`;

/** How many provider-side ids (per account) have usage that no client owns; usage without any id counts once per account. */
export function idsToAssign(groups: readonly UnassignedGroup[]): number {
  return new Set(groups.map(keyOf)).size;
}

/** The other metric groups a mapping of `g`'s id would move too. */
export function siblings(groups: readonly UnassignedGroup[], g: UnassignedGroup): UnassignedGroup[] {
  const k = keyOf(g);
  return groups.filter((x) => keyOf(x) === k && x.metricKey !== g.metricKey);
}

/** Stable row id of a group. */
export const rowId = (g: UnassignedGroup) => `${keyOf(g)}|${g.metricKey}`;

/**
 * "Oct 27 – Nov 17" (the year only when the range leaves the current year), in the agency's zone.
 * @example seenRange('2026-10-27T10:00:00Z', '2026-11-17T10:00:00Z', 'en-US', 'UTC', new Date('2026-11-21')) // "Oct 27 – Nov 17"
 */
export function seenRange(firstIso: string, lastIso: string, locale: string, timeZone: string, now: Date): string {
  const a = new Date(firstIso);
  const b = new Date(lastIso);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${firstIso} – ${lastIso}`;
  const year = (d: Date) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(d);
  const thisYear = year(a) === year(now) && year(b) === year(now);
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', timeZone, ...(thisYear ? {} : { year: 'numeric' }) };
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat(locale, options);
  } catch {
    f = new Intl.DateTimeFormat('en-US', options);
  }
  return f.formatRange(a, b);
}
