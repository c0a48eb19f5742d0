// Runs anywhere. No Node, no DOM. The amount a charge model gives a quantity: exact (never rounded here) plus a
// breakdown for the statement. Constant work per tier; the only per-event loop is the percentage model's,
// and only when it has per-event options (free events, free amount with a fixed fee, min/max per event).
// Formulas and quantity-0 behaviour: docs/PRICING.md.
import { Dec } from '../money/decimal';
import type { ChargeModel, Tier } from './plan-schema';
import { groupDigits } from './decimal-field';

export interface BreakdownItem {
  label: string;
  /** units priced by this item (events for fixed fees) */
  quantity: Dec;
  unitPrice: Dec | null;
  flatFee: Dec;
  /** exact */
  amount: Dec;
}

export interface ModelInput {
  /** billable quantity in the charge's billing unit (free units already removed), >= 0 */
  quantity: Dec;
  /** number of events behind the quantity (percentage fixed fees) */
  events: number;
  /** chronological per-event amounts in the billing unit (percentage with per-event options) */
  eventAmounts?: readonly Dec[] | undefined;
  /** provider cost of the usage, in the plan currency (cost multiplier) */
  providerCost: Dec;
}

export interface ModelResult {
  /** exact amount, before any cap, minimum or rounding */
  amount: Dec;
  /** set when amount = quantity × unitPrice exactly */
  unitPrice: Dec | null;
  breakdown: BreakdownItem[];
  /** allowance model only: the included and the overage parts of the quantity */
  included?: Dec;
  overage?: Dec;
}

export class ModelInputError extends Error {
  override name = 'ModelInputError';
}

const ZERO = new Dec(0);
const d = (s: string | undefined) => (s === undefined ? ZERO : new Dec(s));

function tierLabel(lower: Dec, upTo: number | null): string {
  const from = groupDigits(lower.plus(1).toFixed());
  return upTo === null ? `${from} and above` : `${from} to ${groupDigits(upTo)}`;
}

/**
 * Graduated: each tier prices the units that fall in it; a tier's flat fee is added once when any unit falls in it.
 * At quantity 0: nothing, or the first tier's flat fee with zeroQuantity 'first_tier_flat_fee'.
 */
export function graduatedAmount(tiers: readonly Tier[], quantity: Dec, zeroQuantity: 'nothing' | 'first_tier_flat_fee'): ModelResult {
  const breakdown: BreakdownItem[] = [];
  if (quantity.isZero()) {
    const first = tiers[0];
    if (zeroQuantity === 'first_tier_flat_fee' && first && d(first.flatFee).gt(0)) {
      breakdown.push({ label: tierLabel(ZERO, first.upTo), quantity: ZERO, unitPrice: d(first.unitPrice), flatFee: d(first.flatFee), amount: d(first.flatFee) });
    }
    return { amount: breakdown.reduce((a, b) => a.plus(b.amount), ZERO), unitPrice: null, breakdown };
  }
  let lower = ZERO;
  let amount = ZERO;
  for (const tier of tiers) {
    if (quantity.lte(lower)) break;
    const top = tier.upTo === null ? quantity : Dec.min(quantity, new Dec(tier.upTo));
    const units = top.minus(lower);
    const price = d(tier.unitPrice);
    const flat = d(tier.flatFee);
    const item = units.times(price).plus(flat);
    breakdown.push({ label: tierLabel(lower, tier.upTo), quantity: units, unitPrice: price, flatFee: flat, amount: item });
    amount = amount.plus(item);
    if (tier.upTo === null) break;
    lower = new Dec(tier.upTo);
  }
  const single = breakdown.length === 1 && breakdown[0]!.flatFee.isZero() ? breakdown[0]!.unitPrice : null;
  return { amount, unitPrice: single, breakdown };
}

/**
 * Volume: the tier the total quantity falls in prices every unit; its flat fee is added once.
 * At quantity 0: nothing, or the first tier's flat fee with zeroQuantity 'first_tier_flat_fee'.
 */
