// Runs in the renderer (pure). "What would this cost": rates the definition being edited for typed quantities
// with the same engine the main process uses (shared/pricing), locally, with no round trip.
import { dec, isDecimalText } from '../../../../shared/money/decimal';
import type { MetricDefinition } from '../../../../shared/pricing/metrics';
import { rateStatement } from '../../../../shared/pricing/rate';
import { RatingError } from '../../../../shared/pricing/rating-error';
import type { Statement, UsageInput } from '../../../../shared/pricing/statement';
import { validatePlan } from '../../../../shared/pricing/validate-plan';
import { periodContaining, type BillingPeriod } from '../../../../shared/time/billing-period';

export interface PreviewInputs {
  /** quantity per metric key, as typed ("" = 0) */
  quantities: Readonly<Record<string, string>>;
  /** provider cost per metric key, as typed ("" = none) */
  costs: Readonly<Record<string, string>>;
  /** number of events per metric key (percentage charges), as typed ("" = 0) */
  events: Readonly<Record<string, string>>;
}

export const NO_PREVIEW_INPUTS: PreviewInputs = { quantities: {}, costs: {}, events: {} };

export interface PreviewCharge {
  metricKey: string;
  /** percentage charges take an event count */
  needsEvents: boolean;
}

export type PreviewResult =
  /** the plan has problems: the editor lists them */
  | { kind: 'invalid_plan'; problems: number }
  | { kind: 'error'; message: string }
  | {
      kind: 'ok';
      statement: Statement;
      period: BillingPeriod;
      /** at least one provider cost was entered: show the margin */
      hasCosts: boolean;
      /** per input ("quantity.<key>", "cost.<key>", "events.<key>"): typed text that is not a number (rated as 0) */
      inputErrors: Record<string, string>;
    };

export interface PreviewContext {
  metrics: readonly MetricDefinition[];
  /** the agency's zone: the preview rates the period containing `now` */
  zone: string;
  now: Date;
}

/** The charged metrics the preview asks quantities for, in plan order, each once. */
export function previewCharges(definition: Record<string, unknown>): PreviewCharge[] {
  const charges = Array.isArray(definition.charges) ? (definition.charges as unknown[]) : [];
  const seen = new Set<string>();
  const out: PreviewCharge[] = [];
  for (const c of charges) {
    if (typeof c !== 'object' || c === null) continue;
    const key = (c as { metricKey?: unknown }).metricKey;
    if (typeof key !== 'string' || key === '' || seen.has(key)) continue;
    seen.add(key);
    const model = (c as { model?: { type?: unknown } }).model;
    out.push({ metricKey: key, needsEvents: model?.type === 'percentage' });
  }
  return out;
}

/** "1,500" and "1 500" are read as 1500 (grouping only); anything else must be plain decimal text. */
export function readQuantity(typed: string): string | null {
  const t = typed.trim();
  if (t === '') return '0';
  const plain = /^\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?:\.\d+)?$/.test(t) ? t.replace(/[, \u00a0\u202f]/g, '') : t;
  if (!isDecimalText(plain) || dec(plain).isNegative()) return null;
  return plain;
}

export function previewStatement(definition: Record<string, unknown>, inputs: PreviewInputs, context: PreviewContext): PreviewResult {
  const checked = validatePlan(definition, { metrics: context.metrics });
  if (!checked.ok) return { kind: 'invalid_plan', problems: checked.errors.length };
  const plan = checked.plan;
  const inputErrors: Record<string, string> = {};
  const usage: Record<string, UsageInput> = {};
  let hasCosts = false;
  for (const { metricKey, needsEvents } of previewCharges(definition)) {
    const quantity = readQuantity(inputs.quantities[metricKey] ?? '');
    if (quantity === null) inputErrors[`quantity.${metricKey}`] = 'Enter a quantity like 1500 or 12.5.';
    const entry: UsageInput = { quantity: quantity ?? '0' };
    const costText = (inputs.costs[metricKey] ?? '').trim();
    if (costText !== '') {
      const cost = readQuantity(costText);
      if (cost === null) inputErrors[`cost.${metricKey}`] = 'Enter an amount like 52.50.';
      else {
        entry.providerCost = cost;
        hasCosts = true;
      }
    }
    if (needsEvents) {
      const eventsText = (inputs.events[metricKey] ?? '').trim();
      if (eventsText === '') entry.events = 0;
      else if (/^\d{1,15}$/.test(eventsText)) entry.events = Number(eventsText);
      else inputErrors[`events.${metricKey}`] = 'Enter a whole number of events.';
    }
    usage[metricKey] = entry;
  }
  let period: BillingPeriod;
  try {
    period = periodContaining(context.now, { interval: plan.interval, anchor: plan.anchor, zone: context.zone });
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  try {
    const statement = rateStatement({
      plan,
      planVersionId: 'preview',
      client: { currency: plan.currency },
      period: { start: period.start, end: period.end },
      usage,
      metrics: context.metrics,
    });
    return { kind: 'ok', statement, period, hasCosts, inputErrors };
  } catch (e) {
    if (e instanceof RatingError) return { kind: 'error', message: e.message };
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
