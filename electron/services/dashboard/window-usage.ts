// Runs in main. Every client's usage in a few windows (one per zone and anchor of a billing period label), read
// in one pass: per client, what readClientUsage (pricing/client-usage.ts) returns, with the same numbers.
//
// - sum metrics: one GROUP BY over usage_rollups covering every window, split into segments at the windows'
//   edges (the edges of every billing period in a real zone fall on a quarter hour, i.e. on slot edges); each
//   window adds up its segments. Count metrics, and a window with an edge inside a slot, go through
//   UsageReader.additiveTotals (raw events at the edges, uncosted counts) exactly as readClientUsage does.
// - max, distinct, time-weighted and session metrics: a client's raw events of a metric on an account are read
//   once for all windows (plus the level in force before the first one), then aggregated per window with the
//   engine's `aggregate` and the same opening level UsageReader.aggregateRaw would find; merged over accounts as
//   readClientUsage merges them (add, take the largest, or count the union of distinct values).
import type BetterSqlite3 from 'better-sqlite3';
import { aggregate, type UsageEventInput } from '../../../shared/pricing';
import { Dec, dec } from '../../../shared/money/decimal';
import { SLOT_MS } from '../../db/usage-store';
import { spanTouches, type MetricUsage } from '../pricing/client-usage';
import type { CatalogMetric, MetricCatalog } from '../pricing/metric-catalog';
import { isAdditive, type RollupSpan, type UsageKey, type UsageReader, type UsageTotals, type UsageWindow } from '../pricing/usage-reader';

/** client id (0 = unassigned) -> metric id -> usage; the same shape readClientUsage returns per client */
export type UsageByClient = Map<number, Map<number, MetricUsage>>;

type Totals = UsageKey & UsageTotals;
const NANO = new Dec(10).pow(9);

export function catalogMetrics(catalog: MetricCatalog): CatalogMetric[] {
  return catalog.metrics.map((m) => catalog.byKey(m.key)!);
}

const keyOf = (k: UsageKey) => `${k.clientId}|${k.accountId}|${k.metricId}`;
const windowKey = (w: UsageWindow) => `${w.start}|${w.end}`;

interface RawEvent {
  occurredAt: number;
  quantity: number;
  cost: string | null;
  attrs: Record<string, unknown> | null;
}

