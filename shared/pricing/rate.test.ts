// Every worked number about charges in the reference pages (shared/reference/), rated end to end.
import { describe, expect, it } from 'vitest';
import { Dec } from '../money/decimal';
import { aggregate, type UsageEventInput } from './aggregate';
import { MetricDefinition } from './metrics';
import type { PlanDefinitionInput } from './plan-schema';
import { allocateProviderCosts, type RateCardInput } from './rate-card';
import { rateStatement } from './rate';
import type { RateInput, Statement } from './statement';
import { RatingError } from './rating-error';

const SEP = { start: '2026-09-01T00:00:00Z', end: '2026-10-01T00:00:00Z' }; // 30 days
const OCT = { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' }; // 31 days
const NOV = { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' };

const plan = (p: Partial<PlanDefinitionInput>): PlanDefinitionInput => ({ name: 'Plan', currency: 'USD', interval: 'month', ...p });
const rate = (p: PlanDefinitionInput, usage: RateInput['usage'], extra: Partial<RateInput> = {}): Statement =>
  rateStatement({ plan: p, planVersionId: 'v1', client: { currency: p.currency ?? 'USD' }, period: OCT, usage, ...extra });
const amounts = (s: Statement) => s.lines.map((l) => [l.kind, l.quantity, l.amount]);

describe('AgentClara (reference/000)', () => {
  it('agency example: 3 clients, 500/300/1,200 interactions, cost $0.35 each, resold at $0.50', () => {
    // reference/000: "Client A uses 500 interactions/month", "Client B uses 300", "Client C uses 1,200", "Total: 2,000 interactions"
    const costs = allocateProviderCosts({
      // reference/000 pricing table: "Pro | $0.35"
      rateCard: { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }] },
      period: OCT,
      clients: { A: { interactions: { quantity: '500' } }, B: { interactions: { quantity: '300' } }, C: { interactions: { quantity: '1200' } } },
    });
    expect(costs.byMetric[0]).toMatchObject({ pricedQuantity: '2000', rateCardCost: '700' });
    expect(costs.perClient).toEqual({ A: { interactions: '175' }, B: { interactions: '105' }, C: { interactions: '420' } });

    // reference/000: "Per-interaction markup" — the agency charges $0.50 (the Starter rate) per interaction
    const markup = plan({ name: 'Markup', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.50' } }] });
    const st = (id: 'A' | 'B' | 'C', n: string) => rate(markup, { interactions: { quantity: n, providerCost: costs.perClient[id]!.interactions! } });
    const a = st('A', '500');
    const b = st('B', '300');
    const c = st('C', '1200');
    expect(a.subtotal).toBe('250.00'); // reference/000: "Client A: $250 (markup)"
    expect(b.subtotal).toBe('150.00'); // reference/000: "Client B: $150 (markup)"
    expect(c.subtotal).toBe('600.00'); // reference/000: "Client C: $600 (markup)"
    expect([a.margin, b.margin, c.margin]).toEqual(['75.00', '45.00', '180.00']);
    const revenue = [a, b, c].reduce((s, x) => s.plus(x.subtotal), new Dec(0));
    const profit = [a, b, c].reduce((s, x) => s.plus(x.margin), new Dec(0));
    expect(revenue.toFixed(2)).toBe('1000.00'); // reference/000: "Your revenue: $1,000"
    expect(profit.toFixed(2)).toBe('300.00'); // reference/000: "Your profit: $300"
    expect(a.marginPercent).toBe('30.00');
  });

  const pro = plan({ name: 'Pro', baseFee: '350', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } }] });

  it('overage: "Base: 1,000 interactions = $350", "Overage: 500 interactions = $175", "Total: $525"', () => {
    const s = rate(pro, { interactions: { quantity: '1500' } });
    expect(amounts(s)).toEqual([
      ['included', '1000', '0.00'],
      ['overage', '500', '175.00'],
      ['base_fee', '1', '350.00'],
    ]);
    expect(s.lines[1]!.unitPrice).toBe('0.35');
    expect(s.subtotal).toBe('525.00');
  });

  it('"Unused interactions don\'t carry over. Each month resets."', () => {
    const october = rate(pro, { interactions: { quantity: '400' } });
    const november = rate(pro, { interactions: { quantity: '1600' } }, { period: NOV });
    expect(october.subtotal).toBe('350.00');
    expect(november.lines.find((l) => l.kind === 'overage')!.amount).toBe('210.00'); // 600 over, October's 600 unused are gone
  });

  it('flat monthly fee: "You pay $500/month for up to 2,000 interactions"', () => {
    const flat = plan({ baseFee: '500', charges: [{ metricKey: 'interactions', model: { type: 'allowance', included: '2000', overageUnitPrice: '0.30' } }] });
    expect(rate(flat, { interactions: { quantity: '2000' } }).subtotal).toBe('500.00');
    expect(rate(flat, { interactions: { quantity: '0' } }).subtotal).toBe('500.00');
  });

  describe('"New accounts get a 30-day free trial", "Up to 500 interactions free"', () => {
    const trial = plan({
      baseFee: '49',
      charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.50' } }],
      trial: { days: 30, freeUnits: { interactions: '500' } },
    });
    const subscription = { start: '2026-09-01T00:00:00Z' };

    it('a 30-day September inside the trial: no base fee, the first 500 interactions free', () => {
      const s = rate(trial, { interactions: { quantity: '600' } }, { period: SEP, subscription });
      expect(amounts(s)).toEqual([
        ['usage', '100', '50.00'],
        ['base_fee', '0', '0.00'],
      ]);
      expect(s.lines[0]).toMatchObject({ freeQuantity: '500', note: '500 free (trial)' });
      expect(s.trialFreeUnitsUsed).toEqual({ interactions: '500' });
    });

    it('usage within the allowance costs nothing', () => {
      expect(rate(trial, { interactions: { quantity: '450' } }, { period: SEP, subscription }).subtotal).toBe('0.00');
    });

    it('after the trial everything is billed', () => {
      const s = rate(trial, { interactions: { quantity: '600' } }, { period: OCT, subscription: { ...subscription, trialFreeUnitsUsed: { interactions: '500' } } });
      expect(s.subtotal).toBe('349.00'); // 49 + 600 × 0.50
    });

    it('a trial ending mid-period: base fee prorated, free units only for usage during the trial', () => {
      // trial Oct 1 .. Oct 31 00:00 (30 days) inside a 31-day October: 1 of 31 days billable
      const s = rate(trial, { interactions: { quantity: '700', trialQuantity: '650' } }, { subscription: { start: '2026-10-01T00:00:00Z' } });
      expect(amounts(s)).toEqual([
        ['usage', '200', '100.00'],
        ['base_fee', '0.032258', '1.58'], // 49 / 31 = 1.5806…
      ]);
      expect(() => rate(trial, { interactions: { quantity: '700' } }, { subscription: { start: '2026-10-01T00:00:00Z' } })).toThrow('trialQuantity is required');
    });
  });

  it('"You can pause their account temporarily ... No charges while paused."', () => {
    const s = rate(pro, { interactions: { quantity: '0' } }, { subscription: { start: '2026-01-01T00:00:00Z', pauses: [{ start: '2026-09-20T00:00:00Z', end: '2026-11-03T00:00:00Z' }] } });
    expect(s.subtotal).toBe('0.00');
  });

  it('"The change applies next billing cycle": a next_cycle plan refuses a prorated mid-period change', () => {
    const nextCycle = { ...pro, proration: 'next_cycle' as const };
    expect(() =>
      rate(nextCycle, { interactions: { quantity: '0' } }, { adjustments: [{ kind: 'plan_change', at: '2026-10-10T00:00:00Z', fromBaseFee: '350', toBaseFee: '500' }] }),
    ).toThrow('applies changes at the next cycle');
    // and a client who starts mid-period pays the base fee from the next period on
    expect(rate(nextCycle, {}, { subscription: { start: '2026-10-10T00:00:00Z' } }).subtotal).toBe('0.00');
    expect(rate(nextCycle, {}, { period: NOV, subscription: { start: '2026-10-10T00:00:00Z' } }).subtotal).toBe('350.00');
  });
});

