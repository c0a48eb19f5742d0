// Property tests (fast-check) for the rating engine's invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyInfo } from '../domain/currencies';
import { Dec, dec, moneyText, toMinorUnits } from '../money/decimal';
import { aggregate, type UsageEventInput } from './aggregate';
import { priceModel } from './charge-models';
import { findMetric, MetricDefinition } from './metrics';
import { ChargeModel, type PlanDefinitionInput } from './plan-schema';
import { rateStatement } from './rate';
import type { Adjustment, RateInput } from './statement';

const OCT = { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' };
const OCT_START = Date.parse(OCT.start);
const OCT_MS = Date.parse(OCT.end) - OCT_START;

/** Non-negative decimal text with up to `scale` decimals. */
const decimal = (maxUnits = 1_000_000, maxScale = 6) =>
  fc
    .integer({ min: 0, max: maxScale })
    .chain((s) => fc.integer({ min: 0, max: maxUnits * 10 ** s }).map((n) => new Dec(n).div(new Dec(10).pow(s)).toFixed()));

const tiers = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 0, maxLength: 4 }), fc.array(fc.tuple(decimal(10, 4), fc.option(decimal(100, 2), { nil: undefined })), { minLength: 5, maxLength: 5 }))
  .map(([bounds, prices]) => {
    const ups: Array<number | null> = [...bounds.sort((a, b) => a - b), null];
    return ups.map((upTo, i) => ({ upTo, unitPrice: prices[i]![0], ...(prices[i]![1] === undefined ? {} : { flatFee: prices[i]![1] }) }));
  });

/** The models whose amount must never decrease as quantity grows. */
const monotoneModel = fc.oneof(
  decimal(10, 6).map((unitPrice) => ({ type: 'per_unit' as const, unitPrice })),
  fc.tuple(tiers, fc.constantFrom('nothing' as const, 'first_tier_flat_fee' as const)).map(([t, zeroQuantity]) => ({ type: 'graduated' as const, tiers: t, zeroQuantity })),
  fc.tuple(fc.integer({ min: 1, max: 1000 }), decimal(100, 2), fc.integer({ min: 0, max: 5000 })).map(([packageSize, packagePrice, freeUnits]) => ({ type: 'package' as const, packageSize, packagePrice, freeUnits })),
  fc.tuple(decimal(10_000, 0), decimal(10, 4)).map(([included, overageUnitPrice]) => ({ type: 'allowance' as const, included, overageUnitPrice })),
);

/** Every model (volume and percentage are not monotone / not split-invariant by definition). */
const anyModel = fc.oneof(
  monotoneModel,
  fc.tuple(tiers, fc.constantFrom('nothing' as const, 'first_tier_flat_fee' as const)).map(([t, zeroQuantity]) => ({ type: 'volume' as const, tiers: t, zeroQuantity })),
  decimal(3, 2).map((multiplier) => ({ type: 'cost_multiplier' as const, multiplier })),
  fc.tuple(decimal(100, 2), decimal(1, 2)).map(([rate, fixedFeePerEvent]) => ({ type: 'percentage' as const, rate, fixedFeePerEvent })),
);

const METRICS = ['interactions', 'messages', 'call_seconds', 'seats', 'storage', 'ai_tokens', 'sms'] as const;
const CURRENCIES = ['USD', 'JPY', 'KWD', 'EUR', 'BHD', 'CLP'] as const;