/** Reads the usage of several windows at once; `usage(window, want)` per window. */
export class WindowUsageReader {
  private readonly additive = new Map<string, Map<string, Totals>>();
  private readonly rawCache = new Map<string, { before: Dec | undefined; events: RawEvent[] }>();
  private readonly from: number;
  private readonly to: number;
  private readonly stmts;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly reader: UsageReader,
    private readonly catalog: MetricCatalog,
    private readonly windows: readonly UsageWindow[],
  ) {
    this.from = Math.min(...windows.map((w) => w.start));
    this.to = Math.max(...windows.map((w) => w.end));
    // two variants: an OR on client_id would keep SQLite from using the (client, metric, time) index
    const variants = (cond: string) => ({
      events: raw.prepare(
        `select occurred_at, quantity, cost, attrs from usage_events
         where ${cond} and metric_id = @metric and provider_account_id = @account and occurred_at >= @from and occurred_at < @to
         order by occurred_at, id`,
      ),
      lastBefore: raw.prepare(
        `select quantity from usage_events where ${cond} and metric_id = @metric and provider_account_id = @account and occurred_at < @at
         order by occurred_at desc, id desc limit 1`,
      ),
      sumBefore: raw.prepare(`select cast(sum(quantity) as text) as q from usage_events where ${cond} and metric_id = @metric and provider_account_id = @account and occurred_at < @at`),
    });
    this.stmts = { client: variants('client_id = @client'), unassigned: variants('client_id is null') };
    this.readAdditive();
  }

  /** Usage of every client in `window` (one of the constructor's); non-additive spans only where `want` says so. */
  usage(window: UsageWindow, spans: readonly RollupSpan[], want: (span: RollupSpan) => boolean): UsageByClient {
    const { catalog } = this;
    const out: UsageByClient = new Map();
    const entry = (clientId: number, metric: CatalogMetric) => {
      let client = out.get(clientId);
      if (!client) out.set(clientId, (client = new Map()));
      let e = client.get(metric.id);
      if (!e) client.set(metric.id, (e = { metric, quantity: new Dec(0), events: 0, perAccount: new Map() }));
      return e;
    };
    for (const t of this.additive.get(windowKey(window))!.values()) {
      const e = entry(t.clientId, catalog.byId(t.metricId)!);
      const { quantity, events, reportedCost, uncostedQuantity } = t;
      e.perAccount.set(t.accountId, { quantity, events, reportedCost, uncostedQuantity });
      e.quantity = e.quantity.plus(quantity);
      e.events += events;
    }

    const unionEvents = new Map<string, { clientId: number; metricId: number; events: UsageEventInput[] }>();
    for (const s of spans) {
      const metric = catalog.byId(s.metricId);
      if (!metric || isAdditive(metric) || !spanTouches(s, metric, window) || !want(s)) continue;
      const a = this.aggregateRaw(s, metric, window);
      if (a.events === 0 && a.quantity.isZero()) continue;
      const e = entry(s.clientId, metric);
      e.perAccount.set(s.accountId, { quantity: a.quantity, events: a.events, reportedCost: a.reportedCost, uncostedQuantity: a.uncostedQuantity });
      e.events += a.events;
      if (metric.aggregation === 'max') e.quantity = Dec.max(e.quantity, a.quantity);
      else if (metric.aggregation === 'unique_count') {
        const k = `${s.clientId}|${metric.id}`;
        const u = unionEvents.get(k) ?? { clientId: s.clientId, metricId: metric.id, events: [] };
        u.events.push(...a.eventList);
        unionEvents.set(k, u);
      } else e.quantity = e.quantity.plus(a.quantity);
    }
    for (const u of unionEvents.values()) {
      const e = out.get(u.clientId)!.get(u.metricId)!;
      e.quantity = aggregate(e.metric, u.events, window).quantity;
    }
    return out;
  }

  /** UsageReader.aggregateRaw from the events read once for every window. */
  private aggregateRaw(key: UsageKey, metric: CatalogMetric, window: UsageWindow): UsageTotals & { eventList: UsageEventInput[] } {
    const cached = this.rawEvents(key, metric);
    const events: RawEvent[] = [];
    let initialLevel: Dec | undefined;
    const delta = metric.aggregation === 'time_weighted' && metric.config.mode === 'delta';
    if (metric.aggregation === 'time_weighted') initialLevel = cached.before;
    for (const e of cached.events) {
      if (e.occurredAt < window.start) {
        if (metric.aggregation === 'time_weighted') initialLevel = delta ? (initialLevel ?? new Dec(0)).plus(e.quantity) : new Dec(e.quantity);
      } else if (e.occurredAt < window.end) events.push(e);
    }
    const a = aggregate(metric, events, window, initialLevel === undefined ? {} : { initialLevel });
    return { quantity: a.quantity, events: a.events, reportedCost: a.reportedCost, uncostedQuantity: a.uncostedQuantity, eventList: events };
  }

  private rawEvents(key: UsageKey, metric: CatalogMetric): { before: Dec | undefined; events: RawEvent[] } {
    const k = keyOf(key);
    let cached = this.rawCache.get(k);
    if (cached) return cached;
    const stmts = key.clientId === 0 ? this.stmts.unassigned : this.stmts.client;
    const params = { ...(key.clientId === 0 ? {} : { client: key.clientId }), metric: key.metricId, account: key.accountId };
    const rows = stmts.events.all({ ...params, from: this.from, to: this.to }) as Array<{ occurred_at: number; quantity: number; cost: string | null; attrs: string | null }>;
    let before: Dec | undefined;
    if (metric.aggregation === 'time_weighted') {
      if (metric.config.mode === 'delta') {
        const r = stmts.sumBefore.get({ ...params, at: this.from }) as { q: string | null };
        before = r.q === null ? undefined : dec(r.q);
      } else {
        const r = stmts.lastBefore.get({ ...params, at: this.from }) as { quantity: number } | undefined;
        before = r === undefined ? undefined : new Dec(r.quantity);
      }
    }
    cached = {
      before,
      events: rows.map((r) => ({ occurredAt: r.occurred_at, quantity: r.quantity, cost: r.cost, attrs: r.attrs ? (JSON.parse(r.attrs) as Record<string, unknown>) : null })),
    };
    this.rawCache.set(k, cached);
    return cached;
  }

  /** Sum metrics from one segmented pass over the rollups; count metrics and unaligned windows per window. */
  private readAdditive(): void {
    const additive = catalogMetrics(this.catalog).filter(isAdditive);
    const sums = additive.filter((m) => m.aggregation === 'sum');
    const counts = additive.filter((m) => m.aggregation === 'count');
    const aligned = this.windows.filter((w) => w.start % SLOT_MS === 0 && w.end % SLOT_MS === 0);
    for (const w of this.windows) {
      const isAligned = aligned.includes(w);
      const metrics = isAligned ? counts : additive;
      this.additive.set(windowKey(w), metrics.length > 0 ? this.reader.additiveTotals(w, { metrics }) : new Map());
    }
    if (aligned.length === 0 || sums.length === 0) return;

    const edges = [...new Set(aligned.flatMap((w) => [w.start / SLOT_MS, w.end / SLOT_MS]))].sort((a, b) => a - b);
    const inner = edges.slice(1, -1);
    const segment = inner.length === 0 ? '0' : `case ${inner.map((e, i) => `when slot < ${e} then ${i}`).join(' ')} else ${inner.length} end`;
    const rows = this.sumRollups(segment, sums, edges[0]!, edges[edges.length - 1]!);
    const windowsOfSegment = edges.slice(0, -1).map((startSlot, i) => aligned.filter((w) => w.start / SLOT_MS <= startSlot && edges[i + 1]! <= w.end / SLOT_MS));
    // whole numbers add up as bigints; one Dec per window and key at the end
    const acc = new Map<string, Map<string, { k: UsageKey; events: number; quantity: bigint; uncosted: bigint; nanos: bigint; cost: Dec | null }>>();
    for (const w of aligned) acc.set(windowKey(w), new Map());
    for (const r of rows) {
      const quantity = BigInt(r.quantity);
      const uncosted = BigInt(r.uncosted);
      const key = `${r.client_id}|${r.provider_account_id}|${r.metric_id}`;
      for (const w of windowsOfSegment[r.seg]!) {
        const map = acc.get(windowKey(w))!;
        let e = map.get(key);
        if (!e) map.set(key, (e = { k: { clientId: r.client_id, accountId: r.provider_account_id, metricId: r.metric_id }, events: 0, quantity: 0n, uncosted: 0n, nanos: 0n, cost: null }));
        e.events += Number(r.events);
        e.quantity += quantity;
        e.uncosted += uncosted;
        if (typeof r.cost === 'bigint') e.nanos += r.cost;
        else e.cost = (e.cost ?? new Dec(0)).plus(r.cost);
      }
    }
    for (const [wk, map] of acc) {
      const out = this.additive.get(wk)!;
      for (const [key, e] of map) {
        const nanos = e.nanos === 0n ? new Dec(0) : new Dec(e.nanos.toString()).div(NANO);
        out.set(key, {
          ...e.k,
          events: e.events,
          quantity: new Dec(e.quantity.toString()),
          uncostedQuantity: new Dec(e.uncosted.toString()),
          reportedCost: e.cost ? nanos.plus(e.cost) : nanos,
        });
      }
    }
  }

  /**
   * Sums of the sum metrics' rollups per client, account, metric and segment. Costs are decimal text: summed
   * exactly in SQL as whole numbers of 10^-9 ("0.0079" -> 7,900,000), then divided here. A cost with more than 9
   * decimals or 8 integer digits, or a sum that overflows 64 bits, falls back to dec_sum (exact, slower).
   */
  private sumRollups(segment: string, metrics: readonly CatalogMetric[], first: number, end: number): Array<{
    client_id: number;
    provider_account_id: number;
    metric_id: number;
    seg: number;
    events: number;
    quantity: string;
    uncosted: string;
    /** 10^-9 units (bigint), or the exact sum when a cost has more decimals */
    cost: bigint | Dec;
  }> {
    const where = `slot >= @first and slot < @end and metric_id in (${metrics.map((m) => m.id).join(', ')})`;
    const head = `client_id, provider_account_id, metric_id, ${segment} as seg, sum(events) as events, cast(sum(quantity) as text) as quantity, cast(sum(uncosted_quantity) as text) as uncosted`;
    const group = 'group by client_id, provider_account_id, metric_id, seg';
    const decimals = `(case when instr(cost, '.') = 0 then 0 else length(cost) - instr(cost, '.') end)`;
    type Row = { client_id: number; provider_account_id: number; metric_id: number; seg: number; events: number; quantity: string; uncosted: string };
    try {
      const rows = this.raw
        .prepare(
          `select ${head}, cast(sum(cast(replace(cost || substr('000000000', 1, 9 - ${decimals}), '.', '') as integer)) as text) as nanos,
                  max(${decimals}) as decimals, max(length(cost) - ${decimals}) as width
           from usage_rollups where ${where} ${group}`,
        )
        .all({ first, end }) as Array<Row & { nanos: string; decimals: number; width: number }>;
      if (rows.every((r) => r.decimals <= 9 && r.width <= 10)) {
        return rows.map(({ nanos, decimals: _d, width: _w, ...r }) => ({ ...r, cost: BigInt(nanos) }));
      }
    } catch {
      // a sum beyond 64 bits: the exact decimal sum below
    }
    const rows = this.raw.prepare(`select ${head}, dec_sum(cost) as cost from usage_rollups where ${where} ${group}`).all({ first, end }) as Array<Row & { cost: string }>;
    return rows.map((r) => ({ ...r, cost: dec(r.cost) }));
  }
}