describe('CloseBot rebilling (reference/001)', () => {
  // What CloseBot charges the agency: "$0.006 per message", "$0.0069 per hour per user", "$0.006 per MB per day",
  // AI tokens "billed from the AI Providers" (the provider reports the cost of each event).
  const rateCard: RateCardInput = {
    currency: 'USD',
    charges: [
      { metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.006' } },
      { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '0.0069' } },
      { metricKey: 'storage', model: { type: 'per_unit', unitPrice: '0.006' } },
      { metricKey: 'ai_tokens', model: { type: 'reported' } },
    ],
  };
  // reference/001: "Message Responses → $0.02", "User Seats → $100", "Storage → $0", "AI Provider Tokens → 0x"
  const rebill = plan({
    name: 'Rebill',
    charges: [
      { metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.02' } },
      { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '100' }, unitDivisor: { by: 'period', unit: 'seat-month' } },
      { metricKey: 'storage', model: { type: 'per_unit', unitPrice: '0' } },
      { metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '0' } },
    ],
  });

  it('seats: "$0.0069 per hour per user (this comes out to $5.00 per month)"', () => {
    const card: RateCardInput = { currency: 'USD', charges: [rateCard.charges![1]!] };
    const cost = (period: { start: string; end: string }, events: UsageEventInput[]) => {
      const q = aggregate(MetricDefinition.parse({ key: 'seats', name: 'Seats', unit: 'seat-hour', aggregation: 'time_weighted', config: { per: 'hour', mode: 'delta' } }), events, period).quantity;
      return allocateProviderCosts({ rateCard: card, period, clients: { X: { seats: { quantity: q } } } }).perClient.X!.seats!;
    };
    const oneSeat = [{ occurredAt: '2026-01-05T00:00:00Z', quantity: 1 }];
    expect(cost(SEP, oneSeat)).toBe('4.968'); // 720 h: $4.97 in a 30-day month
    expect(cost(OCT, oneSeat)).toBe('5.1336'); // 744 h: $5.13 in a 31-day month
    // "incrementally charged hourly in case they add/remove users mid-way through the month": added Sep 16
    expect(cost(SEP, [{ occurredAt: '2026-09-16T00:00:00Z', quantity: 1 }])).toBe('2.484'); // 360 h
  });

  it('a month of one client: revenue, provider cost and margin per metric; tokens at 0x bill nothing', () => {
    const seatMetric = MetricDefinition.parse({ key: 'seats', name: 'Seats', unit: 'seat-hour', aggregation: 'time_weighted', config: { per: 'hour', mode: 'delta' } });
    const seats = aggregate(seatMetric, [{ occurredAt: '2026-08-01T00:00:00Z', quantity: 1 }, { occurredAt: '2026-09-16T00:00:00Z', quantity: 1 }], SEP).quantity;
    expect(seats.toFixed()).toBe('1080'); // 720 + 360 seat-hours
    const costs = allocateProviderCosts({
      rateCard,
      period: SEP,
      clients: {
        client: {
          messages: { quantity: '1000' },
          seats: { quantity: seats },
          storage: { quantity: '3000' }, // 100 MB all month = 3,000 MB-days
          ai_tokens: { quantity: '50000', uncostedQuantity: '0', reportedCost: '1.25' },
        },
      },
    });
    expect(costs.perClient.client).toEqual({ ai_tokens: '1.25', messages: '6', seats: '7.452', storage: '18' });
    const usage = Object.fromEntries(
      Object.entries({ messages: '1000', seats: seats.toFixed(), storage: '3000', ai_tokens: '50000' }).map(([k, q]) => [k, { quantity: q, providerCost: costs.perClient.client![k]! }]),
    );
    const s = rateStatement({ plan: rebill, planVersionId: 'closebot-rebill@1', rateCard: { id: 'closebot', currency: 'USD' }, client: { currency: 'USD' }, period: SEP, usage });
    expect(amounts(s)).toEqual([
      ['usage', '1000', '20.00'],
      ['usage', '1.5', '150.00'], // 1,080 seat-hours / 720 h = 1.5 seat-months × $100
      ['usage', '3000', '0.00'],
      ['usage', '50000', '0.00'], // "AI Provider Tokens → 0x"
    ]);
    expect(s.lines.map((l) => l.unit)).toEqual(['message', 'seat-month', 'MB-day', 'token']);
    expect(s).toMatchObject({ subtotal: '170.00', providerCost: '32.70', providerCostExact: '32.702', margin: '137.30', rateCardId: 'closebot' });
    expect(s.byMetric).toEqual([
      { metricKey: 'messages', amount: '20.00', providerCost: '6', margin: '14.00' },
      { metricKey: 'seats', amount: '150.00', providerCost: '7.452', margin: '142.55' },
      { metricKey: 'storage', amount: '0.00', providerCost: '18', margin: '-18.00' },
      { metricKey: 'ai_tokens', amount: '0.00', providerCost: '1.25', margin: '-1.25' },
    ]);
  });

  it('tokens rebilled at cost + 20 % instead: multiplier 1.2', () => {
    const s = rate(plan({ charges: [{ metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '1.2' } }] }), { ai_tokens: { quantity: '50000', providerCost: '1.25' } });
    expect(s.subtotal).toBe('1.50');
    expect(s.margin).toBe('0.25');
  });

  it('60,000 seat-seconds × $0.0069/h is exactly $0.115 and rounds half-up to $0.12 (no float or 60-digit residue)', () => {
    const q = new Dec(60_000).div(3600); // 16.666… seat-hours
    const s = rate(plan({ charges: [{ metricKey: 'seats', model: { type: 'per_unit', unitPrice: '0.0069' } }] }), { seats: { quantity: q } });
    expect(s.lines[0]).toMatchObject({ exactAmount: '0.115', amount: '0.12', quantity: '16.666666666667' });
  });

  it('storage "$0.006 per MB per day" rebilled at cost: 100 MB for a 30-day month = $18.00', () => {
    const s = rate(plan({ charges: [{ metricKey: 'storage', model: { type: 'per_unit', unitPrice: '0.006' } }] }), { storage: { quantity: '3000', providerCost: '18' } }, { period: SEP });
    expect([s.subtotal, s.margin]).toEqual(['18.00', '0.00']);
  });
});