export function volumeAmount(tiers: readonly Tier[], quantity: Dec, zeroQuantity: 'nothing' | 'first_tier_flat_fee'): ModelResult {
  if (quantity.isZero()) {
    const first = tiers[0];
    if (zeroQuantity === 'first_tier_flat_fee' && first && d(first.flatFee).gt(0)) {
      const flat = d(first.flatFee);
      return { amount: flat, unitPrice: null, breakdown: [{ label: tierLabel(ZERO, first.upTo), quantity: ZERO, unitPrice: d(first.unitPrice), flatFee: flat, amount: flat }] };
    }
    return { amount: ZERO, unitPrice: null, breakdown: [] };
  }
  let lower = ZERO;
  for (const tier of tiers) {
    if (tier.upTo === null || quantity.lte(tier.upTo)) {
      const price = d(tier.unitPrice);
      const flat = d(tier.flatFee);
      const amount = quantity.times(price).plus(flat);
      return {
        amount,
        unitPrice: flat.isZero() ? price : null,
        breakdown: [{ label: tierLabel(lower, tier.upTo), quantity, unitPrice: price, flatFee: flat, amount }],
      };
    }
    lower = new Dec(tier.upTo);
  }
  throw new ModelInputError(`Quantity ${quantity.toFixed()} is above the last tier: the last tier must be unbounded.`);
}

/** Package: ceil((quantity − free units) / size) packages at the package price; 0 at or below the free units. */
export function packageAmount(packageSize: number, packagePrice: string, freeUnits: number, quantity: Dec): ModelResult {
  const paid = Dec.max(ZERO, quantity.minus(freeUnits));
  const packages = paid.div(packageSize).ceil();
  const price = new Dec(packagePrice);
  const amount = packages.times(price);
  const breakdown: BreakdownItem[] = [];
  if (freeUnits > 0) breakdown.push({ label: 'free units', quantity: Dec.min(quantity, new Dec(freeUnits)), unitPrice: ZERO, flatFee: ZERO, amount: ZERO });
  breakdown.push({ label: `packages of ${groupDigits(packageSize)}`, quantity: packages, unitPrice: price, flatFee: ZERO, amount });
  return { amount, unitPrice: null, breakdown };
}

type PercentageModel = Extract<ChargeModel, { type: 'percentage' }>;

/**
 * Percentage: rate % of the amount plus a fixed fee per event.
 * Free units (as Lago documents them): events are free — no rate, no fixed fee — while they are among the first
 * `freeEvents` AND (when `freeAmount` is set) the running amount stays within `freeAmount`. With only `freeAmount`,
 * the event that crosses it pays the rate on the part above plus its fixed fee. Free events are never raised to
 * `minPerEvent`; every charged event's fee (rate + fixed) is clamped to [minPerEvent, maxPerEvent].
 */
