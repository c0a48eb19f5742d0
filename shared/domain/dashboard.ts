// Runs anywhere. The agency's cockpit as the contract sees it: the dashboard summary, usage series, monthly
// revenue vs cost, and the per-client breakdown. Where every number comes from: docs/DASHBOARD.md.
//
// Money is money text in the currency named beside it, never summed across currencies. "Converted" amounts are in
// the agency's currency at the agency's own exchange rates (Settings › Exchange rates); currencies without a rate
// are listed in `missingRates` and left out of the converted amounts, never guessed.
import { z } from 'zod';
import { Alert } from './alerts';
import { id } from './fields';
import { JobStatus, ProviderKind } from './provider';

/** A calendar month label, "2026-10": each client's monthly billing period that starts in that month. */
export const MonthLabel = z
  .string({ error: 'A period is a month like 2026-10.' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: (iss) => `Period must be a month like 2026-10 (got "${String(iss.input)}").` });

export const PeriodInput = z.object({ period: MonthLabel.optional() }).strict();

export const MetricRef = z.object({ key: z.string(), name: z.string(), unit: z.string() });
export type MetricRef = z.infer<typeof MetricRef>;

/** Revenue, provider cost and margin of the clients billed in one currency. */
export const CurrencyTotals = z.object({
  currency: z.string(),
  /** Σ statement subtotals (before tax and discounts) */
  revenue: z.string(),
  /** Σ statement provider costs (in this currency: provider costs converted per statement) */
  providerCost: z.string(),
  margin: z.string(),
  /** margin / revenue × 100, 2 decimals half-up; null when revenue is 0 */
  marginPercent: z.string().nullable(),
  /** clients with a statement in this currency */
  clients: z.number().int(),
});
export type CurrencyTotals = z.infer<typeof CurrencyTotals>;

/** Per-currency totals converted to the agency's currency and added up (rounded once). */
export const ConvertedTotals = z.object({
  currency: z.string(),
  revenue: z.string(),
  providerCost: z.string(),
  margin: z.string(),
  marginPercent: z.string().nullable(),
  /** currencies with no exchange rate to the agency's currency: left out of the amounts above */
  missingRates: z.array(z.string()),
});
export type ConvertedTotals = z.infer<typeof ConvertedTotals>;

export const MoneyAmount = z.object({ currency: z.string(), amount: z.string() });
export type MoneyAmount = z.infer<typeof MoneyAmount>;

/** A client near or over a limit or allowance in the period. */
export const LimitWatch = z.object({
  clientId: z.number().int(),
  clientName: z.string(),
  metricKey: z.string(),
  metricName: z.string(),
  /** the charge's billing unit when the plan charges the metric, else the metric's unit */
  unit: z.string(),
  quantity: z.string(),
  /** "allowance": included in the plan (usage above it is overage); "limit": the client's own or its plan's limit */
  basis: z.enum(['allowance', 'limit']),
  base: z.string(),
  /** quantity / base × 100, one decimal */
  percent: z.string(),
  /** over: above a limit, or above the allowance; near: at or above 75 % or the client's lowest alert threshold */
  status: z.enum(['near', 'over']),
});
export type LimitWatch = z.infer<typeof LimitWatch>;

export const ClientProblem = z.object({ clientId: z.number().int(), clientName: z.string(), message: z.string() });

export const MetricUsageTotal = MetricRef.extend({
  /** Σ of the clients' period quantities, in the metric's unit */
  quantity: z.string(),
  events: z.number().int(),
  clients: z.number().int(),
});

export const UnassignedMetric = MetricRef.extend({
  quantity: z.string(),
  events: z.number().int(),
  /** what the providers charge the agency for it, per provider currency (money text, rounded once) */
  providerCost: z.array(MoneyAmount),
});

export const DueInvoices = z.object({
  currency: z.string(),
  count: z.number().int(),
  /** Σ balance due (amount due − issued credit notes) */
  amount: z.string(),
});

export const ProviderSync = z.object({
  providerAccountId: z.number().int(),
  name: z.string(),
  kind: ProviderKind,
  syncEnabled: z.boolean(),
  syncing: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  lastJob: z.object({ kind: z.enum(['sync', 'import', 'dry_run']), status: JobStatus, error: z.string().nullable() }).nullable(),
});

