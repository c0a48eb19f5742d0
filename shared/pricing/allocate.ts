// Runs anywhere. Splits an exact amount into parts proportional to weights, on a fixed decimal scale, so the
// parts add up to the (scale-rounded) whole exactly: the largest-remainder method (Hamilton).
import { Dec } from '../money/decimal';

/**
 * Parts of `total` proportional to `weights`, each a multiple of 10^-scale, summing exactly to
 * `total` rounded half away from zero to `scale` decimals. Leftover sub-units go to the largest fractional
 * remainders; ties go to the earlier weight (deterministic). All-zero weights split the total equally.
 * @example allocate(new Dec('700'), [500, 300, 1200].map((n) => new Dec(n)), 2) // 175, 105, 420
 * @example allocate(new Dec('1'), [1, 1, 1].map((n) => new Dec(n)), 2)          // 0.34, 0.33, 0.33
 */
export function allocate(total: Dec, weights: readonly Dec[], scale: number): Dec[] {
  if (!Number.isInteger(scale) || scale < 0 || scale > 30) throw new Error(`Allocation scale must be a whole number from 0 to 30 (got ${scale}).`);
  if (weights.length === 0) return [];
  if (weights.some((w) => w.isNegative())) throw new Error('Allocation weights must not be negative.');
  const unit = new Dec(10).pow(scale);
  const units = total.times(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  const negative = units.isNegative();
  const n = units.abs();
  let w = weights;
  let sum = w.reduce((a, b) => a.plus(b), new Dec(0));
  if (sum.isZero()) {
    w = weights.map(() => new Dec(1));
    sum = new Dec(weights.length);
  }
  const quotas = w.map((wi) => n.times(wi).div(sum));
  const floors = quotas.map((q) => q.floor());
  let left = n.minus(floors.reduce((a, b) => a.plus(b), new Dec(0))).toNumber(); // < weights.length, safe
  const order = quotas
    .map((q, i) => ({ i, frac: q.minus(floors[i]!) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left--;
  }
  return floors.map((f) => (negative ? f.negated() : f).div(unit));
}
