// Runs in main. What a client's usage cost the agency, per metric: the costs the providers reported on the
// events, plus the rate-card cost of the usage without one. A rate card is applied to the agency's total
// usage on its provider account in the same window (every client and the unassigned usage), so tiers and
// included allowances are shared fairly, then split back in proportion (allocateProviderCosts).
//
// Currency: costs are in the provider account's currency. Meterbook does not convert currencies, so a cost
// in another currency than the plan's is left out of the statement's provider cost and margin, and said so.
import type { Kysely } from 'kysely';
import { allocateProviderCosts, groupDigits, validateRateCard, type ClientMetricUsage, type RateCard } from '../../../shared/pricing';
import { Dec, dec, decText } from '../../../shared/money/decimal';
import type { Database } from '../../db/schema';
import { rateBetween } from '../exchange-rates-service';
import { readClientUsage, spanTouches, type MetricUsage } from './client-usage';
import type { MetricCatalog } from './metric-catalog';
import type { UsageReader, UsageWindow } from './usage-reader';

export interface ProviderAccountInfo {
  id: number;
  name: string;
  currency: string;
  /** the validated rate card, or null (none, or one that is not valid any more) */
  rateCard: RateCard | null;
  /** why the rate card is not used, when there is one */
  rateCardProblem: string | null;
}

/** Provider accounts with their rate cards (config.rateCard, validated against the catalog). */
export async function loadProviderAccounts(db: Kysely<Database>, ids: readonly number[], catalog: MetricCatalog): Promise<Map<number, ProviderAccountInfo>> {
  const out = new Map<number, ProviderAccountInfo>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('provider_accounts').select(['id', 'name', 'currency', 'config']).where('id', 'in', [...ids]).execute();
  for (const r of rows) {
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(r.config) as Record<string, unknown>;
    } catch {
      config = {};
    }
    let rateCard: RateCard | null = null;
    let rateCardProblem: string | null = null;
    if (config.rateCard !== undefined && config.rateCard !== null) {
      const checked = validateRateCard(config.rateCard, { metrics: catalog.metrics });
      if (!checked.ok) rateCardProblem = `its rate card is not valid (${checked.errors[0]!.path ? `${checked.errors[0]!.path}: ` : ''}${checked.errors[0]!.message.replace(/\.$/, '')})`;
      else if (checked.card.currency !== r.currency) rateCardProblem = `its rate card is in ${checked.card.currency} but the account bills in ${r.currency}`;
      else rateCard = checked.card;
    }
    out.set(r.id, { id: r.id, name: r.name, currency: r.currency, rateCard, rateCardProblem });
  }
  return out;
}

/** True when the card prices the metric itself (not "reported", not absent). */
export function cardPrices(card: RateCard | null, metricKey: string): boolean {
  const c = card?.charges.find((x) => x.metricKey === metricKey);
  return c !== undefined && c.model.type !== 'reported';
}

export interface ClientProviderCosts {
  /** metric key -> cost in the plan currency (exact), from accounts in that currency */
  perMetric: Map<string, Dec>;
  /** provider accounts whose rate cards priced part of the client's usage */
  rateCardAccounts: number[];
  notes: string[];
}

/**
 * Provider costs of one client's usage (`usage`, from readClientUsage over `window`) in `planCurrency`.
 */
