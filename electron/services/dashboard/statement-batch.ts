// Runs in main. Every client's statement for one period label, rated in one batch: the SAME numbers as
// StatementsService.get (pricing/statements-service.ts) per client — a test compares them for every client of the
// demo agency and of the pricing fixtures — without its per-client reads.
//
// statements.get reads one client's usage, and for each provider account with a rate card it reads every other
// client's usage on that account to split the card's cost: fine for one statement, quadratic for 5,000. Here:
// 1. clients, subscriptions (with plan versions), pauses and licenses are loaded once; each client's subscription
//    and period are chosen by statements.get's own `choose` (with memoised period and day lookups);
// 2. the clients' periods fall into a few windows (one per zone and anchor); each window's usage is read once for
//    every client (window-usage.ts) and each rate card's cost is allocated once (window-costs.ts);
// 3. each client is rated by statements.get's own rating step (`rateChosen`: plan-change rule, trial inputs,
//    pause and trial windows, licenses), told which clients have no pauses or licenses so their reads are skipped.
// The period close drafts invoices from these statements (notes included), so they must stay equal.
import type { PlanDefinition } from '../../../shared/pricing';
import type { ClientStatement } from '../../../shared/domain/pricing';
import type { ExchangeRate } from '../../../shared/domain/exchange-rates';
import { Dec } from '../../../shared/money/decimal';
import { periodByLabel as periodByLabelUncached, type BillingPeriod, type PeriodSpec } from '../../../shared/time/billing-period';
import type { AppContextDeps } from '../app-deps';
import { AppError } from '../errors';
import { loadExchangeRates } from '../exchange-rates-service';
import type { MetricUsage } from '../pricing/client-usage';
import type { SubscriptionExtras } from '../pricing/lifecycle-inputs';
import { loadMetricCatalog, type MetricCatalog } from '../pricing/metric-catalog';
import { cardPrices, loadProviderAccounts, type ProviderAccountInfo } from '../pricing/provider-costs';
import type { SubscriptionRecord } from '../pricing/subscriptions-service';
import { choose, rateChosen, type Chosen } from '../pricing/statements-service';
import { UsageReader, isAdditive, type UsageWindow } from '../pricing/usage-reader';
import { clientZone, localDayStart as localDayStartUncached } from '../pricing/zones';
import { allocateWindow, clientCosts, costsInAccountCurrency, separablePrice, type WindowAllocations } from './window-costs';
import { WindowUsageReader, catalogMetrics, type UsageByClient } from './window-usage';

// Pure and called thousands of times with the same few arguments (Luxon zone math is slow): memoized.
const periods = new Map<string, BillingPeriod>();
function periodByLabel(label: string, spec: PeriodSpec): BillingPeriod {
  const key = `${label}|${spec.interval}|${JSON.stringify(spec.anchor)}|${spec.zone}`;
  let p = periods.get(key);
  if (!p) {
    if (periods.size > 10_000) periods.clear();
    periods.set(key, (p = periodByLabelUncached(label, spec)));
  }
  return p;
}
const dayStarts = new Map<string, number>();
function localDayStart(date: string, zone: string): number {
  const key = `${date}|${zone}`;
  let t = dayStarts.get(key);
  if (t === undefined) {
    if (dayStarts.size > 100_000) dayStarts.clear();
    dayStarts.set(key, (t = localDayStartUncached(date, zone)));
  }
  return t;
}

export interface BatchClient {
  id: number;
  name: string;
  currency: string;
  status: 'active' | 'trial' | 'paused';
  /** the client's billing zone: its own, else the agency's */
  zone: string;
  archived: boolean;
}

