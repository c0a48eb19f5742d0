// Runs in main. Usage over time for the dashboard's charts, from usage_rollups (15-minute slots) in one GROUP BY:
// buckets of an hour (24h), a day (7d, 30d), a week from Monday (3m) or a month (12m) in the agency's zone, the
// last one being the current, still running bucket. Bucket edges come from Luxon (DST days are 23 or 25 hours).
//
// Every bucket edge of a real zone today falls on a quarter hour, so each bucket is a whole number of slots and its
// totals equal usage.totals over the same span; were an edge inside a slot, the slot would count in the bucket it
// starts in. Sum metrics add their quantities, count metrics their events; the other aggregations (distinct counts,
// levels, sessions) are not sums over time and are listed in `omittedMetrics` instead.
import type BetterSqlite3 from 'better-sqlite3';
import { DateTime, type DateTimeUnit } from 'luxon';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { UsageRange, UsageSeries } from '../../../shared/domain/dashboard';
import { SLOT_MS } from '../../db/usage-store';
import { AppError } from '../errors';
import type { CatalogMetric, MetricCatalog } from '../pricing/metric-catalog';
import { isAdditive } from '../pricing/usage-reader';
import { catalogMetrics } from './window-usage';

const SHAPES: Record<UsageRange, { bucket: 'hour' | 'day' | 'week' | 'month'; count: number }> = {
  '24h': { bucket: 'hour', count: 24 },
  '7d': { bucket: 'day', count: 7 },
  '30d': { bucket: 'day', count: 30 },
  '3m': { bucket: 'week', count: 13 },
  '12m': { bucket: 'month', count: 12 },
};

const WHY: Record<string, string> = {
  max: 'a peak, not a sum over time',
  unique_count: 'a count of distinct values over a whole period, not a sum over time',
  time_weighted: 'a level over time (like seats or storage), not a sum of events',
  session_blocks: 'sessions are counted per conversation over a period, not per slot',
};

/** Bucket edges (epoch ms) in the zone: `count` buckets ending with the one that contains `now`. */
export function bucketEdges(range: UsageRange, now: Date, zone: string): number[] {
  const { bucket, count } = SHAPES[range];
  const current = DateTime.fromJSDate(now, { zone }).startOf(bucket as DateTimeUnit, { useLocaleWeeks: false });
  const edges: number[] = [];
  for (let i = count - 1; i >= -1; i--) edges.push(current.minus({ [`${bucket}s`]: i }).toMillis());
  return edges;
}

function bucketLabel(ms: number, bucket: 'hour' | 'day' | 'week' | 'month', zone: string): string {
  const t = DateTime.fromMillis(ms, { zone });
  return bucket === 'hour' ? t.toFormat("yyyy-MM-dd'T'HH:mm") : bucket === 'month' ? t.toFormat('yyyy-MM') : t.toISODate()!;
}

/** A balanced CASE over the slot edges: the bucket index of a slot in a handful of comparisons. */
function bucketCase(slots: readonly number[], lo: number, hi: number): string {
  // buckets lo..hi-1; bucket i covers [slots[i], slots[i + 1])
  if (hi - lo <= 1) return String(lo);
  const mid = Math.floor((lo + hi) / 2);
  return `(case when slot < ${slots[mid]} then ${bucketCase(slots, lo, mid)} else ${bucketCase(slots, mid, hi)} end)`;
}

