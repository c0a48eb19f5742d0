// Runs in main. Money totals of the cockpit: per currency (never summed across currencies) and converted to the
// agency's currency with the agency's own rates. Amounts stay exact until the single rounding of each total.
import type { ConvertedTotals, CurrencyTotals, MoneyAmount } from '../../../shared/domain/dashboard';
import { Dec, dec, moneyText } from '../../../shared/money/decimal';
import { rateBetween } from '../exchange-rates-service';

type Rates = ReadonlyArray<{ from: string; to: string; rate: string }>;

/** margin / revenue × 100 to 2 decimals, half-up; null when revenue is 0 (as the statement computes it). */
export function marginPercent(margin: Dec, revenue: Dec): string | null {
  return revenue.isZero() ? null : margin.div(revenue).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

/** Adds amounts per currency. */
export class PerCurrency {
  private readonly sums = new Map<string, Dec>();

  add(currency: string, amount: Dec): void {
    this.sums.set(currency, (this.sums.get(currency) ?? new Dec(0)).plus(amount));
  }

  get(currency: string): Dec {
    return this.sums.get(currency) ?? new Dec(0);
  }

  currencies(): string[] {
    return [...this.sums.keys()].sort();
  }

  /** money text per currency, rounded once, in currency order */
  amounts(): MoneyAmount[] {
    return this.currencies().map((currency) => ({ currency, amount: moneyText(this.get(currency), currency) }));
  }
}

/** Revenue and cost of statements, added per currency. */
export class StatementTotals {
  private readonly byCurrency = new Map<string, { revenue: Dec; cost: Dec; clients: number }>();

  /** `revenue` and `providerCost` are a statement's money text (subtotal, providerCost) */
  add(currency: string, revenue: string, providerCost: string): void {
    const t = this.byCurrency.get(currency) ?? { revenue: new Dec(0), cost: new Dec(0), clients: 0 };
    t.revenue = t.revenue.plus(dec(revenue));
    t.cost = t.cost.plus(dec(providerCost));
    t.clients += 1;
    this.byCurrency.set(currency, t);
  }

  totals(): CurrencyTotals[] {
    return [...this.byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => {
        const margin = t.revenue.minus(t.cost);
        return {
          currency,
          revenue: moneyText(t.revenue, currency),
          providerCost: moneyText(t.cost, currency),
          margin: moneyText(margin, currency),
          marginPercent: marginPercent(margin, t.revenue),
          clients: t.clients,
        };
      });
  }
}

/** An amount in the agency's currency (exact), or null when its currency has no rate. */
export function toAgency(amount: Dec, currency: string, agencyCurrency: string, rates: Rates): Dec | null {
  if (currency === agencyCurrency) return amount;
  const fx = rateBetween(rates, currency, agencyCurrency);
  return fx ? amount.times(dec(fx.rate)) : null;
}

/**
 * Per-currency totals converted to the agency's currency and added up: each converted exactly, the sums rounded
 * once; the margin is the rounded revenue minus the rounded cost. Currencies without a rate are left out and listed.
 */
export function convertTotals(totals: readonly CurrencyTotals[], agencyCurrency: string, rates: Rates): ConvertedTotals {
  let revenue = new Dec(0);
  let cost = new Dec(0);
  const missingRates: string[] = [];
  for (const t of totals) {
    const r = toAgency(dec(t.revenue), t.currency, agencyCurrency, rates);
    const c = toAgency(dec(t.providerCost), t.currency, agencyCurrency, rates);
    if (r === null || c === null) {
      missingRates.push(t.currency);
      continue;
    }
    revenue = revenue.plus(r);
    cost = cost.plus(c);
  }
  const rev = dec(moneyText(revenue, agencyCurrency));
  const cst = dec(moneyText(cost, agencyCurrency));
  const margin = rev.minus(cst);
  return {
    currency: agencyCurrency,
    revenue: moneyText(rev, agencyCurrency),
    providerCost: moneyText(cst, agencyCurrency),
    margin: moneyText(margin, agencyCurrency),
    marginPercent: marginPercent(margin, rev),
    missingRates: missingRates.sort(),
  };
}
