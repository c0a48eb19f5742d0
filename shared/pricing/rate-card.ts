// Runs anywhere. No Node, no DOM. Provider rate cards: what a provider account charges the agency per metric,
// with the same charge models as client plans (plus "reported": the provider states each event's cost),
// applied to the agency's TOTAL usage on that account — so agency-level tiers and included allowances work —
// then split back to clients in proportion to their usage, exactly (largest remainder).
import { z } from 'zod';
import { currencyInfo } from '../domain/currencies';
import { currencyCode } from '../domain/fields';
import { Dec, dec, decText } from '../money/decimal';
import { toEpochMs, type InstantInput } from '../time/instant';
import { allocate } from './allocate';
import { toBillingUnit } from './billing-unit';
import { priceModel, type BreakdownItem } from './charge-models';
import { BUILT_IN_METRICS, type MetricDefinition } from './metrics';
import { ChargeModel, UnitDivisor } from './plan-schema';
import { settle } from './settle';
import type { PlanProblem } from './validate-plan';

export const RateCardCharge = z.object({
  metricKey: z.string({ error: 'Choose a metric.' }).min(1, { error: 'Choose a metric.' }),
  description: z.string().trim().max(200).optional(),
  /** a charge model, or "reported": the provider's own per-event cost is the cost */
  model: z.union([ChargeModel, z.object({ type: z.literal('reported') })], { error: 'Choose how the provider prices this metric.' }),
  unitDivisor: UnitDivisor.optional(),
});
export type RateCardCharge = z.infer<typeof RateCardCharge>;

export const RateCard = z
  .object({
    name: z.string().trim().max(200).optional(),
    currency: currencyCode,
    charges: z.array(RateCardCharge).default([]),
  })
  .superRefine((card, ctx) => {
    card.charges.forEach((c, i) => {
      if (c.model.type === 'cost_multiplier') {
        ctx.addIssue({ code: 'custom', path: ['charges', i, 'model', 'type'], message: 'A rate card prices usage: use "reported" for provider-stated costs (multipliers belong in client plans).' });
      }
      const first = card.charges.findIndex((x) => x.metricKey === c.metricKey);
      if (first !== i) ctx.addIssue({ code: 'custom', path: ['charges', i, 'metricKey'], message: `Metric "${c.metricKey}" is already priced by line ${first + 1} of this rate card.` });
    });
  });
export type RateCard = z.output<typeof RateCard>;
export type RateCardInput = z.input<typeof RateCard>;

export function validateRateCard(input: unknown, context: { metricKeys?: readonly string[]; metrics?: readonly MetricDefinition[] } = {}): { ok: true; card: RateCard } | { ok: false; errors: PlanProblem[] } {
  const parsed = RateCard.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  const known = new Set(context.metricKeys ?? (context.metrics ?? BUILT_IN_METRICS).map((m) => m.key));
  const errors: PlanProblem[] = [];
  parsed.data.charges.forEach((c, i) => {
    if (!known.has(c.metricKey)) errors.push({ path: `charges.${i}.metricKey`, message: `Unknown metric "${c.metricKey}": add it to the metric catalog first.` });
  });
  return errors.length ? { ok: false, errors } : { ok: true, card: parsed.data };
}

/** One client's usage of one metric on the provider account. */
export interface ClientMetricUsage {
  /** aggregated quantity in the metric's unit */
  quantity: string | Dec;
  /** part of the quantity without a provider-reported cost (default: all of it) */
  uncostedQuantity?: string | Dec;
  /** sum of provider-reported costs (rate card currency) */
  reportedCost?: string | Dec;
  events?: number;
}

export interface MetricCost {
  metricKey: string;
  /** agency-wide quantity the rate card priced (metric unit) */
  pricedQuantity: string;
  /** exact rate-card cost of that quantity */
  rateCardCost: string;
  reportedCost: string;
  breakdown: Array<{ label: string; quantity: string; unitPrice: string | null; flatFee: string; amount: string }>;
  /** each client's cost: its reported cost + its share of the rate-card cost (allocation scale) */
  perClient: Record<string, string>;
  /** true when some quantity had neither a rate-card price nor a reported cost */
  unpriced: boolean;
}

export interface ProviderCosts {
  currency: string;
  /** decimals of the allocated shares (currency exponent + 6 by default) */
  scale: number;
  byMetric: MetricCost[];
  /** clientId -> metricKey -> cost (decimal text), the `providerCost` to pass to rateStatement */
  perClient: Record<string, Record<string, string>>;
}

