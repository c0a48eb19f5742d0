// Runs in main. What the alert rules watch for one client right now: its billing period (the plan's interval and
// anchor in the client's zone; a calendar month without a plan), and per metric the plan's allowance and the
// limit (the client's own, else the plan's), with the period's usage in the same unit.
//
// Units: allowances and plan limits are in the charge's billing unit (rate.ts compares them that way), so the
// usage is converted with the plan's charge for the metric (`toBillingUnit`); without a charge it stays in the
// metric's unit. A client's own limit is read in that same unit.
import type { Kysely } from 'kysely';
import { toBillingUnit, type Charge, type PlanDefinition } from '../../../shared/pricing';
import { Dec } from '../../../shared/money/decimal';
import { periodContaining, type BillingPeriod } from '../../../shared/time/billing-period';
import type { Database } from '../../db/schema';
import { readClientUsage } from '../pricing/client-usage';
import type { CatalogMetric, MetricCatalog } from '../pricing/metric-catalog';
import { clientSubscriptions } from '../pricing/subscriptions-service';
import type { UsageReader } from '../pricing/usage-reader';
import { localDayStart } from '../pricing/zones';

export interface WatchedMetric {
  metric: CatalogMetric;
  /** the plan's allowance charge for the metric, if any */
  allowance: Dec | null;
  limit: { value: Dec; source: 'client' | 'plan' } | null;
  /** the charge that prices the metric (for the unit and the overage rule) */
  charge: Charge | null;
  /** period usage in the billing unit */
  quantity: Dec;
  unit: string;
}

export interface ClientWatch {
  clientId: number;
  clientName: string;
  zone: string;
  plan: PlanDefinition | null;
  period: BillingPeriod;
  metrics: WatchedMetric[];
}

/** The plan version in force at `now` (subscriptions never overlap). */
export async function currentPlan(db: Kysely<Database>, clientId: number, zone: string, now: number): Promise<PlanDefinition | null> {
  for (const s of await clientSubscriptions(db, clientId)) {
    const start = localDayStart(s.startDate, zone);
    const end = s.endDate === null ? Number.POSITIVE_INFINITY : localDayStart(s.endDate, zone);
    if (start <= now && now < end) return s.definition;
  }
  return null;
}

export async function clientLimits(db: Kysely<Database>, clientId: number): Promise<Map<string, Dec>> {
  const rows = await db.selectFrom('client_limits').select(['metric_key', 'monthly_limit']).where('client_id', '=', clientId).execute();
  return new Map(rows.map((r) => [r.metric_key, new Dec(r.monthly_limit)]));
}

export async function watchClient(input: {
  db: Kysely<Database>;
  reader: UsageReader;
  catalog: MetricCatalog;
  client: { id: number; name: string };
  zone: string;
  now: number;
}): Promise<ClientWatch> {
  const { db, reader, catalog, client, zone, now } = input;
  const plan = await currentPlan(db, client.id, zone, now);
  const period = periodContaining(now, plan ? { interval: plan.interval, anchor: plan.anchor, zone } : { interval: 'month', anchor: { kind: 'calendar' }, zone });
  const own = await clientLimits(db, client.id);
  const keys = new Set<string>([...own.keys(), ...Object.keys(plan?.limits ?? {})]);
  for (const c of plan?.charges ?? []) if (c.model.type === 'allowance') keys.add(c.metricKey);

  const watched = [...keys].sort().flatMap((key) => {
    const metric = catalog.byKey(key);
    return metric ? [{ key, metric }] : [];
  });
  const window = { start: Date.parse(period.start), end: Date.parse(period.end) };
  const usage = watched.length > 0 ? readClientUsage(reader, catalog, client.id, window, { metricIds: new Set(watched.map((w) => w.metric.id)) }) : new Map();
  const metrics: WatchedMetric[] = watched.map(({ key, metric }) => {
    const charge = plan?.charges.find((c) => c.metricKey === key && c.model.type === 'allowance') ?? plan?.charges.find((c) => c.metricKey === key) ?? null;
    const allowance = charge?.model.type === 'allowance' ? new Dec(charge.model.included) : null;
    const planLimit = plan?.limits?.[key];
    const ownLimit = own.get(key);
    const limit = ownLimit !== undefined ? { value: ownLimit, source: 'client' as const } : planLimit !== undefined ? { value: new Dec(planLimit), source: 'plan' as const } : null;
    const q = (usage.get(metric.id) as { quantity: Dec } | undefined)?.quantity ?? new Dec(0);
    const quantity = toBillingUnit(q, charge?.unitDivisor, metric, window.end - window.start);
    return { metric, allowance, limit, charge, quantity, unit: charge?.unitDivisor?.unit ?? metric.unit };
  });
  return { clientId: client.id, clientName: client.name, zone, plan, period, metrics };
}