export interface RatedClient {
  client: BatchClient;
  /** the period rated (or, without a plan, the calendar period of the label in the client's zone) */
  period: BillingPeriod;
  /** the plan of the chosen subscription (also when its currency does not match) */
  plan: PlanDefinition | null;
  /** statements.get's answer (with its notes); null when it would fail */
  statement: ClientStatement | null;
  /** no_plan: statements.get answers not_found; error: any other failure (message as statements.get gives it) */
  problem: { kind: 'no_plan' | 'error'; message: string } | null;
  /** the period's usage per metric id, as read (before pauses and trials) */
  usage: ReadonlyMap<number, MetricUsage>;
  /** exact, in the client's currency: the statement's providerCostExact, else the usage's cost */
  providerCost: Dec;
}

export interface PeriodRating {
  label: string;
  catalog: MetricCatalog;
  agencyZone: string;
  /** null before onboarding */
  agencyCurrency: string | null;
  exchangeRates: ExchangeRate[];
  /** in client id order */
  clients: RatedClient[];
  /** usage no client is mapped to, over the label's calendar period in the agency's zone */
  unassigned: { period: BillingPeriod; usage: ReadonlyMap<number, MetricUsage>; costs: Map<string, Map<string, Dec>> };
}

export interface RateOptions {
  /** default: every client that is not archived */
  clientIds?: readonly number[];
  includeArchived?: boolean;
  /** filled with the milliseconds each phase took (load, windows, rate) */
  timings?: Record<string, number>;
}