const ZERO = new Dec(0);
const text = (items: readonly BreakdownItem[]) =>
  items.map((b) => ({ label: b.label, quantity: decText(b.quantity), unitPrice: b.unitPrice === null ? null : decText(b.unitPrice), flatFee: decText(b.flatFee), amount: decText(b.amount) }));

/**
 * Provider costs of one account for one period, per metric and per client.
 * @example allocateProviderCosts({ rateCard: { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }] },
 *   period, clients: { A: { interactions: { quantity: '500' } }, B: { interactions: { quantity: '300' } } } })
 *   // perClient: { A: { interactions: '175' }, B: { interactions: '105' } }
 */
export function allocateProviderCosts(input: {
  rateCard: RateCard | RateCardInput;
  period: { start: InstantInput; end: InstantInput };
  clients: Readonly<Record<string, Readonly<Record<string, ClientMetricUsage>>>>;
  metrics?: readonly MetricDefinition[];
  scale?: number;
}): ProviderCosts {
  const card = RateCard.parse(input.rateCard);
  const catalog = input.metrics ?? BUILT_IN_METRICS;
  const scale = input.scale ?? currencyInfo(card.currency).exponent + 6;
  const periodMs = toEpochMs(input.period.end) - toEpochMs(input.period.start);
  if (periodMs <= 0) throw new Error('The period must end after it starts.');
  const clientIds = Object.keys(input.clients).sort();
  const metricKeys = [...new Set(clientIds.flatMap((c) => Object.keys(input.clients[c]!)))].sort();
  const perClient: Record<string, Record<string, string>> = Object.fromEntries(clientIds.map((c) => [c, {}]));
  const byMetric: MetricCost[] = [];

  for (const key of metricKeys) {
    const rows = clientIds.map((c) => {
      const u = input.clients[c]![key];
      const quantity = u ? dec(u.quantity) : ZERO;
      return {
        client: c,
        uncosted: u?.uncostedQuantity === undefined ? quantity : dec(u.uncostedQuantity),
        reported: u?.reportedCost === undefined ? ZERO : dec(u.reportedCost),
        events: u?.events ?? 0,
      };
    });
    const charge = card.charges.find((c) => c.metricKey === key);
    const metric = catalog.find((m) => m.key === key);
    const pricedQuantity = rows.reduce((s, r) => s.plus(r.uncosted), ZERO);
    const reportedCost = rows.reduce((s, r) => s.plus(r.reported), ZERO);
    let rateCardCost = ZERO;
    let breakdown: MetricCost['breakdown'] = [];
    let unpriced = false;
    if (charge && charge.model.type !== 'reported') {
      const q = toBillingUnit(pricedQuantity, charge.unitDivisor, metric, periodMs);
      const events = rows.reduce((s, r) => s + r.events, 0);
      const result = priceModel(charge.model, { quantity: q, events, providerCost: ZERO });
      rateCardCost = result.amount;
      breakdown = text(result.breakdown);
    } else if (pricedQuantity.gt(0)) unpriced = true;
    const shares = allocate(rateCardCost, rows.map((r) => r.uncosted), scale);
    const metricPerClient: Record<string, string> = {};
    rows.forEach((r, i) => {
      const cost = r.reported.plus(shares[i]!);
      metricPerClient[r.client] = decText(cost);
      perClient[r.client]![key] = decText(cost);
    });
    byMetric.push({
      metricKey: key,
      pricedQuantity: decText(pricedQuantity),
      rateCardCost: decText(settle(rateCardCost)),
      reportedCost: decText(reportedCost),
      breakdown,
      perClient: metricPerClient,
      unpriced,
    });
  }
  return { currency: card.currency, scale, byMetric, perClient };
}

/**
 * A provider cost for every event: its own reported cost when it has one, else its quantity's share of
 * `rateCardCost` (the rate-card cost of all the uncosted events together), allocated exactly.
 */
export function costPerEvent(events: ReadonlyArray<{ quantity: string | number | Dec; cost?: string | Dec | null }>, rateCardCost: Dec, scale: number): Dec[] {
  const uncostedIdx: number[] = [];
  const out: Dec[] = events.map((e, i) => {
    if (e.cost === undefined || e.cost === null) {
      uncostedIdx.push(i);
      return ZERO;
    }
    return dec(e.cost);
  });
  const shares = allocate(rateCardCost, uncostedIdx.map((i) => dec(events[i]!.quantity)), scale);
  uncostedIdx.forEach((idx, k) => {
    out[idx] = shares[k]!;
  });
  return out;
}
