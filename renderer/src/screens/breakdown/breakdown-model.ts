// Runs in the renderer (pure). The per-client breakdown: its columns (one source for cells, sorting and the CSV),
// exact decimal sorting, the client filter and the totals of the rows shown. Money stays text; sums are exact
// (decimal.js), per currency, never across currencies.
import type { BreakdownRow, MetricRef } from '../../../../shared/domain/dashboard';
import { searchFold } from '../../../../shared/domain/search-fold';
import { Dec } from '../../../../shared/money/decimal';

export type ColumnKind = 'text' | 'status' | 'quantity' | 'percent' | 'money';

export interface BreakdownColumn {
  /** stable id: persisted in the visibility setting; usage columns are `usage:<metric key>` */
  id: string;
  header: string;
  kind: ColumnKind;
  /** false: always shown (the client's name and the currency its money is in) */
  hideable: boolean;
  /** px, for the fixed layout of the virtualized table */
  width: number;
  /** the exact value: decimal text for numbers, null when there is none (sorted last, an empty CSV cell) */
  value: (row: BreakdownRow) => string | null;
  /**
   * What the column sorts on when not `value`: revenue, cost and margin sort on the amounts converted to the
   * agency's currency (comparable across currencies; rows without a rate sort last).
   */
  sortValue?: (row: BreakdownRow) => string | null;
  /** sort by currency first, then by value (amounts with no conversion: the wallet) */
  sortByCurrency?: boolean;
}

export const STATUS_TEXT: Record<BreakdownRow['status'], string> = { active: 'Active', trial: 'Trial', paused: 'Paused' };

/** The breakdown's columns: client, status, plan, currency, one per metric with usage, then limits and money. */
export function breakdownColumns(metrics: readonly MetricRef[]): BreakdownColumn[] {
  return [
    { id: 'name', header: 'Client', kind: 'text', hideable: false, width: 260, value: (r) => r.name },
    { id: 'status', header: 'Status', kind: 'status', hideable: true, width: 100, value: (r) => STATUS_TEXT[r.status] },
    { id: 'plan', header: 'Plan', kind: 'text', hideable: true, width: 150, value: (r) => r.planName },
    { id: 'currency', header: 'Currency', kind: 'text', hideable: false, width: 130, value: (r) => r.currency },
    ...metrics.map(
      (m): BreakdownColumn => ({
        id: `usage:${m.key}`,
        header: `${m.name} (${m.unit})`,
        kind: 'quantity',
        hideable: true,
        width: 160,
        value: (r) => r.usage[m.key] ?? null,
      }),
    ),
    { id: 'allowance', header: 'Allowance used %', kind: 'percent', hideable: true, width: 170, value: (r) => r.allowanceUsedPercent },
    { id: 'revenue', header: 'Revenue', kind: 'money', hideable: true, width: 130, value: (r) => r.revenue, sortValue: (r) => r.agency.revenue },
    { id: 'providerCost', header: 'Provider cost', kind: 'money', hideable: true, width: 140, value: (r) => r.providerCost, sortValue: (r) => r.agency.providerCost },
    { id: 'margin', header: 'Margin', kind: 'money', hideable: true, width: 130, value: (r) => r.margin, sortValue: (r) => r.agency.margin },
    { id: 'marginPercent', header: 'Margin %', kind: 'percent', hideable: true, width: 120, value: (r) => r.marginPercent },
    { id: 'walletBalance', header: 'Wallet', kind: 'money', hideable: true, width: 130, value: (r) => r.walletBalance, sortByCurrency: true },
  ];
}

export const isNumeric = (kind: ColumnKind) => kind === 'quantity' || kind === 'percent' || kind === 'money';

// ---- sorting

const ZERO = /^-?0(?:\.0*)?$/;