/** Rates every (non-archived) client's statement for `label` ("2026-10", or "2026" for annual plans). */
export async function ratePeriod(deps: Pick<AppContextDeps, 'ledger' | 'logger'>, label: string, options: RateOptions = {}): Promise<PeriodRating> {
  const { db, raw } = deps.ledger;
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    if (options.timings) options.timings[phase] = (options.timings[phase] ?? 0) + now - mark;
    mark = now;
  };
  const agency = await db.selectFrom('agency').select(['time_zone', 'currency']).where('id', '=', 1).executeTakeFirst();
  const agencyZone = agency?.time_zone ?? 'UTC';
  let q = db.selectFrom('clients').select(['id', 'name', 'currency', 'time_zone', 'status', 'archived_at']).orderBy('id');
  if (!options.includeArchived) q = q.where('archived_at', 'is', null);
  if (options.clientIds) q = q.where('id', 'in', options.clientIds.length > 0 ? [...options.clientIds] : [-1]);
  const clients: BatchClient[] = (await q.execute()).map((c) => ({
    id: c.id,
    name: c.name,
    currency: c.currency,
    status: c.status,
    zone: clientZone(c, agencyZone),
    archived: c.archived_at !== null,
  }));
  const { subscriptions, extras } = loadSubscriptions(raw, clients);
  const withPauses = new Set((raw.prepare('select distinct client_id from pauses').all() as Array<{ client_id: number }>).map((r) => r.client_id));
  const withLicenses = new Set(
    (raw.prepare('select distinct client_id from licenses where period_label = ? and revoked_at is null').all(label) as Array<{ client_id: number }>).map((r) => r.client_id),
  );
  const catalog = await loadMetricCatalog(db, deps.logger);
  const exchangeRates = await loadExchangeRates(db);
  const accountIds = (await db.selectFrom('provider_accounts').select('id').execute()).map((r) => r.id);
  const accounts = await loadProviderAccounts(db, accountIds, catalog);
  const reader = new UsageReader(raw);
  lap('load');

  // 1. subscription and period of each client
  const annual = !label.includes('-');
  const calendar = (zone: string) => periodByLabel(label, { interval: annual ? 'year' : 'month', anchor: { kind: 'calendar' }, zone });
  const plans = clients.map((client) => {
    try {
      const chosen = choose(subscriptions.get(client.id) ?? [], label, client.zone, client.name, { periodByLabel, localDayStart });
      return { client, chosen, period: chosen.period, failure: null };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { client, chosen: null, period: calendar(client.zone), failure: { kind: err.code === 'not_found' ? ('no_plan' as const) : ('error' as const), message: err.message } };
    }
  });
  const unassignedPeriod = calendar(agencyZone);

  // 2. each window's usage (every client) and rate-card allocations
  const windows = new Map<string, { window: UsageWindow; clientIds: Set<number> }>();
  const windowOf = (p: BillingPeriod) => {
    const key = `${p.start}|${p.end}`;
    let w = windows.get(key);
    if (!w) windows.set(key, (w = { window: { start: Date.parse(p.start), end: Date.parse(p.end) }, clientIds: new Set() }));
    return w;
  };
  for (const p of plans) windowOf(p.period).clientIds.add(p.client.id);
  windowOf(unassignedPeriod).clientIds.add(0);
  const nonAdditive = catalogMetrics(catalog).filter((m) => !isAdditive(m));
  lap('choose');
  const spans = nonAdditive.length > 0 ? reader.spans({ metricIds: nonAdditive.map((m) => m.id) }) : [];
  lap('spans');
  // another client's usage matters where a rate card splits a cost by everyone's usage (not when the split is separable)
  const splitByCard = (accountId: number, metricId: number) => {
    const card = accounts.get(accountId)?.rateCard ?? null;
    const metric = catalog.byId(metricId);
    return metric !== undefined && cardPrices(card, metric.key) && separablePrice(card, metric) === null;
  };
  const read = new Map<string, { usage: UsageByClient; allocations: WindowAllocations }>();
  const windowReader = new WindowUsageReader(raw, reader, catalog, [...windows.values()].map((w) => w.window));
  lap('rollups');
  for (const [key, w] of windows) {
    const usage = windowReader.usage(w.window, spans, (s) => w.clientIds.has(s.clientId) || splitByCard(s.accountId, s.metricId));
    lap('usage');
    read.set(key, { usage, allocations: allocateWindow({ window: w.window, usage, accounts, catalog }) });
    lap('allocate');
  }
  const inWindow = (p: BillingPeriod) => read.get(`${p.start}|${p.end}`)!;

  // 3. rate each client
  const shared: Shared = { deps, reader, catalog, accounts, exchangeRates, extras, withPauses, withLicenses };
  const rated: RatedClient[] = [];
  for (const [i, p] of plans.entries()) {
    // let other commands in between (rating 5,000 clients takes seconds)
    if (i > 0 && i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    const { usage: all, allocations } = inWindow(p.period);
    const usage = all.get(p.client.id) ?? new Map<number, MetricUsage>();
    const base = { client: p.client, period: p.period, usage };
    const costIn = (currency: string) => clientCosts({ clientId: p.client.id, usage, accounts, allocations, catalog, currency, exchangeRates });
    const usageCost = () => sumValues(costIn(p.client.currency).perMetric);
    if (!p.chosen) {
      rated.push({ ...base, plan: null, statement: null, problem: p.failure, providerCost: usageCost() });
      continue;
    }
    const plan = p.chosen.subscription.definition;
    try {
      const statement = await rateOne(shared, p.client, subscriptions.get(p.client.id)!, p.chosen, usage, costIn);
      rated.push({ ...base, plan, statement, problem: null, providerCost: new Dec(statement.statement.providerCostExact) });
    } catch (err) {
      // one client's failure never hides the others (statements.get would answer an internal error for it)
      if (!(err instanceof AppError)) deps.logger.error(`Could not rate client ${p.client.id} for ${label}`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      const message = err instanceof AppError ? err.message : `Meterbook could not rate ${p.client.name}'s statement for ${label}; see the log.`;
      rated.push({ ...base, plan, statement: null, problem: { kind: 'error', message }, providerCost: usageCost() });
    }
  }

  lap('rate');
  const u = inWindow(unassignedPeriod);
  const unassignedUsage = u.usage.get(0) ?? new Map<number, MetricUsage>();
  return {
    label,
    catalog,
    agencyZone,
    agencyCurrency: agency?.currency ?? null,
    exchangeRates,
    clients: rated,
    unassigned: { period: unassignedPeriod, usage: unassignedUsage, costs: costsInAccountCurrency({ clientId: 0, usage: unassignedUsage, accounts, allocations: u.allocations }) },
  };
}

const sumValues = (m: ReadonlyMap<string, Dec>) => [...m.values()].reduce((a, b) => a.plus(b), new Dec(0));

interface Shared {
  deps: Pick<AppContextDeps, 'ledger' | 'logger'>;
  reader: UsageReader;
  catalog: MetricCatalog;
  accounts: ReadonlyMap<number, ProviderAccountInfo>;
  exchangeRates: ExchangeRate[];
  extras: ReadonlyMap<number, SubscriptionExtras>;
  withPauses: ReadonlySet<number>;
  withLicenses: ReadonlySet<number>;
}

/** statements.get for one client, from preloaded inputs: the same rating step (rateChosen). */
async function rateOne(
  shared: Shared,
  client: BatchClient,
  subscriptions: readonly SubscriptionRecord[],
  chosen: Chosen,
  usage: ReadonlyMap<number, MetricUsage>,
  costIn: (currency: string) => ReturnType<typeof clientCosts>,
): Promise<ClientStatement> {
  return rateChosen({
    db: shared.deps.ledger.db,
    reader: shared.reader,
    catalog: shared.catalog,
    client,
    zone: client.zone,
    subscriptions,
    chosen,
    extras: shared.extras,
    usage,
    costsFor: costIn,
    mayHavePauses: shared.withPauses.has(client.id),
    mayHaveLicenses: shared.withLicenses.has(client.id),
    localDayStart,
  });
}

/** Every client's subscriptions, newest first (as clientSubscriptions), and their lifecycle columns, in one query. */
function loadSubscriptions(
  raw: AppContextDeps['ledger']['raw'],
  clients: readonly BatchClient[],
): { subscriptions: Map<number, SubscriptionRecord[]>; extras: Map<number, SubscriptionExtras> } {
  const wanted = new Set(clients.map((c) => c.id));
  const rows = raw
    .prepare(
      `select s.id, s.client_id, s.plan_version_id, s.start_date, s.end_date, s.created_at, s.trial_end, s.trial_free_units, s.trial_bill_beyond, s.change_mode,
              v.plan_id, v.version, v.definition
       from subscriptions s join plan_versions v on v.id = s.plan_version_id
       order by s.client_id, s.start_date desc, s.id desc`,
    )
    .all() as Array<{
    id: number;
    client_id: number;
    plan_version_id: number;
    start_date: string;
    end_date: string | null;
    created_at: string;
    trial_end: string | null;
    trial_free_units: string | null;
    trial_bill_beyond: number | null;
    change_mode: 'immediate' | 'next_cycle' | null;
    plan_id: number;
    version: number;
    definition: string;
  }>;
  const definitions = new Map<number, PlanDefinition>();
  const subscriptions = new Map<number, SubscriptionRecord[]>();
  const extras = new Map<number, SubscriptionExtras>();
  for (const r of rows) {
    if (!wanted.has(r.client_id)) continue;
    let definition = definitions.get(r.plan_version_id);
    if (!definition) definitions.set(r.plan_version_id, (definition = JSON.parse(r.definition) as PlanDefinition));
    const list = subscriptions.get(r.client_id) ?? [];
    list.push({
      id: r.id,
      clientId: r.client_id,
      planId: r.plan_id,
      planVersionId: r.plan_version_id,
      version: r.version,
      planName: definition.name,
      currency: definition.currency,
      startDate: r.start_date,
      endDate: r.end_date,
      createdAt: r.created_at,
      definition,
    });
    subscriptions.set(r.client_id, list);
    extras.set(r.id, {
      trialEnd: r.trial_end,
      trialFreeUnits: r.trial_free_units === null ? null : (JSON.parse(r.trial_free_units) as Record<string, string>),
      trialBillBeyond: r.trial_bill_beyond !== 0,
      changeMode: r.change_mode,
    });
  }
  return { subscriptions, extras };
}

