import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../../../shared/pricing/validate-plan';
import {
  addTier,
  changeModel,
  definitionToForm,
  emptyCharge,
  emptyPlanForm,
  emptyTier,
  formToDefinition,
  moveCharge,
  removeCharge,
  removeTier,
  sameDefinition,
  setChargeMetric,
  tierFroms,
  updateTier,
  wholeOrRaw,
  type PlanForm,
} from './plan-form-model';

const AGENTCLARA = {
  name: 'Growth',
  currency: 'USD',
  interval: 'month',
  anchor: { kind: 'anchored', day: 15 },
  baseFee: '350',
  charges: [
    { metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' }, cap: '500' },
    {
      metricKey: 'messages',
      description: 'Chat messages',
      model: {
        type: 'graduated',
        tiers: [
          { upTo: 1000, unitPrice: '0.02' },
          { upTo: 5000, unitPrice: '0.015', flatFee: '5' },
          { upTo: null, unitPrice: '0.01' },
        ],
        zeroQuantity: 'first_tier_flat_fee',
      },
    },
    { metricKey: 'call_seconds', model: { type: 'per_unit', unitPrice: '0.09' }, unitDivisor: { by: '60', rounding: 'up', unit: 'minute' }, minimum: '10' },
    { metricKey: 'sms', model: { type: 'package', packageSize: 100, packagePrice: '5', freeUnits: 100 } },
    { metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '1.2' } },
    {
      metricKey: 'characters',
      model: { type: 'percentage', rate: '1.2', fixedFeePerEvent: '0.1', freeEvents: 3, freeAmount: '500', minPerEvent: '0.2', maxPerEvent: '5' },
    },
    { metricKey: 'seats', model: { type: 'volume', tiers: [{ upTo: null, unitPrice: '100' }], zeroQuantity: 'nothing' }, unitDivisor: { by: 'period', rounding: 'exact', unit: 'seat-month' } },
  ],
  minimumCommitment: '400',
  usageCap: '2000',
  trial: { days: 30, freeUnits: { interactions: '500' } },
  proration: 'next_cycle',
  limits: { interactions: '5000' },
};

describe('plan form <-> definition', () => {
  it('round-trips a definition that uses every model and option', () => {
    const form = definitionToForm(AGENTCLARA, 'EUR');
    expect(formToDefinition(form)).toEqual(AGENTCLARA);
    expect(validatePlan(formToDefinition(form)).ok).toBe(true);
  });

  it('reads the defaults the schema fills in', () => {
    const form = definitionToForm({ name: 'Basic', currency: 'GBP', interval: 'year', charges: [{ metricKey: 'sms', model: { type: 'volume', tiers: [] } }] }, 'USD');
    expect(form).toMatchObject({ anchorKind: 'calendar', baseFee: '0', proration: 'prorate_immediately', interval: 'year' });
    expect(form.charges[0]).toMatchObject({ model: 'volume', zeroQuantity: 'nothing', tiers: [] });
  });

  it('never throws on a damaged definition', () => {
    expect(definitionToForm(null, 'USD')).toMatchObject({ name: '', currency: 'USD', charges: [] });
    expect(definitionToForm({ charges: [null, { model: { type: 'nope' } }] }, 'USD').charges.map((c) => c.model)).toEqual(['per_unit', 'per_unit']);
  });

  it('leaves out empty optional fields and sends the rest as typed', () => {
    const form: PlanForm = {
      ...emptyPlanForm('USD'),
      name: '  Starter ',
      baseFee: '',
      trialDays: ' ',
      trialFreeUnits: { interactions: '' },
      charges: [{ ...emptyCharge('interactions'), unitPrice: ' 0.50 ', description: ' ' }],
    };
    expect(formToDefinition(form)).toEqual({
      name: 'Starter',
      currency: 'USD',
      interval: 'month',
      anchor: { kind: 'calendar' },
      baseFee: '0',
      charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.50' } }],
      proration: 'prorate_immediately',
    });
  });

  it('maps empty "Up to" to "and above" (null) and reads grouped whole numbers', () => {
    const charge = { ...emptyCharge('messages'), model: 'graduated' as const, tiers: [emptyTier('1,000'), emptyTier('')] };
    const def = formToDefinition({ ...emptyPlanForm('USD'), charges: [charge] });
    expect((def.charges as Array<{ model: { tiers: unknown[] } }>)[0]!.model.tiers).toEqual([{ upTo: 1000 }, { upTo: null }]);
  });

  it('passes text that is not a whole number through, so the schema names the field', () => {
    expect(wholeOrRaw('12')).toBe(12);
    expect(wholeOrRaw('1 000')).toBe(1000);
    expect(wholeOrRaw('1,00')).toBe('1,00');
    expect(wholeOrRaw('2.5')).toBe('2.5');
    expect(wholeOrRaw('')).toBeUndefined();
    const form = { ...emptyPlanForm('USD'), name: 'X', charges: [{ ...emptyCharge('sms'), model: 'package' as const, packageSize: 'ten', packagePrice: '5' }] };
    const res = validatePlan(formToDefinition(form));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors).toEqual([{ path: 'charges.0.model.packageSize', message: 'Package size must be a whole number of units.' }]);
  });

  it('anchors annual plans on a month, monthly plans never', () => {
    const base = { ...emptyPlanForm('USD'), name: 'A', anchorKind: 'anchored' as const, anchorDay: '15', anchorMonth: '4' };
    expect(formToDefinition(base).anchor).toEqual({ kind: 'anchored', day: 15 });
    expect(formToDefinition({ ...base, interval: 'year' }).anchor).toEqual({ kind: 'anchored', day: 15, month: 4 });
  });

  it('compares definitions, not row keys', () => {
    const a = definitionToForm(AGENTCLARA, 'USD');
    const b = definitionToForm(AGENTCLARA, 'USD');
    expect(a.charges[0]!.key).not.toBe(b.charges[0]!.key);
    expect(sameDefinition(a, b)).toBe(true);
    expect(sameDefinition(a, { ...b, baseFee: '351' })).toBe(false);
  });
});

