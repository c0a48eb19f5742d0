import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../../shared/pricing/metrics';
import { RateCard } from '../../../../shared/pricing/rate-card';
import { checkRateCardText, rateCardRows, rateCardTemplate, serverProblems } from './rate-card-view';

const ctx = { currency: 'USD', metrics: BUILT_IN_METRICS };

describe('rate card editor checks', () => {
  it('accepts the template for the account currency', () => {
    const check = checkRateCardText(rateCardTemplate('USD'), ctx);
    expect(check).toEqual({ ok: true, card: { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }] } });
  });

  it('reports JSON syntax errors and non-objects on the card as a whole', () => {
    const bad = checkRateCardText('{"currency": "USD",', ctx);
    expect(bad.ok ? null : bad.problems[0]).toMatchObject({ path: '', message: expect.stringMatching(/^This is not valid JSON: /) });
    expect(checkRateCardText('[]', ctx)).toMatchObject({ ok: false, problems: [{ path: '', message: expect.stringMatching(/JSON object/) }] });
  });

  it('lists every engine problem with its path', () => {
    const text = JSON.stringify({
      currency: 'USD',
      charges: [
        { metricKey: 'hugs', model: { type: 'per_unit', unitPrice: '1' } },
        { metricKey: 'sms', model: { type: 'per_unit', unitPrice: '-1' } },
        { metricKey: 'messages', model: { type: 'cost_multiplier', multiplier: '1' } },
      ],
    });
    const check = checkRateCardText(text, ctx);
    expect(check.ok ? [] : check.problems.map((p) => p.path)).toEqual(['charges.0.metricKey', 'charges.1.model.unitPrice', 'charges.2.model.type']);
    const unknown = checkRateCardText(JSON.stringify({ currency: 'USD', charges: [{ metricKey: 'hugs', model: { type: 'reported' } }] }), ctx);
    expect(unknown).toMatchObject({ ok: false, problems: [{ path: 'charges.0.metricKey', message: expect.stringMatching(/Unknown metric "hugs"/) }] });
  });

  it('refuses another currency than the account bills in', () => {
    expect(checkRateCardText(rateCardTemplate('EUR'), ctx)).toMatchObject({ ok: false, problems: [{ path: 'currency', message: expect.stringMatching(/in EUR but this account bills in USD/) }] });
  });

  it('strips the rateCard prefix of server field paths', () => {
    expect(serverProblems({ 'rateCard.charges.0.metricKey': 'Unknown' }, 'x')).toEqual([{ path: 'charges.0.metricKey', message: 'Unknown' }]);
    expect(serverProblems({}, 'Provider account 4 does not exist.')).toEqual([{ path: '', message: 'Provider account 4 does not exist.' }]);
  });
});

describe('rate card table rows', () => {
  it('describes each charge model with exact prices and allowances', () => {
    const card = RateCard.parse({
      currency: 'USD',
      charges: [
        { metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } },
        { metricKey: 'messages', model: { type: 'graduated', tiers: [{ upTo: 1000, unitPrice: '0.006' }, { upTo: null, unitPrice: '0.004', flatFee: '5' }] } },
        { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '0.0069' } },
        { metricKey: 'call_seconds', model: { type: 'allowance', included: '6000', overageUnitPrice: '0.1' }, unitDivisor: { by: '60', rounding: 'up', unit: 'minute' } },
        { metricKey: 'sms', model: { type: 'package', packageSize: 1000, packagePrice: '5', freeUnits: 100 } },
        { metricKey: 'ai_tokens', model: { type: 'reported' } },
      ],
    });
    const rows = rateCardRows(card, BUILT_IN_METRICS, 'en-US');
    expect(rows.map((r) => [r.metric, r.model, r.prices, r.included, r.billingUnit])).toEqual([
      ['Interactions', 'Per unit', ['$0.35 per interaction'], null, null],
      ['Messages', 'Graduated tiers', ['Up to 1,000: $0.006 per message', 'Above 1,000: $0.004 per message + $5.00 flat'], null, null],
      ['Seats', 'Per unit', ['$0.0069 per seat-hour'], null, null],
      ['Call time', 'Included allowance + overage', ['$0.10 per minute over the allowance'], '6,000 minutes', 'Per 60 seconds = 1 minute, rounded up'],
      ['SMS', 'Package', ['$5.00 per 1,000 messages'], '100 messages free', null],
      ['AI tokens', 'Reported by the provider', ['The cost the provider reports on each event'], null, null],
    ]);
  });

  it('shows a metric the catalog does not know by its key', () => {
    const card = RateCard.parse({ currency: 'JPY', charges: [{ metricKey: 'call_minutes', model: { type: 'volume', tiers: [{ upTo: 10, unitPrice: '5' }, { upTo: null, unitPrice: '3' }] } }] });
    expect(rateCardRows(card, BUILT_IN_METRICS, 'en-US')[0]).toMatchObject({
      metric: 'call_minutes',
      prices: ['Up to 10: ¥5 per unit', 'Above 10: ¥3 per unit', 'All units at the price of the tier reached'],
    });
  });
});