export async function usageSeries(input: {
  raw: BetterSqlite3.Database;
  catalog: MetricCatalog;
  zone: string;
  now: Date;
  clientNames: (ids: readonly number[]) => Promise<Map<number, string>>;
  query: ParsedInput<'dashboard.usageSeries'>;
}): Promise<UsageSeries> {
  const { raw, catalog, zone, query } = input;
  const { bucket } = SHAPES[query.range];
  const all = catalogMetrics(catalog);
  let metric: CatalogMetric | null = null;
  if (query.metricKey !== undefined) {
    metric = catalog.byKey(query.metricKey) ?? null;
    if (!metric) throw new AppError('invalid_input', `There is no metric "${query.metricKey}". Choose one from the metrics list.`, { field: 'metricKey' });
    if (!isAdditive(metric)) {
      throw new AppError('invalid_input', `${metric.name} is ${WHY[metric.aggregation] ?? 'not a sum'}, so it has no usage-over-time chart. Choose a metric that adds up, like interactions or messages.`, {
        field: 'metricKey',
      });
    }
  } else if (query.groupBy === 'client') {
    throw new AppError('invalid_input', 'Choose a metric to compare clients: their usage of different metrics does not add up.', { field: 'metricKey' });
  }
  const metrics = metric ? [metric] : all.filter(isAdditive);
  const omitted = metric ? [] : all.filter((m) => !isAdditive(m)).map((m) => ({ key: m.key, name: m.name, unit: m.unit, reason: WHY[m.aggregation] ?? 'not a sum' }));

  const edges = bucketEdges(query.range, input.now, zone);
  const slots = edges.map((e) => Math.floor(e / SLOT_MS));
  const count = edges.length - 1;
  const where = ['slot >= @first', 'slot < @end', `metric_id in (${metrics.map((m) => m.id).join(', ')})`];
  if (query.providerAccountId !== undefined) where.push('provider_account_id = @account');
  if (query.clientId !== undefined) where.push('client_id = @client');
  const countIds = metrics.filter((m) => m.aggregation === 'count').map((m) => m.id);
  const amount = countIds.length === 0 ? 'quantity' : `case when metric_id in (${countIds.join(', ')}) then events else quantity end`;
  const key = query.groupBy === 'client' ? 'client_id' : 'metric_id';
  const rows = raw
    .prepare(
      `select ${key} as k, ${bucketCase(slots, 0, count)} as b, cast(sum(${amount}) as text) as q
       from usage_rollups where ${where.join(' and ')} group by k, b`,
    )
    .all({
      first: slots[0]!,
      end: slots[count]!,
      ...(query.providerAccountId !== undefined ? { account: query.providerAccountId } : {}),
      ...(query.clientId !== undefined ? { client: query.clientId } : {}),
    }) as Array<{ k: number; b: number; q: string }>;

  // totals per series, then the top N clients and "other"
  const values = new Map<number, bigint[]>();
  for (const r of rows) {
    const v = values.get(r.k) ?? new Array<bigint>(count).fill(0n);
    v[r.b] = v[r.b]! + BigInt(r.q);
    values.set(r.k, v);
  }
  const total = (v: bigint[]) => v.reduce((a, b) => a + b, 0n);
  let keys = [...values.keys()];
  const series: UsageSeries['series'] = [];
  const perBucket: Array<Record<string, string>> = Array.from({ length: count }, () => ({}));
  const put = (seriesKey: string, v: bigint[]) => v.forEach((x, i) => (perBucket[i]![seriesKey] = x.toString()));
  if (query.groupBy === 'client') {
    keys.sort((a, b) => {
      const d = total(values.get(b)!) - total(values.get(a)!);
      return d > 0n ? 1 : d < 0n ? -1 : a - b;
    });
    const shown = keys.slice(0, query.top);
    const rest = keys.slice(query.top);
    const names = await input.clientNames(shown.filter((id) => id !== 0));
    for (const id of shown) {
      const v = values.get(id)!;
      series.push({ key: String(id), label: id === 0 ? 'Unassigned' : (names.get(id) ?? `Client ${id}`), unit: metric!.unit, total: total(v).toString() });
      put(String(id), v);
    }
    if (rest.length > 0) {
      const other = new Array<bigint>(count).fill(0n);
      for (const id of rest) values.get(id)!.forEach((x, i) => (other[i] = other[i]! + x));
      series.push({ key: 'other', label: `Other (${rest.length} clients)`, unit: metric!.unit, total: total(other).toString() });
      put('other', other);
    }
  } else {
    keys = metrics.map((m) => m.id).filter((id) => values.has(id));
    for (const id of keys) {
      const m = catalog.byId(id)!;
      const v = values.get(id)!;
      series.push({ key: m.key, label: m.name, unit: m.unit, total: total(v).toString() });
      put(m.key, v);
    }
  }

  return {
    range: query.range,
    bucket,
    zone,
    groupBy: query.groupBy,
    from: new Date(edges[0]!).toISOString(),
    to: new Date(edges[count]!).toISOString(),
    series,
    buckets: perBucket.map((values, i) => ({
      start: new Date(edges[i]!).toISOString(),
      end: new Date(edges[i + 1]!).toISOString(),
      label: bucketLabel(edges[i]!, bucket, zone),
      values: Object.fromEntries(series.map((s) => [s.key, values[s.key] ?? '0'])),
    })),
    omittedMetrics: omitted,
  };
}
