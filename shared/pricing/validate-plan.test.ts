import { describe, expect, it } from 'vitest';
import { validatePlan } from './validate-plan';

const base = {
  name: 'Pro',
  currency: 'USD',
  interval: 'month',
  anchor: { kind: 'calendar' },
  baseFee: '350',
  charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }],
};

const errorsOf = (plan: unknown, ctx = {}) => {
  const r = validatePlan(plan, ctx);
  return r.ok ? [] : r.errors;
};

describe('validatePlan', () => {
  it('accepts a good plan and fills the visible defaults', () => {
    const r = validatePlan({
      ...base,
      charges: [{ metricKey: 'messages', model: { type: 'graduated', tiers: [{ upTo: 100, unitPrice: '0.02' }, { upTo: null, unitPrice: '0.01' }] } }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plan.proration).toBe('prorate_immediately');
      expect(r.plan.charges[0]!.model).toMatchObject({ zeroQuantity: 'nothing' });
    }
  });

  it('refuses negative prices with the amount in the message', () => {
    expect(errorsOf({ ...base, charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '-0.01' } }] })).toEqual([
      { path: 'charges.0.model.unitPrice', message: 'Unit price must not be negative (got -0.01).' },
    ]);
    expect(errorsOf({ ...base, baseFee: '-5' })).toEqual([{ path: 'baseFee', message: 'Base fee must not be negative (got -5).' }]);
    expect(errorsOf({ ...base, baseFee: '1e3' })).toEqual([{ path: 'baseFee', message: 'Base fee must be a decimal number like 0.0069 or 350 (got "1e3").' }]);
  });

  it('refuses tiers with a gap', () => {
    const tiers = [
      { from: 0, upTo: 999, unitPrice: '0.5' },
      { from: 1001, upTo: null, unitPrice: '0.35' },
    ];
    expect(errorsOf({ ...base, charges: [{ metricKey: 'interactions', model: { type: 'graduated', tiers } }] })).toEqual([
      {
        path: 'charges.0.model.tiers.1.from',
        message: 'Tier 2 starts at 1,001 but tier 1 ends at 999: tiers must be contiguous (tier 2 should start at 1,000).',
      },
    ]);
  });

  it('refuses overlapping tiers', () => {
    const tiers = [
      { from: 0, upTo: 999, unitPrice: '0.5' },
      { from: 900, upTo: 5000, unitPrice: '0.4' },
      { upTo: 4000, unitPrice: '0.3' },
      { upTo: null, unitPrice: '0.2' },
    ];
    expect(errorsOf({ ...base, charges: [{ metricKey: 'interactions', model: { type: 'volume', tiers } }] })).toEqual([
      { path: 'charges.0.model.tiers.1.from', message: 'Tier 2 starts at 900 but tier 1 ends at 999: tiers overlap (tier 2 should start at 1,000).' },
      {
        path: 'charges.0.model.tiers.2.upTo',
        message: 'Tier 3 ends at 4,000 but tier 2 already ends at 5,000: tiers overlap (each tier must end above the previous one).',
      },
    ]);
  });

  it('refuses a bounded last tier, an unbounded middle tier, no tiers, a late first tier', () => {
    const charge = (tiers: unknown[]) => ({ ...base, charges: [{ metricKey: 'interactions', model: { type: 'graduated', tiers } }] });
    expect(errorsOf(charge([{ upTo: 10_000, unitPrice: '1' }]))).toEqual([
      { path: 'charges.0.model.tiers.0.upTo', message: 'The last tier must have no upper limit (upTo: null) so every quantity has a price; tier 1 ends at 10,000.' },
    ]);
    expect(errorsOf(charge([{ upTo: null, unitPrice: '1' }, { upTo: null, unitPrice: '2' }]))[0]).toEqual({
      path: 'charges.0.model.tiers.0.upTo',
      message: 'Only the last tier can be unbounded: tier 1 has no upper limit but tier 2 follows it.',
    });
    expect(errorsOf(charge([]))).toEqual([{ path: 'charges.0.model.tiers', message: 'Add at least one tier.' }]);
    expect(errorsOf(charge([{ from: 5, upTo: null, unitPrice: '1' }]))).toEqual([
      { path: 'charges.0.model.tiers.0.from', message: 'Tier 1 must start at 0 or 1 (got 5): units below it would have no price.' },
    ]);
  });

  it('refuses an unknown metric, against the catalog passed in', () => {
    expect(errorsOf({ ...base, charges: [{ metricKey: 'foo', model: { type: 'per_unit', unitPrice: '1' } }] }, { metricKeys: ['interactions', 'messages'] })).toEqual([
      { path: 'charges.0.metricKey', message: 'Unknown metric "foo": add it to the metric catalog first, or choose one of interactions, messages.' },
    ]);
  });

  it('refuses a currency mismatch between plan and client', () => {
    expect(errorsOf(base, { clientCurrency: 'eur' })).toEqual([
      { path: 'currency', message: "Currency mismatch: the plan is in USD but the client is billed in EUR. Use a EUR plan or change the client's currency." },
    ]);
    expect(errorsOf({ ...base, currency: 'XYZ' })[0]!.message).toBe('"XYZ" is not an ISO 4217 currency code (e.g. USD, EUR, JPY).');
  });

  it('refuses other impossible settings with specific messages', () => {
    const one = (charge: unknown, plan: object = {}) => errorsOf({ ...base, ...plan, charges: [charge] });
    expect(one({ metricKey: 'messages', model: { type: 'package', packageSize: 0, packagePrice: '5' } })).toEqual([
      { path: 'charges.0.model.packageSize', message: 'Package size must be at least 1 unit (got 0).' },
    ]);
    expect(one({ metricKey: 'messages', model: { type: 'percentage', rate: '120' } })).toEqual([
      { path: 'charges.0.model.rate', message: 'Percentage rate is a percent from 0 to 100 (got 120).' },
    ]);
    expect(one({ metricKey: 'messages', model: { type: 'percentage', rate: '2', minPerEvent: '5', maxPerEvent: '1' } })).toEqual([
      { path: 'charges.0.model.maxPerEvent', message: 'Maximum per event (1) must not be below the minimum per event (5).' },
    ]);
    expect(one({ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '1' }, unitDivisor: { by: '0', unit: 'x' } })).toEqual([
      { path: 'charges.0.unitDivisor.by', message: 'Unit divisor must be greater than zero (got 0).' },
    ]);
    expect(one({ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '1' }, unitDivisor: { by: 'period', unit: 'month' } })).toEqual([
      { path: 'charges.0.unitDivisor.by', message: 'Only time-weighted metrics can be priced per period ("messages" is aggregated by sum).' },
    ]);
    expect(one({ metricKey: 'messages', model: { type: 'flat' } })[0]!.message).toBe(
      'Choose a charge model: per_unit, graduated, volume, package, percentage, cost_multiplier, allowance.',
    );
    expect(errorsOf({ ...base, anchor: { kind: 'anchored', day: 32 } })).toEqual([{ path: 'anchor.day', message: 'Anchor day must be from 1 to 31 (got 32).' }]);
    expect(
      errorsOf({
        ...base,
        charges: [base.charges[0], { metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '1' } }],
      }),
    ).toEqual([{ path: 'charges.1.metricKey', message: 'Metric "interactions" is already charged by charge 1: each metric has one charge per plan.' }]);
    expect(errorsOf({ ...base, trial: { days: 30, freeUnits: { sms: '5' } } })).toEqual([
      { path: 'trial.freeUnits.sms', message: 'Trial free units for "sms" have no effect: the plan has no charge for it.' },
    ]);
  });
});
