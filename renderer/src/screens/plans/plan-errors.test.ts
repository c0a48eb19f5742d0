import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../../../shared/pricing/validate-plan';
import { fieldFor, fieldLabel, messagesByField, placeProblems, serverProblems, summaryText } from './plan-errors';
import { emptyCharge, emptyPlanForm, emptyTier, formToDefinition, type PlanForm } from './plan-form-model';

const names: Record<string, string> = { interactions: 'Interactions', messages: 'Messages' };
const metricName = (k: string) => names[k] ?? k;

function tieredForm(...upTos: string[]): PlanForm {
  const tiers = upTos.map((u) => ({ ...emptyTier(u), unitPrice: '0.1' }));
  return {
    ...emptyPlanForm('USD'),
    name: 'Tiered',
    limits: { messages: '100' },
    charges: [
      { ...emptyCharge('interactions'), unitPrice: '0.35' },
      { ...emptyCharge('messages'), model: 'graduated', tiers },
    ],
  };
}

describe('fieldFor', () => {
  const form = tieredForm('1000', '5000', '');

  it('maps definition and server paths to editor fields', () => {
    expect(fieldFor('name', form)).toBe('name');
    expect(fieldFor('definition.charges.1.model.tiers.2.upTo', form)).toBe('charges.1.model.tiers.2.upTo');
    expect(fieldFor('charges.1.model.tiers.2.unitPrice', form)).toBe('charges.1.model.tiers.2.unitPrice');
    expect(fieldFor('charges.0.model', form)).toBe('charges.0.model.type');
    expect(fieldFor('charges.0', form)).toBe('charges.0.metricKey');
    expect(fieldFor('charges.1.model.tiers', form)).toBe('charges.1.model.tiers');
    expect(fieldFor('charges', form)).toBe('charges.add');
    expect(fieldFor('anchor', form)).toBe('anchor.kind');
    expect(fieldFor('anchor.day', form)).toBe('anchor.day');
    expect(fieldFor('charges.0.unitDivisor', form)).toBe('charges.0.unitDivisor.by');
    expect(fieldFor('charges.1.model.freeUnits', form)).toBe('charges.1.model.freeUnits');
  });

  it('points a tier start at the previous tier end (the start is computed, read-only)', () => {
    expect(fieldFor('charges.1.model.tiers.2.from', form)).toBe('charges.1.model.tiers.1.upTo');
    expect(fieldFor('charges.1.model.tiers.0.from', form)).toBe('charges.1.model.tiers.0.upTo');
  });

  it('puts limits under their charge, and trial free units under their input', () => {
    expect(fieldFor('limits.messages', form)).toBe('charges.1.limit');
    expect(fieldFor('limits.sms', form)).toBeNull();
    expect(fieldFor('trial.freeUnits.messages', form)).toBe('trial.freeUnits.messages');
  });

  it('has no field for the plan as a whole, unknown paths, or charges that are gone', () => {
    expect(fieldFor('', form)).toBeNull();
    expect(fieldFor('version', form)).toBeNull();
    expect(fieldFor('charges.7.model.unitPrice', form)).toBeNull();
    expect(fieldFor('charges.1.model.tiers.9.upTo', form)).toBe('charges.1.model.tiers');
  });
});

describe('labels and messages', () => {
  it('labels fields with their charge and tier', () => {
    expect(fieldLabel('charges.1.model.tiers.2.upTo', metricName)).toBe('Charge 2 · Tier 3 up to');
    expect(fieldLabel('charges.0.model.multiplier', metricName)).toBe('Charge 1 · Multiplier');
    expect(fieldLabel('trial.freeUnits.interactions', metricName)).toBe('Free Interactions during trial');
    expect(fieldLabel('usageCap', metricName)).toBe('Usage cap');
  });

  it('places the engine\'s tier errors under the tier inputs', () => {
    const form = tieredForm('1000', '500', '4000');
    const res = validatePlan(formToDefinition(form));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const placed = placeProblems(res.errors, form, metricName);
    const byField = messagesByField(placed);
    expect(byField['charges.1.model.tiers.1.upTo']).toEqual([
      'Tier 2 ends at 500 but tier 1 already ends at 1,000: tiers overlap (each tier must end above the previous one).',
    ]);
    expect(byField['charges.1.model.tiers.2.upTo']).toEqual([
      'The last tier must have no upper limit (leave its “Up to” empty) so every quantity has a price; tier 3 ends at 4,000.',
    ]);
    expect(summaryText(placed[0]!)).toBe('Charge 2 · Tier 2 ends at 500 but tier 1 already ends at 1,000: tiers overlap (each tier must end above the previous one).');
  });

  it('says "required" for empty required fields, and keeps the engine\'s message for wrong ones', () => {
    const form: PlanForm = { ...emptyPlanForm('USD'), name: 'P', charges: [{ ...emptyCharge('interactions') }, { ...emptyCharge('messages'), unitPrice: 'abc' }] };
    const res = validatePlan(formToDefinition(form));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const placed = placeProblems(res.errors, form, metricName);
    expect(placed.map((p) => [p.field, p.message])).toEqual([
      ['charges.0.model.unitPrice', 'Unit price is required.'],
      ['charges.1.model.unitPrice', 'Unit price must be a decimal number like 0.0069 or 350 (got "abc").'],
    ]);
    expect(summaryText(placed[0]!)).toBe('Charge 1 · Unit price is required.');
  });

  it('reads a server error: fields by path, else the message as a general problem', () => {
    expect(
      serverProblems({ code: 'invalid_input', message: 'The plan has 1 problem.', fields: { 'definition.charges.1.model.tiers.2.upTo': 'Tier 3 …' } }),
    ).toEqual({ problems: [{ path: 'definition.charges.1.model.tiers.2.upTo', message: 'Tier 3 …' }], general: 'The plan has 1 problem.' });
    expect(serverProblems({ code: 'conflict', message: 'Version 2 is in use.' })).toEqual({ problems: [], general: 'Version 2 is in use.' });
    expect(serverProblems({ code: 'invalid_input', message: 'Enter the plan name.', field: 'definition.name' })).toEqual({
      problems: [{ path: 'definition.name', message: 'Enter the plan name.' }],
      general: null,
    });
    expect(serverProblems(null)).toEqual({ problems: [], general: null });
  });
});
