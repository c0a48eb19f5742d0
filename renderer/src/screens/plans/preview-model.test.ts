import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../../shared/pricing/metrics';
import { previewCharges, previewStatement, readQuantity } from './preview-model';

const context = { metrics: BUILT_IN_METRICS, zone: 'America/New_York', now: new Date('2026-10-12T15:00:00Z') };

const agentClara = {
  name: 'Growth',
  currency: 'USD',
  interval: 'month',
  baseFee: '350',
  charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }],
};

describe('previewStatement', () => {
  it('rates the AgentClara example: 1,000 included in $350, 1,500 used = $525', () => {
    const res = previewStatement(agentClara, { quantities: { interactions: '1,500' }, costs: { interactions: '300' }, events: {} }, context);
    expect(res.kind).toBe('ok');
    if (res.kind !== 'ok') return;
    expect(res.statement.subtotal).toBe('525.00');
    expect(res.statement.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['included', '0.00'],
      ['overage', '175.00'],
      ['base_fee', '350.00'],
    ]);
    expect(res.hasCosts).toBe(true);
    expect(res.statement.margin).toBe('225.00');
    expect(res.period).toMatchObject({ label: '2026-10', start: '2026-10-01T04:00:00.000Z', end: '2026-11-01T04:00:00.000Z' });
  });

  it('rates a graduated tier table (Stripe fonts: 6 = $41.50)', () => {
    const plan = {
      name: 'Fonts',
      currency: 'USD',
      interval: 'month',
      charges: [
        {
          metricKey: 'messages',
          model: {
            type: 'graduated',
            tiers: [
              { upTo: 5, unitPrice: '7' },
              { upTo: 10, unitPrice: '6.5' },
              { upTo: null, unitPrice: '6' },
            ],
          },
        },
      ],
    };
    const res = previewStatement(plan, { quantities: { messages: '6' }, costs: {}, events: {} }, context);
    expect(res.kind === 'ok' && res.statement.subtotal).toBe('41.50');
    expect(res.kind === 'ok' && res.hasCosts).toBe(false);
  });

  it('reports typed text that is not a number and rates it as 0', () => {
    const res = previewStatement(agentClara, { quantities: { interactions: 'lots' }, costs: { interactions: '-3' }, events: {} }, context);
    expect(res.kind).toBe('ok');
    if (res.kind !== 'ok') return;
    expect(res.inputErrors).toEqual({ 'quantity.interactions': 'Enter a quantity like 1500 or 12.5.', 'cost.interactions': 'Enter an amount like 52.50.' });
    expect(res.statement.subtotal).toBe('350.00');
  });

  it('waits for a valid plan', () => {
    expect(previewStatement({ ...agentClara, name: '' }, { quantities: {}, costs: {}, events: {} }, context)).toEqual({ kind: 'invalid_plan', problems: 1 });
  });

  it('asks for events only on percentage charges', () => {
    const plan = {
      ...agentClara,
      charges: [...agentClara.charges, { metricKey: 'characters', model: { type: 'percentage', rate: '1.2', fixedFeePerEvent: '0.10' } }, { metricKey: 'characters' }],
    };
    expect(previewCharges(plan)).toEqual([
      { metricKey: 'interactions', needsEvents: false },
      { metricKey: 'characters', needsEvents: true },
    ]);
  });
});

describe('readQuantity', () => {
  it('accepts decimal text and digit grouping, refuses the rest', () => {
    expect(readQuantity('')).toBe('0');
    expect(readQuantity(' 12.5 ')).toBe('12.5');
    expect(readQuantity('1,500,000')).toBe('1500000');
    expect(readQuantity('1e3')).toBeNull();
    expect(readQuantity('-1')).toBeNull();
    expect(readQuantity('1,50')).toBeNull();
  });
});
