// Runs in main. The agency's cockpit: dashboard.summary, dashboard.usageSeries, dashboard.monthly, breakdown.list.
// Money comes from the clients' statements for the period, rated in one batch (statement-batch.ts: the same numbers
// as statements.get) and kept until the ledger changes (rating-cache.ts); docs/DASHBOARD.md says where each number
// comes from.
import { DateTime } from 'luxon';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { BreakdownList, BreakdownRow, BreakdownTotals, DashboardSummary, LimitWatch, MetricRef, Monthly, UsageSeries } from '../../../shared/domain/dashboard';
import type { ProviderAccount } from '../../../shared/domain/provider';
import { Dec, dec, decText, moneyText } from '../../../shared/money/decimal';
import { periodByLabel } from '../../../shared/time/billing-period';
import type { AppContextDeps } from '../app-deps';
import { AppError } from '../errors';
import { invoicedForPeriod, invoicesDue } from './invoice-figures';
import { loadLimitInputs, watchLimits } from './limit-watch';
import { PerCurrency, StatementTotals, convertTotals, toAgency } from './money-totals';
import { periodFigures, type PeriodFigures } from './period-figures';
import { PeriodCache } from './rating-cache';
import { ratePeriod } from './statement-batch';
import { usageSeries } from './usage-series';
import { catalogMetrics } from './window-usage';
import type { MetricCatalog } from '../pricing/metric-catalog';
import { loadMetricCatalog } from '../pricing/metric-catalog';
import { agencyZone } from '../pricing/zones';
import { loadExchangeRates } from '../exchange-rates-service';
import type { Alert } from '../../../shared/domain/alerts';

const QUANTITY_DECIMALS = 12;

export interface DashboardDeps {
  /** the latest alerts and the unread count (alerts centre) */
  alerts: { list(input: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ items: Alert[]; unread: number }> };
  /** provider accounts with their sync state (catalog service) */
  providers: () => Promise<ProviderAccount[]>;
}

export class DashboardService {
  /** full figures of the last few periods shown (breakdown and summary) */
  private readonly figures;
  /** per-currency totals of every month the monthly chart asked for */
  private readonly totals;

  constructor(
    private readonly deps: Pick<AppContextDeps, 'ledger' | 'logger' | 'clock'>,
    private readonly others: DashboardDeps,
  ) {
    this.figures = new PeriodCache<PeriodFigures>(deps.ledger.raw, 3);
    this.totals = new PeriodCache<{ totals: ReturnType<StatementTotals['totals']>; problems: number }>(deps.ledger.raw, 36);
  }

