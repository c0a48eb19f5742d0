import { describe, expect, it } from 'vitest';
import { Dec } from '../money/decimal';
import { allocateProviderCosts, costPerEvent, validateRateCard } from './rate-card';

const OCT = { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' };

describe('provider rate cards', () => {
  it('agency-level included allowance: the first 1,000 interactions of the whole agency are free, the cost is shared by usage', () => {
    const costs = allocateProviderCosts({
      rateCard: { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }] },
      period: OCT,
      clients: { A: { interactions: { quantity: '500' } }, B: { interactions: { quantity: '300' } }, C: { interactions: { quantity: '1200' } } },
    });
    // 2,000 − 1,000 included = 1,000 × 0.35 = $350, split 25 % / 15 % / 60 %
    expect(costs.byMetric[0]).toMatchObject({ pricedQuantity: '2000', rateCardCost: '350', unpriced: false });
    expect(costs.perClient).toEqual({ A: { interactions: '87.5' }, B: { interactions: '52.5' }, C: { interactions: '210' } });
  });

  it('agency-level tiers (AgentClara "Starter $0.50 up to 1,000 interactions/month, Pro $0.35") as graduated tiers', () => {
    const costs = allocateProviderCosts({
      rateCard: { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'graduated', tiers: [{ upTo: 1000, unitPrice: '0.50' }, { upTo: null, unitPrice: '0.35' }] } }] },
      period: OCT,
      clients: { A: { interactions: { quantity: '1' } }, B: { interactions: { quantity: '1' } }, C: { interactions: { quantity: '1498' } } },
    });
    // 1,000 × 0.50 + 500 × 0.35 = 675; shares 1/1500 = 0.45 each, 1498/1500 = 674.1 — exact at 8 decimals
    expect(costs.perClient).toEqual({ A: { interactions: '0.45' }, B: { interactions: '0.45' }, C: { interactions: '674.1' } });
    expect(costs.scale).toBe(8);
  });

  it('shares are exact to the allocation scale and add up to the whole', () => {
    const costs = allocateProviderCosts({
      rateCard: { currency: 'USD', charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '1' } }] },
      period: OCT,
      scale: 2,
      clients: { A: { messages: { quantity: '1', uncostedQuantity: '1' } }, B: { messages: { quantity: '1' } }, C: { messages: { quantity: '1' } } },
    });
    expect(costs.perClient).toEqual({ A: { messages: '1' }, B: { messages: '1' }, C: { messages: '1' } });
    const thirds = allocateProviderCosts({
      rateCard: { currency: 'USD', charges: [{ metricKey: 'messages', model: { type: 'volume', tiers: [{ upTo: null, unitPrice: '0', flatFee: '1' }] } }] },
      period: OCT,
      scale: 2,
      clients: { A: { messages: { quantity: '1' } }, B: { messages: { quantity: '1' } }, C: { messages: { quantity: '1' } } },
    });
    expect(Object.values(thirds.perClient).map((m) => m.messages)).toEqual(['0.34', '0.33', '0.33']);
  });

  it('provider-reported costs are used as they are; a metric with neither a price nor a cost is flagged', () => {
    const costs = allocateProviderCosts({
      rateCard: { currency: 'USD', charges: [{ metricKey: 'ai_tokens', model: { type: 'reported' } }] },
      period: OCT,
      clients: { A: { ai_tokens: { quantity: '1000', uncostedQuantity: '0', reportedCost: '0.42' }, sms: { quantity: '3' } } },
    });
    expect(costs.perClient).toEqual({ A: { ai_tokens: '0.42', sms: '0' } });
    expect(costs.byMetric.map((m) => [m.metricKey, m.unpriced])).toEqual([
      ['ai_tokens', false],
      ['sms', true],
    ]);
  });

  it('a cost for every event: reported when given, else its share of the rate-card cost', () => {
    const events = [{ quantity: 60, cost: '0.12' }, { quantity: 30 }, { quantity: 90, cost: null }];
    // the two uncosted events (120 s) cost $0.20 on the rate card
    expect(costPerEvent(events, new Dec('0.20'), 8).map((x) => x.toFixed())).toEqual(['0.12', '0.05', '0.15']);
  });

  it('validates rate cards', () => {
    expect(validateRateCard({ currency: 'USD', charges: [{ metricKey: 'x', model: { type: 'per_unit', unitPrice: '1' } }] })).toEqual({
      ok: false,
      errors: [{ path: 'charges.0.metricKey', message: 'Unknown metric "x": add it to the metric catalog first.' }],
    });
    const r = validateRateCard({ currency: 'USD', charges: [{ metricKey: 'messages', model: { type: 'cost_multiplier', multiplier: '1' } }] });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['A rate card prices usage: use "reported" for provider-stated costs (multipliers belong in client plans).']);
  });
});