describe('sessions (reference/003)', () => {
  const perSession = plan({
    charges: [
      { metricKey: 'usage_sessions', model: { type: 'per_unit', unitPrice: '0.10' } },
      { metricKey: 'alert_sessions', model: { type: 'per_unit', unitPrice: '0.02' } },
    ],
  });
  it('"31 minutes ... counted as 3 sessions", human-agent time excluded, "every 8 hours in a day ... 3 alert sessions"', () => {
    const calls: UsageEventInput[] = [
      { occurredAt: '2026-10-02T09:00:00Z', quantity: 31 * 60 }, // 3 sessions
      { occurredAt: '2026-10-03T09:00:00Z', quantity: 40 * 60, attrs: { segments: [{ kind: 'human_agent', seconds: 12 * 60 }] } }, // 28 AI minutes: 2
    ];
    const alerts: UsageEventInput[] = ['00', '08', '16'].map((h) => ({ occurredAt: `2026-10-05T${h}:00:00Z`, quantity: 1 }));
    const sessions = aggregate(MetricDefinition.parse({ key: 'usage_sessions', name: 'Usage sessions', unit: 'session', aggregation: 'session_blocks', config: { blockMinutes: 15, excludeSegments: ['human_agent'] } }), calls, OCT);
    const alertSessions = aggregate(MetricDefinition.parse({ key: 'alert_sessions', name: 'Alert sessions', unit: 'alert', aggregation: 'count' }), alerts, OCT);
    const s = rate(perSession, { usage_sessions: { quantity: sessions.quantity }, alert_sessions: { quantity: alertSessions.quantity } });
    expect(amounts(s)).toEqual([
      ['usage', '5', '0.50'],
      ['usage', '3', '0.06'],
    ]);
  });
});

