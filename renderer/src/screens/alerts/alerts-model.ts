// Runs in the renderer (pure). Labels and texts of the alert centre.
import type { AlertKind, OverLimit } from '../../../../shared/domain/alerts';
import type { BadgeTone } from '../../components/badge';
import { formatCount, formatQuantity } from '../../format/numbers';

export const KIND_LABELS: Record<AlertKind, string> = {
  threshold: 'Threshold reached',
  limit: 'Limit exceeded',
  projected: 'Projected overage',
  spike: 'Unusual spike',
  low_balance: 'Low wallet balance',
};

export const KIND_TONES: Record<AlertKind, BadgeTone> = {
  threshold: 'warning',
  limit: 'danger',
  projected: 'warning',
  spike: 'info',
  low_balance: 'danger',
};

/** "1 new alert", "3 new alerts" (locale digits). */
export function newAlertsText(n: number, locale: string): string {
  return `${formatCount(n, locale)} new ${n === 1 ? 'alert' : 'alerts'}`;
}

/** "2026-03-05T14:07:00.000Z" -> "2:07 PM" (en-US, UTC): the time of day in `timeZone`. */
export function formatTimeOfDay(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC' }).format(d);
  }
}

/** The count next to "Alerts" in the sidebar: "99+" above 99. */
export function navCountText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/** The over-limit rows of one client, as the badge's title: "Interactions: 12 of 10 (2026-10)". */
export function overLimitTitle(rows: readonly OverLimit[], locale: string, metricName: (key: string) => string = (k) => k): string {
  return rows.map((r) => `${metricName(r.metricKey)}: ${formatQuantity(r.quantity, locale)} of ${formatQuantity(r.limit, locale)} (${r.periodLabel})`).join('; ');
}

/** Groups over-limit rows by client id. */
export function overLimitByClient(rows: readonly OverLimit[]): Map<number, OverLimit[]> {
  const m = new Map<number, OverLimit[]>();
  for (const r of rows) {
    const list = m.get(r.clientId);
    if (list) list.push(r);
    else m.set(r.clientId, [r]);
  }
  return m;
}
