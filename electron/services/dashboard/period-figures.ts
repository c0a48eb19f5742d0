// Runs in main. What the dashboard keeps of a rated period (statement-batch.ts): per client the statement's money
// (subtotal, provider cost, margin), its plan and period, and its usage per metric — not the statement lines — so a
// cached month of 5,000 clients stays small.
import { Dec, moneyText } from '../../../shared/money/decimal';
import type { PlanDefinition } from '../../../shared/pricing';
import type { BillingPeriod } from '../../../shared/time/billing-period';
import type { ExchangeRate } from '../../../shared/domain/exchange-rates';
import type { MetricCatalog } from '../pricing/metric-catalog';
import type { BatchClient, PeriodRating } from './statement-batch';

export interface MetricAmount {
  quantity: Dec;
  events: number;
}

export interface ClientFigures {
  client: BatchClient;
  period: BillingPeriod;
  plan: PlanDefinition | null;
  planName: string | null;
  billing: 'statement' | 'no_plan' | 'error';
  problem: string | null;
  /** metric id -> the period's usage (metrics with usage only) */
  usage: Map<number, MetricAmount>;
  /** the statement's subtotal, provider cost, margin (money text); null without a statement */
  statement: { revenue: string; providerCost: string; margin: string; marginPercent: string | null } | null;
  /** money text in the client's currency: the statement's provider cost, else the usage's */
  providerCost: string;
}

export interface PeriodFigures {
  label: string;
  catalog: MetricCatalog;
  agencyZone: string;
  agencyCurrency: string | null;
  exchangeRates: ExchangeRate[];
  clients: ClientFigures[];
  unassigned: { period: BillingPeriod; usage: Map<number, MetricAmount>; costs: Map<string, Map<string, Dec>> };
  /** epoch ms: the end of the last window the rating read */
  until: number;
}

const usageOf = (usage: PeriodRating['clients'][number]['usage']) => {
  const out = new Map<number, MetricAmount>();
  for (const [id, u] of usage) if (u.events > 0 || !u.quantity.isZero()) out.set(id, { quantity: u.quantity, events: u.events });
  return out;
};

export function periodFigures(r: PeriodRating): PeriodFigures {
  let until = Date.parse(r.unassigned.period.end);
  const clients = r.clients.map((c): ClientFigures => {
    until = Math.max(until, Date.parse(c.period.end));
    const st = c.statement?.statement ?? null;
    return {
      client: c.client,
      period: c.period,
      plan: c.plan,
      planName: st?.planName ?? c.plan?.name ?? null,
      billing: st ? 'statement' : c.problem?.kind === 'no_plan' ? 'no_plan' : 'error',
      problem: c.problem?.message ?? null,
      usage: usageOf(c.usage),
      statement: st ? { revenue: st.subtotal, providerCost: st.providerCost, margin: st.margin, marginPercent: st.marginPercent } : null,
      providerCost: st ? st.providerCost : moneyText(c.providerCost, c.client.currency),
    };
  });
  return {
    label: r.label,
    catalog: r.catalog,
    agencyZone: r.agencyZone,
    agencyCurrency: r.agencyCurrency,
    exchangeRates: r.exchangeRates,
    clients,
    unassigned: { period: r.unassigned.period, usage: usageOf(r.unassigned.usage), costs: r.unassigned.costs },
    until,
  };
}
