// Runs in the renderer (pure). A provider rate card for people: one row per priced metric with its charge
// model, its prices and what is included, plus the JSON the editor starts from and the editor's checks
// (the engine's validateRateCard, run here before anything is sent).
import type { RateCard, RateCardCharge } from '../../../../shared/pricing/rate-card';
import { validateRateCard } from '../../../../shared/pricing/rate-card';
import type { MetricDefinition } from '../../../../shared/pricing/metrics';
import type { Tier } from '../../../../shared/pricing/plan-schema';
import { formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { formatPrice } from '../statements/statement-format';

export interface RateCardRow {
  metricKey: string;
  /** the metric's name, or its key when the catalog does not know it */
  metric: string;
  description: string | null;
  model: string;
  /** one line per price (a tier, a fee) */
  prices: string[];
  /** included allowance or free units/events, null when there is none */
  included: string | null;
  /** how the metric's quantity is converted before pricing ("per 60 seconds, rounded up"), if at all */
  billingUnit: string | null;
}

export const RATE_MODEL_LABELS: Record<RateCardCharge['model']['type'], string> = {
  per_unit: 'Per unit',
  graduated: 'Graduated tiers',
  volume: 'Volume tiers',
  package: 'Package',
  percentage: 'Percentage',
  cost_multiplier: 'Cost multiplier',
  allowance: 'Included allowance + overage',
  reported: 'Reported by the provider',
};

const ROUNDING_TEXT = { exact: '', up: ', rounded up', down: ', rounded down', half_up: ', rounded to nearest' } as const;
const isZero = (text: string | undefined) => text === undefined || /^0*(\.0*)?$/.test(text);

function tierLines(tiers: readonly Tier[], price: (t: string) => string, quantity: (n: number) => string, unit: string): string[] {
  let previous = 0;
  return tiers.map((t, i) => {
    const range =
      t.upTo === null
        ? i === 0
          ? 'Any quantity'
          : `Above ${quantity(previous)}`
        : i === 0
          ? `Up to ${quantity(t.upTo)}`
          : `${quantity(previous + 1)}–${quantity(t.upTo)}`;
    if (t.upTo !== null) previous = t.upTo;
    const flat = t.flatFee !== undefined && !isZero(t.flatFee) ? ` + ${price(t.flatFee)} flat` : '';
    return `${range}: ${price(t.unitPrice)} per ${unit}${flat}`;
  });
}

/** The rows of the rate card table, in the card's order. */
export function rateCardRows(card: RateCard, metrics: readonly MetricDefinition[], locale: string): RateCardRow[] {
  const price = (t: string) => formatPrice(t, card.currency, locale);
  const qty = (t: string | number) => formatQuantity(String(t), locale);
  return card.charges.map((c) => {
    const metric = metrics.find((m) => m.key === c.metricKey);
    const unit = c.unitDivisor?.unit ?? metric?.unit ?? 'unit';
    const units = (q: string | number) => `${qty(q)} ${unitLabel(unit, String(q))}`;
    const m = c.model;
    let prices: string[] = [];
    let included: string | null = null;
    switch (m.type) {
      case 'per_unit':
        prices = [`${price(m.unitPrice)} per ${unit}`];
        break;
      case 'graduated':
      case 'volume':
        prices = tierLines(m.tiers, price, qty, unit);
        if (m.type === 'volume' && prices.length > 1) prices.push('All units at the price of the tier reached');
        break;
      case 'package':
        prices = [`${price(m.packagePrice)} per ${m.packageSize === 1 ? unit : units(m.packageSize)}`];
        if (m.freeUnits > 0) included = `${units(m.freeUnits)} free`;
        break;
      case 'percentage': {
        prices = [`${m.rate}% of the amount`];
        if (!isZero(m.fixedFeePerEvent)) prices.push(`+ ${price(m.fixedFeePerEvent)} per event`);
        if (m.minPerEvent !== undefined) prices.push(`At least ${price(m.minPerEvent)} per event`);
        if (m.maxPerEvent !== undefined) prices.push(`At most ${price(m.maxPerEvent)} per event`);
        const free = [m.freeEvents > 0 ? `${qty(m.freeEvents)} ${m.freeEvents === 1 ? 'event' : 'events'}` : null, isZero(m.freeAmount) ? null : `${price(m.freeAmount)} of amount`].filter(
          (s): s is string => s !== null,
        );
        if (free.length) included = `${free.join(' and ')} free`;
        break;
      }
      case 'allowance':
        prices = [`${price(m.overageUnitPrice)} per ${unit} over the allowance`];
        included = units(m.included);
        break;
      case 'cost_multiplier':
        prices = [`× ${m.multiplier} of the reported cost`];
        break;
      case 'reported':
        prices = ['The cost the provider reports on each event'];
        break;
    }
    const d = c.unitDivisor;
    const billingUnit = d ? `Per ${d.by === 'period' ? `${d.unit} (the metric over the billing period)` : `${qty(d.by)} ${unitLabel(metric?.unit ?? 'unit', d.by)} = 1 ${d.unit}`}${ROUNDING_TEXT[d.rounding]}` : null;
    return {
      metricKey: c.metricKey,
      metric: metric?.name ?? c.metricKey,
      description: c.description ?? null,
      model: RATE_MODEL_LABELS[m.type],
      prices,
      included,
      billingUnit,
    };
  });
}

/** What the editor starts from when the account has no rate card yet. */
export function rateCardTemplate(currency: string, metricKey = 'interactions'): string {
  return JSON.stringify({ currency, charges: [{ metricKey, model: { type: 'per_unit', unitPrice: '0.35' } }] }, null, 2);
}

/** The editor's text for a stored card (or the template). */
export function rateCardText(card: unknown, currency: string): string {
  return card === undefined || card === null ? rateCardTemplate(currency) : JSON.stringify(card, null, 2);
}

export interface RateCardProblem {
  /** dotted path inside the card ("charges.0.model.unitPrice"); "" for the card as a whole */
  path: string;
  message: string;
}

/** Orders paths as they appear in the card: charges.2.x before charges.10.x. */
function comparePaths(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = Number(pa[i]);
    const nb = Number(pb[i]);
    return Number.isInteger(na) && Number.isInteger(nb) ? na - nb : 0;
  }
  return pa.length - pb.length;
}