describe('tier rows', () => {
  const rows = (...upTos: string[]) => upTos.map((u) => emptyTier(u));

  it('computes each tier start from the previous end', () => {
    expect(tierFroms(rows('1000', '5000', ''))).toEqual([1, 1001, 5001]);
    expect(tierFroms(rows('', '5000'))).toEqual([1, null]);
    expect(tierFroms(rows('abc', ''))).toEqual([1, null]);
  });

  it('adds a tier before "and above", doubling the previous bound', () => {
    const { tiers, index } = addTier(rows('1000', ''));
    expect(tiers.map((t) => t.upTo)).toEqual(['1000', '2000', '']);
    expect(index).toBe(1);
    expect(addTier(rows('')).tiers.map((t) => t.upTo)).toEqual(['1000', '']);
  });

  it('appends "and above" when the last tier is bounded, and starts an empty table', () => {
    expect(addTier(rows('1000')).tiers.map((t) => t.upTo)).toEqual(['1000', '']);
    expect(addTier([])).toMatchObject({ index: 0, tiers: [{ upTo: '' }] });
  });

  it('removes a tier; removing the last one makes the new last "and above"', () => {
    expect(removeTier(rows('1000', '5000', ''), 1).map((t) => t.upTo)).toEqual(['1000', '']);
    expect(removeTier(rows('1000', '5000', ''), 2).map((t) => t.upTo)).toEqual(['1000', '']);
    expect(removeTier(rows(''), 0).map((t) => t.upTo)).toEqual(['']);
  });

  it('updates one tier and keeps the others', () => {
    const before = rows('1000', '');
    const after = updateTier(before, 1, { unitPrice: '0.01' });
    expect(after[1]).toMatchObject({ upTo: '', unitPrice: '0.01', key: before[1]!.key });
    expect(after[0]).toBe(before[0]);
  });
});

describe('charges', () => {
  it('seeds tiers when a charge becomes tiered and keeps other models\' values', () => {
    const c = { ...emptyCharge('sms'), unitPrice: '0.02' };
    const tiered = changeModel(c, 'graduated');
    expect(tiered.tiers.map((t) => t.upTo)).toEqual(['1000', '']);
    expect(changeModel(tiered, 'per_unit').unitPrice).toBe('0.02');
    expect(changeModel(changeModel(tiered, 'per_unit'), 'volume').tiers).toBe(tiered.tiers);
  });

  it('moves the limit and trial free units with the metric, and drops them with the charge', () => {
    const form: PlanForm = { ...emptyPlanForm('USD'), limits: { sms: '900' }, trialFreeUnits: { sms: '50' }, charges: [emptyCharge('sms'), emptyCharge('messages')] };
    const moved = setChargeMetric(form, 0, 'interactions');
    expect(moved.limits).toEqual({ interactions: '900' });
    expect(moved.trialFreeUnits).toEqual({ interactions: '50' });
    expect(removeCharge(moved, 0)).toMatchObject({ limits: {}, trialFreeUnits: {}, charges: [{ metricKey: 'messages' }] });
  });

  it('reorders charges', () => {
    const form: PlanForm = { ...emptyPlanForm('USD'), charges: [emptyCharge('a'), emptyCharge('b')] };
    expect(moveCharge(form, 0, 1).charges.map((c) => c.metricKey)).toEqual(['b', 'a']);
    expect(moveCharge(form, 0, -1)).toBe(form);
  });
});