describe('call seconds allowance (reference/002)', () => {
  // "for example, 18,000 seconds monthly (equivalent to 300 minutes or 5 hours of total conversation time)",
  // "Other plans allow continued calling with per-second overage charges applied to the excess usage."
  const perSecond = plan({ baseFee: '49', charges: [{ metricKey: 'call_seconds', model: { type: 'allowance', included: '18000', overageUnitPrice: '0.002' } }] });

  it('"Ten calls averaging 2 minutes each consume 1,200 seconds" — well within the allowance', () => {
    const s = rate(perSecond, { call_seconds: { quantity: '1200' } });
    expect(amounts(s)).toEqual([
      ['included', '1200', '0.00'],
      ['overage', '0', '0.00'],
      ['base_fee', '1', '49.00'],
    ]);
  });

  it('"Your invoice shows your included seconds, any overage seconds consumed, the overage rate, and the resulting additional charges"', () => {
    const s = rate(perSecond, { call_seconds: { quantity: '19000' } });
    expect(s.lines.slice(0, 2).map((l) => [l.kind, l.quantity, l.unit, l.unitPrice, l.amount])).toEqual([
      ['included', '18000', 'second', '0', '0.00'],
      ['overage', '1000', 'second', '0.002', '2.00'],
    ]);
  });

  it('the same allowance in minutes ("Per-minute call rates for overage usage"): 18,000 s = 300 min; 18,030 s bills 301 min', () => {
    const perMinute = plan({
      charges: [{ metricKey: 'call_seconds', unitDivisor: { by: '60', rounding: 'up', unit: 'minute' }, model: { type: 'allowance', included: '300', overageUnitPrice: '0.10' } }],
    });
    expect(amounts(rate(perMinute, { call_seconds: { quantity: '18000' } }))).toEqual([
      ['included', '300', '0.00'],
      ['overage', '0', '0.00'],
    ]);
    expect(amounts(rate(perMinute, { call_seconds: { quantity: '18030' } }))[1]).toEqual(['overage', '1', '0.10']);
    // "The same number of calls averaging 5 minutes each consume 3,000 seconds" = 50 minutes
    expect(rate(perMinute, { call_seconds: { quantity: '3000' } }).lines[0]!.quantity).toBe('50');
  });

  it('"Overage Caps and Limits ... limit the maximum additional charge you can incur in a single billing period"', () => {
    const capped = plan({ charges: [{ metricKey: 'call_seconds', cap: '25', model: { type: 'allowance', included: '18000', overageUnitPrice: '0.002' } }] });
    const s = rate(capped, { call_seconds: { quantity: '40000' } }); // 22,000 over = $44, capped at $25
    expect(s.lines[1]).toMatchObject({ kind: 'overage', amount: '25.00', unitPrice: null, note: 'capped at 25' });
  });

  it('licenses: "Click Add to assign a manual license (Days or Minutes)" with a remark (reference/004)', () => {
    const perMinute = plan({ charges: [{ metricKey: 'call_seconds', unitDivisor: { by: '60', rounding: 'up', unit: 'minute' }, model: { type: 'per_unit', unitPrice: '0.10' } }] });
    const s = rate(perMinute, { call_seconds: { quantity: '6000' } }, { adjustments: [{ kind: 'free_units', metricKey: 'call_seconds', quantity: '60', remark: 'goodwill for outage' }] });
    expect(s.lines[0]).toMatchObject({ quantity: '40', amount: '4.00', freeQuantity: '60', note: '60 free (license: goodwill for outage)' });
  });
});