export type RateCardCheck = { ok: true; card: RateCard } | { ok: false; problems: RateCardProblem[] };

/**
 * Checks the editor's text as the main process will: JSON syntax, the engine's RateCard schema and metric
 * catalog, and the account's currency.
 */
export function checkRateCardText(text: string, context: { currency: string; metrics: readonly MetricDefinition[] }): RateCardCheck {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `This is not valid JSON: ${err instanceof Error ? err.message : String(err)}.` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '', message: 'A rate card is a JSON object: { "currency": "USD", "charges": [ … ] }.' }] };
  }
  const checked = validateRateCard(value, { metrics: context.metrics });
  if (!checked.ok) {
    const problems = checked.errors.map((e) => ({ path: e.path, message: e.message }));
    // the engine names unknown metrics only once the schema passes: name them now too, so one round fixes all
    const charges = (value as { charges?: unknown }).charges;
    const known = new Set(context.metrics.map((m) => m.key));
    if (Array.isArray(charges)) {
      charges.forEach((c: unknown, i) => {
        const key = c !== null && typeof c === 'object' ? (c as { metricKey?: unknown }).metricKey : undefined;
        const path = `charges.${i}.metricKey`;
        if (typeof key === 'string' && key !== '' && !known.has(key) && !problems.some((p) => p.path === path)) {
          problems.push({ path, message: `Unknown metric "${key}": add it to the metric catalog first.` });
        }
      });
    }
    return { ok: false, problems: problems.sort((a, b) => comparePaths(a.path, b.path)) };
  }
  if (checked.card.currency !== context.currency) {
    return { ok: false, problems: [{ path: 'currency', message: `The rate card is in ${checked.card.currency} but this account bills in ${context.currency}: enter the provider's prices in ${context.currency}.` }] };
  }
  return { ok: true, card: checked.card };
}

/** The main process's field errors ("rateCard.charges.0.metricKey") as problems inside the card. */
export function serverProblems(fields: Readonly<Record<string, string>>, fallback: string): RateCardProblem[] {
  const problems = Object.entries(fields).map(([path, message]) => ({ path: path === 'rateCard' ? '' : path.replace(/^rateCard\./, ''), message }));
  return problems.length ? problems : [{ path: '', message: fallback }];
}