/** Compares unsigned canonical decimal text ("0", "12", "3.50") digit by digit: no floats, any precision. */
function compareMagnitude(a: string, b: string): number {
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  const intA = da < 0 ? a.length : da;
  const intB = db < 0 ? b.length : db;
  if (intA !== intB) return intA < intB ? -1 : 1;
  for (let i = 0; i < intA; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const fracA = da < 0 ? 0 : a.length - da - 1;
  const fracB = db < 0 ? 0 : b.length - db - 1;
  const n = Math.max(fracA, fracB);
  for (let i = 1; i <= n; i++) {
    const ca = i <= fracA ? a.charCodeAt(intA + i) : 48;
    const cb = i <= fracB ? b.charCodeAt(intB + i) : 48;
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  return 0;
}

/**
 * Orders exact decimal text numerically without converting it to a float: compareDecimalText("10", "9.99") > 0,
 * "-0.5" < "0", "1.50" equals "1.5", "-0" equals "0".
 */
export function compareDecimalText(a: string, b: string): number {
  const negA = a.charCodeAt(0) === 45 && !ZERO.test(a);
  const negB = b.charCodeAt(0) === 45 && !ZERO.test(b);
  if (negA !== negB) return negA ? -1 : 1;
  const c = compareMagnitude(negA || a.charCodeAt(0) === 45 ? a.slice(1) : a, negB || b.charCodeAt(0) === 45 ? b.slice(1) : b);
  return negA ? -c : c;
}

const collators = new Map<string, Intl.Collator>();
function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    try {
      c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    } catch {
      c = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
    }
    collators.set(locale, c);
  }
  return c;
}

export interface SortSpec {
  id: string;
  desc: boolean;
}

/**
 * The rows sorted by one column: numbers numerically on their exact text, text by the locale's collation; money
 * on its amount in the agency's currency (the wallet: by currency, then amount); rows without a value last in both
 * directions; ties by client name, then id (deterministic).
 */
export function sortRows(rows: readonly BreakdownRow[], columns: readonly BreakdownColumn[], sort: SortSpec | null, locale = 'en-US'): BreakdownRow[] {
  const byName = nameOrder(rows, locale);
  const column = sort ? columns.find((c) => c.id === sort.id) : undefined;
  if (!sort || !column) return [...byName];
  const rank = nameRanks(rows, locale);
  const compare = isNumeric(column.kind) ? compareDecimalText : collator(locale).compare;
  const dir = sort.desc ? -1 : 1;
  const get = column.sortValue ?? column.value;
  const byCurrency = column.sortByCurrency === true;
  const keyed = rows.map((row) => ({ row, v: get(row), rank: rank.get(row)! }));
  keyed.sort((a, b) => {
    if (byCurrency && a.row.currency !== b.row.currency) return a.row.currency < b.row.currency ? -1 : 1;
    if (a.v === null || b.v === null) return a.v === b.v ? a.rank - b.rank : a.v === null ? 1 : -1;
    return dir * compare(a.v, b.v) || a.rank - b.rank;
  });
  return keyed.map((k) => k.row);
}

// Ties break by name: the rows sorted by name once per list and locale (collation is the slow comparison).
const byNameCache = new WeakMap<readonly BreakdownRow[], { locale: string; order: BreakdownRow[]; rank: Map<BreakdownRow, number> }>();
function nameCache(rows: readonly BreakdownRow[], locale: string) {
  let c = byNameCache.get(rows);
  if (!c || c.locale !== locale) {
    const names = collator(locale);
    const order = [...rows].sort((a, b) => names.compare(a.name, b.name) || a.clientId - b.clientId);
    c = { locale, order, rank: new Map(order.map((r, i) => [r, i])) };
    byNameCache.set(rows, c);
  }
  return c;
}
const nameOrder = (rows: readonly BreakdownRow[], locale: string) => nameCache(rows, locale).order;
const nameRanks = (rows: readonly BreakdownRow[], locale: string) => nameCache(rows, locale).rank;

// ---- filtering

export type StatusFilter = 'all' | BreakdownRow['status'];

export interface BreakdownFilter {
  /** client name contains it: case-, accent- and width-insensitive */
  text: string;
  status: StatusFilter;
  /** near (≥ 75 % or the client's threshold) or over a limit or allowance */
  limitsOnly: boolean;
}

export const NO_FILTER: BreakdownFilter = { text: '', status: 'all', limitsOnly: false };

export const isFiltered = (f: BreakdownFilter) => f.text.trim() !== '' || f.status !== 'all' || f.limitsOnly;

export const isNearOrOver = (row: BreakdownRow) => row.limitStatus !== null || row.overLimit;

const folded = new WeakMap<BreakdownRow, string>();
function foldedName(row: BreakdownRow): string {
  let f = folded.get(row);
  if (f === undefined) {
    f = searchFold(row.name);
    folded.set(row, f);
  }
  return f;
}

export function filterRows(rows: readonly BreakdownRow[], filter: BreakdownFilter): BreakdownRow[] {
  const needle = searchFold(filter.text.trim());
  return rows.filter(
    (row) =>
      (filter.status === 'all' || row.status === filter.status) &&
      (!filter.limitsOnly || isNearOrOver(row)) &&
      (needle === '' || foldedName(row).includes(needle)),
  );
}

