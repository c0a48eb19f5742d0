// Runs anywhere. No Node, no DOM. The plan version definition: what the plan editor edits, what IPC carries,
// what the rating engine reads. Money and prices are decimal text in the plan's currency; tier bounds are
// whole numbers in the charge's billing unit. See docs/PRICING.md for each model's formula and quantity-0 rule.
import { z } from 'zod';
import { currencyCode } from '../domain/fields';
import { dec } from '../money/decimal';
import { groupDigits, nonNegativeDecimal, positiveDecimal, wholeNumber } from './decimal-field';

/** What a tiered model charges at quantity 0: nothing (default, like Lago), or the first tier's flat fee (like OpenMeter). */
export const ZeroQuantity = z.enum(['nothing', 'first_tier_flat_fee'], {
  error: 'At quantity 0 a tiered charge bills "nothing" or the "first_tier_flat_fee".',
});
export type ZeroQuantity = z.infer<typeof ZeroQuantity>;

/**
 * A tier covers units (previous tier's upTo, upTo]; the first starts at 0. `from` is optional and, when given,
 * must be the previous `upTo` + 1 (0 or 1 for the first tier), as in Lago's "first unit / last unit" tables.
 * `upTo: null` = no upper bound (only the last tier, which must be unbounded).
 */
export const Tier = z.object({
  from: wholeNumber('A tier start').optional(),
  upTo: z
    .number({ error: 'A tier end must be a whole number, or null for "and above".' })
    .int({ error: 'A tier end must be a whole number, or null for "and above".' })
    .positive({ error: (iss) => `A tier end must be greater than zero (got ${String(iss.input)}).` })
    .nullable(),
  unitPrice: nonNegativeDecimal('Unit price'),
  flatFee: nonNegativeDecimal('Flat fee').optional(),
});
export type Tier = z.infer<typeof Tier>;

export const PerUnitModel = z.object({ type: z.literal('per_unit'), unitPrice: nonNegativeDecimal('Unit price') });
export const GraduatedModel = z.object({ type: z.literal('graduated'), tiers: z.array(Tier), zeroQuantity: ZeroQuantity.default('nothing') });
export const VolumeModel = z.object({ type: z.literal('volume'), tiers: z.array(Tier), zeroQuantity: ZeroQuantity.default('nothing') });
export const PackageModel = z.object({
  type: z.literal('package'),
  packageSize: z
    .number({ error: 'Package size must be a whole number of units.' })
    .int({ error: 'Package size must be a whole number of units.' })
    .positive({ error: (iss) => `Package size must be at least 1 unit (got ${String(iss.input)}).` }),
  packagePrice: nonNegativeDecimal('Package price'),
  freeUnits: wholeNumber('Free units').default(0),
});
export const PercentageModel = z.object({
  type: z.literal('percentage'),
  /** percent: "2.5" means 2.5 % */
  rate: nonNegativeDecimal('Percentage rate').refine((s) => dec(s).lte(100), { error: (iss) => `Percentage rate is a percent from 0 to 100 (got ${String(iss.input)}).` }),
  fixedFeePerEvent: nonNegativeDecimal('Fixed fee per event').default('0'),
  /** the first N events pay neither the rate nor the fixed fee */
  freeEvents: wholeNumber('Free events').default(0),
  /** the first amount (in the billing unit) is not subject to the rate */
  freeAmount: nonNegativeDecimal('Free amount').default('0'),
  minPerEvent: nonNegativeDecimal('Minimum per event').optional(),
  maxPerEvent: nonNegativeDecimal('Maximum per event').optional(),
});
export const CostMultiplierModel = z.object({
  type: z.literal('cost_multiplier'),
  /** 0 = not rebilled, 1 = at cost, 1.2 = cost + 20 % */
  multiplier: nonNegativeDecimal('Multiplier'),
});
export const AllowanceModel = z.object({
  type: z.literal('allowance'),
  /** units included in the base fee each period; unused units do not carry over */
  included: nonNegativeDecimal('Included units'),
  overageUnitPrice: nonNegativeDecimal('Overage unit price'),
});

