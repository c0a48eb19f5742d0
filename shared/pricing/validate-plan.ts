// Runs anywhere. Validates a plan version definition: shape, tiers, and — against what the caller knows —
// metric catalog and client currency. Returns every problem with a field path the editor can point at.
import type { z } from 'zod';
import { PlanDefinition } from './plan-schema';
import { BUILT_IN_METRICS, type MetricDefinition } from './metrics';

export interface PlanProblem {
  /** dotted path into the plan: "charges.1.model.tiers.2.upTo"; "" for the plan as a whole */
  path: string;
  message: string;
}

export type PlanValidation = { ok: true; plan: PlanDefinition } | { ok: false; errors: PlanProblem[] };

export interface PlanContext {
  /** keys of the metrics that exist (built-in and custom); defaults to the built-ins' keys, or `metrics`' keys */
  metricKeys?: readonly string[];
  /** full definitions, when known: enables the unit checks ("period" divisors need a time-weighted metric) */
  metrics?: readonly MetricDefinition[];
  /** the currency of the client the plan is for */
  clientCurrency?: string;
}

const pathText = (path: readonly PropertyKey[]) => path.map((p) => String(p)).join('.');

/**
 * Parses and checks a plan definition.
 * @example validatePlan(input, { metricKeys: ['interactions'], clientCurrency: 'USD' })
 *   // { ok: false, errors: [{ path: 'charges.0.metricKey', message: 'Unknown metric "foo" ...' }] }
 */
export function validatePlan(input: unknown, context: PlanContext = {}): PlanValidation {
  const parsed = PlanDefinition.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: pathText(i.path), message: i.message })) };
  }
  const plan = parsed.data;
  const errors: PlanProblem[] = [];
  const catalog = context.metrics ?? BUILT_IN_METRICS;
  const known = new Set(context.metricKeys ?? catalog.map((m) => m.key));
  const unknown = (key: string) => `Unknown metric "${key}": add it to the metric catalog first, or choose one of ${[...known].sort().join(', ')}.`;

  plan.charges.forEach((c, i) => {
    if (!known.has(c.metricKey)) {
      errors.push({ path: `charges.${i}.metricKey`, message: unknown(c.metricKey) });
      return;
    }
    const metric = catalog.find((m) => m.key === c.metricKey);
    if (c.unitDivisor?.by === 'period' && metric && metric.aggregation !== 'time_weighted') {
      errors.push({
        path: `charges.${i}.unitDivisor.by`,
        message: `Only time-weighted metrics can be priced per period ("${c.metricKey}" is aggregated by ${metric.aggregation}).`,
      });
    }
  });
  for (const key of Object.keys(plan.trial?.freeUnits ?? {})) {
    if (!known.has(key)) errors.push({ path: `trial.freeUnits.${key}`, message: unknown(key) });
    else if (!plan.charges.some((c) => c.metricKey === key)) {
      errors.push({ path: `trial.freeUnits.${key}`, message: `Trial free units for "${key}" have no effect: the plan has no charge for it.` });
    } else if (plan.charges.some((c) => c.metricKey === key && c.model.type === 'percentage')) {
      errors.push({ path: `trial.freeUnits.${key}`, message: `Trial free units do not apply to the percentage charge on "${key}": use its free amount or free events.` });
    }
  }
  for (const key of Object.keys(plan.limits ?? {})) {
    if (!known.has(key)) errors.push({ path: `limits.${key}`, message: unknown(key) });
  }
  if (context.clientCurrency !== undefined && context.clientCurrency.toUpperCase() !== plan.currency) {
    errors.push({
      path: 'currency',
      message: `Currency mismatch: the plan is in ${plan.currency} but the client is billed in ${context.clientCurrency.toUpperCase()}. Use a ${context.clientCurrency.toUpperCase()} plan or change the client's currency.`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
}
