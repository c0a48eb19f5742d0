// Runs anywhere. No Node, no DOM, no clock. The rating engine: usage aggregates + a plan version in, a rated
// statement out. Pure and deterministic: the same input always gives the same statement, byte for byte.
//
// Money rule (docs/MONEY.md): everything is exact (Dec, 60 significant digits) until a statement line is
// built; each line's amount is rounded once, half away from zero, to the currency's ISO 4217 minor unit; the
// subtotal is the sum of the rounded lines, so lines always add up to it exactly.
//
// Statement order: usage charges (plan order; an allowance gives an "included" and an "overage" line),
// per-charge minimums, usage cap, base fee, mid-period plan changes, minimum-commitment true-up, manual charges,
// credits (never below zero: the rest is reported as unapplied), and zero-amount lines for provider costs of
// metrics the plan does not rebill (so the margin counts them).
import { Dec, dec, decText, moneyText, roundMoney } from '../money/decimal';
import { currencyInfo, isCurrencyCode } from '../domain/currencies';
import { toEpochMs, toIsoUtc } from '../time/instant';
import { billingUnitLabel, toBillingUnit } from './billing-unit';
import { ModelInputError, priceModel, type BreakdownItem } from './charge-models';
import { groupDigits } from './decimal-field';
import { BUILT_IN_METRICS } from './metrics';
import type { Charge } from './plan-schema';
import type { MetricMargin, RateInput, Statement, StatementBreakdownItem, StatementLine } from './statement';
import { billablePart, planChangeAmount } from './proration';
import { RatingError } from './rating-error';
import { settle } from './settle';
import { validatePlan } from './validate-plan';

const ZERO = new Dec(0);
const DISPLAY_DECIMALS = 12;

function quantityText(q: Dec): string {
  return decText(q.decimalPlaces() > DISPLAY_DECIMALS ? q.toDecimalPlaces(DISPLAY_DECIMALS, Dec.ROUND_HALF_UP) : q);
}

function breakdownText(items: readonly BreakdownItem[]): StatementBreakdownItem[] {
  return items.map((b) => ({
    label: b.label,
    quantity: quantityText(b.quantity),
    unitPrice: b.unitPrice === null ? null : decText(b.unitPrice),
    flatFee: decText(b.flatFee),
    amount: decText(settle(b.amount)),
  }));
}

function nonNegative(value: string | Dec, path: string): Dec {
  let v: Dec;
  try {
    v = dec(value);
  } catch {
    throw new RatingError('invalid_usage', `${path} must be a decimal number (got "${String(value)}").`, [{ path, message: 'not a decimal number' }]);
  }
  if (v.isNegative()) throw new RatingError('invalid_usage', `${path} must not be negative (got ${v.toFixed()}).`, [{ path, message: 'negative' }]);
  return v;
}

/**
 * Rates one client's usage in one billing period under one plan version.
 * @example rateStatement({ plan, planVersionId: 7, client: { currency: 'USD' },
 *   period: { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' },
 *   usage: { interactions: { quantity: '1500', providerCost: '525' } } })
 */
