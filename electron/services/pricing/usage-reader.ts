// Runs in main. Reads usage for rating: per client (0 = unassigned), provider account and metric over a
// window [start, end) of epoch ms.
//
// - sum and count metrics: whole 15-minute slots from usage_rollups, raw events only in the partial slots at
//   either edge (a billing period in any real zone starts on a quarter hour, so usually none). Exact: integer
//   quantities, decimal costs summed as text (dec_sum). Never a scan of raw events.
// - max, unique_count, time_weighted, session_blocks: the raw events of that client, metric and account in the
//   window (index usage_events_client_metric_time), plus for time_weighted the level in force at the start
//   (the last event before it, or the sum of earlier changes in delta mode), aggregated by the engine.
//
// `count` metrics and reported costs: rollups keep the quantity without a cost, not the number of events
// without one. In a slot where every event is uncosted (uncosted quantity = quantity and the cost sum is 0)
// all its events count as uncosted; slots with reported costs are counted from raw events. (Only a slot whose
// costed events have quantity 0 and costs summing to 0 would be misread; a count metric has no use for either.)
import type BetterSqlite3 from 'better-sqlite3';
import { aggregate, type UsageEventInput } from '../../../shared/pricing';
import { Dec, dec } from '../../../shared/money/decimal';
import { SLOT_MS, slotPlan } from '../../db/usage-store';

export { slotPlan };
import type { CatalogMetric } from './metric-catalog';

export interface UsageWindow {
  /** epoch ms, inclusive */
  start: number;
  /** epoch ms, exclusive */
  end: number;
}

export interface UsageTotals {
  /** the metric's quantity (metric unit) */
  quantity: Dec;
  events: number;
  /** sum of provider-reported costs (account currency) */
  reportedCost: Dec;
  /** base-unit quantity without a reported cost, for the rate card (count: number of such events) */
  uncostedQuantity: Dec;
}

export interface UsageKey {
  clientId: number;
  accountId: number;
  metricId: number;
}

/** Which metrics on which accounts have rollups, and over which slots. */
export interface RollupSpan extends UsageKey {
  firstSlot: number;
  lastSlot: number;
}

const ZERO = new Dec(0);
export const zeroTotals = (): UsageTotals => ({ quantity: ZERO, events: 0, reportedCost: ZERO, uncostedQuantity: ZERO });

const ADDITIVE = new Set(['sum', 'count']);
export const isAdditive = (m: CatalogMetric): boolean => ADDITIVE.has(m.aggregation);

/** SQL condition on usage_events.client_id for a client id (0 = unassigned, stored as null). */
const clientCond = (clientId: number) => (clientId === 0 ? 'client_id is null' : 'client_id = @client');

const keyOf = (k: UsageKey) => `${k.clientId}|${k.accountId}|${k.metricId}`;

export class UsageReader {
  constructor(private readonly raw: BetterSqlite3.Database) {}

  /**
   * Rollup spans (first and last slot with usage) per client, account and metric, filtered. One pass over
   * usage_rollups; callers decide what overlaps their window (time-weighted levels carry in from before it).
   */
  spans(filter: { clientId?: number; accountIds?: readonly number[]; metricIds?: readonly number[] }): RollupSpan[] {
    const where: string[] = [];
    const params: Record<string, number> = {};
    if (filter.clientId !== undefined) {
      where.push('client_id = @client');
      params.client = filter.clientId;
    }
    if (filter.accountIds) where.push(`provider_account_id in (${ints(filter.accountIds)})`);
    if (filter.metricIds) where.push(`metric_id in (${ints(filter.metricIds)})`);
    const rows = this.raw
      .prepare(
        `select client_id, provider_account_id, metric_id, min(slot) as first_slot, max(slot) as last_slot from usage_rollups
         ${where.length ? `where ${where.join(' and ')}` : ''} group by client_id, provider_account_id, metric_id`,
      )
      .all(params) as Array<{ client_id: number; provider_account_id: number; metric_id: number; first_slot: number; last_slot: number }>;
    return rows.map((r) => ({ clientId: r.client_id, accountId: r.provider_account_id, metricId: r.metric_id, firstSlot: r.first_slot, lastSlot: r.last_slot }));
  }