export function percentageAmount(model: PercentageModel, input: ModelInput): ModelResult {
  const rate = new Dec(model.rate).div(100);
  const fixed = new Dec(model.fixedFeePerEvent);
  const freeAmount = new Dec(model.freeAmount);
  const min = model.minPerEvent === undefined ? null : new Dec(model.minPerEvent);
  const max = model.maxPerEvent === undefined ? null : new Dec(model.maxPerEvent);
  const needsEvents = model.freeEvents > 0 || (freeAmount.gt(0) && fixed.gt(0)) || min !== null || max !== null;

  if (!needsEvents) {
    // Closed form: rate × (amount − free amount) + fixed × events.
    const rated = Dec.max(ZERO, input.quantity.minus(freeAmount));
    const pct = rated.times(rate);
    const fees = fixed.times(input.events);
    const breakdown: BreakdownItem[] = [{ label: `${model.rate} %`, quantity: rated, unitPrice: rate, flatFee: ZERO, amount: pct }];
    if (fixed.gt(0)) breakdown.push({ label: 'fixed fee per event', quantity: new Dec(input.events), unitPrice: fixed, flatFee: ZERO, amount: fees });
    return { amount: pct.plus(fees), unitPrice: null, breakdown };
  }
  if (!input.eventAmounts) {
    throw new ModelInputError('This percentage charge has per-event options (free events, free amount with a fixed fee, or a minimum/maximum per event): pass the per-event amounts (eventAmounts) in the order they happened.');
  }
  let remainingEvents = model.freeEvents;
  let remainingAmount = freeAmount;
  let open = model.freeEvents > 0 || freeAmount.gt(0);
  let rated = ZERO;
  let pct = ZERO;
  let charged = 0;
  let clampAdjust = ZERO;
  for (const value of input.eventAmounts) {
    let billable = value;
    if (open) {
      const countOk = model.freeEvents === 0 || remainingEvents > 0;
      if (!countOk) open = false;
      else if (freeAmount.isZero() || value.lte(remainingAmount)) {
        remainingEvents--;
        remainingAmount = freeAmount.isZero() ? remainingAmount : remainingAmount.minus(value);
        continue; // fully free
      } else {
        billable = value.minus(remainingAmount);
        open = false;
      }
    }
    const p = billable.times(rate);
    let fee = p.plus(fixed);
    if (min !== null && fee.lt(min)) fee = min;
    if (max !== null && fee.gt(max)) fee = max;
    rated = rated.plus(billable);
    pct = pct.plus(p);
    clampAdjust = clampAdjust.plus(fee.minus(p).minus(fixed));
    charged++;
  }
  const fees = fixed.times(charged);
  const breakdown: BreakdownItem[] = [{ label: `${model.rate} %`, quantity: rated, unitPrice: rate, flatFee: ZERO, amount: pct }];
  if (fixed.gt(0)) breakdown.push({ label: 'fixed fee per event', quantity: new Dec(charged), unitPrice: fixed, flatFee: ZERO, amount: fees });
  if (!clampAdjust.isZero()) breakdown.push({ label: 'per-event minimum/maximum', quantity: new Dec(charged), unitPrice: null, flatFee: ZERO, amount: clampAdjust });
  return { amount: pct.plus(fees).plus(clampAdjust), unitPrice: null, breakdown };
}

/** Prices a billable quantity under a model. */
export function priceModel(model: ChargeModel, input: ModelInput): ModelResult {
  if (input.quantity.isNegative()) throw new ModelInputError(`Quantity must not be negative (got ${input.quantity.toFixed()}).`);
  switch (model.type) {
    case 'per_unit': {
      const price = new Dec(model.unitPrice);
      const amount = input.quantity.times(price);
      return { amount, unitPrice: price, breakdown: [] };
    }
    case 'graduated':
      return graduatedAmount(model.tiers, input.quantity, model.zeroQuantity);
    case 'volume':
      return volumeAmount(model.tiers, input.quantity, model.zeroQuantity);
    case 'package':
      return packageAmount(model.packageSize, model.packagePrice, model.freeUnits, input.quantity);
    case 'percentage':
      return percentageAmount(model, input);
    case 'cost_multiplier': {
      const m = new Dec(model.multiplier);
      const amount = input.providerCost.times(m);
      return { amount, unitPrice: null, breakdown: [{ label: `provider cost × ${model.multiplier}`, quantity: input.providerCost, unitPrice: m, flatFee: ZERO, amount }] };
    }
    case 'allowance': {
      const included = new Dec(model.included);
      const price = new Dec(model.overageUnitPrice);
      const inAllowance = Dec.min(input.quantity, included);
      const overage = Dec.max(ZERO, input.quantity.minus(included));
      const amount = overage.times(price);
      return {
        amount,
        unitPrice: price,
        included: inAllowance,
        overage,
        breakdown: [
          { label: 'included', quantity: inAllowance, unitPrice: ZERO, flatFee: ZERO, amount: ZERO },
          { label: 'overage', quantity: overage, unitPrice: price, flatFee: ZERO, amount },
        ],
      };
    }
  }
}
