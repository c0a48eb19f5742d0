// Runs in main. Who is near or over a limit or allowance in a billing period: the rules of the alerts engine
// (alerts/client-watch.ts, alerts/rules.ts) applied to a rated period. Quantities are in the plan charge's billing
// unit (a client's own limit is read in that unit too); "near" is at or above 75 %, or at or above the client's
// lowest alert threshold when it has its own alert settings; "over" is above a limit, or above the allowance.
import type BetterSqlite3 from 'better-sqlite3';
import type { LimitWatch } from '../../../shared/domain/dashboard';
import { toBillingUnit } from '../../../shared/pricing';
import { Dec, decText } from '../../../shared/money/decimal';
import { overLimit, percentUsed } from '../alerts/rules';
import type { MetricCatalog } from '../pricing/metric-catalog';
import type { PlanDefinition } from '../../../shared/pricing';

export const NEAR_PERCENT = 75;

export interface LimitInputs {
  /** client id -> metric key -> the client's own monthly limit */
  own: Map<number, Map<string, Dec>>;
  /** client id -> its own alert thresholds (only clients with alert settings) */
  thresholds: Map<number, number[]>;
}

export function loadLimitInputs(raw: BetterSqlite3.Database): LimitInputs {
  const own = new Map<number, Map<string, Dec>>();
  for (const r of raw.prepare('select client_id, metric_key, monthly_limit from client_limits').all() as Array<{ client_id: number; metric_key: string; monthly_limit: string }>) {
    const m = own.get(r.client_id) ?? new Map<string, Dec>();
    m.set(r.metric_key, new Dec(r.monthly_limit));
    own.set(r.client_id, m);
  }
  const thresholds = new Map<number, number[]>();
  for (const r of raw.prepare('select client_id, thresholds from alert_settings').all() as Array<{ client_id: number; thresholds: string }>) {
    thresholds.set(r.client_id, JSON.parse(r.thresholds) as number[]);
  }
  return { own, thresholds };
}

export interface ClientLimits {
  entries: LimitWatch[];
  /** the highest percent of an allowance or limit, one decimal; null without either */
  allowanceUsedPercent: string | null;
  limitStatus: 'near' | 'over' | null;
  overLimit: boolean;
}

export interface WatchedClient {
  client: { id: number; name: string };
  /** the plan of the period (null without one) */
  plan: PlanDefinition | null;
  period: { start: string; end: string };
  /** metric id -> the period's quantity in the metric's unit */
  usage: ReadonlyMap<number, { quantity: Dec }>;
}

export function watchLimits(rated: WatchedClient, catalog: MetricCatalog, inputs: LimitInputs): ClientLimits {
  const { client, plan, usage, period } = rated;
  const own = inputs.own.get(client.id) ?? new Map<string, Dec>();
  const custom = inputs.thresholds.get(client.id);
  const near = Math.min(NEAR_PERCENT, ...(custom ?? []));
  const keys = new Set<string>([...own.keys(), ...Object.keys(plan?.limits ?? {})]);
  for (const c of plan?.charges ?? []) if (c.model.type === 'allowance') keys.add(c.metricKey);
  const periodMs = Date.parse(period.end) - Date.parse(period.start);

  const entries: LimitWatch[] = [];
  let top: Dec | null = null;
  let over = false;
  for (const key of [...keys].sort()) {
    const metric = catalog.byKey(key);
    if (!metric) continue;
    const charge = plan?.charges.find((c) => c.metricKey === key && c.model.type === 'allowance') ?? plan?.charges.find((c) => c.metricKey === key) ?? null;
    const quantity = toBillingUnit(usage.get(metric.id)?.quantity ?? new Dec(0), charge?.unitDivisor, metric, periodMs);
    const unit = charge?.unitDivisor?.unit ?? metric.unit;
    const bases: Array<{ basis: 'allowance' | 'limit'; base: Dec }> = [];
    if (charge?.model.type === 'allowance') bases.push({ basis: 'allowance', base: new Dec(charge.model.included) });
    const limit = own.get(key) ?? (plan?.limits?.[key] !== undefined ? new Dec(plan.limits[key]!) : undefined);
    if (limit !== undefined) bases.push({ basis: 'limit', base: limit });
    for (const { basis, base } of bases) {
      const pct = percentUsed(quantity, base);
      if (base.gt(0) && (top === null || pct.gt(top))) top = pct;
      const isOver = basis === 'limit' ? overLimit(quantity, base) : quantity.gt(base);
      if (basis === 'limit' && isOver) over = true;
      const isNear = !isOver && base.gt(0) && quantity.times(100).gte(base.times(near));
      if (!isOver && !isNear) continue;
      entries.push({
        clientId: client.id,
        clientName: client.name,
        metricKey: key,
        metricName: metric.name,
        unit,
        quantity: decText(quantity.toDecimalPlaces(6, Dec.ROUND_HALF_UP)),
        basis,
        base: decText(base),
        percent: decText(pct),
        status: isOver ? 'over' : 'near',
      });
    }
  }
  return {
    entries,
    allowanceUsedPercent: top === null ? null : top.toFixed(1),
    limitStatus: entries.some((e) => e.status === 'over') ? 'over' : entries.length > 0 ? 'near' : null,
    overLimit: over,
  };
}