const chargeArb = (metricKey: string, model: fc.Arbitrary<unknown>) =>
  fc.record(
    {
      metricKey: fc.constant(metricKey),
      model,
      cap: fc.option(decimal(500, 2), { nil: undefined }),
      minimum: fc.option(decimal(50, 2), { nil: undefined }),
      unitDivisor: fc.option(
        fc.record({ by: fc.constantFrom('60', '1000', '3600'), rounding: fc.constantFrom('exact' as const, 'up' as const, 'down' as const, 'half_up' as const), unit: fc.constant('unit') }),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['metricKey', 'model'] },
  );

const planArb = (model: fc.Arbitrary<unknown> = anyModel): fc.Arbitrary<PlanDefinitionInput> =>
  fc
    .record({
      currency: fc.constantFrom(...CURRENCIES),
      baseFee: decimal(1000, 4),
      metrics: fc.subarray([...METRICS], { minLength: 1 }),
      minimumCommitment: fc.option(decimal(2000, 2), { nil: undefined }),
      usageCap: fc.option(decimal(2000, 2), { nil: undefined }),
      proration: fc.constantFrom('prorate_immediately' as const, 'next_cycle' as const),
    })
    .chain((p) =>
      fc.tuple(...p.metrics.map((m) => chargeArb(m, model))).map((charges) => ({
        name: 'Random',
        currency: p.currency,
        interval: 'month' as const,
        baseFee: p.baseFee,
        charges: charges as PlanDefinitionInput['charges'],
        ...(p.minimumCommitment === undefined ? {} : { minimumCommitment: p.minimumCommitment }),
        ...(p.usageCap === undefined ? {} : { usageCap: p.usageCap }),
        proration: p.proration,
      })),
    );

const usageArb = fc.dictionary(
  fc.constantFrom(...METRICS),
  fc.record({ quantity: decimal(100_000, 4), events: fc.integer({ min: 0, max: 50 }), providerCost: decimal(500, 6) }),
);

const adjustmentsArb: fc.Arbitrary<Adjustment[]> = fc.array(
  fc.oneof(
    decimal(300, 2).map((amount) => ({ kind: 'credit' as const, amount, description: 'Credit' })),
    decimal(100, 2).map((amount) => ({ kind: 'charge' as const, amount, description: 'Setup' })),
  ),
  { maxLength: 3 },
);

const subscriptionArb = fc.option(
  fc.record({ start: fc.integer({ min: OCT_START - 40 * 86_400_000, max: OCT_START + OCT_MS - 1 }).map((ms) => new Date(ms).toISOString()) }),
  { nil: undefined },
);

const inputArb = fc.record({ plan: planArb(), usage: usageArb, adjustments: adjustmentsArb, subscription: subscriptionArb }).map(
  ({ plan, usage, adjustments, subscription }): RateInput => ({
    plan,
    planVersionId: 'p@1',
    client: { currency: plan.currency },
    period: OCT,
    usage,
    adjustments,
    ...(subscription ? { subscription } : {}),
  }),
);

describe('charge models', () => {
  it('per-unit, graduated, package and allowance amounts never decrease as quantity grows', () => {
    fc.assert(
      fc.property(monotoneModel, decimal(200_000, 4), decimal(50_000, 4), (m, a, b) => {
        const model = ChargeModel.parse(m);
        const q1 = dec(a);
        const q2 = q1.plus(dec(b));
        const x = priceModel(model, { quantity: q1, events: 0, providerCost: new Dec(0) }).amount;
        const y = priceModel(model, { quantity: q2, events: 0, providerCost: new Dec(0) }).amount;
        expect(y.gte(x)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the rounded statement amounts never decrease either', () => {
    fc.assert(
      fc.property(monotoneModel, fc.constantFrom(...CURRENCIES), decimal(200_000, 4), decimal(50_000, 4), (m, currency, a, b) => {
        const plan = { name: 'M', currency, interval: 'month' as const, charges: [{ metricKey: 'messages', model: m }] };
        const total = (q: string) => dec(rateStatement({ plan, planVersionId: 1, client: { currency }, period: OCT, usage: { messages: { quantity: q } } }).subtotal);
        expect(total(dec(a).plus(dec(b)).toFixed()).gte(total(a))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('statements', () => {
  it('re-rating the same data gives the same statement', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = rateStatement(input);
        const b = rateStatement(structuredClone(input));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 200 },
    );
  });

  it('line amounts add up to the subtotal exactly; each line is rounded once from its exact amount; margin = subtotal − cost', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const s = rateStatement(input);
        const { exponent } = currencyInfo(s.currency);
        const minor = s.lines.reduce((n, l) => n + toMinorUnits(dec(l.amount), s.currency), 0n);
        expect(minor).toBe(toMinorUnits(dec(s.subtotal), s.currency));
        for (const l of s.lines) {
          expect(l.amount).toBe(moneyText(dec(l.exactAmount), s.currency));
          expect(l.amount.split('.')[1]?.length ?? 0).toBe(exponent);
        }
        expect(dec(s.subtotal).minus(dec(s.providerCost)).eq(dec(s.margin))).toBe(true);
        expect(dec(s.subtotal).gte(0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitting the same usage into more events never changes the statement', () => {
  /** Splits each event in two (same instant, quantities adding up) when `split` says so. */
  const splitSum = (events: UsageEventInput[], cuts: number[]) =>
    events.flatMap((e, i) => {
      const cut = cuts[i % cuts.length]!;
      const q = dec(e.quantity as string);
      if (cut === 0 || q.lt(2)) return [e];
      const part = q.times(cut).div(100).floor();
      return [
        { ...e, quantity: part.toFixed() },
        { ...e, quantity: q.minus(part).toFixed() },
      ];
    });

  const eventArb = fc.array(
    fc.record({
      at: fc.integer({ min: OCT_START - 10 * 86_400_000, max: OCT_START + OCT_MS + 86_400_000 }),
      q: fc.integer({ min: 0, max: 5000 }),
      conversation: fc.integer({ min: 0, max: 8 }),
    }),
    { maxLength: 40 },
  );
  const cutsArb = fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 10 });

  const rateWith = (plan: PlanDefinitionInput, metricKey: string, metric: MetricDefinition, events: UsageEventInput[]) => {
    const agg = aggregate(metric, events, OCT);
    return rateStatement({ plan, planVersionId: 1, client: { currency: plan.currency }, period: OCT, usage: { [metricKey]: { quantity: agg.quantity, events: agg.events } }, metrics: [metric] });
  };
  const planFor = (metricKey: string, model: unknown): PlanDefinitionInput => ({ name: 'S', currency: 'USD', interval: 'month', charges: [{ metricKey, model } as never] });
  // Percentage with a fixed fee per event is excluded on purpose: more events = more fees.
  const splitInvariantModel = fc.oneof(monotoneModel, fc.tuple(tiers).map(([t]) => ({ type: 'volume' as const, tiers: t })));

  it('sum (call seconds)', () => {
    fc.assert(
      fc.property(eventArb, cutsArb, splitInvariantModel, (raw, cuts, model) => {
        const metric = findMetric('call_seconds')!;
        const events = raw.map((r) => ({ occurredAt: r.at, quantity: String(r.q) }));
        const plan = planFor('call_seconds', model);
        expect(rateWith(plan, 'call_seconds', metric, splitSum(events, cuts)).lines.map((l) => l.amount)).toEqual(rateWith(plan, 'call_seconds', metric, events).lines.map((l) => l.amount));
      }),
      { numRuns: 200 },
    );
  });

  it('time-weighted seats (delta events): a +3 reported as +1 and +2 at the same instant', () => {
    fc.assert(
      fc.property(eventArb, cutsArb, splitInvariantModel, (raw, cuts, model) => {
        const metric = MetricDefinition.parse({ key: 'seats', name: 'Seats', unit: 'seat-hour', aggregation: 'time_weighted', config: { per: 'hour', mode: 'delta' } });
        const events = raw.map((r) => ({ occurredAt: r.at, quantity: String(r.q % 5) }));
        const plan = planFor('seats', model);
        expect(rateWith(plan, 'seats', metric, splitSum(events, cuts)).lines).toEqual(rateWith(plan, 'seats', metric, events).lines);
      }),
      { numRuns: 200 },
    );
  });

  it('time-weighted storage (level samples): re-stating the current level as extra samples', () => {
    fc.assert(
      fc.property(eventArb, fc.array(fc.integer({ min: OCT_START, max: OCT_START + OCT_MS }), { maxLength: 10 }), splitInvariantModel, (raw, extraAt, model) => {
        const metric = findMetric('storage')!;
        const events = raw.map((r) => ({ occurredAt: r.at, quantity: String(r.q) })).sort((a, b) => a.occurredAt - b.occurredAt);
        const levelAt = (t: number) => [...events].reverse().find((e) => e.occurredAt <= t)?.quantity ?? '0';
        // a redundant sample repeats the level in force just before it (placed after the events at that instant)
        const more = [...events, ...extraAt.map((t) => ({ occurredAt: t, quantity: levelAt(t) }))].sort((a, b) => a.occurredAt - b.occurredAt);
        const plan = planFor('storage', model);
        expect(rateWith(plan, 'storage', metric, more).lines).toEqual(rateWith(plan, 'storage', metric, events).lines);
      }),
      { numRuns: 200 },
    );
  });

  it('session blocks: one conversation reported in several events', () => {
    fc.assert(
      fc.property(eventArb, cutsArb, splitInvariantModel, (raw, cuts, model) => {
        const metric = findMetric('usage_sessions')!;
        const events = raw.map((r) => ({ occurredAt: r.at, quantity: String(r.q), attrs: { conversationId: `c${r.conversation}` } }));
        const plan = planFor('usage_sessions', model);
        expect(rateWith(plan, 'usage_sessions', metric, splitSum(events, cuts)).lines).toEqual(rateWith(plan, 'usage_sessions', metric, events).lines);
      }),
      { numRuns: 200 },
    );
  });
});

describe('performance', () => {
  it('rates a 10-charge statement in about a millisecond (budget: 25 ms, so a loaded CI machine does not flake)', () => {
    const plan: PlanDefinitionInput = {
      name: 'Big',
      currency: 'USD',
      interval: 'month',
      baseFee: '99',
      minimumCommitment: '150',
      charges: [
        { metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: '0.35' } },
        { metricKey: 'messages', model: { type: 'graduated', tiers: [{ upTo: 1000, unitPrice: '0.02' }, { upTo: 10_000, unitPrice: '0.015', flatFee: '5' }, { upTo: null, unitPrice: '0.01' }] } },
        { metricKey: 'call_seconds', unitDivisor: { by: '60', rounding: 'up', unit: 'minute' }, model: { type: 'volume', tiers: [{ upTo: 500, unitPrice: '0.12' }, { upTo: null, unitPrice: '0.09' }] } },
        { metricKey: 'usage_sessions', model: { type: 'package', packageSize: 100, packagePrice: '8', freeUnits: 50 } },
        { metricKey: 'voice_sessions', model: { type: 'per_unit', unitPrice: '0.25' } },
        { metricKey: 'alert_sessions', model: { type: 'per_unit', unitPrice: '0.01' } },
        { metricKey: 'seats', unitDivisor: { by: 'period', unit: 'seat-month' }, model: { type: 'per_unit', unitPrice: '100' } },
        { metricKey: 'storage', model: { type: 'per_unit', unitPrice: '0.008' } },
        { metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '1.2' } },
        { metricKey: 'sms', model: { type: 'percentage', rate: '2.5', fixedFeePerEvent: '0.01' } },
      ],
    };
    const usage: RateInput['usage'] = Object.fromEntries(
      ['interactions', 'messages', 'call_seconds', 'usage_sessions', 'voice_sessions', 'alert_sessions', 'seats', 'storage', 'ai_tokens', 'sms'].map((k, i) => [
        k,
        { quantity: String(12_345 * (i + 1)), events: 100 * (i + 1), providerCost: `${i + 1}.2345` },
      ]),
    );
    const input: RateInput = { plan, planVersionId: 1, client: { currency: 'USD' }, period: OCT, usage };
    for (let i = 0; i < 50; i++) rateStatement(input); // warm up
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) rateStatement(input);
    const perStatementMs = (performance.now() - t0) / n;
    // ~0.7 ms alone on the build machine (decimal.js at 60 digits is ~1-2 µs per operation there; zod ~0.15 ms);
    // no per-event work: the cost is per charge and per tier.
    expect(perStatementMs).toBeLessThan(25);
  });
});