export const CHARGE_MODEL_TYPES = ['per_unit', 'graduated', 'volume', 'package', 'percentage', 'cost_multiplier', 'allowance'] as const;
export const ChargeModel = z.discriminatedUnion('type', [PerUnitModel, GraduatedModel, VolumeModel, PackageModel, PercentageModel, CostMultiplierModel, AllowanceModel], {
  error: `Choose a charge model: ${CHARGE_MODEL_TYPES.join(', ')}.`,
});
export type ChargeModel = z.infer<typeof ChargeModel>;

/**
 * Converts the metric's quantity into the unit the charge is priced in, once per period total:
 * call seconds priced per minute = { by: "60", rounding: "up", unit: "minute" } (3,001 s -> 51 minutes);
 * seat-hours priced per seat-month = { by: "period", rounding: "exact", unit: "seat-month" } (divides by the
 * period's length in the metric's time unit, so one seat all month = 1). Per-call rounding ("each call rounded
 * up to the minute") is an aggregation (session_blocks with 1-minute blocks), not a divisor.
 */
export const UnitDivisor = z.object({
  by: z.union([z.literal('period'), positiveDecimal('Unit divisor')], { error: 'Unit divisor is a positive number (e.g. "60") or "period".' }),
  rounding: z.enum(['exact', 'up', 'down', 'half_up'], { error: 'Unit rounding is exact, up, down or half_up.' }).default('exact'),
  unit: z.string().trim().min(1, { error: 'Name the billing unit (e.g. minute).' }).max(40),
});
export type UnitDivisor = z.infer<typeof UnitDivisor>;

export const Charge = z.object({
  metricKey: z.string({ error: 'Choose a metric.' }).min(1, { error: 'Choose a metric.' }),
  description: z.string().trim().max(200, { error: 'A charge description must be at most 200 characters.' }).optional(),
  model: ChargeModel,
  unitDivisor: UnitDivisor.optional(),
  /** the most this charge adds to one statement (for an allowance: the overage cap) */
  cap: nonNegativeDecimal('Charge cap').optional(),
  /** spending minimum of this charge per period: a true-up line makes up the difference */
  minimum: nonNegativeDecimal('Charge minimum').optional(),
});
export type Charge = z.infer<typeof Charge>;

export const Anchor = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('calendar') }),
    z.object({
      kind: z.literal('anchored'),
      day: z
        .number({ error: 'Anchor day must be a whole number from 1 to 31.' })
        .int({ error: 'Anchor day must be a whole number from 1 to 31.' })
        .min(1, { error: (iss) => `Anchor day must be from 1 to 31 (got ${String(iss.input)}).` })
        .max(31, { error: (iss) => `Anchor day must be from 1 to 31 (got ${String(iss.input)}).` }),
      /** annual plans: the month the year starts in (default January) */
      month: z.number().int().min(1, { error: 'Anchor month must be from 1 to 12.' }).max(12, { error: 'Anchor month must be from 1 to 12.' }).optional(),
    }),
  ],
  { error: 'The anchor is "calendar" or "anchored" on a day of the month.' },
);

export const PRORATION_POLICIES = ['prorate_immediately', 'next_cycle'] as const;