  /**
   * Totals of sum and count metrics per client, account and metric in the window.
   * `metrics` must all be additive; `clientId` narrows to one client (0 = unassigned).
   */
  additiveTotals(window: UsageWindow, filter: { metrics: readonly CatalogMetric[]; clientId?: number; accountIds?: readonly number[] }): Map<string, UsageKey & UsageTotals> {
    const out = new Map<string, UsageKey & UsageTotals>();
    if (filter.metrics.length === 0) return out;
    for (const m of filter.metrics) if (!isAdditive(m)) throw new Error(`Metric "${m.key}" is not additive.`);
    const metricIds = filter.metrics.map((m) => m.id);
    const countIds = filter.metrics.filter((m) => m.aggregation === 'count').map((m) => m.id);
    const { firstSlot, endSlot, rawRanges } = slotPlan(window);
    const where = [`metric_id in (${ints(metricIds)})`];
    const params: Record<string, number> = {};
    if (filter.clientId !== undefined) {
      where.push('client_id = @client');
      params.client = filter.clientId;
    }
    if (filter.accountIds) where.push(`provider_account_id in (${ints(filter.accountIds)})`);
    const entry = (k: UsageKey) => {
      let e = out.get(keyOf(k));
      if (!e) out.set(keyOf(k), (e = { ...k, ...zeroTotals() }));
      return e;
    };

    if (firstSlot < endSlot) {
      // `clean`: a slot of a count metric whose events are all uncosted; the others are counted from raw events
      const clean = `uncosted_quantity = quantity and cost = '0'`;
      const rows = this.raw
        .prepare(
          `select client_id, provider_account_id, metric_id, sum(events) as events, cast(sum(quantity) as text) as quantity,
                  cast(sum(uncosted_quantity) as text) as uncosted, dec_sum(cost) as cost,
                  sum(case when ${clean} then events else 0 end) as clean_events,
                  group_concat(case when metric_id in (${ints(countIds)}) and not (${clean}) then slot end) as costed_slots
           from usage_rollups where slot >= @firstSlot and slot < @endSlot and ${where.join(' and ')}
           group by client_id, provider_account_id, metric_id`,
        )
        .all({ ...params, firstSlot, endSlot }) as Array<{
        client_id: number;
        provider_account_id: number;
        metric_id: number;
        events: number;
        quantity: string;
        uncosted: string;
        cost: string;
        clean_events: number;
        costed_slots: string | null;
      }>;
      for (const r of rows) {
        const k = { clientId: r.client_id, accountId: r.provider_account_id, metricId: r.metric_id };
        const e = entry(k);
        const isCount = countIds.includes(r.metric_id);
        e.events += Number(r.events);
        e.quantity = e.quantity.plus(isCount ? new Dec(Number(r.events)) : dec(r.quantity));
        e.reportedCost = e.reportedCost.plus(dec(r.cost));
        if (isCount) {
          let uncosted = Number(r.clean_events);
          for (const slot of (r.costed_slots ?? '').split(',').filter(Boolean).map(Number)) {
            uncosted += this.uncostedEvents(k, [slot * SLOT_MS, (slot + 1) * SLOT_MS]);
          }
          e.uncostedQuantity = e.uncostedQuantity.plus(uncosted);
        } else e.uncostedQuantity = e.uncostedQuantity.plus(dec(r.uncosted));
      }
    }

    // Partial slots at the edges: find who has usage there from the rollups, then read those raw events.
    if (rawRanges.length > 0) {
      const edgeSlots = [...new Set(rawRanges.flatMap(([a, b]) => [Math.floor(a / SLOT_MS), Math.floor((b - 1) / SLOT_MS)]))];
      const keys = this.raw
        .prepare(`select distinct client_id, provider_account_id, metric_id from usage_rollups where slot in (${ints(edgeSlots)}) and ${where.join(' and ')}`)
        .all(params) as Array<{ client_id: number; provider_account_id: number; metric_id: number }>;
      for (const r of keys) {
        const k = { clientId: r.client_id, accountId: r.provider_account_id, metricId: r.metric_id };
        const isCount = countIds.includes(r.metric_id);
        for (const range of rawRanges) {
          const events = this.rawEvents(k, range, false);
          if (events.length === 0) continue;
          const e = entry(k);
          for (const ev of events) {
            e.events += 1;
            e.quantity = e.quantity.plus(isCount ? 1 : ev.quantity);
            if (ev.cost === null) e.uncostedQuantity = e.uncostedQuantity.plus(isCount ? 1 : ev.quantity);
            else e.reportedCost = e.reportedCost.plus(dec(ev.cost));
          }
        }
      }
    }
    return out;
  }

