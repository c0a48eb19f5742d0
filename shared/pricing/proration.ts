// Runs anywhere. No Node, no DOM. Which part of a billing period is billable, as an exact ratio of milliseconds.
//
// Billable = inside the subscription [start, end), outside the trial [start, trialEnd), outside pauses.
// - prorate_immediately: fraction = billable ms / period ms (a start on day 16 of a 30-day month = 15/30).
// - next_cycle: the state at the period start decides the whole period (fraction 1 or 0): a subscription that
//   starts, leaves its trial or resumes mid-period is billed from the next period; one that is billable at the
//   start pays the full period even if paused or cancelled later in it (reference/004: "prorated charges are
//   not supported. The newly selected plan will take effect in the next subscription cycle").
import { Dec } from '../money/decimal';
import { toEpochMs, type InstantInput } from '../time/instant';

export type ProrationPolicy = 'prorate_immediately' | 'next_cycle';

export interface SubscriptionSpan {
  /** when the subscription began (also the trial start) */
  start?: InstantInput | undefined;
  /** when it ends (exclusive); absent = open-ended */
  end?: InstantInput | undefined;
  /** end of the trial (exclusive): defaults to start + plan trial days × 24 h */
  trialEnd?: InstantInput | undefined;
  /** paused intervals: nothing is charged while paused (reference/000 "No charges while paused") */
  pauses?: ReadonlyArray<{ start: InstantInput; end?: InstantInput | undefined }> | undefined;
}

type Span = [number, number];

/** [a, b) minus every [c, d) in `cut`, as sorted disjoint spans. */
function subtract(spans: Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const [a, b] of spans) {
    const [c, d] = cut;
    if (d <= a || c >= b) out.push([a, b]);
    else {
      if (c > a) out.push([a, c]);
      if (d < b) out.push([d, b]);
    }
  }
  return out;
}

export interface Billable {
  /** exact ratio in [0, 1] used for the base fee and the minimum commitment */
  fraction: Dec;
  billableMs: number;
  periodMs: number;
}

/** The billable part of a period under a proration policy. `trialEnd` is the resolved trial end, if any. */
export function billablePart(
  period: { start: InstantInput; end: InstantInput },
  subscription: SubscriptionSpan | undefined,
  trialEnd: number | null,
  policy: ProrationPolicy,
): Billable {
  const ps = toEpochMs(period.start);
  const pe = toEpochMs(period.end);
  if (pe <= ps) throw new Error('The period must end after it starts.');
  const periodMs = pe - ps;
  const subStart = subscription?.start === undefined ? Number.NEGATIVE_INFINITY : toEpochMs(subscription.start);
  const subEnd = subscription?.end === undefined ? Number.POSITIVE_INFINITY : toEpochMs(subscription.end);
  const from = Math.max(ps, subStart);
  const to = Math.min(pe, subEnd);
  let spans: Span[] = to > from ? [[from, to]] : [];
  if (trialEnd !== null) spans = subtract(spans, [subStart, trialEnd]);
  for (const p of subscription?.pauses ?? []) {
    spans = subtract(spans, [toEpochMs(p.start), p.end === undefined ? Number.POSITIVE_INFINITY : toEpochMs(p.end)]);
  }
  const billableMs = spans.reduce((n, [a, b]) => n + (b - a), 0);
  if (policy === 'next_cycle') {
    const atStart = spans.some(([a, b]) => a <= ps && ps < b);
    return { fraction: new Dec(atStart ? 1 : 0), billableMs: atStart ? periodMs : 0, periodMs };
  }
  return { fraction: new Dec(billableMs).div(periodMs), billableMs, periodMs };
}

/**
 * Mid-period plan change billed on the next statement (reference/002: "you are charged the difference between
 * your old and new plan rates for the remaining days in your current billing period"): exact
 * (newFee − oldFee) × remaining ms / period ms; negative for a downgrade applied immediately.
 */
export function planChangeAmount(period: { start: InstantInput; end: InstantInput }, at: InstantInput, oldFee: Dec, newFee: Dec): { amount: Dec; remaining: Dec } {
  const ps = toEpochMs(period.start);
  const pe = toEpochMs(period.end);
  const t = toEpochMs(at);
  if (t < ps || t >= pe) throw new Error('A plan change must happen inside the period it is billed in.');
  const remaining = new Dec(pe - t).div(pe - ps);
  return { amount: newFee.minus(oldFee).times(remaining), remaining };
}
