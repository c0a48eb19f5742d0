// Runs in main (pure: no database, no clock). The alert rules: thresholds, limits, projected overage, spikes.
// Quantities are exact decimals; instants are epoch ms.
import { Dec } from '../../../shared/money/decimal';

/**
 * The thresholds (whole percentages) a quantity has reached: q × 100 >= base × t.
 * A base of zero has no percentages (a zero limit is still crossed by any usage, see `overLimit`).
 * @example crossedThresholds(new Dec(760), new Dec(1000), [50, 75, 90, 100]) // [50, 75]
 */
export function crossedThresholds(quantity: Dec, base: Dec, thresholds: readonly number[]): number[] {
  if (!base.gt(0)) return [];
  return thresholds.filter((t) => quantity.times(100).gte(base.times(t)));
}

/** Percent used, to one decimal place (760 of 1000 -> "76"). */
export function percentUsed(quantity: Dec, base: Dec): Dec {
  return base.gt(0) ? quantity.times(100).div(base).toDecimalPlaces(1, Dec.ROUND_HALF_UP) : new Dec(0);
}

/** Crossing a limit means going above it (as the rating engine reports `limitsExceeded`). */
export const overLimit = (quantity: Dec, limit: Dec): boolean => quantity.gt(limit);

export interface Projection {
  /** epoch ms the straight-line projection reaches the base */
  at: number;
  /** the quantity projected for the whole period */
  periodTotal: Dec;
}

/**
 * Linear projection of period-to-date usage. With q used after `elapsed = now - start` ms the rate is q / elapsed,
 * so the period total is q × (end - start) / elapsed and the base is reached at start + elapsed × base / q
 * (rounded up to the millisecond). Returns null when nothing is used yet, the base is already reached (the
 * 100 % threshold covers it), or the projection stays within the base until the period ends.
 * @example 600 of 1,000 used by 2026-11-11T00:00Z in November (UTC): 10 days × 1000 / 600 = 16 d 16 h
 *   -> crosses 2026-11-17T16:00Z; period total 1,800.
 */
export function projectCrossing(input: { start: number; end: number; now: number; quantity: Dec; base: Dec }): Projection | null {
  const { start, end, now, quantity, base } = input;
  const elapsed = now - start;
  if (elapsed <= 0 || now >= end || !quantity.gt(0) || !base.gt(0) || quantity.gte(base)) return null;
  const offset = new Dec(elapsed).times(base).div(quantity).toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber();
  const at = start + offset;
  if (at >= end) return null;
  return { at, periodTotal: quantity.times(end - start).div(elapsed) };
}

/**
 * A day is a spike when its quantity is above `factor` × the average of the previous days (zeros included).
 * No history (an average of zero) is never a spike: a new client's first day is not unusual.
 */
export function isSpike(day: Dec, previous: readonly Dec[], factor: Dec): { spike: boolean; average: Dec } {
  if (previous.length === 0) return { spike: false, average: new Dec(0) };
  const average = previous.reduce((a, b) => a.plus(b), new Dec(0)).div(previous.length);
  return { spike: average.gt(0) && day.gt(average.times(factor)), average };
}
