// Runs in main. One client's usage per metric in a window, per provider account and combined — what the
// rating engine needs as `usage[metricKey].quantity` and what the rate cards need per account.
import { aggregate, type UsageEventInput } from '../../../shared/pricing';
import { Dec } from '../../../shared/money/decimal';
import { SLOT_MS } from '../../db/usage-store';
import type { CatalogMetric, MetricCatalog } from './metric-catalog';
import { isAdditive, zeroTotals, type RollupSpan, type UsageReader, type UsageTotals, type UsageWindow } from './usage-reader';

export interface MetricUsage {
  metric: CatalogMetric;
  /** combined over the client's accounts, in the metric's unit */
  quantity: Dec;
  events: number;
  /** per provider account id */
  perAccount: Map<number, UsageTotals>;
}

/** Does a rollup span matter for a window? Time-weighted levels set before the window carry into it. */
export function spanTouches(span: RollupSpan, metric: CatalogMetric, window: UsageWindow): boolean {
  const first = Math.floor(window.start / SLOT_MS);
  const last = Math.floor((window.end - 1) / SLOT_MS);
  if (span.firstSlot > last) return false;
  return metric.aggregation === 'time_weighted' || span.lastSlot >= first;
}

/**
 * Usage of one client (0 = unassigned) per metric id in the window.
 * - sum, count, time_weighted, session_blocks: the accounts' quantities add up (a level on one account
 *   does not replace a level on another; a conversation belongs to one account);
 * - max: the largest of the accounts' maxima; unique_count: distinct values over all the accounts' events.
 */
export function readClientUsage(
  reader: UsageReader,
  catalog: MetricCatalog,
  clientId: number,
  window: UsageWindow,
  options: { spans?: readonly RollupSpan[]; metricIds?: ReadonlySet<number> } = {},
): Map<number, MetricUsage> {
  const spans = (options.spans ?? reader.spans({ clientId })).filter((s) => {
    const m = catalog.byId(s.metricId);
    return s.clientId === clientId && m !== undefined && (options.metricIds === undefined || options.metricIds.has(m.id)) && spanTouches(s, m, window);
  });
  const out = new Map<number, MetricUsage>();
  const entry = (metric: CatalogMetric) => {
    let e = out.get(metric.id);
    if (!e) out.set(metric.id, (e = { metric, quantity: new Dec(0), events: 0, perAccount: new Map() }));
    return e;
  };

  const additive = [...new Set(spans.map((s) => s.metricId))].map((id) => catalog.byId(id)!).filter(isAdditive);
  const accountIds = [...new Set(spans.map((s) => s.accountId))];
  if (additive.length > 0) {
    for (const t of reader.additiveTotals(window, { metrics: additive, clientId, accountIds }).values()) {
      const e = entry(catalog.byId(t.metricId)!);
      const { quantity, events, reportedCost, uncostedQuantity } = t;
      e.perAccount.set(t.accountId, { quantity, events, reportedCost, uncostedQuantity });
      e.quantity = e.quantity.plus(quantity);
      e.events += events;
    }
  }

  const unionEvents = new Map<number, UsageEventInput[]>();
  for (const s of spans) {
    const metric = catalog.byId(s.metricId)!;
    if (isAdditive(metric)) continue;
    const a = reader.aggregateRaw({ clientId, accountId: s.accountId, metricId: metric.id }, metric, window);
    if (a.events === 0 && a.quantity.isZero()) continue;
    const e = entry(metric);
    e.perAccount.set(s.accountId, { quantity: a.quantity, events: a.events, reportedCost: a.reportedCost, uncostedQuantity: a.uncostedQuantity });
    e.events += a.events;
    if (metric.aggregation === 'max') e.quantity = Dec.max(e.quantity, a.quantity);
    else if (metric.aggregation === 'unique_count') unionEvents.set(metric.id, [...(unionEvents.get(metric.id) ?? []), ...a.eventList]);
    else e.quantity = e.quantity.plus(a.quantity);
  }
  for (const [metricId, events] of unionEvents) {
    const e = out.get(metricId)!;
    e.quantity = aggregate(e.metric, events, window).quantity;
  }
  return out;
}

/** The combined totals of a metric over accounts (for messages and tests). */
export function totalsOf(u: MetricUsage): UsageTotals {
  let t = zeroTotals();
  for (const a of u.perAccount.values()) {
    t = { quantity: t.quantity, events: t.events + a.events, reportedCost: t.reportedCost.plus(a.reportedCost), uncostedQuantity: t.uncostedQuantity.plus(a.uncostedQuantity) };
  }
  return { ...t, quantity: u.quantity };
}