describe('plan changes, phone numbers, minimums, credits (reference/002)', () => {
  it('"if your monthly billing period is thirty days and you upgrade on day fifteen, you are charged for half a month at the new rate minus half a month at the old rate"', () => {
    // 15 of 30 days used when the upgrade happens (Sep 16 00:00): the rest is half of the period
    const s = rate(plan({ baseFee: '100' }), {}, { period: SEP, adjustments: [{ kind: 'plan_change', at: '2026-09-16T00:00:00Z', fromBaseFee: '100', toBaseFee: '200' }] });
    expect(amounts(s)).toEqual([
      ['base_fee', '1', '100.00'],
      ['plan_change', '0.5', '50.00'],
    ]);
  });

  it('"A number provisioned on the fifteenth of one month incurs a pro-rated charge for the partial month, then full monthly charges"', () => {
    const phoneNumbers = MetricDefinition.parse({ key: 'phone_numbers', name: 'Phone numbers', unit: 'number-month', aggregation: 'unique_count', config: { attribute: 'phoneNumber', prorateFromAttribute: 'provisionedAt' } });
    const numberPlan = plan({ charges: [{ metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '2' } }] });
    const events: UsageEventInput[] = [
      { occurredAt: '2026-10-15T00:00:00Z', quantity: 1, attrs: { phoneNumber: '+15550001', provisionedAt: '2026-10-15T00:00:00Z' } },
      { occurredAt: '2026-11-01T00:00:00Z', quantity: 1, attrs: { phoneNumber: '+15550001', provisionedAt: '2026-10-15T00:00:00Z' } },
      // "The platform typically does not provide refunds for partial months when releasing numbers": released Nov 10
      { occurredAt: '2026-11-10T00:00:00Z', quantity: 0, attrs: { phoneNumber: '+15550001', provisionedAt: '2026-10-15T00:00:00Z', released: true } },
    ];
    const oct = aggregate(phoneNumbers, events, OCT).quantity;
    const nov = aggregate(phoneNumbers, events, NOV).quantity;
    const metrics = [phoneNumbers];
    expect(rate(numberPlan, { phone_numbers: { quantity: oct } }, { metrics }).subtotal).toBe('1.10'); // 2 × 17/31
    expect(rate(numberPlan, { phone_numbers: { quantity: nov } }, { metrics, period: NOV }).subtotal).toBe('2.00');
  });

  it('minimum commitment true-up, prorated like the base fee', () => {
    const committed = plan({ baseFee: '20', minimumCommitment: '100', charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.02' } }] });
    expect(amounts(rate(committed, { messages: { quantity: '1000' } }))).toEqual([
      ['usage', '1000', '20.00'],
      ['base_fee', '1', '20.00'],
      ['minimum_true_up', '1', '60.00'],
    ]);
    expect(rate(committed, { messages: { quantity: '10000' } }).subtotal).toBe('220.00');
  });

  it('"If credits exceed charges, you may see a zero balance or a credit balance carried forward"', () => {
    const s = rate(plan({ baseFee: '30' }), {}, { adjustments: [{ kind: 'credit', amount: '50', description: 'Referral credit' }] });
    expect(amounts(s)).toEqual([
      ['base_fee', '1', '30.00'],
      ['credit', '1', '-30.00'],
    ]);
    expect([s.subtotal, s.unappliedCredit]).toEqual(['0.00', '20.00']);
    // credits round like charges, mirrored: half away from zero
    expect(rate(plan({ baseFee: '30' }), {}, { adjustments: [{ kind: 'credit', amount: '0.125', description: 'x' }] }).lines[1]!.amount).toBe('-0.13');
  });

  it('plan-level usage cap', () => {
    const s = rate(plan({ usageCap: '100', charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.02' } }] }), { messages: { quantity: '10000' } });
    expect(amounts(s)).toEqual([
      ['usage', '10000', '200.00'],
      ['usage_cap', '1', '-100.00'],
    ]);
  });

  it('limits are reported, never enforced by the engine (reference/000 "Set Max Monthly Interactions")', () => {
    const s = rate(plan({ limits: { interactions: '1000' }, charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.5' } }] }), { interactions: { quantity: '1200' } });
    expect(s.limitsExceeded).toEqual([{ metricKey: 'interactions', limit: '1000', quantity: '1200' }]);
    expect(s.subtotal).toBe('600.00');
  });
});

describe('currencies (ISO 4217 exponents)', () => {
  it('JPY has no minor unit: 3 × ¥0.5 = ¥1.5 -> ¥2', () => {
    const s = rate(plan({ currency: 'JPY', baseFee: '1000', charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.5' } }] }), { messages: { quantity: '3' } });
    expect(amounts(s)).toEqual([
      ['usage', '3', '2'],
      ['base_fee', '1', '1000'],
    ]);
    expect(s.subtotal).toBe('1002');
  });
  it('KWD has three decimals: 3 × 0.0005 = 0.0015 -> 0.002; base fee 12.3455 -> 12.346', () => {
    const s = rate(plan({ currency: 'KWD', baseFee: '12.3455', charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.0005' } }] }), { messages: { quantity: '3' } });
    expect(amounts(s)).toEqual([
      ['usage', '3', '0.002'],
      ['base_fee', '1', '12.346'],
    ]);
    expect(s.subtotal).toBe('12.348');
  });
});

describe('refusals', () => {
  const ok = plan({ charges: [{ metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.02' } }] });
  it('currency mismatch between plan and client', () => {
    expect(() => rateStatement({ plan: ok, planVersionId: 1, client: { currency: 'EUR' }, period: OCT, usage: {} })).toThrow(
      'Currency mismatch: the plan is in USD but the client is billed in EUR.',
    );
  });
  it('a bad plan, with every problem listed', () => {
    try {
      rate(plan({ charges: [{ metricKey: 'foo', model: { type: 'per_unit', unitPrice: '-1' } }] }), {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RatingError);
      expect((e as RatingError).code).toBe('invalid_plan');
      expect((e as RatingError).problems).toEqual([{ path: 'charges.0.model.unitPrice', message: 'Unit price must not be negative (got -1).' }]);
    }
    expect(() => rate(plan({ charges: [{ metricKey: 'foo', model: { type: 'per_unit', unitPrice: '1' } }] }), {})).toThrow('Unknown metric "foo"');
  });
  it('negative usage, and provider costs in another currency without a rate', () => {
    expect(() => rate(ok, { messages: { quantity: '-1' } })).toThrow('usage.messages.quantity must not be negative (got -1).');
    expect(() => rate(ok, {}, { rateCard: { id: 1, currency: 'EUR' } })).toThrow('pass fxRate');
    expect(rate(ok, { messages: { quantity: '100', providerCost: '1' } }, { rateCard: { id: 1, currency: 'EUR' }, fxRate: '1.08' }).providerCostExact).toBe('1.08');
  });
});

describe('annual plans with monthly usage statements', () => {
  it('the year carries the base fee; the months carry only usage, with the allowance reset each month', () => {
    const annual = plan({ interval: 'year', baseFee: '1200', charges: [{ metricKey: 'call_seconds', model: { type: 'allowance', included: '18000', overageUnitPrice: '0.002' } }] });
    const year = { start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' };
    expect(rate(annual, {}, { period: year }).subtotal).toBe('1200.00');
    const october = rate(annual, { call_seconds: { quantity: '20000' } }, { includeBaseFee: false });
    expect(amounts(october)).toEqual([
      ['included', '18000', '0.00'],
      ['overage', '2000', '4.00'],
    ]);
  });
});