// ---- totals of the rows shown

/**
 * The exact sum of decimal texts, at the largest scale among them ("1.50" + "2" = "3.50"): BigInt on scaled
 * integers — exact like decimal.js, and fast enough to re-add 5,000 rows on every keystroke of the filter.
 */
export function sumDecimalText(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) {
    const dot = v.indexOf('.');
    if (dot >= 0 && v.length - dot - 1 > scale) scale = v.length - dot - 1;
  }
  let total = 0n;
  for (const v of values) {
    const dot = v.indexOf('.');
    const digits = dot < 0 ? v + '0'.repeat(scale) : v.slice(0, dot) + v.slice(dot + 1) + '0'.repeat(scale - (v.length - dot - 1));
    total += BigInt(digits);
  }
  const negative = total < 0n;
  const abs = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? abs : `${abs.slice(0, abs.length - scale)}.${abs.slice(abs.length - scale)}`;
  return negative ? `-${text}` : text;
}

const present = (values: Array<string | null>): string[] => values.filter((v): v is string => v !== null);

export interface ShownTotals {
  currency: string;
  rows: number;
  /** column id -> exact sum of the rows' values (numbers only; percents: see marginPercent) */
  sums: Record<string, string>;
  /** margin / revenue × 100, 2 decimals half-up; null when revenue is 0 */
  marginPercent: string | null;
}

export interface ConvertedShownTotals {
  currency: string;
  revenue: string;
  providerCost: string;
  margin: string;
  marginPercent: string | null;
  /** currencies of rated rows with no rate to the agency's currency: left out above */
  missingRates: string[];
}

export function marginPercentOf(margin: Dec, revenue: Dec): string | null {
  return revenue.isZero() ? null : margin.div(revenue).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

const SUMMED: ReadonlySet<ColumnKind> = new Set(['quantity', 'money']);

/** Per currency (by code), the exact sums of the shown rows' number columns. */
export function totalsByCurrency(rows: readonly BreakdownRow[], columns: readonly BreakdownColumn[]): ShownTotals[] {
  const summed = columns.filter((c) => SUMMED.has(c.kind));
  const groups = new Map<string, BreakdownRow[]>();
  for (const row of rows) {
    const g = groups.get(row.currency);
    if (g) g.push(row);
    else groups.set(row.currency, [row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, group]) => {
      const sums: Record<string, string> = {};
      for (const c of summed) {
        const values = present(group.map(c.value));
        if (values.length > 0) sums[c.id] = sumDecimalText(values);
      }
      const revenue = new Dec(sumDecimalText(present(group.map((r) => r.revenue))));
      const margin = new Dec(sumDecimalText(present(group.map((r) => r.margin))));
      return { currency, rows: group.length, sums, marginPercent: marginPercentOf(margin, revenue) };
    });
}

/** The shown rows' amounts in the agency's currency (as the server converted each row), added exactly. */
export function convertedTotals(rows: readonly BreakdownRow[], agencyCurrency: string): ConvertedShownTotals {
  const revenue: string[] = [];
  const cost: string[] = [];
  const margin: string[] = [];
  const missing = new Set<string>();
  for (const row of rows) {
    if (row.revenue === null) continue;
    if (row.agency.revenue === null) {
      missing.add(row.currency);
      continue;
    }
    revenue.push(row.agency.revenue);
    if (row.agency.providerCost !== null) cost.push(row.agency.providerCost);
    if (row.agency.margin !== null) margin.push(row.agency.margin);
  }
  const r = sumDecimalText(revenue);
  const m = sumDecimalText(margin);
  return {
    currency: agencyCurrency,
    revenue: r,
    providerCost: sumDecimalText(cost),
    margin: m,
    marginPercent: marginPercentOf(new Dec(m), new Dec(r)),
    missingRates: [...missing].sort(),
  };
}

// ---- column visibility (persisted)

export type Visibility = Record<string, boolean>;

/** A stored visibility map, or {} for anything unreadable: unknown ids are harmless, non-hideable ones are ignored. */
export function parseVisibility(text: string | null): Visibility {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
  } catch {
    return {};
  }
}

/** The columns shown, in order: hidden only when hideable and set to false. */
export function visibleColumns(columns: readonly BreakdownColumn[], visibility: Visibility): BreakdownColumn[] {
  return columns.filter((c) => !c.hideable || visibility[c.id] !== false);
}
