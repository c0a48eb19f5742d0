// Bad-input campaign, part 4: plan definitions through plans.create, plans.update and plans.preview on a real ledger.
// Definitions are generated near the valid space and pushed out of it: tiers overlapping, unsorted, with gaps or
// zero width, negative or exponent or NaN prices, percentages over 100, unknown charge models, fractional fees in
// zero-decimal currencies (JPY) or too many decimals for three-decimal ones (KWD), huge numbers, unknown metrics,
// plus arbitrary JSON. Each definition is either refused — a clear message, never `internal`, the database byte for
// byte unchanged — or accepted, and then it rates random usage without throwing and with exact results: every amount
// is plain decimal text (no NaN, no exponent), the lines add up to the subtotal, the margin is subtotal − cost.
// (The engine's own invariants — monotone amounts, split invariance, determinism — are properties in
// shared/pricing/properties.test.ts and are not repeated here.)
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money/decimal';
import { anyValue, messageProblem } from './bad-values';
import { fuzzParams, fuzzTimeout } from './fuzz-params';
import { buildTemplate, openWorld, type Template, type World } from './world';

let template: Template;
let world: World;
let editableId: number;
beforeAll(async () => {
  template = await buildTemplate();
  world = await openWorld(template);
  const created = await world.ctx.dispatch('plans.create', { definition: { name: 'Editable', currency: 'USD', interval: 'month' } });
  if (!created.ok) throw new Error(created.error.message);
  editableId = created.data.id;
}, 60_000);
afterAll(async () => {
  await world?.dispose();
  await template?.dispose();
});

const METRICS = ['interactions', 'messages', 'call_seconds', 'seats', 'storage', 'ai_tokens', 'sms', 'no_such_metric'];
const price = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^\d{1,6}(\.\d{1,8})?$/) },
  { weight: 1, arbitrary: fc.constantFrom('-1', '-0.01', '1e3', 'NaN', 'Infinity', '', ' 5 ', '1,5', '0x10', '9'.repeat(40), `0.${'0'.repeat(30)}1`, '-0') },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(null)) },
);
const bound = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 100_000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -5, 1.5, 2 ** 60, Number.MAX_SAFE_INTEGER, Number.NaN) });
const tier = fc.record({ upTo: fc.oneof(bound, fc.constant(null)), unitPrice: price, flatFee: fc.option(price, { nil: undefined }), from: fc.option(bound, { nil: undefined }) }, { requiredKeys: ['upTo', 'unitPrice'] });
const tiers = fc.oneof(
  // sorted and contiguous, ending unbounded (valid shape)
  fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 4 }).chain((ups) =>
    fc.tuple(...[...ups.sort((a, b) => a - b), null].map((upTo) => price.map((unitPrice) => ({ upTo, unitPrice })))),
  ),
  // anything: unsorted, overlapping, gaps, zero width, bounded last tier
  fc.array(tier, { maxLength: 5 }),
);
const model = fc.oneof(
  fc.record({ type: fc.constant('per_unit'), unitPrice: price }),
  fc.record({ type: fc.constantFrom('graduated', 'volume'), tiers, zeroQuantity: fc.constantFrom('nothing', 'first_tier_flat_fee', 'maybe') }, { requiredKeys: ['type', 'tiers'] }),
  fc.record({ type: fc.constant('package'), packageSize: bound, packagePrice: price, freeUnits: fc.option(bound, { nil: undefined }) }, { requiredKeys: ['type', 'packageSize', 'packagePrice'] }),
  fc.record({ type: fc.constant('percentage'), rate: fc.oneof(price, fc.constantFrom('100', '100.0001', '250', '0')), fixedFeePerEvent: price, minPerEvent: fc.option(price, { nil: undefined }), maxPerEvent: fc.option(price, { nil: undefined }) }, { requiredKeys: ['type', 'rate'] }),
  fc.record({ type: fc.constant('cost_multiplier'), multiplier: price }),
  fc.record({ type: fc.constant('allowance'), included: price, overageUnitPrice: price }),
  fc.record({ type: fc.constantFrom('flat', 'tiered', '', 'PER_UNIT'), unitPrice: price }),
);
const charge = fc.record(
  {
    metricKey: fc.constantFrom(...METRICS),
    model,
    cap: fc.option(price, { nil: undefined }),
    minimum: fc.option(price, { nil: undefined }),
    unitDivisor: fc.option(fc.record({ by: fc.oneof(price, fc.constant('period'), fc.constant('0')), rounding: fc.constantFrom('exact', 'up', 'down', 'half_up', 'sideways'), unit: fc.constantFrom('minute', '', 'x'.repeat(50)) }), { nil: undefined }),
  },
  { requiredKeys: ['metricKey', 'model'] },
);
let planNo = 0;
const definition = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record(
        {
          currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'usd', 'XXX', 'ZZZ', ''),
          interval: fc.constantFrom('month', 'year', 'week'),
          anchor: fc.oneof(fc.constant({ kind: 'calendar' }), fc.record({ kind: fc.constant('anchored'), day: bound, month: fc.option(fc.integer({ min: -1, max: 13 }), { nil: undefined }) }, { requiredKeys: ['kind', 'day'] })),
          baseFee: price,
          charges: fc.array(charge, { maxLength: 4 }),
          minimumCommitment: fc.option(price, { nil: undefined }),
          usageCap: fc.option(price, { nil: undefined }),
          trial: fc.option(fc.record({ days: fc.option(bound, { nil: undefined }), freeUnits: fc.option(fc.dictionary(fc.constantFrom(...METRICS), price, { maxKeys: 2 }), { nil: undefined }) }), { nil: undefined }),
          proration: fc.constantFrom('prorate_immediately', 'next_cycle', 'never'),
          limits: fc.option(fc.dictionary(fc.constantFrom(...METRICS), price, { maxKeys: 2 }), { nil: undefined }),
        },
        { requiredKeys: ['currency', 'interval'] },
      )
      .map((d) => ({ name: `Fuzz plan ${++planNo}`, ...d })),
  },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 6 }) },
);
const usage = fc.dictionary(fc.constantFrom(...METRICS.slice(0, 7)), fc.oneof(fc.stringMatching(/^\d{1,9}(\.\d{1,3})?$/), fc.constantFrom('0', '1e3', '-5', 'NaN')), { maxKeys: 7 });

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