  private async agency(): Promise<{ zone: string; currency: string }> {
    const row = await this.deps.ledger.db.selectFrom('agency').select(['time_zone', 'currency']).where('id', '=', 1).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'Set up the agency profile first (Settings › Agency): the dashboard reports in its currency and time zone.');
    return { zone: row.time_zone, currency: row.currency };
  }

  /** the current month in the agency's zone */
  private currentLabel(zone: string): string {
    return DateTime.fromJSDate(this.deps.clock.now(), { zone }).toFormat('yyyy-MM');
  }

  /** How many periods were rated (not served from the cache) since start: for tests and the bench. */
  ratedPeriods(): number {
    return this.figures.misses;
  }

  /** The period's figures, rated in one batch unless cached and still valid. */
  periodFigures(label: string): Promise<PeriodFigures> {
    return this.figures.get(label, async () => {
      const value = periodFigures(await ratePeriod(this.deps, label));
      return { value, until: value.until };
    });
  }

  async breakdown(input: ParsedInput<'breakdown.list'>): Promise<BreakdownList> {
    const agency = await this.agency();
    const label = input.period ?? this.currentLabel(agency.zone);
    const f = await this.periodFigures(label);
    const { rows, totals, converted } = this.rows(f, agency.currency);
    const used = new Set<number>();
    for (const c of f.clients) for (const id of c.usage.keys()) used.add(id);
    return {
      period: { label, current: label === this.currentLabel(agency.zone) },
      agencyCurrency: agency.currency,
      metrics: catalogMetrics(f.catalog)
        .filter((m) => used.has(m.id))
        .map(metricRef),
      rows,
      totals,
      converted,
    };
  }

  async summary(input: ParsedInput<'dashboard.summary'>): Promise<DashboardSummary> {
    const agency = await this.agency();
    const current = this.currentLabel(agency.zone);
    const label = input.period ?? current;
    const f = await this.periodFigures(label);
    const raw = this.deps.ledger.raw;
    const { statementTotals: totals, converted, limits, problems } = this.rows(f, agency.currency);

    const unbilled = new PerCurrency();
    for (const c of f.clients) if (c.billing !== 'statement') unbilled.add(c.client.currency, dec(c.providerCost));
    for (const perCurrency of f.unassigned.costs.values()) for (const [currency, amount] of perCurrency) unbilled.add(currency, amount);

    const usage = new Map<number, { quantity: Dec; events: number; clients: number }>();
    for (const c of f.clients) {
      for (const [id, u] of c.usage) {
        const t = usage.get(id) ?? { quantity: new Dec(0), events: 0, clients: 0 };
        t.quantity = t.quantity.plus(u.quantity);
        t.events += u.events;
        t.clients += 1;
        usage.set(id, t);
      }
    }
    const unassigned = catalogMetrics(f.catalog)
      .filter((m) => f.unassigned.usage.has(m.id))
      .map((m) => {
        const u = f.unassigned.usage.get(m.id)!;
        const costs = f.unassigned.costs.get(m.key) ?? new Map<string, Dec>();
        return {
          ...metricRef(m),
          quantity: quantityText(u.quantity),
          events: u.events,
          providerCost: [...costs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount: moneyText(amount, currency) })),
        };
      });

    const today = DateTime.fromJSDate(this.deps.clock.now(), { zone: agency.zone }).toISODate()!;
    const month = periodByLabel(label, { interval: 'month', anchor: { kind: 'calendar' }, zone: agency.zone });
    const alerts = await this.others.alerts.list({ unreadOnly: false, limit: 10, offset: 0 });
    const providers = await this.others.providers();
    return {
      period: { label, zone: agency.zone, start: month.start, end: month.end, current: label === current },
      agencyCurrency: agency.currency,
      totals,
      converted,
      unbilledCost: unbilled.amounts(),
      usage: catalogMetrics(f.catalog)
        .filter((m) => usage.has(m.id))
        .map((m) => {
          const t = usage.get(m.id)!;
          return { ...metricRef(m), quantity: quantityText(t.quantity), events: t.events, clients: t.clients };
        }),
      unassigned: { events: [...f.unassigned.usage.values()].reduce((n, u) => n + u.events, 0), metrics: unassigned },
      invoices: { asOf: today, ...invoicesDue(raw, today) },
      limits: limits.sort((a, b) => (a.status === b.status ? dec(b.percent).comparedTo(dec(a.percent)) || a.clientName.localeCompare(b.clientName) : a.status === 'over' ? -1 : 1)),
      alerts: { items: alerts.items, unread: alerts.unread },
      sync: providers
        .filter((p) => !p.archived)
        .map((p) => ({
          providerAccountId: p.id,
          name: p.name,
          kind: p.kind,
          syncEnabled: p.syncEnabled,
          syncing: p.syncing,
          lastSuccessAt: p.lastSuccessAt,
          nextRunAt: p.nextRunAt,
          lastJob: p.lastJob,
        })),
      problems,
    };
  }

  async monthly(input: ParsedInput<'dashboard.monthly'>): Promise<Monthly> {
    const agency = await this.agency();
    const until = DateTime.fromFormat(input.until ?? this.currentLabel(agency.zone), 'yyyy-MM', { zone: 'UTC' });
    const labels = Array.from({ length: input.months }, (_, i) => until.minus({ months: input.months - 1 - i }).toFormat('yyyy-MM'));
    const exchangeRates = await loadExchangeRates(this.deps.ledger.db);
    const months: Monthly['months'] = [];
    for (const label of labels) {
      const { totals, problems } = await this.totals.get(label, async () => {
        const f = await this.periodFigures(label);
        const t = new StatementTotals();
        for (const c of f.clients) if (c.statement) t.add(c.client.currency, c.statement.revenue, c.statement.providerCost);
        return { value: { totals: t.totals(), problems: f.clients.filter((c) => c.billing === 'error').length }, until: f.until };
      });
      const invoiced = invoicedForPeriod(this.deps.ledger.raw, label);
      const currencies = [...new Set([...totals.map((t) => t.currency), ...invoiced.keys()])].sort();
      months.push({
        label,
        converted: convertTotals(totals, agency.currency, exchangeRates),
        byCurrency: currencies.map((currency) => {
          const t = totals.find((x) => x.currency === currency);
          const zero = moneyText(new Dec(0), currency);
          return {
            ...(t ?? { currency, revenue: zero, providerCost: zero, margin: zero, marginPercent: null, clients: 0 }),
            invoiced: moneyText(invoiced.get(currency) ?? new Dec(0), currency),
          };
        }),
        problems,
      });
    }
    return { agencyCurrency: agency.currency, months };
  }

  async usageSeries(input: ParsedInput<'dashboard.usageSeries'>): Promise<UsageSeries> {
    const db = this.deps.ledger.db;
    const zone = await agencyZone(db);
    const catalog: MetricCatalog = await loadMetricCatalog(db, this.deps.logger);
    const clientNames = async (ids: readonly number[]) =>
      new Map(ids.length === 0 ? [] : (await db.selectFrom('clients').select(['id', 'name']).where('id', 'in', [...ids]).execute()).map((c) => [c.id, c.name]));
    return usageSeries({ raw: this.deps.ledger.raw, catalog, zone, now: this.deps.clock.now(), clientNames, query: input });
  }

  /** Breakdown rows, per-currency totals, limit watch and problems of a period. */
  private rows(f: PeriodFigures, agencyCurrency: string) {
    const raw = this.deps.ledger.raw;
    const wallets = new Map(
      (raw.prepare('select client_id, dec_sum(amount) as balance from wallet_movements group by client_id').all() as Array<{ client_id: number; balance: string }>).map((r) => [
        r.client_id,
        r.balance,
      ]),
    );
    const limitInputs = loadLimitInputs(raw);
    const statementTotals = new StatementTotals();
    const unbilled = new PerCurrency();
    const walletTotals = new PerCurrency();
    const rowsPerCurrency = new Map<string, number>();
    const limits: LimitWatch[] = [];
    const problems: DashboardSummary['problems'] = [];
    const rates = f.exchangeRates;
    const agencyMoney = (amount: string | null, currency: string) => {
      if (amount === null) return null;
      const v = toAgency(dec(amount), currency, agencyCurrency, rates);
      return v === null ? null : moneyText(v, agencyCurrency);
    };

    const rows: BreakdownRow[] = f.clients.map((c) => {
      const currency = c.client.currency;
      const watch = watchLimits(c, f.catalog, limitInputs);
      limits.push(...watch.entries);
      if (c.billing === 'error') problems.push({ clientId: c.client.id, clientName: c.client.name, message: c.problem ?? '' });
      if (c.statement) statementTotals.add(currency, c.statement.revenue, c.statement.providerCost);
      else unbilled.add(currency, dec(c.providerCost));
      const wallet = moneyText(dec(wallets.get(c.client.id) ?? '0'), currency);
      walletTotals.add(currency, dec(wallet));
      rowsPerCurrency.set(currency, (rowsPerCurrency.get(currency) ?? 0) + 1);
      const usage: Record<string, string> = {};
      for (const [id, u] of c.usage) usage[f.catalog.byId(id)!.key] = quantityText(u.quantity);
      return {
        clientId: c.client.id,
        name: c.client.name,
        status: c.client.status,
        currency,
        period: { start: c.period.start, end: c.period.end, zone: c.period.zone },
        planName: c.planName,
        billing: c.billing,
        problem: c.billing === 'statement' ? null : c.problem,
        usage,
        allowanceUsedPercent: watch.allowanceUsedPercent,
        limitStatus: watch.limitStatus,
        overLimit: watch.overLimit,
        revenue: c.statement?.revenue ?? null,
        providerCost: c.providerCost,
        margin: c.statement?.margin ?? null,
        marginPercent: c.statement?.marginPercent ?? null,
        walletBalance: wallet,
        agency: {
          revenue: agencyMoney(c.statement?.revenue ?? null, currency),
          providerCost: agencyMoney(c.providerCost, currency),
          margin: agencyMoney(c.statement?.margin ?? null, currency),
        },
      };
    });

    const byCurrency = new Map(statementTotals.totals().map((t) => [t.currency, t]));
    const currencies = [...new Set([...byCurrency.keys(), ...rowsPerCurrency.keys()])].sort();
    const totals: BreakdownTotals[] = currencies.map((currency) => {
      const zero = moneyText(new Dec(0), currency);
      const t = byCurrency.get(currency) ?? { currency, revenue: zero, providerCost: zero, margin: zero, marginPercent: null, clients: 0 };
      return { ...t, unbilledCost: moneyText(unbilled.get(currency), currency), walletBalance: moneyText(walletTotals.get(currency), currency), rows: rowsPerCurrency.get(currency) ?? 0 };
    });
    const statementOnly = [...byCurrency.values()];
    return { rows, totals, statementTotals: statementOnly, converted: convertTotals(statementOnly, agencyCurrency, rates), limits, problems };
  }
}

const metricRef = (m: { key: string; name: string; unit: string }): MetricRef => ({ key: m.key, name: m.name, unit: m.unit });
const quantityText = (q: Dec) => decText(q.toDecimalPlaces(QUANTITY_DECIMALS, Dec.ROUND_HALF_UP));