  /**
   * The engine's aggregate of one client's metric on one account in the window, from raw events (any
   * aggregation; used for max, unique_count, time_weighted and session_blocks).
   */
  aggregateRaw(key: UsageKey, metric: CatalogMetric, window: UsageWindow): UsageTotals & { events: number; eventList: UsageEventInput[] } {
    const events = this.rawEvents(key, [window.start, window.end], true);
    let initialLevel: Dec | undefined;
    if (metric.aggregation === 'time_weighted') initialLevel = this.openingLevel(key, metric.config.mode === 'delta' ? 'delta' : 'level', window.start);
    const a = aggregate(metric, events, window, initialLevel === undefined ? {} : { initialLevel });
    return { quantity: a.quantity, events: a.events, reportedCost: a.reportedCost, uncostedQuantity: a.uncostedQuantity, eventList: events };
  }

  /** Raw events of one client, account and metric in [from, to), in time order (ties by id). */
  private rawEvents(key: UsageKey, [from, to]: [number, number], withAttrs: boolean): Array<UsageEventInput & { quantity: number; cost: string | null }> {
    const rows = this.raw
      .prepare(
        `select occurred_at, quantity, cost${withAttrs ? ', attrs' : ''} from usage_events
         where ${clientCond(key.clientId)} and metric_id = @metric and provider_account_id = @account and occurred_at >= @from and occurred_at < @to
         order by occurred_at, id`,
      )
      .all({ ...(key.clientId === 0 ? {} : { client: key.clientId }), metric: key.metricId, account: key.accountId, from, to }) as Array<{
      occurred_at: number;
      quantity: number;
      cost: string | null;
      attrs?: string | null;
    }>;
    return rows.map((r) => ({
      occurredAt: r.occurred_at,
      quantity: r.quantity,
      cost: r.cost,
      attrs: r.attrs ? (JSON.parse(r.attrs) as Record<string, unknown>) : null,
    }));
  }

  private uncostedEvents(key: UsageKey, [from, to]: [number, number]): number {
    const row = this.raw
      .prepare(
        `select count(*) as n from usage_events
         where ${clientCond(key.clientId)} and metric_id = @metric and provider_account_id = @account and occurred_at >= @from and occurred_at < @to and cost is null`,
      )
      .get({ ...(key.clientId === 0 ? {} : { client: key.clientId }), metric: key.metricId, account: key.accountId, from, to }) as { n: number };
    return Number(row.n);
  }

  /** The level in force at `at`: the last event before it (level mode) or the sum of every earlier change (delta mode). */
  private openingLevel(key: UsageKey, mode: 'level' | 'delta', at: number): Dec | undefined {
    const base = `from usage_events where ${clientCond(key.clientId)} and metric_id = @metric and provider_account_id = @account and occurred_at < @at`;
    const params = { ...(key.clientId === 0 ? {} : { client: key.clientId }), metric: key.metricId, account: key.accountId, at };
    if (mode === 'delta') {
      const row = this.raw.prepare(`select cast(sum(quantity) as text) as q ${base}`).get(params) as { q: string | null };
      return row.q === null ? undefined : dec(row.q);
    }
    const row = this.raw.prepare(`select quantity ${base} order by occurred_at desc, id desc limit 1`).get(params) as { quantity: number } | undefined;
    return row === undefined ? undefined : new Dec(row.quantity);
  }
}

function ints(values: readonly number[]): string {
  if (values.length === 0) return 'null';
  for (const v of values) if (!Number.isSafeInteger(v)) throw new Error(`Not an id: ${v}`);
  return values.join(', ');
}
