import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../money/decimal';
import { allocate } from './allocate';

const d = (xs: Array<string | number>) => xs.map((x) => new Dec(x));
const t = (xs: Dec[]) => xs.map((x) => x.toFixed());

describe('allocate (largest remainder)', () => {
  it('AgentClara: $700 over 500/300/1,200 interactions = 175/105/420 (reference/000)', () => {
    expect(t(allocate(new Dec(700), d([500, 300, 1200]), 2))).toEqual(['175', '105', '420']);
  });
  it('thirds: the leftover cent goes to the largest remainder, ties to the first', () => {
    expect(t(allocate(new Dec(1), d([1, 1, 1]), 2))).toEqual(['0.34', '0.33', '0.33']);
    expect(t(allocate(new Dec(-1), d([1, 1, 1]), 2))).toEqual(['-0.34', '-0.33', '-0.33']);
    expect(t(allocate(new Dec('0.05'), d([1, 2]), 2))).toEqual(['0.02', '0.03']);
  });
  it('all-zero weights split equally; no weights give nothing', () => {
    expect(t(allocate(new Dec(10), d([0, 0]), 2))).toEqual(['5', '5']);
    expect(allocate(new Dec(10), [], 2)).toEqual([]);
  });
  it('parts always add up to the whole rounded to the scale, and are proportional within one sub-unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 8 }),
        (cents, ws, scale) => {
          const total = new Dec(cents).div(1000).div(3); // a non-terminating total
          const parts = allocate(total, d(ws), scale);
          const whole = total.toDecimalPlaces(scale, Dec.ROUND_HALF_UP);
          expect(parts.reduce((a, b) => a.plus(b), new Dec(0)).eq(whole)).toBe(true);
          const W = ws.reduce((a, b) => a + b, 0);
          const unit = new Dec(10).pow(-scale);
          parts.forEach((p, i) => {
            const ideal = W === 0 ? whole.div(ws.length) : whole.times(ws[i]!).div(W);
            expect(p.minus(ideal).abs().lt(unit)).toBe(true);
            expect(p.decimalPlaces()).toBeLessThanOrEqual(scale);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
