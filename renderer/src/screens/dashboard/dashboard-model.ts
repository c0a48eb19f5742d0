// Runs in the renderer (pure). The dashboard's periods, KPI cards and money charts, from the contract's figures.
// Money stays text: Intl formats the exact string; the charts' numbers are for drawing only.
import type { ConvertedTotals, CurrencyTotals, DashboardSummary, Monthly } from '../../../../shared/domain/dashboard';
import { decText, isDecimalText, sum } from '../../../../shared/money/decimal';
import { formatMoney } from '../../format/numbers';

/** "2026-11" in `timeZone` at `now`. */
export function currentMonth(now: Date, timeZone: string): string {
  let text: string;
  try {
    text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now);
  } catch {
    text = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit' }).format(now);
  }
  const [y, m] = text.split('-');
  return `${y}-${m}`;
}

/** The month `delta` months from a label: shiftMonth("2026-01", -1) is "2025-12". */
export function shiftMonth(label: string, delta: number): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2026-11" -> "November 2026" in the locale. */
export function monthName(label: string, locale: string): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 15));
  } catch {
    return label;
  }
}

/** The period picker: the current month first, then `count - 1` past months. */
export function periodOptions(current: string, locale: string, count = 24): Array<{ value: string; label: string }> {
  return Array.from({ length: count }, (_, i) => {
    const value = shiftMonth(current, -i);
    return { value, label: i === 0 ? `${monthName(value, locale)} (current)` : monthName(value, locale) };
  });
}

export type KpiKey = 'revenue' | 'providerCost' | 'margin' | 'marginPercent';

export interface Kpi {
  key: KpiKey;
  label: string;
  /** the converted figure, formatted; "—" when there is none */
  value: string;
  /** exact text for the title attribute */
  exact: string | null;
  tone: 'neutral' | 'positive' | 'negative';
  /** one line per currency: "€1,010.41" */
  byCurrency: Array<{ currency: string; value: string }>;
}

const LABELS: Record<KpiKey, string> = { revenue: 'Revenue', providerCost: 'Provider cost', margin: 'Margin', marginPercent: 'Margin %' };

/** "49.78" -> "49.78 %" in the locale; null -> "—". */
export function formatPercent(text: string | null, locale: string): string {
  if (text === null) return '—';
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n / 100);
}

const sign = (text: string | null): Kpi['tone'] => (text === null ? 'neutral' : text.startsWith('-') ? 'negative' : Number(text) === 0 ? 'neutral' : 'positive');

/** The four KPI cards: converted to the agency's currency, with the per-currency figures beside them. */
export function kpiCards(converted: ConvertedTotals, totals: readonly CurrencyTotals[], locale: string): Kpi[] {
  const money = (key: 'revenue' | 'providerCost' | 'margin'): Kpi => ({
    key,
    label: LABELS[key],
    value: formatMoney(converted[key], converted.currency, locale),
    exact: `${converted[key]} ${converted.currency}`,
    tone: key === 'margin' ? sign(converted.margin) : 'neutral',
    byCurrency: totals.map((t) => ({ currency: t.currency, value: formatMoney(t[key], t.currency, locale) })),
  });
  return [
    money('revenue'),
    money('providerCost'),
    money('margin'),
    {
      key: 'marginPercent',
      label: LABELS.marginPercent,
      value: formatPercent(converted.marginPercent, locale),
      exact: converted.marginPercent === null ? null : `${converted.marginPercent} %`,
      tone: sign(converted.marginPercent),
      byCurrency: totals.map((t) => ({ currency: t.currency, value: formatPercent(t.marginPercent, locale) })),
    },
  ];
}

/** The note under the KPIs when some currency has no exchange rate, or null. */
export function missingRatesNote(converted: ConvertedTotals): string | null {
  const missing = converted.missingRates;
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  return `Not included in the ${converted.currency} totals: ${list} (no exchange rate to ${converted.currency}). Add ${missing.length === 1 ? 'a rate' : 'rates'} in Settings › Exchange rates.`;
}

/** "2 · $1,200.00, €80.00" for a due/overdue line; null when there is nothing due. */
export function dueLine(items: DashboardSummary['invoices']['due'], locale: string): { count: number; amounts: string } | null {
  if (items.length === 0) return null;
  return { count: items.reduce((n, i) => n + i.count, 0), amounts: items.map((i) => formatMoney(i.amount, i.currency, locale)).join(', ') };
}

export interface MonthlyRow {
  label: string;
  axis: string;
  full: string;
  revenue: number;
  providerCost: number;
  margin: number;
  exact: { revenue: string; providerCost: string; margin: string; marginPercent: string | null };
}

/** Revenue vs cost by month, converted to the agency's currency. */
export function monthlyRows(data: Monthly, locale: string): MonthlyRow[] {
  return data.months.map((m) => {
    const [y, mo] = m.label.split('-').map(Number) as [number, number];
    const date = Date.UTC(y, mo - 1, 15);
    let axis = m.label;
    try {
      axis = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(date);
    } catch {
      // keep the label
    }
    return {
      label: m.label,
      axis,
      full: monthName(m.label, locale),
      revenue: Number(m.converted.revenue),
      providerCost: Number(m.converted.providerCost),
      margin: Number(m.converted.margin),
      exact: { revenue: m.converted.revenue, providerCost: m.converted.providerCost, margin: m.converted.margin, marginPercent: m.converted.marginPercent },
    };
  });
}

/** True when no month has revenue or cost. */
export function monthlyIsEmpty(rows: readonly MonthlyRow[]): boolean {
  return rows.every((r) => r.revenue === 0 && r.providerCost === 0);
}

export interface MarginBar {
  clientId: number;
  name: string;
  margin: number;
  exact: string;
  marginPercent: string | null;
}

/** Margin by client in the agency's currency, highest first; clients without a statement or a rate left out. */
export function marginBars(rows: ReadonlyArray<{ clientId: number; name: string; marginPercent: string | null; agency: { margin: string | null } }>, limit = 10): MarginBar[] {
  return rows
    .filter((r): r is typeof r & { agency: { margin: string } } => r.agency.margin !== null)
    .map((r) => ({ clientId: r.clientId, name: r.name, margin: Number(r.agency.margin), exact: r.agency.margin, marginPercent: r.marginPercent }))
    .sort((a, b) => b.margin - a.margin)
    .slice(0, limit);
}

/** A usage quantity for a glance: at most 2 decimals ("10215.4351275" -> "10,215.44"); the exact text goes in a title. */
export function formatUsage(text: string, locale: string): string {
  if (!isDecimalText(text)) return text;
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, roundingMode: 'halfExpand' }).format(text as Intl.StringNumericLiteral);
  } catch {
    return text;
  }
}

/** "167" -> "167%", "93.6" -> "93.6%" (one decimal at most). */
export function formatShare(text: string, locale: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n / 100);
}

/** Amounts per currency added up exactly: [{USD 1.10}, {EUR 2}, {USD 0.20}] -> USD 1.30, EUR 2.00 (in order of first appearance). */
export function sumByCurrency(items: ReadonlyArray<{ currency: string; amount: string }>): Array<{ currency: string; amount: string }> {
  const order: string[] = [];
  const groups = new Map<string, string[]>();
  for (const i of items) {
    if (!groups.has(i.currency)) {
      groups.set(i.currency, []);
      order.push(i.currency);
    }
    groups.get(i.currency)!.push(i.amount);
  }
  return order.map((currency) => ({ currency, amount: decText(sum(groups.get(currency)!)) }));
}