export function clientProviderCosts(input: {
  reader: UsageReader;
  catalog: MetricCatalog;
  accounts: ReadonlyMap<number, ProviderAccountInfo>;
  clientId: number;
  window: UsageWindow;
  usage: ReadonlyMap<number, MetricUsage>;
  planCurrency: string;
  /** the agency's exchange rates: units of `to` per 1 `from` (Settings › Exchange rates); never fetched */
  exchangeRates?: ReadonlyArray<{ from: string; to: string; rate: string }>;
}): ClientProviderCosts {
  const { reader, catalog, clientId, window, usage } = input;
  return clientCostsFrom({
    usage,
    accounts: input.accounts,
    catalog,
    currency: input.planCurrency,
    exchangeRates: input.exchangeRates ?? [],
    // the agency's usage of the priced metrics on this account, per client (0 = unassigned), split by the card
    allocated: (accountId, card, priced) => {
      const metricIds = new Set(priced.map((u) => u.metric.id));
      const spans = reader.spans({ accountIds: [accountId], metricIds: [...metricIds] });
      const clientIds = new Set<number>([clientId]);
      for (const s of spans) if (spanTouches(s, catalog.byId(s.metricId)!, window)) clientIds.add(s.clientId);
      const clients: Record<string, Record<string, ClientMetricUsage>> = {};
      for (const other of [...clientIds].sort((a, b) => a - b)) {
        const theirs = other === clientId ? usage : readClientUsage(reader, catalog, other, window, { spans, metricIds });
        const row: Record<string, ClientMetricUsage> = {};
        for (const u of theirs.values()) {
          if (!metricIds.has(u.metric.id)) continue;
          const t = u.perAccount.get(accountId);
          if (!t) continue;
          row[u.metric.key] = { quantity: t.quantity, uncostedQuantity: t.uncostedQuantity, reportedCost: t.reportedCost, events: t.events };
        }
        clients[String(other)] = row;
      }
      return allocateProviderCosts({ rateCard: card, period: window, clients, metrics: catalog.metrics }).perClient[String(clientId)] ?? {};
    },
  });
}

/**
 * One client's provider costs in `currency`, per account: for each account whose rate card prices some of the
 * client's uncosted usage, `allocated` gives the client's share of the card's cost per metric key (statements.get
 * splits the agency's usage here; the batch rater looks up a split made once per window); `separable` (batch only)
 * prices a metric whose share is provably its own uncosted quantity × a price, without any split. Everything
 * else costs what the provider reported.
 */
export function clientCostsFrom(input: {
  usage: ReadonlyMap<number, MetricUsage>;
  accounts: ReadonlyMap<number, ProviderAccountInfo>;
  catalog: MetricCatalog;
  currency: string;
  exchangeRates: ReadonlyArray<{ from: string; to: string; rate: string }>;
  allocated: (accountId: number, card: RateCard, priced: readonly MetricUsage[]) => Record<string, string>;
  separable?: (card: RateCard | null, metric: MetricUsage['metric']) => Dec | null;
}): ClientProviderCosts {
  const { accounts } = input;
  const rateCardAccounts = new Set<number>();
  const unpriced = new Map<number, string[]>();
  // account id -> metric key -> this client's cost (account currency)
  const costs = new Map<number, Map<string, Dec>>();
  const byAccount = new Map<number, MetricUsage[]>();
  for (const u of input.usage.values()) for (const accountId of u.perAccount.keys()) byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), u]);

  for (const [accountId, metrics] of [...byAccount].sort((a, b) => a[0] - b[0])) {
    const account = accounts.get(accountId);
    if (!account) continue;
    const card = account.rateCard;
    const priced = metrics.filter((u) => cardPrices(card, u.metric.key) && u.perAccount.get(accountId)!.uncostedQuantity.gt(0));
    const prices = new Map(priced.map((u) => [u.metric.key, input.separable?.(card, u.metric) ?? null]));
    const accountCosts = new Map<string, Dec>();
    costs.set(accountId, accountCosts);
    let allocated: Record<string, string> = {};
    if (card && priced.length > 0) {
      allocated = input.allocated(accountId, card, priced);
      rateCardAccounts.add(accountId);
    }
    for (const u of metrics) {
      const t = u.perAccount.get(accountId)!;
      const price = prices.get(u.metric.key) ?? null;
      const fromCard = prices.has(u.metric.key) && !price ? allocated[u.metric.key] : undefined;
      accountCosts.set(u.metric.key, price ? t.reportedCost.plus(t.uncostedQuantity.times(price)) : fromCard !== undefined ? dec(fromCard) : t.reportedCost);
      if (!price && fromCard === undefined && t.uncostedQuantity.gt(0)) unpriced.set(accountId, [...(unpriced.get(accountId) ?? []), u.metric.key]);
    }
  }
  return convertedCosts({ costs, unpriced, rateCardAccounts, accounts, catalog: input.catalog, planCurrency: input.currency, exchangeRates: input.exchangeRates });
}