export function rateStatement(input: RateInput): Statement {
  const catalog = input.metrics ?? BUILT_IN_METRICS;
  if (!isCurrencyCode(input.client.currency.toUpperCase())) {
    throw new RatingError('invalid_input', `"${input.client.currency}" is not an ISO 4217 currency code.`);
  }
  const checked = validatePlan(input.plan, { metrics: catalog });
  if (!checked.ok) {
    throw new RatingError('invalid_plan', `The plan cannot be rated: ${checked.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ')}`, checked.errors);
  }
  const plan = checked.plan;
  const currency = plan.currency;
  if (input.client.currency.toUpperCase() !== currency) {
    throw new RatingError(
      'currency_mismatch',
      `Currency mismatch: the plan is in ${currency} but the client is billed in ${input.client.currency.toUpperCase()}.`,
      [{ path: 'currency', message: 'plan and client currencies differ' }],
    );
  }
  let fx = new Dec(1);
  if (input.rateCard && input.rateCard.currency.toUpperCase() !== currency) {
    if (input.fxRate === undefined) {
      throw new RatingError(
        'currency_mismatch',
        `Currency mismatch: provider costs are in ${input.rateCard.currency.toUpperCase()} but the plan is in ${currency}; pass fxRate (${currency} per 1 ${input.rateCard.currency.toUpperCase()}).`,
      );
    }
    fx = nonNegative(input.fxRate, 'fxRate');
  }

  const periodStart = toEpochMs(input.period.start);
  const periodEnd = toEpochMs(input.period.end);
  if (periodEnd <= periodStart) throw new RatingError('invalid_input', 'The period must end after it starts.');
  const periodMs = periodEnd - periodStart;
  const round = (x: Dec) => roundMoney(x, currency);
  const { exponent } = currencyInfo(currency);

  // Trial window: [subscription start, trialEnd).
  const sub = input.subscription;
  let trialEnd: number | null = null;
  if (sub?.trialEnd !== undefined) trialEnd = toEpochMs(sub.trialEnd);
  else if (plan.trial?.days && sub?.start !== undefined) trialEnd = toEpochMs(sub.start) + plan.trial.days * 86_400_000;
  const trialStart = sub?.start === undefined ? Number.NEGATIVE_INFINITY : toEpochMs(sub.start);
  const trialOverlaps = trialEnd !== null && trialEnd > periodStart && trialStart < periodEnd;
  const periodInsideTrial = trialEnd !== null && trialStart <= periodStart && trialEnd >= periodEnd;

  const billable = billablePart(input.period, sub, trialEnd, plan.proration);

  const licenses = new Map<string, { quantity: Dec; remarks: string[] }>();
  for (const [i, a] of (input.adjustments ?? []).entries()) {
    if (a.kind !== 'free_units') continue;
    const q = nonNegative(a.quantity, `adjustments.${i}.quantity`);
    const entry = licenses.get(a.metricKey) ?? { quantity: ZERO, remarks: [] };
    licenses.set(a.metricKey, { quantity: entry.quantity.plus(q), remarks: [...entry.remarks, a.remark] });
  }

  const lines: StatementLine[] = [];
  const trialFreeUnitsUsed: Record<string, string> = {};
  const limitsExceeded: Statement['limitsExceeded'] = [];
  // Rounded amounts and exact provider costs, kept as Dec beside the text lines (no re-parsing).
  const values: Array<{ amount: Dec; cost: Dec }> = [];
  let running = ZERO;
  const line = (l: Omit<StatementLine, 'amount' | 'exactAmount' | 'providerCost'> & { exact: Dec; cost?: Dec }): StatementLine => {
    const { exact: raw, cost: rawCost, ...rest } = l;
    const exact = settle(raw);
    const amount = round(exact);
    const cost = rawCost === undefined ? ZERO : settle(rawCost);
    const built: StatementLine = { ...rest, amount: amount.toFixed(exponent), exactAmount: decText(exact), providerCost: decText(cost) };
    lines.push(built);
    values.push({ amount, cost });
    running = running.plus(amount);
    return built;
  };
  const sumAmounts = (pick: (l: StatementLine) => boolean) => lines.reduce((s, l, i) => (pick(l) ? s.plus(values[i]!.amount) : s), ZERO);

  for (const charge of plan.charges) rateCharge(charge);

  function rateCharge(charge: Charge): void {
    const key = charge.metricKey;
    const metric = catalog.find((m) => m.key === key);
    const u = input.usage[key];
    const path = `usage.${key}`;
    const qMetric = u ? nonNegative(u.quantity, `${path}.quantity`) : ZERO;
    const events = u?.events ?? 0;
    if (!Number.isSafeInteger(events) || events < 0) throw new RatingError('invalid_usage', `${path}.events must be a whole number >= 0 (got ${events}).`);
    const cost = (u?.providerCost === undefined ? ZERO : nonNegative(u.providerCost, `${path}.providerCost`)).times(fx);
    const unit = billingUnitLabel(charge.unitDivisor, metric, key);
    const name = charge.description ?? metric?.name ?? key;
    const qBill = toBillingUnit(qMetric, charge.unitDivisor, metric, periodMs);

    // Free units: trial first, then licenses; never more than the quantity.
    let trialFree = ZERO;
    const trialAllowance = plan.trial?.freeUnits?.[key];
    if (trialOverlaps && trialAllowance !== undefined) {
      const used = sub?.trialFreeUnitsUsed?.[key] === undefined ? ZERO : nonNegative(sub.trialFreeUnitsUsed[key]!, `subscription.trialFreeUnitsUsed.${key}`);
      const left = Dec.max(ZERO, dec(trialAllowance).minus(used));
      let inTrial: Dec;
      if (u?.trialQuantity !== undefined) inTrial = toBillingUnit(nonNegative(u.trialQuantity, `${path}.trialQuantity`), charge.unitDivisor, metric, periodMs);
      else if (periodInsideTrial || qMetric.isZero()) inTrial = qBill;
      else {
        throw new RatingError(
          'invalid_usage',
          `${path}.trialQuantity is required: the trial ends inside this period, so the engine must know how much "${key}" usage happened during it.`,
          [{ path: `${path}.trialQuantity`, message: 'required' }],
        );
      }
      trialFree = Dec.min(left, inTrial, qBill);
      trialFreeUnitsUsed[key] = decText(trialFree);
    }
    const license = licenses.get(key);
    if (license && charge.model.type === 'percentage') {
      throw new RatingError('invalid_input', `Free units cannot be granted on "${key}": its percentage charge has its own free amount and free events.`, [
        { path: 'adjustments', message: 'free units on a percentage charge' },
      ]);
    }
    const licenseFree = Dec.min(license?.quantity ?? ZERO, qBill.minus(trialFree));
    const free = trialFree.plus(licenseFree);
    const billableQ = qBill.minus(free);
    const notes: string[] = [];
    if (trialFree.gt(0)) notes.push(`${groupDigits(quantityText(trialFree))} free (trial)`);
    if (licenseFree.gt(0)) notes.push(`${groupDigits(quantityText(licenseFree))} free (license: ${license!.remarks.join('; ')})`);

    const limit = plan.limits?.[key];
    if (limit !== undefined && qBill.gt(dec(limit))) limitsExceeded.push({ metricKey: key, limit, quantity: quantityText(qBill) });

    let eventAmounts: Dec[] | undefined;
    if (u?.eventAmounts) {
      eventAmounts = u.eventAmounts.map((v, i) => {
        const a = nonNegative(v, `${path}.eventAmounts.${i}`);
        return charge.unitDivisor ? toBillingUnit(a, { ...charge.unitDivisor, rounding: 'exact' }, metric, periodMs) : a;
      });
    }
    // A multiplier rebills the cost of the billable part only (free units are free of their cost share too).
    const billedCost = free.isZero() || qBill.isZero() ? cost : cost.times(billableQ).div(qBill);
    let result;
    try {
      result = priceModel(charge.model, { quantity: billableQ, events, eventAmounts, providerCost: billedCost });
    } catch (e) {
      if (e instanceof ModelInputError) throw new RatingError('invalid_usage', `${name}: ${e.message}`, [{ path, message: e.message }]);
      throw e;
    }
    let exact = result.amount;
    if (charge.cap !== undefined && exact.gt(dec(charge.cap))) {
      exact = dec(charge.cap);
      notes.push(`capped at ${charge.cap}`);
    }
    const note = notes.length > 0 ? notes.join('; ') : null;
    const breakdown = breakdownText(result.breakdown);
    if (charge.model.type === 'allowance') {
      line({
        kind: 'included',
        description: `${name} — included`,
        metricKey: key,
        quantity: quantityText(result.included!),
        unit,
        unitPrice: '0',
        exact: ZERO,
        cost,
        freeQuantity: decText(free),
        breakdown: [],
        note: `${groupDigits(charge.model.included)} ${unit} included, unused units do not carry over`,
      });
      line({
        kind: 'overage',
        description: `${name} — overage`,
        metricKey: key,
        quantity: quantityText(result.overage!),
        unit,
        unitPrice: result.unitPrice !== null && exact.eq(result.amount) ? decText(result.unitPrice) : null,
        exact,
        freeQuantity: '0',
        breakdown: [],
        note,
      });
    } else {
      const exactMatchesPrice = result.unitPrice !== null && exact.eq(result.amount);
      line({
        kind: 'usage',
        description: name,
        metricKey: key,
        quantity: quantityText(billableQ),
        unit,
        unitPrice: exactMatchesPrice ? decText(result.unitPrice!) : null,
        exact,
        cost,
        freeQuantity: decText(free),
        breakdown,
        note,
      });
    }
    if (charge.minimum !== undefined) {
      const charged = sumAmounts((l) => l.metricKey === key && (l.kind === 'usage' || l.kind === 'overage'));
      const minimum = round(dec(charge.minimum));
      if (charged.lt(minimum)) {
        line({
          kind: 'charge_minimum',
          description: `${name} — minimum spend`,
          metricKey: key,
          quantity: '1',
          unit: 'period',
          unitPrice: null,
          exact: minimum.minus(charged),
            freeQuantity: '0',
          breakdown: [],
          note: `minimum ${charge.minimum} per period`,
        });
      }
    }
  }

  if (plan.usageCap !== undefined) {
    const usage = sumAmounts((l) => l.kind === 'usage' || l.kind === 'included' || l.kind === 'overage' || l.kind === 'charge_minimum');
    const cap = round(dec(plan.usageCap));
    if (usage.gt(cap)) {
      line({
        kind: 'usage_cap',
        description: 'Usage cap',
        metricKey: null,
        quantity: '1',
        unit: 'period',
        unitPrice: null,
        exact: cap.minus(usage),
        freeQuantity: '0',
        breakdown: [],
        note: `usage charges capped at ${plan.usageCap} per period`,
      });
    }
  }

  const withBaseFee = input.includeBaseFee ?? true;
  const baseFee = dec(plan.baseFee);
  if (withBaseFee && baseFee.gt(0)) {
    const full = billable.fraction.eq(1);
    line({
      kind: 'base_fee',
      description: `${plan.name} — base fee`,
      metricKey: null,
      quantity: full ? '1' : quantityText(billable.fraction.toDecimalPlaces(6, Dec.ROUND_HALF_UP)),
      unit: plan.interval,
      unitPrice: full ? decText(baseFee) : null,
      exact: baseFee.times(billable.fraction),
      freeQuantity: '0',
      breakdown: [],
      note: full
        ? null
        : billable.fraction.isZero()
          ? 'not billable this period (trial, pause or start after the period start)'
          : `prorated: ${groupDigits(Math.round(billable.billableMs / 1000))} of ${groupDigits(Math.round(billable.periodMs / 1000))} seconds`,
    });
  }

  for (const [i, a] of (input.adjustments ?? []).entries()) {
    if (a.kind !== 'plan_change') continue;
    if (plan.proration === 'next_cycle') {
      throw new RatingError('invalid_input', 'This plan applies changes at the next cycle: a mid-period plan change cannot be prorated.', [
        { path: `adjustments.${i}`, message: 'plan changes take effect next cycle' },
      ]);
    }
    const from = nonNegative(a.fromBaseFee, `adjustments.${i}.fromBaseFee`);
    const to = nonNegative(a.toBaseFee, `adjustments.${i}.toBaseFee`);
    let change;
    try {
      change = planChangeAmount(input.period, a.at, from, to);
    } catch (e) {
      throw new RatingError('invalid_input', (e as Error).message, [{ path: `adjustments.${i}.at`, message: (e as Error).message }]);
    }
    line({
      kind: 'plan_change',
      description: a.description ?? `Plan change on ${toIsoUtc(toEpochMs(a.at)).slice(0, 10)}`,
      metricKey: null,
      quantity: quantityText(change.remaining.toDecimalPlaces(6, Dec.ROUND_HALF_UP)),
      unit: plan.interval,
      unitPrice: decText(to.minus(from)),
      exact: change.amount,
      freeQuantity: '0',
      breakdown: [],
      note: 'difference between the new and the old base fee for the rest of the period',
    });
  }

  if (withBaseFee && plan.minimumCommitment !== undefined) {
    const minimum = round(dec(plan.minimumCommitment).times(billable.fraction));
    const soFar = running;
    if (soFar.lt(minimum)) {
      line({
        kind: 'minimum_true_up',
        description: 'Minimum commitment true-up',
        metricKey: null,
        quantity: '1',
        unit: 'period',
        unitPrice: null,
        exact: minimum.minus(soFar),
        freeQuantity: '0',
        breakdown: [],
        note: `minimum commitment ${plan.minimumCommitment}${billable.fraction.eq(1) ? '' : ' (prorated)'}`,
      });
    }
  }

  for (const [i, a] of (input.adjustments ?? []).entries()) {
    if (a.kind !== 'charge') continue;
    const amount = nonNegative(a.amount, `adjustments.${i}.amount`);
    line({ kind: 'adjustment', description: a.description, metricKey: null, quantity: '1', unit: 'item', unitPrice: decText(amount), exact: amount, freeQuantity: '0', breakdown: [], note: null });
  }

  let unapplied = ZERO;
  for (const [i, a] of (input.adjustments ?? []).entries()) {
    if (a.kind !== 'credit') continue;
    const credit = round(nonNegative(a.amount, `adjustments.${i}.amount`));
    const applied = Dec.min(credit, Dec.max(ZERO, running));
    unapplied = unapplied.plus(credit.minus(applied));
    line({
      kind: 'credit',
      description: a.description,
      metricKey: null,
      quantity: '1',
      unit: 'item',
      unitPrice: null,
      exact: applied.negated(),
      freeQuantity: '0',
      breakdown: [],
      note: applied.eq(credit) ? null : `${moneyText(credit.minus(applied), currency)} not applied (would take the total below zero)`,
    });
  }

  // Provider costs of metrics the plan does not charge: no revenue, but they reduce the margin.
  const charged = new Set(plan.charges.map((c) => c.metricKey));
  for (const key of Object.keys(input.usage).sort()) {
    if (charged.has(key)) continue;
    const u = input.usage[key]!;
    const cost = (u.providerCost === undefined ? ZERO : nonNegative(u.providerCost, `usage.${key}.providerCost`)).times(fx);
    if (cost.isZero()) continue;
    const metric = catalog.find((m) => m.key === key);
    line({
      kind: 'unbilled_cost',
      description: `${metric?.name ?? key} — not rebilled`,
      metricKey: key,
      quantity: quantityText(nonNegative(u.quantity, `usage.${key}.quantity`)),
      unit: metric?.unit ?? key,
      unitPrice: null,
      exact: ZERO,
      cost,
      freeQuantity: '0',
      breakdown: [],
      note: 'the plan has no charge for this metric',
    });
  }

  const subtotal = running;
  const providerCostExact = values.reduce((s, v) => s.plus(v.cost), ZERO);
  const providerCost = round(providerCostExact);
  const margin = subtotal.minus(providerCost);

  const perMetric = new Map<string, { amount: Dec; cost: Dec }>();
  lines.forEach((l, i) => {
    if (l.metricKey === null) return;
    const m = perMetric.get(l.metricKey) ?? { amount: ZERO, cost: ZERO };
    perMetric.set(l.metricKey, { amount: m.amount.plus(values[i]!.amount), cost: m.cost.plus(values[i]!.cost) });
  });
  const byMetric: MetricMargin[] = [...perMetric].map(([metricKey, m]) => ({
    metricKey,
    amount: moneyText(m.amount, currency),
    providerCost: decText(m.cost),
    margin: moneyText(m.amount.minus(round(m.cost)), currency),
  }));

  return {
    currency,
    planVersionId: input.planVersionId,
    planName: plan.name,
    rateCardId: input.rateCard?.id ?? null,
    period: { start: toIsoUtc(periodStart), end: toIsoUtc(periodEnd) },
    lines,
    subtotal: moneyText(subtotal, currency),
    providerCost: moneyText(providerCost, currency),
    providerCostExact: decText(providerCostExact),
    margin: moneyText(margin, currency),
    marginPercent: subtotal.isZero() ? null : margin.div(subtotal).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
    byMetric,
    billableFraction: decText(billable.fraction),
    unappliedCredit: moneyText(unapplied, currency),
    trialFreeUnitsUsed,
    limitsExceeded,
  };
}
