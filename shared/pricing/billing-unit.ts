// Runs anywhere. Converts a metric quantity into a charge's billing unit (the charge's `unitDivisor`).
import { Dec } from '../money/decimal';
import type { UnitDivisor } from './plan-schema';
import { TIME_UNIT_MS, type MetricDefinition } from './metrics';

/**
 * quantity / divisor, rounded to a whole billing unit when asked ('up' = ceiling, 'down' = floor,
 * 'half_up' = nearest, halves up). `by: 'period'` divides by the period's length in the metric's time unit.
 * Without a divisor the quantity is returned unchanged.
 */
export function toBillingUnit(quantity: Dec, divisor: UnitDivisor | undefined, metric: MetricDefinition | undefined, periodMs: number): Dec {
  if (!divisor) return quantity;
  let by: Dec;
  if (divisor.by === 'period') {
    if (!metric || metric.aggregation !== 'time_weighted') throw new Error('Only time-weighted metrics can be priced per period.');
    by = new Dec(periodMs).div(TIME_UNIT_MS[metric.config.per]);
  } else by = new Dec(divisor.by);
  const q = quantity.div(by);
  switch (divisor.rounding) {
    case 'exact':
      return q;
    case 'up':
      return q.ceil();
    case 'down':
      return q.floor();
    case 'half_up':
      return q.toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  }
}

/** The unit label of a charge's quantity: the divisor's unit, else the metric's. */
export function billingUnitLabel(divisor: UnitDivisor | undefined, metric: MetricDefinition | undefined, fallback: string): string {
  return divisor?.unit ?? metric?.unit ?? fallback;
}