/**
 * One client's costs per account (account currency) summed per metric in the plan currency at the agency's rates,
 * with the statement's notes on conversions, usage no rate card prices, and costs without a rate. Shared by
 * statements.get (clientProviderCosts) and the batch rater (window-costs.ts), so both say the same.
 */
export function convertedCosts(input: {
  /** account id -> metric key -> cost in the account's currency */
  costs: ReadonlyMap<number, ReadonlyMap<string, Dec>>;
  /** account id -> metric keys with usage no reported cost or rate card priced */
  unpriced: ReadonlyMap<number, readonly string[]>;
  rateCardAccounts: ReadonlySet<number>;
  accounts: ReadonlyMap<number, ProviderAccountInfo>;
  catalog: MetricCatalog;
  planCurrency: string;
  exchangeRates: ReadonlyArray<{ from: string; to: string; rate: string }>;
}): ClientProviderCosts {
  const { costs, unpriced, rateCardAccounts, accounts, catalog } = input;
  const perMetric = new Map<string, Dec>();
  const notes: string[] = [];
  const unconverted = new Map<number, Dec>();
  const converted = new Map<string, { rate: string; amount: Dec }>();
  for (const [accountId, accountCosts] of costs) {
    const account = accounts.get(accountId)!;
    const fx = account.currency === input.planCurrency ? null : rateBetween(input.exchangeRates, account.currency, input.planCurrency);
    for (const [key, cost] of accountCosts) {
      if (account.currency === input.planCurrency) perMetric.set(key, (perMetric.get(key) ?? new Dec(0)).plus(cost));
      else if (fx) {
        // exact: cost × the agency's rate; rounded only where the statement rounds its totals
        const inPlan = cost.times(dec(fx.rate));
        perMetric.set(key, (perMetric.get(key) ?? new Dec(0)).plus(inPlan));
        if (!cost.isZero()) {
          const k = account.currency;
          converted.set(k, { rate: fx.rate, amount: (converted.get(k)?.amount ?? new Dec(0)).plus(cost) });
        }
      } else if (!cost.isZero()) unconverted.set(accountId, (unconverted.get(accountId) ?? new Dec(0)).plus(cost));
    }
  }
  for (const [currency, c] of converted) {
    notes.push(
      `Provider costs of ${groupDigits(decText(c.amount.toDecimalPlaces(8, Dec.ROUND_HALF_UP)))} ${currency} are counted at your rate 1 ${currency} = ${groupDigits(decText(dec(c.rate).toDecimalPlaces(8, Dec.ROUND_HALF_UP)))} ${input.planCurrency} (Settings › Exchange rates).`,
    );
  }

  for (const [accountId, keys] of unpriced) {
    const account = accounts.get(accountId)!;
    // one note per reason, naming the metrics it applies to
    const reasons = new Map<string, string[]>();
    for (const key of keys) {
      const charge = account.rateCard?.charges.find((c) => c.metricKey === key);
      const why = !account.rateCard
        ? (account.rateCardProblem ?? 'the account has no rate card')
        : charge
          ? 'its rate card takes the costs the provider reports, and these events report none'
          : 'its rate card has no price for {it}';
      reasons.set(why, [...(reasons.get(why) ?? []), catalog.byKey(key)?.name ?? key]);
    }
    for (const [why, names] of reasons) {
      const reason = why.replace('{it}', names.length === 1 ? 'it' : 'them');
      notes.push(`${names.join(', ')} on ${account.name}: usage without a reported cost has no provider cost, because ${reason}. Set the rate card on the provider page.`);
    }
  }
  for (const [accountId, amount] of unconverted) {
    const account = accounts.get(accountId)!;
    notes.push(
      `Provider costs of ${groupDigits(decText(amount.toDecimalPlaces(8, Dec.ROUND_HALF_UP)))} ${account.currency} on ${account.name} are not in the margin: the plan bills in ${input.planCurrency}. Enter a ${account.currency} → ${input.planCurrency} rate in Settings › Exchange rates to count them.`,
    );
  }
  const usedCards = [...rateCardAccounts]
    .filter((id) => accounts.get(id)!.currency === input.planCurrency || rateBetween(input.exchangeRates, accounts.get(id)!.currency, input.planCurrency))
    .sort((a, b) => a - b);
  return { perMetric, rateCardAccounts: usedCards, notes };
}