export const DashboardSummary = z.object({
  /** the month and its bounds in the agency's zone (clients in other zones are rated over their own month) */
  period: z.object({ label: z.string(), zone: z.string(), start: z.string(), end: z.string(), current: z.boolean() }),
  agencyCurrency: z.string(),
  /** Σ of the non-archived clients' statements for the period, per currency */
  totals: z.array(CurrencyTotals),
  converted: ConvertedTotals,
  /**
   * provider cost of usage no statement bills: clients without a plan for the period (in the client's currency)
   * and unassigned usage (in the provider account's currency)
   */
  unbilledCost: z.array(MoneyAmount),
  /** per metric, Σ over the non-archived clients' period usage (unassigned usage apart) */
  usage: z.array(MetricUsageTotal),
  unassigned: z.object({ events: z.number().int(), metrics: z.array(UnassignedMetric) }),
  /** issued invoices with a balance due today, per currency; overdue = past their due date */
  invoices: z.object({ asOf: z.string(), due: z.array(DueInvoices), overdue: z.array(DueInvoices) }),
  /** clients near or over a limit or allowance, most used first */
  limits: z.array(LimitWatch),
  alerts: z.object({ items: z.array(Alert), unread: z.number().int() }),
  /** every non-archived provider account's last sync */
  sync: z.array(ProviderSync),
  /** clients whose statement could not be rated (currency mismatch, an invalid plan...) */
  problems: z.array(ClientProblem),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

// ---- usage over time

export const USAGE_RANGES = ['24h', '7d', '30d', '3m', '12m'] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

export const UsageSeriesInput = z
  .object({
    range: z.enum(USAGE_RANGES, { error: 'Range is 24h, 7d, 30d, 3m or 12m.' }),
    /** client: one series per client (needs a metric); metric: one series per metric */
    groupBy: z.enum(['client', 'metric'], { error: 'Group by client or metric.' }),
    metricKey: z.string().trim().min(1).max(100).optional(),
    providerAccountId: id.optional(),
    clientId: id.optional(),
    /** grouping by client: the biggest N clients, the rest as "Other" */
    top: z.number().int().min(1).max(50).default(8),
  })
  .strict();
export type UsageSeriesInput = z.input<typeof UsageSeriesInput>;

export const UsageSeries = z.object({
  range: z.enum(USAGE_RANGES),
  /** hour (24h), day (7d, 30d), week from Monday (3m), month (12m), in the agency's zone */
  bucket: z.enum(['hour', 'day', 'week', 'month']),
  zone: z.string(),
  groupBy: z.enum(['client', 'metric']),
  /** [from, to): from the first bucket's start to the last bucket's end (the current one, still running) */
  from: z.string(),
  to: z.string(),
  /** key: a client id ("0" = unassigned, "other") or a metric key; total over the range */
  series: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string(), total: z.string() })),
  buckets: z.array(z.object({ start: z.string(), end: z.string(), label: z.string(), values: z.record(z.string(), z.string()) })),
  /** metrics a sum over time cannot show (distinct counts, levels, sessions): what they are and why */
  omittedMetrics: z.array(MetricRef.extend({ reason: z.string() })),
});
export type UsageSeries = z.infer<typeof UsageSeries>;

// ---- revenue vs cost by month

export const MonthlyInput = z
  .object({
    months: z.number().int().min(1, { error: 'At least 1 month.' }).max(24, { error: 'At most 24 months.' }).default(12),
    /** the last month shown; default: the current month in the agency's zone */
    until: MonthLabel.optional(),
  })
  .strict();

export const MonthlyPoint = z.object({
  label: z.string(),
  converted: ConvertedTotals,
  byCurrency: z.array(
    CurrencyTotals.extend({
      /** issued invoices of the month minus issued credit notes, net of tax (what was billed) */
      invoiced: z.string(),
    }),
  ),
  problems: z.number().int(),
});
export const Monthly = z.object({ agencyCurrency: z.string(), months: z.array(MonthlyPoint) });
export type Monthly = z.infer<typeof Monthly>;

// ---- per-client breakdown

export const BreakdownRow = z.object({
  clientId: z.number().int(),
  name: z.string(),
  status: z.enum(['active', 'trial', 'paused']),
  currency: z.string(),
  /** the client's billing period for the label (its plan's anchor, its zone); a calendar month without a plan */
  period: z.object({ start: z.string(), end: z.string(), zone: z.string() }),
  planName: z.string().nullable(),
  /** statement: rated; no_plan: no plan for the period; error: the statement cannot be rated (see problem) */
  billing: z.enum(['statement', 'no_plan', 'error']),
  problem: z.string().nullable(),
  /** metric key -> period quantity in the metric's unit (metrics with usage only) */
  usage: z.record(z.string(), z.string()),
  /** the highest quantity / allowance or limit of the period, percent with one decimal; null without either */
  allowanceUsedPercent: z.string().nullable(),
  limitStatus: z.enum(['near', 'over']).nullable(),
  /** some metric is above its limit */
  overLimit: z.boolean(),
  /** money text in `currency`; null without a statement */
  revenue: z.string().nullable(),
  /** the statement's provider cost; without a statement, the usage's cost in `currency` */
  providerCost: z.string(),
  margin: z.string().nullable(),
  marginPercent: z.string().nullable(),
  walletBalance: z.string(),
  /** the same amounts in the agency's currency (for sorting and charts); null without a rate or a statement */
  agency: z.object({ revenue: z.string().nullable(), providerCost: z.string().nullable(), margin: z.string().nullable() }),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const BreakdownTotals = CurrencyTotals.extend({
  /** provider cost of the rows without a statement */
  unbilledCost: z.string(),
  walletBalance: z.string(),
  /** every row in this currency */
  rows: z.number().int(),
});
export type BreakdownTotals = z.infer<typeof BreakdownTotals>;

export const BreakdownList = z.object({
  period: z.object({ label: z.string(), current: z.boolean() }),
  agencyCurrency: z.string(),
  /** metrics that appear in some row's usage, in catalog order */
  metrics: z.array(MetricRef),
  rows: z.array(BreakdownRow),
  totals: z.array(BreakdownTotals),
  converted: ConvertedTotals,
});
export type BreakdownList = z.infer<typeof BreakdownList>;
