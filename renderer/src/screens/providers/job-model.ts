// Runs in the renderer (pure). Words and numbers for sync and import jobs: status badges, live counters,
// progress text, and what the user can do about an outcome.
import type { EventPayload } from '../../../../shared/contract/events';
import type { IngestJob } from '../../../../shared/domain/ingest';
import type { BadgeTone } from '../../components/badge';
import { formatCount } from '../../format/numbers';

export type JobProgress = EventPayload<'job.progress'>;
export type JobStatus = IngestJob['status'];

export const JOB_STATUS: Record<JobStatus, { label: string; tone: BadgeTone }> = {
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  waiting: { label: 'Waiting, will retry', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  interrupted: { label: 'Interrupted', tone: 'warning' },
};

export const JOB_KIND_LABELS: Record<IngestJob['kind'], string> = { sync: 'Sync', import: 'File import', dry_run: 'Dry run' };

/** Live counter keys in display order, with their words ("inserted" is what a user calls "new"). */
const COUNTERS: ReadonlyArray<readonly [key: string, one: string, many: string]> = [
  ['pages', 'page', 'pages'],
  ['rows', 'row', 'rows'],
  ['fetched', 'fetched', 'fetched'],
  ['inserted', 'new', 'new'],
  ['duplicates', 'duplicate', 'duplicates'],
  ['replaced', 'revised', 'revised'],
  ['rejected', 'rejected', 'rejected'],
  ['unassigned', 'unassigned', 'unassigned'],
];
const KNOWN = new Set(COUNTERS.map(([k]) => k));

export interface CounterItem {
  key: string;
  label: string;
  value: string;
}

/** "inserted: 12" -> { label: "new", value: "12" }, known counters first, unknown ones by their own name. */
export function counterItems(counters: Readonly<Record<string, number>> | undefined, locale: string): CounterItem[] {
  if (!counters) return [];
  const items: CounterItem[] = [];
  for (const [key, one, many] of COUNTERS) {
    const n = counters[key];
    if (n !== undefined) items.push({ key, label: n === 1 ? one : many, value: formatCount(n, locale) });
  }
  for (const [key, n] of Object.entries(counters)) {
    if (!KNOWN.has(key)) items.push({ key, label: key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase(), value: formatCount(n, locale) });
  }
  return items;
}

/** "3 pages · 250 fetched · 240 new · 10 duplicates · 0 rejected" */
export function countersText(counters: Readonly<Record<string, number>> | undefined, locale: string): string {
  return counterItems(counters, locale)
    .map((c) => `${c.value} ${c.label}`)
    .join(' · ');
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 1536 -> "1.5 kB" (en-US); "512 B" below 1 kB. */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1000) return `${formatCount(Math.max(0, bytes), locale)} B`;
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < BYTE_UNITS.length - 1) {
    value /= 1000;
    i++;
  }
  const opts: Intl.NumberFormatOptions = { style: 'unit', unit: BYTE_UNITS[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 };
  try {
    return new Intl.NumberFormat(locale, opts).format(value);
  } catch {
    return new Intl.NumberFormat('en-US', opts).format(value);
  }
}

/** Whole percent of a determinate job, null when the total is unknown. */
export function progressPercent(current: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((current / total) * 100)));
}

/**
 * What a screen reader hears for a progress bar.
 * - bytes, determinate: "1.2 MB of 3.4 MB (35%)"
 * - indeterminate: the step, then the counters: "Saved page 2: 2 pages · 200 fetched · 190 new"
 */
export function progressValueText(p: Pick<JobProgress, 'step' | 'current' | 'total' | 'counters'>, locale: string, unit: 'bytes' | 'records'): string {
  const pct = progressPercent(p.current, p.total);
  if (pct !== null && p.total !== null) {
    const of =
      unit === 'bytes'
        ? `${formatBytes(p.current, locale)} of ${formatBytes(p.total, locale)}`
        : `${formatCount(p.current, locale)} of ${formatCount(p.total, locale)}`;
    return `${of} (${pct}%)`;
  }
  const counters = countersText(p.counters, locale);
  return counters ? `${p.step}: ${counters}` : p.step;
}

export interface Outcome {
  tone: 'success' | 'warning' | 'danger' | 'info';
  title: string;
  /** what to do next, or null when nothing needs doing */
  advice: string | null;
}

/** The end of a job in a sentence or two, with what to do about it. `error` is the job's own message. */
export function jobOutcome(kind: IngestJob['kind'], status: JobStatus, error: string | null | undefined): Outcome {
  const what = kind === 'sync' ? 'The sync' : kind === 'dry_run' ? 'The dry run' : 'The import';
  switch (status) {
    case 'succeeded':
      return { tone: 'success', title: `${what} finished.`, advice: null };
    case 'running':
      return { tone: 'info', title: `${what} is running.`, advice: null };
    case 'waiting':
      return {
        tone: 'warning',
        title: error ?? `${what} could not reach the provider.`,
        advice: 'Nothing is lost: Meterbook retries automatically when the provider can be reached. You can also press Sync now later.',
      };
    case 'cancelled':
      return { tone: 'info', title: error ?? `${what} was cancelled.`, advice: null };
    case 'interrupted':
      return {
        tone: 'warning',
        title: `${what} was interrupted because Meterbook closed while it ran.`,
        advice: kind === 'sync' ? 'Everything saved so far is kept; the next sync continues from there.' : 'Start it again; rows already imported are recognised as duplicates.',
      };
    case 'failed':
      return {
        tone: 'danger',
        title: error ?? `${what} failed.`,
        advice:
          kind === 'sync'
            ? 'Check the credentials (Replace credentials) and the settings (Edit), then use Test connection and Sync now again.'
            : 'Check the file and the mapping, then run it again.',
      };
  }
}