const VALID_EXAMPLES: Array<[unknown, Record<string, string>, 'create' | 'update']> = [
  [{ name: 'Valid per unit', currency: 'USD', interval: 'month', baseFee: '49.00', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }] }, { interactions: '1234' }, 'create'],
  [
    {
      name: 'Valid graduated',
      currency: 'JPY',
      interval: 'month',
      baseFee: '5000',
      charges: [{ metricKey: 'messages', model: { type: 'graduated', tiers: [{ upTo: 1000, unitPrice: '2' }, { upTo: null, unitPrice: '1.5' }] } }],
    },
    { messages: '2501' },
    'update',
  ],
];

describe('plan definitions', () => {
  it(
    'are refused cleanly with the database unchanged, or rate any usage exactly',
    async () => {
      const seen = { refused: 0, rated: 0 };
      await fc.assert(
        fc.asyncProperty(definition, usage, fc.constantFrom('create', 'update'), async (def, quantities, how) => {
          const d = world.ctx.dispatch;
          const before = world.snapshot();
          const r = how === 'create' ? await d('plans.create', { definition: def }) : await d('plans.update', { id: editableId, version: 1, definition: def });
          if (!r.ok) {
            const where = `plans.${how} refused ${JSON.stringify(def).slice(0, 400)} with ${JSON.stringify(r.error).slice(0, 400)}`;
            expect(['invalid_input', 'conflict'], where).toContain(r.error.code);
            expect(messageProblem(r.error.message), where).toBeNull();
            expect(world.snapshot().equals(before), `${where}: the database changed`).toBe(true);
            seen.refused++;
            return;
          }
          const p = await d('plans.preview', { definition: def, usage: quantities });
          if (!p.ok) {
            // quantities are checked too ("-5", "NaN"): a refusal must still be clean
            expect(p.error.code, JSON.stringify(p.error)).toBe('invalid_input');
            expect(messageProblem(p.error.message), p.error.message).toBeNull();
            return;
          }
          seen.rated++;
          const s = p.data;
          const where = `${JSON.stringify(def).slice(0, 400)} rated ${JSON.stringify(quantities)}`;
          for (const text of [s.subtotal, s.providerCost, s.margin, ...s.lines.flatMap((l) => [l.amount, l.exactAmount, l.quantity, l.providerCost])]) {
            expect(text, `${where}: "${text}" is not plain decimal text`).toMatch(PLAIN_DECIMAL);
          }
          const sum = s.lines.reduce((acc, l) => acc.plus(new Dec(l.amount)), new Dec(0));
          expect(sum.equals(new Dec(s.subtotal)), `${where}: lines add up to ${sum.toFixed()}, subtotal ${s.subtotal}`).toBe(true);
          expect(new Dec(s.subtotal).minus(new Dec(s.providerCost)).equals(new Dec(s.margin)), `${where}: margin`).toBe(true);
        }),
        // valid definitions are rare in the generated space (1 in ~100 runs): these examples make sure every run rates
        // some, so the "rated exactly" side is always exercised (a random run of 150 once reached none)
        fuzzParams(150, { examples: VALID_EXAMPLES }),
      );
      // the generator must reach both sides, or the property proves little
      expect(seen.refused, JSON.stringify(seen)).toBeGreaterThan(0);
      expect(seen.rated, JSON.stringify(seen)).toBeGreaterThan(0);
    },
    fuzzTimeout(60_000, 50),
  );
});
