// Runs in main. Provider costs of every client in one window: what clientProviderCosts (pricing/provider-costs.ts)
// gives one client, computed once for all of them.
//
// A rate card is applied to the agency's total usage on its account in the window and split by
// allocateProviderCosts. clientProviderCosts does that per client over the metrics that client needs; the split of
// a metric depends only on that metric's rows (clients without usage of it weigh 0 and never receive a share), so
// one allocation per account and window over every metric the card prices gives each client the same amounts.
// The per-client part is clientProviderCosts' own (clientCostsFrom), given the window's split and the separable prices.
//
// Separable splits need no allocation at all: a per-unit price (no unit divisor, at most as many decimals as the
// allocation scale) on a metric whose quantities are whole numbers makes every client's share exactly its
// uncosted quantity × the price (the quotas of the largest-remainder split are whole sub-units, nothing is left
// over), whatever the other clients used.
import { currencyInfo } from '../../../shared/domain/currencies';
import { allocateProviderCosts, type ClientMetricUsage, type MetricDefinition, type RateCard } from '../../../shared/pricing';
import { Dec, dec } from '../../../shared/money/decimal';
import type { MetricUsage } from '../pricing/client-usage';
import type { MetricCatalog } from '../pricing/metric-catalog';
import { cardPrices, clientCostsFrom, type ClientProviderCosts, type ProviderAccountInfo } from '../pricing/provider-costs';
import type { UsageWindow } from '../pricing/usage-reader';
import type { UsageByClient } from './window-usage';

/** account id -> client id (text) -> metric key -> cost (decimal text, account currency) */
export type WindowAllocations = Map<number, Record<string, Record<string, string>>>;

const WHOLE = new Set(['sum', 'count', 'max', 'session_blocks']);

/** The card's price per uncosted unit of the metric when its split is separable (see above), else null. */
export function separablePrice(card: RateCard | null, metric: MetricDefinition | undefined): Dec | null {
  if (!card || !metric) return null;
  const charge = card.charges.find((c) => c.metricKey === metric.key);
  if (!charge || charge.model.type !== 'per_unit' || charge.unitDivisor !== undefined) return null;
  const whole = WHOLE.has(metric.aggregation) || (metric.aggregation === 'unique_count' && !metric.config.prorateFromAttribute);
  const price = dec(charge.model.unitPrice);
  return whole && price.decimalPlaces() <= currencyInfo(card.currency).exponent + 6 ? price : null;
}

/** One allocation per account with a rate card that prices some uncosted usage in the window. */
export function allocateWindow(input: { window: UsageWindow; usage: UsageByClient; accounts: ReadonlyMap<number, ProviderAccountInfo>; catalog: MetricCatalog }): WindowAllocations {
  const out: WindowAllocations = new Map();
  for (const account of input.accounts.values()) {
    const card = account.rateCard;
    if (!card) continue;
    const clients: Record<string, Record<string, ClientMetricUsage>> = {};
    let uncosted = false;
    for (const [clientId, metrics] of input.usage) {
      let row: Record<string, ClientMetricUsage> | undefined;
      for (const u of metrics.values()) {
        const t = u.perAccount.get(account.id);
        if (!t || !cardPrices(card, u.metric.key) || separablePrice(card, u.metric)) continue;
        row ??= clients[String(clientId)] = {};
        row[u.metric.key] = { quantity: t.quantity, uncostedQuantity: t.uncostedQuantity, reportedCost: t.reportedCost, events: t.events };
        if (t.uncostedQuantity.gt(0)) uncosted = true;
      }
    }
    if (!uncosted) continue;
    out.set(account.id, allocateProviderCosts({ rateCard: card, period: input.window, clients, metrics: input.catalog.metrics }).perClient);
  }
  return out;
}

export type ClientCosts = ClientProviderCosts;

/** One client's provider costs in `currency` (its plan's, or its own without a plan), from the window's allocations. */
export function clientCosts(input: {
  clientId: number;
  usage: ReadonlyMap<number, MetricUsage>;
  accounts: ReadonlyMap<number, ProviderAccountInfo>;
  allocations: WindowAllocations;
  catalog: MetricCatalog;
  currency: string;
  exchangeRates: ReadonlyArray<{ from: string; to: string; rate: string }>;
}): ClientCosts {
  return clientCostsFrom({
    ...input,
    allocated: (accountId) => input.allocations.get(accountId)?.[String(input.clientId)] ?? {},
    separable: separablePrice,
  });
}

/** Costs per account currency (no conversion): unassigned usage, which no plan bills. */
export function costsInAccountCurrency(input: {
  clientId: number;
  usage: ReadonlyMap<number, MetricUsage>;
  accounts: ReadonlyMap<number, ProviderAccountInfo>;
  allocations: WindowAllocations;
}): Map<string, Map<string, Dec>> {
  const out = new Map<string, Map<string, Dec>>();
  for (const u of input.usage.values()) {
    for (const [accountId, t] of u.perAccount) {
      const account = input.accounts.get(accountId);
      if (!account) continue;
      const priced = cardPrices(account.rateCard, u.metric.key) && t.uncostedQuantity.gt(0);
      const price = priced ? separablePrice(account.rateCard, u.metric) : null;
      const fromCard = priced && !price ? input.allocations.get(accountId)?.[String(input.clientId)]?.[u.metric.key] : undefined;
      const cost = price ? t.reportedCost.plus(t.uncostedQuantity.times(price)) : fromCard !== undefined ? dec(fromCard) : t.reportedCost;
      const perMetric = out.get(u.metric.key) ?? new Map<string, Dec>();
      perMetric.set(account.currency, (perMetric.get(account.currency) ?? new Dec(0)).plus(cost));
      out.set(u.metric.key, perMetric);
    }
  }
  return out;
}
