// Runs in the renderer (pure). Usage over time for recharts: range labels, bucket labels in the agency's zone,
// series by unit, and rows of numbers for the chart (display only: the tooltip and the table read the exact text).
import { USAGE_RANGES, type UsageRange, type UsageSeries } from '../../../../shared/domain/dashboard';

export { USAGE_RANGES, type UsageRange };

export const RANGE_LABELS: Record<UsageRange, string> = { '24h': '24h', '7d': '7d', '30d': '30d', '3m': '3 months', '12m': '12 months' };
export const RANGE_NAMES: Record<UsageRange, string> = {
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
  '3m': 'last 3 months',
  '12m': 'last 12 months',
};

export const RANGE_OPTIONS: ReadonlyArray<readonly [UsageRange, string]> = USAGE_RANGES.map((r) => [r, RANGE_LABELS[r]] as const);

type Bucket = UsageSeries['bucket'];

function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
  }
}

const AXIS: Record<Bucket, Intl.DateTimeFormatOptions> = {
  hour: { hour: 'numeric' },
  day: { month: 'short', day: 'numeric' },
  week: { month: 'short', day: 'numeric' },
  month: { month: 'short', year: '2-digit' },
};

const FULL: Record<Bucket, Intl.DateTimeFormatOptions> = {
  hour: { dateStyle: 'medium', timeStyle: 'short' },
  day: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
  week: { year: 'numeric', month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'long' },
};

/** The short axis label of a bucket ("3 PM", "Nov 21", "Nov 26") in the agency's zone. */
export function axisLabel(startIso: string, bucket: Bucket, locale: string, timeZone: string): string {
  return dateFormat(locale, timeZone, AXIS[bucket]).format(new Date(startIso));
}

/** The full label of a bucket for the tooltip and the table ("Sat, Nov 21, 2026", "Week of Aug 24, 2026"). */
export function fullLabel(startIso: string, bucket: Bucket, locale: string, timeZone: string): string {
  const text = dateFormat(locale, timeZone, FULL[bucket]).format(new Date(startIso));
  return bucket === 'week' ? `Week of ${text}` : text;
}

export interface ChartSeries {
  key: string;
  /** the recharts dataKey: "v_" + the series key (client ids are numeric strings) */
  dataKey: string;
  label: string;
  unit: string;
  total: string;
}

export interface ChartRow {
  start: string;
  axis: string;
  full: string;
  /** exact quantity text by dataKey */
  exact: Record<string, string>;
  [dataKey: `v_${string}`]: number;
}

export interface ChartData {
  series: ChartSeries[];
  rows: ChartRow[];
}

/** The distinct units of the series, in order: metrics of different units must not be stacked together. */
export function seriesUnits(series: UsageSeries['series']): string[] {
  return [...new Set(series.map((s) => s.unit))];
}

/**
 * The recharts rows of a usage series: one row per bucket, one number per series (the series of `unit` only, when
 * given), plus the exact text and the bucket's labels.
 *
 * @example toChartData(series, { locale: 'en-US', timeZone: 'America/New_York', unit: 'message' })
 */
export function toChartData(data: UsageSeries, opts: { locale: string; timeZone: string; unit?: string | null }): ChartData {
  const series: ChartSeries[] = data.series
    .filter((s) => opts.unit === undefined || opts.unit === null || s.unit === opts.unit)
    .map((s) => ({ key: s.key, dataKey: `v_${s.key}`, label: s.label, unit: s.unit, total: s.total }));
  const rows = data.buckets.map((b) => {
    const row: ChartRow = { start: b.start, axis: axisLabel(b.start, data.bucket, opts.locale, opts.timeZone), full: fullLabel(b.start, data.bucket, opts.locale, opts.timeZone), exact: {} };
    for (const s of series) {
      const text = b.values[s.key] ?? '0';
      row.exact[s.dataKey] = text;
      const n = Number(text);
      row[`v_${s.key}`] = Number.isFinite(n) ? n : 0;
    }
    return row;
  });
  return { series, rows };
}

/** True when no series has any usage over the range. */
export function isEmptySeries(chart: ChartData): boolean {
  return chart.series.length === 0 || chart.series.every((s) => Number(s.total) === 0);
}

/** "Unassigned" and "Other" get neutral colours; the rest cycle through the palette. */
export function seriesColor(key: string, index: number): string {
  if (key === '0') return 'var(--chart-unassigned)';
  if (key === 'other') return 'var(--chart-other)';
  return `var(--chart-${(index % 8) + 1})`;
}

/** A compact axis tick: 1200 -> "1.2K" in the locale. */
export function compactNumber(n: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  } catch {
    return String(n);
  }
}