export const PlanDefinition = z
  .object({
    name: z.string({ error: 'Enter the plan name.' }).trim().min(1, { error: 'Enter the plan name.' }).max(200, { error: 'A plan name must be at most 200 characters.' }),
    currency: currencyCode,
    interval: z.enum(['month', 'year'], { error: 'The billing interval is "month" or "year".' }),
    anchor: Anchor.default({ kind: 'calendar' }),
    baseFee: nonNegativeDecimal('Base fee').default('0'),
    charges: z.array(Charge).default([]),
    /** the statement subtotal is topped up to this amount (prorated like the base fee) */
    minimumCommitment: nonNegativeDecimal('Minimum commitment').optional(),
    /** the most all usage charges together add to one statement */
    usageCap: nonNegativeDecimal('Usage cap').optional(),
    trial: z
      .object({
        days: wholeNumber('Trial days').optional(),
        /** free units per metric during the trial, in the charge's billing unit (AgentClara: 500 interactions) */
        freeUnits: z.record(z.string(), nonNegativeDecimal('Trial free units')).optional(),
      })
      .optional(),
    proration: z.enum(PRORATION_POLICIES, { error: 'Proration is "prorate_immediately" or "next_cycle".' }).default('prorate_immediately'),
    /** max units per period per metric, for alerts (the engine reports them, never blocks) */
    limits: z.record(z.string(), nonNegativeDecimal('Limit')).optional(),
  })
  .superRefine((plan, ctx) => {
    plan.charges.forEach((charge, ci) => {
      const m = charge.model;
      if (m.type === 'graduated' || m.type === 'volume') checkTiers(m.tiers, ['charges', ci, 'model', 'tiers'], ctx);
      if (m.type === 'percentage' && m.minPerEvent !== undefined && m.maxPerEvent !== undefined && dec(m.minPerEvent).gt(dec(m.maxPerEvent))) {
        ctx.addIssue({
          code: 'custom',
          path: ['charges', ci, 'model', 'maxPerEvent'],
          message: `Maximum per event (${m.maxPerEvent}) must not be below the minimum per event (${m.minPerEvent}).`,
        });
      }
      const first = plan.charges.findIndex((c) => c.metricKey === charge.metricKey);
      if (first !== ci) {
        ctx.addIssue({
          code: 'custom',
          path: ['charges', ci, 'metricKey'],
          message: `Metric "${charge.metricKey}" is already charged by charge ${first + 1}: each metric has one charge per plan.`,
        });
      }
    });
    if (plan.anchor.kind === 'anchored' && plan.anchor.month !== undefined && plan.interval === 'month') {
      ctx.addIssue({ code: 'custom', path: ['anchor', 'month'], message: 'Only annual plans have an anchor month.' });
    }
  });
export type PlanDefinition = z.output<typeof PlanDefinition>;
export type PlanDefinitionInput = z.input<typeof PlanDefinition>;

/** Tiers must start at 0 (or 1), follow each other without gap or overlap, and end unbounded. */
function checkTiers(tiers: readonly Tier[], path: (string | number)[], ctx: z.RefinementCtx): void {
  if (tiers.length === 0) {
    ctx.addIssue({ code: 'custom', path, message: 'Add at least one tier.' });
    return;
  }
  tiers.forEach((t, i) => {
    const n = i + 1;
    const prev = i > 0 ? tiers[i - 1]! : null;
    if (prev === null) {
      if (t.from !== undefined && t.from !== 0 && t.from !== 1) {
        ctx.addIssue({ code: 'custom', path: [...path, i, 'from'], message: `Tier 1 must start at 0 or 1 (got ${groupDigits(t.from)}): units below it would have no price.` });
      }
    } else if (prev.upTo === null) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i - 1, 'upTo'],
        message: `Only the last tier can be unbounded: tier ${i} has no upper limit but tier ${n} follows it.`,
      });
      return;
    } else {
      const expected = prev.upTo + 1;
      if (t.from !== undefined && t.from !== expected) {
        const problem = t.from > expected ? 'tiers must be contiguous' : 'tiers overlap';
        ctx.addIssue({
          code: 'custom',
          path: [...path, i, 'from'],
          message: `Tier ${n} starts at ${groupDigits(t.from)} but tier ${i} ends at ${groupDigits(prev.upTo)}: ${problem} (tier ${n} should start at ${groupDigits(expected)}).`,
        });
      }
      if (t.upTo !== null && t.upTo <= prev.upTo) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, i, 'upTo'],
          message: `Tier ${n} ends at ${groupDigits(t.upTo)} but tier ${i} already ends at ${groupDigits(prev.upTo)}: tiers overlap (each tier must end above the previous one).`,
        });
      }
    }
  });
  const last = tiers[tiers.length - 1]!;
  if (last.upTo !== null) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, tiers.length - 1, 'upTo'],
      message: `The last tier must have no upper limit (upTo: null) so every quantity has a price; tier ${tiers.length} ends at ${groupDigits(last.upTo)}.`,
    });
  }
}
